/**
 * `npm run bench [-- <suite> ...]`: runs benchmark suites and prints their figures.
 * Benchmarks print numbers and ratios measured side by side in one run; they never assert times.
 * Suites are listed explicitly here: one file per suite under bench/.
 */
interface Suite {
  summary: string;
  load: () => Promise<{ run: (args: string[]) => Promise<void> }>;
}

const suites: Record<string, Suite> = {
  devices: {
    summary: 'Player1 protocol over a socat pty vs a raw pty copy; 1/4/8 units in parallel',
    load: () => import('./devices.bench.ts'),
  },
  pipeline: {
    summary: 'files to report as a whole process vs the pandas reference (5/25/50 players x 90 min)',
    load: () => import('./pipeline.bench.ts'),
  },
  app: {
    summary: 'warm/cold Process Report in the app (CSV and P1, 5/25/50 players), event-loop delay, cold CLI and npx vs pandas',
    load: () => import('./app.bench.ts'),
  },
  report: {
    summary: 'report of 25 players x 90 min: size, Chromium open-to-ready time, PDF export time',
    load: () => import('./report.bench.ts'),
  },
  formats: {
    summary: 'decode MB/s per file-format reader on a 90-minute session, and P1 vs CSV size',
    load: () => import('./formats.bench.ts'),
  },
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const names = args.filter((a) => !a.startsWith('-'));
  const flags = args.filter((a) => a.startsWith('-'));
  const chosen = names.length > 0 ? names : Object.keys(suites);
  for (const name of chosen) {
    const suite = suites[name];
    if (!suite) {
      console.error(`unknown bench suite '${name}'; known: ${Object.keys(suites).join(', ')}`);
      process.exitCode = 2;
      return;
    }
    console.log(`\n=== bench: ${name} — ${suite.summary}`);
    const mod = await suite.load();
    await mod.run(flags);
  }
}

await main();
