/**
 * Item statistics after class: for each question of each quiz, how easy it was (facility), how
 * well it tells apart the learners who did well from those who did not (discrimination), what
 * each learner answered, and plain flags for what a teacher may want to rewrite. The figures are
 * Moodle's quiz statistics, so a teacher who knows that report reads these the same way.
 * Pure data in, plain data out (JSON-safe: `null`, never `undefined`, for a figure that cannot be
 * computed): the CLI reads learners from results files, the classroom server from its database.
 */
import { replaceBlanks } from './blanks.ts';
import { isCorrect, snap } from './fraction.ts';
import { grade } from './grade.ts';
import { unhandled } from './never.ts';
import { quizResult } from './results.ts';
import { triesAt, type Session } from './session.ts';
import { normaliseText } from './text-match.ts';
import type { ClozeQuestion, MatchQuestion, Question, QuestionType, Quiz, Response, ResponseByType } from './types.ts';

/** What a flag says about a question; `ITEM_FLAGS` gives each its words. */
export type ItemFlagCode = 'unpicked-distractor' | 'strong-students-miss' | 'too-easy' | 'too-hard';

/** A flag's name and what it means, for a report's legend. */
export interface ItemFlagMeaning {
  code: ItemFlagCode;
  name: string;
  meaning: string;
}

/**
 * The flags a report can raise, in the order a report lists them. Part of every report's data,
 * so the terminal, the CSV and the classroom's page use the same words without importing them.
 */
export const ITEM_FLAGS: readonly ItemFlagMeaning[] = [
  {
    code: 'unpicked-distractor',
    name: 'distractor nobody picks',
    meaning: 'a wrong option that no learner chose, though some answered: it distracts no one, so make it more plausible or replace it',
  },
  {
    code: 'strong-students-miss',
    name: 'strong students miss it',
    meaning: 'the discrimination index is below 0: learners who did well on the rest of the quiz did worse on this question than those who did poorly; check the key and the wording',
  },
  {
    code: 'too-easy',
    name: 'very easy',
    meaning: 'facility above 90: nearly everyone scored; fine as a warm-up, but it tells learners apart little',
  },
  {
    code: 'too-hard',
    name: 'very hard',
    meaning: 'facility below 20 (among questions someone answered): nearly no one scored; check that it was taught and that the key is right',
  },
];

/** Facility above this is "very easy", below `HARD_BELOW` "very hard" (both out of 100). */
export const EASY_ABOVE = 90;
export const HARD_BELOW = 20;

/** A flag raised on one question, with its words and, for a distractor, which options. */
export interface ItemFlag {
  code: ItemFlagCode;
  /** The flag's name, then any detail: `distractor nobody picks: “About half”`. */
  text: string;
}

/** How many learners gave one answer: a choice, a typed answer, an order, a pair's match. */
export interface OptionStats {
  /** The choice's (or match side's) id; none for typed answers and orders. */
  id?: string;
  /** For a cloze, the blank's id; for a match, the left side's text. */
  part?: string;
  /** The choice's text, the typed answer (normalised), or the order's items joined by " → ". */
  label: string;
  /** Whether it is (part of) a right answer; left out where rightness is not one option's. */
  correct?: boolean;
  /** Learners whose counting try gave it. */
  count: number;
  /** `count` out of the learners who answered the question, ×100. */
  share: number;
}

/** One question's statistics over the learners counted for its quiz. */
export interface QuestionStats {
  id: string;
  type: QuestionType;
  /** The prompt's Markdown (a cloze without a prompt: its text, blanks shown as `___`). */
  prompt: string;
  maxScore: number;
  /** Learners counted (those with a session for the quiz); an unanswered question scores 0. */
  n: number;
  /** Learners who answered it at least once: the base of each option's share. */
  answered: number;
  /** Mean score as a share of `maxScore`, ×100; null without learners or points. */
  facility: number | null;
  /** 100 × r(question score, rest of the quiz); null when either has no variance or n < 2. */
  discrimination: number | null;
  options: OptionStats[];
  flags: ItemFlag[];
}

