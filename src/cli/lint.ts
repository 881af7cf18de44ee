import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSections } from '../deck/build-deck.ts';
import { formatIssue } from '../deck/errors.ts';
import { lineFinder, loadQuizzes, type LoadedQuiz } from '../deck/load-quizzes.ts';
import type { SourceIssue } from '../deck/errors.ts';
import { deckLanguages } from '../deck/languages.ts';
import { isSuggestion, lintQuizzes, LINT_RULES, LINT_SUGGESTIONS, type LintFinding } from '../quiz/index.ts';
import { readArgs } from './args.ts';
import { terminal, type Output } from './output.ts';

const USAGE = 'usage: npm run kit -- lint [--strict]';

/**
 * `kit lint`: the assessment checks of `docs/lint-rules.md` over every quiz of every language, as
 * `file:line: warning [rule] what is wrong. Fix: how`. Warnings fail only with `--strict`;
 * a quiz that does not validate is an error either way. What would improve a teacher's own
 * questions is listed as `info`, and fails nothing: their quiz is meant to build as it is.
 */
export async function runLint(args: string[], root = process.cwd(), out: Output = terminal): Promise<number> {
  const parsed = readArgs('lint', args, { options: { strict: { type: 'boolean', default: false } }, usage: USAGE }, out);
  if ('exit' in parsed) return parsed.exit;
  const strict = parsed.values.strict === true;
  const log = (text: string) => out.log(text);
  // Every language's quizzes, each checked against its own slides' objectives.
  const issues: SourceIssue[] = [];
  const quizzes: LoadedQuiz[] = [];
  const findings: LintFinding[] = [];
  for (const lang of deckLanguages(root)) {
    const read = readSections(root, lang);
    const loaded = loadQuizzes(root, read.sections, lang);
    issues.push(...read.issues, ...loaded.issues);
    quizzes.push(...loaded.quizzes);
    const objectives = read.sections.flatMap((s) => s.objectives.map((o) => ({ key: `${s.id}/${o.id}`, level: o.level, file: s.file, line: o.line })));
    findings.push(...lintQuizzes({ quizzes: loaded.quizzes, objectives }));
  }
  if (issues.length > 0) {
    for (const issue of issues) out.error(`${formatIssue(issue)} (error: fix it before linting)`);
    out.error(`\n${issues.length} error${issues.length === 1 ? '' : 's'}: the quizzes do not validate, so they were not linted.`);
    return 1;
  }

  const lines = new Map<string, (path: (string | number)[]) => number>();
  const lineOf = (finding: LintFinding) => {
    const { place } = finding;
    if ('line' in place) return place.line;
    if (!lines.has(place.file)) lines.set(place.file, lineFinder(readFileSync(join(root, place.file), 'utf8')));
    return lines.get(place.file)!(place.path);
  };
  const order: readonly string[] = [...LINT_RULES, ...LINT_SUGGESTIONS];
  const located = findings
    .map((f) => ({ f, line: lineOf(f) }))
    .sort((a, b) => a.f.place.file.localeCompare(b.f.place.file) || a.line - b.line || order.indexOf(a.f.rule) - order.indexOf(b.f.rule));
  const kind = strict ? 'error' : 'warning';
  for (const { f, line } of located) log(`${f.place.file}:${line}: ${isSuggestion(f) ? 'info' : kind} [${f.rule}] ${f.message}. Fix: ${f.fix}.`);

  const questions = quizzes.reduce((n, q) => n + q.quiz.questions.length, 0);
  const suggestions = findings.filter(isSuggestion);
  const warnings = findings.filter((f) => !isSuggestion(f));
  const suggested = suggestions.length > 0 ? `${suggestions.length} suggestion${suggestions.length === 1 ? '' : 's'} for the teacher's own questions (info: they fail nothing)` : '';
  if (warnings.length === 0) {
    log(`${suggested ? '\n' : ''}ok: ${quizzes.length} quizzes, ${questions} questions, ${LINT_RULES.length} rules, nothing to fix${suggested ? `; ${suggested}` : ''}`);
    return 0;
  }
  const counts = LINT_RULES.map((rule) => [rule, warnings.filter((f) => f.rule === rule).length] as const).filter(([, n]) => n > 0);
  log(
    `\n${warnings.length} ${kind}${warnings.length === 1 ? '' : 's'} in ${quizzes.length} quizzes (${counts.map(([r, n]) => `${r}: ${n}`).join(', ')}); ` +
      (strict ? 'lint --strict fails.' : 'run with --strict to fail on them. Each rule is explained in docs/lint-rules.md.') +
      (suggested ? ` And ${suggested}.` : ''),
  );
  return strict ? 1 : 0;
}
