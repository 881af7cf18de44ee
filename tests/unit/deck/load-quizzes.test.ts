import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSections } from '../../../src/deck/build-deck.ts';
import { formatIssue } from '../../../src/deck/errors.ts';
import { loadQuizzes } from '../../../src/deck/load-quizzes.ts';

const SLIDES = '---\nid: traditional\ntitle: T\n---\n# T {#title}\n---\n## Weight {#weight}\n';
const SOURCE = 'Traditional industries are the foundation of the modern industrial system, accounting for more than 80% of the manufacturing industry.';

function project(quizzes: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'kit-quizzes-'));
  for (const dir of ['slides', 'quizzes', 'assets/source']) mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, 'slides/01-traditional.md'), SLIDES);
  writeFileSync(join(root, 'assets/source/press-conference.txt'), SOURCE);
  for (const [name, text] of Object.entries(quizzes)) writeFileSync(join(root, 'quizzes', name), text);
  return root;
}

function problems(root: string): string[] {
  const { sections } = readSections(root);
  return loadQuizzes(root, sections).issues.map(formatIssue);
}

const GOOD_QUESTION = [
  '  - id: share',
  '    type: truefalse',
  '    prompt: More than 80%?',
  '    answer: true',
  '    explanation: The minister says so.',
  '    slide: traditional/weight',
  '    source: "accounting for more than 80% of the manufacturing industry"',
];

describe('kit validate: quizzes against the deck and the source', () => {
  it('accepts a quiz whose section, slides and sources all exist', () => {
    const root = project({ 'a.yaml': ['id: a', 'title: A', 'after: traditional', 'questions:', ...GOOD_QUESTION].join('\n') });
    expect(problems(root)).toEqual([]);
  });

  it('names the file and line of every broken link, missing field and misquoted source', () => {
    const root = project({
      'a.yaml': [
        'id: a',
        'title: A',
        'after: traditionl',
        'questions:',
        '  - id: one',
        '    type: truefalse',
        '    prompt: P',
        '    answer: true',
        '    slide: traditional/wieght',
        '    source: "accounting for more than 80 % of manufacturing"',
        '  - id: two',
        '    type: truefalse',
        '    prompt: P',
        '    answer: false',
      ].join('\n'),
      'b.yaml': ['id: a', 'title: B', 'questions:', ...GOOD_QUESTION].join('\n'),
    });
    expect(problems(root)).toEqual([
      'quizzes/a.yaml:3: after: "traditionl" is not a section of the deck; the sections are traditional',
      'quizzes/a.yaml:9: questions[0].slide: "traditional/wieght" is not a slide of the deck (write <section id>/<slide id>); the nearest are traditional/weight, traditional/title',
      'quizzes/a.yaml:10: questions[0].source: not found verbatim in assets/source/press-conference.txt; copy the words exactly (quotes and apostrophes included)',
      'quizzes/a.yaml:5: questions[0]: add `explanation:`, shown after the answer whatever it was',
      'quizzes/a.yaml:11: questions[1]: add `slide:`, the <section>/<slide> id of the slide that teaches it',
      'quizzes/a.yaml:11: questions[1]: add `source:`, the words of assets/source/press-conference.txt that answer it, copied exactly',
      'quizzes/a.yaml:11: questions[1]: add `explanation:`, shown after the answer whatever it was',
      'quizzes/b.yaml:1: the quiz id "a" is already used by quizzes/a.yaml: quiz ids must be unique across quizzes/',
      'quizzes/b.yaml:1: a quiz needs `after:`, the id of the section it follows in the deck: one of traditional',
    ]);
  });

  it('passes on the engine\'s own file:line messages for a file that does not parse', () => {
    const root = project({ 'a.yaml': ['id: a', 'title: A', 'after: traditional', 'questions:', '  - id: one', '    type: single', '    prompt: P', '    choices: [{ text: x }, { text: y }]'].join('\n') });
    expect(problems(root)).toEqual([expect.stringMatching(/^quizzes\/a\.yaml:8: questions\[0\]\.choices: .*exactly one correct choice/)]);
  });
});
