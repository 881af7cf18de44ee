/**
 * A cached drawing is a file anyone can commit; it is inlined into every page of the deck. So
 * it is sanitised each time it is inlined, with DOMPurify (on jsdom, at build time): SVG and
 * SVG filters only, no script, no event handler, no `javascript:` link, no HTML inside the
 * SVG; and nothing that makes a request, so the offline file stays offline. What the diagrams
 * need stays: their `<style>`, ids, classes, markers, `role` and `aria-*`, `<title>`, `<desc>`.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import createDOMPurify, { type DOMPurify, type WindowLike } from 'dompurify';

/** `@import` rules, and `url(…)` / `image-set(…)` that point anywhere but into the drawing itself. */
const RE_CSS_IMPORT = /@import\b[^;]*;?/gi;
const RE_CSS_EXTERNAL_URL = /url\(\s*(?!\s*['"]?#)[^)]*\)/gi;
const RE_CSS_IMAGE_SET = /(?:-webkit-)?image-set\([^)]*\)/gi;

/** CSS with every way of loading a file taken out (`url(#marker)` stays). */
export function offlineCss(css: string): string {
  return css.replace(RE_CSS_IMPORT, '').replace(RE_CSS_IMAGE_SET, 'none').replace(RE_CSS_EXTERNAL_URL, 'none');
}

/** The top-level blocks of a style sheet: `prelude { body }`, nested braces (`@keyframes`) kept whole. */
function cssBlocks(css: string): { prelude: string; block: string }[] {
  const blocks: { prelude: string; block: string }[] = [];
  let depth = 0;
  let start = 0;
  let open = -1;
  for (let i = 0; i < css.length; i++) {
    if (css[i] === '{') {
      if (depth === 0) open = i;
      depth++;
    } else if (css[i] === '}') {
      depth--;
      if (depth === 0) {
        blocks.push({ prelude: css.slice(start, open).trim(), block: css.slice(start, i + 1) });
        start = i + 1;
      }
    }
  }
  return blocks;
}

/**
 * A drawing's style sheet without the rules for classes the drawing does not use: Mermaid writes
 * the same sheet of about sixty rules into every drawing (errors, animations, clusters, every
 * kind of node), a few kilobytes each, in every page and offline file. A rule stays when one of
 * its selectors names only classes the drawing has; an `@keyframes` stays when a rule left uses it.
 */
export function usedCss(css: string, classes: ReadonlySet<string>): string {
  const blocks = cssBlocks(css);
  const kept = blocks.filter(({ prelude }) => {
    if (prelude.startsWith('@')) return true;
    return prelude.split(',').some((selector) => (selector.match(/\.(-?[_a-zA-Z][\w-]*)/g) ?? []).every((c) => classes.has(c.slice(1))));
  });
  const rules = kept.filter((b) => !b.prelude.startsWith('@keyframes')).map((b) => b.block).join('');
  return kept.filter((b) => !b.prelude.startsWith('@keyframes') || new RegExp(`\\b${b.prelude.split(/\s+/)[1]}\\b`).test(rules)).map((b) => b.block).join('');
}

let purifier: Promise<DOMPurify> | undefined;

/** DOMPurify on a jsdom window, made once per process and only when needed (loading jsdom takes about a second). */
function getPurifier(): Promise<DOMPurify> {
  purifier ??= (async () => {
    const { JSDOM } = await import('jsdom');
    const purify = createDOMPurify(new JSDOM('').window as unknown as WindowLike);
    purify.addHook('uponSanitizeElement', (node, data) => {
      if (data.tagName !== 'style' || !node.textContent) return;
      const drawing = (node as Element).closest?.('svg');
      const classes = new Set([...(drawing?.querySelectorAll('[class]') ?? [])].flatMap((el) => (el.getAttribute('class') ?? '').split(/\s+/).filter(Boolean)));
      node.textContent = usedCss(offlineCss(node.textContent), classes);
    });
    purify.addHook('uponSanitizeAttribute', (_node, data) => {
      if (/url\(|image-set\(/i.test(data.attrValue)) data.attrValue = offlineCss(data.attrValue);
    });
    return purify;
  })();
  return purifier;
}

/** Bumped whenever the configuration or the hooks below change, so no older result is reused. */
const SANITISER_VERSION = 2;
/** DOMPurify without a window sanitises nothing, but says which version it is. */
const PURIFY_VERSION = createDOMPurify.version;

/**
 * The SVG made safe to inline. Undefined when what is left is not an `<svg>` element (the file
 * was not a drawing): the caller reports it.
 *
 * With `memo` (a folder under node_modules/.cache), each result is kept under the hash of its
 * input, DOMPurify's version and this configuration, so a warm build need not load jsdom (about
 * a second): what is inlined is still DOMPurify's output for exactly these bytes.
 */
export async function sanitiseSvg(svg: string, memo?: string): Promise<string | undefined> {
  const hash = createHash('sha256').update(JSON.stringify([SANITISER_VERSION, PURIFY_VERSION, svg])).digest('hex');
  const memoFile = memo ? join(memo, `${hash}.svg`) : undefined;
  if (memoFile && existsSync(memoFile)) return readFileSync(memoFile, 'utf8') || undefined;
  const clean = await purify(svg);
  if (memo && memoFile) {
    mkdirSync(memo, { recursive: true });
    writeFileSync(memoFile, clean ?? '');
  }
  return clean;
}

async function purify(svg: string): Promise<string | undefined> {
  const purify = await getPurifier();
  const clean = purify
    .sanitize(svg, {
      USE_PROFILES: { svg: true, svgFilters: true },
      ADD_ATTR: ['role'],
      // An <image> or <feImage> can only show a file from elsewhere: a request, and nothing a Mermaid diagram of ours draws.
      FORBID_TAGS: ['image', 'feImage', 'feimage'],
    })
    .trim();
  return /^<svg\b[^]*<\/svg>$/.test(clean) ? clean : undefined;
}
