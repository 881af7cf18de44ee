// @vitest-environment jsdom
/**
 * The presenter's reveal key (issue 12): A where no letter is typed, Alt+A (Option+A on a Mac)
 * anywhere, so a teacher who typed the room's answer into a text box can still reveal it, and
 * the letter a still types.
 */
import { describe, expect, it } from 'vitest';
import { isRevealKey } from '../../../src/ui/quizzes.ts';

document.body.innerHTML = `<form>
  <input type="text" id="text"><input type="radio" id="radio"><input type="checkbox" id="box">
  <select id="list"><option>a</option></select><textarea id="area"></textarea>
  <div contenteditable="true" id="editable"><span id="inside">x</span></div>
  <button type="button" id="button">Check</button><h2 id="heading" tabindex="-1">Question</h2>
</form>`;
const at = (id: string) => document.getElementById(id)!;

type Key = Parameters<typeof isRevealKey>[0];
const press = (target: Element, key: string, mods: Partial<Key> = {}): boolean =>
  isRevealKey({ key, code: /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : '', altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, isComposing: false, target, ...mods });

describe('isRevealKey', () => {
  it('A reveals where a letter is not typed: the slide, a radio button, a checkbox, a button', () => {
    for (const id of ['heading', 'radio', 'box', 'button']) expect(press(at(id), 'a'), id).toBe(true);
    expect(press(document.body, 'a')).toBe(true);
    // Caps Lock on: still the A key.
    expect(press(document.body, 'A')).toBe(true);
  });

  it('A types the letter a into a text box, a text area, editable text, and jumps in a list', () => {
    for (const id of ['text', 'area', 'editable', 'inside', 'list']) expect(press(at(id), 'a'), id).toBe(false);
  });

  it('Alt+A reveals anywhere, a text box too; on a Mac Option+A is the key "å" in the place of A', () => {
    for (const id of ['text', 'area', 'editable', 'list', 'radio', 'heading']) expect(press(at(id), 'a', { altKey: true }), id).toBe(true);
    expect(press(at('text'), 'å', { altKey: true, code: 'KeyA' })).toBe(true);
  });

  it('leaves other keys and the browser’s shortcuts alone: Ctrl+A, Cmd+A, Shift+A, AltGr (Ctrl+Alt), a letter being composed', () => {
    expect(press(document.body, 'b')).toBe(false);
    expect(press(at('text'), 'a', { ctrlKey: true })).toBe(false);
    expect(press(document.body, 'a', { metaKey: true })).toBe(false);
    expect(press(document.body, 'A', { shiftKey: true })).toBe(false);
    expect(press(at('text'), 'ą', { ctrlKey: true, altKey: true, code: 'KeyA' })).toBe(false);
    expect(press(at('text'), 'a', { altKey: true, isComposing: true })).toBe(false);
    expect(press(at('text'), 'æ', { altKey: true, code: 'KeyQ' })).toBe(false);
  });
});
