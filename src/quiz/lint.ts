/**
 * Assessment checks an author runs before class (`kit lint`): cues that give a key away,
 * unbalanced keys, missing feedback, objectives assessed below their level. Each finding
 * names its rule, the place (a path into the quiz file, turned into a line by the caller),
 * what is wrong and how to fix it. Pure: quizzes in, findings out. The rules and their
 * reasons are documented in `docs/lint-rules.md`.
 */
import { replaceBlanks } from './blanks.ts';
import { editDistance } from './edit-distance.ts';
import { QUESTION_LEVELS, type Choice, type Question, type QuestionLevel, type Quiz } from './types.ts';
import { fillWildcards } from './wildcard.ts';
import { unhandled } from './never.ts';

/** The rules, in the order they are documented. */
export const LINT_RULES = [
  'key-longest',
  'key-longest-share',
  'truefalse-balance',
  'multiple-correct-count',
  'all-none-of-the-above',
  'absolute-cue',
  'negative-stem',
  'duplicate-option',
  'distractor-feedback',
  'feedback-gives-key',
  'objective-missing',
  'objective-level',
  'level-mix',
  'source-overlap',
  'automatic-pass',
  'scoring-mixed',
] as const;
/**
 * Suggestions, not warnings: what would make a teacher's own question (`own: true`) better. Its
 * quiz builds without them, so they never fail `kit lint --strict`.
 */
export const LINT_SUGGESTIONS = ['own-incomplete'] as const;
export type LintRule = (typeof LINT_RULES)[number] | (typeof LINT_SUGGESTIONS)[number];

/** Is this finding a suggestion (shown as `info`, never failing `--strict`)? */
export const isSuggestion = (finding: LintFinding): boolean => (LINT_SUGGESTIONS as readonly string[]).includes(finding.rule);

/** Where a finding points: a quiz file and a path in it, or a line of another file (an objective in `slides/`). */
export type LintPlace = { file: string; path: (string | number)[] } | { file: string; line: number };

export interface LintFinding {
  rule: LintRule;
  place: LintPlace;
  message: string;
  /** What to change so the rule is met. */
  fix: string;
}

/** A learning objective as lint sees it: `<section>/<id>`, its level, and where it is declared. */
export interface LintObjective {
  key: string;
  level: QuestionLevel;
  file: string;
  line: number;
}

export interface LintInput {
  quizzes: { quiz: Quiz; file: string }[];
  objectives: LintObjective[];
}

/** A key longer than every distractor by more than this factor is a cue on its own. */
export const KEY_LENGTH_FACTOR = 1.1;
/** In a quiz, the key may be the longest option in at most this share of its single-choice questions. */
export const KEY_LONGEST_SHARE = 1 / 3;
/** At least this share of a quiz's questions should ask for more than recall. */
export const HIGHER_LEVEL_SHARE = 0.4;
/** Options this similar (after normalising) are near-duplicates. */
export const NEAR_DUPLICATE = 0.9;
/** Feedback that holds this share of a key's content words (of 3 or more) restates the key. */
export const KEY_WORDS_SHARE = 0.75;

/** Absolute words, in English (as words) and in Chinese (Chinese has no spaces: as they are written). */
const RE_ABSOLUTE = /\b(only|never|always|none|nothing|nobody|entirely|completely|solely|totally|absolutely|exclusively|at all|whatsoever)\b|(只有|只能|只是|只会|仅仅|从不|从未|总是|永远|一定|所有|全部|完全|唯一|绝不|绝对|根本|必须)/i;
const absoluteWord = (text: string) => { const m = RE_ABSOLUTE.exec(text); return m ? (m[1] ?? m[2]!) : undefined; };
const RE_ALL_NONE = /\b(all|none|both|neither) of (the )?(above|these|them)\b/i;
const RE_NEGATIVE = /\b(not|except|never|least|false|incorrect|untrue|cannot)\b|n't\b/i;
/** Emphasis an author gives a negative word: bold, italics or capitals. */
const RE_EMPHASISED = /(\*\*|__|\*|_)\s*(not|except|never|least|false|incorrect|untrue|cannot)\b[^*_]*\1|\b(NOT|EXCEPT|NEVER|LEAST|FALSE|INCORRECT|UNTRUE|CANNOT)\b/;

const STOP_WORDS = new Set(
  ('a an and are as at be been but by can for from has have in into is it its of on or our that the their them these this those ' +
    'to was we were what which who will with also such than then there they more most other some any each does did do not no nor ' +
    'so very about after before over under between both only own same too just should would could may might must shall one two ' +
    'three four five first second third how why when where while all own his her he she you your i my me').split(' '),
);

