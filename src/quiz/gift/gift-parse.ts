import { GiftParseError, type GiftIssue } from '../errors.ts';
import { applyMeta, readMeta, type GiftMeta } from './gift-meta.ts';
import { Problem, readAnswers } from './gift-answers.ts';
import { giftText, protectEscapes, restoreEscapes, splitFormat, textReader, type HtmlToMarkdown } from './gift-text.ts';
import { slugify } from '../ids.ts';
import type { Question, QuestionBase } from '../types.ts';

/** A description or essay: GIFT questions that are not graded here, reported instead. */
export interface SkippedGift {
  line: number;
  title: string;
  reason: string;
}

/** A question imported without some of its HTML: what Markdown could not hold. */
export interface DroppedGift {
  line: number;
  title: string;
  dropped: string[];
}

/** How `parseGiftWithReport` reads a file. */
export interface GiftOptions {
  /** Converts `[html]` texts (and Moodle's default format when it holds tags) to Markdown; without it they stay as written. */
  html?: HtmlToMarkdown;
  /**
   * Skip a question with a problem (reported in `skipped` with its line and why) instead of
   * stopping the whole file: a real bank imports what it can.
   */
  skipProblems?: boolean;
}

/** What `parseGiftWithReport` returns. */
export interface GiftReport {
  questions: Question[];
  skipped: SkippedGift[];
  /** Questions whose HTML lost something on the way to Markdown. */
  dropped: DroppedGift[];
  /** `// @kit` metadata left out (an id that is not an id, ids for another number of choices…), each with its line and why. */
  ignored: GiftIssue[];
}

/** The lines of one question (blank-line separated), comments removed, escapes protected. */
interface Block {
  text: string;
  /** Source line of each line of `text`. */
  lines: number[];
  meta: GiftMeta;
  /** Line of the last `// @kit` comment, for what does not fit the question once it is read. */
  metaLine: number;
  metaProblems: GiftIssue[];
  metaIgnored: GiftIssue[];
}

const RE_COMMENT = /^\s*\/\//;
const RE_CATEGORY = /^\$CATEGORY:/;
/** A line that continues a question's answers after a blank line: Moodle would split there. */
const RE_ANSWER_LINE = /^\s*[~=}#%]/;

/** Whether a block's text has a `{` not yet closed. */
function braceOpen(text: string): boolean {
  return text.lastIndexOf('{') > text.lastIndexOf('}');
}

/** Whether a block's text has its answers closed, so a new `::title::` line starts another question. */
function answered(text: string): boolean {
  return text.includes('}') && !braceOpen(text);
}

/**
 * Splits a file into questions at blank lines, as Moodle does, and also where real banks glue
 * questions together: a `$CATEGORY:` line is a block of its own, and a `::title::` line after
 * closed answers starts a question. A blank line inside open braces followed by an answer line
 * (`~`, `=`, `}`) does not end the question.
 */
function splitBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  let blankInside = false;
  const start = (line: number): Block => {
    current = { text: '', lines: [], meta: {}, metaLine: line, metaProblems: [], metaIgnored: [] };
    blocks.push(current);
    return current;
  };
  source
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((raw, index) => {
      const line = index + 1;
      if (raw.trim() === '') {
        if (current && braceOpen(current.text)) blankInside = true;
        else current = undefined;
        return;
      }
      if (blankInside && !RE_ANSWER_LINE.test(raw)) current = undefined;
      blankInside = false;
      const trimmed = raw.trim();
      if (RE_CATEGORY.test(trimmed) || (current && trimmed.startsWith('::') && answered(current.text))) current = undefined;
      const block = current ?? start(line);
      if (RE_COMMENT.test(raw)) {
        block.metaLine = line;
        readMeta(raw, line, block.meta, block.metaProblems, block.metaIgnored);
        return;
      }
      // Moodle trims every line before joining a question's lines.
      block.text += (block.lines.length > 0 ? '\n' : '') + protectEscapes(trimmed);
      block.lines.push(line);
      if (RE_CATEGORY.test(trimmed)) current = undefined;
    });
  return blocks.filter((block) => block.lines.length > 0 || block.metaProblems.length > 0);
}

/** Source line of a position in a block's text. */
function lineAt(block: Block, offset: number): number {
  const lineIndex = block.text.slice(0, Math.max(0, offset)).split('\n').length - 1;
  return block.lines[lineIndex] ?? block.lines[0] ?? 1;
}

type Parsed = { question: Question; dropped: string[] } | { skipped: SkippedGift };

/** Keeps the spaces around a missing word's blank as written (reading a piece trims them): a round trip gives back the same text. */
function keepSpaces(raw: string, text: string): string {
  if (!text) return '';
  return `${/^\s*/.exec(raw)![0]}${text}${/\s*$/.exec(raw)![0]}`;
}

/** The question's title, or else the start of its text, to name it in reports. */
function shortTitle(block: Block): string {
  const text = block.text;
  if (text.startsWith('::')) {
    const end = text.indexOf('::', 2);
    if (end > 0) return restoreEscapes(text.slice(2, end)).trim();
  }
  const open = text.indexOf('{');
  return giftText(text.slice(0, open < 0 ? undefined : open)).replace(/<[^>]*>/g, '').trim().slice(0, 60);
}

