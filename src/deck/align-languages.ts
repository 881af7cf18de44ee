/**
 * One learner, one progress, any language: a response saved in one language must grade the
 * same in the other, since progress is kept by quiz and question, not by language. Two things
 * a translation may change would break that, and are aligned here for the deck and `kit results`:
 *
 * - a cloze blank's name (`{{长板}}` for `{{long}}`): each language's blanks take the default
 *   language's names, matched by kind in order (the parity check keeps kinds and choices alike),
 *   so a saved `{ blanks: { long: … } }` fits every language;
 * - typed answers: a language accepts its own answers first, then the full- or part-credit
 *   answers of the other languages, so "domestic" typed in English is still right on the Chinese
 *   page, and 国内大循环 on the English one.
 *
 * Authored files are not touched: validation, lint and the exports read them as written.
 */
import type { ClozeBlank, ClozeQuestion, Question, TextAnswer } from '../quiz/index.ts';
import type { LoadedQuiz } from './load-quizzes.ts';

/** The quizzes of each language, the default language first. */
export interface LanguageQuizzes {
  lang: string;
  quizzes: LoadedQuiz[];
}

const RE_BLANK = /\{\{\s*([^{}]+?)\s*\}\}/g;

/** Answers of `other` (in `lang`) that `own` lacks, with credit, without the other language's feedback, marked with their language. */
function borrowed(own: readonly TextAnswer[], other: readonly { lang: string; answers: readonly TextAnswer[] }[]): TextAnswer[] {
  const known = new Set(own.map((a) => a.text));
  return other.flatMap(({ lang, answers }) => answers.filter((a) => a.fraction > 0 && !a.lang && !known.has(a.text)).map((a) => ({ text: a.text, fraction: a.fraction, lang })));
}

/** Pairs each blank of `blanks` with a blank of `base`: the same kind (and, for a list, the same answer and length), in order. */
function pairBlanks(base: readonly ClozeBlank[], blanks: readonly ClozeBlank[]): Map<ClozeBlank, ClozeBlank> | undefined {
  const free = [...base];
  const pairs = new Map<ClozeBlank, ClozeBlank>();
  for (const blank of blanks) {
    const at = free.findIndex(
      (b) => b.kind === blank.kind && (b.kind === 'text' || (blank.kind === 'choice' && b.answer === blank.answer && b.choices.length === blank.choices.length)),
    );
    if (at < 0) return undefined;
    pairs.set(blank, free.splice(at, 1)[0]!);
  }
  return pairs;
}

/** The cloze `question` with its blanks named as `base` names them, and the other's typed answers borrowed. */
/** The same question in another language. */
interface Counterpart<Q extends Question = Question> {
  lang: string;
  question: Q;
}

function alignCloze(question: ClozeQuestion, others: readonly Counterpart<ClozeQuestion>[], base: ClozeQuestion): ClozeQuestion {
  const pairs = question === base ? new Map(base.blanks.map((b) => [b, b])) : pairBlanks(base.blanks, question.blanks);
  if (!pairs) return question; // the parity check reports the difference
  const renamed = new Map([...pairs].map(([own, theirs]) => [own.id, theirs.id]));
  /** The blank of `other` that stands where `base` has the blank `id`. */
  const counterpart = (other: ClozeQuestion, id: string) => {
    if (other === base) return base.blanks.find((b) => b.id === id);
    const theirs = pairBlanks(base.blanks, other.blanks);
    return theirs && [...theirs].find(([, b]) => b.id === id)?.[0];
  };
  const blanks = question.blanks.map((blank): ClozeBlank => {
    const id = renamed.get(blank.id)!;
    if (blank.kind !== 'text') return { ...blank, id };
    const elsewhere = others.flatMap((other) => {
      const match = counterpart(other.question, id);
      return match?.kind === 'text' ? [{ lang: other.lang, answers: match.answers }] : [];
    });
    return { ...blank, id, answers: [...blank.answers, ...borrowed(blank.answers, elsewhere)] };
  });
  const text = question.text.replace(RE_BLANK, (whole, name: string) => (renamed.has(name.trim()) ? `{{${renamed.get(name.trim())}}}` : whole));
  return { ...question, text, blanks };
}

/** One question aligned with the same question in the other languages (`base` is the default language's). */
function alignQuestion(question: Question, others: readonly Counterpart[], base: Question): Question {
  if (question.type === 'text') {
    const elsewhere = others.flatMap(({ lang, question: other }) => (other.type === 'text' ? [{ lang, answers: other.answers }] : []));
    return { ...question, answers: [...question.answers, ...borrowed(question.answers, elsewhere)] };
  }
  if (question.type === 'cloze' && base.type === 'cloze') {
    const clozes = others.filter((o): o is Counterpart<ClozeQuestion> => o.question.type === 'cloze');
    return alignCloze(question, clozes, base);
  }
  return question;
}

/**
 * The quizzes of `lang`, aligned with every other language's (see above). A question missing
 * from a language is left as it is: the parity check reports it.
 */
export function alignLanguages(all: readonly LanguageQuizzes[], lang: string): LoadedQuiz[] {
  const base = all[0]!;
  const mine = all.find((l) => l.lang === lang)!;
  const find = (l: LanguageQuizzes, quizId: string, questionId: string) => l.quizzes.find((q) => q.quiz.id === quizId)?.quiz.questions.find((q) => q.id === questionId);
  return mine.quizzes.map((loaded) => ({
    ...loaded,
    quiz: {
      ...loaded.quiz,
      questions: loaded.quiz.questions.map((question) => {
        const baseQuestion = find(base, loaded.quiz.id, question.id);
        if (!baseQuestion || baseQuestion.type !== question.type) return question;
        const others = all.filter((l) => l !== mine).flatMap((l) => {
          const other = find(l, loaded.quiz.id, question.id);
          return other ? [{ lang: l.lang, question: other }] : [];
        });
        return alignQuestion(question, others, baseQuestion);
      }),
    },
  }));
}
