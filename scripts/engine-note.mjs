/**
 * During `npm install` (the `prepare` script): when the Node that runs npm is older than 22, say
 * once why npm just printed EBADENGINE warnings. They are expected: electron 45, better-sqlite3 13,
 * vitest 5, tar 8 and electron's build tools declare Node >= 22, and every project command
 * (`npm run`, `npm test`, `npx`) runs on Node 22 from the `node` devDependency. They are not
 * silenced (engine-strict=false would hide real warnings too). Plain JavaScript so that it runs
 * under any Node. npm puts node_modules/.bin first on PATH for scripts, so the Node running this
 * may already be 22: the Node that ran npm is read from npm's user agent ("npm/10.8.2 node/v20.19.2 …").
 */

/** The note to print, or null when npm itself runs on Node 22 or newer (no EBADENGINE then). */
export function engineNote(userAgent, runningVersion) {
  const m = /\bnode\/v?(\d+)\./.exec(userAgent ?? '');
  const major = Number(m ? m[1] : /^v?(\d+)/.exec(runningVersion)?.[1]);
  if (!Number.isFinite(major) || major >= 22) return null;
  return `note: the EBADENGINE warnings above are expected with Node ${major}: npm run, npm test and npx use Node 22 from the project's "node" devDependency.`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const note = engineNote(process.env.npm_config_user_agent, process.version);
  if (note) process.stderr.write(`${note}\n`);
}
