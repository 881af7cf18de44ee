import { parseArgs, type ParseArgsConfig } from 'node:util';
import { editDistance } from '../quiz/index.ts';
import type { Output } from './output.ts';

type Options = Record<string, { type: 'string' | 'boolean'; short?: string; default?: string | boolean }>;

/** A command's arguments as read: each option's value (a string, or true for a flag), and the positionals. */
export interface ReadArgs<O extends Options> {
  values: { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string };
  positionals: string[];
}

/**
 * Reads a command's arguments with `node:util` `parseArgs` in strict mode, so a mistyped flag
 * stops the command instead of being ignored. On a mistake it prints what was wrong (with the
 * nearest flag, for a typo) and the command's usage line, and gives exit code 2; on `--help` it
 * prints the usage (and the command's `help`, a line per option, when it has one) and gives 0. Otherwise it gives the values and positionals.
 */
export function readArgs<O extends Options>(
  command: string,
  args: string[],
  spec: { options: O; usage: string; positionals?: number; help?: string },
  out: Output,
): ReadArgs<O> | { exit: number } {
  const options: ParseArgsConfig['options'] = { ...spec.options, help: { type: 'boolean', short: 'h' } };
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (error) {
    out.error(`kit ${command}: ${describe(error as Error & { code?: string }, Object.keys(spec.options))}\n${spec.usage}`);
    return { exit: 2 };
  }
  if (parsed.values.help) {
    out.log(spec.help ? `${spec.usage}\n\n${spec.help}` : spec.usage);
    return { exit: 0 };
  }
  const allowed = spec.positionals ?? 0;
  if (parsed.positionals.length > allowed) {
    const extra = parsed.positionals.slice(allowed).map((p) => `"${p}"`).join(', ');
    out.error(`kit ${command}: unexpected argument ${extra}\n${spec.usage}`);
    return { exit: 2 };
  }
  return parsed as ReadArgs<O>;
}

/** parseArgs' message, shorter, with "did you mean" for an unknown flag that is a typo of a known one. */
function describe(error: Error & { code?: string }, known: string[]): string {
  if (error.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return error.message.split('. ')[0]!;
  const flag = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  const name = flag.replace(/^-+/, '');
  const best = nearest(name, known);
  return `unknown option ${flag}${best ? ` (did you mean --${best}?)` : ''}`;
}

/** The known word a typo most likely meant (at most two edits away), for "did you mean …?". */
export function nearest(typed: string, known: readonly string[]): string | undefined {
  const best = [...known].sort((a, b) => editDistance(typed, a) - editDistance(typed, b))[0];
  return best !== undefined && editDistance(typed, best) <= 2 ? best : undefined;
}
