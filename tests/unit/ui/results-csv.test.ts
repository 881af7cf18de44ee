import { describe, expect, it } from 'vitest';
import { createSession, deserialise, parseQuizBank, submitTry } from '../../../src/quiz/index.ts';
import { createProgressStore } from '../../../src/ui/progress-store.ts';
import { csvToSaved, parseCsv, resultsCsv } from '../../../src/ui/results-csv.ts';

function memory() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k), data };
}

const quiz = parseQuizBank(
  ['id: q', 'title: Q', 'after: traditional', 'penalty: 0.1', 'questions:', '  - { id: a, type: text, prompt: "Name, \\"quoted\\"", answers: ["carbon peaking"] }'].join('\n'),
  'quizzes/q.yaml',
);

describe('results CSV', () => {
  it('splits quoted fields, doubled quotes and newlines inside quotes', () => {
    expect(parseCsv('a,"b,c","d ""e""","f\ng"\r\nh,,i\n')).toEqual([['a', 'b,c', 'd "e"', 'f\ng'], ['h', '', 'i']]);
  });

  it('loads back what it wrote: every try, with its response and time', () => {
    const store = createProgressStore(memory(), () => new Date('2026-01-01T00:00:00Z'));
    let session = createSession(quiz, store.learner, new Date('2026-01-01T00:00:00Z'));
    session = submitTry(quiz, session, 'a', { text: 'wrong, "very"' }, new Date('2026-01-01T00:01:00Z'));
    session = submitTry(quiz, session, 'a', { text: 'Carbon Peaking' }, new Date('2026-01-01T00:02:00Z'));
    store.save(session);
    const csv = resultsCsv([quiz], store);
    expect(csv).toContain('quiz,q,traditional,,,,0.9,1,0.9,true');
    const saved = JSON.parse(csvToSaved(csv, store.learner)) as { sessions: Record<string, string> };
    expect(deserialise(saved.sessions.q!).progress).toEqual(session.progress);
  });

  it('refuses a file that is not a results CSV, saying why', () => {
    expect(() => csvToSaved('name,score\nann,3\n', 'x')).toThrow(/the first line must be level,quiz/);
  });
});
