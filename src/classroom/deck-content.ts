/**
 * What the classroom server knows of the deck: read from the built pages in `dist/` (the same
 * quizzes, grading data and rendered forms the deck itself shows), once at start. Each
 * question's form is prepared for students here: its choices, items and options put in the
 * student's own order on the server (an order question's markup lists its items in the right
 * order, and a match question's options carry the ids of their pairs: sent as authored, either
 * would give the answer away), its hint taken out.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Presentation, Question, Quiz } from '../quiz/index.ts';
import { PAYLOAD_ID, STRINGS_ID, questionSlideId, type QuizPayload } from '../shared/contract.ts';
import type { Strings } from '../i18n/strings.ts';

/** A question's form with holes where the student's order goes. */
interface FormTemplate {
  /** The form's HTML with `\u0000<n>\u0000` where the n-th list of parts goes. */
  html: string;
  /** Each hole's parts, by the id they are ordered by. */
  lists: { ids: string[]; parts: Map<string, string>; kind: 'choices' | 'items' | 'options' | 'blank'; blank?: string }[];
}

/** One language of the built deck. */
export interface DeckLanguage {
  lang: string;
  /** The page's file in dist/ (`index.html`, `index.zh.html`). */
  page: string;
  payload: QuizPayload;
  strings: Strings;
  /** Quiz id → the quiz's title as the deck renders it (HTML). */
  titles: Map<string, string>;
  /** Question slide id → its form, to be arranged per student. */
  forms: Map<string, FormTemplate>;
}

export interface DeckContent {
  dist: string;
  languages: Map<string, DeckLanguage>;
  defaultLang: string;
}

/** The built deck is missing or is not this kit's: say what to do. */
export class DeckContentError extends Error {}

const RE_PAGE = /^index(?:\.([\w-]+))?\.html$/;

/** The JSON of a `<script type="application/json" id="…">` of a built page (the build writes them, so their form is known). */
function jsonScript(page: string, file: string, id: string): unknown {
  const start = page.indexOf(`<script type="application/json" id="${id}">`);
  const end = start < 0 ? -1 : page.indexOf('</script>', start);
  if (end < 0) throw new DeckContentError(`${file} has no <script id="${id}">: rebuild the deck with npm run build`);
  return JSON.parse(page.slice(page.indexOf('>', start) + 1, end));
}

/** The markup from `open` (the first after `from`) to the end of `close`, or nothing. */
function slice(page: string, from: number, open: string, close: string): string | undefined {
  const start = page.indexOf(open, from);
  const end = start < 0 ? -1 : page.indexOf(close, start);
  return end < 0 ? undefined : page.slice(start, end + close.length);
}

/**
 * Reads every language's page of the built deck in `dist`. The pages are large (every slide,
 * every diagram) and written by our own build: what is needed is found by the markup the build
 * writes (`render-quiz.ts`), with no HTML parser to load or run.
 */
export function readDeckContent(dist: string): DeckContent {
  if (!existsSync(join(dist, 'index.html'))) throw new DeckContentError(`${join(dist, 'index.html')} does not exist: build the deck first (npm run build)`);
  const languages = new Map<string, DeckLanguage>();
  let defaultLang = 'en';
  for (const file of readdirSync(dist).filter((f) => RE_PAGE.test(f)).sort()) {
    const page = readFileSync(join(dist, file), 'utf8');
    const lang = /<html[^>]* lang="([\w-]+)"/.exec(page)?.[1] ?? 'en';
    if (file === 'index.html') defaultLang = lang;
    const payload = jsonScript(page, file, PAYLOAD_ID) as QuizPayload;
    const strings = jsonScript(page, file, STRINGS_ID) as Strings;
    const titles = new Map<string, string>();
    const forms = new Map<string, FormTemplate>();
    for (const quiz of payload.quizzes) {
      for (const question of quiz.questions) {
        const id = questionSlideId(quiz.id, question.id);
        const at = page.indexOf(`<section id="${id}"`);
        const form = at < 0 ? undefined : slice(page, at, '<form ', '</form>');
        if (!form) throw new DeckContentError(`${file} has no form for question ${quiz.id}/${question.id}: rebuild the deck with npm run build`);
        if (!titles.has(quiz.id)) titles.set(quiz.id, /<span class="quiz-title">([^]*?)<\/span> <span class="quiz-count">/.exec(page.slice(at))?.[1] ?? quiz.title);
        forms.set(id, formTemplate(form, question));
      }
    }
    languages.set(lang, { lang, page: file, payload, strings, titles, forms });
  }
  return { dist, languages, defaultLang };
}

type Hole = FormTemplate['lists'][number];
const RE_CHOICE = /<label class="quiz-choice" data-choice-id="([^"]*)">[^]*?<\/label>/g;
const RE_ITEM = /<li data-item-id="([^"]*)">[^]*?<\/li>/g;
const RE_OPTION = /<option value="([^"]+)">[^]*?<\/option>/g;
const RE_SELECT = /<select\b[^>]*>[^]*?<\/select>/g;
const RE_HINT = /<button type="button" data-action="hint"[^>]*>[^]*?<\/button>|<div class="quiz-hint" hidden>[^]*?(?=<div class="quiz-feedback")/g;

/**
 * Makes the parts `pattern` finds in `markup` (consecutive: a list's entries) one hole of the
 * template, keyed by their first group (the id).
 */
