import { safeParse } from 'valibot';
import { QuizValidationError, type ValidationIssue } from '../errors.ts';
import type { QuestionInput, QuizInput } from '../input-types.ts';
import { normaliseQuiz } from '../normalise.ts';
import type { Quiz } from '../types.ts';
import { questionRules, quizRules } from './quiz-rules.ts';
import { isValueKey, quizSchemas } from './quiz-schema.ts';
import { formatPath, isMapping, issueKeys } from './schema-kit.ts';
import { readYamlData, type DataPath } from './yaml-data.ts';

/**
 * Reads one quiz file. Returns the canonical quiz with defaults filled in (pass 0.7, shuffle true,
 * attempts 0, penalty 0, points 1, ids a, b, c, …), or throws `QuizValidationError` listing
 * every problem, not only the first, as `<fileName>:<line>: <path>: <message>`.
 * @example parseQuizBank(readFileSync(file, 'utf8'), 'quizzes/traditional.yaml')
 */
export function parseQuizBank(text: string, fileName: string): Quiz {
  const yaml = readYamlData(text, isValueKey);
  const issues: ValidationIssue[] = [...yaml.issues];
  const report = (path: DataPath, message: string): void => void issues.push({ path: formatPath(path), line: yaml.lineAt(path), message });

  if (yaml.data === undefined) {
    if (issues.length === 0) report([], 'the file is empty; expected a quiz with id, title and questions');
    throw new QuizValidationError(fileName, issues);
  }
  const schemas = quizSchemas();
  for (const issue of safeParse(schemas.quiz, yaml.data).issues ?? []) report(issueKeys(issue), issue.message);

  // Each question is read on its own, so one of the wrong shape does not hide another's problems.
  const questions = isMapping(yaml.data) && Array.isArray(yaml.data['questions']) ? (yaml.data['questions'] as unknown[]) : [];
  questions.forEach((question, index) => {
    const at = ['questions', index];
    const result = safeParse(schemas.question, question);
    for (const issue of result.issues ?? []) report([...at, ...issueKeys(issue)], issue.message);
    if (result.typed) for (const rule of questionRules(question as QuestionInput, at)) report(rule.path, rule.message);
  });
  for (const rule of quizRules(questions)) report(rule.path, rule.message);

  if (issues.length > 0) throw new QuizValidationError(fileName, issues.sort((a, b) => a.line - b.line));
  // The schema and the rules together guarantee the authored shape (which numeric keys go together is a rule, not a type).
  return normaliseQuiz(yaml.data as QuizInput);
}
