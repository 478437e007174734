// npm start: the main job. Builds the extension, makes the sample audio, and opens samples/ in VS Code
// with the extension loaded: desktop `code` when it is on the PATH (unless --browser), otherwise
// code-server, whose URL is printed; Ctrl-C stops it.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const samples = path.join(repo, 'samples');

execFileSync(process.execPath, [path.join(repo, 'esbuild.mjs')], { cwd: repo, stdio: 'inherit' });
const audio = spawnSync(process.execPath, [path.join(repo, 'scripts', 'make-sample-audio.mjs'), path.join(samples, 'bike-shop', 'audio')], { cwd: repo, stdio: 'inherit' });
if (audio.status !== 0) console.warn('start: sample audio is missing; the transcript will show audio-missing errors.');

const hasDesktopCode = !process.argv.includes('--browser') && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
if (hasDesktopCode) {
  spawn('code', [`--extensionDevelopmentPath=${repo}`, samples], { stdio: 'inherit', detached: true }).unref();
  console.log('start: opened samples/ in VS Code with the extension loaded.');
} else {
  const { startCodeServer, workbenchUrl, remoteUri } = await import('../test/runner/vscode-web.mjs');
  const server = await startCodeServer({ workspace: samples });
  const url = workbenchUrl(server, { folder: samples, payload: [['extensionDevelopmentPath', remoteUri(server, repo)]] });
  console.log(`\nstart: VS Code (code-server ${server.version}) is serving the sample workspace with the extension loaded.`);
  console.log(`Open this URL in a browser:\n\n  ${url}\n\nOpen samples/bike-shop/audio/trans.txt and the other files there, then look at the Problems panel.`);
  console.log('Press Ctrl-C to stop.');
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const { code, signal } = await server.exited;
  console.error(`start: code-server stopped (${signal ?? `exit ${code}`}); its log: ${server.log.file}`);
  process.exit(1);
}
