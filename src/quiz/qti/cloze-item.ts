import { splitBlanks } from '../blanks.ts';
import { clampFraction } from '../fraction.ts';
import type { ClozeQuestion } from '../types.ts';
import { choiceFeedback } from './choice-items.ts';
import { Inexpressible, type Feedback, type ItemParts } from './item-parts.ts';
import type { Names } from './names.ts';
import { addScore, baseValue, mapping, pointsOf, responseDeclaration, showFeedback, variable, whenAnswered } from './processing.ts';
import { correctText, textRules } from './text-items.ts';
import { el, paragraphs, splitParagraphs, type XmlNode } from './xml.ts';

/** A cloze item: the text in paragraphs with an entry or a list in place of each blank, each blank worth its share. */

/** The cloze text split into paragraphs of literal text and blank names. */
function clozePieces(question: ClozeQuestion): { text: string; blank?: string }[][] {
  const used: string[] = [];
  const result = splitParagraphs(question.text).map((paragraph) =>
    splitBlanks(paragraph).map((piece, i) => {
      if (i % 2 === 0) return { text: piece };
      used.push(piece);
      return { text: '', blank: piece };
    }),
  );
  const defined = question.blanks.map((blank) => blank.id);
  const twice = used.find((name, i) => used.indexOf(name) !== i);
  if (twice !== undefined) throw new Inexpressible(`blank "${twice}" is used more than once, and a QTI response belongs to one interaction`);
  const undefinedBlank = used.find((name) => !defined.includes(name));
  if (undefinedBlank !== undefined) throw new Inexpressible(`blank "${undefinedBlank}" has no answers`);
  const unused = defined.find((name) => !used.includes(name));
  if (unused !== undefined) throw new Inexpressible(`blank "${unused}" is not in the text`);
  return result;
}

export function clozeItem(question: ClozeQuestion, names: Names, shuffle: boolean): ItemParts {
  const pieces = clozePieces(question);
  if (question.blanks.length === 0) throw new Inexpressible('a cloze question needs at least one blank');
  const share = question.points / question.blanks.length;
  const reasons = new Set<string>();
  const responses: XmlNode[] = [];
  const processing: XmlNode[] = [];
  const feedback: Feedback[] = [];
  const interactions = new Map<string, XmlNode>();

  for (const blank of question.blanks) {
    const response = names(`RESPONSE_${blank.id}`);
    if (blank.kind === 'text') {
      const rules = textRules(
        response,
        blank.answers,
        blank.caseSensitive,
        names,
        `${blank.id}_`,
        (fraction) => (fraction > 0 ? [addScore(baseValue('float', pointsOf(fraction, share)))] : []),
        (why) => reasons.add(why),
      );
      responses.push(responseDeclaration(response, 'single', 'string', correctText(blank.answers, blank.caseSensitive)));
      processing.push(...rules.rules);
      feedback.push(...rules.feedback);
      interactions.set(blank.id, el('textEntryInteraction', { responseIdentifier: response }));
    } else {
      const ids = new Map(blank.choices.map((c) => [c.id, names(`${blank.id}_${c.id}`)]));
      // The answer earns the blank's share; another choice its own weight, if it has one.
      const entries = blank.choices.map((c): [string, number] => [
        ids.get(c.id) as string,
        (c.id === blank.answer ? 1 : clampFraction(c.fraction ?? 0)) * share,
      ]);
      const chosenFeedback = choiceFeedback(
        blank.choices.map((c) => ({ ...c, correct: c.id === blank.answer })),
        ids,
      );
      const answerId = ids.get(blank.answer);
      responses.push(responseDeclaration(response, 'single', 'identifier', answerId ? [answerId] : [], mapping(entries)));
      processing.push(
        ...whenAnswered(response, [
          addScore(el('mapResponse', { identifier: response })),
          ...(chosenFeedback.length > 0 ? [showFeedback(variable(response))] : []),
        ]),
      );
      feedback.push(...chosenFeedback);
      interactions.set(
        blank.id,
        el(
          'inlineChoiceInteraction',
          { responseIdentifier: response, shuffle },
          blank.choices.map((c) => el('inlineChoice', { identifier: ids.get(c.id) }, c.text)),
        ),
      );
    }
  }
  const body = pieces.map((paragraph) =>
    el('p', {}, paragraph.map((piece) => (piece.blank === undefined ? piece.text : (interactions.get(piece.blank) as XmlNode)))),
  );
  return {
    responses,
    body: [...paragraphs(question.prompt), ...body],
    processing,
    feedback,
    approximated: reasons.size > 0 ? `case-insensitive matching: ${[...reasons].join('; ')}` : undefined,
  };
}

