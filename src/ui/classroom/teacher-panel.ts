/**
 * The deck as the teacher's remote for a live class. Loaded (dynamically, by `main.ts`) only
 * when the classroom server put its `TeacherConfig` into the page: the self-study deck never
 * fetches a byte of it. One controller holds the room as the server last described it and the
 * slide the deck shows, works out what the panel says (`PanelModel`), and paints it in every
 * view: the deck's page and, while it is open, the speaker view's window (same socket, same
 * state: the popup's document is reachable from here).
 */
import cssText from '../../../assets/theme/classroom-teacher.css?inline';
import type { ACTION, DATA, QuizPayload } from '../../shared/contract.ts';
import type { TeacherAction, TeacherConfig, TeacherRoom, ServerMessage } from '../../shared/classroom.ts';
import type { Question } from '../../quiz/index.ts';
import type { Translate } from '../../i18n/strings.ts';
import { connectTeacher, socketUrl, type ConnectionStatus, type SocketFactory } from './teacher-socket.ts';
import { createTeacherView, safeSvg, type Bar, type PanelAction, type PanelModel, type TeacherView } from './teacher-view.ts';

/** How often, at most, the screen reader hears the count: every answer would drown the room's talk. */
const LIVE_INTERVAL = 3000;
/** Typed and ordered answers: the most frequent, as given. */
const TOP_ANSWERS = 5;
const NOTES_WINDOW = 'reveal.js - Notes';
/**
 * `CLASSROOM_CONFIG_ID`, written out (the unit test holds them equal): a value imported from
 * `shared/classroom.ts` brings its schemas' valibot into a chunk the self-study deck would load too.
 */
export const TEACHER_CONFIG_ID = 'kit-classroom';
const STYLE_ID = 'kit-teacher-style';
/**
 * The deck's hooks, by their dataset names, held equal to the contract's `DATA` and `ACTION` by
 * their types: a value imported from `shared/contract.ts` would be split with the deck's script
 * into a chunk of its own, which the offline file (one inlined script) cannot load.
 */
const QUIZ_ID: (typeof DATA)['quizId'] = 'quizId';
const QUESTION_ID: (typeof DATA)['questionId'] = 'questionId';
const CHOICE_ID: (typeof DATA)['choiceId'] = 'choiceId';
const ACTION_NAME: (typeof DATA)['action'] = 'action';
const SHOW: (typeof ACTION)['show'] = 'show';

/** The elements of `root` with `tag` that carry the dataset entry `name` (read through dataset, so no attribute is spelt out). */
const withData = <E extends HTMLElement>(root: ParentNode, tag: string, name: string) => [...root.querySelectorAll<E>(tag)].filter((e) => e.dataset[name] !== undefined);

export interface TeacherPanelOptions {
  doc: Document;
  config: TeacherConfig;
  t: Translate;
  /** The quiz payload (for the key: the distribution marks the right choices once revealed). */
  payload?: QuizPayload;
  /** Opens the WebSocket (a fake in tests). */
  open: SocketFactory;
  url: string;
  /** The slide the deck shows. */
  currentSlide: () => Element | null | undefined;
  /** After the panel's band changed size: the deck lays its slides out again. */
  relayout?: () => void;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
}

export interface TeacherPanel {
  /** The deck moved to another slide. */
  slideChanged(): void;
  /** Draws the panel in another document too (the speaker view), until it is closed. */
  addView(doc: Document): void;
  stop(): void;
}

interface Here {
  quiz: string;
  question?: string;
  form?: HTMLFormElement;
}

/** The quiz and question of a slide, when it is a quiz's intro or one of its questions. */
function whereIs(slide: Element | null | undefined): Here | undefined {
  const quiz = (slide as HTMLElement | null | undefined)?.dataset[QUIZ_ID];
  if (!slide || !quiz) return undefined;
  if (slide.classList.contains('quiz-intro')) return { quiz };
  const form = withData<HTMLFormElement>(slide, 'form', QUESTION_ID)[0];
  if (!slide.classList.contains('quiz-slide') || !form) return undefined;
  return { quiz, question: form.dataset[QUESTION_ID]!, form };
}

/** The form of a question anywhere in the deck. */
function formOf(doc: Document, quiz: string, question: string): HTMLFormElement | undefined {
  return withData<HTMLFormElement>(doc, 'section.quiz-slide form', QUESTION_ID).find((f) => f.dataset[QUESTION_ID] === question && f.closest<HTMLElement>('section.quiz-slide')!.dataset[QUIZ_ID] === quiz);
}

/** Which answers are right, by the distribution's keys: choice ids, or `true`/`false`. */
function rightKeys(question: Question | undefined): Set<string> {
  if (question?.type === 'single' || question?.type === 'multiple') return new Set(question.choices.filter((c) => c.correct).map((c) => c.id));
  if (question?.type === 'truefalse') return new Set([String(question.answer)]);
  return new Set();
}

