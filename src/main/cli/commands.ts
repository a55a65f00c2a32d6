/** The CLI's commands, listed explicitly. */
import type { CliCommand } from './command.ts';
import { processCommand } from './commands/process.command.ts';
import { inspectCommand } from './commands/inspect.command.ts';
import { syncCommand } from './commands/sync.command.ts';

export const COMMANDS: readonly CliCommand[] = [processCommand, inspectCommand, syncCommand];
