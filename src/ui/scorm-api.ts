import type { ScormVersion } from './scorm-report.ts';

/** SCORM 1.2's run-time API, as an LMS puts it on a window (`window.API`). */
export interface Scorm12Api {
  LMSInitialize(arg: ''): string;
  LMSFinish(arg: ''): string;
  LMSGetValue(name: string): string;
  LMSSetValue(name: string, value: string): string;
  LMSCommit(arg: ''): string;
  LMSGetLastError(): string | number;
}

/** SCORM 2004's run-time API (`window.API_1484_11`). */
export interface Scorm2004Api {
  Initialize(arg: ''): string;
  Terminate(arg: ''): string;
  GetValue(name: string): string;
  SetValue(name: string, value: string): string;
  Commit(arg: ''): string;
  GetLastError(): string | number;
}

export type FoundApi = { version: '2004'; api: Scorm2004Api } | { version: '1.2'; api: Scorm12Api };

/** How far up the frames the search goes: the standard algorithm's limit (ADL's sample code stops at 7). */
const MAX_PARENTS = 7;

/** The API on one window, 2004's first; a window of another origin cannot be read and has none for us. */
function apiOn(win: Window): FoundApi | undefined {
  try {
    const w = win as unknown as { API_1484_11?: Scorm2004Api; API?: Scorm12Api };
    if (w.API_1484_11) return { version: '2004', api: w.API_1484_11 };
    if (w.API) return { version: '1.2', api: w.API };
  } catch {
    // A cross-origin frame: reading it throws.
  }
  return undefined;
}

/** A window's parent, or none at the top (or where the browser will not say). */
function parentOf(win: Window): Window | undefined {
  try {
    return win.parent === win ? undefined : win.parent;
  } catch {
    return undefined;
  }
}

/** The API of a window's frame chain: itself, then up to seven parents. */
function searchUp(start: Window): FoundApi | undefined {
  let win: Window | undefined = start;
  for (let level = 0; win && level <= MAX_PARENTS; level++) {
    const found = apiOn(win);
    if (found) return found;
    win = parentOf(win);
  }
  return undefined;
}

/**
 * The SCORM run-time API an LMS offers the deck, found the standard way: this window and its
 * parents (the LMS's player frames the SCO), then the window that opened it (an LMS that opens
 * the SCO in a new window) and that window's parents. None when the deck is opened on its own.
 */
export function findScormApi(win: Window = window): FoundApi | undefined {
  return searchUp(win) ?? (win.opener ? searchUp(win.opener as Window) : undefined);
}

export type { ScormVersion };
