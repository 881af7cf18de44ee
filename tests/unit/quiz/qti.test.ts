import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  grade,
  normaliseText,
  toQti,
  type ClozeQuestion,
  type Question,
  type Quiz,
  type Response,
} from '../../../src/quiz/index.ts';
import { anyQuestion, responseFor } from './arbitraries.ts';
import { quizWith, sampleQuiz } from './sample-quiz.ts';

/* ---------- reading the XML back ---------- */

/** An element read back, or a text node (`name` "#text"). */
interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
});

type Parsed = Record<string, unknown>[];

function toNodes(entries: Parsed): Node[] {
  return entries.map((entry) => {
    const attrs = (entry[':@'] ?? {}) as Record<string, string>;
    const name = Object.keys(entry).find((key) => key !== ':@') as string;
    if (name === '#text') return { name, attrs: {}, children: [], text: String(entry[name]) };
    return { name, attrs, children: toNodes(entry[name] as Parsed), text: '' };
  });
}

/** Checks the text is well-formed XML and returns its root element. */
function parseXml(xml: string): Node {
  expect(XMLValidator.validate(xml)).toBe(true);
  const root = toNodes(parser.parse(xml) as Parsed).find((node) => node.name !== '?xml' && node.name !== '#text');
  if (!root) throw new Error('no root element');
  return root;
}

const elements = (node: Node): Node[] => node.children.filter((child) => child.name !== '#text');
const textOf = (node: Node): string => (node.name === '#text' ? node.text : node.children.map(textOf).join(''));

/** Every descendant element with this name, in document order. */
function all(node: Node, name: string): Node[] {
  return elements(node).flatMap((child) => [...(child.name === name ? [child] : []), ...all(child, name)]);
}

function one(node: Node, name: string): Node {
  const found = all(node, name);
  expect(found, `one <${name}>`).toHaveLength(1);
  return found[0] as Node;
}

const values = (node: Node): string[] => all(node, 'value').map(textOf);

function declaration(item: Node, id = 'RESPONSE'): Node {
  const found = all(item, 'responseDeclaration').find((d) => d.attrs['identifier'] === id);
  if (!found) throw new Error(`no responseDeclaration ${id}`);
  return found;
}

/** mapKey → mappedValue of a response's mapping. */
function mappingOf(item: Node, id = 'RESPONSE'): Record<string, number> {
  return Object.fromEntries(all(declaration(item, id), 'mapEntry').map((e) => [e.attrs['mapKey'], Number(e.attrs['mappedValue'])]));
}

/** identifier → text of the item's modal feedback. */
function modalFeedback(item: Node): Record<string, string> {
  return Object.fromEntries(all(item, 'modalFeedback').map((f) => [f.attrs['identifier'], paragraphsOf(f)]));
}

const paragraphsOf = (node: Node): string => all(node, 'p').map(textOf).join('\n\n');

const quizOf = (questions: Question[], extra: Partial<Quiz> = {}): Quiz => ({
  id: 'q',
  title: 'Q',
  pass: 0.7,
  shuffle: true,
  attempts: 0,
  penalty: 0,
  questions,
  ...extra,
});

/** The item of one question of the sample quiz, parsed. */
function sampleItem(questionId: string): Node {
  const { files } = toQti([sampleQuiz]);
  const xml = files[`items/traditional-review--${questionId}.xml`];
  if (xml === undefined) throw new Error(`no item for ${questionId}`);
  return parseXml(xml);
}

/* ---------- a small QTI response-processing interpreter, to check the scoring ---------- */

type Scalar = string | number | boolean;
type Value = null | Scalar | { container: 'multiple' | 'ordered'; values: Scalar[] };

interface Declared {
  baseType: string;
  correct: Value;
  mapping?: { defaultValue: number; lower?: number; upper?: number; entries: Map<string, number> };
}

const scalarOf = (baseType: string, text: string): Scalar =>
  baseType === 'float' || baseType === 'integer' ? Number(text) : baseType === 'boolean' ? text === 'true' : text;

const bound = (text: string | undefined): number | undefined => (text === undefined ? undefined : Number(text));

function declarations(item: Node): Map<string, Declared> {
  return new Map(
    all(item, 'responseDeclaration').map((d) => {
      const baseType = d.attrs['baseType'] as string;
      const correctValues = all(d, 'correctResponse').flatMap(values).map((v) => scalarOf(baseType, v));
      const correct: Value =
        d.attrs['cardinality'] === 'single'
          ? (correctValues[0] ?? null)
          : { container: d.attrs['cardinality'] as 'multiple' | 'ordered', values: correctValues };
      const map = all(d, 'mapping')[0];
      const mapping = map && {
        defaultValue: Number(map.attrs['defaultValue'] ?? 0),
        lower: bound(map.attrs['lowerBound']),
        upper: bound(map.attrs['upperBound']),
        entries: new Map(all(map, 'mapEntry').map((e) => [e.attrs['mapKey'] as string, Number(e.attrs['mappedValue'])])),
      };
      return [d.attrs['identifier'] as string, { baseType, correct, ...(mapping ? { mapping } : {}) }];
    }),
  );
}

