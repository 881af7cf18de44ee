/**
 * A flowchart's drawing for a phone. A phone's scroll view gives a diagram a column of
 * `PHONE_COLUMN` slide pixels (the phone layout is 640 wide, src/ui/layout.ts), shown at about
 * 0.59 of its size on a 390 px screen: a drawing that fits the column at its own size shows its
 * 24 px labels at 14 px, and a wider one shrinks them. So a flowchart wider than the column is
 * tried in other layouts, from the least change to the most, and the first that fits is the
 * phone's drawing:
 *
 * 1. the other direction (top to bottom for a left-to-right chart, left to right for a
 *    top-to-bottom one whose boxes stand side by side);
 * 2. each label's lines that are longer than 16, 14, 12 or 10 letters (a Chinese character
 *    counts two) split between words, in both directions;
 * 3. all of it again with tighter spacing between and inside the boxes.
 *
 * Only the layout changes: the boxes, arrows, words and the text version stay the author's. When
 * nothing fits, the narrowest tried is used if it is narrower than the drawing as written (the
 * phone then says "Tap to enlarge"). Which one won is kept beside the drawings in the committed
 * cache (`<key>.phone.json`, with a hash of the layouts tried), so a build without a browser
 * knows it, and a kit that tries other layouts chooses again.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_DIR } from './diagram-cache.ts';

/** The width, in slide pixels, of the phone's column for a diagram: the phone layout's 640 less a small margin each side. */
export const PHONE_COLUMN = 624;

/** The spacing of the phone's last tries: boxes closer together and less room around their words (the kit's is 40, 50 and 12). */
export const COMPACT_SPACING = { nodeSpacing: 10, rankSpacing: 28, padding: 5 };

/** Longest lines tried, in letters (a Chinese character counts two): none (the author's lines), then shorter and shorter, the longest that fits winning. */
const LINE_LENGTHS = [undefined, 16, 14, 12, 10] as const;

/** One layout to try for the phone: its source, whether it uses `COMPACT_SPACING`, and what it changes, in words. */
export interface PhoneLayout {
  code: string;
  compact: boolean;
  change: string;
}

/** The header line of a flowchart and its direction. */
const RE_FLOWCHART = /^(\s*(?:flowchart|graph)\s+)(TB|TD|BT|LR|RL)\b/m;

/**
 * The layouts to try for a flowchart's phone drawing, in the order they are tried (see above);
 * none for another kind of diagram. The drawing as written is not among them.
 */
export function phoneLayouts(code: string): PhoneLayout[] {
  const header = RE_FLOWCHART.exec(code);
  if (!header) return [];
  const written = header[2]!;
  const sideways = written === 'LR' || written === 'RL';
  const directions = sideways ? ['TB', written] : [written, 'LR'];
  const layouts: PhoneLayout[] = [];
  for (const compact of [false, true]) {
    for (const length of LINE_LENGTHS) {
      const lines = length === undefined ? code : withShortLines(code, length);
      if (length !== undefined && lines === code) continue;
      for (const direction of directions) {
        const laid = lines.replace(RE_FLOWCHART, `$1${direction}`);
        if (laid === code && !compact) continue;
        const change = [
          direction === 'TB' || direction === 'TD' ? 'top to bottom' : direction === 'BT' ? 'bottom to top' : direction === 'LR' ? 'left to right' : 'right to left',
          length === undefined ? '' : `lines of at most ${length} letters`,
          compact ? 'compact spacing' : '',
        ].filter(Boolean);
        layouts.push({ code: laid, compact, change: change.join(', ') });
      }
    }
  }
  return layouts;
}

