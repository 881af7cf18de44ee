import type { Question, Quiz, Response, Session, TryRecord } from '../quiz/index.ts';

/**
 * What the adapter uses of the quiz engine, handed over by the deck: importing it here would
 * make the adapter's chunk import the deck's own script, which the one-file deck (every chunk
 * inlined as a `data:` module) would then run a second time.
 */
export type Engine = Pick<typeof import('../quiz/index.ts'), 'deckResult' | 'quizResult' | 'isCorrect'>;

/** The SCORM versions the deck speaks: 1.2 (`window.API`) and 2004 (`window.API_1484_11`). */
export type ScormVersion = '1.2' | '2004';

/** What the LMS is told about the deck as a whole. */
export interface DeckReport {
  /** 1.2's lesson_status; 2004's completion_status and success_status are derived from it. */
  status: 'incomplete' | 'passed' | 'failed';
  /** The share of the deck's points, as a percentage with two decimals (0–100). */
  percent: number;
  /** The share of the deck's points, 0–1 (2004's score.scaled). */
  scaled: number;
}

/**
 * The deck's standing for the LMS. A quiz is finished when each of its questions is over:
 * answered right, its tries spent, or its answer shown (as the deck shows it). Until every quiz
 * is finished the status is `incomplete`; then `passed` when every quiz reached its pass mark
 * (the results slide's "Whole deck: passed"), `failed` otherwise. The score is the share of all
 * the deck's points, after penalties, as the results slide counts it.
 */
export function deckReport(engine: Engine, quizzes: readonly Quiz[], sessions: readonly Session[], shown: Record<string, readonly string[]>): DeckReport {
  const deck = engine.deckResult(quizzes, sessions);
  const finished = quizzes.every((quiz) => {
    const result = engine.quizResult(quiz, sessions.find((s) => s.quizId === quiz.id));
    return result.questions.every((q) => q.correct || (q.tries > 0 && q.triesLeft <= 0) || (shown[quiz.id] ?? []).includes(q.id));
  });
  const status = !finished ? 'incomplete' : deck.passed ? 'passed' : 'failed';
  return { status, percent: Math.round(deck.share * 10000) / 100, scaled: Math.round(deck.share * 10000) / 10000 };
}

/** One try as a SCORM interaction, in the version's own vocabulary. */
export interface Interaction {
  id: string;
  type: 'true-false' | 'choice' | 'fill-in' | 'numeric' | 'matching' | 'sequencing';
  response: string;
  result: 'correct' | 'wrong' | 'incorrect';
  weighting: string;
  /** 1.2: `HH:MM:SS` (local); 2004: ISO time in UTC, to the hundredth. */
  time: string;
}

/**
 * An id legal in both versions (1.2's CMIIdentifier: printable ASCII, no spaces; 2004's
 * identifier types: URI characters): letters, digits, `_ - .` kept, anything else (a `:`, a
 * Chinese character) percent-encoded, so ids stay distinct.
 */
export function scormId(text: string): string {
  return [...new TextEncoder().encode(text)].map((byte) => (/[A-Za-z0-9_.-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/** 1.2 answers in single characters `0-9a-z`: the n-th thing of a list, by its place. */
const letter = (index: number) => (index < 26 ? String.fromCharCode(97 + index) : String(index - 26));

/** 2004's fill-in: texts joined by `[,]`, with a reserved delimiter inside a text broken up. */
const text2004 = (texts: readonly string[]) => texts.map((t) => t.replace(/\[([,.:])\]/g, '[ $1 ]').slice(0, 250)).join('[,]');

/** The SCORM interaction type of a question, and the learner's response in the version's format. */
function typedResponse(question: Question, response: Response, version: ScormVersion): Pick<Interaction, 'type' | 'response'> {
  const r = response as unknown as Record<string, unknown>;
  const in12 = version === '1.2';
  switch (question.type) {
    case 'truefalse':
      return { type: 'true-false', response: in12 ? (r['value'] ? 't' : 'f') : String(r['value']) };
    case 'single':
    case 'multiple': {
      const ids = question.type === 'single' ? [r['choice'] as string] : (r['choices'] as string[]);
      const place = (id: string) => question.choices.findIndex((c) => c.id === id);
      // 1.2 has 36 single characters; a longer list is written as text.
      if (in12 && question.choices.length > 36) return { type: 'fill-in', response: ids.join(',').slice(0, 255) };
      return { type: 'choice', response: in12 ? ids.map((id) => letter(place(id))).join(',') : ids.map(scormId).join('[,]') };
    }
    case 'numeric':
      return { type: 'numeric', response: String(r['value']) };
    case 'text':
      return { type: 'fill-in', response: in12 ? String(r['text']).slice(0, 255) : text2004([String(r['text'])]) };
    case 'cloze': {
      const blanks = r['blanks'] as Record<string, string>;
      const texts = question.blanks.map((b) => (b.kind === 'choice' ? (b.choices.find((c) => c.id === blanks[b.id])?.text ?? '') : (blanks[b.id] ?? '')));
      return { type: 'fill-in', response: in12 ? texts.join(',').slice(0, 255) : text2004(texts) };
    }
    case 'order': {
      const order = r['order'] as string[];
      if (in12 && question.items.length > 36) return { type: 'fill-in', response: order.join(',').slice(0, 255) };
      return { type: 'sequencing', response: in12 ? order.map((id) => letter(question.items.findIndex((i) => i.id === id))).join(',') : order.map(scormId).join('[,]') };
    }
    case 'match': {
      const matches = Object.entries(r['matches'] as Record<string, string>);
      const options = [...question.pairs.map((p) => p.id), ...question.distractors.map((d) => d.id)];
      if (in12 && options.length > 36) return { type: 'fill-in', response: matches.map(([l, x]) => `${l}.${x}`).join(',').slice(0, 255) };
      const source = (id: string) => letter(question.pairs.findIndex((p) => p.id === id));
      return {
        type: 'matching',
        response: in12 ? matches.map(([l, x]) => `${source(l)}.${letter(options.indexOf(x))}`).join(',') : matches.map(([l, x]) => `${scormId(l)}[.]${scormId(x)}`).join('[,]'),
      };
    }
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** One try as an interaction: `<quiz>.<question>`, its type, the response, right or not, its points and when. */
export function interactionOf(engine: Engine, quiz: Quiz, question: Question, record: TryRecord, version: ScormVersion): Interaction {
  const at = new Date(record.at);
  const time = version === '1.2' ? `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}` : `${record.at.slice(0, 22)}Z`;
  return {
    id: scormId(`${quiz.id}.${question.id}`),
    ...typedResponse(question, record.response, version),
    result: engine.isCorrect(record.fraction) ? 'correct' : version === '1.2' ? 'wrong' : 'incorrect',
    weighting: String(question.points),
    time,
  };
}

/** SCORM's time spent: 1.2 `HHHH:MM:SS`, 2004 `PT#H#M#S`. */
export function sessionTime(ms: number, version: ScormVersion): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  return version === '1.2' ? `${String(h).padStart(4, '0')}:${pad(m)}:${pad(s)}` : `PT${h}H${m}M${s}S`;
}