/** An XML Schema regex as an anchored JavaScript one: `^` and `$` are plain characters there. */
function xsdRegex(pattern: string): RegExp {
  let js = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '\\') js += ch + (pattern[++i] ?? '');
    else js += ch === '^' || ch === '$' ? `\\${ch}` : ch;
  }
  return new RegExp(`^(?:${js})$`);
}

const listOf = (value: Value): Scalar[] =>
  value === null ? [] : typeof value === 'object' ? value.values : [value];

/** Runs an item's responseProcessing; returns SCORE and the texts of the modal feedback shown. */
function runItem(item: Node, responses: Record<string, Value>): { score: number; feedback: string[]; explanation: boolean } {
  const declared = declarations(item);
  const vars = new Map<string, Value>(Object.entries(responses));
  vars.set('SCORE', Number(values(one(all(item, 'outcomeDeclaration').find((o) => o.attrs['identifier'] === 'SCORE') as Node, 'defaultValue'))[0]));
  vars.set('FEEDBACK', null);

  const evaluate = (node: Node): Value => {
    const args = elements(node).map(evaluate);
    const nullIn = args.some((a) => a === null);
    switch (node.name) {
      case 'variable': {
        const value = vars.get(node.attrs['identifier'] as string) ?? null;
        return value !== null && typeof value === 'object' && value.values.length === 0 ? null : value;
      }
      case 'baseValue':
        return scalarOf(node.attrs['baseType'] as string, textOf(node));
      case 'correct':
        return declared.get(node.attrs['identifier'] as string)?.correct ?? null;
      case 'mapResponse': {
        const d = declared.get(node.attrs['identifier'] as string);
        const mapping = d?.mapping;
        if (!mapping) throw new Error('mapResponse without a mapping');
        const value = vars.get(node.attrs['identifier'] as string) ?? null;
        const sum = [...new Set(listOf(value).map(String))].reduce((s, key) => s + (mapping.entries.get(key) ?? mapping.defaultValue), 0);
        return Math.min(mapping.upper ?? Infinity, Math.max(mapping.lower ?? -Infinity, sum));
      }
      case 'isNull':
        return args[0] === null;
      case 'not':
        return args[0] === null ? null : !args[0];
      case 'and':
        return args.includes(false) ? false : nullIn ? null : true;
      case 'or':
        return args.includes(true) ? true : nullIn ? null : false;
      case 'gte':
        return nullIn ? null : (args[0] as number) >= (args[1] as number);
      case 'lte':
        return nullIn ? null : (args[0] as number) <= (args[1] as number);
      case 'sum':
        return nullIn ? null : args.reduce((s: number, a) => s + (a as number), 0);
      case 'multiple': {
        const all = args.flatMap(listOf);
        return all.length === 0 ? null : { container: 'multiple', values: all };
      }
      case 'index': {
        const list = args[0];
        return list !== null && typeof list === 'object' ? (list.values[Number(node.attrs['n']) - 1] ?? null) : null;
      }
      case 'match': {
        if (nullIn) return null;
        const [a, b] = args as Exclude<Value, null>[];
        if (typeof a !== 'object' || typeof b !== 'object') return a === b;
        if (a.container === 'ordered') return a.values.join('\u0000') === b.values.join('\u0000');
        return [...a.values].map(String).sort().join('\u0000') === [...b.values].map(String).sort().join('\u0000');
      }
      case 'stringMatch': {
        if (nullIn) return null;
        const [a, b] = args.map(String) as [string, string];
        return node.attrs['caseSensitive'] === 'true' ? a === b : a.toLowerCase() === b.toLowerCase();
      }
      case 'patternMatch':
        return nullIn ? null : xsdRegex(node.attrs['pattern'] as string).test(String(args[0]));
      default:
        throw new Error(`the interpreter does not know <${node.name}>`);
    }
  };

  const run = (rules: Node[]): void => {
    for (const rule of rules) {
      if (rule.name === 'setOutcomeValue') {
        vars.set(rule.attrs['identifier'] as string, evaluate(elements(rule)[0] as Node));
      } else if (rule.name === 'responseCondition') {
        for (const branch of elements(rule)) {
          const [test, ...then] = elements(branch);
          if (branch.name === 'responseElse') {
            run(elements(branch));
            break;
          }
          if (evaluate(test as Node) === true) {
            run(then);
            break;
          }
        }
      } else throw new Error(`the interpreter does not know the rule <${rule.name}>`);
    }
  };
  const processing = all(item, 'responseProcessing')[0];
  if (processing) run(elements(processing));

  const shown = new Set(listOf(vars.get('FEEDBACK') ?? null).map(String));
  const feedback = all(item, 'modalFeedback')
    .filter((f) => f.attrs['identifier'] !== 'EXPLANATION' && shown.has(f.attrs['identifier'] as string))
    .map(paragraphsOf);
  return { score: vars.get('SCORE') as number, feedback, explanation: shown.has('EXPLANATION') };
}

