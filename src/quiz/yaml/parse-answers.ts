import { blankNames } from '../blanks.ts';
import { letterId } from '../ids.ts';
import { checkUnique, readFraction, readId, readTextOrMapping, requireFullMarks } from './parse-common.ts';
import type { ClozeBlank, ClozeChoice, NumericAnswer, TextAnswer } from '../types.ts';
import type { Located, MapView, YamlReader } from './yaml-reader.ts';

/** Parsers for typed answers: numeric answers, accepted texts, cloze blanks. */


/** `answer` ± `tolerance`, or `range`, from a mapping that holds exactly one of them. */
function readNumericTarget(view: MapView, where: string): NumericAnswer | undefined {
  const reader = view.reader;
  const hasAnswer = view.has('answer');
  const hasRange = view.has('range');
  if (hasAnswer === hasRange) {
    reader.report(
      hasAnswer ? view.pathOf('range') : view.pathOf('answer'),
      view.line,
      hasAnswer ? `${where} takes answer (with tolerance) or range, not both` : `missing: ${where} needs answer (with tolerance) or range`,
    );
    return undefined;
  }
  if (hasRange) {
    if (view.has('tolerance')) {
      reader.report(view.pathOf('tolerance'), view.lineOf('tolerance'), 'tolerance goes with answer, not with range');
    }
    return readRange(view);
  }
  const answer = view.number('answer', 'answer');
  const tolerance = view.number('tolerance', 'tolerance') ?? 0;
  if (tolerance < 0) {
    reader.report(view.pathOf('tolerance'), view.lineOf('tolerance'), `tolerance must not be negative (got ${tolerance})`);
  }
  return answer === undefined ? undefined : { answer, tolerance, fraction: 1 };
}

function readRange(view: MapView): NumericAnswer | undefined {
  const reader = view.reader;
  const at = view.get('range') as Located;
  const bounds = reader.sequence(at, 'range');
  if (!bounds) return undefined;
  const values = bounds.map((bound) => reader.number(bound, 'a range bound'));
  const [min, max] = values;
  if (values.length !== 2) {
    reader.report(at.path, at.line, `range must be [min, max], got ${values.length} values`);
    return undefined;
  }
  if (min === undefined || max === undefined) return undefined;
  if (min > max) {
    reader.report(at.path, at.line, `the range is empty: its minimum ${min} is above its maximum ${max}`);
  }
  return { range: [min, max], fraction: 1 };
}

/** The answers of a `numeric` question: `answer`/`tolerance`, `range`, or a list `answers`. */
export function readNumericAnswers(view: MapView): NumericAnswer[] {
  const reader = view.reader;
  if (!view.has('answers')) {
    const single = readNumericTarget(view, 'a numeric question');
    return single ? [single] : [];
  }
  for (const key of ['answer', 'range', 'tolerance']) {
    if (view.has(key)) reader.report(view.pathOf(key), view.lineOf(key), `${key} goes inside answers when answers is given`);
  }
  const answers: NumericAnswer[] = [];
  const located = view.list('answers', 'answers (a list of { answer, tolerance } or { range })');
  for (const at of located ?? []) {
    const entry = reader.mapping(at, 'a numeric answer');
    if (!entry) continue;
    entry.checkKeys(['answer', 'tolerance', 'range', 'fraction', 'feedback']);
    const target = readNumericTarget(entry, 'a numeric answer');
    const fraction = readFraction(entry, 0);
    const feedback = entry.text('feedback', 'feedback');
    if (target) answers.push({ ...target, fraction: fraction ?? 1, ...(feedback !== undefined ? { feedback } : {}) });
  }
  if (located?.length === 0) reader.report(view.pathOf('answers'), view.lineOf('answers'), 'a numeric question needs at least one answer');
  requireFullMarks(view, 'answers', answers.map((answer) => answer.fraction), 'a numeric question');
  return answers;
}

