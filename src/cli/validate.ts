import { readArgs } from './args.ts';
import { buildDecksShowingDiagrams } from './progress.ts';
import { terminal, type Output } from './output.ts';

const USAGE = 'usage: npm run kit -- validate';

/** `kit validate`: checks everything the build checks, and writes nothing but new diagram cache entries. */
export async function runValidate(args: string[], root = process.cwd(), out: Output = terminal): Promise<number> {
  const parsed = readArgs('validate', args, { options: {}, usage: USAGE }, out);
  if ('exit' in parsed) return parsed.exit;
  const decks = await buildDecksShowingDiagrams(root, out);
  const deck = decks[0]!;
  const questions = deck.quizzes.reduce((n, q) => n + q.quiz.questions.length, 0);
  const languages = decks.length > 1 ? ` in ${decks.length} languages (${decks.map((d) => d.lang).join(', ')}), each with the same slides and questions` : '';
  out.log(`ok: ${deck.sections.length} sections, ${deck.diagrams.total} diagrams, ${deck.quizzes.length} quizzes with ${questions} questions${languages}`);
  return 0;
}
