import { resolve } from 'node:path';
import { runKit } from '../../../src/cli/commands.ts';

/** The project itself. */
export const PROJECT = resolve(import.meta.dirname, '../../..');

/** What a command printed and its exit code, as a terminal would show them. */
export interface KitRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `kit <args…>` in-process in the project at `root`, capturing what it prints. */
export async function kit(args: string[], root = PROJECT): Promise<KitRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const status = await runKit(args, root, { log: (text) => stdout.push(text), error: (text) => stderr.push(text) });
  return { status, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}
