import type { OrderQuestion } from '../types.ts';
import { Inexpressible, type ItemParts } from './item-parts.ts';
import type { Names } from './names.ts';
import { addScore, baseValue, condition, responseDeclaration, setScore, variable, whenAnswered } from './processing.ts';
import { el, paragraphs, type XmlNode } from './xml.ts';

/** An ordering item: an ordered response, scored all or nothing or per pair of items in the right order. */

/** `item` is at position p and `later` at some position after it: all QTI can say without a "position of". */
function placedBefore(item: string, later: string, count: number): XmlNode {
  const at = (n: number, id: string): XmlNode =>
    el('match', {}, el('index', { n }, variable('RESPONSE')), baseValue('identifier', id));
  const options: XmlNode[] = [];
  for (let p = 1; p < count; p++) {
    const after: XmlNode[] = [];
    for (let q = p + 1; q <= count; q++) after.push(at(q, later));
    options.push(el('and', {}, at(p, item), after.length === 1 ? after[0] : el('or', {}, after)));
  }
  return options.length === 1 ? (options[0] as XmlNode) : el('or', {}, options);
}

export function orderItem(question: OrderQuestion, names: Names): ItemParts {
  const { items, points } = question;
  if (items.length < 2) throw new Inexpressible('an ordering question needs at least two items');
  const ids = items.map((item) => names(item.id));
  let score: XmlNode[];
  if (question.scoring === 'all-or-nothing') {
    const exact = el('match', {}, variable('RESPONSE'), el('correct', { identifier: 'RESPONSE' }));
    score = [condition([{ when: exact, then: [setScore(points)] }])];
  } else {
    // Partial: a share of the points for each pair of items in the right relative order.
    const pairs = (items.length * (items.length - 1)) / 2;
    score = [];
    ids.forEach((first, i) =>
      ids.slice(i + 1).forEach((second) => {
        score.push(condition([{ when: placedBefore(first, second, ids.length), then: [addScore(baseValue('float', points / pairs))] }]));
      }),
    );
  }
  return {
    responses: [responseDeclaration('RESPONSE', 'ordered', 'identifier', ids)],
    body: [
      ...paragraphs(question.prompt),
      el(
        'orderInteraction',
        { responseIdentifier: 'RESPONSE', shuffle: true },
        items.map((item, i) => el('simpleChoice', { identifier: ids[i] }, item.text)),
      ),
    ],
    processing: whenAnswered('RESPONSE', score),
    feedback: [],
  };
}

