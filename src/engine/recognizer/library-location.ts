import * as fs from 'node:fs';
import * as path from 'node:path';
import { SETUP_HINT } from './setup-hint';

/** A directory holding both libraries, for machines where they live outside the usual places. */
export const LIBRARY_DIRECTORY_ENV = 'CUSTOM_SPEECH_POCKETSPHINX_LIB';

/** The 5prealpha API the binding is written for (Debian/Ubuntu libpocketsphinx3, libsphinxbase3). */
export const LIBRARY_FILES = { sphinxbase: 'libsphinxbase.so.3', pocketsphinx: 'libpocketsphinx.so.3' } as const;

export interface LibraryPaths {
  sphinxbase: string;
  pocketsphinx: string;
}

// Debian's multiarch triplets, by Node's name for the architecture.
const MULTIARCH: Record<string, string> = {
  x64: 'x86_64-linux-gnu',
  arm64: 'aarch64-linux-gnu',
  arm: 'arm-linux-gnueabihf',
  ia32: 'i386-linux-gnu',
  ppc64: 'powerpc64le-linux-gnu',
  riscv64: 'riscv64-linux-gnu',
  s390x: 's390x-linux-gnu',
  loong64: 'loongarch64-linux-gnu',
};

/** Where to look, in order: the override alone when set, else the multiarch and plain lib directories. */
export function libraryDirectories(env: NodeJS.ProcessEnv = process.env, arch: string = process.arch): string[] {
  const override = env[LIBRARY_DIRECTORY_ENV];
  if (override) return [override];
  const triplet = MULTIARCH[arch];
  const multiarch = triplet ? [`/usr/lib/${triplet}`, `/lib/${triplet}`, `/usr/local/lib/${triplet}`] : [];
  return [...multiarch, '/usr/lib64', '/usr/lib', '/usr/local/lib'];
}

/** The first directory holding both libraries; throws, naming what is missing and how to install it. */
export function findLibraries(directories: readonly string[] = libraryDirectories()): LibraryPaths {
  for (const directory of directories) {
    const paths = { sphinxbase: path.join(directory, LIBRARY_FILES.sphinxbase), pocketsphinx: path.join(directory, LIBRARY_FILES.pocketsphinx) };
    if (fs.existsSync(paths.sphinxbase) && fs.existsSync(paths.pocketsphinx)) return paths;
  }
  throw new Error(
    `PocketSphinx is not installed: found no ${LIBRARY_FILES.pocketsphinx} with ${LIBRARY_FILES.sphinxbase} in ${directories.join(', ')}. ` +
      `${SETUP_HINT} Libraries elsewhere: set ${LIBRARY_DIRECTORY_ENV} to their directory.`,
  );
}
