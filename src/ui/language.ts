/**
 * The language switch the build puts on every page (`src/deck/page.ts`): a link to the same
 * deck in another language. It takes the learner to the same slide (the address's `#/…`) with
 * the same view (`?view=scroll` and the like), and remembers the choice for the next visit.
 */
import { LANG_KEY, LANG_SWITCH, STRINGS_ID } from '../shared/contract.ts';
import type { StringKey, Strings, Translate } from '../i18n/strings.ts';

/** The page's interface strings, as the build wrote them (`assets/i18n/<lang>.json`). */
export function readStrings(doc: Document = document): Strings {
  const data = doc.getElementById(STRINGS_ID)?.textContent;
  if (!data) throw new Error(`this page carries no interface strings (#${STRINGS_ID}): build it again with npm run build`);
  return JSON.parse(data) as Strings;
}

/**
 * Where a switch link leads from `location`: its page, this address's query with `lang` set,
 * and the slide shown (`slideId`, else the address's `#/…`).
 */
export function switchTarget(href: string, lang: string, location: Pick<Location, 'search' | 'hash'>, slideId?: string): string {
  const page = href.replace(/[?#].*$/, '');
  const query = new URLSearchParams(location.search);
  query.set('lang', lang);
  return `${page}?${query.toString()}${slideId ? `#/${encodeURIComponent(slideId)}` : location.hash}`;
}

/**
 * Keeps each switch link pointing at the current slide, and remembers the language chosen.
 * `currentSlide` names the slide shown: reveal.js writes it into the address up to a second late.
 */
export function connectLanguageSwitch(
  doc: Document = document,
  storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage,
  currentSlide: () => string | undefined = () => undefined,
): () => void {
  const links = [...doc.querySelectorAll<HTMLAnchorElement>(`a[${LANG_SWITCH}]`)];
  const view = doc.defaultView!;
  const update = () => {
    for (const link of links) link.href = switchTarget(link.getAttribute('href')!, link.getAttribute(LANG_SWITCH)!, view.location, currentSlide() || undefined);
  };
  const remember = (event: Event) => {
    update();
    try {
      storage?.setItem(LANG_KEY, (event.currentTarget as HTMLElement).getAttribute(LANG_SWITCH)!);
    } catch {
      // Storage refused: the link still leads to the language, it is only not remembered.
    }
  };
  // reveal.js writes the address with replaceState, which fires no event: the links catch up when they are about to be used.
  const ready = ['focus', 'pointerenter'] as const;
  update();
  for (const link of links) {
    link.addEventListener('click', remember);
    for (const type of ready) link.addEventListener(type, update);
  }
  return () => {
    for (const link of links) {
      link.removeEventListener('click', remember);
      for (const type of ready) link.removeEventListener(type, update);
    }
  };
}

/**
 * Keeps the first heading of each slide clear of the switch in the top right corner: the
 * switch stays the same size on screen while the slides are scaled, so the room it needs is
 * given to the slides in their own pixels (`--kit-lang-reserve`), again at every resize.
 */
export function reserveSwitchCorner(
  deck: { on(type: 'resize' | 'ready', listener: (event: { scale?: number }) => void): void; getScale(): number },
  doc: Document = document,
): void {
  const nav = doc.querySelector<HTMLElement>('nav.kit-lang');
  if (!nav) return;
  const update = () => {
    // The scroll view keeps a band of its own for the switch (kit.css): its headings need no room.
    const room = doc.querySelector('.reveal-viewport.reveal-scroll') ? 0 : Math.ceil((nav.getBoundingClientRect().width + 16) / (deck.getScale() || 1));
    doc.documentElement.style.setProperty('--kit-lang-reserve', `${room}px`);
  };
  deck.on('ready', update);
  deck.on('resize', update);
}

/** reveal.js's own words in its keyboard help, and ours: each is replaced by the page's string. */
const HELP_WORDS: Record<string, StringKey> = {
  'Keyboard Shortcuts': 'help.title',
  KEY: 'help.key',
  ACTION: 'help.action',
  'Next slide': 'help.next',
  'Previous slide': 'help.previous',
  'Navigate left': 'help.left',
  'Navigate right': 'help.right',
  'Navigate up': 'help.up',
  'Navigate down': 'help.down',
  'Navigate without fragments': 'help.noFragments',
  'Jump to first/last slide': 'help.firstLast',
  Pause: 'help.pause',
  Fullscreen: 'help.fullscreen',
  'Jump to slide': 'help.jump',
  'Slide overview': 'help.overview',
  Search: 'help.search',
  'Speaker notes view': 'help.notes',
};

/**
 * The keyboard help (?) in the page's language: reveal.js writes its table in English each time
 * it opens, so its title, headings and descriptions are replaced as it opens; and its scrolling
 * box is made a named region the keyboard can reach.
 */
export function translateKeyboardHelp(deck: { on(type: 'showhelp', listener: () => void): void }, t: Translate, doc: Document = document): void {
  deck.on('showhelp', () => {
    for (const cell of doc.querySelectorAll<HTMLElement>('.r-overlay-help-content .title, .r-overlay-help-content th, .r-overlay-help-content td')) {
      const key = HELP_WORDS[cell.textContent!.trim()];
      if (key) cell.textContent = t(key);
    }
    // The table scrolls in its box: the keyboard reaches the box to scroll it, and a screen reader hears its name.
    const box = doc.querySelector<HTMLElement>('.r-overlay-help .r-overlay-content');
    if (box) {
      box.tabIndex = 0;
      box.setAttribute('role', 'region');
      box.setAttribute('aria-label', t('help.title'));
    }
  });
}
