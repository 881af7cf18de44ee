import { splitBlanks } from '../blanks.ts';
import { clampFraction, snap } from '../fraction.ts';
import { numericBounds } from '../grade.ts';
import { matchesAnswer, normaliseText } from '../text-match.ts';
import { fillWildcards, hasWildcard, WILDCARD, wildcardPieces } from '../wildcard.ts';
import type {
  Choice,
  ClozeQuestion,
  MatchQuestion,
  MultipleQuestion,
  NumericQuestion,
  OrderQuestion,
  Question,
  Quiz,
  TextAnswer,
  TextQuestion,
} from '../types.ts';
import { strayType } from '../never.ts';

/**
 * IMS QTI 2.1 export: one assessmentItem per question, one assessmentTest per quiz, and the
 * IMS Content Packaging manifest that lists them, for Canvas, Blackboard and other LMSs.
 * Each item scores like `grade` as far as QTI's response processing can say it; texts go in
 * as escaped plain text (Markdown and `$math$` as written), never as HTML.
 */

/** A question the package left out or holds only approximately, with why. */
export interface QtiNote {
  quizId: string;
  questionId: string;
  reason: string;
}

/** What `toQti` returns. */
export interface QtiPackage {
  /** Package path → XML text: `imsmanifest.xml`, `items/<quiz>--<question>.xml`, `tests/<quiz>.xml`. */
  files: Record<string, string>;
  /** Questions with no item: QTI has no form for them. */
  skipped: QtiNote[];
  /** Questions whose item an LMS will grade somewhat differently from this engine. */
  approximated: QtiNote[];
  /** Package-wide differences from this kit (typed-text normalisation, hints, penalties), one sentence each. */
  notes: string[];
}

export interface QtiOptions {
  /** The package's title in the manifest (default "Quiz bank"). */
  title?: string;
}

const QTI_NS = 'http://www.imsglobal.org/xsd/imsqti_v2p1';
const QTI_XSD = 'http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd';
const CP_NS = 'http://www.imsglobal.org/xsd/imscp_v1p1';
const CP_XSD = 'http://www.imsglobal.org/xsd/qti/qtiv2p1/qtiv2p1_imscpv1p2_v1p0.xsd';
const LOM_NS = 'http://ltsc.ieee.org/xsd/LOM';
const LOM_XSD = 'http://www.imsglobal.org/xsd/imsmd_loose_v1p3p2.xsd';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** Relative slack on numeric bounds, as in `grade`: a decimal typed on a bound counts. */
const NUMERIC_SLACK = 1e-9;

const RE_NOT_NAME_CHAR = /[^A-Za-z0-9._-]+/g;
const RE_NAME_START = /^[A-Za-z_]/;
const RE_COMBINING_MARKS = /\p{M}+/gu;
const RE_PARAGRAPH_BREAK = /\n[ \t]*\n/;
// Characters XML 1.0 cannot hold at all, not even as references.
const RE_NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Metacharacters of XML Schema regular expressions outside a character class (no anchors there).
const RE_XSD_META = /[\\.?*+()|[\]{}]/g;

/* ---------- XML ---------- */

type Attrs = Record<string, string | number | boolean | undefined>;
type XmlChild = XmlNode | string;
interface XmlNode {
  name: string;
  attrs: Attrs;
  children: XmlChild[];
}
type ChildInput = XmlChild | readonly ChildInput[] | false | undefined | null;

/** An element; strings are text (escaped when written), falsy children are left out. */
function el(name: string, attrs: Attrs = {}, ...children: ChildInput[]): XmlNode {
  const flat: XmlChild[] = [];
  const add = (child: ChildInput): void => {
    if (Array.isArray(child)) (child as readonly ChildInput[]).forEach(add);
    else if (typeof child === 'string' ? child !== '' : child) flat.push(child as XmlChild);
  };
  children.forEach(add);
  return { name, attrs, children: flat };
}

const clean = (text: string): string => text.replace(RE_NOT_XML, '\uFFFD');

