import { writeBlank } from '../blanks.ts';
import { CORRECT_THRESHOLD, snap } from '../fraction.ts';
import { parseGiftNumber, restoreEscapes, takeWeight, type ReadText } from './gift-text.ts';
import { distractorId, letterId } from '../ids.ts';
import type { Choice, MatchQuestion, NumericAnswer, Question, QuestionBase, TextAnswer } from '../types.ts';

/** GIFT answer sets, `{…}`: each question type's reader, and Moodle's order for telling them apart. */

/** Source line of a position in the question's text, for errors. */
export type LineAt = (offset: number) => number;

/** Thrown inside the parser for a problem at a line; collected per question. */
export class Problem extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.line = line;
  }
}

const TRUE_FALSE = ['T', 'TRUE', 'F', 'FALSE'];

/** An answer set split on its markers, each piece with its marker and position. */
interface Piece {
  marker: string;
  body: string;
  offset: number;
}

/** Splits `text` before each marker character; text before the first marker gets marker ''. */
function splitPieces(text: string, markers: string, offset: number): Piece[] {
  const pieces: Piece[] = [];
  let start = 0;
  let marker = '';
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || markers.includes(text[i] as string)) {
      const body = text.slice(start, i);
      if (marker || body.trim()) pieces.push({ marker, body, offset: offset + start });
      marker = text[i] ?? '';
      start = i + 1;
    }
  }
  return pieces;
}

/** `text#feedback` → the two parts as shown texts. */
function splitFeedback(read: ReadText, raw: string): { text: string; feedback?: string } {
  const hash = raw.indexOf('#');
  if (hash < 0) return { text: read(raw) };
  const feedback = read(raw.slice(hash + 1));
  return { text: read(raw.slice(0, hash)), ...(feedback ? { feedback } : {}) };
}

/** Choices with their weights (`=` is 100%, a bare `~` 0%), and which weights were written out. */
function readChoices(at: LineAt, read: ReadText, pieces: Piece[]): { choices: Choice[]; explicit: boolean[] } {
  const explicit: boolean[] = [];
  const choices = pieces.map((piece, index): Choice => {
    const weighted = piece.marker === '=' ? { fraction: 1, rest: piece.body } : takeWeight(piece.body.trim());
    explicit.push(piece.marker !== '=' && weighted.fraction !== undefined);
    const fraction = weighted.fraction ?? 0;
    if (fraction < -1 || fraction > 1) {
      throw new Problem(at(piece.offset), `expected a weight between -100% and 100%, found ${snap(fraction * 100)}%`);
    }
    const { text, feedback } = splitFeedback(read, weighted.rest);
    if (!text) throw new Problem(at(piece.offset), `expected an answer text after "${piece.marker}"`);
    return { id: letterId(index), text, correct: fraction >= CORRECT_THRESHOLD, fraction, ...(feedback ? { feedback } : {}) };
  });
  return { choices, explicit };
}

/** The text around a missing word's blank. */
export interface Gap {
  before: string;
  after: string;
}

/** The name of a missing word's one blank, unless `// @kit` metadata names it. */
export const GAP_BLANK = 'a';

const gapText = (gap: Gap): string => `${gap.before}${writeBlank(GAP_BLANK)}${gap.after}`.trim();

/** Fields a missing word keeps from its question: the text with the blank replaces the prompt. */
function clozeBase({ id, points, title, category, explanation }: QuestionBase): QuestionBase {
  return { id, points, prompt: '', ...(title ? { title } : {}), ...(category ? { category } : {}), ...(explanation ? { explanation } : {}) };
}

/** A missing word with choices: a choice blank; other right answers and written weights give credit. */
function choiceBlank(base: QuestionBase, choices: Choice[], explicit: boolean[], gap: Gap): Question {
  const answer = choices.find((choice) => choice.correct) as Choice;
  const blankChoices = choices.map((choice, i) => ({
    id: choice.id,
    text: choice.text,
    ...(choice.id !== answer.id && (explicit[i] || choice.correct) ? { fraction: choice.fraction ?? 0 } : {}),
    ...(choice.feedback ? { feedback: choice.feedback } : {}),
  }));
  return { ...clozeBase(base), type: 'cloze', text: gapText(gap), blanks: [{ id: GAP_BLANK, kind: 'choice', choices: blankChoices, answer: answer.id }] };
}

