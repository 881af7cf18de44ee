import { distractorId, letterId } from './ids.ts';
import { blankNames } from './blanks.ts';
import type { ClozeBlank, NumericAnswer, Question, Quiz, TextAnswer } from './types.ts';

/**
 * Questions and quizzes built in code (tests, tools) are often written as in the YAML, with
 * defaults left out: `answer:`/`tolerance:` instead of an `answers` list, strings for texts,
 * no ids. The engine's functions accept both and work on the canonical form made here, which
 * is what `parseQuizBank` returns; canonical input comes back unchanged in meaning.
 */

type Loose = Record<string, unknown>;

const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const entry = (value: unknown): Loose => (isObject(value) ? value : { text: value });

function withId(value: unknown, index: number, make: (i: number) => string = letterId): Loose {
  const item = entry(value);
  return { ...item, id: typeof item['id'] === 'string' ? item['id'] : make(index) };
}

function textAnswers(value: unknown): TextAnswer[] {
  return list(value).map((answer) => {
    const item = entry(answer);
    return { ...item, text: String(item['text']), fraction: typeof item['fraction'] === 'number' ? item['fraction'] : 1 } as TextAnswer;
  });
}

function numericAnswer(value: Loose): NumericAnswer {
  const fraction = typeof value['fraction'] === 'number' ? value['fraction'] : 1;
  const feedback = typeof value['feedback'] === 'string' ? { feedback: value['feedback'] } : {};
  if (Array.isArray(value['range'])) return { range: value['range'] as [number, number], fraction, ...feedback };
  return { answer: Number(value['answer']), tolerance: typeof value['tolerance'] === 'number' ? value['tolerance'] : 0, fraction, ...feedback };
}

function clozeBlanks(text: string, blanks: unknown): ClozeBlank[] {
  if (Array.isArray(blanks)) return blanks as ClozeBlank[];
  const defined = isObject(blanks) ? blanks : {};
  const names = [...new Set(blankNames(text))];
  return names.map((name): ClozeBlank => {
    const blank = entry(defined[name]);
    if (Array.isArray(blank['choices'])) {
      return { id: name, kind: 'choice', choices: blank['choices'].map((c, i) => withId(c, i)) as never, answer: String(blank['answer']) };
    }
    return { id: name, kind: 'text', answers: textAnswers(blank['answers']), caseSensitive: blank['caseSensitive'] === true };
  });
}

/** The loose objects below are built to the canonical types; the compiler cannot follow that. */
const typed = (value: Loose): Question => value as unknown as Question;

/** A question in canonical form: defaults filled in, authored shorthands expanded. */
export function normaliseQuestion(input: Question): Question {
  const q = input as unknown as Loose;
  const base = { ...q, points: typeof q['points'] === 'number' ? q['points'] : 1, prompt: typeof q['prompt'] === 'string' ? q['prompt'] : '' };
  switch (input.type) {
    case 'single':
    case 'multiple':
      return typed({
        ...base,
        choices: list(q['choices']).map((c, i) => {
          const choice = withId(c, i);
          return { ...choice, correct: choice['correct'] === true || (choice['correct'] === undefined && choice['fraction'] === 1) };
        }),
        ...(input.type === 'multiple' ? { scoring: q['scoring'] ?? 'partial' } : {}),
      });
    case 'numeric':
      return typed({ ...base, answers: Array.isArray(q['answers']) ? q['answers'].map((a) => numericAnswer(entry(a))) : [numericAnswer(q)] });
    case 'text':
      return typed({ ...base, answers: textAnswers(q['answers']), caseSensitive: q['caseSensitive'] === true });
    case 'order':
      return typed({ ...base, items: list(q['items']).map((item, i) => withId(item, i)), scoring: q['scoring'] ?? 'partial' });
    case 'match':
      return typed({
        ...base,
        pairs: list(q['pairs']).map((pair, i) => withId(pair, i)),
        distractors: list(q['distractors']).map((d, i) => withId(d, i, distractorId)),
      });
    case 'cloze':
      return typed({ ...base, blanks: clozeBlanks(String(q['text'] ?? ''), q['blanks']) });
    default:
      return typed(base);
  }
}

/** A quiz in canonical form: pass 0.7, shuffle true, attempts 0, penalty 0 unless given. */
export function normaliseQuiz(input: Quiz): Quiz {
  const q = input as unknown as Loose;
  const number = (key: string, fallback: number): number => (typeof q[key] === 'number' ? (q[key] as number) : fallback);
  return {
    ...input,
    pass: number('pass', 0.7),
    shuffle: q['shuffle'] !== false,
    attempts: number('attempts', 0),
    penalty: number('penalty', 0),
    questions: list(q['questions']).map((question) => normaliseQuestion(question as Question)),
  };
}