function readQuestion(block: Block, category: string | undefined, html: GiftOptions['html']): Parsed {
  const text = block.text;
  let start = 0;
  let title: string | undefined;
  if (text.startsWith('::')) {
    const end = text.indexOf('::', 2);
    if (end < 0) throw new Problem(lineAt(block, 0), 'expected "::" to close the question title');
    title = restoreEscapes(text.slice(2, end)).trim();
    start = end + 2;
  }
  const open = text.indexOf('{', start);
  const close = text.indexOf('}', start);
  const skip = (reason: string): Parsed => ({ skipped: { line: lineAt(block, 0), title: shortTitle(block), reason } });
  if (open < 0 && close < 0) return skip('description (no answers in braces): nothing to grade');
  if (close < 0) throw new Problem(lineAt(block, open), 'expected "}" to close the answers opened with "{"');
  if (open < 0 || close < open) {
    throw new Problem(lineAt(block, close), 'expected "{" before "}" (write a literal brace as \\})');
  }
  const stray = text.slice(close + 1).search(/[{}]/);
  if (stray >= 0) {
    throw new Problem(
      lineAt(block, close + 1 + stray),
      'expected one {…} answer set per question (write literal braces as \\{ and \\}; several gaps such as {1:SA:=word} are Moodle\'s Cloze, not GIFT)',
    );
  }

  // Moodle: answers and feedback take the question text's format unless they name their own.
  const format = splitFormat(text.slice(start).trimStart()).format ?? 'moodle';
  const dropped: string[] = [];
  const read = textReader(format, html, dropped);
  const base: QuestionBase = { id: '', points: 1, prompt: read(text.slice(start, open)) };
  if (title) base.title = title;
  if (category) base.category = category;
  let answers = text.slice(open + 1, close);
  const general = answers.lastIndexOf('####');
  if (general >= 0) {
    const explanation = read(answers.slice(general + 4));
    if (explanation) base.explanation = explanation;
    answers = answers.slice(0, general);
  }
  if (answers.trim() === '') return skip('essay (empty braces {}): graded by hand, not here');

  // Text after the braces (even an escaped newline) makes a missing word, as in Moodle.
  const after = text.slice(close + 1);
  const before = text.slice(start, open).trimStart();
  const gap = after.trim() === '' ? undefined : { before: keepSpaces(before, read(before)), after: keepSpaces(restoreEscapes(after), read(after)) };
  return { question: readAnswers((offset) => lineAt(block, offset), read, base, answers, open + 1, gap), dropped };
}

/** Ids: `@kit` ids first, then title slugs, then q1, q2, … by position; repeats get -2, -3. */
function assignIds(questions: Question[], explicit: (string | undefined)[]): void {
  const used = new Set(explicit.filter((id): id is string => Boolean(id)));
  questions.forEach((question, index) => {
    const wanted = explicit[index];
    if (wanted) {
      question.id = wanted;
      return;
    }
    const stem = (question.title && slugify(question.title)) || `q${index + 1}`;
    let id = stem;
    for (let n = 2; used.has(id); n++) id = `${stem}-${n}`;
    used.add(id);
    question.id = id;
  });
}

/**
 * Reads Moodle GIFT into questions of this model, and reports the descriptions and essays it
 * left out (they are not graded here). Throws `GiftParseError` listing every problem with its line.
 * @example parseGiftWithReport("::Share:: Traditional industries are over 80% of manufacturing. {T}")
 */
export function parseGiftWithReport(text: string, fileName?: string, options: GiftOptions = {}): GiftReport {
  const questions: Question[] = [];
  const explicitIds: (string | undefined)[] = [];
  const skipped: SkippedGift[] = [];
  const dropped: DroppedGift[] = [];
  const ignored: GiftIssue[] = [];
  const issues: GiftIssue[] = [];
  let category: string | undefined;
  for (const block of splitBlocks(text)) {
    issues.push(...block.metaProblems);
    if (RE_CATEGORY.test(block.text)) {
      const [first = '', ...rest] = block.text.split('\n');
      category = restoreEscapes(first.replace(RE_CATEGORY, '')).trim();
      block.text = rest.join('\n');
      block.lines = block.lines.slice(1);
    }
    if (block.text.trim() === '') continue;
    try {
      const parsed = readQuestion(block, category, options.html);
      if ('skipped' in parsed) {
        skipped.push(parsed.skipped);
      } else {
        ignored.push(...block.metaIgnored);
        questions.push(applyMeta(parsed.question, block.meta, block.metaLine, ignored));
        explicitIds.push(block.meta.id);
        if (parsed.dropped.length > 0) dropped.push({ line: lineAt(block, 0), title: shortTitle(block), dropped: parsed.dropped });
      }
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      if (options.skipProblems) skipped.push({ line: error.line, title: shortTitle(block), reason: error.message });
      else issues.push({ line: error.line, message: error.message });
    }
  }
  if (issues.length > 0) throw new GiftParseError(issues, fileName);
  assignIds(questions, explicitIds);
  return { questions, skipped, dropped, ignored };
}

/**
 * Reads Moodle GIFT into questions of this model (descriptions and essays are left out; see
 * `parseGiftWithReport`). Throws `GiftParseError` naming the line and what was expected.
 */
export function parseGift(text: string, fileName?: string): Question[] {
  return parseGiftWithReport(text, fileName).questions;
}
