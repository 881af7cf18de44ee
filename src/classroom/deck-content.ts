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
import { JSDOM } from 'jsdom';
import type { Presentation, Question, Quiz } from '../quiz/index.ts';
import { ACTION, CLASS, DATA, PAYLOAD_ID, STRINGS_ID, attr, questionSlideId, type QuizPayload } from '../shared/contract.ts';
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

function jsonScript(doc: Document, id: string, page: string): unknown {
  const text = doc.getElementById(id)?.textContent;
  if (!text) throw new DeckContentError(`${page} has no <script id="${id}">: rebuild the deck with npm run build`);
  return JSON.parse(text);
}

/** Reads every language's page of the built deck in `dist`. */
export function readDeckContent(dist: string): DeckContent {
  if (!existsSync(join(dist, 'index.html'))) throw new DeckContentError(`${join(dist, 'index.html')} does not exist: build the deck first (npm run build)`);
  const languages = new Map<string, DeckLanguage>();
  let defaultLang = 'en';
  for (const page of readdirSync(dist).filter((f) => RE_PAGE.test(f)).sort()) {
    const { window } = new JSDOM(readFileSync(join(dist, page), 'utf8'));
    const doc = window.document;
    const lang = doc.documentElement.lang || 'en';
    if (page === 'index.html') defaultLang = lang;
    const payload = jsonScript(doc, PAYLOAD_ID, page) as QuizPayload;
    const strings = jsonScript(doc, STRINGS_ID, page) as Strings;
    const titles = new Map<string, string>();
    const forms = new Map<string, FormTemplate>();
    for (const quiz of payload.quizzes) {
      for (const question of quiz.questions) {
        const slide = doc.getElementById(questionSlideId(quiz.id, question.id));
        const form = slide?.querySelector('form');
        if (!slide || !form) throw new DeckContentError(`${page} has no form for question ${quiz.id}/${question.id}: rebuild the deck with npm run build`);
        if (!titles.has(quiz.id)) titles.set(quiz.id, slide.querySelector('.quiz-title')?.innerHTML ?? quiz.title);
        forms.set(questionSlideId(quiz.id, question.id), formTemplate(form, question));
      }
    }
    languages.set(lang, { lang, page, payload, strings, titles, forms });
    window.close();
  }
  return { dist, languages, defaultLang };
}

/** Takes `children` out of `parent` into a hole of the template, keyed by `idOf`. */
function hole(parent: Element, children: Element[], idOf: (el: Element) => string, kind: FormTemplate['lists'][number]['kind'], lists: FormTemplate['lists'], blank?: string): void {
  const parts = new Map<string, string>();
  const ids: string[] = [];
  for (const child of children) {
    const id = idOf(child);
    ids.push(id);
    parts.set(id, child.outerHTML);
    child.remove();
  }
  parent.append(parent.ownerDocument.createTextNode(`\u0000${lists.length}\u0000`));
  lists.push({ ids, parts, kind, ...(blank ? { blank } : {}) });
}

/** The form without its hint, its lists of choices, items and options made holes. */
function formTemplate(form: HTMLFormElement, question: Question): FormTemplate {
  form.querySelector(`.${CLASS.quizHint}`)?.remove();
  form.querySelector(`[${attr(DATA.action)}="${ACTION.hint}"]`)?.remove();
  const lists: FormTemplate['lists'] = [];
  const byData = (name: string) => (el: Element) => el.getAttribute(name) ?? '';
  switch (question.type) {
    case 'single':
    case 'multiple': {
      const box = form.querySelector(`.${CLASS.quizChoices}`)!;
      hole(box, [...box.children], byData(attr(DATA.choiceId)), 'choices', lists);
      break;
    }
    case 'order': {
      const list = form.querySelector(`.${CLASS.quizOrder}`)!;
      hole(list, [...list.children], byData(attr(DATA.itemId)), 'items', lists);
      break;
    }
    case 'match':
      for (const select of form.querySelectorAll('select')) {
        const options = [...select.querySelectorAll('option')].filter((o) => o.value);
        hole(select, options, (o) => (o as HTMLOptionElement).value, 'options', lists);
      }
      break;
    case 'cloze':
      for (const select of form.querySelectorAll<HTMLSelectElement>('select.quiz-blank')) {
        const options = [...select.querySelectorAll('option')].filter((o) => o.value);
        hole(select, options, (o) => (o as HTMLOptionElement).value, 'blank', lists, select.getAttribute(attr(DATA.blankId)) ?? '');
      }
      break;
    default:
      break;
  }
  return { html: form.outerHTML, lists };
}

/**
 * The opaque value a match option carries for one class: a pair's id would name the row it
 * belongs to. Derived from the class's secret, so it stays the same after a restart and no one
 * without the secret can work it back.
 */
export function optionCode(secret: string, quiz: string, question: string, id: string): string {
  return `o${createHash('sha256').update(`${secret}\u0000${quiz}\u0000${question}\u0000${id}`).digest('base64url').slice(0, 10)}`;
}

/**
 * A question's form for one student: choices, items and blank options in the student's order,
 * match options in theirs with opaque values. Returns the form and the presentation the student
 * page sees (match option ids replaced by their codes, as in the form).
 */
export function studentForm(template: FormTemplate, presentation: Presentation, code: (id: string) => string): { form: string; presentation: Presentation } {
  const orderOf = (list: FormTemplate['lists'][number]): string[] => {
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
    return [...order, ...rest]
      .map((id) => {
        const part = list.parts.get(id)!;
        return list.kind === 'options' ? part.replace(/ value="[^"]*"/, ` value="${code(id)}"`) : part;
      })
      .join('');
  });
  const shown = presentation.type === 'match' ? { ...presentation, right: presentation.right.map(code) } : presentation;
  return { form: filled, presentation: shown };
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
