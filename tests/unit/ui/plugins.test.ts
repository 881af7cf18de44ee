// @vitest-environment jsdom
/**
 * Layout, motion, contrast and accessibility are reveal.js plugins: `{ id, init(deck), destroy() }`,
 * each built for one deck (two decks share nothing), and `destroy` stops them following the screen.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RevealApi } from 'reveal.js';
import { createAccessibilityPlugin } from '../../../src/ui/accessibility.ts';
import { createContrastPlugin, HIGH_CONTRAST_CLASS } from '../../../src/ui/contrast.ts';
import { createLayoutPlugin } from '../../../src/ui/layout.ts';
import { createMotionPlugin } from '../../../src/ui/motion.ts';
import { createStrings } from '../../../src/i18n/strings.ts';
import { ENGLISH } from '../../../src/i18n/english.ts';

const t = createStrings(ENGLISH);

/** A media query whose answer the test changes, as a phone turned or a setting switched would. */
function fakeMedia(matches: boolean) {
  const listeners = new Set<() => void>();
  return {
    matches,
    addEventListener: (_: string, listener: () => void) => void listeners.add(listener),
    removeEventListener: (_: string, listener: () => void) => void listeners.delete(listener),
    set(value: boolean) {
      this.matches = value;
      listeners.forEach((listener) => listener());
    },
    get listening() {
      return listeners.size;
    },
  };
}

/** The parts of reveal.js's API the plugins use, recording what they ask of it. */
function fakeDeck(config: Record<string, unknown> = {}) {
  const configured: Record<string, unknown>[] = [];
  const keys = new Map<number, () => void>();
  const plugins = new Map<string, unknown>();
  const deck = {
    configured,
    keys,
    configure: (options: Record<string, unknown>) => void configured.push(options),
    getConfig: () => config,
    on() {},
    off() {},
    isReady: () => false,
    addKeyBinding: (binding: { keyCode: number }, run: () => void) => void keys.set(binding.keyCode, run),
    removeKeyBinding: (keyCode: number) => void keys.delete(keyCode),
    getPlugin: (id: string) => plugins.get(id),
    plugins,
  };
  return deck as typeof deck & RevealApi;
}

afterEach(() => document.documentElement.removeAttribute('class'));

describe('our reveal.js plugins', () => {
  it('each has an id, an init and a destroy, and a new one per deck', () => {
    const make = [() => createLayoutPlugin(fakeMedia(false) as never), () => createMotionPlugin(fakeMedia(false) as never), () => createContrastPlugin(t, fakeMedia(false) as never), () => createAccessibilityPlugin(t)];
    for (const create of make) {
      const [a, b] = [create(), create()];
      expect(a).not.toBe(b);
      expect(typeof a.id).toBe('string');
      expect(typeof a.init).toBe('function');
      expect(typeof a.destroy).toBe('function');
    }
  });

  it('layout: a phone gets the narrow slide, a turn changes it, destroy stops following', () => {
    const media = fakeMedia(true);
    const deck = fakeDeck();
    const layout = createLayoutPlugin(media as never);
    layout.init(deck);
    expect(deck.configured.at(-1)).toMatchObject({ width: 640, height: 900 });
    expect(document.documentElement.classList.contains('kit-phone')).toBe(true);
    media.set(false);
    expect(deck.configured.at(-1)).toMatchObject({ width: 1280, height: 720 });
    layout.destroy();
    expect(media.listening).toBe(0);
  });

  it('motion: reduced motion turns off the transition asked for, and gives it back when the setting changes', () => {
    const media = fakeMedia(true);
    const deck = fakeDeck({ transition: 'fade', backgroundTransition: 'none' });
    const motion = createMotionPlugin(media as never);
    motion.init(deck);
    expect(deck.configured.at(-1)).toEqual({ transition: 'none', backgroundTransition: 'none' });
    media.set(false);
    expect(deck.configured.at(-1)).toEqual({ transition: 'fade', backgroundTransition: 'none' });
    motion.destroy();
    expect(media.listening).toBe(0);
  });

  it('contrast: follows the system, C switches it and says so through the accessibility plugin', () => {
    const media = fakeMedia(true);
    const deck = fakeDeck();
    const said: string[] = [];
    deck.plugins.set('kit-accessibility', { announce: (text: string) => said.push(text) });
    const contrast = createContrastPlugin(t, media as never);
    contrast.init(deck);
    expect(document.documentElement.classList.contains(HIGH_CONTRAST_CLASS)).toBe(true);
    deck.keys.get(67)!();
    expect(document.documentElement.classList.contains(HIGH_CONTRAST_CLASS)).toBe(false);
    expect(said).toEqual(['High contrast off']);
    expect(location.search).toContain('contrast=normal');
    contrast.destroy();
    expect(deck.keys.has(67)).toBe(false);
    expect(media.listening).toBe(0);
  });
});
