import { CORRECT_THRESHOLD, snap } from '../fraction.ts';
import { distractorId, letterId } from '../ids.ts';
import {
  checkUnique,
  readFraction,
  readId,
  readNonEmptyText,
  readScoring,
  readTextOrMapping,
} from './parse-common.ts';
import type { Choice, MatchDistractor, MatchPair, OrderItem, Scoring } from '../types.ts';
import type { Located, MapView, YamlReader } from './yaml-reader.ts';

/** Parsers for the list-based parts of questions: choices, order items, match pairs. */

const CHOICE_KEYS = ['id', 'text', 'correct', 'fraction', 'feedback'] as const;

/** A choice as written, before the question-level rules decide `correct`. */
interface AuthoredChoice {
  choice: Choice;
  authoredCorrect?: boolean;
  at: Located;
}

function readChoice(reader: YamlReader, at: Located, index: number): AuthoredChoice {
  const { view, text } = readTextOrMapping(reader, at, CHOICE_KEYS, 'text', 'a choice');
  const choice: Choice = { id: readId(view, letterId(index)), text: text ?? '', correct: false };
  const authoredCorrect = view?.boolean('correct', 'correct');
  const fraction = view && readFraction(view, -1);
  const feedback = view?.text('feedback', 'feedback');
  if (fraction !== undefined) choice.fraction = fraction;
  if (feedback !== undefined) choice.feedback = feedback;
  return { choice, at, ...(authoredCorrect !== undefined ? { authoredCorrect } : {}) };
}

/**
 * The `choices` of a `single` or `multiple` question. Unweighted, `correct: true` marks the
 * right ones; weighted (any `fraction:`), every choice gets a fraction (default 0) and
 * `correct` follows from it: 1 for `single`, above 0 for `multiple`.
 */
export function readChoices(view: MapView, type: 'single' | 'multiple'): Choice[] {
  const reader = view.reader;
  const items = view.list('choices', 'choices (a list of { text, correct })', true) ?? [];
  const authored = items.map((at, index) => readChoice(reader, at, index));
  const weighted = authored.some(({ choice }) => choice.fraction !== undefined);
  for (const { choice, authoredCorrect, at } of authored) {
    if (!weighted) {
      choice.correct = authoredCorrect ?? false;
      continue;
    }
    choice.fraction ??= 0;
    choice.correct = type === 'single' ? choice.fraction >= CORRECT_THRESHOLD : choice.fraction > 0;
    if (authoredCorrect !== undefined && authoredCorrect !== choice.correct) {
      reader.report(`${at.path}.correct`, at.line, `correct: ${authoredCorrect} disagrees with fraction ${choice.fraction}`);
    }
  }
  const choices = authored.map(({ choice }) => choice);
  checkUnique(reader, authored.map(({ choice, at }) => ({ id: choice.id, path: `${at.path}.id`, line: at.line })));
  if (view.has('choices')) checkChoiceRules(view, choices, type, weighted);
  return choices;
}

function checkChoiceRules(view: MapView, choices: Choice[], type: 'single' | 'multiple', weighted: boolean): void {
  const report = (message: string): void => view.reader.report(view.pathOf('choices'), view.lineOf('choices'), message);
  if (choices.length < 2) report('a choice question needs at least two choices');
  const correct = choices.filter((choice) => choice.correct).length;
  if (type === 'single' && correct !== 1) {
    report(
      weighted
        ? 'a single-choice question needs exactly one choice with fraction 1'
        : 'a single-choice question needs exactly one correct choice',
    );
  }
  if (type === 'multiple' && !weighted && correct === 0) {
    report('a multiple-choice question needs at least one correct choice');
  }
  if (type === 'multiple' && weighted) {
    const total = snap(choices.reduce((sum, choice) => sum + Math.max(0, choice.fraction ?? 0), 0));
    if (total < CORRECT_THRESHOLD) {
      report(`the positive fractions must add up to 1, so that all the right choices earn full marks (they add up to ${total})`);
    }
  }
}

/** `scoring` of a `multiple` question: all-or-nothing makes no sense beside weights. */
export function readChoiceScoring(view: MapView, choices: readonly Choice[]): Scoring {
  const scoring = readScoring(view);
  if (scoring === 'all-or-nothing' && choices.some((choice) => choice.fraction !== undefined)) {
    view.reader.report(
      view.pathOf('scoring'),
      view.lineOf('scoring'),
      'all-or-nothing does not apply to choices with fractions: the fractions decide the score',
    );
  }
  return scoring;
}

/** The `items` of an `order` question, in the correct order. */
export function readItems(view: MapView): OrderItem[] {
  const reader = view.reader;
  const located = view.list('items', 'items (in the correct order)', true) ?? [];
  const items = located.map((at, index): OrderItem => {
    const { view: item, text } = readTextOrMapping(reader, at, ['id', 'text'], 'text', 'an item');
    return { id: readId(item, letterId(index)), text: text ?? '' };
  });
  checkUnique(reader, items.map((item, i) => idAt(located[i], item.id)));
  if (view.has('items') && items.length < 2) {
    reader.report(view.pathOf('items'), view.lineOf('items'), 'an order question needs at least two items');
  }
  return items;
}

function idAt(at: Located | undefined, id: string): { id: string; path: string; line: number } {
  return { id, path: `${at?.path ?? ''}.id`, line: at?.line ?? 1 };
}

/** The `pairs` and `distractors` of a `match` question; their ids share one scope. */
export function readPairs(view: MapView): { pairs: MatchPair[]; distractors: MatchDistractor[] } {
  const reader = view.reader;
  const pairAt = view.list('pairs', 'pairs (a list of { left, right })', true) ?? [];
  const pairs = pairAt.map((at, index): MatchPair => {
    const pair = reader.mapping(at, 'a pair');
    pair?.checkKeys(['id', 'left', 'right']);
    return {
      id: readId(pair, letterId(index)),
      left: (pair && readNonEmptyText(pair, 'left', 'left')) ?? '',
      right: (pair && readNonEmptyText(pair, 'right', 'right')) ?? '',
    };
  });
  const distractorAt = view.list('distractors', 'distractors (a list of texts)') ?? [];
  const distractors = distractorAt.map((at, index): MatchDistractor => {
    const { view: entry, text } = readTextOrMapping(reader, at, ['id', 'text'], 'text', 'a distractor');
    return { id: readId(entry, distractorId(index)), text: text ?? '' };
  });
  checkUnique(reader, [
    ...pairs.map((pair, i) => idAt(pairAt[i], pair.id)),
    ...distractors.map((d, i) => idAt(distractorAt[i], d.id)),
  ]);
  if (view.has('pairs') && pairs.length < 2) {
    reader.report(view.pathOf('pairs'), view.lineOf('pairs'), 'a match question needs at least two pairs');
  }
  return { pairs, distractors };
}
