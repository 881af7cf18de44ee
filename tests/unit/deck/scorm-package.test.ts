import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scorm12Manifest, scorm2004Manifest } from '../../../src/export/scorm.ts';
import { kit, PROJECT, type KitRun } from './run-kit.ts';

/**
 * The SCORM packages `kit export` writes, their manifests checked by the schemas themselves with
 * xmllint, read in place beside the project (`../shared/fixtures/`): SCORM 1.2 against ADL's
 * 1.2 schemas (IMS CP 1.1.2 and the adlcp extensions), SCORM 2004 against IMS CP 1.1.4, whose
 * `lax` wildcards let the ADL and IMS SS elements through unchecked (their schemas are not there).
 */
const FIXTURES = resolve(PROJECT, '../shared/fixtures');
const SCORM12_XSD = join(FIXTURES, 'scorm12-xsd/scorm12.xsd');
const CP_XSD = join(FIXTURES, 'qti-xsd/local-cp/imscp_v1p1.xsd');
const missing = spawnSync('xmllint', ['--version']).status !== 0 ? 'xmllint is not installed (Debian/Ubuntu: apt-get install libxml2-utils)' : !existsSync(SCORM12_XSD) ? `the SCORM schemas are not at ${FIXTURES}` : undefined;

const work = mkdtempSync(join(tmpdir(), 'kit-scorm-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** xmllint's complaints about a manifest against a schema; none when it validates. */
function complaints(schema: string, manifest: string): string[] {
  const file = join(work, `manifest-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, manifest);
  const run = spawnSync('xmllint', ['--nonet', '--noout', '--schema', schema, file], { encoding: 'utf8' });
  // libxml2 warns about the namespace of ims_xml.xsd and goes on (SOURCES.md says so).
  const lines = `${run.stdout}${run.stderr}`.split('\n').filter((line) => line.includes(file) && !line.endsWith(' validates'));
  if (run.status !== 0 && lines.length === 0) lines.push(`xmllint exited with ${run.status}: ${run.stderr}`);
  return lines;
}

const unzip = (file: string) => Object.fromEntries(Object.entries(unzipSync(readFileSync(file))).map(([path, bytes]) => [path, strFromU8(bytes)]));

describe('kit export: SCORM packages', () => {
  let run: KitRun;
  let section: KitRun;
  beforeAll(async () => {
    // The packages hold the built one-file deck.
    if (!existsSync(join(PROJECT, 'dist/modern-industrial-system-kit-offline.zh.html'))) expect((await kit(['build'])).status).toBe(0);
    run = await kit(['export', '--out', work]);
    section = await kit(['export', '--out', join(work, 'section'), '--lang', 'en', '--section', 'future']);
  }, 180_000);

  it('writes a 1.2 and a 2004 package per language, and says what each holds', () => {
    expect(run.status, run.stderr).toBe(0);
    for (const name of ['scorm-1.2.zip', 'scorm-2004.zip', 'scorm-1.2.zh.zip', 'scorm-2004.zh.zip']) expect(existsSync(join(work, name)), name).toBe(true);
    expect(run.stdout).toMatch(/scorm-1\.2\.zip: SCORM 1\.2 package of the whole deck \(en\)/);
  });

  it('holds the one-file deck as index.html, which launches it, with no link to a language the package lacks', () => {
    const zip = unzip(join(work, 'scorm-2004.zip'));
    expect(Object.keys(zip).sort()).toEqual(['imsmanifest.xml', 'index.html']);
    const offline = readFileSync(join(PROJECT, 'dist/modern-industrial-system-kit-offline.html'), 'utf8');
    expect(zip['index.html']!.length).toBeGreaterThan(offline.length * 0.99);
    expect(zip['index.html']).not.toMatch(/offline\.zh\.html|rel="alternate"/);
    expect(zip['imsmanifest.xml']).toMatch(/adlcp:scormType="sco" href="index\.html"/);
    expect(unzip(join(work, 'scorm-1.2.zip'))['imsmanifest.xml']).toMatch(/adlcp:scormtype="sco" href="index\.html"/);
  });

  it('--section packages one section, launched with ?section= and titled by it', () => {
    expect(section.status, section.stderr).toBe(0);
    const manifest = unzip(join(work, 'section', 'scorm-1.2.future.zip'))['imsmanifest.xml']!;
    expect(manifest).toContain('href="index.html?section=future"');
    expect(manifest).toContain("<title>Looking ahead: laying out future industries</title>");
  });

  it('without a built deck, says so and what to do, and still writes the quiz banks', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'kit-scorm-bare-'));
    for (const folder of ['slides', 'quizzes', 'assets']) cpSync(join(PROJECT, folder), join(bare, folder), { recursive: true });
    cpSync(join(PROJECT, 'package.json'), join(bare, 'package.json'));
    const result = await kit(['export', '--lang', 'en'], bare);
    rmSync(bare, { recursive: true, force: true });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/scorm: no SCORM package written: dist\/modern-industrial-system-kit-offline\.html is not built yet; run `npm run build`, then this command again/);
    expect(result.stdout).toMatch(/qti\.zip: \d+ of \d+ questions/);
  });

  it('refuses a section the deck does not have, naming the ones it has', async () => {
    const wrong = await kit(['export', '--out', join(work, 'wrong'), '--section', 'nowhere']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/--section nowhere is not a section of this deck; its sections are .*traditional/);
  });

  describe.skipIf(missing)('manifests, against the schemas', () => {
    it('SCORM 1.2: every package validates against ADL SCORM 1.2 (IMS CP 1.1.2 and adlcp)', () => {
      for (const file of ['scorm-1.2.zip', 'scorm-1.2.zh.zip', 'section/scorm-1.2.future.zip']) expect(complaints(SCORM12_XSD, unzip(join(work, file))['imsmanifest.xml']!), file).toEqual([]);
    });

    it('SCORM 2004: every package validates against IMS CP 1.1.4', () => {
      for (const file of ['scorm-2004.zip', 'scorm-2004.zh.zip', 'section/scorm-2004.future.zip']) expect(complaints(CP_XSD, unzip(join(work, file))['imsmanifest.xml']!), file).toEqual([]);
    });

    it('the check is real: a manifest with a SCO type SCORM 1.2 does not have, or without resources, is refused', () => {
      const info = { identifier: 'kit-x', title: 'A & B <test>' };
      expect(complaints(SCORM12_XSD, scorm12Manifest(info).replace('scormtype="sco"', 'scormtype="lesson"'))).not.toEqual([]);
      expect(complaints(CP_XSD, scorm2004Manifest(info).replace(/<resources>[\s\S]*<\/resources>/, ''))).not.toEqual([]);
      // A title with markup characters is escaped, and still validates.
      expect(complaints(SCORM12_XSD, scorm12Manifest(info))).toEqual([]);
    });
  });
});
