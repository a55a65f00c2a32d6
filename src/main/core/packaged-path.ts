/**
 * Worker threads cannot load a file from inside an asar archive: in the packaged app the piscina
 * worker is unpacked (electron-builder.yml asarUnpack) and must be started from
 * `app.asar.unpacked`, not from the `app.asar` path the bundler computed. Outside an asar
 * (development, tests, the CLI) paths are returned unchanged.
 */
export function unpackedPath(path: string): string {
  return path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}