/**
 * An engine response as the QTI response variables a delivery system would fill in. Ids become
 * identifiers by position (the package writes choices, items, pairs and blanks in the
 * question's order), so any id the format allows, 年份 or a.b, maps to its identifier.
 */
function qtiResponses(question: Question, response: Response, item: Node): Record<string, Value> {
  const r = response as unknown as Record<string, unknown>;
  const identifiers = (name: string, within: Node = item): string[] => all(within, name).map((node) => node.attrs['identifier'] as string);
  const byPosition = (ids: readonly string[], qtiIds: readonly string[]) => (id: string): string => qtiIds[ids.indexOf(id)] as string;
  switch (question.type) {
    case 'single':
      return { RESPONSE: byPosition(question.choices.map((c) => c.id), identifiers('simpleChoice'))(r['choice'] as string) };
    case 'multiple': {
      const choices = (r['choices'] as string[]).map(byPosition(question.choices.map((c) => c.id), identifiers('simpleChoice')));
      return { RESPONSE: choices.length ? { container: 'multiple', values: choices } : null };
    }
    case 'truefalse':
      return { RESPONSE: String(r['value']) };
    case 'numeric':
      return { RESPONSE: r['value'] as number };
    case 'text':
      return { RESPONSE: (r['text'] as string) === '' ? null : (r['text'] as string) };
    case 'order':
      return { RESPONSE: { container: 'ordered', values: (r['order'] as string[]).map(byPosition(question.items.map((i) => i.id), identifiers('simpleChoice'))) } };
    case 'match': {
      const [leftSet, rightSet] = all(item, 'simpleMatchSet') as [Node, Node];
      const leftId = byPosition(question.pairs.map((p) => p.id), identifiers('simpleAssociableChoice', leftSet));
      const rightId = (text: string): string =>
        all(rightSet, 'simpleAssociableChoice').find((c) => textOf(c) === text)?.attrs['identifier'] as string;
      const texts = new Map<string, string>([...question.pairs.map((p) => [p.id, p.right] as const), ...question.distractors.map((d) => [d.id, d.text] as const)]);
      const pairs = Object.entries(r['matches'] as Record<string, string>).map(([left, right]) => `${leftId(left)} ${rightId(texts.get(right) as string)}`);
      return { RESPONSE: pairs.length ? { container: 'multiple', values: pairs } : null };
    }
    case 'cloze': {
      const blanks = r['blanks'] as Record<string, string>;
      const declared = identifiers('responseDeclaration');
      return Object.fromEntries(
        question.blanks.map((blank, i) => {
          const responseId = declared[i] as string;
          const value = blanks[blank.id];
          if (value === undefined || value === '') return [responseId, null];
          if (blank.kind === 'text') return [responseId, value];
          const interaction = all(item, 'inlineChoiceInteraction').find((node) => node.attrs['responseIdentifier'] === responseId) as Node;
          return [responseId, byPosition(blank.choices.map((c) => c.id), identifiers('inlineChoice', interaction))(value)];
        }),
      );
    }
  }
}

/** Letters whose other case has another length (ß, SS): no delivery system folds them like the engine. */
const foldsPlainly = (text: string): boolean =>
  [...text].every((ch) => [...ch.toUpperCase()].length === 1 && [...ch.toLowerCase()].length === 1);

/**
 * Whether QTI can grade this response as the engine does: typed texts already in normal form
 * (NFKC, trimmed, single spaces, not empty), as the package's note says.
 */
function comparable(question: Question, response: Response): boolean {
  const typed = (text: string | undefined, answers: readonly { text: string }[]): boolean =>
    text === undefined ||
    (text !== '' && normaliseText(text, true) === text && foldsPlainly(text) && answers.every((a) => foldsPlainly(a.text)));
  if (question.type === 'text') return typed((response as { text: string }).text, question.answers);
  if (question.type === 'cloze') {
    const blanks = (response as { blanks: Record<string, string> }).blanks;
    return question.blanks.every((b) => b.kind === 'choice' || typed(blanks[b.id], b.answers));
  }
  return true;
}