/** A quoted label or edge text in a flowchart (not a Markdown string, whose words Mermaid wraps itself). */
const RE_QUOTED = /"([^"`]*)"/g;
/** A line break in a label. */
const RE_BREAK = /<br\s*\/?>/gi;
/** Characters that are as wide as two letters: Chinese, Japanese and Korean, and full-width punctuation. */
const RE_WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
/** Punctuation that may not begin a line (it closes or follows what is before it). */
const RE_NO_LINE_START = /^[，。、：；！？）」』”’》〉】,.;:!?)\]]/u;
/** Punctuation that may not end a line (it opens what comes after it). */
const RE_NO_LINE_END = /[（「『“‘《〈【(\[]$/u;

/**
 * The flowchart with every label line longer than `length` letters split into lines that are
 * not (where its words allow: a word is never cut). Lines already short enough stay as they are;
 * group titles (`subgraph`) stay on one line, as Mermaid places them on the group's border; a
 * label holding other HTML than line breaks is left alone.
 */
export function withShortLines(code: string, length: number): string {
  return code
    .split('\n')
    .map((line) => (/^\s*(%%|subgraph\b|classDef\b|class\b|style\b|linkStyle\b|click\b|acc(Title|Descr)\b)/.test(line) ? line : line.replace(RE_QUOTED, (whole, label: string) => (/<(?!br\s*\/?>)/i.test(label) ? whole : `"${splitLabel(label, length)}"`))))
    .join('\n');
}

/** A label's lines, each longer than `length` letters split; joined again with `<br/>`. */
export function splitLabel(label: string, length: number): string {
  const lines = label.split(RE_BREAK);
  if (lines.every((line) => width(line) <= length)) return label;
  return lines.flatMap((line) => (width(line) <= length ? [line] : fill(pieces(line, length), length))).join('<br/>');
}

/** How wide a text is, in letters: a Chinese character (or another wide one) counts two. */
function width(text: string): number {
  let n = 0;
  for (const ch of text.trim()) n += RE_WIDE.test(ch) ? 2 : 1;
  return n;
}

/** Chinese words, so a line breaks between them rather than inside one (制造业 stays whole where it can). */
const WORDS = new Intl.Segmenter('zh', { granularity: 'word' });

/**
 * A line cut where a line may break: after a space (the space belongs to the piece before), and
 * after a hyphen inside a word only if the word is longer than `length` ("bio-manufacturing"
 * stays whole where it fits); in text with Chinese, between words, punctuation kept with its
 * neighbour.
 */
function pieces(line: string, length: number): string[] {
  const out: string[] = [];
  const text = line.trim();
  if (RE_WIDE.test(text)) {
    for (const { segment, isWordLike } of WORDS.segment(text)) {
      const last = out.length - 1;
      const joins = last >= 0 && ((!isWordLike && !RE_NO_LINE_END.test(segment)) || RE_NO_LINE_END.test(out[last]!) || RE_NO_LINE_START.test(segment));
      if (joins) out[last] += segment;
      else out.push(segment);
    }
    return out;
  }
  let current = '';
  const chars = [...text];
  /** Whether the word around position `i` (between spaces) is longer than the line may be. */
  const longWord = (i: number) => {
    let [start, end] = [i, i];
    while (start > 0 && chars[start - 1] !== ' ') start--;
    while (end < chars.length && chars[end] !== ' ') end++;
    return width(chars.slice(start, end).join('')) > length;
  };
  for (const [i, ch] of chars.entries()) {
    const next = chars[i + 1] ?? '';
    current += ch;
    const breakAfter = (ch === ' ' && next !== ' ') || (ch === '-' && /\w/.test(chars[i - 1] ?? '') && /\w/.test(next) && longWord(i));
    if (breakAfter && next) {
      out.push(current);
      current = '';
    }
  }
  if (current) out.push(current);
  // A number stays with the word before it ("Project 2:", "Area 1").
  return out.reduce<string[]>((kept, piece) => {
    if (kept.length > 0 && /^\d+[:.)]?$/.test(piece.trim()) && kept[kept.length - 1]!.endsWith(' ')) kept[kept.length - 1] += piece;
    else kept.push(piece);
    return kept;
  }, []);
}

/**
 * Pieces gathered into as few lines of at most `length` letters as they allow (a longer piece
 * stands alone), as even as can be: "Key areas such as" in two lines of 14 is "Key areas / such
 * as", not "Key areas such / as"; where two ways are as even, the later lines take more. Spaces
 * at the ends are dropped.
 */
function fill(parts: string[], length: number): string[] {
  const fewest = greedy(parts, length).length;
  const total = width(parts.join(''));
  for (let limit = Math.ceil(total / fewest); limit <= length; limit++) {
    // Filled from the end, so a short word goes with what follows it: "Forging / long boards,".
    const lines = greedy([...parts].reverse(), limit, true).reverse();
    if (lines.length === fewest) return lines;
  }
  return greedy(parts, length);
}

/** Pieces gathered into lines greedily: each line takes pieces while it stays within `limit` letters (`backwards`: the pieces come last first). */
function greedy(parts: string[], limit: number, backwards = false): string[] {
  const lines: string[] = [];
  let current = '';
  for (const part of parts) {
    const joined = backwards ? part + current : current + part;
    if (current && width(joined) > limit) {
      lines.push(current.trim());
      current = part;
    } else current = joined;
  }
  if (current.trim()) lines.push(current.trim());
  return lines;
}

/** The width of a drawing, from its `viewBox` (what the column scales), or undefined if it has none. */
export function drawingWidth(svg: string): number | undefined {
  const box = /^<svg\b[^>]*\bviewBox="[-\d.]+[ ,]+[-\d.]+[ ,]+([\d.]+)[ ,]+[\d.]+"/.exec(svg);
  return box ? Number(box[1]) : undefined;
}

/** Which drawing a phone shows for a diagram: the key of another layout's drawing, or none (the drawing as written). */
export interface PhoneChoice {
  /** The key of the phone's drawing; null when the drawing as written serves (it fits, or nothing tried is narrower). */
  key: string | null;
  /** What that layout changes, in words; empty when none. */
  change: string;
  /** The width of the drawing as written and of the one chosen, in slide pixels. */
  width: { written: number; chosen: number };
  /** Which layouts were tried (a hash of their keys): when the kit tries others, it chooses again. */
  tried: string;
}

/** A hash of the keys of the layouts tried, as a choice records them. */
export function layoutsTried(keys: string[]): string {
  return createHash('sha256').update(keys.join(' ')).digest('hex').slice(0, 16);
}

/** Where the phone choice for the drawing `key` is kept. */
export function phoneChoicePath(root: string, key: string): string {
  return join(root, CACHE_DIR, `${key}.phone.json`);
}

/** The phone choice kept for the drawing `key`, or undefined when none is kept (or it does not read). */
export function readPhoneChoice(root: string, key: string): PhoneChoice | undefined {
  const path = phoneChoicePath(root, key);
  if (!existsSync(path)) return undefined;
  try {
    const choice = JSON.parse(readFileSync(path, 'utf8')) as PhoneChoice;
    return (choice.key === null || /^[0-9a-f]{16}$/.test(choice.key)) && typeof choice.change === 'string' && typeof choice.tried === 'string' ? choice : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the phone choice for the drawing `key`. */
export function writePhoneChoice(root: string, key: string, choice: PhoneChoice): void {
  writeFileSync(phoneChoicePath(root, key), JSON.stringify(choice, null, 2) + '\n');
}

/**
 * The layout a phone shows, given the width of the drawing as written and of each layout tried
 * (in `phoneLayouts` order; undefined where it could not be drawn): the first that fits the
 * column; else the narrowest, if narrower than the drawing as written; else none (-1).
 */
export function choosePhoneLayout(written: number, tried: (number | undefined)[]): number {
  if (written <= PHONE_COLUMN) return -1;
  const fits = tried.findIndex((w) => w !== undefined && w <= PHONE_COLUMN);
  if (fits >= 0) return fits;
  let best = -1;
  for (const [i, w] of tried.entries()) if (w !== undefined && w < (best < 0 ? written : tried[best]!)) best = i;
  return best;
}