function escapeText(text: string): string {
  return clean(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function escapeAttr(value: string): string {
  return escapeText(value).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

function attrText(attrs: Attrs): string {
  return Object.entries(attrs)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeAttr(typeof value === 'number' ? formatNumber(value) : String(value))}"`)
    .join('');
}

/**
 * Writes a node: elements holding only elements are indented one per line; text and mixed
 * content is written as is, so no white space is added inside a value or a paragraph.
 */
function render(node: XmlNode, indent = '', compact = false): string {
  const open = `<${node.name}${attrText(node.attrs)}`;
  if (node.children.length === 0) return `${indent}${open}/>`;
  const mixed = compact || node.name === 'p' || node.children.some((child) => typeof child === 'string');
  if (mixed) {
    const inner = node.children.map((child) => (typeof child === 'string' ? escapeText(child) : render(child, '', true))).join('');
    return `${indent}${open}>${inner}</${node.name}>`;
  }
  const inner = node.children.map((child) => render(child as XmlNode, `${indent}  `)).join('\n');
  return `${indent}${open}>\n${inner}\n${indent}</${node.name}>`;
}

const xmlDocument = (root: XmlNode): string => `<?xml version="1.0" encoding="UTF-8"?>\n${render(root)}\n`;

/** A number as xsd:double writes it (shortest round trip, so a bound reads back exactly). */
function formatNumber(value: number): string {
  return Object.is(value, -0) ? '0' : String(value);
}

/** A share of the points, without floating-point noise such as 0.30000000000000004. */
const pointsOf = (fraction: number, points: number): number => snap(fraction * points);

/** Markdown paragraphs as `<p>` elements of plain text. */
function paragraphs(text: string | undefined): XmlNode[] {
  if (!text) return [];
  return text
    .split(RE_PARAGRAPH_BREAK)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => el('p', {}, part));
}

/* ---------- identifiers ---------- */

/** An id made safe as an XML NCName, plainly ASCII: `é` → `e`, other characters → `_`. */
function ncName(raw: string): string {
  const ascii = raw.normalize('NFKD').replace(RE_COMBINING_MARKS, '').replace(RE_NOT_NAME_CHAR, '_');
  return RE_NAME_START.test(ascii) ? ascii : `_${ascii}`;
}

/** Hands out NCNames unique within one scope (an item, the package), keeping ids as written where it can. */
function createNames(reserved: Iterable<string> = []) {
  const used = new Set(reserved);
  return (raw: string): string => {
    const base = ncName(raw);
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    return name;
  };
}

/** Variables every item declares, and the feedback id of the explanation: no choice may take them. */
const RESERVED = ['RESPONSE', 'SCORE', 'MAXSCORE', 'FEEDBACK', 'EXPLANATION', 'completionStatus', 'numAttempts', 'duration'];

/* ---------- response processing ---------- */

const variable = (id: string): XmlNode => el('variable', { identifier: id });
const baseValue = (baseType: string, value: string | number): XmlNode =>
  el('baseValue', { baseType }, typeof value === 'number' ? formatNumber(value) : value);
const setOutcome = (id: string, expression: XmlNode): XmlNode => el('setOutcomeValue', { identifier: id }, expression);
const setScore = (value: number): XmlNode => setOutcome('SCORE', baseValue('float', value));
const addScore = (expression: XmlNode): XmlNode => setOutcome('SCORE', el('sum', {}, variable('SCORE'), expression));
const showFeedback = (expression: XmlNode): XmlNode => setOutcome('FEEDBACK', el('multiple', {}, variable('FEEDBACK'), expression));
const showFeedbackId = (id: string): XmlNode => showFeedback(baseValue('identifier', id));
const answered = (response: string): XmlNode => el('not', {}, el('isNull', {}, variable(response)));

interface Branch {
  when: XmlNode;
  then: XmlNode[];
}

/** if / else if … / else, as one responseCondition; the first branch that holds runs. */
function condition(branches: readonly Branch[], otherwise: readonly XmlNode[] = []): XmlNode {
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
const whenAnswered = (response: string, rules: readonly XmlNode[]): XmlNode[] =>
  rules.length > 0 ? [condition([{ when: answered(response), then: [...rules] }])] : [];

/** A response's mapping to points; entries worth 0 are left to the default, but QTI wants at least one. */
function mapping(entries: readonly [key: string, value: number][], upperBound?: number): XmlNode {
  const worth = entries.filter(([, value]) => snap(value) !== 0);
  const kept = worth.length > 0 ? worth : entries.slice(0, 1);
  return el(
    'mapping',
    { defaultValue: 0, lowerBound: 0, upperBound },
    kept.map(([mapKey, value]) => el('mapEntry', { mapKey, mappedValue: snap(value) })),
  );
}

/* ---------- items ---------- */

/** A feedback text an outcome of FEEDBACK shows, by its identifier. */
interface Feedback {
  id: string;
  text: string;
}

/** What a type's writer makes; the common parts (outcomes, explanation) are added around it. */
interface ItemParts {
  responses: XmlNode[];
  body: XmlNode[];
  processing: XmlNode[];
  feedback: Feedback[];
  /** Why an LMS will grade it differently, if it will. */
  approximated?: string;
}

/** Signals a question QTI cannot hold; its message is the reason. */
class Inexpressible extends Error {}

type Names = (raw: string) => string;

function responseDeclaration(id: string, cardinality: string, baseType: string, correct: readonly string[], extra?: XmlNode | false): XmlNode {
  return el(
    'responseDeclaration',
    { identifier: id, cardinality, baseType },
    correct.length > 0 && el('correctResponse', {}, correct.map((value) => el('value', {}, value))),
    extra,
  );
}

interface ChoiceLike {
  id: string;
  text: string;
  correct: boolean;
  feedback?: string;
}

/** Choice feedback keyed by the choice's identifier, shown when it is chosen. */
function choiceFeedback(choices: readonly ChoiceLike[], ids: ReadonlyMap<string, string>): Feedback[] {
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
const mapped = el('mapResponse', { identifier: 'RESPONSE' });

function multipleItem(question: MultipleQuestion, names: Names, shuffle: boolean): ItemParts {
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

/** `[lo, hi]` widened by the engine's relative slack, as float literals. */
function slackBounds(lo: number, hi: number): [number, number] {
  return [lo - NUMERIC_SLACK * Math.abs(lo), hi + NUMERIC_SLACK * Math.abs(hi)];
}

function numericItem(question: NumericQuestion, names: Names): ItemParts {
  const { points, answers } = question;
  const feedback: Feedback[] = [];
  const branches = answers.map((answer, i): Branch => {
    const [lo, hi] = numericBounds(answer);
    if (![lo, hi, answer.fraction].every(Number.isFinite)) throw new Inexpressible('a numeric answer is not a finite number');
    const [low, high] = slackBounds(lo, hi);
    const then = [setScore(pointsOf(clampFraction(answer.fraction), points))];
    if (answer.feedback) {
      const id = names(`ANSWER_${i + 1}`);
      feedback.push({ id, text: answer.feedback });
      then.push(showFeedbackId(id));
    }
    const within = el(
      'and',
      {},
      el('gte', {}, variable('RESPONSE'), baseValue('float', low)),
      el('lte', {}, variable('RESPONSE'), baseValue('float', high)),
    );
    return { when: within, then };
  });
  const otherwise: XmlNode[] = [];
  if (question.otherFeedback) {
    const id = names('OTHER');
    otherwise.push(showFeedbackId(id));
    feedback.push({ id, text: question.otherFeedback });
  }
  const best = [...answers].sort((a, b) => b.fraction - a.fraction)[0];
  const correct = best === undefined || best.fraction <= 0 ? [] : ['range' in best ? (best.range[0] + best.range[1]) / 2 : best.answer];
  return {
    responses: [responseDeclaration('RESPONSE', 'single', 'float', correct.map(formatNumber))],
    body: [...paragraphs(question.prompt), el('p', {}, el('textEntryInteraction', { responseIdentifier: 'RESPONSE' }))],
    processing: branches.length > 0 ? whenAnswered('RESPONSE', [condition(branches, otherwise)]) : [],
    feedback,
  };
}

/** The plainest text an answer accepts: wildcards left empty, or filled where a gap needs something. */
function plainTyping(answer: TextAnswer, caseSensitive: boolean): string {
  const fill = (filler: string): string => fillWildcards(normaliseText(answer.text, true), filler);
  const empty = fill('');
  return matchesAnswer(empty, answer.text, caseSensitive) ? empty : fill('x');
}

/**
 * One literal character as an XML Schema regex atom; case-insensitively `[aA]`. Reports
 * letters whose other case is several letters (`ß`/`SS`), which a class cannot say.
 */
function regexChar(ch: string, caseSensitive: boolean, approximate: (why: string) => void): string {
  if (/\s/.test(ch)) return '\\s+';
  const escaped = ch.replace(RE_XSD_META, '\\$&');
  if (caseSensitive) return escaped;
  const forms = [ch, ch.toLowerCase(), ch.toUpperCase()];
  if (forms.some((form) => [...form].length !== 1)) approximate(`"${ch}" changes length when its case changes`);
  const variants = [...new Set(forms.filter((form) => [...form].length === 1))];
  return variants.length > 1 ? `[${variants.join('')}]` : escaped;
}

/** A wildcard answer as a whole-string XML Schema pattern (patternMatch is case-sensitive). */
function answerPattern(text: string, caseSensitive: boolean, approximate: (why: string) => void): string {
  const body = wildcardPieces(normaliseText(text, true))
    .map((piece) => (piece === WILDCARD ? '.*' : [...piece].map((ch) => regexChar(ch, caseSensitive, approximate)).join('')))
    .join('');
  // The engine trims and joins runs of white space; the pattern lets them be.
  return `\\s*${body}\\s*`;
}

/** Condition that `response` matches one accepted text, as the engine's `matchesAnswer` does. */
function textCondition(response: string, answer: TextAnswer, caseSensitive: boolean, approximate: (why: string) => void): XmlNode {
  if (hasWildcard(normaliseText(answer.text, true))) {
    return el('patternMatch', { pattern: answerPattern(answer.text, caseSensitive, approximate) }, variable(response));
  }
  const literal = fillWildcards(normaliseText(answer.text, true), '');
  return el('stringMatch', { caseSensitive }, variable(response), baseValue('string', literal));
}

/**
 * Accepted texts in order, the first that matches counts: `credit(fraction)` gives the rules
 * that award it. Shared by text questions and text blanks.
 */
function textRules(
  response: string,
  answers: readonly TextAnswer[],
  caseSensitive: boolean,
  names: Names,
  feedbackPrefix: string,
  credit: (fraction: number) => XmlNode[],
  approximate: (why: string) => void,
): { rules: XmlNode[]; feedback: Feedback[] } {
  const feedback: Feedback[] = [];
  const branches = answers.map((answer, i): Branch => {
    const then = credit(clampFraction(answer.fraction));
    if (answer.feedback) {
      const id = names(`${feedbackPrefix}ANSWER_${i + 1}`);
      feedback.push({ id, text: answer.feedback });
      then.push(showFeedbackId(id));
    }
    // A branch with no rule would be empty; a no-op keeps it valid and still stops the search.
    if (then.length === 0) then.push(addScore(baseValue('float', 0)));
    return { when: textCondition(response, answer, caseSensitive, approximate), then };
  });
  return { rules: branches.length > 0 ? whenAnswered(response, [condition(branches)]) : [], feedback };
}

/** The first full-credit answer (else the best), as a learner would type it. */
function correctText(answers: readonly TextAnswer[], caseSensitive: boolean): string[] {
  const best = answers.find((a) => a.fraction >= 1) ?? [...answers].sort((a, b) => b.fraction - a.fraction)[0];
  return best === undefined || best.fraction <= 0 ? [] : [plainTyping(best, caseSensitive)];
}

function textItem(question: TextQuestion, names: Names): ItemParts {
  const reasons = new Set<string>();
  const { rules, feedback } = textRules(
    'RESPONSE',
    question.answers,
    question.caseSensitive,
    names,
    '',
    (fraction) => [setScore(pointsOf(fraction, question.points))],
    (why) => reasons.add(why),
  );
  return {
    responses: [responseDeclaration('RESPONSE', 'single', 'string', correctText(question.answers, question.caseSensitive))],
    body: [...paragraphs(question.prompt), el('p', {}, el('textEntryInteraction', { responseIdentifier: 'RESPONSE' }))],
    processing: rules,
    feedback,
    approximated: reasons.size > 0 ? `case-insensitive matching: ${[...reasons].join('; ')}` : undefined,
  };
}

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

function orderItem(question: OrderQuestion, names: Names): ItemParts {
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

function matchItem(question: MatchQuestion, names: Names): ItemParts {
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

/** The cloze text split into paragraphs of literal text and blank names. */
function clozePieces(question: ClozeQuestion): { text: string; blank?: string }[][] {
  const used: string[] = [];
  const result = question.text
    .split(RE_PARAGRAPH_BREAK)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) =>
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

function clozeItem(question: ClozeQuestion, names: Names, shuffle: boolean): ItemParts {
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

/** The type-specific parts of a question's item. */
function itemParts(question: Question, names: Names, shuffle: boolean): ItemParts {
  switch (question.type) {
    case 'single': {
      const { points, choices } = question;
      return choiceItem(choices, question.prompt, names, {
        multiple: false,
        shuffle,
        score: [setOutcome('SCORE', mapped)],
        mapping: (ids) => mapping(choices.map((c) => [ids.get(c.id) as string, creditOf(c) * points])),
      });
    }
    case 'truefalse': {
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

function floatOutcome(identifier: string, value: number, extra: Attrs = {}): XmlNode {
  return el(
    'outcomeDeclaration',
    { identifier, cardinality: 'single', baseType: 'float', ...extra },
    el('defaultValue', {}, el('value', {}, formatNumber(value))),
  );
}

/** One question as an assessmentItem document; throws `Inexpressible` when QTI cannot hold it. */
function itemDocument(identifier: string, question: Question, shuffle: boolean): { xml: string; approximated?: string } {
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

/* ---------- tests and manifest ---------- */

function testDocument(identifier: string, quiz: Quiz, items: readonly { identifier: string; path: string }[]): string {
  const testVariables = (id: string): XmlNode => el('sum', {}, el('testVariables', { variableIdentifier: id }));
  const test = el(
    'assessmentTest',
    { xmlns: QTI_NS, 'xmlns:xsi': XSI_NS, 'xsi:schemaLocation': `${QTI_NS} ${QTI_XSD}`, identifier, title: quiz.title },
    floatOutcome('SCORE', 0),
    floatOutcome('MAXSCORE', 0),
    el('outcomeDeclaration', { identifier: 'PASS', cardinality: 'single', baseType: 'boolean' }),
    el(
      'testPart',
      { identifier: `${identifier}-part`, navigationMode: 'nonlinear', submissionMode: 'individual' },
      el('itemSessionControl', { maxAttempts: quiz.attempts, showFeedback: true, allowReview: true, showSolution: false }),
      el(
        'assessmentSection',
        { identifier: `${identifier}-section`, title: quiz.title, visible: true },
        items.map((item) => el('assessmentItemRef', { identifier: item.identifier, href: `../${item.path}` })),
      ),
    ),
    el(
      'outcomeProcessing',
      {},
      setOutcome('SCORE', testVariables('SCORE')),
      setOutcome('MAXSCORE', testVariables('MAXSCORE')),
      // Passed when the share of points reaches the quiz's pass mark.
      setOutcome(
        'PASS',
        el('gte', {}, el('divide', {}, variable('SCORE'), variable('MAXSCORE')), baseValue('float', quiz.pass)),
      ),
    ),
  );
  return xmlDocument(test);
}

interface Resource {
  identifier: string;
  type: 'imsqti_item_xmlv2p1' | 'imsqti_test_xmlv2p1';
  href: string;
  dependencies: string[];
}

function manifestDocument(title: string, resources: readonly Resource[]): string {
  const manifest = el(
    'manifest',
    {
      xmlns: CP_NS,
      'xmlns:imsmd': LOM_NS,
      'xmlns:xsi': XSI_NS,
      'xsi:schemaLocation': `${CP_NS} ${CP_XSD} ${LOM_NS} ${LOM_XSD}`,
      identifier: 'MANIFEST-kit-quizzes',
    },
    el(
      'metadata',
      {},
      el('schema', {}, 'QTIv2.1 Package'),
      el('schemaversion', {}, '1.0.0'),
      el('imsmd:lom', {}, el('imsmd:general', {}, el('imsmd:title', {}, el('imsmd:string', { language: 'en' }, title)))),
    ),
    el('organizations'),
    el(
      'resources',
      {},
      resources.map((r) =>
        el(
          'resource',
          { identifier: r.identifier, type: r.type, href: r.href },
          el('file', { href: r.href }),
          r.dependencies.map((ref) => el('dependency', { identifierref: ref })),
        ),
      ),
    ),
  );
  return xmlDocument(manifest);
}

/** Package-wide differences from the engine, worth one line each rather than one per question. */
function packageNotes(quizzes: readonly Quiz[]): string[] {
  const questions = quizzes.flatMap((quiz) => quiz.questions);
  const typed = questions.some((q) => q.type === 'text' || (q.type === 'cloze' && q.blanks.some((b) => b.kind === 'text')));
  const hints = questions.filter((q) => q.hint).length;
  const penalties = quizzes.filter((quiz) => quiz.penalty > 0).map((quiz) => `${quiz.id} ${formatNumber(quiz.penalty * 100)}%`);
  return [
    typed &&
      'typed answers are compared as QTI stringMatch/patternMatch do, without this kit’s Unicode (NFKC) normalisation, so full-width ＡＢ１ is not AB1, and exact answers without trimming or joining spaces',
    hints > 0 && `${hints} hint${hints === 1 ? ' is' : 's are'} not exported: a non-adaptive QTI 2.1 item shows feedback only after an answer`,
    penalties.length > 0 &&
      `the penalty per extra try is not exported (${penalties.join(', ')}): QTI 2.1 has no such rule, though each test's number of tries is`,
  ].filter((note): note is string => typeof note === 'string');
}

/**
 * Writes quizzes as an IMS QTI 2.1 content package: an assessmentItem per question, an
 * assessmentTest per quiz with its items in order, and `imsmanifest.xml`. Questions QTI
 * cannot hold are listed in `skipped`, never dropped silently; zip `files` to import them.
 * @example toQti(quizzes).files['imsmanifest.xml']
 */
export function toQti(quizzes: readonly Quiz[], options: QtiOptions = {}): QtiPackage {
  const files: Record<string, string> = {};
  const skipped: QtiNote[] = [];
  const approximated: QtiNote[] = [];
  const resources: Resource[] = [];
  const itemNames = createNames();
  const testNames = createNames();
  const resourceNames = createNames();

  for (const quiz of quizzes) {
    const items: { identifier: string; path: string; resource: string }[] = [];
    for (const question of quiz.questions) {
      try {
        const identifier = itemNames(`${ncName(quiz.id)}--${ncName(question.id)}`);
        const item = itemDocument(identifier, question, quiz.shuffle);
        const path = `items/${identifier}.xml`;
        files[path] = item.xml;
        const resource = resourceNames(`RES-${identifier}`);
        resources.push({ identifier: resource, type: 'imsqti_item_xmlv2p1', href: path, dependencies: [] });
        items.push({ identifier, path, resource });
        if (item.approximated) approximated.push({ quizId: quiz.id, questionId: question.id, reason: item.approximated });
      } catch (error) {
        if (!(error instanceof Inexpressible)) throw error;
        skipped.push({ quizId: quiz.id, questionId: question.id, reason: error.message });
      }
    }
    if (items.length === 0) continue; // every question is listed in skipped
    const identifier = testNames(quiz.id);
    const path = `tests/${identifier}.xml`;
    files[path] = testDocument(identifier, quiz, items);
    resources.push({
      identifier: resourceNames(`RES-TEST-${identifier}`),
      type: 'imsqti_test_xmlv2p1',
      href: path,
      dependencies: items.map((item) => item.resource),
    });
  }
  files['imsmanifest.xml'] = manifestDocument(options.title ?? 'Quiz bank', resources);
  return { files, skipped, approximated, notes: packageNotes(quizzes) };
}
