import { describe, expect, it } from 'vitest';
import { createSession, deserialise, parseQuizBank, submitTry } from '../../../src/quiz/index.ts';
import { createProgressStore } from '../../../src/ui/progress-store.ts';
import { CSV_HEADER, csvToSaved, parseCsv, resultsCsv } from '../../../src/ui/results-csv.ts';

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
    const store = createProgressStore([quiz], memory(), () => new Date('2026-01-01T00:00:00Z'));
    let session = createSession(quiz, store.learner, new Date('2026-01-01T00:00:00Z'));
    session = submitTry(quiz, session, 'a', { text: 'wrong, "very"' }, new Date('2026-01-01T00:01:00Z'));
    session = submitTry(quiz, session, 'a', { text: 'Carbon Peaking' }, new Date('2026-01-01T00:02:00Z'));
    store.save(session);
    const csv = resultsCsv([quiz], store);
    expect(csv).toContain('quiz,q,traditional,,,,0.9,1,0.9,true');
    const saved = csvToSaved(csv, store.learner).data as { sessions: Record<string, string> };
    expect(deserialise(saved.sessions.q!).progress).toEqual(session.progress);
  });

  it('refuses a file that is not a results CSV, saying why', () => {
    expect(() => csvToSaved('name,score\nann,3\n', 'x')).toThrow(/^results\.csv:1: the first line must be level,quiz/);
  });

  it('names the line of a try whose response does not fit the quiz, and then loads nothing', () => {
    const store = createProgressStore([quiz], memory());
    const csv = [CSV_HEADER.join(','), 'try,q,traditional,a,1,2026-01-01T00:01:00.000Z,0,1,0,false,"{""text"":""x""}"', 'try,q,traditional,a,2,2026-01-01T00:02:00.000Z,1,1,1,true,"{""choice"":""b""}"'].join('\n');
    const { data, placeOf } = csvToSaved(csv, store.learner, 'mine.csv');
    expect(() => store.load(data, 'mine.csv', placeOf)).toThrow(/^mine\.csv:3: the response has no "text"/);
    expect(store.sessions()).toEqual([]);
  });
});
