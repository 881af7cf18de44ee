/**
 * The results files a learner downloads from the results slide, as a teacher collects them: one
 * column layout for every row, the learner's name and the date in every row and in the file's
 * name, and every file loads back (the files of the first layout too).
 */
import { describe, expect, it } from 'vitest';
import { createSession, deserialise, localIsoTime, parseCsv, parseQuizBank, readResultsText, RESULTS_CSV_COLUMNS, RESULTS_CSV_COLUMNS_V1, submitTry, type Session } from '../../../src/quiz/index.ts';
import { createProgressStore, NAME_KEY } from '../../../src/ui/progress-store.ts';

function memory(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k), data };
}

/** Noon UTC: the same date in nearly every time zone, so the file names below hold where the tests run. */
const NOW = new Date('2026-03-01T12:00:00Z');
const DATE = localIsoTime(NOW).slice(0, 10);

const quiz = parseQuizBank(
  ['id: q', 'title: Q', 'after: traditional', 'penalty: 0.1', 'questions:', '  - { id: a, type: text, prompt: "Name, \\"quoted\\"", answers: ["carbon peaking"] }', '  - { id: b, type: truefalse, prompt: T, answer: true }'].join('\n'),
  'quizzes/q.yaml',
);

/** A learner who got `a` right at the second try and asked to see the answer to `b`. */
function learnerStore(name = '', storage = memory()) {
  const store = createProgressStore([quiz], storage, () => NOW);
  store.setName(name);
  let session: Session = createSession(quiz, store.learner, new Date('2026-01-01T00:00:00Z'));
  session = submitTry(quiz, session, 'a', { text: 'wrong, "very"' }, new Date('2026-01-01T00:01:00Z'));
  session = submitTry(quiz, session, 'a', { text: 'Carbon Peaking' }, new Date('2026-01-01T00:02:00Z'));
  store.save(session);
  store.markShown('q', 'b');
  return { store, session, storage };
}

/** Loads a downloaded file into a fresh browser, as "Load results from a file" does. */
function loadInto(file: { name: string; text: string }) {
  const store = createProgressStore([quiz], memory(), () => NOW);
  const { data, placeOf } = readResultsText(file.name, file.text, store.learner);
  return { store, loaded: store.load(data, file.name, placeOf) };
}