/** The distribution as bars: a choice question's choices in the form's order, else the top answers as given. */
export function distributionBars(form: HTMLFormElement | undefined, room: TeacherRoom, right: Set<string>, revealed: boolean): Bar[] {
  const base = Math.max(room.answered, 1);
  const bar = (key: string, label: string, count: number): Bar => ({ label, count, percent: Math.round((count / base) * 100), correct: revealed && right.has(key) });
  const choices = form ? withData(form, 'label', CHOICE_ID) : [];
  // A choice's words are its label's first span: the deck adds its "✓ Right" after it once the answer is shown.
  const words = (choice: HTMLElement) => (choice.querySelector(':scope > span') ?? choice).textContent!.trim();
  if (choices.length) return choices.map((c) => bar(c.dataset[CHOICE_ID]!, words(c), room.distribution[c.dataset[CHOICE_ID]!] ?? 0));
  return Object.entries(room.distribution)
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP_ANSWERS)
    .map(([answer, count]) => bar(answer, answer, count));
}

export function createTeacherPanel(options: TeacherPanelOptions): TeacherPanel {
  const { doc, config, t } = options;
  const now = options.now ?? Date.now;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const qrSvg = safeSvg(config.qrSvg);
  let room: TeacherRoom | undefined;
  let roster: NonNullable<TeacherRoom['roster']> = [];
  let status: ConnectionStatus = 'connecting';
  let error = '';
  let showing = false;
  let rosterOpen = false;
  let shownFor = '';
  let liveText = '';
  let liveAt = -Infinity;
  let livePending = false;
  /** The try whose answer the deck's own form has shown, so a room message re-sent does not show it twice. */
  let answerShownFor = '';
  const views = new Set<{ view: TeacherView; doc: Document }>();

  const send = (action: TeacherAction) => {
    error = '';
    connection.send(action);
  };

  const act = (action: PanelAction) => {
    const here = whereIs(options.currentSlide());
    if (action === 'ask' && here?.question) send({ type: 'open', quiz: here.quiz, question: here.question, lang: doc.documentElement.lang || 'en' });
    else if (action === 'close') send({ type: 'close' });
    else if (action === 'reveal') send({ type: 'reveal' });
    else if (action === 'again') send({ type: 'again' });
    else if (action === 'show-answers') showing = !showing;
    else if (action === 'roster') rosterOpen = !rosterOpen;
    paint();
  };

  /** The count for the screen reader: now if the last one was long enough ago, else once the interval is over. */
  const updateLive = (text: string) => {
    if (text === liveText) return;
    const wait = liveAt + LIVE_INTERVAL - now();
    if (wait <= 0) {
      liveText = text;
      liveAt = now();
    } else if (!livePending) {
      livePending = true;
      setTimer(() => {
        livePending = false;
        paint();
      }, wait);
    }
  };

  const questionOf = (quiz: string, question: string) => options.payload?.quizzes.find((q) => q.id === quiz)?.questions.find((q) => q.id === question);

  const elsewhereText = (asked: NonNullable<TeacherRoom['question']>): string => {
    const quiz = options.payload?.quizzes.find((q) => q.id === asked.quiz);
    const index = quiz?.questions.findIndex((q) => q.id === asked.question) ?? -1;
    const title = doc.getElementById(`quiz-${asked.quiz}-title`)?.textContent?.trim() ?? quiz?.title;
    return index >= 0 && title ? t('classroom.teacher.elsewhere', { n: index + 1, quiz: title }) : t('classroom.teacher.elsewhereUnknown');
  };

  const model = (): PanelModel => {
    const here = whereIs(options.currentSlide());
    const asked = room?.question;
    const onThis = !!here?.question && asked?.quiz === here.quiz && asked.question === here.question;
    const phase = onThis ? room!.phase : 'lobby';
    const key = onThis ? `${asked!.quiz}/${asked!.question}` : '';
    // The distribution is a view of one question: moving to another hides it again.
    if (key !== shownFor) {
      shownFor = key;
      showing = false;
    }
    const counted = onThis && phase !== 'lobby';
    const countText = counted ? t('classroom.teacher.answered', { answered: room!.answered, joined: room!.joined }) : '';
    updateLive(countText);
    const triesLeft = onThis && (asked!.tries === 0 || asked!.try < asked!.tries);
    return {
      place: here ? (here.question ? 'question' : 'intro') : 'none',
      slide: here ? `${here.quiz}/${here.question ?? ''}` : '',
      code: config.code,
      joinUrl: room?.joinUrl ?? config.joinUrl,
      joinUrlWithCode: room?.joinUrlWithCode ?? config.joinUrlWithCode,
      qrSvg,
      joined: room?.joined ?? 0,
      status: status === 'connected' ? '' : t(status === 'connecting' ? 'classroom.teacher.connecting' : 'classroom.teacher.reconnecting'),
      error,
      offer: {
        ask: !!here?.question && !onThis,
        close: phase === 'open',
        'show-answers': counted,
        reveal: phase === 'closed',
        again: phase === 'closed' && triesLeft,
      },
      showingAnswers: counted && showing,
      tryText: counted ? (asked!.tries ? t('classroom.teacher.tryOf', { n: asked!.try, total: asked!.tries }) : t('classroom.teacher.try', { n: asked!.try })) : '',
      phaseText: counted ? t(phase === 'open' ? 'classroom.teacher.phaseOpen' : phase === 'closed' ? 'classroom.teacher.phaseClosed' : 'classroom.teacher.phaseRevealed') : '',
      countText,
      rightText: onThis && phase === 'revealed' ? t('classroom.teacher.right', { correct: room!.correct, answered: room!.answered }) : '',
      liveText,
      elsewhere: here?.question && asked && room!.phase !== 'lobby' && !onThis ? elsewhereText(asked) : '',
      bars: counted && showing ? distributionBars(here!.form, room!, rightKeys(questionOf(asked!.quiz, asked!.question)), phase === 'revealed') : undefined,
      roster: roster.map(({ id, name, connected }) => ({ id, name, connected })),
      rosterOpen,
    };
  };

  let band = '';
  const paint = () => {
    const current = model();
    for (const entry of views) {
      if (entry.doc.defaultView?.closed !== false && entry.doc !== doc) views.delete(entry);
      else entry.view.paint(current);
    }
    // The deck gives the panel its own room (a column on the intro, a band under a question): it never covers a slide.
    // The place is set first: the band is measured as laid out for it.
    const root = doc.documentElement;
    if (root.dataset.kitTeacher !== current.place) root.dataset.kitTeacher = current.place;
    const panel = doc.querySelector<HTMLElement>('body > .kit-teacher');
    const size = current.place === 'question' && panel ? `${Math.ceil(panel.getBoundingClientRect().height)}px` : '0px';
    const next = `${current.place}:${size}`;
    if (next !== band) {
      band = next;
      root.style.setProperty('--kit-teacher-band', size);
      options.relayout?.();
    }
  };

  /** Once the room's answer is revealed, the deck's own form shows it, as "Show answer" does. */
  const showRevealedAnswer = () => {
    const asked = room?.question;
    if (room?.phase !== 'revealed' || !asked) return;
    const key = `${asked.quiz}/${asked.question}/${asked.try}`;
    if (key === answerShownFor) return;
    answerShownFor = key;
    const form = formOf(doc, asked.quiz, asked.question);
    if (form) withData<HTMLButtonElement>(form, 'button', ACTION_NAME).find((b) => b.dataset[ACTION_NAME] === SHOW)?.click();
  };

  const onMessage = (message: ServerMessage) => {
    if (message.type === 'teacher') {
      room = message;
      if (message.roster) roster = message.roster;
      showRevealedAnswer();
    } else if (message.type === 'error') error = t('classroom.teacher.error', { detail: t(`classroom.error.${message.code}`) });
    paint();
  };

  const addView = (target: Document) => {
    if (!target.getElementById(STYLE_ID)) {
      const style = target.createElement('style');
      style.id = STYLE_ID;
      style.textContent = cssText;
      target.head.append(style);
    }
    views.add({ doc: target, view: createTeacherView(target, t, act) });
    paint();
  };

  addView(doc);
  const connection = connectTeacher({
    url: options.url,
    lang: doc.documentElement.lang,
    open: options.open,
    setTimer: options.setTimer,
    onMessage,
    onStatus: (next) => {
      status = next;
      paint();
    },
  });

  return {
    slideChanged: paint,
    addView,
    stop() {
      connection.stop();
      for (const { view } of views) view.remove();
      views.clear();
    },
  };
}

