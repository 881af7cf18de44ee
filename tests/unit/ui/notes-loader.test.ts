/**
 * The speaker view's code (reveal.js's notes plugin) is fetched when first needed; the presenter
 * notices nothing: S is in the help and opens it at the first press, `?notes` opens it at once,
 * and a speaker view left open across a reload finds the deck again.
 */
import { describe, expect, it, vi } from 'vitest';
import type { RevealApi } from 'reveal.js';
import { createNotesLoaderPlugin } from '../../../src/ui/notes-loader.ts';

/** A window with an address and message listeners the test can call. */
function fakeWindow(search = '') {
  const listeners = new Set<(event: MessageEvent) => void>();
  return {
    location: { search },
    addEventListener: (_: string, listener: (event: MessageEvent) => void) => void listeners.add(listener),
    removeEventListener: (_: string, listener: (event: MessageEvent) => void) => void listeners.delete(listener),
    post: (data: unknown) => listeners.forEach((listener) => listener({ data } as MessageEvent)),
    listeners,
  };
}

/** The parts of reveal.js the loader uses: key bindings and late plugin registration. */
function fakeDeck() {
  const keys = new Map<number, { key: string; description: string; run: () => void }>();
  const registered: string[] = [];
  const deck = {
    keys,
    registered,
    addKeyBinding: (binding: { keyCode: number; key: string; description: string }, run: () => void) => void keys.set(binding.keyCode, { ...binding, run }),
    registerPlugin: (plugin: { id: string }) => void registered.push(plugin.id),
  };
  return deck as typeof deck & RevealApi;
}

/** The notes plugin as its chunk gives it, counting how often it is fetched and opened. */
function fakeNotes() {
  const open = vi.fn();
  const load = vi.fn(async () => () => ({ id: 'notes', init() {}, open }));
  return { open, load };
}

const flush = () => new Promise((done) => setTimeout(done, 0));

describe('the speaker view, fetched when first needed', () => {
  it('S is listed in the help from the start, and its first press fetches the notes plugin and opens the speaker view', async () => {
    const win = fakeWindow();
    const deck = fakeDeck();
    const notes = fakeNotes();
    createNotesLoaderPlugin(notes.load, win as never).init(deck);
    expect(deck.keys.get(83)).toMatchObject({ key: 'S', description: 'Speaker notes view' });
    expect(notes.load).not.toHaveBeenCalled();
    deck.keys.get(83)!.run();
    await flush();
    expect(deck.registered).toEqual(['notes']);
    expect(notes.open).toHaveBeenCalledTimes(1);
    deck.keys.get(83)!.run();
    await flush();
    expect(notes.load).toHaveBeenCalledTimes(1);
    expect(deck.registered).toEqual(['notes']);
  });

  it("a speaker view left open across a reload: its heartbeat fetches the plugin, which reconnects on the next (other messages do nothing)", async () => {
    const win = fakeWindow();
    const deck = fakeDeck();
    const notes = fakeNotes();
    createNotesLoaderPlugin(notes.load, win as never).init(deck);
    win.post(JSON.stringify({ namespace: 'reveal-notes', type: 'state' }));
    win.post('not json');
    await flush();
    expect(notes.load).not.toHaveBeenCalled();
    win.post(JSON.stringify({ namespace: 'reveal-notes', type: 'heartbeat' }));
    await flush();
    expect(deck.registered).toEqual(['notes']);
    expect(notes.open).not.toHaveBeenCalled();
    expect(win.listeners.size).toBe(0);
  });

  it('?notes fetches it at once (the plugin opens the view itself); the previews inside the speaker view (?receiver) never do', async () => {
    const asked = fakeNotes();
    const deck = fakeDeck();
    createNotesLoaderPlugin(asked.load, fakeWindow('?notes') as never).init(deck);
    await flush();
    expect(deck.registered).toEqual(['notes']);
    const preview = fakeNotes();
    const copy = fakeDeck();
    const win = fakeWindow('?receiver&progress=false');
    createNotesLoaderPlugin(preview.load, win as never).init(copy);
    win.post(JSON.stringify({ namespace: 'reveal-notes', type: 'heartbeat' }));
    await flush();
    expect([preview.load.mock.calls.length, copy.keys.size, copy.registered.length]).toEqual([0, 0, 0]);
  });
});
