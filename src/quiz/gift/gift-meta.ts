import {
  array,
  boolean,
  check,
  finite,
  number,
  object,
  optional,
  picklist,
  pipe,
  regex,
  safeParse,
  string,
  type BaseIssue,
} from 'valibot';
import { ID_RULE, RE_ID, replaceBlanks, writeBlank } from '../blanks.ts';
import type { GiftIssue } from '../errors.ts';
import { unhandled } from '../never.ts';
import { QUESTION_LEVELS, type Question, type QuestionLevel, type Scoring } from '../types.ts';

/**
 * What GIFT has no place for, carried in a comment line `// @kit {json}` before a question, so
 * that `parseGift(toGift(q))` gives back `q`'s ids, points and rules. Moodle skips comments, so
 * the file stays plain GIFT for it. A downloaded bank is not to be trusted: each field is
 * checked, and one that is wrong (an id that is not an id, a list of the wrong length) is
 * reported with its line and left out, the default kept.
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
  level?: QuestionLevel;
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

const notAnId = (issue: BaseIssue<unknown>): string => `${JSON.stringify(issue.input)} is not an id: ${ID_RULE}`;
const mustBe = (what: string) => `must be ${what}`;

function buildSchema() {
  const id = pipe(string(mustBe('a text')), regex(RE_ID, notAnId));
  const ids = pipe(
    array(id, mustBe('a list of ids')),
    check((list) => new Set(list).size === list.length, 'lists an id twice'),
  );
  const text = optional(string(mustBe('a text')));
  return object(
    {
      id: optional(id),
      points: optional(pipe(number(mustBe('a number above 0')), finite(mustBe('a number above 0')), check((n) => n > 0, mustBe('a number above 0')))),
      prompt: text,
      hint: text,
      slide: text,
      source: text,
      objective: text,
      level: optional(picklist(QUESTION_LEVELS, mustBe(`one of ${QUESTION_LEVELS.join(', ')}`))),
      caseSensitive: optional(boolean(mustBe('true or false'))),
      scoring: optional(picklist(['partial', 'all-or-nothing'], mustBe('"partial" or "all-or-nothing"'))),
      ids: optional(
        object(
          { choices: optional(ids), pairs: optional(ids), distractors: optional(ids), blank: optional(id), blankChoices: optional(ids) },
          mustBe('an object'),
        ),
      ),
    },
    mustBe('a JSON object'),
  );
}

let schema: ReturnType<typeof buildSchema> | undefined;

/** `ids.choices[1]` for a path of keys. */
const pathText = (issue: BaseIssue<unknown>): string =>
  (issue.path ?? []).reduce<string>((out, item) => (typeof item.key === 'number' ? `${out}[${item.key}]` : out ? `${out}.${String(item.key)}` : String(item.key)), '');

/** Leaves out the field an issue is about: the whole field, or one list of `ids`. */
function drop(data: Record<string, unknown>, issue: BaseIssue<unknown>): void {
  const [first, second] = (issue.path ?? []).map((item) => String(item.key));
  if (first === undefined) return;
  const ids = data[first];
  if (first === 'ids' && second !== undefined && typeof ids === 'object' && ids !== null) delete (ids as Record<string, unknown>)[second];
  else delete data[first];
}

/**
 * Merges a `// @kit {json}` comment into `meta`; other comments are ignored. Text that is not a
 * JSON object is a problem (`problems`); a field of the wrong kind is left out and reported in
 * `ignored`, so the question keeps its default there.
 */
export function readMeta(line: string, lineNumber: number, meta: GiftMeta, problems: GiftIssue[], ignored: GiftIssue[]): void {
  const match = RE_META.exec(line);
  if (!match) return;
  let data: unknown;
  try {
    data = JSON.parse(match[1] as string);
  } catch {
    data = undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    problems.push({ line: lineNumber, message: 'expected a JSON object after "// @kit"' });
    return;
  }
  schema ??= buildSchema();
  const fields = data as Record<string, unknown>;
  for (const issue of safeParse(schema, fields).issues ?? []) {
    ignored.push({ line: lineNumber, message: `// @kit ${pathText(issue)}: ${issue.message}; left out, the default kept` });
    drop(fields, issue);
  }
  const checked = safeParse(schema, fields);
  if (checked.success) Object.assign(meta, checked.output);
}

/** Renames items in place of the default ids, when there is one id per item; otherwise says why not. */
function rename<T extends { id: string }>(items: T[], ids: readonly string[] | undefined, key: string, what: string, ignore: (message: string) => void): void {
  if (ids === undefined) return;
  if (ids.length !== items.length) {
    ignore(`// @kit ids.${key}: ${ids.length} ids for ${items.length} ${what}; left out, the default ids kept`);
    return;
  }
  items.forEach((item, i) => (item.id = ids[i] as string));
}

/**
 * Applies the checked metadata of a `// @kit` comment (at `line`) to a freshly parsed question;
 * what does not fit the question (ids for another number of choices) is reported in `ignored`.
 */
export function applyMeta(question: Question, meta: GiftMeta, line: number, ignored: GiftIssue[]): Question {
  const ignore = (message: string): void => void ignored.push({ line, message });
  if (meta.points !== undefined) question.points = meta.points;
  for (const key of ['hint', 'slide', 'source', 'objective'] as const) {
    const value = meta[key];
    if (value !== undefined) question[key] = value;
  }
  if (meta.level !== undefined) question.level = meta.level;
  const ids = meta.ids ?? {};
  switch (question.type) {
    case 'single':
      rename(question.choices, ids.choices, 'choices', 'choices', ignore);
      break;
    case 'multiple':
      rename(question.choices, ids.choices, 'choices', 'choices', ignore);
      if (meta.scoring !== undefined) {
        question.scoring = meta.scoring;
        question.choices.forEach((choice) => delete choice.fraction);
      }
      break;
    case 'text':
      if (meta.caseSensitive === true) question.caseSensitive = true;
      break;
    case 'match':
      rename(question.pairs, ids.pairs, 'pairs', 'pairs', ignore);
      rename(question.distractors, ids.distractors, 'distractors', 'distractors', ignore);
      break;
    case 'cloze': {
      if (meta.prompt !== undefined) question.prompt = meta.prompt;
      const blank = question.blanks[0];
      if (!blank) break;
      if (ids.blank !== undefined) {
        const from = blank.id;
        const to = ids.blank;
        question.text = replaceBlanks(question.text, (name) => writeBlank(name === from ? to : name));
        blank.id = to;
      }
      if (blank.kind === 'text' && meta.caseSensitive === true) blank.caseSensitive = true;
      if (blank.kind === 'choice') {
        const index = blank.choices.findIndex((choice) => choice.id === blank.answer);
        rename(blank.choices, ids.blankChoices, 'blankChoices', 'choices of the blank', ignore);
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
