/** The CLI's commands, listed explicitly. */
import type { CliCommand } from './command.ts';
import { processCommand } from './commands/process.command.ts';

export const COMMANDS: readonly CliCommand[] = [processCommand];
