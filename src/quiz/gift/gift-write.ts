import { GAP_BLANK } from './gift-answers.ts';
import type { GiftMeta } from './gift-meta.ts';
import { escapeGift, escapeGiftPiece, escapeGiftText, formatWeight } from './gift-text.ts';
import { distractorId, letterId, slugify } from '../ids.ts';
import { splitBlanks } from '../blanks.ts';
import type { Choice, ClozeQuestion, MultipleQuestion, NumericAnswer, Question, Quiz, TextAnswer } from '../types.ts';
import { strayType } from '../never.ts';

/** A question `toGift` could not write exactly: left out, or written as Moodle's nearest form. */
export interface GiftExportNote {
  id: string;
  reason: string;
}

/** What `toGiftWithReport` returns. */
export interface GiftExport {
  text: string;
  /** Written with a weight rounded to Moodle's nearest grade (the reason names both values). */
  rounded: GiftExportNote[];
  /** Left out: GIFT has no form for them. A `//` comment marks each one's place in `text`. */
  skipped: GiftExportNote[];
  /** Written, but Moodle will grade them differently (this engine reads them back exactly). */
  approximated: GiftExportNote[];
}

/** Signals a question GIFT cannot hold. */
class Unwritable extends Error {}

/**
 * Moodle's grades (`question_bank::fraction_options_full()`), in percent, and their negatives:
 * a GIFT weight off this list makes Moodle refuse the question, and by default the whole file.
 */
const MOODLE_GRADES = [100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0];
/** Moodle takes a weight as one of its grades when less than 0.00001 (a fraction) away (`match_grade_options`): 0.001 percentage points. */
const MOODLE_MATCH = 0.001;
/** Closer than this (percentage points) to a grade, a weight is rounded to it and the note says so. */
const ROUND_WITHIN = 0.5;

/** A percentage as a reader wants it: at most five decimals. */
const percentText = (percent: number): string => `${Number(percent.toFixed(5))}%`;

/** Writes one question's weights as Moodle accepts them, noting each rounding; refuses a weight far from every grade. */
class MoodleWeights {
  readonly rounded: string[] = [];

  /** The weight as GIFT's `%w%` and the percentage Moodle will read. */
  write(fraction: number): { text: string; percent: number } {
    const percent = fraction * 100;
    const size = Math.abs(percent);
    const nearest = MOODLE_GRADES.reduce((best, grade) => (Math.abs(size - grade) < Math.abs(size - best) ? grade : best));
    const sign = percent < 0 ? -1 : 1;
    const distance = Math.abs(size - nearest);
    if (distance < MOODLE_MATCH) return { text: formatWeight(fraction), percent };
    if (distance < ROUND_WITHIN) {
      const note = `weight ${percentText(percent)} written as ${percentText(sign * nearest)}, Moodle's nearest grade`;
      if (!this.rounded.includes(note)) this.rounded.push(note);
      return { text: `%${sign * nearest}%`, percent: sign * nearest };
    }
    throw new Unwritable(
      `weight ${percentText(percent)} is not one of Moodle's grades (the nearest, ${percentText(sign * nearest)}, is ${ROUND_WITHIN} points or more away), so Moodle would refuse the question; use one of ${MOODLE_GRADES.join(', ')} (%, or their negatives)`,
    );
  }
}

const feedback = (text: string | undefined): string => (text ? `#${escapeGiftPiece(text)}` : '');

/** A wrong-answer marker: `~`, or `~%w%` when the choice has a weight (even 0, so it reads back weighted). */
const tilde = (weights: MoodleWeights, fraction: number | undefined): string => (fraction === undefined ? '~' : `~${weights.write(fraction).text}`);

function textAnswers(weights: MoodleWeights, answers: readonly TextAnswer[]): string {
  const written = answers
    .map((a) => `=${a.fraction === 1 ? '' : weights.write(a.fraction).text}${escapeGiftPiece(a.text)}${feedback(a.feedback)}`)
    .join(' ');
  // GIFT has no escape for "->", and "=" with "->" reads as matching.
  if (written.includes('->')) {
    throw new Unwritable('an accepted answer or its feedback contains "->", which GIFT would read as a matching pair');
  }
  return written;
}

/** Multiple choice as weights: authored weights, or +1/C and −1/W (Moodle's form of partial scoring). */
function multipleWeights(question: MultipleQuestion): (number | undefined)[] {
  if (question.choices.some((choice) => choice.fraction !== undefined)) return question.choices.map((c) => c.fraction ?? 0);
  const right = question.choices.filter((choice) => choice.correct).length;
  const wrong = question.choices.length - right;
  const penalty = question.scoring === 'all-or-nothing' ? -1 : -1 / wrong;
  return question.choices.map((choice) => (choice.correct ? 1 / right : penalty === 0 ? undefined : penalty));
}

/**
 * Moodle wants a multiple-answer question's positive weights to make 100% (to two decimals of a
 * fraction), which rounding each weight to its grades may break: then the question is refused.
 */
