/**
 * electron-builder afterPack hook: flips the Electron fuses of the packed binary (@electron/fuses)
 * before it is signed or put into an installer.
 *   RunAsNode off                          ELECTRON_RUN_AS_NODE cannot turn the app into a Node
 *   EnableNodeOptionsEnvironmentVariable   off: NODE_OPTIONS is ignored
 *   EnableNodeCliInspectArguments          off: --inspect and friends are ignored
 *   EnableCookieEncryption                 on
 *   EnableEmbeddedAsarIntegrityValidation  on (electron-builder embeds the asar's hash; macOS, Windows)
 *   OnlyLoadAppFromAsar                    on: the app runs only from app.asar, never a loose app/ folder
 */
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';

export const FUSES = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
};

/** The Electron binary inside the packed app. */
export function electronBinary(context) {
  const { appOutDir, packager, electronPlatformName } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return join(appOutDir, `${name}.exe`);
  return join(appOutDir, packager.executableName);
}

export default async function afterPack(context) {
  const binary = electronBinary(context);
  // Arch.arm64 is 3 in builder-util: an unsigned arm64 mac binary needs its ad-hoc signature redone.
  const resetAdHocDarwinSignature = context.electronPlatformName === 'darwin' && context.arch === 3;
  await flipFuses(binary, { ...FUSES, resetAdHocDarwinSignature });
  console.log(`  • fuses flipped  binary=${binary}`);
}
