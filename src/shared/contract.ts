/**
 * What the build writes and the browser reads, written once: the quiz payload carried in the
 * page, the `data-*` hooks on the slides, and the print query that `kit pdf` asks for and the
 * print pages read. `src/ui/` imports this, never `src/deck/`; `src/deck/` and `src/export/`
 * write what it says.
 */
import type { Quiz } from '../quiz/index.ts';

/** The quizzes, as JSON in `<script type="application/json" id="kit-quizzes">`. */
export interface QuizPayload {
  quizzes: Quiz[];
  /** Rendered HTML of every Markdown text of the quizzes, keyed by `textKey` of the text as authored (the text itself is in `quizzes`). */
  html: Record<string, string>;
  /** `<section>/<slide>` → where that slide is and what it is called, for "review the slide" links. */
  slides: Record<string, { href: string; title: string }>;
  /** Question slide id → the right answer in words as HTML (maths rendered), for "Show answer" and the answer key. */
  answers: Record<string, string>;
}

/**
 * The key of a quiz text in the payload's `html`: a 53-bit hash (cyrb53) in base 36, so each
 * text travels once, in its quiz, and not again as a key (a third of the payload, in Chinese).
 */
export function textKey(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** A payload with nothing in it: a page built without quizzes. */
export const emptyPayload = (): QuizPayload => ({ quizzes: [], html: {}, slides: {}, answers: {} });

/** The id of the script element that carries the payload. */
export const PAYLOAD_ID = 'kit-quizzes';

/** Where the learner's chosen language is remembered (localStorage), read before the page draws. */
export const LANG_KEY = 'kit:lang';

/** On each link of the language switch: the language it leads to. */
export const LANG_SWITCH = 'data-lang-switch';

/** The id of the script element that carries the page's interface strings (`assets/i18n/<lang>.json`). */
export const STRINGS_ID = 'kit-strings';

/** The DOM id of a question's slide. */
export const questionSlideId = (quizId: string, questionId: string) => `quiz-${quizId}--${questionId}`;

/**
 * The `data-*` attributes the build writes and the runtime reads, by their dataset name
 * (`element.dataset[DATA.quizId]`) and attribute name (`attr(DATA.quizId)` → `data-quiz-id`).
 */
export const DATA = {
  sectionId: 'sectionId',
  slideId: 'slideId',
  quizId: 'quizId',
  quizAfter: 'quizAfter',
  questionId: 'questionId',
  questionType: 'questionType',
  choiceId: 'choiceId',
  itemId: 'itemId',
  pairId: 'pairId',
  blankId: 'blankId',
  action: 'action',
  move: 'move',
  verdict: 'verdict',
  quizScore: 'quizScore',
  quizResults: 'quizResults',
  resultsTable: 'resultsTable',
  resultsStatus: 'resultsStatus',
  resultQuiz: 'resultQuiz',
  resultDeck: 'resultDeck',
  missedReview: 'missedReview',
  missedList: 'missedList',
  practiceId: 'practiceId',
  objective: 'objective',
  level: 'level',
  diagram: 'diagram',
  printReady: 'printReady',
  /** On a printable document's `html`: its running footer, "Page {n} of {total}" in the deck's language, for the PDF's page numbers. */
  printPageOf: 'printPageOf',
  /** Set by the runtime on a graded form (`correct`, `partial`, `incorrect`); the theme colours by it. */
  result: 'result',
  /** Set by the runtime on a form whose answer was shown. */
  answerShown: 'answerShown',
} as const;
export type DataName = (typeof DATA)[keyof typeof DATA];

/** `quizId` → `data-quiz-id`. */
export const attr = (name: DataName): string => `data-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The `data-action` of each button or input the build writes and the runtime acts on. */
export const ACTION = {
  check: 'check',
  retry: 'retry',
  show: 'show',
  hint: 'hint',
  resetQuiz: 'reset-quiz',
  /** The text field of the learner's name on the results slide. */
  learnerName: 'learner-name',
  downloadJson: 'download-json',
  downloadCsv: 'download-csv',
  load: 'load',
  resetAll: 'reset-all',
} as const;
export type Action = (typeof ACTION)[keyof typeof ACTION];

/**
 * The classes the build writes and the runtime looks for (the theme styles them too). Classes
 * that only style are not listed: they are no contract between two sides.
 */
export const CLASS = {
  quizStack: 'quiz-stack',
  quizQuestion: 'quiz-question',
  quizChoices: 'quiz-choices',
  quizOrder: 'quiz-order',
  quizOrderText: 'quiz-order-text',
  quizMatchRow: 'quiz-match-row',
  quizActions: 'quiz-actions',
  quizHint: 'quiz-hint',
  quizFeedback: 'quiz-feedback',
  quizVerdict: 'quiz-verdict',
  resultsSlide: 'results-slide',
} as const;

/** The printable documents: `?print=<mode>`. The slides print through reveal.js's own `?print-pdf`. */
export const PRINT_MODES = ['handout', 'worksheet', 'answer-key'] as const;
export type PrintMode = (typeof PRINT_MODES)[number];

/** What a print asks for, as the query string of the deck's URL. */
export interface PrintQuery {
  /** A printable document; absent for the slides. */
  mode?: PrintMode;
  paper: 'a4' | 'letter';
  /** One section (and the quiz after it) only. */
  section?: string;
  /** Slides only: a page per fragment step. */
  fragments?: boolean;
  /** Slides only: each question slide also shows its answer and explanation (the teacher's copy). */
  withAnswers?: boolean;
}

/** A print query as the page reads it: also whether the slides are printing (reveal.js's `?print-pdf`). */
export interface PrintRequest extends PrintQuery {
  /** The deck is printing as slides: no document `mode`, and `print-pdf` in the query. */
  slides: boolean;
}

/** The query parameter of a teacher's copy of the slides. */
const WITH_ANSWERS = 'with-answers';

/** The query string for a print, as `kit pdf` opens it (`?print-pdf…` for the slides). */
export function printQueryString(query: PrintQuery): string {
  const params = new URLSearchParams();
  if (!query.mode) {
    params.set('print-pdf', '');
    if (query.fragments) params.set('pdfSeparateFragments', 'true');
    if (query.withAnswers) params.set(WITH_ANSWERS, 'true');
  } else {
    params.set('print', query.mode);
    if (query.paper === 'letter') params.set('paper', 'letter');
  }
  if (query.section) params.set('section', query.section);
  return `?${params.toString().replace('print-pdf=', 'print-pdf')}`;
}

/** Reads a print query back (unknown modes are ignored: the deck is shown). */
export function readPrintQuery(search: string): PrintRequest {
  const params = new URLSearchParams(search);
  const mode = (PRINT_MODES as readonly string[]).includes(params.get('print') ?? '') ? (params.get('print') as PrintMode) : undefined;
  const slides = !mode && params.has('print-pdf');
  return {
    mode,
    paper: params.get('paper')?.toLowerCase() === 'letter' ? 'letter' : 'a4',
    section: params.get('section') ?? undefined,
    fragments: params.get('pdfSeparateFragments') === 'true',
    // `?print-pdf&with-answers` typed by hand asks for it too.
    withAnswers: slides && (params.get(WITH_ANSWERS) ?? 'false') !== 'false',
    slides,
  };
}
