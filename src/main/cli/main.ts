import { COMMANDS } from './commands.ts';
import { visibleText } from '../../shared/domain/visible-text.ts';
import type { CliIo, CliRuntime } from './command.ts';
import { NODE_WORKER_PATH, REPORT_VIEWER_PATH } from '../core/node-paths.ts';

// Whatever a file put in a message (a name, a value), its control bytes reach the terminal visibly escaped.
const stdio: CliIo = {
  stdout: (t) => process.stdout.write(visibleText(t.endsWith('\n') ? t : `${t}\n`)),
  stderr: (t) => process.stderr.write(visibleText(t.endsWith('\n') ? t : `${t}\n`)),
};

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Player1 Pitchside command line',
    '',
    'usage: player1 <command> [options]',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    // Handled by bin/player1.js from the sources: the central server is never in the app's bundles.
    `  ${'server'.padEnd(width)}  the reference central server for sync (PostgreSQL): player1 server --help`,
    '',
    'player1 <command> --help shows a command\'s options.',
  ].join('\n');
}

const FROM_SOURCE: CliRuntime = { workerPath: NODE_WORKER_PATH, reportViewerPath: REPORT_VIEWER_PATH };

export async function main(argv: string[], io: CliIo = stdio, runtime: CliRuntime = FROM_SOURCE): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.stderr(`unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${cmd.summary}\n\nusage: ${cmd.usage}`);
    return 0;
  }
  try {
    return await cmd.run(rest, io, runtime);
  } catch (err) {
    io.stderr(`player1 ${name}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
