/**
 * Who a results file is for and when it was downloaded: the learner's name as it is kept and
 * written, the file name a download gets (`results-ann-lee-2026-03-01.csv`) and the local time
 * written into the file. The browser and `kit results` both use these, so a teacher's table and
 * a learner's file agree.
 */

/** The longest name kept, in characters; the name field of the results slide allows as many. */
export const NAME_MAX = 80;
/** The longest name part of a file name, in characters: enough for a given name and a family name. */
const SLUG_MAX = 40;

const RE_SPACES = /\s+/gu;
const RE_CONTROL = /\p{Cc}/gu;
/** Anything but letters (with their accents and vowel signs, of any script) and digits. */
const RE_NOT_NAME = /[^\p{L}\p{M}\p{N}]+/gu;
const RE_EDGE_DASHES = /^-+|-+$/g;
const RE_DATE = /^\d{4}-\d{2}-\d{2}/;

/**
 * A name as typed, made fit to keep and write: composed (NFC), runs of spaces made one, control
 * characters dropped, trimmed, at most `NAME_MAX` characters. '' means no name.
 * @example cleanName('  Ann \n Lee ') // 'Ann Lee'
 */
export function cleanName(name: string): string {
  const clean = name.normalize('NFC').replace(RE_SPACES, ' ').replace(RE_CONTROL, '').trim();
  return [...clean].slice(0, NAME_MAX).join('').trim();
}

/**
 * A name as part of a file name: lower case, letters of any script kept as written (unlike an
 * id's slug, accents and vowel signs stay: a file name is read, not compared), anything else
 * (spaces, slashes, dots, quotes) made one `-`, at most 40 characters.
 * @example nameSlug('Ann O’Neil') // 'ann-o-neil'
 * @example nameSlug('王小明') // '王小明'
 */
export function nameSlug(name: string): string {
  const slug = cleanName(name).toLowerCase().replace(RE_NOT_NAME, '-').replace(RE_EDGE_DASHES, '');
  return [...slug].slice(0, SLUG_MAX).join('').replace(RE_EDGE_DASHES, '');
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A time as ISO 8601 in the local time of the device, with its offset
 * (`2026-03-01T17:05:00+08:00`): the date in it is the learner's own date, which a UTC time
 * (`…T09:05:00Z`) would not always be. `offsetMinutes` is as `Date#getTimezoneOffset` gives it.
 * @example localIsoTime(new Date('2026-03-01T09:05:00Z'), -480) // '2026-03-01T17:05:00+08:00'
 */
export function localIsoTime(date: Date, offsetMinutes = date.getTimezoneOffset()): string {
  const local = new Date(date.getTime() - offsetMinutes * 60_000);
  const offset = Math.abs(offsetMinutes);
  return `${local.toISOString().slice(0, 19)}${offsetMinutes > 0 ? '-' : '+'}${pad(Math.floor(offset / 60))}:${pad(offset % 60)}`;
}

/** The date (`YYYY-MM-DD`) an ISO time starts with, or '' when it starts with none. */
export function dateOf(time: string | undefined): string {
  return RE_DATE.exec(time ?? '')?.[0] ?? '';
}

/**
 * The name of a downloaded results file: `results-<name>-<date>.<ext>`, or `results-<date>.<ext>`
 * without a name; the date is that of `exported` (the local time the file was made).
 * @example resultsFileName('Ann Lee', '2026-03-01T17:05:00+08:00', 'csv') // 'results-ann-lee-2026-03-01.csv'
 */
export function resultsFileName(name: string, exported: string, ext: 'json' | 'csv'): string {
  return [`results`, nameSlug(name), dateOf(exported)].filter(Boolean).join('-') + `.${ext}`;
}
