/**
 * The teacher's panel drawn in one document: the deck's page, and again in the speaker view's
 * window. Its elements are built once and then only updated (`paint`), so a button the
 * teacher is on keeps its focus while counts change; everything it shows comes from a
 * `PanelModel` the controller (`teacher-panel.ts`) works out, so the two windows always agree.
 */
import type { StringKey, Translate } from '../../i18n/strings.ts';

export type PanelAction = 'ask' | 'close' | 'show-answers' | 'reveal' | 'again' | 'roster';

/** One bar of the distribution: a choice (or an answer as typed) and how many gave it. */
export interface Bar {
  label: string;
  count: number;
  percent: number;
  correct: boolean;
}

export interface PanelModel {
  /** Which slide the deck shows: the quiz's intro (join details large), a question, or neither (no panel). */
  place: 'intro' | 'question' | 'none';
  /** The slide shown (quiz and question): another one forgets the button last pressed. */
  slide: string;
  code: string;
  joinUrl: string;
  joinUrlWithCode: string;
  /** The server's QR code, already checked (`safeSvg`), or '' when it failed the check. */
  qrSvg: string;
  joined: number;
  /** Connection status in words, '' once connected: until then the room's buttons wait (there is no one to tell). */
  status: string;
  error: string;
  /** Which of the question's buttons are offered now. */
  offer: Record<Exclude<PanelAction, 'roster'>, boolean>;
  showingAnswers: boolean;
  /** "Try 2 of 3", the phase, "8 of 12 answered", "5 of 8 right": '' hides each. */
  tryText: string;
  phaseText: string;
  countText: string;
  rightText: string;
  /** The count as the screen reader hears it: the controller changes it at most every few seconds. */
  liveText: string;
  elsewhere: string;
  /** The distribution, when shown. */
  bars?: Bar[];
  roster: { id: number; name: string; connected: boolean }[];
  rosterOpen: boolean;
}

export interface TeacherView {
  paint(model: PanelModel): void;
  remove(): void;
}

/** The server's SVG markup, only when it is an `<svg>` with nothing that could run: it is inserted as markup. */
export function safeSvg(markup: string): string {
  const text = markup.trim();
  if (!/^<svg[\s>]/i.test(text) || !/<\/svg>$/i.test(text)) return '';
  if (/<script|<foreignObject|javascript:|\son[a-z]+\s*=/i.test(text)) return '';
  return text;
}

const LINKS = [
  ['/classroom/results.csv', 'classroom.teacher.resultsCsv'],
  ['/classroom/results.json', 'classroom.teacher.resultsJson'],
  ['/classroom/stats', 'classroom.teacher.stats'],
] as const;

const BUTTONS = [
  ['ask', 'classroom.teacher.ask'],
  ['close', 'classroom.teacher.close'],
  ['show-answers', 'classroom.teacher.showAnswers'],
  ['reveal', 'classroom.teacher.reveal'],
  ['again', 'classroom.teacher.again'],
] as const;

/** An element with a class and, optionally, its text: the panel is built as elements, so no text ever becomes markup. */
function make<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className = '', text = ''): HTMLElementTagNameMap[K] {
  const element = doc.createElement(tag);
  if (className) element.className = className;
  if (text) element.textContent = text;
  return element;
}

