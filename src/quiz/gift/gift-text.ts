/**
 * GIFT's text rules, shared by the reader and the writer: escapes, format prefixes, weights.
 *
 * Reading follows Moodle's importer: escaped characters are swapped for placeholders before
 * the structure is parsed (so `\{` never opens answers), and swapped back in each piece.
 */

/** Characters that follow `\` in an escape, and what each stands for. */
const ESCAPES: ReadonlyArray<[string, string]> = [
  ['\\', '\\'],
  [':', ':'],
  ['#', '#'],
  ['=', '='],
  ['{', '{'],
  ['}', '}'],
  ['~', '~'],
  ['n', '\n'],
];

/** Placeholders live in the Private Use Area, which GIFT texts do not use. */
const PLACEHOLDER_BASE = 0xe000;
const RE_PLACEHOLDER = /[\ue000-\ue007]/g;
const RE_FORMAT = /^\[(html|moodle|plain|markdown)\]/;
/** A leading `%50%` weight: Moodle allows decimals and negatives. */
const RE_WEIGHT = /^%(-?(?:\d+(?:\.\d*)?|\.\d+))%/;
const RE_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Replaces escapes (`\{`, `\\`, `\n`, …) by placeholders; other backslashes stay as they are. */
export function protectEscapes(line: string): string {
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const index = line[i] === '\\' ? ESCAPES.findIndex(([ch]) => ch === line[i + 1]) : -1;
    if (index >= 0) {
      out += String.fromCharCode(PLACEHOLDER_BASE + index);
      i++;
    } else {
      out += line[i];
    }
  }
  return out;
}

/** Turns placeholders back into the characters they stand for. */
export function restoreEscapes(text: string): string {
  return text.replace(RE_PLACEHOLDER, (ch) => ESCAPES[ch.charCodeAt(0) - PLACEHOLDER_BASE]?.[1] ?? ch);
}

/** Moodle's text formats, named by a leading `[html]`, `[moodle]`, `[plain]` or `[markdown]`. */
export type GiftFormat = 'html' | 'moodle' | 'plain' | 'markdown';

/**
 * Turns HTML into the deck's Markdown and names what Markdown could not hold (`<table>`, a remote
 * image…). Given by the caller: `src/quiz/` has no DOM, so the CLI brings the converter.
 */
export type HtmlToMarkdown = (html: string) => { markdown: string; dropped: string[] };

/** Reads one piece of GIFT (a prompt, an answer, a feedback) as the text the deck shows. */
export type ReadText = (raw: string) => string;

/** A leading format prefix, if any, and the text after it. */
export function splitFormat(raw: string): { format?: GiftFormat; rest: string } {
  const match = RE_FORMAT.exec(raw);
  return match ? { format: match[1] as GiftFormat, rest: raw.slice(match[0].length) } : { rest: raw };
}

const RE_TAG = /<\/?[a-z][a-z0-9]*\b[^>]*>/i;