/** Plain text of an option for comparing lengths: Markdown emphasis and maths delimiters do not count. */
const plain = (text: string) => text.replace(/[*_`$\\]/g, '').replace(/\s+/g, ' ').trim();
const norm = (text: string) => plain(text).normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Content words, lightly stemmed (first five letters), for "does this quote share a word with the key". */
export function contentWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const token of norm(text).split(' ')) {
    if (!token) continue;
    if (/^\p{N}+$/u.test(token)) words.add(token);
    else if (/\p{Script=Han}/u.test(token)) for (const char of token) words.add(char);
    else if (token.length >= 3 && !STOP_WORDS.has(token)) words.add(token.slice(0, 5));
  }
  return words;
}

/** Similarity in [0, 1]: one minus the edit distance over the longer length. */
function similarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - editDistance(a, b) / longer;
}

const levelRank = (level: QuestionLevel) => QUESTION_LEVELS.indexOf(level);
const percent = (share: number) => `${Math.round(share * 100)}%`;

/** The texts that a learner must pick or produce to be right, as one string. */
export function keyedText(q: Question): string {
  switch (q.type) {
    case 'single':
    case 'multiple':
      return q.choices.filter((c) => c.correct).map((c) => c.text).join(' ');
    case 'truefalse':
      return q.prompt;
    case 'numeric':
      return [q.prompt, ...q.answers.map((a) => ('range' in a ? a.range.join(' ') : String(a.answer)))].join(' ');
    case 'text':
      return q.answers.filter((a) => a.fraction >= 1).map((a) => fillWildcards(a.text, ' ')).join(' ');
    case 'order':
      return q.items.map((i) => i.text).join(' ');
    case 'match':
      return q.pairs.map((p) => `${p.left} ${p.right}`).join(' ');
    case 'cloze': {
      const fill = new Map(
        q.blanks.map((b) => [b.id, b.kind === 'choice' ? (b.choices.find((c) => c.id === b.answer)?.text ?? '') : fillWildcards(b.answers[0]?.text ?? '', ' ')]),
      );
      return replaceBlanks(q.text, (name) => fill.get(name) ?? '');
    }
    default:
      return unhandled(q, 'question type');
  }
}

/** The options a learner chooses among, with the path of each, for the option-level rules. */
function options(q: Question): { text: string; path: (string | number)[] }[] {
  switch (q.type) {
    case 'single':
    case 'multiple':
      return q.choices.map((c, i) => ({ text: c.text, path: ['choices', i] }));
    case 'order':
      return q.items.map((c, i) => ({ text: c.text, path: ['items', i] }));
    case 'match':
      return [...q.pairs.map((p, i) => ({ text: p.right, path: ['pairs', i] })), ...q.distractors.map((d, i) => ({ text: d.text, path: ['distractors', i] }))];
    case 'cloze':
      return q.blanks.flatMap((b) => (b.kind === 'choice' ? b.choices.map((c, i) => ({ text: c.text, path: ['blanks', b.id, 'choices', i] })) : []));
    case 'truefalse':
    case 'numeric':
    case 'text':
      return [];
    default:
      return unhandled(q, 'question type');
  }
}

/** Runs every rule over the quizzes (and the objectives they should assess). */
export function lintQuizzes(input: LintInput): LintFinding[] {
  const findings: LintFinding[] = [];
  const all = input.quizzes.flatMap(({ quiz, file }) => quiz.questions.map((q, i) => ({ quiz, file, q, path: ['questions', i] as (string | number)[] })));

  for (const { quiz, file } of input.quizzes) {
    const add = (rule: LintRule, path: (string | number)[], message: string, fix: string) => findings.push({ rule, place: { file, path }, message, fix });
    quiz.questions.forEach((q, i) => {
      lintQuestion(q, ['questions', i], add, quiz.own === true);
      if (quiz.own) suggestForOwn(q, ['questions', i], add);
    });
    lintQuiz(quiz, add);
  }
  lintDeck(all, findings);
  lintObjectives(input, all, findings);
  lintScoring(input.quizzes, findings);
  return findings;
}

type Add = (rule: LintRule, path: (string | number)[], message: string, fix: string) => void;

/**
 * What a teacher's own question lacks that a question drawn from the source has: a slide to go
 * back to, the source's words as evidence, an explanation once it is over. One finding each, at
 * the question, so a teacher can work through the list.
 */
function suggestForOwn(q: Question, at: (string | number)[], add: Add): void {
  if (!q.slide) add('own-incomplete', at, `question "${q.id}" links no slide: a learner who misses it has nowhere to go back to`, 'add `slide: <section>/<slide>`, the slide that teaches it');
  if (!q.source) add('own-incomplete', at, `question "${q.id}" quotes no source: the learner sees no evidence for the answer`, 'add `source:`, the words of the source text that answer it, copied exactly (if it has them)');
  if (!q.explanation) add('own-incomplete', at, `question "${q.id}" has no explanation: the learner is told right or wrong, never why`, 'add `explanation:`, shown once the question is over, whatever the answer was');
}

/** The rules for one question; a teacher's own (`own`) is not asked for an objective, as its quiz is not due to assess any. */
function lintQuestion(q: Question, at: (string | number)[], add: Add, own: boolean): void {
  const here = (...rest: (string | number)[]) => [...at, ...rest];

  if (q.type === 'single' || q.type === 'multiple') {
    const keys = q.choices.filter((c) => c.correct);
    const distractors = q.choices.filter((c) => !c.correct);
    const longestDistractor = Math.max(0, ...distractors.map((c) => plain(c.text).length));
    const shortestKey = Math.min(...keys.map((c) => plain(c.text).length));
    if (distractors.length > 0 && keys.length > 0 && shortestKey > longestDistractor * KEY_LENGTH_FACTOR) {
      add(
        'key-longest',
        here('choices'),
        `the correct option${keys.length > 1 ? 's are' : ' is'} longer than every distractor (${shortestKey} characters against at most ${longestDistractor}): a test-wise learner picks the longest`,
        'make the options similar in length: shorten the key, or give the distractors the same detail',
      );
    }
    lintAbsolute(q.choices, here, add);
    lintFeedback(q.choices, here, add);
  }
  if (q.type === 'truefalse') {
    if (!q.answer && RE_ABSOLUTE.test(q.prompt)) {
      add('absolute-cue', here('prompt'), `a false statement with an absolute word ("${absoluteWord(q.prompt)}") is recognisable as false without knowing the content`, 'make it false by its content, not by an absolute qualifier');
    }
    const wrongFeedback = q.answer ? q.feedbackFalse : q.feedbackTrue;
    if (!wrongFeedback) {
      add('distractor-feedback', here(), `no feedback for the wrong answer (${q.answer ? 'false' : 'true'})`, `add \`${q.answer ? 'feedbackFalse' : 'feedbackTrue'}:\` saying why that answer is wrong`);
    }
  }
  if (q.type === 'cloze') {
    q.blanks.forEach((b) => {
      if (b.kind !== 'choice') return;
      b.choices.forEach((c, i) => {
        if (c.id !== b.answer && !c.feedback) {
          add('distractor-feedback', here('blanks', b.id, 'choices', i), `blank "${b.id}": the wrong choice "${plain(c.text)}" has no feedback`, 'add `feedback:` saying why it is wrong');
        }
      });
    });
  }

  for (const option of options(q)) {
    if (RE_ALL_NONE.test(option.text)) {
      add('all-none-of-the-above', here(...option.path), `"${plain(option.text)}" is an "all/none of the above" option`, 'replace it with a plausible option of its own: such options can be answered from partial knowledge');
    }
  }
  const texts = options(q);
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const a = norm(texts[i]!.text);
      const b = norm(texts[j]!.text);
      if (a === '' || b === '') continue;
      const same = a === b;
      if (same || similarity(a, b) >= NEAR_DUPLICATE) {
        add(
          'duplicate-option',
          here(...texts[j]!.path),
          `"${plain(texts[j]!.text)}" ${same ? 'repeats' : 'nearly repeats'} "${plain(texts[i]!.text)}"`,
          'make every option say something different',
        );
      }
    }
  }

  const stem = q.type === 'cloze' ? `${q.prompt} ${q.text}` : q.prompt;
  if (q.type !== 'truefalse' && RE_NEGATIVE.test(stem) && !RE_EMPHASISED.test(stem)) {
    add('negative-stem', here('prompt'), `the stem asks a negative question ("${RE_NEGATIVE.exec(stem)![0]}") without emphasis`, 'ask it positively, or put the negative word in bold capitals (**NOT**) so nobody misreads it');
  }

  lintGivesKey(q, here, add);

  if (!own && (!q.objective || !q.level)) {
    const missing = [!q.objective && '`objective:`', !q.level && '`level:`'].filter(Boolean).join(' and ');
    add('objective-missing', here(), `the question names no ${missing.replace(/`/g, '').replace(/:/g, '')}`, `add ${missing}: the <section>/<objective> it assesses and what it asks (${QUESTION_LEVELS.join(', ')})`);
  }

  if (q.source) {
    const quoted = contentWords(q.source);
    const key = contentWords(keyedText(q));
    if (key.size > 0 && ![...key].some((w) => quoted.has(w))) {
      add('source-overlap', here('source'), 'the `source` quote shares no content word with the keyed answer: it may quote the wrong sentence', 'quote the words of the source that make the key right');
    }
  }
}

function lintAbsolute(choices: Choice[], here: (...rest: (string | number)[]) => (string | number)[], add: Add): void {
  if (choices.some((c) => c.correct && RE_ABSOLUTE.test(c.text))) return;
  choices.forEach((c, i) => {
    if (c.correct) return;
    const word = absoluteWord(c.text);
    if (word) {
      add('absolute-cue', here('choices', i), `the distractor "${plain(c.text)}" has an absolute word ("${word}") that no correct option has: it reads as wrong without knowledge`, 'remove the absolute word, or make the distractor wrong by its content');
    }
  });
}

function lintFeedback(choices: Choice[], here: (...rest: (string | number)[]) => (string | number)[], add: Add): void {
  choices.forEach((c, i) => {
    if (!c.correct && !c.feedback) {
      add('distractor-feedback', here('choices', i), `the wrong option "${plain(c.text)}" has no feedback`, 'add `feedback:` saying which misreading leads there and why it is wrong');
    }
  });
}

/** Does `text` contain `phrase` as whole words (after case, punctuation and Markdown are set aside)? */
function hasPhrase(text: string, phrase: string): boolean {
  const p = norm(phrase);
  return p !== '' && ` ${norm(text)} `.includes(` ${p} `);
}

/** The numbers written in a text: `2,250` and `10 000` are one number, `−2` is negative. */
function numbersIn(text: string): number[] {
  const found = plain(text).match(/(?<![\p{L}\p{N}.])[-−]?\d{1,3}(?:[, ]\d{3})+(?:\.\d+)?(?!\d)|(?<![\p{L}\p{N}.])[-−]?\d+(?:\.\d+)?/gu) ?? [];
  return found.map((n) => Number(n.replace(/[, ]/g, '').replace('−', '-')));
}

/**
 * How a text gives the key away, or undefined: it names a correct option (its words, or most of
 * its content words), an accepted answer, or a number a full-mark numeric answer accepts.
 */
function givesKey(text: string, q: Question, own = ''): string | undefined {
  const names = (key: string) => {
    if (hasPhrase(own, key)) return undefined; // quoting the response itself tells nothing new
    if (hasPhrase(text, key)) return `names the key "${plain(key)}"`;
    // A figure of the key that neither the stem nor the response itself shows.
    const shown = new Set(numbersIn(`${q.type === 'cloze' ? q.text : q.prompt} ${own}`));
    const figure = numbersIn(key).find((n) => !shown.has(n) && numbersIn(text).includes(n));
    if (figure !== undefined) return `gives the key's figure ${figure}`;
    const words = contentWords(key);
    if (words.size < 3) return undefined;
    const said = contentWords(text);
    const share = [...words].filter((w) => said.has(w)).length / words.size;
    return share >= KEY_WORDS_SHARE ? `restates most of the key "${plain(key)}"` : undefined;
  };
  const accepted = (answers: { text: string; fraction: number }[]) => {
    for (const a of answers) {
      if (a.fraction < 1) continue;
      const literal = fillWildcards(a.text, ' ').trim();
      if (!hasPhrase(own, literal) && hasPhrase(text, literal)) return `names the accepted answer "${literal}"`;
    }
    return undefined;
  };
  switch (q.type) {
    case 'single':
    case 'multiple':
      for (const c of q.choices) {
        if (!c.correct) continue;
        const found = names(c.text);
        if (found) return found;
      }
      return undefined;
    case 'numeric':
      for (const n of numbersIn(text)) {
        for (const a of q.answers) {
          if (a.fraction < 1) continue;
          const inside = 'range' in a ? n >= a.range[0] && n <= a.range[1] : Math.abs(n - a.answer) <= a.tolerance;
          if (inside) return `gives the correct value ${n}`;
        }
      }
      return undefined;
    case 'text':
      return accepted(q.answers);
    case 'cloze':
      for (const b of q.blanks) {
        const found = b.kind === 'choice' ? names(b.choices.find((c) => c.id === b.answer)?.text ?? '') : accepted(b.answers);
        if (found) return `${found} (blank "${b.id}")`;
      }
      return undefined;
    case 'truefalse': // the other answer is the only one left: nothing to give away
    case 'order':
    case 'match':
      return undefined;
    default:
      return unhandled(q, 'question type');
  }
}