function checkTotal(weights: MoodleWeights, fractions: readonly (number | undefined)[]): void {
  const total = fractions.reduce<number>((sum, fraction) => sum + Math.max(0, fraction === undefined ? 0 : weights.write(fraction).percent), 0);
  if (Math.abs(total - 100) >= 0.5) {
    throw new Unwritable(`the right answers' weights, as Moodle's grades, add up to ${percentText(total)}, and Moodle wants 100%`);
  }
}

/** One line per choice; a single choice's right answer is `=`, every other one `~`, with its weight if any. */
function choiceLines(weights: MoodleWeights, choices: readonly Choice[], fractions: readonly (number | undefined)[], single: boolean): string {
  return choices
    .map((choice, i) => {
      const marker = single && choice.correct ? '=' : tilde(weights, fractions[i]);
      return `\t${marker}${escapeGiftPiece(choice.text)}${feedback(choice.feedback)}`;
    })
    .join('\n');
}

function numericLine(weights: MoodleWeights, answer: NumericAnswer): string {
  const value = 'range' in answer ? `${answer.range[0]}..${answer.range[1]}` : `${answer.answer}:${answer.tolerance}`;
  return `\t=${answer.fraction === 1 ? '' : weights.write(answer.fraction).text}${value}${feedback(answer.feedback)}`;
}

/** The answers of a one-blank cloze, written inline as a missing word. */
function clozeAnswers(weights: MoodleWeights, question: ClozeQuestion): string {
  const blank = question.blanks[0];
  if (!blank || question.blanks.length !== 1) {
    throw new Unwritable(`GIFT's missing word holds one blank; this cloze has ${question.blanks.length}`);
  }
  if (blank.kind === 'text') return textAnswers(weights, blank.answers);
  return blank.choices
    .map((c) => `${c.id === blank.answer ? '=' : tilde(weights, c.fraction)}${escapeGiftPiece(c.text)}${feedback(c.feedback)}`)
    .join(' ');
}

/** The answer set between the braces, without general feedback. */
function answerSet(question: Question, weights: MoodleWeights): string {
  switch (question.type) {
    case 'single':
      return `\n${choiceLines(weights, question.choices, question.choices.map((c) => c.fraction), true)}\n`;
    case 'multiple': {
      const fractions = multipleWeights(question);
      checkTotal(weights, fractions);
      return `\n${choiceLines(weights, question.choices, fractions, false)}\n`;
    }
    case 'truefalse': {
      const [right, wrong] = question.answer
        ? [question.feedbackTrue, question.feedbackFalse]
        : [question.feedbackFalse, question.feedbackTrue];
      const tail = wrong || right ? `#${wrong ? escapeGiftPiece(wrong) : ''}${right ? `#${escapeGiftPiece(right)}` : ''}` : '';
      return `${question.answer ? 'TRUE' : 'FALSE'}${tail}`;
    }
    case 'numeric': {
      const other = question.otherFeedback ? `\n\t~#${escapeGiftPiece(question.otherFeedback)}` : '';
      return `#\n${question.answers.map((answer) => numericLine(weights, answer)).join('\n')}${other}\n`;
    }
    case 'text':
      return textAnswers(weights, question.answers);
    case 'match': {
      if (question.pairs.some((pair) => pair.left.includes('->'))) {
        throw new Unwritable('a left side contains "->", which GIFT cannot escape');
      }
      const pairs = question.pairs.map((p) => `\t=${escapeGiftPiece(p.left)} -> ${escapeGiftPiece(p.right)}`);
      const extra = question.distractors.map((d) => `\t= -> ${escapeGiftPiece(d.text)}`);
      return `\n${[...pairs, ...extra].join('\n')}\n`;
    }
    case 'cloze':
      return clozeAnswers(weights, question);
    case 'order':
      throw new Unwritable('GIFT has no ordering question');
    default:
      throw new Unwritable(`GIFT has no form for the question type "${strayType(question)}"`);
  }
}

const isDefault = (ids: readonly string[], make: (i: number) => string): boolean => ids.every((id, i) => id === make(i));