/** The panel's fixed parts, in the page's language. */
function skeleton(doc: Document, t: Translate, buttons: Map<PanelAction, HTMLButtonElement>): HTMLElement[] {
  const label = (key: StringKey) => make(doc, 'p', 'kit-teacher-label', t(key));
  const joinText = make(doc, 'div', 'kit-teacher-join-text');
  joinText.append(label('classroom.teacher.joinAt'), make(doc, 'p', 'kit-teacher-url'), label('classroom.teacher.code'), make(doc, 'p', 'kit-teacher-code'), make(doc, 'p', 'kit-teacher-joined'));
  const join = make(doc, 'div', 'kit-teacher-join');
  join.append(make(doc, 'div', 'kit-teacher-qr'), joinText);

  const status = make(doc, 'p', 'kit-teacher-status');
  status.setAttribute('role', 'status');
  const error = make(doc, 'p', 'kit-teacher-error');
  error.setAttribute('role', 'alert');

  const controls = make(doc, 'div', 'kit-teacher-controls');
  controls.append(
    ...BUTTONS.map(([action, key]) => {
      const button = make(doc, 'button', '', t(key));
      button.type = 'button';
      if (action === 'show-answers') button.setAttribute('aria-pressed', 'false');
      buttons.set(action, button);
      return button;
    }),
  );
  const state = make(doc, 'p', 'kit-teacher-state');
  const count = make(doc, 'span', 'kit-teacher-count');
  // The screen reader hears the count from the live line below, at its own pace.
  count.setAttribute('aria-hidden', 'true');
  state.append(make(doc, 'span', 'kit-teacher-try'), make(doc, 'span', 'kit-teacher-phase'), count, make(doc, 'span', 'kit-teacher-right'));
  const live = make(doc, 'p', 'visually-hidden kit-teacher-live');
  live.setAttribute('aria-live', 'polite');
  const distribution = make(doc, 'div', 'kit-teacher-distribution');
  distribution.append(label('classroom.teacher.distribution'), make(doc, 'ul'));
  const question = make(doc, 'div', 'kit-teacher-question');
  question.append(make(doc, 'p', 'kit-teacher-elsewhere'), controls, state, live, distribution);

  const roster = make(doc, 'div', 'kit-teacher-roster');
  const toggle = make(doc, 'button');
  toggle.type = 'button';
  buttons.set('roster', toggle);
  toggle.setAttribute('aria-expanded', 'false');
  const names = make(doc, 'ul');
  names.hidden = true;
  roster.append(toggle, names);

  const links = make(doc, 'p', 'kit-teacher-links');
  for (const [href, key] of LINKS) {
    const link = make(doc, 'a', '', t(key));
    link.href = href;
    link.target = '_blank';
    link.rel = 'noopener';
    links.append(link, ' ');
  }
  return [join, make(doc, 'p', 'kit-teacher-compact'), status, error, question, roster, links];
}

