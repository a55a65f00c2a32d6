/** One `player1 <command>`: registered explicitly in src/main/cli/commands.ts. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * Where the CLI's run-time files are: the piscina worker and the report viewer. From source they
 * are src/main/workers/*.ts and out/report-viewer; the bundled CLI (out/main/cli.js) passes its own.
 */
export interface CliRuntime {
  workerPath: string;
  reportViewerPath: string;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Returns the process exit code. Never throws for bad user input: prints why and returns non-zero. */
  run(argv: string[], io: CliIo, runtime: CliRuntime): Promise<number>;
}