/** Everything GIFT itself cannot carry, for the `// @kit` comment. */
function metaOf(question: Question, title: string): GiftMeta {
  const meta: GiftMeta = {};
  const ids: NonNullable<GiftMeta['ids']> = {};
  if (slugify(title) !== question.id) meta.id = question.id;
  if (question.points !== 1) meta.points = question.points;
  if (question.hint !== undefined) meta.hint = question.hint;
  if (question.slide !== undefined) meta.slide = question.slide;
  if (question.source !== undefined) meta.source = question.source;
  if (question.objective !== undefined) meta.objective = question.objective;
  if (question.level !== undefined) meta.level = question.level;
  if (question.type === 'single' || question.type === 'multiple') {
    const choiceIds = question.choices.map((c) => c.id);
    if (!isDefault(choiceIds, letterId)) ids.choices = choiceIds;
  }
  if (question.type === 'multiple' && question.choices.every((c) => c.fraction === undefined)) meta.scoring = question.scoring;
  if (question.type === 'text' && question.caseSensitive) meta.caseSensitive = true;
  if (question.type === 'match') {
    const pairIds = question.pairs.map((p) => p.id);
    const distractorIds = question.distractors.map((d) => d.id);
    if (!isDefault(pairIds, letterId)) ids.pairs = pairIds;
    if (!isDefault(distractorIds, distractorId)) ids.distractors = distractorIds;
  }
  const blank = question.type === 'cloze' ? question.blanks[0] : undefined;
  if (question.type === 'cloze' && question.prompt) meta.prompt = question.prompt;
  if (blank && blank.id !== GAP_BLANK) ids.blank = blank.id;
  if (blank?.kind === 'text' && blank.caseSensitive) meta.caseSensitive = true;
  if (blank?.kind === 'choice' && !isDefault(blank.choices.map((c) => c.id), letterId)) ids.blankChoices = blank.choices.map((c) => c.id);
  if (Object.keys(ids).length > 0) meta.ids = ids;
  return meta;
}

/** Where Moodle will grade differently from this engine, though the file reads back exactly here. */
function approximation(question: Question): string | undefined {
  const caseSensitive =
    (question.type === 'text' && question.caseSensitive) ||
    (question.type === 'cloze' && question.blanks.some((b) => b.kind === 'text' && b.caseSensitive));
  if (caseSensitive) return 'Moodle reads GIFT short answers as case-insensitive';
  if (question.type === 'multiple' && question.scoring === 'all-or-nothing' && question.choices.every((c) => c.fraction === undefined)) {
    if (question.choices.filter((c) => c.correct).length > 1) {
      return 'Moodle has no all-or-nothing multiple choice: written with weights, so Moodle gives partial credit';
    }
  }
  return undefined;
}

/** The question text and its answers; a cloze puts its answers where the blank is. */
function body(question: Question, answers: string, general: string): string {
  if (question.type !== 'cloze') return `[markdown]${escapeGiftText(question.prompt)}{${answers}${general}}`;
  const [before = '', , after = ''] = splitBlanks(question.text);
  // Text after the braces is what makes a missing word; an escaped newline keeps a final blank one.
  const tail = after.trim() === '' ? '\\n' : escapeGiftText(after);
  return `[markdown]${escapeGiftText(before)}{${answers}${general}}${tail}`;
}

function writeQuestion(question: Question, weights: MoodleWeights): string {
  const title = question.title ?? question.id;
  const answers = answerSet(question, weights);
  // General feedback goes last inside the braces, on its own line when the answers have lines.
  const multiline = answers.endsWith('\n');
  const general = question.explanation
    ? `${multiline ? '\t' : ''}####${escapeGiftPiece(question.explanation)}${multiline ? '\n' : ''}`
    : '';
  const meta = metaOf(question, title);
  const metaLine = Object.keys(meta).length > 0 ? `// @kit ${JSON.stringify(meta)}\n` : '';
  return `${metaLine}::${escapeGift(title)}::${body(question, answers, general)}`;
}

/**
 * Writes questions (or a quiz's questions) as Moodle GIFT, so that `parseGift(toGift(q))` grades
 * every response as `q` does, and reports what GIFT could not hold or Moodle will grade otherwise.
 */
export function toGiftWithReport(questions: readonly Question[] | Quiz): GiftExport {
  const list = 'questions' in questions ? questions.questions : questions;
  const blocks: string[] = [];
  const skipped: GiftExportNote[] = [];
  const approximated: GiftExportNote[] = [];
  const rounded: GiftExportNote[] = [];
  let category: string | undefined;
  for (const question of list) {
    try {
      const weights = new MoodleWeights();
      const text = writeQuestion(question, weights);
      rounded.push(...weights.rounded.map((reason) => ({ id: question.id, reason })));
      if (question.category !== undefined && question.category !== category) {
        blocks.push(`$CATEGORY: ${question.category}`);
        category = question.category;
      }
      blocks.push(text);
      const reason = approximation(question);
      if (reason) approximated.push({ id: question.id, reason });
    } catch (error) {
      if (!(error instanceof Unwritable)) throw error;
      skipped.push({ id: question.id, reason: error.message });
      blocks.push(`// skipped question "${question.id}": ${error.message}`);
    }
  }
  return { text: blocks.length > 0 ? `${blocks.join('\n\n')}\n` : '', skipped, approximated, rounded };
}

/**
 * Writes questions (or a quiz) as Moodle GIFT: `[markdown]` texts, special characters escaped.
 * Questions GIFT cannot hold (ordering, clozes with several blanks) are left out with a `//`
 * comment in their place; `toGiftWithReport` lists them.
 */
export function toGift(questions: readonly Question[] | Quiz): string {
  return toGiftWithReport(questions).text;
}