/** Feedback on a wrong response, and the hint, are read while tries remain: neither may hold the key. */
function lintGivesKey(q: Question, here: (...rest: (string | number)[]) => (string | number)[], add: Add): void {
  const texts: { text: string | undefined; path: (string | number)[]; what: string; own?: string }[] = [{ text: q.hint, path: here('hint'), what: 'the hint' }];
  switch (q.type) {
    case 'single':
    case 'multiple':
      q.choices.forEach((c, i) => {
        if (!c.correct) texts.push({ text: c.feedback, path: here('choices', i, 'feedback'), what: `the feedback of the wrong option "${plain(c.text)}"`, own: c.text });
      });
      break;
    case 'numeric':
      q.answers.forEach((a, i) => {
        if (a.fraction < 1) texts.push({ text: a.feedback, path: here('answers', i, 'feedback'), what: `the feedback of the wrong answer ${'range' in a ? a.range.join('–') : a.answer}` });
      });
      texts.push({ text: q.otherFeedback, path: here('otherFeedback'), what: 'the feedback for any other answer (otherFeedback)' });
      break;
    case 'text':
      q.answers.forEach((a, i) => {
        if (a.fraction < 1) texts.push({ text: a.feedback, path: here('answers', i, 'feedback'), what: `the feedback of the wrong answer "${a.text}"`, own: fillWildcards(a.text, ' ') });
      });
      break;
    case 'cloze':
      q.blanks.forEach((b) => {
        if (b.kind === 'choice') {
          b.choices.forEach((c, i) => {
            if (c.id !== b.answer) texts.push({ text: c.feedback, path: here('blanks', b.id, 'choices', i, 'feedback'), what: `blank "${b.id}": the feedback of the wrong choice "${plain(c.text)}"`, own: c.text });
          });
        } else {
          b.answers.forEach((a, i) => {
            if (a.fraction < 1) texts.push({ text: a.feedback, path: here('blanks', b.id, 'answers', i, 'feedback'), what: `blank "${b.id}": the feedback of the wrong answer "${a.text}"`, own: fillWildcards(a.text, ' ') });
          });
        }
      });
      break;
    case 'truefalse':
    case 'order':
    case 'match':
      return;
    default:
      return unhandled(q, 'question type');
  }
  for (const { text, path, what, own } of texts) {
    if (!text) continue;
    const how = givesKey(text, q, own);
    if (how) {
      add(
        'feedback-gives-key',
        path,
        `${what} ${how}: it is read while a try remains, so the next try needs no knowledge`,
        'say why this response is wrong and where to look, without the key; move the full reasoning to `explanation:`, shown once the question is over',
      );
    }
  }
}