function itemFor(question: Question): Node {
  const pkg = toQti([quizOf([question])]);
  expect(pkg.skipped).toEqual([]);
  // The one item; its file is named after the question id made an NCName.
  const items = Object.entries(pkg.files).filter(([path]) => path.startsWith('items/'));
  expect(items).toHaveLength(1);
  return parseXml(items[0]?.[1] as string);
}

/* ---------- tests ---------- */

describe('toQti: the package', () => {
  const pkg = toQti([sampleQuiz], { title: 'Sample bank' });

  it('writes a manifest, one item per question and one test per quiz, all well-formed', () => {
    expect(Object.keys(pkg.files).sort()).toEqual(
      [
        'imsmanifest.xml',
        'tests/traditional-review.xml',
        ...sampleQuiz.questions.map((q) => `items/traditional-review--${q.id}.xml`),
      ].sort(),
    );
    for (const xml of Object.values(pkg.files)) parseXml(xml);
    expect(pkg.skipped).toEqual([]);
    expect(pkg.approximated).toEqual([]);
  });

  it('lists every file in the manifest, items as QTI 2.1 items and the test depending on them', () => {
    const manifest = parseXml(pkg.files['imsmanifest.xml'] as string);
    expect(manifest.attrs['xmlns']).toBe('http://www.imsglobal.org/xsd/imscp_v1p1');
    expect(textOf(one(manifest, 'imsmd:string'))).toBe('Sample bank');
    const resources = all(manifest, 'resource');
    for (const r of resources) {
      expect(pkg.files[r.attrs['href'] as string], r.attrs['href']).toBeDefined();
      expect(all(r, 'file').map((f) => f.attrs['href'])).toEqual([r.attrs['href']]);
    }
    const items = resources.filter((r) => r.attrs['type'] === 'imsqti_item_xmlv2p1');
    const tests = resources.filter((r) => r.attrs['type'] === 'imsqti_test_xmlv2p1');
    expect(items).toHaveLength(sampleQuiz.questions.length);
    expect(tests).toHaveLength(1);
    expect(all(tests[0] as Node, 'dependency').map((d) => d.attrs['identifierref'])).toEqual(items.map((r) => r.attrs['identifier']));
  });

  it('writes a test per quiz with one part and one section referencing its items in order', () => {
    const test = parseXml(pkg.files['tests/traditional-review.xml'] as string);
    expect(test.name).toBe('assessmentTest');
    expect(test.attrs['xmlns']).toBe('http://www.imsglobal.org/xsd/imsqti_v2p1');
    expect(test.attrs['title']).toBe(sampleQuiz.title);
    one(test, 'testPart');
    const refs = all(one(test, 'assessmentSection'), 'assessmentItemRef');
    expect(refs.map((r) => r.attrs['href'])).toEqual(sampleQuiz.questions.map((q) => `../items/traditional-review--${q.id}.xml`));
    expect(textOf(all(test, 'baseValue').at(-1) as Node)).toBe('0.7'); // the pass mark
  });

  it('gives each item an NCName identifier, a title, and the QTI 2.1 namespace, not adaptive', () => {
    for (const q of sampleQuiz.questions) {
      const item = sampleItem(q.id);
      expect(item.name).toBe('assessmentItem');
      expect(item.attrs).toMatchObject({
        xmlns: 'http://www.imsglobal.org/xsd/imsqti_v2p1',
        identifier: `traditional-review--${q.id}`,
        title: q.id,
        adaptive: 'false',
        timeDependent: 'false',
      });
      const outcomes = Object.fromEntries(all(item, 'outcomeDeclaration').map((o) => [o.attrs['identifier'], o.attrs]));
      expect(outcomes['SCORE']).toMatchObject({ cardinality: 'single', baseType: 'float' });
      expect(outcomes['MAXSCORE']).toMatchObject({ cardinality: 'single', baseType: 'float' });
      expect(outcomes['FEEDBACK']).toMatchObject({ cardinality: 'multiple', baseType: 'identifier' });
    }
  });

  it('makes odd ids safe and unique as NCNames, and keeps item paths in step', () => {
    // Built in code, where ids are not checked as in quiz files.
    const questions: Question[] = ['1st: 中文 q', '1st_____q', 'é'].map((id) => ({ id, type: 'truefalse', points: 1, prompt: id, answer: true }));
    const { files } = toQti([quizOf(questions, { id: 'my quiz' })]);
    const items = Object.keys(files).filter((path) => path.startsWith('items/'));
    expect(items).toHaveLength(3);
    const ids = items.map((path) => parseXml(files[path] as string).attrs['identifier'] as string);
    for (const [i, id] of ids.entries()) {
      expect(id).toMatch(/^[A-Za-z_][A-Za-z0-9._-]*$/);
      expect(items[i]).toBe(`items/${id}.xml`);
    }
    expect(new Set(ids).size).toBe(3);
    expect(ids[2]).toBe('my_quiz--e');
  });
});

