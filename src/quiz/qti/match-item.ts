import type { MatchQuestion } from '../types.ts';
import { Inexpressible, type ItemParts } from './item-parts.ts';
import type { Names } from './names.ts';
import { mapped, mapping, responseDeclaration, setOutcome, whenAnswered } from './processing.ts';
import { el, paragraphs } from './xml.ts';

/** A matching item: directed pairs from the left sides to the right-hand options, each right pair worth its share. */

export function matchItem(question: MatchQuestion, names: Names): ItemParts {
  const { pairs, points } = question;
  if (pairs.length === 0) throw new Inexpressible('a matching question needs at least one pair');
  const lefts = pairs.map((pair) => names(pair.id));
  // The engine compares right-hand texts, so pairs sharing a text (or a distractor with it) share one option.
  const rights = new Map<string, string>();
  for (const pair of pairs) if (!rights.has(pair.right)) rights.set(pair.right, names(`R_${pair.id}`));
  for (const d of question.distractors) if (!rights.has(d.text)) rights.set(d.text, names(d.id));
  const correct = pairs.map((pair, i) => `${lefts[i]} ${rights.get(pair.right)}`);
  return {
    responses: [
      responseDeclaration(
        'RESPONSE',
        'multiple',
        'directedPair',
        correct,
        mapping(correct.map((key) => [key, points / pairs.length]), points),
      ),
    ],
    body: [
      ...paragraphs(question.prompt),
      el(
        'matchInteraction',
        { responseIdentifier: 'RESPONSE', shuffle: true, maxAssociations: pairs.length },
        el('simpleMatchSet', {}, pairs.map((pair, i) => el('simpleAssociableChoice', { identifier: lefts[i], matchMax: 1 }, pair.left))),
        // Any option may answer several left sides, as in the engine and in Moodle.
        el('simpleMatchSet', {}, [...rights].map(([text, id]) => el('simpleAssociableChoice', { identifier: id, matchMax: 0 }, text))),
      ),
    ],
    processing: whenAnswered('RESPONSE', [setOutcome('SCORE', mapped)]),
    feedback: [],
  };
}

