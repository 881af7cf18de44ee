import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOfflineDeck } from '../../../src/export/offline.ts';

describe('the one-file offline deck', () => {
  it('carries its styles, script, icon and slide images inside itself, so it makes no request', () => {
    const dist = mkdtempSync(join(tmpdir(), 'kit-offline-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'assets/main.css'), 'body{background:url(./bg.png)}');
    writeFileSync(join(dist, 'assets/bg.png'), 'png');
    writeFileSync(join(dist, 'assets/main.js'), 'console.log("</script>", `<img src="${e}">`)');
    writeFileSync(join(dist, 'assets/icon.svg'), '<svg/>');
    writeFileSync(join(dist, 'assets/chart-1234.png'), 'chart');
    writeFileSync(
      join(dist, 'index.html'),
      [
        '<link rel="icon" href="./assets/icon.svg" type="image/svg+xml">',
        '<link rel="preload" href="./assets/font-1234.woff2" as="font" type="font/woff2" crossorigin>',
        '<link rel="stylesheet" crossorigin href="./assets/main.css">',
        '<script type="module" crossorigin src="./assets/main.js"></script>',
        '<section><img src="./assets/chart-1234.png" alt="A chart"><img src="data:image/png;base64,AA==" alt="A dot"></section>',
      ].join('\n'),
    );
    const { file } = writeOfflineDeck(dist, 'deck');
    const html = readFileSync(file, 'utf8');
    expect(html).toContain(`<img src="data:image/png;base64,${Buffer.from('chart').toString('base64')}" alt="A chart">`);
    expect(html).toContain('<img src="data:image/png;base64,AA==" alt="A dot">');
    expect(html).not.toMatch(/(?:src|href)="\.\//); // the font preload too: its font is inlined with the styles
    expect(html).not.toContain('url(./');
    expect(html).toContain('<\\/script>');
    expect(html).toContain('`<img src="${e}">`'); // the script's own text is left alone
  });

  it('writes a file per language with only the font parts its text uses, its switch leading to the other file', () => {
    const dist = mkdtempSync(join(tmpdir(), 'kit-offline-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'assets/latin.woff2'), 'latin');
    writeFileSync(join(dist, 'assets/zh-1.woff2'), 'part one');
    writeFileSync(join(dist, 'assets/zh-2.woff2'), 'part two');
    writeFileSync(
      join(dist, 'assets/main.css'),
      [
        '@font-face{font-family:"Atkinson";src:url(./latin.woff2) format("woff2");unicode-range:U+20-7E}',
        // 中 and the zero-width space, which every part's range holds and no page needs a part for.
        '@font-face{font-family:"Noto";src:url(./zh-1.woff2) format("woff2");unicode-range:U+200B,U+4E2D}',
        '@font-face{font-family:"Noto";src:url(./zh-2.woff2) format("woff2");unicode-range:U+200B,U+5EFA-5EFB}',
      ].join(''),
    );
    writeFileSync(join(dist, 'assets/main.js'), 'x');
    const page = (lang: string, text: string) =>
      `<html lang="${lang}"><link rel="alternate" hreflang="en" href="index.html"><link rel="alternate" hreflang="zh" href="index.zh.html"><link rel="stylesheet" href="./assets/main.css"><script type="module" src="./assets/main.js"></script><nav><a href="${lang === 'en' ? 'index.zh.html' : 'index.html'}">switch</a></nav><p>${text}\u200b</p>`;
    writeFileSync(join(dist, 'index.html'), page('en', 'Building 中'));
    writeFileSync(join(dist, 'index.zh.html'), page('zh', '建设 中'));
    const en = readFileSync(writeOfflineDeck(dist, 'deck', 'en', ['en', 'zh']).file, 'utf8');
    const zh = readFileSync(writeOfflineDeck(dist, 'deck', 'zh', ['en', 'zh']).file, 'utf8');
    const inlined = (html: string, content: string) => html.includes(Buffer.from(content).toString('base64'));
    expect([inlined(en, 'latin'), inlined(en, 'part one'), inlined(en, 'part two')]).toEqual([true, true, false]);
    expect([inlined(zh, 'latin'), inlined(zh, 'part one'), inlined(zh, 'part two')]).toEqual([true, true, true]);
    expect(en).toContain('<a href="deck-offline.zh.html">');
    expect(zh).toContain('<a href="deck-offline.html">');
    expect(zh).toContain('hreflang="en" href="deck-offline.html"');
  });

  it('holds every chunk the deck fetches when needed, each once (its code runs once), through an import map', () => {
    const dist = mkdtempSync(join(tmpdir(), 'kit-offline-'));
    mkdirSync(join(dist, 'assets'));
    // The deck's script, the code it shares with its quiz chunk, the quiz chunk (and Vite's preload list), the teacher's panel.
    writeFileSync(join(dist, 'assets/shared-1.js'), 'export const shared = "50% #1\n";');
    writeFileSync(join(dist, 'assets/quizzes-2.js'), 'import{shared as s}from"./shared-1.js";export const quiz = s;');
    writeFileSync(
      join(dist, 'assets/index-3.js'),
      'import{shared}from"./shared-1.js";const q=()=>v(()=>import(`./quizzes-2.js`),__vite__mapDeps([0,1]),import.meta.url);const p=()=>import(`./teacher-panel-4.js`);',
    );
    writeFileSync(join(dist, 'index.html'), '<script type="module" crossorigin src="./assets/index-3.js"></script>');
    const html = readFileSync(writeOfflineDeck(dist, 'deck').file, 'utf8');
    const map = JSON.parse(/<script type="importmap">([^<]*)<\/script>\s*<script type="module">/.exec(html)![1]!) as { imports: Record<string, string> };
    const text = (url: string) => decodeURIComponent(url.replace(/^data:text\/javascript,/, ''));
    expect(Object.keys(map.imports).sort()).toEqual(['@kit/quizzes-2.js', '@kit/shared-1.js']);
    expect(text(map.imports['@kit/shared-1.js']!)).toBe('export const shared = "50% #1\n";');
    expect(text(map.imports['@kit/quizzes-2.js']!)).toBe('import{shared as s}from"@kit/shared-1.js";export const quiz = s;');
    // Once in the file, whoever imports it.
    expect(html.split('export const shared').length - 1).toBe(1);
    // The deck's script asks for its chunks by the map's names; the panel runs only from the classroom server.
    expect(html).toContain('import{shared}from"@kit/shared-1.js"');
    expect(html).toContain('import(`@kit/quizzes-2.js`),[]');
    expect(html).toContain('import(`./teacher-panel-4.js`)');
  });
});
