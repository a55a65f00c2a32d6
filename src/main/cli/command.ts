/** One `player1 <command>`: registered explicitly in src/main/cli/commands.ts. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Returns the process exit code. Never throws for bad user input: prints why and returns non-zero. */
  run(argv: string[], io: CliIo): Promise<number>;
}