describe('toQti: each question type', () => {
  it('single: a one-choice interaction, the right choice, its points, feedback by choice id and the explanation', () => {
    const item = sampleItem('traditional-share');
    const interaction = one(item, 'choiceInteraction');
    expect(interaction.attrs).toMatchObject({ responseIdentifier: 'RESPONSE', maxChoices: '1', shuffle: 'true' });
    expect(all(interaction, 'simpleChoice').map((c) => c.attrs['identifier'])).toEqual(['a', 'b', 'c']);
    expect(textOf(all(interaction, 'simpleChoice')[1] as Node)).toBe('More than 80%');
    expect(declaration(item).attrs).toMatchObject({ cardinality: 'single', baseType: 'identifier' });
    expect(values(one(item, 'correctResponse'))).toEqual(['b']);
    expect(mappingOf(item)).toEqual({ b: 1 });
    expect(modalFeedback(item)).toEqual({
      a: 'No: far more.',
      b: "Yes: 'accounting for more than 80% of the manufacturing industry'.",
      EXPLANATION: 'Traditional industries are the foundation of the modern industrial system.',
    });
    // The explanation is set first and unconditionally.
    const first = elements(one(item, 'responseProcessing'))[0] as Node;
    expect(first.name).toBe('setOutcomeValue');
    expect(textOf(one(first, 'baseValue'))).toBe('EXPLANATION');
    expect(textOf(all(item, 'p')[0] as Node)).toBe('Traditional industries make up what share of manufacturing?');
    expect(runItem(item, { RESPONSE: 'b' })).toEqual({ score: 1, feedback: ["Yes: 'accounting for more than 80% of the manufacturing industry'."], explanation: true });
    expect(runItem(item, { RESPONSE: 'c' })).toEqual({ score: 0, feedback: [], explanation: true });
  });

  it('single with weights: each weight times the points, never below 0', () => {
    const [question] = quizWith(`  - id: w
    type: single
    points: 2
    prompt: "Weighted"
    choices:
      - { text: "right", fraction: 1 }
      - { text: "half", fraction: 0.5 }
      - { text: "bad", fraction: -0.5 }
`).questions;
    const item = itemFor(question as Question);
    expect(values(one(item, 'correctResponse'))).toEqual(['a']);
    expect(mappingOf(item)).toEqual({ a: 2, b: 1, c: -1 });
    expect(one(item, 'mapping').attrs['lowerBound']).toBe('0');
    expect(runItem(item, { RESPONSE: 'c' }).score).toBe(0);
    expect(runItem(item, { RESPONSE: 'b' }).score).toBe(1);
  });

  it('multiple, partial: +points/C for a right choice, −points/W for a wrong one, between 0 and the points', () => {
    const item = sampleItem('advantages');
    expect(one(item, 'choiceInteraction').attrs['maxChoices']).toBe('0');
    expect(declaration(item).attrs).toMatchObject({ cardinality: 'multiple', baseType: 'identifier' });
    expect(values(one(item, 'correctResponse'))).toEqual(['a', 'b', 'd']);
    expect(mappingOf(item)).toEqual({ a: 1 / 3, b: 1 / 3, c: -0.5, d: 1 / 3, e: -0.5 });
    expect(one(item, 'mapping').attrs).toMatchObject({ lowerBound: '0', upperBound: '1' });
    const pick = (...ids: string[]): Value => ({ container: 'multiple', values: ids });
    expect(runItem(item, { RESPONSE: pick('a', 'b', 'd') }).score).toBeCloseTo(1, 12);
    expect(runItem(item, { RESPONSE: pick('a', 'c') }).score).toBe(0);
    expect(runItem(item, { RESPONSE: pick('a', 'b', 'd', 'e') }).score).toBeCloseTo(0.5, 12);
  });

  it('multiple, all-or-nothing: full points only when the response matches the correct set', () => {
    const [question] = quizWith(`  - id: aon
    type: multiple
    scoring: all-or-nothing
    points: 3
    prompt: "All or nothing"
    choices:
      - { text: "r1", correct: true }
      - { text: "r2", correct: true }
      - { text: "w" }
`).questions;
    const item = itemFor(question as Question);
    expect(all(item, 'mapping')).toHaveLength(0);
    one(item, 'correct');
    expect(values(one(item, 'correctResponse'))).toEqual(['a', 'b']);
    expect(runItem(item, { RESPONSE: { container: 'multiple', values: ['b', 'a'] } }).score).toBe(3);
    expect(runItem(item, { RESPONSE: { container: 'multiple', values: ['a'] } }).score).toBe(0);
  });

  it('multiple with weights: the weights times the points, clamped to [0, points]', () => {
    const [question] = quizWith(`  - id: mw
    type: multiple
    points: 2
    prompt: "Weighted"
    choices:
      - { text: "a", fraction: 0.5 }
      - { text: "b", fraction: 0.5 }
      - { text: "c", fraction: -1 }
`).questions;
    const item = itemFor(question as Question);
    expect(mappingOf(item)).toEqual({ a: 1, b: 1, c: -2 });
    expect(one(item, 'mapping').attrs).toMatchObject({ lowerBound: '0', upperBound: '2' });
  });

  it('truefalse: choices "true" and "false", the answer as correct response, feedback per answer', () => {
    const item = sampleItem('stable-share');
    expect(all(one(item, 'choiceInteraction'), 'simpleChoice').map((c) => [c.attrs['identifier'], textOf(c)])).toEqual([
      ['true', 'True'],
      ['false', 'False'],
    ]);
    expect(values(one(item, 'correctResponse'))).toEqual(['true']);
    expect(mappingOf(item)).toEqual({ true: 1 });
    expect(Object.keys(modalFeedback(item))).toEqual(['false']);
    expect(runItem(item, { RESPONSE: 'false' }).feedback).toEqual(["It does: 'keep the proportion of manufacturing industry basically stable'."]);
  });

  it('numeric: a float text entry, bounds as gte/lte with the engine’s slack, first match wins', () => {
    const [question] = quizWith(`  - id: n
    type: numeric
    points: 2
    prompt: "Pi?"
    answers:
      - { answer: 3.1415, tolerance: 0.0005, feedback: "Close enough." }
      - { range: [3, 4], fraction: 0.5 }
    otherFeedback: "No."
`).questions;
    const item = itemFor(question as Question);
    one(item, 'textEntryInteraction');
    expect(declaration(item).attrs).toMatchObject({ cardinality: 'single', baseType: 'float' });
    expect(values(one(item, 'correctResponse'))).toEqual(['3.1415']);
    const bounds = all(item, 'gte').map((g) => Number(textOf(one(g, 'baseValue'))));
    expect(bounds[0]).toBeCloseTo(3.141, 8);
    expect(bounds[0]).toBeLessThan(3.141);
    expect(runItem(item, { RESPONSE: 3.141 })).toMatchObject({ score: 2, feedback: ['Close enough.'] });
    expect(runItem(item, { RESPONSE: 3.9 })).toMatchObject({ score: 1, feedback: [] });
    expect(runItem(item, { RESPONSE: 5 })).toMatchObject({ score: 0, feedback: ['No.'] });
  });

  it('text: stringMatch for exact answers, an XML Schema patternMatch for wildcards, in order', () => {
    const item = sampleItem('carbon');
    one(item, 'textEntryInteraction');
    expect(declaration(item).attrs).toMatchObject({ cardinality: 'single', baseType: 'string' });
    expect(values(one(item, 'correctResponse'))).toEqual(['peaking']);
    expect(one(item, 'stringMatch').attrs['caseSensitive']).toBe('false');
    expect(one(item, 'patternMatch').attrs['pattern']).toBe('\\s*[pP][eE][aA][kK].*\\s*');
    expect(runItem(item, { RESPONSE: 'Peaking' }).score).toBe(1);
    expect(runItem(item, { RESPONSE: 'peaks' })).toMatchObject({ score: 0.5, feedback: ['Nearly: the word is peaking.'] });
    expect(runItem(item, { RESPONSE: 'valley' }).score).toBe(0);
  });

  it('text: escapes regex metacharacters, keeps case when asked, and reads `\\*` as a star', () => {
    const [question] = quizWith(`  - id: t
    type: text
    caseSensitive: true
    prompt: "Formula"
    answers: ["a+b (x) * 2", "5\\\\*3"]
`).questions;
    const item = itemFor(question as Question);
    expect(one(item, 'patternMatch').attrs['pattern']).toBe('\\s*a\\+b\\s+\\(x\\)\\s+.*\\s+2\\s*');
    expect(one(item, 'stringMatch').attrs['caseSensitive']).toBe('true');
    expect(textOf(one(one(item, 'stringMatch'), 'baseValue'))).toBe('5*3');
    expect(runItem(item, { RESPONSE: 'a+b (x) times 2' }).score).toBe(1);
    expect(runItem(item, { RESPONSE: 'A+b (x) times 2' }).score).toBe(0);
    expect(runItem(item, { RESPONSE: '5*3' }).score).toBe(1);
  });

  it('order: an ordered response with the items in order, partial credit per pair in order', () => {
    const item = sampleItem('focus-order');
    const interaction = one(item, 'orderInteraction');
    expect(interaction.attrs['shuffle']).toBe('true');
    expect(declaration(item).attrs).toMatchObject({ cardinality: 'ordered', baseType: 'identifier' });
    expect(values(one(item, 'correctResponse'))).toEqual(['traditional', 'advantageous', 'emerging', 'future']);
    const order = (...ids: string[]): Value => ({ container: 'ordered', values: ids });
    expect(runItem(item, { RESPONSE: order('traditional', 'advantageous', 'emerging', 'future') }).score).toBeCloseTo(1, 12);
    expect(runItem(item, { RESPONSE: order('advantageous', 'traditional', 'emerging', 'future') }).score).toBeCloseTo(5 / 6, 12);
    expect(runItem(item, { RESPONSE: order('future', 'emerging', 'advantageous', 'traditional') }).score).toBe(0);
  });

  it('order, all-or-nothing: match_correct', () => {
    const [question] = quizWith(`  - id: o
    type: order
    scoring: all-or-nothing
    prompt: "Order"
    items: ["one", "two", "three"]
`).questions;
    const item = itemFor(question as Question);
    one(item, 'correct');
    expect(runItem(item, { RESPONSE: { container: 'ordered', values: ['a', 'b', 'c'] } }).score).toBe(1);
    expect(runItem(item, { RESPONSE: { container: 'ordered', values: ['b', 'a', 'c'] } }).score).toBe(0);
  });

  it('match: two match sets (lefts; rights and distractors), directed pairs mapped to points/pairs', () => {
    const item = sampleItem('fields');
    const interaction = one(item, 'matchInteraction');
    expect(interaction.attrs['maxAssociations']).toBe('3');
    const [lefts, rights] = all(interaction, 'simpleMatchSet') as [Node, Node];
    expect(all(lefts, 'simpleAssociableChoice').map(textOf)).toEqual(['Emerging', 'Future', 'Advantageous']);
    expect(all(rights, 'simpleAssociableChoice').map(textOf)).toEqual(['5G', 'Humanoid robots', 'High-speed rail', 'Coal mining']);
    expect(declaration(item).attrs).toMatchObject({ cardinality: 'multiple', baseType: 'directedPair' });
    expect(values(one(item, 'correctResponse'))).toEqual(['a R_a', 'b R_b', 'c R_c']);
    expect(mappingOf(item)).toEqual({ 'a R_a': 1 / 3, 'b R_b': 1 / 3, 'c R_c': 1 / 3 });
    expect(runItem(item, { RESPONSE: { container: 'multiple', values: ['a R_a', 'b x1'] } }).score).toBeCloseTo(1 / 3, 12);
  });

  it('match: pairs sharing a right-hand text share one option, as the engine compares texts', () => {
    const [question] = quizWith(`  - id: m
    type: match
    prompt: "Match"
    pairs:
      - { left: "x", right: "same" }
      - { left: "y", right: "same" }
      - { left: "z", right: "other" }
`).questions;
    const item = itemFor(question as Question);
    const rights = all(all(item, 'simpleMatchSet')[1] as Node, 'simpleAssociableChoice');
    expect(rights.map(textOf)).toEqual(['same', 'other']);
    expect(values(one(item, 'correctResponse'))).toEqual(['a R_a', 'b R_a', 'c R_c']);
  });

  it('cloze: the text with an inline entry or choice per blank, each blank worth its share', () => {
    const item = sampleItem('boards');
    const body = one(item, 'itemBody');
    const paragraph = all(body, 'p')[1] as Node;
    expect(paragraph.children.map((c) => (c.name === '#text' ? c.text : c.name))).toEqual([
      'Forging ',
      'textEntryInteraction',
      ' boards, making up for ',
      'inlineChoiceInteraction',
      ' boards.',
    ]);
    expect(one(body, 'textEntryInteraction').attrs['responseIdentifier']).toBe('RESPONSE_long');
    const choices = one(body, 'inlineChoiceInteraction');
    expect(choices.attrs['responseIdentifier']).toBe('RESPONSE_weak');
    expect(all(choices, 'inlineChoice').map((c) => [c.attrs['identifier'], textOf(c)])).toEqual([
      ['weak_a', 'strong'],
      ['weak_b', 'weak'],
      ['weak_c', 'short'],
    ]);
    expect(values(declaration(item, 'RESPONSE_long'))).toEqual(['long']);
    expect(values(declaration(item, 'RESPONSE_weak'))).toEqual(['weak_b']);
    expect(mappingOf(item, 'RESPONSE_weak')).toEqual({ weak_b: 0.5 });
    expect(runItem(item, { RESPONSE_long: 'Long', RESPONSE_weak: 'weak_b' }).score).toBe(1);
    expect(runItem(item, { RESPONSE_long: 'long', RESPONSE_weak: 'weak_a' }).score).toBe(0.5);
    expect(runItem(item, { RESPONSE_long: null, RESPONSE_weak: null }).score).toBe(0);
  });
});

