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
});
