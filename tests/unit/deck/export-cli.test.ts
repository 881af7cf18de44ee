import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseGift, parseQuizBank, type Quiz } from '../../../src/quiz/index.ts';
import { kit, PROJECT, type KitRun } from './run-kit.ts';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, isArray: (name) => ['resource', 'file', 'dependency', 'value', 'assessmentItemRef'].includes(name) });

/** Parses a well-formed XML text (the test fails if it is not). */
function parseXml(xml: string): Record<string, any> {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml) as Record<string, any>;
}

// The English quizzes: a translation is `<name>.<lang>.yaml`.
const deckQuizzes: Quiz[] = readdirSync(join(PROJECT, 'quizzes'))
  .filter((name) => name.endsWith('.yaml') && !/\.[a-z]{2}\.yaml$/.test(name))
  .map((name) => parseQuizBank(readFileSync(join(PROJECT, 'quizzes', name), 'utf8'), `quizzes/${name}`));
const deckQuestions = deckQuizzes.reduce((n, quiz) => n + quiz.questions.length, 0);

describe('kit export', () => {
  let out: string;
  let run: KitRun;
  let zip: Record<string, string>;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'kit-export-'));
    run = await kit(['export', '--out', out]);
    zip = Object.fromEntries(Object.entries(unzipSync(readFileSync(join(out, 'qti.zip')))).map(([path, bytes]) => [path, strFromU8(bytes)]));
    // Export also zips the built deck into SCORM packages, four of over a megabyte each.
  }, 60_000);

  it('writes both banks and a summary line per format', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/quizzes\.gift: \d+ of \d+ questions written as GIFT/);
    expect(run.stdout).toMatch(/qti\.zip: \d+ of \d+ questions written as QTI 2\.1 items, in \d+ tests/);
  });

  it('packs a manifest whose every resource is in the zip, well-formed', () => {
    const manifest = parseXml(zip['imsmanifest.xml'] as string)['manifest'];
    const resources: Record<string, any>[] = manifest.resources.resource;
    expect(resources.length).toBeGreaterThan(0);
    for (const resource of resources) {
      expect(zip[resource['href']], resource['href']).toBeDefined();
      for (const file of resource.file) expect(zip[file['href']], file['href']).toBeDefined();
      parseXml(zip[resource['href']] as string);
    }
    const tests = resources.filter((r) => r['type'] === 'imsqti_test_xmlv2p1');
    expect(tests).toHaveLength(deckQuizzes.length);
  });

  it('holds one item per question of the deck, less those it says it left out', () => {
    const manifest = parseXml(zip['imsmanifest.xml'] as string)['manifest'];
    const items = (manifest.resources.resource as Record<string, any>[]).filter((r) => r['type'] === 'imsqti_item_xmlv2p1');
    const leftOut = run.stdout.split('\n').filter((line) => line.startsWith('qti: left out ')).length;
    expect(items).toHaveLength(deckQuestions - leftOut);
    expect(Object.keys(zip).filter((path) => path.startsWith('items/'))).toHaveLength(deckQuestions - leftOut);
    const written = /qti\.zip: (\d+) of (\d+) questions/.exec(run.stdout);
    expect(written?.slice(1).map(Number)).toEqual([deckQuestions - leftOut, deckQuestions]);
  });

  it('names the correct choice of a single-choice question as its correct response', () => {
    const quiz = deckQuizzes.find((q) => q.id === 'traditional-review') as Quiz;
    const question = quiz.questions.find((q) => q.id === 'traditional-why-weight');
    if (question?.type !== 'single') throw new Error('traditional-why-weight is no longer a single-choice question');
    const right = question.choices.find((c) => c.correct)?.id;
    const item = parseXml(zip['items/traditional-review--traditional-why-weight.xml'] as string)['assessmentItem'];
    expect(item.responseDeclaration.correctResponse.value).toEqual([right]);
    expect(item.itemBody.choiceInteraction.simpleChoice).toHaveLength(question.choices.length);
  });

  it('writes GIFT that reads back to the count it prints', () => {
    const questions = parseGift(readFileSync(join(out, 'quizzes.gift'), 'utf8'));
    const written = Number(/quizzes\.gift: (\d+) of (\d+) questions written as GIFT/.exec(run.stdout)?.[1]);
    expect(questions).toHaveLength(written);
    const leftOut = run.stdout.split('\n').filter((line) => line.startsWith('gift: left out ')).length;
    expect(written).toBe(deckQuestions - leftOut);
    expect(run.stdout).toContain('gift: left out final-review/final-pillar-order: GIFT has no ordering question');
  });

  it('writes the Chinese banks beside the English ones, each item marked xml:lang="zh", the same questions in Chinese', () => {
    expect(run.stdout).toMatch(/quizzes\.zh\.gift: \d+ of \d+ questions written as GIFT/);
    const zh = Object.fromEntries(Object.entries(unzipSync(readFileSync(join(out, 'qti.zh.zip')))).map(([path, bytes]) => [path, strFromU8(bytes)]));
    expect(Object.keys(zh).filter((path) => path.startsWith('items/')).sort()).toEqual(Object.keys(zip).filter((path) => path.startsWith('items/')).sort());
    const item = parseXml(zh['items/traditional-review--traditional-why-weight.xml'] as string)['assessmentItem'];
    expect(item['xml:lang']).toBe('zh');
    expect(JSON.stringify(item.itemBody)).toMatch(/[\u4e00-\u9fff]/);
    expect(parseXml(zip['items/traditional-review--traditional-why-weight.xml'] as string)['assessmentItem']['xml:lang']).toBe('en');
    const gift = readFileSync(join(out, 'quizzes.zh.gift'), 'utf8');
    expect(gift).toContain('$CATEGORY: kit/zh/traditional-review');
    expect(parseGift(gift).length).toBe(Number(/quizzes\.zh\.gift: (\d+) of/.exec(run.stdout)?.[1]));
  });
});
