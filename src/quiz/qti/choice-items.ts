import type { Choice, MultipleQuestion, SingleQuestion, TrueFalseQuestion } from '../types.ts';
import type { Feedback, ItemParts } from './item-parts.ts';
import type { Names } from './names.ts';
import { condition, mapped, mapping, responseDeclaration, setOutcome, setScore, showFeedback, variable, whenAnswered } from './processing.ts';
import { el, paragraphs, type XmlNode } from './xml.ts';

/** Items whose answer is picked from a list: single and multiple choice, true or false. */

export interface ChoiceLike {
  id: string;
  text: string;
  correct: boolean;
  feedback?: string;
}

/** Choice feedback keyed by the choice's identifier, shown when it is chosen. */
export function choiceFeedback(choices: readonly ChoiceLike[], ids: ReadonlyMap<string, string>): Feedback[] {
  return choices.filter((c) => c.feedback).map((c) => ({ id: ids.get(c.id) as string, text: c.feedback as string }));
}

function choiceItem(
  choices: readonly ChoiceLike[],
  prompt: string,
  names: Names,
  options: { multiple: boolean; shuffle: boolean; score: XmlNode[]; mapping?: (ids: ReadonlyMap<string, string>) => XmlNode },
): ItemParts {
  const ids = new Map(choices.map((c) => [c.id, names(c.id)]));
  const feedback = choiceFeedback(choices, ids);
  const correct = choices.filter((c) => c.correct).map((c) => ids.get(c.id) as string);
  return {
    responses: [
      responseDeclaration('RESPONSE', options.multiple ? 'multiple' : 'single', 'identifier', correct, options.mapping?.(ids)),
    ],
    body: [
      ...paragraphs(prompt),
      el(
        'choiceInteraction',
        { responseIdentifier: 'RESPONSE', shuffle: options.shuffle, maxChoices: options.multiple ? 0 : 1 },
        choices.map((c) => el('simpleChoice', { identifier: ids.get(c.id) }, c.text)),
      ),
    ],
    processing: whenAnswered('RESPONSE', [...options.score, ...(feedback.length > 0 ? [showFeedback(variable('RESPONSE'))] : [])]),
    feedback,
  };
}

const creditOf = (choice: Choice): number => choice.fraction ?? (choice.correct ? 1 : 0);

export function multipleItem(question: MultipleQuestion, names: Names, shuffle: boolean): ItemParts {
  const { points, choices } = question;
  if (choices.some((c) => c.fraction !== undefined)) {
    // Moodle's rule: the sum of the chosen choices' weights, clamped to [0, 1].
    return choiceItem(choices, question.prompt, names, {
      multiple: true,
      shuffle,
      score: [setOutcome('SCORE', mapped)],
      mapping: (ids) => mapping(choices.map((c) => [ids.get(c.id) as string, (c.fraction ?? 0) * points]), points),
    });
  }
  if (question.scoring === 'all-or-nothing') {
    const exact = el('match', {}, variable('RESPONSE'), el('correct', { identifier: 'RESPONSE' }));
    return choiceItem(choices, question.prompt, names, { multiple: true, shuffle, score: [condition([{ when: exact, then: [setScore(points)] }])] });
  }
  // Partial: +1/C per right choice, −1/W per wrong one, never below 0.
  const right = choices.filter((c) => c.correct).length;
  const wrong = choices.length - right;
  return choiceItem(choices, question.prompt, names, {
    multiple: true,
    shuffle,
    score: [setOutcome('SCORE', mapped)],
    mapping: (ids) =>
      mapping(
        choices.map((c) => [ids.get(c.id) as string, c.correct ? points / right : wrong > 0 ? -points / wrong : 0]),
        points,
      ),
  });
}


export function singleItem(question: SingleQuestion, names: Names, shuffle: boolean): ItemParts {
  const { points, choices } = question;
  return choiceItem(choices, question.prompt, names, {
    multiple: false,
    shuffle,
    score: [setOutcome('SCORE', mapped)],
    mapping: (ids) => mapping(choices.map((c) => [ids.get(c.id) as string, creditOf(c) * points])),
  });
}

/** True or false as a choice between two, never shuffled. */
export function trueFalseItem(question: TrueFalseQuestion, names: Names): ItemParts {
  const choices: ChoiceLike[] = [
    { id: 'true', text: 'True', correct: question.answer, feedback: question.feedbackTrue },
    { id: 'false', text: 'False', correct: !question.answer, feedback: question.feedbackFalse },
  ];
  return choiceItem(choices, question.prompt, names, {
    multiple: false,
    shuffle: false,
    score: [setOutcome('SCORE', mapped)],
    mapping: (ids) => mapping([[ids.get(String(question.answer)) as string, question.points]]),
  });
}