function lintQuiz(quiz: Quiz, add: Add): void {
  const singles = quiz.questions.filter((q) => q.type === 'single');
  const keyLongest = singles.filter((q) => {
    const key = q.choices.find((c) => c.correct);
    return key && q.choices.every((c) => c === key || plain(c.text).length < plain(key.text).length);
  });
  if (singles.length >= 3 && keyLongest.length / singles.length > KEY_LONGEST_SHARE) {
    add(
      'key-longest-share',
      ['questions'],
      `the key is the longest option in ${keyLongest.length} of ${singles.length} single-choice questions (${percent(keyLongest.length / singles.length)}; at most ${percent(KEY_LONGEST_SHARE)}): ${keyLongest.map((q) => q.id).join(', ')}`,
      'lengthen a distractor or shorten the key in some of them, so length says nothing',
    );
  }
  balance(quiz.questions.map((q, i) => ({ q, path: ['questions', i] })), (rule, item, message, fix) => add(rule, item.path, message, fix), 2);

  // A teacher's own question that states no level is not counted: nothing says what it asks.
  const rated = quiz.own ? quiz.questions.filter((q) => q.level) : quiz.questions;
  const higher = rated.filter((q) => q.level && levelRank(q.level) >= 1);
  if (rated.length >= 4 && higher.length / rated.length < HIGHER_LEVEL_SHARE) {
    add(
      'level-mix',
      ['questions'],
      `${higher.length} of ${rated.length} questions (${percent(higher.length / rated.length)}) ask for more than recall; at least ${percent(HIGHER_LEVEL_SHARE)} should`,
      'turn some recall questions into ones that explain, classify a new example, apply to a case or compare',
    );
  }
  if (quiz.attempts === 0 && quiz.penalty === 0) {
    add(
      'automatic-pass',
      ['attempts'],
      'unlimited tries with no penalty: every selection question ends at full marks, so passing says nothing',
      'limit `attempts:` (e.g. 2) or set a `penalty:` per extra try, following the deck\'s scoring policy',
    );
  }
}

