// npm run package [-- --target <vsce target>]: a minified build, then the .vsix (vsce, allowlist in
// .vscodeignore). Without a target: dist/custom-speech.vsix, carrying koffi's native module for
// Linux x64 and arm64. With one (linux-x64, linux-arm64, linux-armhf, alpine-x64, alpine-arm64):
// dist/custom-speech-<target>.vsix, a platform-specific package with that platform's native only.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { target: { type: 'string' } } });
const { target } = values;
const run = (script, args) => execFileSync(process.execPath, [script, ...args], { cwd: repo, stdio: 'inherit' });

run(path.join(repo, 'esbuild.mjs'), ['--production', ...(target ? [`--target=${target}`] : [])]);
const out = path.join('dist', target ? `custom-speech-${target}.vsix` : 'custom-speech.vsix');
run(path.join(repo, 'node_modules', '@vscode', 'vsce', 'vsce'), [
  'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out,
  ...(target ? ['--target', target] : []),
]);
