import { stringify } from 'yaml';
import type { Choice, ClozeBlank, NumericAnswer, Question, Quiz, TextAnswer } from '../types.ts';
import { unhandled } from '../never.ts';

type Authored = Record<string, unknown>;

/** Drops the keys whose value is undefined, so the YAML says only what was given. */
function defined(entries: Authored): Authored {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
}

const choice = (c: Choice): Authored =>
  defined({ id: c.id, text: c.text, ...(c.fraction === undefined ? { correct: c.correct || undefined } : { fraction: c.fraction }), feedback: c.feedback });

const textAnswer = (a: TextAnswer): Authored | string =>
  a.fraction === 1 && !a.feedback ? a.text : defined({ text: a.text, fraction: a.fraction, feedback: a.feedback });

const numericAnswer = (a: NumericAnswer): Authored =>
  defined({ ...('range' in a ? { range: a.range } : { answer: a.answer, tolerance: a.tolerance }), fraction: a.fraction, feedback: a.feedback });

function blank(b: ClozeBlank): Authored {
  if (b.kind === 'choice') {
    return { choices: b.choices.map((c) => defined({ id: c.id, text: c.text, fraction: c.fraction, feedback: c.feedback })), answer: b.answer };
  }
  return defined({ answers: b.answers.map(textAnswer), caseSensitive: b.caseSensitive || undefined });
}

/** A question in the authored form of QUIZ-FORMAT.md. */
function authoredQuestion(q: Question): Authored {
  const base = { id: q.id, type: q.type, points: q.points, title: q.title, category: q.category, prompt: q.prompt };
  const tail = { explanation: q.explanation, hint: q.hint, slide: q.slide, source: q.source, objective: q.objective, level: q.level };
  const body = (() => {
    switch (q.type) {
      case 'single':
        return { choices: q.choices.map(choice) };
      case 'multiple':
        return { scoring: q.scoring, choices: q.choices.map(choice) };
      case 'truefalse':
        return { answer: q.answer, feedbackTrue: q.feedbackTrue, feedbackFalse: q.feedbackFalse };
      case 'numeric':
        return { answers: q.answers.map(numericAnswer), otherFeedback: q.otherFeedback };
      case 'text':
        return { answers: q.answers.map(textAnswer), caseSensitive: q.caseSensitive || undefined };
      case 'order':
        return { scoring: q.scoring, items: q.items.map((i) => ({ id: i.id, text: i.text })) };
      case 'match':
        return { pairs: q.pairs.map((p) => ({ id: p.id, left: p.left, right: p.right })), distractors: q.distractors.length ? q.distractors.map((d) => ({ id: d.id, text: d.text })) : undefined };
      case 'cloze':
        return { text: q.text, blanks: Object.fromEntries(q.blanks.map((b) => [b.id, blank(b)])) };
      default:
        return unhandled(q, 'question type');
    }
  })();
  return defined({ ...base, ...body, ...tail });
}

/**
 * Writes a quiz as a `quizzes/*.yaml` file that `parseQuizBank` reads back to the same quiz.
 * @example writeFileSync('quizzes/imported.yaml', toQuizYaml(quiz))
 */
export function toQuizYaml(quiz: Quiz): string {
  const authored = defined({
    id: quiz.id,
    title: quiz.title,
    after: quiz.after,
    pass: quiz.pass,
    shuffle: quiz.shuffle,
    attempts: quiz.attempts,
    penalty: quiz.penalty,
    own: quiz.own || undefined,
    questions: quiz.questions.map(authoredQuestion),
  });
  return stringify(authored, { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' });
}