export interface QuizStats {
  id: string;
  title: string;
  /** Learners with a session for this quiz. */
  learners: number;
  /** Mean quiz score in points, null without learners. */
  mean: number | null;
  maxScore: number;
  questions: QuestionStats[];
}

/** The whole report: every quiz given, and the flags' words for its legend. */
export interface ItemStatistics {
  quizzes: QuizStats[];
  flags: readonly ItemFlagMeaning[];
}

/** One learner's standing at a question: the score that counts and the response of the last try. */
interface Answer {
  score: number;
  rest: number;
  /** The last try's response, or undefined when the learner never answered. */
  response?: Response;
}

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

/** Whether every value is the same: no variance, so no correlation (exact, not a float that is nearly 0). */
const constant = (values: readonly number[]) => values.every((v) => v === values[0]);

/**
 * Moodle's discrimination index: the Pearson correlation, ×100, between the question's score x
 * and the rest of the quiz X = quiz total − x, over the s learners:
 *
 *   DI = 100 · C(x, X) / √(V(x) · V(X)),  C(x, X) = Σ (xᵢ − x̄)(Xᵢ − X̄) / (s − 1),  V(x) = Σ (xᵢ − x̄)² / (s − 1)
 *
 * (the (s − 1) cancel). As Moodle's `question/classes/statistics/questions/calculator.php`
 * (and https://docs.moodle.org/dev/Quiz_statistics_calculations), it is undefined (null) when
 * s < 2 or V(x) · V(X) = 0. Scores are in points, with penalties. Clamped to [−100, 100], so
 * rounding never shows 100.00000000000001.
 */
export function discriminationIndex(scores: readonly number[], rests: readonly number[]): number | null {
  if (scores.length < 2 || constant(scores) || constant(rests)) return null;
  const [x, X] = [mean(scores), mean(rests)];
  let [cov, vx, vX] = [0, 0, 0];
  scores.forEach((score, i) => {
    const [dx, dX] = [score - x, rests[i]! - X];
    cov += dx * dX;
    vx += dx * dx;
    vX += dX * dX;
  });
  return Math.max(-100, Math.min(100, (100 * cov) / Math.sqrt(vx * vX)));
}

/** Moodle's facility index: the mean score as a share of the maximum, ×100. */
export function facilityIndex(scores: readonly number[], maxScore: number): number | null {
  return scores.length === 0 || maxScore <= 0 ? null : (100 * mean(scores)) / maxScore;
}

/** A prompt as one line of text: a cloze without a prompt shows its text, blanks as `___`. */
function promptText(question: Question): string {
  const text = question.prompt || (question.type === 'cloze' ? replaceBlanks(question.text, () => '___') : '');
  return text.replace(/\s+/g, ' ').trim();
}

/** `count` of `of`, ×100; 0 of nobody is 0. */
const percent = (count: number, of: number) => (of > 0 ? (100 * count) / of : 0);

/** Counts fixed options (choices) by id, in authored order, zeros included. */
function fixedOptions(
  options: readonly { id: string; label: string; correct: boolean }[],
  chosen: readonly string[],
  answered: number,
  part?: string,
): OptionStats[] {
  return options.map(({ id, label, correct }) => {
    const count = chosen.filter((c) => c === id).length;
    return { id, ...(part === undefined ? {} : { part }), label, correct, count, share: percent(count, answered) };
  });
}