function multipleChoice(at: LineAt, read: ReadText, base: QuestionBase, answers: string, offset: number, gap?: Gap): Question {
  // Moodle reads "=" as "~=" and drops the empty answer that "~=" then makes: "{~a~=b}" is "{~a =b}".
  const pieces = splitPieces(answers, '~=', offset).filter((piece) => piece.body.trim() !== '');
  if (pieces.length < 2) throw new Problem(at(offset), 'expected at least two answers, each starting with "~" or "="');
  const { choices, explicit } = readChoices(at, read, pieces);
  if (pieces.some((piece) => piece.marker === '=')) {
    if (gap) return choiceBlank(base, choices, explicit, gap);
    // Unweighted unless some weight was written out (even %0%).
    if (!explicit.some(Boolean)) choices.forEach((choice) => delete choice.fraction);
    return { ...base, type: 'single', choices };
  }
  const total = snap(choices.reduce((sum, choice) => sum + Math.max(0, choice.fraction ?? 0), 0));
  if (total < CORRECT_THRESHOLD) {
    throw new Problem(at(offset), `expected the positive weights to add up to 100% (they add up to ${snap(total * 100)}%), or one answer marked "="`);
  }
  choices.forEach((choice) => (choice.correct = (choice.fraction ?? 0) > 0));
  return { ...base, type: 'multiple', choices, scoring: 'partial' };
}

function readShortAnswers(at: LineAt, read: ReadText, answers: string, offset: number): TextAnswer[] {
  const list = splitPieces(answers, '=', offset).map((piece): TextAnswer => {
    const { fraction = 1, rest } = takeWeight(piece.body.trim());
    if (fraction < 0 || fraction > 1) {
      throw new Problem(at(piece.offset), `expected a weight between 0% and 100%, found ${snap(fraction * 100)}%`);
    }
    const { text, feedback } = splitFeedback(read, rest);
    if (!text) throw new Problem(at(piece.offset), 'expected an answer text after "="');
    return { text, fraction, ...(feedback ? { feedback } : {}) };
  });
  if (!list.some((answer) => answer.fraction >= CORRECT_THRESHOLD)) {
    throw new Problem(at(offset), 'expected an answer worth 100% (an answer without a %weight% is)');
  }
  return list;
}

function readNumber(at: LineAt, text: string, offset: number, what: string): number {
  const value = parseGiftNumber(restoreEscapes(text));
  if (value === undefined) {
    throw new Problem(at(offset), `expected ${what} as a number (like 1822, 3.14 or -0.5), found "${restoreEscapes(text.trim())}"`);
  }
  return value;
}

function readNumericAnswer(at: LineAt, read: ReadText, piece: Piece): NumericAnswer {
  const { fraction = 1, rest } = takeWeight(piece.body.trim());
  const line = at(piece.offset);
  if (fraction < 0 || fraction > 1) throw new Problem(line, `expected a weight between 0% and 100%, found ${snap(fraction * 100)}%`);
  const hash = rest.indexOf('#');
  const value = hash < 0 ? rest : rest.slice(0, hash);
  const feedback = hash < 0 ? '' : read(rest.slice(hash + 1));
  const extra = { fraction, ...(feedback ? { feedback } : {}) };
  if (value.indexOf('..') > 0) {
    const [lo = '', hi = ''] = value.split('..');
    const range: [number, number] = [readNumber(at, lo, piece.offset, 'a minimum'), readNumber(at, hi, piece.offset, 'a maximum')];
    if (range[0] > range[1]) throw new Problem(line, `expected min..max with min ≤ max, found ${range[0]}..${range[1]}`);
    return { range, ...extra };
  }
  const colon = value.indexOf(':');
  const answer = readNumber(at, colon > 0 ? value.slice(0, colon) : value, piece.offset, 'an answer');
  const tolerance = colon > 0 ? readNumber(at, value.slice(colon + 1), piece.offset, 'a tolerance') : 0;
  if (tolerance < 0) throw new Problem(line, `expected a tolerance of 0 or more, found ${tolerance}`);
  return { answer, tolerance, ...extra };
}

