import { strayType } from '../never.ts';
import type { Question } from '../types.ts';
import { multipleItem, singleItem, trueFalseItem } from './choice-items.ts';
import { clozeItem } from './cloze-item.ts';
import { Inexpressible, type Feedback, type ItemParts } from './item-parts.ts';
import { matchItem } from './match-item.ts';
import { createNames, RESERVED, type Names } from './names.ts';
import { QTI_NS, QTI_XSD } from './namespaces.ts';
import { numericItem } from './numeric-item.ts';
import { orderItem } from './order-item.ts';
import { floatOutcome, showFeedbackId } from './processing.ts';
import { textItem } from './text-items.ts';
import { el, paragraphs, xmlDocument, XSI_NS } from './xml.ts';

/** One question as a QTI 2.1 assessmentItem: its type's parts, the score outcomes and the explanation around them. */

/** The type-specific parts of a question's item. */
function itemParts(question: Question, names: Names, shuffle: boolean): ItemParts {
  switch (question.type) {
    case 'single':
      return singleItem(question, names, shuffle);
    case 'truefalse':
      return trueFalseItem(question, names);
    case 'multiple':
      return multipleItem(question, names, shuffle);
    case 'numeric':
      return numericItem(question, names);
    case 'text':
      return textItem(question, names);
    case 'order':
      return orderItem(question, names);
    case 'match':
      return matchItem(question, names);
    case 'cloze':
      return clozeItem(question, names, shuffle);
    default:
      throw new Inexpressible(`QTI has no form for the question type "${strayType(question)}"`);
  }
}

/** One question as an assessmentItem document; throws `Inexpressible` when QTI cannot hold it. */
export function itemDocument(identifier: string, question: Question, shuffle: boolean, lang = 'en'): { xml: string; approximated?: string } {
  if (!(Number.isFinite(question.points) && question.points >= 0)) throw new Inexpressible('its points are not a number ≥ 0');
  const names = createNames(RESERVED);
  const parts = itemParts(question, names, shuffle);
  const feedback: Feedback[] = [...parts.feedback];
  const processing = [...parts.processing];
  if (question.explanation) {
    // The explanation is shown after every answer, whatever it was.
    processing.unshift(showFeedbackId('EXPLANATION'));
    feedback.push({ id: 'EXPLANATION', text: question.explanation });
  }
  const item = el(
    'assessmentItem',
    {
      xmlns: QTI_NS,
      'xmlns:xsi': XSI_NS,
      'xsi:schemaLocation': `${QTI_NS} ${QTI_XSD}`,
      identifier,
      title: (question.title ?? question.id).replace(/\s+/g, ' ').trim() || question.id,
      'xml:lang': lang,
      adaptive: false,
      timeDependent: false,
    },
    parts.responses,
    floatOutcome('SCORE', 0, question.points > 0 ? { normalMinimum: 0, normalMaximum: question.points } : {}),
    floatOutcome('MAXSCORE', question.points),
    el('outcomeDeclaration', { identifier: 'FEEDBACK', cardinality: 'multiple', baseType: 'identifier' }),
    el('itemBody', {}, parts.body),
    processing.length > 0 && el('responseProcessing', {}, processing),
    feedback.map((f) =>
      el(
        'modalFeedback',
        { outcomeIdentifier: 'FEEDBACK', identifier: f.id, showHide: 'show', title: f.id === 'EXPLANATION' ? 'Explanation' : undefined },
        paragraphs(f.text),
      ),
    ),
  );
  return { xml: xmlDocument(item), approximated: parts.approximated };
}

