/**
 * One page per language: `index.html` in the default language, `index.<lang>.html` in each
 * other. Each page says its language (`<html lang>`), names the others (`<link rel=alternate
 * hreflang>`), follows `?lang=` or the learner's remembered choice to the right page before
 * anything is drawn, and shows a switch to the other language on every slide.
 */
import type { BuiltDeck } from './build-deck.ts';
import { inLanguage, RE_LANG } from './languages.ts';
import { html, raw } from '../shared/html.ts';
import { LANG_KEY, LANG_SWITCH } from '../shared/contract.ts';

/** The file of a language's page. */
export const pageFile = (lang: string) => inLanguage('index.html', lang);

/**
 * Runs in `<head>` before the page draws: `?lang=xx` (remembered) or a remembered language
 * other than the page's sends the learner to that language's page, keeping the query and the
 * slide (`#/…`). Storage that cannot be read changes nothing.
 */
const FOLLOW_LANGUAGE = `(function(){try{var q=new URLSearchParams(location.search),a=q.get('lang'),s=localStorage,c=/${RE_LANG.source}/;if(a&&c.test(a))s.setItem('${LANG_KEY}',a);var w=a||s.getItem('${LANG_KEY}');if(!w||w===document.documentElement.lang||!c.test(w))return;var l=document.querySelector('link[rel=alternate][hreflang="'+w+'"]');if(l)location.replace(l.getAttribute('href')+location.search+location.hash)}catch(e){}})()`;

/** What goes into `<head>` of the page in `deck.lang`: the other languages' pages and the script that follows the learner's choice. */
export function languageHead(deck: BuiltDeck, all: readonly BuiltDeck[]): string {
  if (all.length < 2) return '';
  const alternates = all.map((d) => html`<link rel="alternate" hreflang="${d.lang}" href="${pageFile(d.lang)}">`);
  return [...alternates.map(String), `<script>${FOLLOW_LANGUAGE}</script>`].join('\n');
}

/** The switch to the other languages, shown on every slide (outside `.slides`, so it is never a slide). */
export function languageSwitch(deck: BuiltDeck, all: readonly BuiltDeck[]): string {
  const others = all.filter((d) => d.lang !== deck.lang);
  if (others.length === 0) return '';
  const links = others.map(
    (d) => html`<a href="${pageFile(d.lang)}" hreflang="${d.lang}" lang="${d.lang}" ${raw(LANG_SWITCH)}="${d.lang}" aria-label="${d.strings['lang.read']}">${d.strings['lang.name']}</a>`,
  );
  return html`<nav class="kit-lang" aria-label="${deck.strings['lang.nav']}">${links}</nav>`.toString();
}

/** The page of one language from the deck's page (`index.html`, the default language's words in its `<title>` and description). */
export function localisePage(page: string, deck: BuiltDeck): string {
  const title = deck.strings['page.title'];
  const description = deck.strings['page.description'];
  let out = page.replace(/<html lang="[^"]*"/, html`<html lang="${deck.lang}"`.toString());
  if (title) out = out.replace(/<title>[^<]*<\/title>/, html`<title>${title}</title>`.toString());
  if (description) out = out.replace(/<meta name="description" content="[^"]*"/, html`<meta name="description" content="${description}"`.toString());
  return out;
}
