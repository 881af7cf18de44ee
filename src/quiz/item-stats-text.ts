/**
 * Item statistics as a teacher reads them in a terminal, and as CSV for a spreadsheet (a row per
 * question and a row per option). English only. Pure: the CLI prints and writes what these return.
 */
import { csvText, toCsv, type CsvValue } from './csv.ts';
import type { ItemStatistics, OptionStats, QuestionStats, QuizStats } from './item-stats.ts';

/** A figure rounded to a whole number, or "–" when it cannot be computed (never 0). */
export const figure = (value: number | null): string => (value === null ? '–' : String(Math.round(value)));

/** Points rounded to two decimals, as the results slide shows them. */
const points = (value: number) => String(Math.round(value * 100) / 100);

const BAR_WIDTH = 20;
const bar = (share: number) => '█'.repeat(Math.round((share / 100) * BAR_WIDTH));

/** What facility and discrimination mean, said once at the top of every report. */
export const FIGURES_LEGEND = [
  'facility: the mean score on the question as a share of its points (100 = everyone scored fully)',
  'discrimination: the correlation (×100, -100 to 100) between the score on the question and on the rest of the quiz; "–" when it cannot be computed (fewer than 2 learners, or everyone scored the same)',
  'options: what each learner who answered gave on their last try; ✓ marks a right answer',
];

/** Labels are cut to this many characters in the terminal, so the counts stay in a column (the CSV keeps them whole). */
const LABEL_WIDTH = 40;
const cut = (label: string) => ([...label].length > LABEL_WIDTH ? `${[...label].slice(0, LABEL_WIDTH - 1).join('')}…` : label);

function optionLine(option: OptionStats, width: number): string {
  const mark = option.correct ? '✓' : ' ';
  return `     ${mark} ${cut(option.label).padEnd(width)}  ${String(option.count).padStart(3)}  ${`${Math.round(option.share)}%`.padStart(4)}  ${bar(option.share)}`.trimEnd();
}

/** A question's options, under a heading per blank or pair when it has parts. */
function optionLines(question: QuestionStats): string[] {
  const width = Math.max(0, ...question.options.map((o) => cut(o.label).length));
  const lines: string[] = [];
  let part: string | undefined;
  for (const option of question.options) {
    if (option.part !== undefined && option.part !== part) {
      part = option.part;
      lines.push(`     ${question.type === 'cloze' ? `blank ${part}` : part}:`);
    }
    lines.push(optionLine(option, width));
  }
  return lines;
}

function questionLines(question: QuestionStats, index: number): string[] {
  return [
    `  ${index + 1}. ${question.id} (${question.type}, ${points(question.maxScore)} pt)  facility ${figure(question.facility)}  discrimination ${figure(question.discrimination)}  answered ${question.answered} of ${question.n}`,
    `     ${question.prompt}`,
    ...optionLines(question),
    ...question.flags.map((flag) => `     ! ${flag.text}`),
  ];
}

function quizLines(quiz: QuizStats): string[] {
  const mean = quiz.mean === null ? 'no learner' : `mean ${points(quiz.mean)} of ${points(quiz.maxScore)}`;
  const head = `${quiz.title} (${quiz.id}): ${quiz.learners} learner${quiz.learners === 1 ? '' : 's'}, ${mean}`;
  return [head, ...quiz.questions.flatMap((q, i) => [...questionLines(q, i), ''])];
}

/** The report for a terminal: the figures' meaning, then each quiz and its questions, then the flags' legend. */
export function itemStatisticsText(stats: ItemStatistics): string {
  return [
    'Item statistics',
    ...FIGURES_LEGEND.map((line) => `  ${line}`),
    '',
    ...stats.quizzes.flatMap(quizLines),
    'Flags (!):',
    ...stats.flags.map((flag) => `  ${flag.name}: ${flag.meaning}`),
  ].join('\n');
}

/** The columns of the statistics CSV. */
export const ITEM_STATS_CSV_COLUMNS = ['quiz', 'question', 'type', 'row', 'part', 'option', 'correct', 'count', 'share', 'n', 'answered', 'facility', 'discrimination', 'flags', 'text'] as const;

const rounded = (value: number | null) => (value === null ? undefined : Math.round(value * 10) / 10);

/**
 * The report as CSV: a `question` row (n, answered, facility, discrimination, flags, prompt) then
 * an `option` row per option (part, option id, correct, count, share, label). An empty figure is
 * one that cannot be computed, never 0.
 */
export function itemStatisticsCsv(stats: ItemStatistics): string {
  const rows: CsvValue[][] = [[...ITEM_STATS_CSV_COLUMNS]];
  for (const quiz of stats.quizzes) {
    for (const q of quiz.questions) {
      const flags = q.flags.map((f) => f.text).join('; ');
      rows.push([quiz.id, q.id, q.type, 'question', undefined, undefined, undefined, undefined, undefined, q.n, q.answered, rounded(q.facility), rounded(q.discrimination), csvText(flags), csvText(q.prompt)]);
      for (const o of q.options) {
        rows.push([quiz.id, q.id, q.type, 'option', o.part === undefined ? undefined : csvText(o.part), o.id, o.correct, o.count, rounded(o.share), undefined, undefined, undefined, undefined, undefined, csvText(o.label)]);
      }
    }
  }
  return toCsv(rows);
}
