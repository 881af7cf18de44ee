/**
 * The Chinese edition: every language holds the same deck (the parity check, through `kit
 * validate`, names the file and line of what one language lacks), the Chinese slides speak
 * Chinese, and typed Chinese answers grade as a teacher would mark them.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDeck, type BuiltDeck } from '../../../src/deck/build-deck.ts';
import { deckLanguages, fileLanguage, inLanguage } from '../../../src/deck/languages.ts';
import { correctResponse, grade, parseQuizBank, type Question } from '../../../src/quiz/index.ts';
import { kit, PROJECT } from './run-kit.ts';
import { edit, lineOf } from './edit-files.ts';

/** A copy of the project's content to break on purpose. */
function copyProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'kit-languages-'));
  for (const dir of ['slides', 'quizzes', 'assets']) cpSync(join(PROJECT, dir), join(root, dir), { recursive: true });
  return root;
}

describe('languages from file names', () => {
  it('reads a language from its strings file and content files from their names', () => {
    expect(deckLanguages(PROJECT)).toEqual(['en', 'zh']);
    expect(fileLanguage('02-traditional.zh.md', ['en', 'zh'])).toBe('zh');
    expect(fileLanguage('02-traditional.md', ['en', 'zh'])).toBe('en');
    // Not a language of the deck: an ordinary dotted name.
    expect(fileLanguage('v1.2.md', ['en', 'zh'])).toBe('en');
    expect(inLanguage('assets/source/press-conference.txt', 'zh')).toBe('assets/source/press-conference.zh.txt');
  });
});