describe('the results CSV', () => {
  it('splits quoted fields, doubled quotes and newlines inside quotes', () => {
    expect(parseCsv('a,"b,c","d ""e""","f\ng"\r\nh,,i\n')).toEqual([['a', 'b,c', 'd "e"', 'f\ng'], ['h', '', 'i']]);
  });

  it('has one column layout: every row, "shown" rows too, has a cell for every column of the first line', () => {
    const csv = learnerStore('Ann Lee').store.exportFile('csv').text;
    const [header, ...rows] = parseCsv(csv);
    expect(header).toEqual([...RESULTS_CSV_COLUMNS]);
    expect(header!.slice(0, 2)).toEqual(['learner', 'exported']);
    expect(rows.map((r) => r[2])).toEqual(['try', 'try', 'question', 'shown', 'question', 'quiz', 'deck']);
    for (const row of rows) expect(row).toHaveLength(RESULTS_CSV_COLUMNS.length);
  });

  it('puts the learner\'s name and the date of export in every row', () => {
    const rows = parseCsv(learnerStore('Ann Lee').store.exportFile('csv').text).slice(1);
    for (const row of rows) {
      expect(row[0]).toBe('Ann Lee');
      expect(row[1]).toBe(localIsoTime(NOW));
    }
    expect(parseCsv(learnerStore('').store.exportFile('csv').text).slice(1).every((row) => row[0] === '')).toBe(true);
  });

  it('loads back what it wrote: every try with its response and time, the answers shown, and the name', () => {
    const { store, session } = learnerStore('王小明');
    const file = store.exportFile('csv');
    expect(file.text).toContain(',quiz,q,traditional,,,,0.9,2,0.45,false,');
    const { store: other, loaded } = loadInto(file);
    expect(other.session(quiz)!.progress).toEqual(session.progress);
    expect(other.shown('q')).toEqual(['b']);
    expect(loaded.name).toBe('王小明');
    expect(other.name()).toBe('王小明');
  });

  it('keeps a name a spreadsheet would run as a formula as text, and reads it back as typed', () => {
    const { store } = learnerStore('=HYPERLINK("x")');
    const file = store.exportFile('csv');
    expect(parseCsv(file.text)[1]![0]).toBe('\'=HYPERLINK("x")');
    expect(loadInto(file).loaded.name).toBe('=HYPERLINK("x")');
  });

  it('loads a file of the first layout (11 columns, "shown" rows of 4 cells), which has no name', () => {
    const old = [
      RESULTS_CSV_COLUMNS_V1.join(','),
      'try,q,traditional,a,1,2026-01-01T00:01:00.000Z,1,1,1,true,"{""text"":""carbon peaking""}"',
      'shown,q,traditional,b',
      'question,q,traditional,a,1,,1,1,1,true',
      'deck,,,,,,1,2,0.5,false',
    ].join('\n');
    const { store, loaded } = loadInto({ name: 'results.csv', text: old });
    expect(store.session(quiz)!.progress.a!.tries).toHaveLength(1);
    expect(store.shown('q')).toEqual(['b']);
    expect(loaded).toEqual({});
  });

  it('refuses a file that is not a results CSV, saying what its first line must be', () => {
    expect(() => readResultsText('marks.csv', 'name,score\nann,3\n')).toThrow(/^marks\.csv:1: the first line must name the columns of a results CSV \(learner,exported,level,quiz,.*\); this file's first line is "name,score"$/);
  });

  it('names the line of a row whose cells do not fit the columns', () => {
    const lines = learnerStore('Ann').store.exportFile('csv').text.split('\n');
    lines[3] = lines[3]!.replace('traditional', 'tradi,tional');
    expect(() => readResultsText('ann.csv', lines.join('\n'))).toThrow(/^ann\.csv:4: this row has 14 cells, but the first line names 13 columns/);
  });

  it('refuses rows of two learners in one file', () => {
    const ann = learnerStore('Ann').store.exportFile('csv').text;
    const bo = learnerStore('Bo').store.exportFile('csv').text.split('\n').slice(1).join('\n');
    expect(() => readResultsText('both.csv', ann + bo)).toThrow(/^both\.csv: rows of more than one learner: “Ann” \(line 2\), “Bo” \(line 9\)/);
  });

  it('names the line of a try whose response does not fit the quiz, and then loads nothing', () => {
    const store = createProgressStore([quiz], memory());
    const cells = (level: string, n: number, response: string) => ['Ann', '2026-01-01T08:00:00+08:00', level, 'q', 'traditional', 'a', n, `2026-01-01T00:0${n}:00.000Z`, 0, 1, 0, false, `"${response}"`].join(',');
    const csv = [RESULTS_CSV_COLUMNS.join(','), cells('try', 1, '{""text"":""x""}'), cells('try', 2, '{""choice"":""b""}')].join('\n');
    const { data, placeOf } = readResultsText('mine.csv', csv, store.learner);
    expect(() => store.load(data, 'mine.csv', placeOf)).toThrow(/^mine\.csv:3: the response has no "text"/);
    expect(store.sessions()).toEqual([]);
    expect(store.name()).toBe('');
  });
});

describe('the results JSON', () => {
  it('carries the name, the browser\'s id and the time of export, and loads back with the name', () => {
    const { store, session } = learnerStore('Ann Lee');
    const file = store.exportFile('json');
    expect(JSON.parse(file.text)).toMatchObject({ version: 1, name: 'Ann Lee', learner: store.learner, exportedAt: localIsoTime(NOW) });
    const { store: other, loaded } = loadInto(file);
    expect(loaded.name).toBe('Ann Lee');
    expect(other.session(quiz)!.progress).toEqual(session.progress);
  });

  it('loads a file downloaded before names were asked, keeping the name this browser has', () => {
    const { session } = learnerStore();
    const old = JSON.stringify({ version: 1, sessions: { q: JSON.stringify(session) }, shown: {}, learner: 'x', exportedAt: '2026-01-01T00:00:00.000Z' });
    const store = createProgressStore([quiz], memory({ [NAME_KEY]: 'Bo' }));
    const { data } = readResultsText('results.json', old);
    expect(store.load(data, 'results.json')).toEqual({});
    expect(deserialise(JSON.stringify(store.session(quiz))).progress).toEqual(session.progress);
    expect(store.name()).toBe('Bo');
  });

  it('refuses a name that is not a text, with the other problems of the file', () => {
    const store = createProgressStore([quiz], memory());
    expect(() => store.load({ version: 1, sessions: {}, name: 42 }, 'odd.json')).toThrow(/^odd\.json: "name" must be a text/);
  });
});

describe('the name and the file names', () => {
  it('keeps the name in the browser: the next visit has it, and clearing the field forgets it', () => {
    const storage = memory();
    createProgressStore([quiz], storage).setName('Ann Lee');
    expect(storage.data.get(NAME_KEY)).toBe('Ann Lee');
    const next = createProgressStore([quiz], storage);
    expect(next.name()).toBe('Ann Lee');
    next.resetAll();
    expect(createProgressStore([quiz], storage).name()).toBe('Ann Lee');
    next.setName('');
    expect(storage.data.has(NAME_KEY)).toBe(false);
  });

  it('names the downloads after the learner and the date', () => {
    expect(learnerStore('Ann Lee').store.exportFile('csv').name).toBe(`results-ann-lee-${DATE}.csv`);
    expect(learnerStore('  Zoë  O’Neil / 3B ').store.exportFile('json').name).toBe(`results-zoë-o-neil-3b-${DATE}.json`);
    expect(learnerStore('王小明').store.exportFile('csv').name).toBe(`results-王小明-${DATE}.csv`);
    expect(learnerStore('').store.exportFile('csv')).toMatchObject({ name: `results-${DATE}.csv`, type: 'text/csv' });
    expect(learnerStore('../../etc').store.exportFile('json')).toMatchObject({ name: `results-etc-${DATE}.json`, type: 'application/json' });
  });
});
