import { buildDeck } from '../deck/build-deck.ts';

/** Checks everything the build checks, and writes nothing but new diagram cache entries. */
export async function runValidate(root = process.cwd()): Promise<number> {
  const deck = await buildDeck(root);
  const questions = deck.quizzes.reduce((n, q) => n + q.quiz.questions.length, 0);
  console.log(`ok: ${deck.sections.length} sections, ${deck.diagrams.total} diagrams, ${deck.quizzes.length} quizzes with ${questions} questions`);
  return 0;
}
