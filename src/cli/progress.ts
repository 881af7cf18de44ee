import { buildDecks, type BuiltDeck } from '../deck/build-deck.ts';
import { terminal, type Output } from './output.ts';

export interface ProgressOptions {
  /**
   * Whether stdout is a terminal, where the bar can be redrawn in place; by default, when the
   * output is the terminal and `process.stdout.isTTY` (a test's lists get plain lines).
   */
  tty?: boolean;
  /** Writes without a newline (the bar); `process.stdout.write` by default. */
  write?: (text: string) => void;
  /** Cells in the bar. */
  width?: number;
}

/**
 * How far a long command is, as Vite and Playwright show it. On a terminal: one line, a bar
 * redrawn in place (`printing [#####.....] 3/8 handout.pdf (en)`), each finished item's own line
 * (if it has one) printed above it, and the bar cleared at the end. Elsewhere (CI, pipes, tests):
 * one plain line per finished item, as it finishes. Plain text, no colours.
 */
export class Progress {
  private done = 0;
  private shown = 0;
  private readonly tty: boolean;
  private readonly write: (text: string) => void;
  private readonly width: number;

  constructor(
    private readonly out: Output,
    private readonly title: string,
    private readonly total: number,
    options: ProgressOptions = {},
  ) {
    this.tty = options.tty ?? (out === terminal && process.stdout.isTTY === true);
    this.write = options.write ?? ((text) => void process.stdout.write(text));
    this.width = options.width ?? 20;
  }

  /** The work starts: on a terminal, the empty bar (`0/<total>`), so that the wait before the first item shows. */
  start(): void {
    if (this.tty) this.draw('');
  }

  /**
   * One item finished: `name` shows in the bar; `line`, when given, is what stays of it (off a
   * terminal, `<title>: <n>/<total> <name>` stays when there is no line).
   */
  step(name: string, line?: string): void {
    this.done++;
    if (!this.tty) {
      this.out.log(line ?? `${this.title}: ${this.done}/${this.total} ${name}`);
      return;
    }
    if (line !== undefined) {
      this.clear();
      this.out.log(line);
    }
    this.draw(name);
  }

  /** The work is over: the bar goes, so that the command's summary starts on a clean line. */
  finish(): void {
    if (this.tty) this.clear();
  }

  private draw(name: string): void {
    const filled = this.total > 0 ? Math.round((this.done / this.total) * this.width) : this.width;
    const bar = `${this.title} [${'#'.repeat(filled)}${'.'.repeat(this.width - filled)}] ${this.done}/${this.total}${name ? ` ${name}` : ''}`;
    this.write(`\r${bar}${' '.repeat(Math.max(0, this.shown - bar.length))}`);
    this.shown = bar.length;
  }

  private clear(): void {
    if (this.shown > 0) this.write(`\r${' '.repeat(this.shown)}\r`);
    this.shown = 0;
  }
}

/**
 * The decks (`buildDecks`), each diagram missing from the cache reported as it is drawn (a bar
 * on a terminal, a line each elsewhere); nothing extra when all come from the cache.
 */
export async function buildDecksShowingDiagrams(root: string, out: Output, progress: ProgressOptions = {}): Promise<BuiltDeck[]> {
  let drawing: Progress | undefined;
  try {
    return await buildDecks(root, {
      onDiagramDrawn: (done, total, name) => {
        if (done === 0) return (drawing = new Progress(out, 'drawing diagrams', total, progress)).start();
        drawing?.step(name);
        if (done === total) drawing = void drawing?.finish();
      },
    });
  } finally {
    drawing?.finish();
  }
}