function numeric(at: LineAt, read: ReadText, base: QuestionBase, answers: string, offset: number): Question {
  // Moodle: from the first "~" on, the text is feedback for any other answer.
  const tilde = answers.indexOf('~');
  const main = tilde < 0 ? answers : answers.slice(0, tilde);
  const other = tilde < 0 ? '' : answers.slice(tilde + 1);
  const hash = other.indexOf('#');
  const otherFeedback = hash < 0 ? '' : read(other.slice(hash + 1));
  const list = splitPieces(main, '=', offset).map((piece) => readNumericAnswer(at, read, piece));
  if (list.length === 0) throw new Problem(at(offset), 'expected a numeric answer after "#", like {#1822} or {#3.14:0.01} or {#1..5}');
  if (!list.some((answer) => answer.fraction >= CORRECT_THRESHOLD)) {
    throw new Problem(at(offset), 'expected an answer worth 100% (an answer without a %weight% is)');
  }
  return { ...base, type: 'numeric', answers: list, ...(otherFeedback ? { otherFeedback } : {}) };
}

function matching(at: LineAt, read: ReadText, base: QuestionBase, answers: string, offset: number): Question {
  const question: MatchQuestion = { ...base, type: 'match', pairs: [], distractors: [] };
  for (const piece of splitPieces(answers, '=', offset)) {
    const arrow = piece.body.indexOf('->');
    if (arrow < 0) throw new Problem(at(piece.offset), 'expected "left -> right" in a matching pair');
    const left = read(piece.body.slice(0, arrow));
    const right = read(piece.body.slice(arrow + 2));
    if (!right) throw new Problem(at(piece.offset), 'expected a right side after "->"');
    // An empty left side is Moodle's way to write an extra wrong answer.
    if (left) question.pairs.push({ id: letterId(question.pairs.length), left, right });
    else question.distractors.push({ id: distractorId(question.distractors.length), text: right });
  }
  if (question.pairs.length < 2) throw new Problem(at(offset), 'expected at least two pairs "=left -> right" in a matching question');
  return question;
}

/** Splits on the first `limit − 1` hashes, keeping the rest whole (PHP's explode with a limit). */
function splitHashes(text: string, limit: number): string[] {
  const parts = text.split('#');
  return [...parts.slice(0, limit - 1), ...(parts.length >= limit ? [parts.slice(limit - 1).join('#')] : [])];
}

function trueFalse(read: ReadText, base: QuestionBase, answers: string): Question {
  const [value = '', wrong = '', right = ''] = splitHashes(answers, 3).map((part) => read(part));
  const answer = value.startsWith('T');
  const [feedbackTrue, feedbackFalse] = answer ? [right, wrong] : [wrong, right];
  return { ...base, type: 'truefalse', answer, ...(feedbackTrue ? { feedbackTrue } : {}), ...(feedbackFalse ? { feedbackFalse } : {}) };
}

/**
 * Moodle's order: `#` numeric, a `~` multiple choice, `=` with `->` matching, T/F, else short
 * answer. With a `gap` (text after the braces), choice and short answers become a one-blank cloze;
 * other types keep their type, with Moodle's blank line `_____` in the prompt.
 */
export function readAnswers(at: LineAt, read: ReadText, base: QuestionBase, answers: string, offset: number, gap?: Gap): Question {
  const trimmed = answers.trim();
  const gapped = gap ? { ...base, prompt: `${gap.before}_____${gap.after}`.trim() } : base;
  if (trimmed.startsWith('#')) return numeric(at, read, gapped, trimmed.slice(1), offset + answers.indexOf('#') + 1);
  if (trimmed.includes('~')) return multipleChoice(at, read, gapped, answers, offset, gap);
  if (trimmed.includes('=') && trimmed.includes('->')) return matching(at, read, gapped, answers, offset);
  const hash = trimmed.indexOf('#');
  if (TRUE_FALSE.includes((hash > 0 ? trimmed.slice(0, hash) : trimmed).trim())) return trueFalse(read, gapped, trimmed);
  const list = readShortAnswers(at, read, answers, offset);
  if (gap) return { ...clozeBase(base), type: 'cloze', text: gapText(gap), blanks: [{ id: GAP_BLANK, kind: 'text', answers: list, caseSensitive: false }] };
  return { ...base, type: 'text', answers: list, caseSensitive: false };
}