/** The page's `TeacherConfig`, when the classroom server served it. */
export function readTeacherConfig(doc: Document): TeacherConfig | undefined {
  const text = doc.getElementById(TEACHER_CONFIG_ID)?.textContent;
  return text ? (JSON.parse(text) as TeacherConfig) : undefined;
}

/** What the panel needs of reveal.js. */
interface Deck {
  on(type: 'slidechanged' | 'resize', listener: () => void): void;
  getCurrentSlide(): HTMLElement | undefined;
  layout(): void;
}

/**
 * Starts the panel on the deck (`main.ts` calls it once the deck is ready), and draws it in the
 * speaker view each time reveal's notes plugin opens that window.
 */
export function startTeacherPanel(deck: Deck, t: Translate, payload: QuizPayload | undefined, win: Window = window): TeacherPanel | undefined {
  const config = readTeacherConfig(win.document);
  if (!config) return undefined;
  const panel = createTeacherPanel({
    doc: win.document,
    config,
    t,
    payload,
    open: (url) => new WebSocket(url) as unknown as ReturnType<SocketFactory>,
    url: socketUrl(win.location),
    currentSlide: () => deck.getCurrentSlide(),
    relayout: () => deck.layout(),
  });
  deck.on('slidechanged', panel.slideChanged);
  // The band's height follows the window (its limit is a share of it): measured again at every resize.
  win.addEventListener('resize', panel.slideChanged);
  const open = win.open;
  win.open = function (this: Window, ...args: Parameters<Window['open']>) {
    const popup = open.apply(this, args);
    // reveal's notes plugin writes the window right after opening it: the panel goes in once that is done.
    if (popup && args[1] === NOTES_WINDOW) setTimeout(() => panel.addView(popup.document), 0);
    return popup;
  } as Window['open'];
  return panel;
}
