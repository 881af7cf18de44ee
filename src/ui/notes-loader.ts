/**
 * reveal.js's notes plugin (the speaker view, <kbd>S</kbd>) carries the whole presenter window
 * with it, about a sixth of the first slide's script; a learner never opens it. This plugin
 * stands in for it until it is needed, and does what it did from the start:
 * - <kbd>S</kbd>, listed in the keyboard help as before, fetches it and opens the speaker view
 *   (a popup opened within the browser's few seconds of user activation after the key press);
 * - `?notes` in the address opens the speaker view at once, as the plugin does;
 * - a speaker view left open while the deck reloads sends a heartbeat each second: the first one
 *   fetches the plugin, which reconnects on the next, as it does.
 * The previews inside the speaker view (`?receiver`) never had the plugin's behaviour, nor this.
 */
import type { RevealApi, RevealPlugin } from 'reveal.js';

/** The notes plugin as reveal.js builds it: its id is `notes`, `open()` opens the speaker view. */
type NotesPlugin = RevealPlugin & { open(): void };

/** reveal.js's key code for S and the help's words for it, as the notes plugin registers them. */
const NOTES_KEY = { keyCode: 83, key: 'S', description: 'Speaker notes view' };

/** Whether a message is a speaker view's heartbeat (the notes plugin's protocol). */
function isHeartbeat(data: unknown): boolean {
  if (typeof data !== 'string' || !data.includes('reveal-notes')) return false;
  try {
    const message = JSON.parse(data) as { namespace?: unknown; type?: unknown } | null;
    return message?.namespace === 'reveal-notes' && message.type === 'heartbeat';
  } catch {
    return false;
  }
}

export function createNotesLoaderPlugin(load: () => Promise<() => NotesPlugin>, win: Window = window) {
  let stopListening = () => {};
  return {
    id: 'kit-notes-loader',
    init(deck: RevealApi) {
      if (/receiver/i.test(win.location.search)) return;
      let loading: Promise<NotesPlugin> | undefined;
      const notes = () =>
        (loading ??= load().then((create) => {
          const plugin = create();
          // Started at once (reveal.js is running): it binds S itself, in place of the binding below.
          deck.registerPlugin(plugin);
          return plugin;
        }));
      const fetchFailed = (error: unknown) => {
        loading = undefined;
        console.error(error);
      };
      if (/(\?|&)notes/i.test(win.location.search)) {
        notes().catch(fetchFailed);
        return;
      }
      deck.addKeyBinding(NOTES_KEY, () => {
        notes()
          .then((plugin) => plugin.open())
          .catch(fetchFailed);
      });
      const onMessage = (event: MessageEvent) => {
        if (!isHeartbeat(event.data)) return;
        stopListening();
        notes().catch(fetchFailed);
      };
      win.addEventListener('message', onMessage);
      stopListening = () => win.removeEventListener('message', onMessage);
    },
    destroy() {
      stopListening();
    },
  };
}
