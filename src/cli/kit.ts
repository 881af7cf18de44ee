/** The `kit` command line's entry: `npm run kit -- <command>` (see commands.ts). */
import { runKit } from './commands.ts';

process.exitCode = await runKit(process.argv.slice(2), process.cwd());
