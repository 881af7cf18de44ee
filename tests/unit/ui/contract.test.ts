/**
 * The build↔browser contract, checked on the source: the browser runtime imports nothing of the
 * build (not even a type), and the `data-*` hooks the build writes and the runtime reads are
 * named in `src/shared/contract.ts` only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA, attr, printQueryString, readPrintQuery } from '../../../src/shared/contract.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const RE_IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

/** The source without comments, so that a comment may mention what the code must not use. */
const code = (file: string) => readFileSync(join(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

describe('the browser runtime and the build', () => {
  it('src/ui imports nothing from src/deck, not even a type', () => {
    const files = tsFiles('src/ui');
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.flatMap((file) =>
      [...code(file).matchAll(RE_IMPORT)]
        .map((m) => m[1] ?? m[2] ?? m[3]!)
        .filter((spec) => spec.startsWith('.') && relative(ROOT, resolve(ROOT, file, '..', spec)).startsWith(join('src', 'deck')))
        .map((spec) => `${file}: ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the data-* hooks of the quiz slides are written and read through DATA and attr(), never spelt out', () => {
    const files = [...tsFiles('src/ui').filter((f) => !f.startsWith(join('src', 'ui', 'print'))), 'src/deck/render-quiz.ts', 'src/deck/render-results.ts'];
    const offenders = files.flatMap((file) => [...code(file).matchAll(/\bdata-[a-z][a-z-]*/g)].map((m) => `${file}: ${m[0]}`));
    expect(offenders).toEqual([]);
  });

  it('attr() spells each DATA name as the attribute the theme and the tests use', () => {
    expect(attr(DATA.quizId)).toBe('data-quiz-id');
    expect(attr(DATA.answerShown)).toBe('data-answer-shown');
    const names = Object.values(DATA).map(attr);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('the print query', () => {
  it('asks for the teacher\'s copy of the slides and reads it back; only the slides have one', () => {
    const query = printQueryString({ paper: 'a4', section: 'future', withAnswers: true });
    expect(query).toBe('?print-pdf&with-answers=true&section=future');
    expect(readPrintQuery(query)).toEqual({ mode: undefined, paper: 'a4', section: 'future', fragments: false, withAnswers: true, slides: true });
    expect(readPrintQuery('?print-pdf&with-answers')).toMatchObject({ slides: true, withAnswers: true });
    expect(readPrintQuery('?print-pdf')).toMatchObject({ slides: true, withAnswers: false });
    // The learners' deck and the printable documents never show answers because of it.
    expect(readPrintQuery('?with-answers')).toMatchObject({ slides: false, withAnswers: false });
    expect(printQueryString({ mode: 'worksheet', paper: 'letter', withAnswers: true })).toBe('?print=worksheet&paper=letter');
    expect(readPrintQuery('?print=worksheet&with-answers')).toMatchObject({ mode: 'worksheet', slides: false, withAnswers: false });
  });
});