describe('kit validate keeps the languages in step', () => {
  it('names the file and line where a translation lacks a slide, a note, a question or a string, or changes an answer', async () => {
    const root = copyProject();
    // A slide's notes gone, a correct answer moved, a question removed, a string missing.
    edit(root, 'slides/03-advantageous.zh.md', (text) => text.replace(/\nNote:\n[^]*?(?=\n---\n)/, ''));
    edit(root, 'quizzes/traditional-review.zh.yaml', (text) => text.replace('tolerance: 0.05', 'tolerance: 1'));
    edit(root, 'quizzes/final-review.zh.yaml', (text) => text.replace(/\n {2}- id: final-occasion\n[^]*?(?=\n {2}- id: )/, ''));
    edit(root, 'assets/i18n/zh.json', (text) => text.replace(/\n {2}"quiz\.hint": "[^"]*",/, ''));
    const run = await kit(['validate'], root);
    expect(run.status).toBe(1);
    const lines = run.stderr.split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^slides\/03-advantageous\.zh\.md:\d+: the slide \{#title\} has speaker notes in slides\/03-advantageous\.md \(line \d+\) but not here/));
    expect(lines).toContainEqual(
      `quizzes/traditional-review.zh.yaml:${lineOf(root, 'quizzes/traditional-review.zh.yaml', 'tolerance: 1')}: questions[2].answers[0].tolerance: 1 here, 0.05 in quizzes/traditional-review.yaml (line ${lineOf(PROJECT, 'quizzes/traditional-review.yaml', 'tolerance: 0.05')}): a translation keeps every question, choice, answer and feedback of the original`,
    );
    expect(lines).toContainEqual(expect.stringMatching(/^quizzes\/final-review\.zh\.yaml:\d+: question "final-occasion" of quizzes\/final-review\.yaml \(line \d+\) has no "zh" version: add it here/));
    expect(lines).toContainEqual(expect.stringMatching(/^assets\/i18n\/zh\.json:\d+: "quiz\.hint" is missing \(assets\/i18n\/en\.json, line \d+, has it\): add it, translated/));
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('asks for the whole translation of a file that has none', async () => {
    const root = copyProject();
    cpSync(join(root, 'quizzes/future-review.yaml'), join(root, 'quizzes/future-extra.yaml'));
    edit(root, 'quizzes/future-extra.yaml', (text) => text.replace('id: future-review', 'id: future-extra'));
    const run = await kit(['validate'], root);
    expect(run.stderr).toContain('quizzes/future-extra.yaml:1: has no "zh" version: add quizzes/future-extra.zh.yaml with the same questions, translated');
  });
});

describe('the Chinese deck', () => {
  let zh: BuiltDeck;
  let en: BuiltDeck;
  beforeAll(async () => {
    [en, zh] = await Promise.all([buildDeck(PROJECT, 'en'), buildDeck(PROJECT, 'zh')]);
  });

  it('has the same slides, with the same ids, in the same order, as the English', () => {
    const ids = (deck: BuiltDeck) => [...deck.html.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids(zh)).toEqual(ids(en));
    expect(zh.strings.lang).toBe('zh');
  });

  it('shows Chinese: outside formulas, the glossary and the sources, no Latin letters but names (5G, CR4…), key names and file formats', () => {
    const doc = new JSDOM(`<body>${zh.html}</body>`).window.document;
    for (const element of doc.querySelectorAll('style, script, .katex, [data-section-id="glossary"], [data-section-id="sources"]')) element.remove();
    const text = doc.body.textContent ?? '';
    const names = /(?:\b\d+\s?|六)G\b|\b(?:CR4|HHI|GDP|Alt|Option|Mac|JSON|CSV|A)\b/g;
    const latin = text.replace(names, '').match(/[A-Za-z]+/g) ?? [];
    expect(latin).toEqual([]);
    expect((text.match(/\p{Script=Han}/gu) ?? []).length).toBeGreaterThan(20_000);
  });

  it('grades a response saved on either language\'s page alike: cloze blanks by the English names, typed answers of both languages accepted', () => {
    const question = (deck: BuiltDeck, quizId: string, id: string) => deck.quizzes.find((q) => q.quiz.id === quizId)!.quiz.questions.find((q) => q.id === id)!;
    for (const [quizId, id] of [
      ['traditional-review', 'traditional-three-products'],
      ['emerging-review', 'emerging-cloze'],
      ['future-review', 'future-cloze'],
      ['dual-circulation-review', 'dual-name'],
    ] as const) {
      const [english, chinese] = [question(en, quizId, id), question(zh, quizId, id)];
      expect(grade(chinese, correctResponse(english)).fraction, `${id}: the English answer on the Chinese page`).toBe(1);
      expect(grade(english, correctResponse(chinese)).fraction, `${id}: the Chinese answer on the English page`).toBe(1);
      if (chinese.type === 'cloze' && english.type === 'cloze') expect(chinese.blanks.map((b) => b.id).sort()).toEqual(english.blanks.map((b) => b.id).sort());
    }
    // The Chinese file itself keeps its Chinese blank names: only the deck aligns them.
    const authored = readFileSync(join(PROJECT, 'quizzes/traditional-review.zh.yaml'), 'utf8');
    expect(authored).toMatch(/\{\{增\}\}/);
  });

  it('quotes, in every question, words found in the Chinese text', () => {
    const source = readFileSync(join(PROJECT, 'assets/source/press-conference.zh.txt'), 'utf8');
    const questions = zh.quizzes.flatMap((q) => q.quiz.questions);
    expect(questions.length).toBe(en.quizzes.flatMap((q) => q.quiz.questions).length);
    for (const question of questions) expect(source, question.id).toContain(question.source);
  });
});

describe('typed Chinese answers', () => {
  const cloze = parseQuizBank(readFileSync(join(PROJECT, 'quizzes/traditional-review.zh.yaml'), 'utf8'), 'quizzes/traditional-review.zh.yaml').questions.find(
    (q) => q.id === 'traditional-three-products',
  ) as Question & { type: 'cloze' };

  it('fill blanks named in Chinese, in full-width or half-width forms, with or without spaces', () => {
    const names = cloze.blanks.map((b) => b.id);
    expect(names.every((name) => /\p{Script=Han}/u.test(name))).toBe(true);
    const right = Object.fromEntries(
      cloze.blanks.map((blank) => [blank.id, blank.kind === 'choice' ? blank.answer : blank.answers.find((a) => a.fraction === 1)!.text.replace(/\*/g, '')]),
    );
    expect(grade(cloze, { blanks: right }).fraction).toBe(1);
    // The same typed words with a space between the characters, in an ideographic space too.
    const spaced = Object.fromEntries(Object.entries(right).map(([name, value]) => [name, cloze.blanks.find((b) => b.id === name)!.kind === 'text' ? [...value].join('\u3000') : value]));
    expect(grade(cloze, { blanks: spaced }).fraction).toBe(1);
  });
});