/** Characters in maths that Markdown (Moodle's, PHP Markdown Extra) would read as its own: a backslash, emphasis, code, links. */
const RE_MD_ESCAPABLE = /[\\`*_[\]]/g;
/** Characters Markdown unescapes after a backslash. */
const RE_MD_ESCAPED = /\\([\\`*_{}[\]()>#+\-.!:|])/g;
const mdEscape = (text: string): string => text.replace(RE_MD_ESCAPABLE, (ch) => `\\${ch}`);
const mdUnescape = (text: string): string => text.replace(RE_MD_ESCAPED, '$1');

/**
 * Moodle's MathJax delimiters as the deck's: `\(…\)` → `$…$`, `\[…\]` → `$$…$$`. In `[markdown]`
 * text they are read as written for Markdown first (`\\(x\_1\\)`, what `toMoodleMaths` writes), and a
 * single `\[` is an escaped bracket, as Moodle's Markdown reads it.
 */
export function fromMoodleMaths(text: string, markdown = false): string {
  if (markdown) {
    // Markdown reads a single `\[` or `\(` as an escaped bracket, before MathJax sees the text:
    // it stays as written (the deck's Markdown reads it the same way).
    return text
      .replace(/\\\\\\?\[([\s\S]+?)\\\\\\?\]/g, (_, tex: string) => `$$${mdUnescape(tex).trim()}$$`)
      .replace(/\\\\\(([\s\S]+?)\\\\\)/g, (_, tex: string) => `$${mdUnescape(tex).trim()}$`);
  }
  return text
    .replace(/\\\[([\s\S]+?)\\\]/g, (_, tex: string) => `$$${tex.trim()}$$`)
    .replace(/\\\(([\s\S]+?)\\\)/g, (_, tex: string) => `$${tex.trim()}$`);
}

/**
 * The deck's maths as Moodle's MathJax delimiters, `$$…$$` → `\[…\]` and `$…$` → `\(…\)` ("$5 and
 * $6" stays money, as the deck reads it). Written for `[markdown]` text: Markdown would eat the
 * backslash of `\(` and the `_` of `x_1`, so those (and `*`, `` ` ``, `[`, `]`) get a backslash.
 */
export function toMoodleMaths(text: string): string {
  return text
    .replace(/\$\$(\S[\s\S]*?)\$\$/g, (_, tex: string) => mdEscape(`\\[${tex}\\]`))
    .replace(/(?<![\\$])\$(?!\s)([^$\n]+?)(?<![\s\\])\$(?!\d)/g, (_, tex: string) => mdEscape(`\\(${tex}\\)`));
}

/**
 * A reader of a question's pieces: each piece takes its own format prefix, else `format` (the
 * question text's, as in Moodle). HTML (and Moodle's format when it holds tags) goes through
 * `html` when given, what it drops added to `dropped`; `[plain]` and `[markdown]` stay as written.
 */
export function textReader(format: GiftFormat, html: HtmlToMarkdown | undefined, dropped: string[]): ReadText {
  return (raw) => {
    const { format: own, rest } = splitFormat(raw.trim());
    const kind = own ?? format;
    const text = fromMoodleMaths(restoreEscapes(rest), kind === 'markdown');
    const isHtml = kind === 'html' || (kind === 'moodle' && RE_TAG.test(text));
    if (!html || !isHtml) return text.trim();
    // Moodle's own format keeps line breaks; HTML does not.
    const converted = html(kind === 'moodle' ? text.replace(/\n/g, '<br>') : text);
    for (const what of converted.dropped) if (!dropped.includes(what)) dropped.push(what);
    return converted.markdown.trim();
  };
}

/** Drops a leading format prefix (`[markdown]`, `[html]`, `[moodle]`, `[plain]`): the engine keeps text as is. */
function dropFormat(raw: string): string {
  return raw.replace(RE_FORMAT, '');
}

/** A piece of GIFT as the text it shows: format prefix (`[markdown]`…) dropped, escapes restored, trimmed. */
export function giftText(raw: string): string {
  return restoreEscapes(dropFormat(raw.trim())).trim();
}

/** Escapes GIFT's special characters and newlines, as Moodle's exporter does. */
export function escapeGift(text: string): string {
  return text
    .replace(/\r/g, '')
    .replace(/[\\:#={}~]/g, (ch) => `\\${ch}`)
    .replace(/\n/g, '\\n');
}

/** Escapes a shown text (a prompt, an answer, a feedback): its maths for Moodle's MathJax, then GIFT's characters. */
export function escapeGiftText(text: string): string {
  return escapeGift(toMoodleMaths(text));
}

/**
 * Escapes an answer or feedback text, shielding it with `[markdown]` when it would otherwise be
 * misread: a leading `%50%` looks like a weight, a leading `[html]` like a format.
 */
export function escapeGiftPiece(text: string): string {
  const escaped = escapeGiftText(text.trim());
  return RE_FORMAT.test(escaped) || escaped.startsWith('%') ? `[markdown]${escaped}` : escaped;
}

/**
 * A weight's percentage as a fraction. Shifting the decimal point in the text (`e-2`) instead of
 * dividing by 100 reads "33.33333333333333" as exactly 1/3, so weights survive a round trip.
 */
function weightValue(percent: string): number {
  return Number(`${percent}e-2`);
}

/** A leading `%50%` weight as a fraction (0.5), and the text after it. */
export function takeWeight(raw: string): { fraction?: number; rest: string } {
  const match = RE_WEIGHT.exec(raw);
  return match ? { fraction: weightValue(match[1] as string), rest: raw.slice(match[0].length) } : { rest: raw };
}

/**
 * A fraction as a GIFT weight: its shortest decimal form with the point moved two places, so
 * 0.5 gives %50%, 0.3333333 gives %33.33333% and 1/3 reads back as exactly 1/3.
 */
export function formatWeight(fraction: number): string {
  const [mantissa = '0', exponent = '0'] = String(fraction).split('e');
  const sign = mantissa.startsWith('-') ? '-' : '';
  const [whole = '', decimals = ''] = mantissa.replace('-', '').split('.');
  let digits = whole + decimals;
  let point = whole.length + Number(exponent) + 2;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  digits = digits.padEnd(point, '0');
  const integer = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const fractional = digits.slice(point).replace(/0+$/, '');
  return `%${sign}${integer}${fractional ? `.${fractional}` : ''}%`;
}

/** A GIFT number, or `undefined` when the text is not one. */
export function parseGiftNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return RE_NUMBER.test(trimmed) ? Number(trimmed) : undefined;
}
