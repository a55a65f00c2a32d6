#!/usr/bin/env node
// `player1` command line. The CLI runs the TypeScript core straight from src/ (Node >= 22.18
// strips types natively); `npx player1` and `npm run` use the Node 22 of the `node` devDependency.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `player1 needs Node.js 22.18 or newer (this is ${process.version}). ` +
      'Run it through npx or npm run, which use the project\'s Node 22.',
  );
  process.exit(2);
}
const { main } = await import('../src/main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
