import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { toQti } from '../quiz/index.ts';
import { readArgs } from './args.ts';
import { bankAsGift, readCheckedQuizzes } from './gift.ts';
import { shownPath, terminal, type Output } from './output.ts';
import { DEFAULT_LANG, deckLanguages, inLanguage } from '../deck/languages.ts';
import { readSections } from '../deck/build-deck.ts';
import { scormPackage, type ScormPackageVersion } from '../export/scorm.ts';

const USAGE = 'usage: npm run kit -- export [--out <dir>] [--lang <code>] [--section <id>]';

/** The package's title in the QTI manifest, by language; a language without one gets the English. */
const QTI_TITLES: Record<string, string> = { en: 'Modern industrial system: quiz bank', zh: '现代化产业体系：题库' };

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * `kit export [--out <dir>] [--lang <code>]`: the deck's quiz banks for LMSs, `quizzes.gift`
 * for Moodle and `qti.zip` (IMS QTI 2.1) for Canvas, Blackboard and others, in `dist/export/`
 * by default; one pair per language (`quizzes.zh.gift`, `qti.zh.zip`), or only `--lang`'s.
 * Prints every question a format left out or holds approximately, then a count per format.
 */
export async function runExport(args: string[], root = process.cwd(), out: Output = terminal): Promise<number> {
  const parsed = readArgs('export', args, { options: { out: { type: 'string' }, lang: { type: 'string' }, section: { type: 'string' } }, usage: USAGE }, out);
  if ('exit' in parsed) return parsed.exit;
  const languages = deckLanguages(root);
  const wanted = parsed.values.lang;
  if (wanted !== undefined && !languages.includes(wanted)) {
    out.error(`export: --lang ${wanted} is not a language of this deck; it has ${languages.join(', ')} (one assets/i18n/<code>.json each)`);
    return 2;
  }
  const section = parsed.values.section;
  const sections = readSections(root).sections;
  if (section !== undefined && !sections.some((s) => s.id === section)) {
    out.error(`export: --section ${section} is not a section of this deck; its sections are ${sections.map((s) => s.id).join(', ')} (the id: in each slides/*.md front matter)`);
    return 2;
  }
  const dir = resolve(root, parsed.values.out ?? 'dist/export');
  mkdirSync(dir, { recursive: true });
  const chosen = wanted ? [wanted] : languages;
  const name = packageName(root);
  for (const lang of chosen) {
    exportLanguage(root, dir, lang, out);
    // The SCORM packages hold the one-file deck, which the build writes (in seconds, but not
    // behind the back of a command that writes quiz banks).
    const offline = offlineFile(root, name, lang);
    if (existsSync(offline)) {
      const newer = newerThan(root, statSync(offline).mtimeMs);
      if (newer) out.error(`scorm${lang === DEFAULT_LANG ? '' : ` (${lang})`}: warning: ${newer} changed after the deck was built; the package holds the deck as built: run \`npm run build\`, then this command again`);
      exportScorm(root, dir, lang, section, out);
    }
    else out.log(`scorm${lang === DEFAULT_LANG ? '' : ` (${lang})`}: no SCORM package written: ${shownPath(root, offline)} is not built yet; run \`npm run build\`, then this command again`);
  }
  return 0;
}

const packageName = (root: string) => (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string }).name;
/** The first file of the deck's content changed after `time`, if any: the package would hold an older deck than the banks. */
function newerThan(root: string, time: number): string | undefined {
  for (const folder of ['slides', 'quizzes', 'assets/i18n']) {
    const dir = join(root, folder);
    if (!existsSync(dir)) continue;
    const file = readdirSync(dir).find((f) => statSync(join(dir, f)).mtimeMs > time);
    if (file) return `${folder}/${file}`;
  }
  return undefined;
}

const offlineFile = (root: string, name: string, lang: string) => join(root, 'dist', inLanguage(`${name}-offline.html`, lang));

/**
 * The deck of one language as SCORM 1.2 and 2004 packages, `scorm-1.2.zip` and
 * `scorm-2004.zip` (`scorm-1.2.zh.zip`…), or of one section with its quiz
 * (`scorm-1.2.<section>.zip`), titled by that section.
 */
function exportScorm(root: string, dir: string, lang: string, section: string | undefined, out: Output): void {
  const name = packageName(root);
  const page = readFileSync(offlineFile(root, name, lang), 'utf8');
  const deckTitle = /<title>([^<]*)<\/title>/.exec(page)?.[1] ?? name;
  const sectionTitle = section === undefined ? undefined : readSections(root, lang).sections.find((s) => s.id === section)?.title;
  const title = sectionTitle ?? unescapeXml(deckTitle);
  const identifier = ['kit', name, lang, section].filter(Boolean).join('-').replace(/[^\w.-]/g, '_');
  for (const version of ['1.2', '2004'] as ScormPackageVersion[]) {
    const file = join(dir, inLanguage(`scorm-${version}${section ? `.${section}` : ''}.zip`, lang));
    writeFileSync(file, scormPackage(version, { identifier, title, ...(section ? { section } : {}) }, page));
    out.log(`${shownPath(root, file)}: SCORM ${version} package of ${section ? `section "${section}" and its quiz` : 'the whole deck'} (${lang}), "${title}".`);
  }
}

/** A title as the page's `<title>` escaped it, back to text (the manifest escapes it again). */
const unescapeXml = (text: string) => text.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The GIFT and QTI banks of one language, named `quizzes.gift` and `qti.zip` with the language's code before the extension (`inLanguage`). */
function exportLanguage(root: string, dir: string, lang: string, out: Output): void {
  const quizzes = readCheckedQuizzes(root, lang);
  const shown = (file: string): string => shownPath(root, file);
  const total = quizzes.reduce((n, quiz) => n + quiz.questions.length, 0);
  const tag = lang === DEFAULT_LANG ? '' : ` (${lang})`;

  const gift = bankAsGift(quizzes, lang);
  const giftFile = join(dir, inLanguage('quizzes.gift', lang));
  writeFileSync(giftFile, gift.text);

  const qti = toQti(quizzes, { title: QTI_TITLES[lang] ?? QTI_TITLES[DEFAULT_LANG], lang });
  const zipFile = join(dir, inLanguage('qti.zip', lang));
  const entries = Object.fromEntries(Object.entries(qti.files).map(([path, xml]) => [path, strToU8(xml)]));
  writeFileSync(zipFile, zipSync(entries, { level: 9 }));

  for (const note of gift.notes) out.log(`gift${tag}: ${note}`);
  for (const s of qti.skipped) out.log(`qti${tag}: left out ${s.quizId}/${s.questionId}: ${s.reason}`);
  for (const a of qti.approximated) out.log(`qti${tag}: approximated ${a.quizId}/${a.questionId}: ${a.reason}`);
  for (const note of qti.notes) out.log(`qti${tag}: note: ${note}`);

  const giftLeftOut = gift.notes.filter((note) => note.startsWith('left out')).length;
  const tests = Object.keys(qti.files).filter((path) => path.startsWith('tests/')).length;
  out.log(`${shown(giftFile)}: ${total - giftLeftOut} of ${total} questions written as GIFT (Moodle).`);
  out.log(
    `${shown(zipFile)}: ${total - qti.skipped.length} of ${total} questions written as QTI 2.1 items, in ${plural(tests, 'test')}` +
      `${qti.approximated.length ? ` (${qti.approximated.length} approximated)` : ''}.`,
  );
}
