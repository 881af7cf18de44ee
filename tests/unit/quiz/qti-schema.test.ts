import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseQuizBank, toQti, type Question, type Quiz } from '../../../src/quiz/index.ts';
import { anyQuestion } from './arbitraries.ts';
import { sampleQuiz } from './sample-quiz.ts';

/**
 * The QTI package is checked by the schemas themselves: IMS QTI 2.1 for items and tests, the
 * IMS CP 1.2 profile for QTI 2.1 and generic IMS CP 1.1 for the manifest. The schemas are read
 * in place beside the project (`../shared/fixtures/qti-xsd`), with xmllint (Debian and Ubuntu:
 * `apt-get install libxml2-utils`).
 */

const SCHEMAS = fileURLToPath(new URL('../../../../shared/fixtures/qti-xsd/', import.meta.url));
const QTI_XSD = 'www.imsglobal.org/xsd/imsqti_v2p1.xsd';
const CP_QTI_XSD = 'www.imsglobal.org/xsd/qti/qtiv2p1/qtiv2p1_imscpv1p2_v1p0.xsd';
const CP_XSD = 'local-cp/imscp_v1p1.xsd';

const xmllint = spawnSync('xmllint', ['--version']).status === 0;
const schemas = existsSync(join(SCHEMAS, 'catalog.xml'));
const missing = !xmllint
  ? 'xmllint is not installed (Debian/Ubuntu: apt-get install libxml2-utils)'
  : !schemas
    ? `the IMS schemas are not at ${SCHEMAS}`
    : undefined;

const work = mkdtempSync(join(tmpdir(), 'kit-qti-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Writes a package into its own folder and returns the absolute paths of its files. */
function writePackage(name: string, files: Record<string, string>): Record<string, string> {
  const paths: Record<string, string> = {};
  for (const [path, xml] of Object.entries(files)) {
    const out = join(work, name, path);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, xml);
    paths[path] = out;
  }
  return paths;
}

/** xmllint's complaints about `files` against `schema` (a path inside the schema folder); none when they validate. */
function complaints(schema: string, files: string[]): string[] {
  if (files.length === 0) return [];
  const run = spawnSync('xmllint', ['--nonet', '--noout', '--schema', schema, ...files], {
    cwd: SCHEMAS,
    env: { ...process.env, XML_CATALOG_FILES: 'catalog.xml' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = `${run.stdout}${run.stderr}`.split('\n').filter((line) => line.trim() !== '' && !line.endsWith(' validates'));
  if (run.status !== 0 && lines.length === 0) lines.push(`xmllint exited with ${run.status}`);
  return lines;
}

/** Every complaint of the three schemas about a package. */
function validate(name: string, files: Record<string, string>): string[] {
  const paths = writePackage(name, files);
  const documents = Object.keys(paths).filter((path) => path !== 'imsmanifest.xml').map((path) => paths[path] as string);
  const manifest = [paths['imsmanifest.xml'] as string];
  return [...complaints(QTI_XSD, documents), ...complaints(CP_QTI_XSD, manifest), ...complaints(CP_XSD, manifest)];
}

const quizOf = (id: string, questions: Question[], extra: Partial<Quiz> = {}): Quiz => ({
  id,
  title: `Quiz ${id}`,
  pass: 0.7,
  shuffle: true,
  attempts: 2,
  penalty: 0.1,
  questions,
  ...extra,
});

describe('the QTI package against the IMS schemas', () => {
  if (missing) {
    it.skip(`is valid QTI 2.1 and IMS CP: skipped, ${missing}`, () => {});
    return;
  }

  it('holds a valid item for every question type, a valid test and a valid manifest', () => {
    const unicode = parseQuizBank(
      `id: 复习
title: "Unicode ids: 年份"
questions:
  - id: 年份-问题
    type: cloze
    prompt: "Complete: <b>not markup</b> & more"
    text: "In {{年份}}, {{a.b}} areas.\\n\\nA second paragraph with {{Σ:1}}."
    blanks:
      年份: { answers: ["2023"] }
      a.b: { choices: [{ id: 三, text: three }, { id: 四, text: four }], answer: 四 }
      "Σ:1": { answers: ["peak*", { text: "x\\\\*y", fraction: 0.5 }] }
  - id: 选择
    type: single
    prompt: Which?
    choices: [{ id: 甲, text: A, correct: true, feedback: Yes }, { id: 乙, text: B }]
`,
      'quizzes/unicode.yaml',
    );
    const pkg = toQti([sampleQuiz, unicode]);
    expect(pkg.skipped).toEqual([]);
    expect(validate('sample', pkg.files)).toEqual([]);
  });

  it('stays valid for any questions the engine accepts', () => {
    // One package of many generated questions, so xmllint (which reads the schemas each run) runs three times, not per question.
    const questions = fc.sample(anyQuestion, { numRuns: 240, seed: 11 });
    const quizzes = [0, 1, 2].map((n) =>
      quizOf(
        `generated-${n}`,
        questions.filter((_, i) => i % 3 === n).map((q, i) => ({ ...q, id: `${q.id}-${i}` })),
        { shuffle: n !== 1, attempts: n },
      ),
    );
    const pkg = toQti(quizzes);
    expect(Object.keys(pkg.files).filter((path) => path.startsWith('items/')).length).toBe(questions.length - pkg.skipped.length);
    expect(validate('generated', pkg.files)).toEqual([]);
  });
});