type Located = { q: Question; path: (string | number)[] };

/** True/false keys and multiple-select counts that are all alike, in a quiz (`min` of them) or across the deck. */
function balance<T extends Located>(items: T[], add: (rule: LintRule, item: T, message: string, fix: string) => void, min: number, scope = 'quiz'): void {
  const tf = items.filter((x) => x.q.type === 'truefalse');
  const trues = tf.filter((x) => x.q.type === 'truefalse' && x.q.answer).length;
  const falses = tf.length - trues;
  const majority = Math.max(trues, falses);
  const unbalanced = tf.length >= min && (majority === tf.length || (tf.length >= 4 && majority / tf.length > 2 / 3));
  if (unbalanced) {
    add(
      'truefalse-balance',
      tf[0]!,
      `in this ${scope}, ${trues} true/false question${trues === 1 ? ' is' : 's are'} keyed True and ${falses} False: the key is predictable`,
      'key about half of them True (rewrite a false statement as a true one, or the reverse)',
    );
  }
  const multiples = items.filter((x) => x.q.type === 'multiple');
  const counts = multiples.map((x) => (x.q.type === 'multiple' ? x.q.choices.filter((c) => c.correct).length : 0));
  if (multiples.length >= min && new Set(counts).size === 1) {
    add(
      'multiple-correct-count',
      multiples[0]!,
      `every multiple-select question in this ${scope} has ${counts[0]} correct option${counts[0] === 1 ? '' : 's'}: a learner learns to pick ${counts[0]}`,
      'vary the number of correct options from question to question',
    );
  }
}

