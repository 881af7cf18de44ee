import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { DeckContentError } from '../classroom/deck-content.ts';
import { DEFAULT_LIMITS, startClassroom, type ClassroomServer } from '../classroom/server.ts';
import { openSqliteStore } from '../classroom/sqlite-store.ts';
import { readArgs } from './args.ts';
import { buildSite } from './build.ts';
import type { Output } from './output.ts';

const USAGE = 'usage: npm run classroom [-- --host 0.0.0.0] [--port 8080] [--data <file>] [--new] [--no-build] [--join-rate 20] [--per-address 500]';
const HELP = `  --host      the address to listen on (default 127.0.0.1, this computer only; 0.0.0.0: the classroom network)
  --port      the port (default 8080; 0 picks a free one)
  --data      the SQLite file the classes are kept in (default ${defaultDataFile()})
  --new       start a new class (by default the last class resumes, with its students and answers)
  --no-build  serve dist/ as it is, without building the deck first
  --per-address  phones one address may connect at once (default ${DEFAULT_LIMITS.perAddress}); the load test raises it
  --join-rate joins a second from one address (default ${DEFAULT_LIMITS.join.perSecond}, after a burst of ${DEFAULT_LIMITS.join.burst}); the load test raises it, its students all come from one address`;

/** Where class data lives unless told: the user's data folder, not the project (it holds students' names). */
export function defaultDataFile(): string {
  const base = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'kit-classroom', 'classes.sqlite');
}

/** `kit classroom`: builds the deck, starts the class server and prints its addresses; runs until stopped. */
export async function runClassroom(args: string[], root: string, out: Output): Promise<number> {
  const parsed = readArgs('classroom', args, {
    options: { host: { type: 'string' }, port: { type: 'string' }, data: { type: 'string' }, new: { type: 'boolean' }, 'no-build': { type: 'boolean' }, 'join-rate': { type: 'string' }, 'per-address': { type: 'string' } },
    usage: USAGE,
    help: HELP,
  }, out);
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  const port = Number(values.port ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    out.error(`kit classroom: --port must be a whole number from 0 to 65535, not "${values.port}"\n${USAGE}`);
    return 2;
  }
  const joinRate = Number(values['join-rate'] ?? DEFAULT_LIMITS.join.perSecond);
  if (!(joinRate > 0)) {
    out.error(`kit classroom: --join-rate must be a number above 0, not "${values['join-rate']}"\n${USAGE}`);
    return 2;
  }
  const perAddress = Number(values['per-address'] ?? DEFAULT_LIMITS.perAddress);
  if (!Number.isInteger(perAddress) || perAddress < 1) {
    out.error(`kit classroom: --per-address must be a whole number above 0, not "${values['per-address']}"\n${USAGE}`);
    return 2;
  }
  if (!values['no-build']) await buildSite(root, out);
  const data = resolve(process.env.INIT_CWD ?? root, values.data ?? defaultDataFile());
  let server: ClassroomServer;
  try {
    server = await startClassroom({ dist: join(root, 'dist'), store: openSqliteStore(data), host: values.host ?? '127.0.0.1', port, newClass: values.new, limits: { join: { burst: Math.max(DEFAULT_LIMITS.join.burst, joinRate), perSecond: joinRate }, perAddress } });
  } catch (error) {
    if (error instanceof DeckContentError) {
      out.error(`kit classroom: ${error.message}`);
      return 1;
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      out.error(`kit classroom: port ${port} is in use (another classroom server?): stop it, or choose another with --port`);
      return 1;
    }
    throw error;
  }
  const loopback = /^(127\.|localhost|\[?::1)/.test(values.host ?? '127.0.0.1');
  out.log(
    [
      `Classroom server on ${server.url}${loopback ? ' (this computer only: --host 0.0.0.0 lets the classroom network in)' : ''}`,
      `Class ${server.code} ${server.resumed ? 'resumed, with its students and answers (--new starts another)' : 'started'}`,
      `Students join at:  ${server.joinUrl}  with the code ${server.code}`,
      `Teacher link (keep it to yourself: it drives the class): ${server.teacherUrl}`,
      `Class data kept in ${data}`,
      'Ctrl+C stops the server; the class resumes at the next start.',
    ].join('\n'),
  );
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  out.log('Classroom server stopped; everything is kept.');
  return 0;
}