describe('toQti: texts, and what QTI cannot hold', () => {
  it('escapes the quiz texts as plain text, never as markup', () => {
    const prompt = `<script>alert("x")</script> & 'y' <b>$a<b$`;
    const [question] = quizWith(`  - id: s
    type: single
    prompt: ${JSON.stringify(prompt)}
    choices:
      - { text: "<i>right</i>", correct: true, feedback: "a & b" }
      - { text: "x > y" }
    explanation: "</p><p>"
`).questions;
    const xml = toQti([quizOf([question as Question])]).files['items/q--s.xml'] as string;
    expect(xml).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;y&apos;');
    expect(xml).not.toContain('<script');
    expect(xml).not.toContain('<i>');
    const item = parseXml(xml);
    expect(textOf(all(item, 'p')[0] as Node)).toBe(prompt);
    expect(textOf(all(item, 'simpleChoice')[0] as Node)).toBe('<i>right</i>');
    expect(modalFeedback(item)).toEqual({ a: 'a & b', EXPLANATION: '</p><p>' });
  });

  it('writes each Markdown paragraph as its own <p>', () => {
    const [question] = quizWith(`  - id: p
    type: truefalse
    prompt: "First line\\nstill first.\\n\\nSecond $x^2$."
    answer: true
`).questions;
    const item = itemFor(question as Question);
    expect(all(one(item, 'itemBody'), 'p').map(textOf)).toEqual(['First line\nstill first.', 'Second $x^2$.']);
  });

  it('lists what it leaves out with a reason, and writes the rest', () => {
    const broken: ClozeQuestion = {
      id: 'twice',
      type: 'cloze',
      points: 1,
      prompt: '',
      text: '{{a}} and {{a}}',
      blanks: [{ id: 'a', kind: 'text', answers: [{ text: 'x', fraction: 1 }], caseSensitive: false }],
    };
    const unknown = { id: 'essay', type: 'essay', points: 1, prompt: 'Write.' } as unknown as Question;
    const pkg = toQti([quizOf([broken, unknown, ...sampleQuiz.questions.slice(0, 1)])]);
    expect(pkg.skipped).toEqual([
      { quizId: 'q', questionId: 'twice', reason: expect.stringContaining('used more than once') },
      { quizId: 'q', questionId: 'essay', reason: expect.stringContaining('"essay"') },
    ]);
    expect(Object.keys(pkg.files).filter((p) => p.startsWith('items/'))).toEqual(['items/q--traditional-share.xml']);
    const manifest = parseXml(pkg.files['imsmanifest.xml'] as string);
    expect(all(manifest, 'resource').filter((r) => r.attrs['type'] === 'imsqti_item_xmlv2p1')).toHaveLength(1);
  });

  it('lists as approximated a case-insensitive wildcard answer with a letter QTI cannot fold (ß)', () => {
    const [question] = quizWith(`  - id: street
    type: text
    prompt: "Street?"
    answers: ["stra*ße"]
`).questions;
    const pkg = toQti([quizOf([question as Question])]);
    expect(pkg.approximated).toEqual([{ quizId: 'q', questionId: 'street', reason: expect.stringContaining('ß') }]);
    expect(pkg.files['items/q--street.xml']).toBeDefined();
  });

  it('says once, for the package, what differs for every question: typed text, hints, penalties', () => {
    const notes = toQti([sampleQuiz]).notes;
    expect(notes.some((n) => /NFKC/.test(n))).toBe(true);
    expect(notes.some((n) => /penalty/.test(n) && n.includes('traditional-review 10%'))).toBe(true);
    expect(toQti([quizOf([sampleQuiz.questions[0] as Question])]).notes).toEqual([]);
  });
});

describe('toQti: items score as the engine grades', () => {
  it('gives every question the same score and feedback as grade, for any valid response', () => {
    fc.assert(
      fc.property(
        anyQuestion.chain((question) => fc.tuple(fc.constant(question), responseFor(question))),
        ([question, response]) => {
          fc.pre(comparable(question, response));
          const item = itemFor(question);
          const expected = grade(question, response as never);
          const got = runItem(item, qtiResponses(question, response, item));
          expect(got.score).toBeCloseTo(expected.score, 9);
          expect(got.feedback).toEqual(expected.feedback);
          expect(got.explanation).toBe(Boolean(question.explanation));
        },
      ),
      { numRuns: 400 },
    );
  });
});