/** Counts free answers (typed text, numbers, orders) by a key, most common first. */
function freeOptions(given: readonly { key: string; label: string; correct: boolean }[], answered: number, part?: string): OptionStats[] {
  const groups = new Map<string, OptionStats>();
  for (const { key, label, correct } of given) {
    const group = groups.get(key) ?? { ...(part === undefined ? {} : { part }), label, correct, count: 0, share: 0 };
    group.count++;
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((o) => ({ ...o, share: percent(o.count, answered) }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

/** The responses of one type, from the learners who answered. */
const responsesOf = <T extends QuestionType>(answers: readonly Answer[]) =>
  answers.flatMap((a) => (a.response === undefined ? [] : [a.response as ResponseByType[T]]));

/** Per pair: every right side (the pairs', then the distractors'), the one whose text is the pair's right marked. */
function matchOptions(question: MatchQuestion, answers: readonly Answer[], answered: number): OptionStats[] {
  const rights = [...question.pairs.map((p) => ({ id: p.id, label: p.right })), ...question.distractors.map((d) => ({ id: d.id, label: d.text }))];
  const responses = responsesOf<'match'>(answers);
  return question.pairs.flatMap((pair) =>
    fixedOptions(
      rights.map((r) => ({ ...r, correct: r.label === pair.right })),
      responses.flatMap((r) => (Object.hasOwn(r.matches, pair.id) ? [r.matches[pair.id]!] : [])),
      answered,
      pair.left,
    ),
  );
}

/** Per blank: a choice blank's choices in authored order, a text blank's distinct typed answers. */
function clozeOptions(question: ClozeQuestion, answers: readonly Answer[], answered: number): OptionStats[] {
  const responses = responsesOf<'cloze'>(answers);
  return question.blanks.flatMap((blank) => {
    const filled = responses.flatMap((r) => (Object.hasOwn(r.blanks, blank.id) && r.blanks[blank.id]!.trim() !== '' ? [r.blanks[blank.id]!] : []));
    if (blank.kind === 'choice') {
      return fixedOptions(blank.choices.map((c) => ({ id: c.id, label: c.text, correct: c.id === blank.answer })), filled, answered, blank.id);
    }
    const typed = filled.map((text) => ({ key: normaliseText(text), label: normaliseText(text), correct: isCorrect(grade(question, { blanks: { [blank.id]: text } }).parts?.[blank.id] ?? 0) }));
    return freeOptions(typed, answered, blank.id);
  });
}

/** What the learners who answered gave, from each one's counting (last) try. */
function optionStats(question: Question, answers: readonly Answer[], answered: number): OptionStats[] {
  switch (question.type) {
    case 'single':
      return fixedOptions(question.choices.map((c) => ({ id: c.id, label: c.text, correct: c.correct })), responsesOf<'single'>(answers).map((r) => r.choice), answered);
    case 'multiple':
      return fixedOptions(question.choices.map((c) => ({ id: c.id, label: c.text, correct: c.correct })), responsesOf<'multiple'>(answers).flatMap((r) => [...new Set(r.choices)]), answered);
    case 'truefalse':
      return fixedOptions(
        [
          { id: 'true', label: 'True', correct: question.answer },
          { id: 'false', label: 'False', correct: !question.answer },
        ],
        responsesOf<'truefalse'>(answers).map((r) => String(r.value)),
        answered,
      );
    case 'numeric':
      return freeOptions(responsesOf<'numeric'>(answers).map((r) => ({ key: String(r.value), label: String(r.value), correct: isCorrect(grade(question, r).fraction) })), answered);
    case 'text':
      return freeOptions(responsesOf<'text'>(answers).map((r) => ({ key: normaliseText(r.text), label: normaliseText(r.text), correct: isCorrect(grade(question, r).fraction) })), answered);
    case 'order': {
      const text = new Map(question.items.map((item) => [item.id, item.text]));
      const right = question.items.map((item) => item.id).join('\u0000');
      return freeOptions(
        responsesOf<'order'>(answers).map((r) => ({ key: r.order.join('\u0000'), label: r.order.map((id) => text.get(id) ?? id).join(' → '), correct: r.order.join('\u0000') === right })),
        answered,
      );
    }
    case 'match':
      return matchOptions(question, answers, answered);
    case 'cloze':
      return clozeOptions(question, answers, answered);
    default:
      return unhandled(question, 'question type');
  }
}

/** Wrong options nobody chose; for a match, only its distractors (no pair's right side) nobody used. */
function unpickedDistractors(question: Question, options: readonly OptionStats[]): OptionStats[] {
  if (question.type === 'match') {
    return question.distractors
      .filter((d) => !options.some((o) => o.id === d.id && o.count > 0))
      .map((d) => ({ id: d.id, label: d.text, count: 0, share: 0 }));
  }
  return options.filter((o) => o.id !== undefined && o.correct === false && o.count === 0);
}

const flagName = (code: ItemFlagCode) => ITEM_FLAGS.find((f) => f.code === code)!.name;

/** The plain flags of a question, in the legend's order. */
function flagsOf(question: Question, stats: Omit<QuestionStats, 'flags'>): ItemFlag[] {
  const flags: ItemFlag[] = [];
  const unpicked = stats.answered > 0 ? unpickedDistractors(question, stats.options) : [];
  if (unpicked.length) {
    const named = unpicked.map((o) => `“${o.label}”${question.type === 'cloze' ? ` (blank ${o.part})` : ''}`);
    flags.push({ code: 'unpicked-distractor', text: `${flagName('unpicked-distractor')}: ${named.join(', ')}` });
  }
  if (stats.discrimination !== null && stats.discrimination < 0) flags.push({ code: 'strong-students-miss', text: flagName('strong-students-miss') });
  // A question nobody answered scores 0 for all, which says nothing about how hard it is.
  const facility = stats.answered > 0 ? stats.facility : null;
  if (facility !== null && facility > EASY_ABOVE) flags.push({ code: 'too-easy', text: flagName('too-easy') });
  if (facility !== null && facility < HARD_BELOW) flags.push({ code: 'too-hard', text: flagName('too-hard') });
  return flags;
}

/** Each counted learner's score at every question, the rest of their quiz, and their last response. */
function answersByQuestion(quiz: Quiz, sessions: readonly Session[]): Answer[][] {
  const results = sessions.map((session) => quizResult(quiz, session));
  return quiz.questions.map((question, q) =>
    sessions.map((session, s) => {
      const result = results[s]!;
      const score = result.questions[q]!.score;
      const last = triesAt(session, question.id).at(-1);
      return { score, rest: snap(result.score - score), ...(last ? { response: last.response } : {}) };
    }),
  );
}

/** One quiz's statistics over the learners who have a session for it. */
function quizStats(quiz: Quiz, learners: readonly { sessions: readonly Session[] }[]): QuizStats {
  const sessions = learners.flatMap((l) => l.sessions.find((s) => s.quizId === quiz.id) ?? []);
  const answers = answersByQuestion(quiz, sessions);
  const totals = sessions.map((session) => quizResult(quiz, session).score);
  const questions = quiz.questions.map((question, q): QuestionStats => {
    const mine = answers[q]!;
    const scores = mine.map((a) => a.score);
    const answered = mine.filter((a) => a.response !== undefined).length;
    const stats = {
      id: question.id,
      type: question.type,
      prompt: promptText(question),
      maxScore: question.points,
      n: mine.length,
      answered,
      facility: facilityIndex(scores, question.points),
      discrimination: discriminationIndex(scores, mine.map((a) => a.rest)),
      options: optionStats(question, mine, answered),
    };
    return { ...stats, flags: flagsOf(question, stats) };
  });
  return {
    id: quiz.id,
    title: quiz.title,
    learners: sessions.length,
    mean: totals.length ? mean(totals) : null,
    maxScore: snap(quiz.questions.reduce((sum, q) => sum + q.points, 0)),
    questions,
  };
}

/**
 * Item statistics of every quiz given, over the learners given. A learner without a session for
 * a quiz is not counted for it; one with a session who left a question unanswered scores 0 on it
 * (as Moodle counts it). Scores are the engine's (`quizResult`: best try, after penalties); the
 * options count each learner's last try, the answer they ended with.
 * @example itemStatistics(quizzes, learners).quizzes[0].questions[0].facility // 60
 */
export function itemStatistics(quizzes: readonly Quiz[], learners: readonly { sessions: readonly Session[] }[]): ItemStatistics {
  return { quizzes: quizzes.map((quiz) => quizStats(quiz, learners)), flags: ITEM_FLAGS };
}