function lintDeck(all: (Located & { file: string })[], findings: LintFinding[]): void {
  balance(all, (rule, item, message, fix) => findings.push({ rule, place: { file: item.file, path: item.path }, message, fix }), 3, 'deck');
}

function lintObjectives(input: LintInput, all: { q: Question }[], findings: LintFinding[]): void {
  for (const objective of input.objectives) {
    const questions = all.filter((x) => x.q.objective === objective.key);
    if (questions.length === 0) continue; // `kit validate` reports an objective nothing assesses.
    const best = Math.max(...questions.map((x) => (x.q.level ? levelRank(x.q.level) : -1)));
    if (best < levelRank(objective.level)) {
      findings.push({
        rule: 'objective-level',
        place: { file: objective.file, line: objective.line },
        message: `objective "${objective.key}" aims at ${objective.level}, but its ${questions.length === 1 ? 'one question asks' : `${questions.length} questions ask`} at most ${best >= 0 ? QUESTION_LEVELS[best] : 'nothing stated'}`,
        fix: `add or rewrite a question so it asks the learner to ${objective.level} (or lower the objective's level if that is what is taught)`,
      });
    }
  }
}

function lintScoring(quizzes: { quiz: Quiz; file: string }[], findings: LintFinding[]): void {
  const settings = new Map<string, string[]>();
  for (const { quiz } of quizzes) {
    const key = `attempts ${quiz.attempts}, penalty ${quiz.penalty}, pass ${quiz.pass}`;
    settings.set(key, [...(settings.get(key) ?? []), quiz.id]);
  }
  // One policy for the section reviews and one for a final test is a policy; more is noise.
  if (settings.size > 2) {
    const listed = [...settings].map(([key, ids]) => `${ids.join(', ')}: ${key}`).join('; ');
    findings.push({
      rule: 'scoring-mixed',
      place: { file: quizzes[0]!.file, path: ['attempts'] },
      message: `the quizzes use ${settings.size} different scoring settings (${listed})`,
      fix: 'apply one scoring policy to every quiz (e.g. section reviews: 2 tries, penalty 0.5; final review: 1 try) and state it in the README',
    });
  }
}