function hole(markup: string, pattern: RegExp, kind: Hole['kind'], lists: Hole[], blank?: string): string {
  const parts = new Map<string, string>();
  const ids: string[] = [];
  const slot = `\u0000${lists.length}\u0000`;
  let first = true;
  const rest = markup.replace(pattern, (part, id: string) => {
    ids.push(id);
    parts.set(id, part);
    const put = first ? slot : '';
    first = false;
    return put;
  });
  if (ids.length) lists.push({ ids, parts, kind, ...(blank ? { blank } : {}) });
  return rest;
}

/** The form without its hint, its lists of choices, items and options made holes. */
function formTemplate(form: string, question: Question): FormTemplate {
  const lists: Hole[] = [];
  let html = form.replace(RE_HINT, '');
  switch (question.type) {
    case 'single':
    case 'multiple':
      html = hole(html, RE_CHOICE, 'choices', lists);
      break;
    case 'order':
      html = hole(html, RE_ITEM, 'items', lists);
      break;
    case 'match':
    case 'cloze':
      html = html.replace(RE_SELECT, (select) => {
        const blank = question.type === 'cloze' ? /data-blank-id="([^"]*)"/.exec(select)?.[1] : undefined;
        return hole(select, RE_OPTION, question.type === 'cloze' ? 'blank' : 'options', lists, blank);
      });
      break;
    default:
      break;
  }
  return { html, lists };
}

/** What a coded id stands for: a choice, an order item, a match option, or a cloze blank's choice. */
export type IdKind = 'choice' | 'item' | 'option' | `blank:${string}`;

/**
 * The opaque value an id carries in a class's forms. A question's ids are letters in the order
 * the author wrote them (the key is often `a`), an order question's ids are in the right order,
 * and a match option's id is its pair's: sent as they are, any of them could give the answer
 * away. Derived from the class's secret, so it stays the same after a restart and no one without
 * the secret can work it back.
 */
export function idCode(secret: string, quiz: string, question: string, kind: IdKind, id: string): string {
  return `k${createHash('sha256').update([secret, quiz, question, kind, id].join('\u0000')).digest('base64url').slice(0, 12)}`;
}

const LIST_KIND: Record<Hole['kind'], (list: Hole) => IdKind> = {
  choices: () => 'choice',
  items: () => 'item',
  options: () => 'option',
  blank: (list) => `blank:${list.blank ?? ''}`,
};

/** Every id a list of a form names, in each of the attributes it is named by. */
const RE_ID_ATTRIBUTES = / (data-choice-id|data-item-id|value)="([^"]*)"/g;

/**
 * A question's form for one student: choices, items and blank options in the student's order,
 * every one of their ids replaced by its opaque code. Returns the form and the presentation the
 * student page sees (in codes, as the form).
 */
export function studentForm(template: FormTemplate, presentation: Presentation, code: (kind: IdKind, id: string) => string): { form: string; presentation: Presentation } {
  const orderOf = (list: Hole): string[] => {
    if (presentation.type === 'single' || presentation.type === 'multiple') return presentation.choices;
    if (presentation.type === 'order') return presentation.items;
    if (presentation.type === 'match') return presentation.right;
    if (presentation.type === 'cloze' && list.blank) return presentation.blanks[list.blank] ?? list.ids;
    return list.ids;
  };
  const filled = template.html.replace(/\u0000(\d+)\u0000/g, (_, n: string) => {
    const list = template.lists[Number(n)]!;
    const order = orderOf(list).filter((id) => list.parts.has(id));
    const rest = list.ids.filter((id) => !order.includes(id));
    const kind = LIST_KIND[list.kind](list);
    return [...order, ...rest].map((id) => list.parts.get(id)!.replace(RE_ID_ATTRIBUTES, (whole, name: string, value: string) => (value === id ? ` ${name}="${code(kind, id)}"` : whole))).join('');
  });
  return { form: filled, presentation: codePresentation(presentation, code) };
}

/** A presentation with every id in codes. */
function codePresentation(presentation: Presentation, code: (kind: IdKind, id: string) => string): Presentation {
  switch (presentation.type) {
    case 'single':
    case 'multiple':
      return { ...presentation, choices: presentation.choices.map((id) => code('choice', id)) };
    case 'order':
      return { ...presentation, items: presentation.items.map((id) => code('item', id)) };
    case 'match':
      return { ...presentation, right: presentation.right.map((id) => code('option', id)) };
    case 'cloze':
      return { ...presentation, blanks: Object.fromEntries(Object.entries(presentation.blanks).map(([blank, ids]) => [blank, ids.map((id) => code(`blank:${blank}`, id))])) };
    default:
      return presentation;
  }
}

/** Every text a question holds (its prompt, choices, feedback…), to pick their rendered HTML from the payload. */
export function questionTexts(question: Question): string[] {
  const texts: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') texts.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(question);
  return texts;
}

/** The quiz and question of a language, or nothing. */
export function findQuestion(language: DeckLanguage, quizId: string, questionId: string): { quiz: Quiz; question: Question } | undefined {
  const quiz = language.payload.quizzes.find((q) => q.id === quizId);
  const question = quiz?.questions.find((q) => q.id === questionId);
  return quiz && question ? { quiz, question } : undefined;
}
