import { replaceBlanks, writeBlank } from '../blanks.ts';
import type { GiftIssue } from '../errors.ts';
import { isPlainObject } from '../response-shape.ts';
import { QUESTION_LEVELS, type Question, type QuestionLevel, type Scoring } from '../types.ts';
import { unhandled } from '../never.ts';

/**
 * What GIFT has no place for, carried in a comment line `// @kit {json}` before a question, so
 * that `parseGift(toGift(q))` gives back `q`'s ids, points and rules. Moodle skips comments, so
 * the file stays plain GIFT for it.
 */
export interface GiftMeta {
  id?: string;
  points?: number;
  /** A cloze's prompt (GIFT's missing-word text holds only the text with the blank). */
  prompt?: string;
  hint?: string;
  slide?: string;
  source?: string;
  objective?: string;
  level?: string;
  caseSensitive?: boolean;
  /** For `multiple` questions written with weights but authored without them. */
  scoring?: Scoring;
  /** Ids that differ from the defaults (a, b, c…; x1, x2…; blank `a`). */
  ids?: {
    choices?: string[];
    pairs?: string[];
    distractors?: string[];
    blank?: string;
    blankChoices?: string[];
  };
}

const RE_META = /^\s*\/\/\s*@kit\s+(.*)$/;

/** Merges a `// @kit {json}` comment into `meta`; other comments are ignored. */
export function readMeta(line: string, lineNumber: number, meta: GiftMeta, problems: GiftIssue[]): void {
  const match = RE_META.exec(line);
  if (!match) return;
  try {
    const data: unknown = JSON.parse(match[1] as string);
    if (!isPlainObject(data)) throw new SyntaxError('not an object');
    Object.assign(meta, data);
  } catch {
    problems.push({ line: lineNumber, message: 'expected a JSON object after "// @kit"' });
  }
}

const isText = (value: unknown): value is string => typeof value === 'string';
const isTextList = (value: unknown, length: number): value is string[] =>
  Array.isArray(value) && value.length === length && value.every(isText);

/** Renames ids in place of the defaults, where the lengths agree. */
function rename<T extends { id: string }>(items: T[], ids: unknown): void {
  if (isTextList(ids, items.length)) items.forEach((item, i) => (item.id = ids[i] as string));
}

/** Applies the metadata of a `// @kit` comment to a freshly parsed question. */
export function applyMeta(question: Question, meta: GiftMeta): Question {
  if (typeof meta.points === 'number' && meta.points > 0) question.points = meta.points;
  for (const key of ['hint', 'slide', 'source', 'objective'] as const) {
    const value = meta[key];
    if (isText(value)) question[key] = value;
  }
  if (isText(meta.level) && (QUESTION_LEVELS as readonly string[]).includes(meta.level)) question.level = meta.level as QuestionLevel;
  const ids = isPlainObject(meta.ids) ? meta.ids : {};
  switch (question.type) {
    case 'single':
      rename(question.choices, ids.choices);
      break;
    case 'multiple':
      rename(question.choices, ids.choices);
      if (meta.scoring === 'partial' || meta.scoring === 'all-or-nothing') {
        question.scoring = meta.scoring;
        question.choices.forEach((choice) => delete choice.fraction);
      }
      break;
    case 'text':
      if (meta.caseSensitive === true) question.caseSensitive = true;
      break;
    case 'match':
      rename(question.pairs, ids.pairs);
      rename(question.distractors, ids.distractors);
      break;
    case 'cloze': {
      if (isText(meta.prompt)) question.prompt = meta.prompt;
      const blank = question.blanks[0];
      if (!blank) break;
      if (isText(ids.blank)) {
        question.text = replaceBlanks(question.text, (name) => writeBlank(name === blank.id ? (ids.blank as string) : name));
        blank.id = ids.blank;
      }
      if (blank.kind === 'text' && meta.caseSensitive === true) blank.caseSensitive = true;
      if (blank.kind === 'choice' && isTextList(ids.blankChoices, blank.choices.length)) {
        const index = blank.choices.findIndex((choice) => choice.id === blank.answer);
        rename(blank.choices, ids.blankChoices);
        blank.answer = blank.choices[index]?.id ?? blank.answer;
      }
      break;
    }
    case 'truefalse':
    case 'numeric':
    case 'order':
      break;
    default:
      return unhandled(question, 'question type');
  }
  return question;
}
