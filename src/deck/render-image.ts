/**
 * Images in slides (and quiz texts): each needs alt text, lives in the project (the deck, and
 * above all its one-file offline copy, makes no request), and exists. Problems are reported at
 * the image's line. A path is written relative to the Markdown file, as editors preview it,
 * and rewritten relative to index.html, so Vite bundles the file.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import type { MarkdownIt, Token } from 'markdown-it';
import type { RenderEnv } from './render-env.ts';

/** An address with a scheme (`https:`, `ftp:`…) or protocol-relative (`//host/…`): not a file of the project. */
const RE_REMOTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/** Gives each image token the line of the file it is on: its block's first line plus the line breaks before it. */
function markImageLines(tokens: Token[], env: RenderEnv): void {
  for (const token of tokens) {
    if (token.type !== 'inline' || !token.children) continue;
    let line = env.line + (token.map?.[0] ?? 0);
    for (const child of token.children) {
      if (child.type === 'softbreak' || child.type === 'hardbreak') line++;
      else if (child.type === 'image') child.meta = { ...child.meta, line };
    }
  }
}

/** markdown-it plugin: checks every image and points its `src` at the file from the project root. */
export function imagePlugin(md: MarkdownIt, { root }: { root: string }): void {
  md.core.ruler.push('kit_image_lines', (state) => markImageLines(state.tokens, state.env as RenderEnv));
  const image = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, i, options, renderEnv, self) => {
    const env = renderEnv as unknown as RenderEnv;
    const token = tokens[i]!;
    const src = String(token.attrGet('src') ?? '');
    const line = (token.meta as { line?: number } | null)?.line ?? env.line;
    const problem = (message: string) => env.issues.push({ file: env.file, line, message });
    if (token.content.trim() === '') {
      problem(`the image ${src} has no alt text: write what it shows between the brackets, ![like this](${src || 'file.png'})`);
    }
    if (RE_REMOTE.test(src) && !src.startsWith('data:')) {
      problem(`the image ${src} is on the internet, and the deck (and its offline file) makes no request: download it into the project (e.g. assets/images/) and write its path here`);
    } else if (!src.startsWith('data:')) {
      let path = src.replace(/[?#].*$/, '');
      try {
        path = decodeURI(path);
      } catch {
        // A malformed %-escape: look for the path as written.
      }
      const file = path.startsWith('/') ? resolve(root, '.' + path) : resolve(root, dirname(env.file), path);
      const shown = relative(root, file).split(sep).join('/');
      if (file !== root && !file.startsWith(root + sep)) problem(`the image ${src} is outside the project: move it into it (e.g. assets/images/) and write its path from this file`);
      else if (!existsSync(file) || !statSync(file).isFile()) problem(`the image ${src} is not found (looked for ${shown}): write its path from this file, e.g. ../assets/images/chart.png`);
      else token.attrSet('src', `./${shown}`);
    }
    return image(tokens, i, options, renderEnv, self);
  };
}
