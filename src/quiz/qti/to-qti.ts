import type { Quiz } from '../types.ts';
import { itemDocument } from './item.ts';
import { Inexpressible } from './item-parts.ts';
import { createNames, ncName } from './names.ts';
import { CP_NS, CP_XSD, LOM_NS, LOM_XSD, QTI_NS, QTI_XSD } from './namespaces.ts';
import { baseValue, floatOutcome, setOutcome, variable } from './processing.ts';
import { el, formatNumber, xmlDocument, XSI_NS, type XmlNode } from './xml.ts';

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
  /** The language of the questions (BCP 47, default `en`): each item's `xml:lang` and the title's language in the manifest. */
  lang?: string;
}

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

function manifestDocument(title: string, lang: string, resources: readonly Resource[]): string {
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
      el('imsmd:lom', {}, el('imsmd:general', {}, el('imsmd:title', {}, el('imsmd:string', { language: lang }, title)))),
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
        const item = itemDocument(identifier, question, quiz.shuffle, options.lang ?? 'en');
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
  files['imsmanifest.xml'] = manifestDocument(options.title ?? 'Quiz bank', options.lang ?? 'en', resources);
  return { files, skipped, approximated, notes: packageNotes(quizzes) };
}