/** Accepted texts: plain strings, or `{ text, fraction, feedback }`. */
export function readTextAnswers(view: MapView, what: string): TextAnswer[] {
  const reader = view.reader;
  const answers: TextAnswer[] = [];
  const located = view.list('answers', 'answers (a list of accepted texts)', true);
  for (const at of located ?? []) {
    const { view: entry, text } = readTextOrMapping(reader, at, ['text', 'fraction', 'feedback'], 'text', 'an accepted answer');
    if (text === undefined) continue;
    const fraction = entry ? readFraction(entry, 0) : undefined;
    const feedback = entry?.text('feedback', 'feedback');
    answers.push({ text, fraction: fraction ?? 1, ...(feedback !== undefined ? { feedback } : {}) });
  }
  if (located?.length === 0) {
    reader.report(view.pathOf('answers'), view.lineOf('answers'), `${what} needs at least one accepted answer`);
  }
  requireFullMarks(view, 'answers', answers.map((answer) => answer.fraction), what);
  return answers;
}

function readClozeChoices(view: MapView, blankId: string): ClozeChoice[] {
  const reader = view.reader;
  const located = view.list('choices', 'choices', true) ?? [];
  const choices = located.map((at, index): ClozeChoice => {
    const keys = ['id', 'text', 'fraction', 'feedback'];
    const { view: entry, text } = readTextOrMapping(reader, at, keys, 'text', 'a choice');
    const fraction = entry ? readFraction(entry, 0) : undefined;
    const feedback = entry?.text('feedback', 'feedback');
    return {
      id: readId(entry, letterId(index)),
      text: text ?? '',
      ...(fraction !== undefined ? { fraction } : {}),
      ...(feedback !== undefined ? { feedback } : {}),
    };
  });
  checkUnique(reader, choices.map((choice, i) => ({ id: choice.id, path: `${located[i]?.path}.id`, line: located[i]?.line ?? 1 })));
  if (view.has('choices') && choices.length < 2) {
    reader.report(view.pathOf('choices'), view.lineOf('choices'), `blank "${blankId}" needs at least two choices`);
  }
  return choices;
}

function readBlank(reader: YamlReader, at: Located, id: string): ClozeBlank | undefined {
  const view = reader.mapping(at, `blank "${id}"`);
  if (!view) return undefined;
  if (view.has('choices')) {
    view.checkKeys(['choices', 'answer']);
    const choices = readClozeChoices(view, id);
    const answer = view.text('answer', 'answer: the id of the right choice', true);
    if (answer !== undefined && choices.length > 0 && !choices.some((choice) => choice.id === answer)) {
      const ids = choices.map((choice) => choice.id).join(', ');
      reader.report(view.pathOf('answer'), view.lineOf('answer'), `answer "${answer}" is not one of the choice ids (${ids})`);
    }
    return { id, kind: 'choice', choices, answer: answer ?? '' };
  }
  view.checkKeys(['answers', 'caseSensitive']);
  const answers = readTextAnswers(view, `blank "${id}"`);
  return { id, kind: 'text', answers, caseSensitive: view.boolean('caseSensitive', 'caseSensitive') ?? false };
}

/** The blanks of a cloze, in order of appearance in `text`, checking both directions. */
export function readBlanks(view: MapView, text: string | undefined): ClozeBlank[] {
  const reader = view.reader;
  const blanksAt = view.require('blanks', 'blanks: the answers of each {{blank}} of text');
  const defined = blanksAt && reader.mapping(blanksAt, 'blanks');
  if (text === undefined || !defined) return [];

  const used = blankNames(text);
  const textPath = view.pathOf('text');
  const textLine = view.lineOf('text');
  if (used.length === 0) reader.report(textPath, textLine, 'a cloze text needs at least one {{blank}}');
  used
    .filter((name, index) => used.indexOf(name) !== index)
    .forEach((name) => reader.report(textPath, textLine, `blank "${name}" is used more than once; each blank takes one answer`));
  used
    .filter((name) => !defined.has(name))
    .forEach((name) => reader.report(textPath, textLine, `blank "${name}" is used in the text but not defined in blanks`));
  defined
    .keys()
    .filter((name) => !used.includes(name))
    .forEach((name) => reader.report(defined.pathOf(name), defined.lineOf(name), `blank "${name}" is defined but not used in the text`));

  return [...new Set(used)]
    .filter((name) => defined.has(name))
    .map((name) => readBlank(reader, defined.get(name) as Located, name))
    .filter((blank): blank is ClozeBlank => blank !== undefined);
}