export function createTeacherView(doc: Document, t: Translate, act: (action: PanelAction) => void): TeacherView {
  const root = doc.createElement('aside');
  root.className = 'kit-teacher';
  root.setAttribute('aria-label', t('classroom.teacher.panel'));
  const actions = new Map<PanelAction, HTMLButtonElement>();
  root.append(...skeleton(doc, t, actions));
  const $ = <E extends Element = HTMLElement>(selector: string) => root.querySelector<E & HTMLElement>(selector)!;
  const button = (action: PanelAction) => actions.get(action)!;

  /** The button the teacher pressed last: if the room's answer hides it (Ask → Close), its focus goes to the next one offered. */
  let pressed: HTMLButtonElement | undefined;
  let slide = '';
  for (const [action, target] of actions) {
    target.addEventListener('click', () => {
      pressed = target;
      act(action);
    });
  }
  // reveal.js listens for its shortcuts on the document: keys pressed on the panel stay on the panel.
  root.addEventListener('keydown', (event) => event.stopPropagation());
  doc.body.append(root);

  let qrShown: string | undefined;
  const setText = (selector: string, text: string) => {
    const element = $(selector);
    if (element.textContent !== text) element.textContent = text;
    element.hidden = !text;
  };

  const paintQr = (model: PanelModel) => {
    if (qrShown === model.qrSvg) return;
    qrShown = model.qrSvg;
    const box = $('.kit-teacher-qr');
    // Checked by safeSvg: an <svg> with no script and no event handler.
    box.innerHTML = model.qrSvg;
    const svg = box.querySelector('svg');
    svg?.setAttribute('role', 'img');
    svg?.setAttribute('aria-label', t('classroom.teacher.qr', { url: model.joinUrlWithCode }));
  };

  const paintBars = (bars: Bar[] | undefined) => {
    const box = $('.kit-teacher-distribution');
    box.hidden = !bars;
    const list = box.querySelector('ul')!;
    if (bars && !bars.length) return list.replaceChildren(make(doc, 'li', '', t('classroom.teacher.noAnswers')));
    list.replaceChildren(
      ...(bars ?? []).map((bar) => {
        const item = make(doc, 'li', bar.correct ? 'kit-teacher-bar kit-teacher-correct' : 'kit-teacher-bar');
        item.style.setProperty('--kit-bar', `${bar.percent}%`);
        // The choice's words may be cut short on screen (the slide shows them whole); the figures never are.
        item.title = bar.label;
        item.append(make(doc, 'span', 'kit-teacher-choice', bar.label), make(doc, 'span', 'visually-hidden', ': '), make(doc, 'span', 'kit-teacher-figures', t('classroom.teacher.share', { count: bar.count, percent: bar.percent })));
        if (bar.correct) item.append(make(doc, 'span', 'kit-teacher-mark', ` ✓ ${t('classroom.teacher.correctMark')}`));
        return item;
      }),
    );
  };

  const paintRoster = (model: PanelModel) => {
    const toggle = button('roster');
    toggle.textContent = t('classroom.teacher.students', { count: model.roster.length });
    toggle.setAttribute('aria-expanded', String(model.rosterOpen));
    const list = $('.kit-teacher-roster ul');
    list.hidden = !model.rosterOpen;
    list.replaceChildren(
      ...model.roster.map((student) => {
        // A name is what a student typed: text, never markup.
        const name = student.name || t('classroom.teacher.anonymous', { n: student.id });
        const status = t(student.connected ? 'classroom.teacher.connected' : 'classroom.teacher.away');
        return make(doc, 'li', student.connected ? 'kit-teacher-here' : 'kit-teacher-away', `${student.connected ? '●' : '○'} ${t('classroom.teacher.rosterEntry', { name, status })}`);
      }),
    );
  };

  return {
    paint(model) {
      if (model.slide !== slide) pressed = undefined;
      slide = model.slide;
      const hadFocus = !!pressed && doc.activeElement === pressed;
      root.hidden = model.place === 'none';
      root.dataset.place = model.place;
      paintQr(model);
      $('.kit-teacher-join').hidden = model.place !== 'intro';
      setText('.kit-teacher-url', model.place === 'intro' ? model.joinUrl : '');
      setText('.kit-teacher-code', model.place === 'intro' ? model.code : '');
      setText('.kit-teacher-joined', t('classroom.teacher.joined', { count: model.joined }));
      setText('.kit-teacher-compact', model.place === 'question' ? `${t('classroom.teacher.compact', { url: model.joinUrl, code: model.code })} · ${t('classroom.teacher.joined', { count: model.joined })}` : '');
      setText('.kit-teacher-status', model.status);
      setText('.kit-teacher-error', model.error);
      $('.kit-teacher-question').hidden = model.place !== 'question';
      setText('.kit-teacher-elsewhere', model.elsewhere);
      for (const [action] of BUTTONS) {
        button(action).hidden = !model.offer[action];
        // Show answers draws what the page already has; the others are messages to the server.
        button(action).disabled = !!model.status && action !== 'show-answers';
      }
      button('show-answers').setAttribute('aria-pressed', String(model.showingAnswers));
      setText('.kit-teacher-try', model.tryText);
      setText('.kit-teacher-phase', model.phaseText);
      setText('.kit-teacher-count', model.countText);
      setText('.kit-teacher-right', model.rightText);
      $('.kit-teacher-live').textContent = model.liveText;
      paintBars(model.bars);
      paintRoster(model);
      // Only after the teacher's own press: a slide change never moves the focus (a hidden button simply loses it).
      if (hadFocus && pressed!.hidden) {
        pressed = undefined;
        BUTTONS.map(([action]) => button(action)).find((b) => !b.hidden)?.focus();
      }
    },
    remove() {
      root.remove();
    },
  };
}
