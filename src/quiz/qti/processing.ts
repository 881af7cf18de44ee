import { snap } from '../fraction.ts';
import { el, formatNumber, type Attrs, type XmlNode } from './xml.ts';

/**
 * The pieces of QTI response and outcome processing the items and tests are written with:
 * declarations, conditions, scores and feedback outcomes.
 */

export const variable = (id: string): XmlNode => el('variable', { identifier: id });
export const baseValue = (baseType: string, value: string | number): XmlNode =>
  el('baseValue', { baseType }, typeof value === 'number' ? formatNumber(value) : value);
export const setOutcome = (id: string, expression: XmlNode): XmlNode => el('setOutcomeValue', { identifier: id }, expression);
export const setScore = (value: number): XmlNode => setOutcome('SCORE', baseValue('float', value));
export const addScore = (expression: XmlNode): XmlNode => setOutcome('SCORE', el('sum', {}, variable('SCORE'), expression));
export const showFeedback = (expression: XmlNode): XmlNode => setOutcome('FEEDBACK', el('multiple', {}, variable('FEEDBACK'), expression));
export const showFeedbackId = (id: string): XmlNode => showFeedback(baseValue('identifier', id));
export const answered = (response: string): XmlNode => el('not', {}, el('isNull', {}, variable(response)));

export interface Branch {
  when: XmlNode;
  then: XmlNode[];
}

/** if / else if … / else, as one responseCondition; the first branch that holds runs. */
export function condition(branches: readonly Branch[], otherwise: readonly XmlNode[] = []): XmlNode {
  const [first, ...rest] = branches;
  if (!first) throw new Error('a condition needs a branch');
  return el(
    'responseCondition',
    {},
    el('responseIf', {}, first.when, first.then),
    rest.map((branch) => el('responseElseIf', {}, branch.when, branch.then)),
    otherwise.length > 0 && el('responseElse', {}, otherwise),
  );
}

/** Rules that run only when the response variable has a value. */
export const whenAnswered = (response: string, rules: readonly XmlNode[]): XmlNode[] =>
  rules.length > 0 ? [condition([{ when: answered(response), then: [...rules] }])] : [];

/** A response's mapping to points; entries worth 0 are left to the default, but QTI wants at least one. */
export function mapping(entries: readonly [key: string, value: number][], upperBound?: number): XmlNode {
  const worth = entries.filter(([, value]) => snap(value) !== 0);
  const kept = worth.length > 0 ? worth : entries.slice(0, 1);
  return el(
    'mapping',
    { defaultValue: 0, lowerBound: 0, upperBound },
    kept.map(([mapKey, value]) => el('mapEntry', { mapKey, mappedValue: snap(value) })),
  );
}


/** The response's mapped value: the points its mapping gives. */
export const mapped = el('mapResponse', { identifier: 'RESPONSE' });

/** A share of the points, without floating-point noise such as 0.30000000000000004. */
export const pointsOf = (fraction: number, points: number): number => snap(fraction * points);

export function responseDeclaration(id: string, cardinality: string, baseType: string, correct: readonly string[], extra?: XmlNode | false): XmlNode {
  return el(
    'responseDeclaration',
    { identifier: id, cardinality, baseType },
    correct.length > 0 && el('correctResponse', {}, correct.map((value) => el('value', {}, value))),
    extra,
  );
}

export function floatOutcome(identifier: string, value: number, extra: Attrs = {}): XmlNode {
  return el(
    'outcomeDeclaration',
    { identifier, cardinality: 'single', baseType: 'float', ...extra },
    el('defaultValue', {}, el('value', {}, formatNumber(value))),
  );
}
