#!/usr/bin/env node
// Installs the pieces the integration tests need to run the extension inside a real VS Code:
//   - Node 24 (npm package node-linux-<arch>: bin/node + include/ headers), because code-server 4.139
//     refuses any other major version;
//   - code-server (npm), installed with that Node so its native modules (argon2, and the ones its
//     postinstall builds under lib/vscode) match its ABI.
// Both live outside the checkout, keyed by version, so a fresh clone on the same machine reuses them:
//   ${XDG_CACHE_HOME:-~/.cache}/custom-speech/node-<version>/
//   ${XDG_CACHE_HOME:-~/.cache}/custom-speech/code-server-<version>/
// A folder counts as installed only when its marker file exists; a half-finished folder is wiped and
// redone. Concurrent installs are serialized with a lock directory.
//
// Usage: node scripts/install-code-server.mjs        (installs if needed, prints the code-server entry)
//        import { ensureCodeServer } from '.../install-code-server.mjs'
// Needs on a fresh Debian 12: build-essential python3 libkrb5-dev pkg-config (native modules).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
const MARKER = '.custom-speech-installed';
const LOCK_STALE_MS = 30 * 60 * 1000;

export function cacheRoot() {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'custom-speech');
}

/** Where everything lives; nothing is checked or created. */
export function layout() {
  const root = cacheRoot();
  const arch = { x64: 'x64', arm64: 'arm64' }[process.arch];
  const nodeDir = path.join(root, `node-${NODE_VERSION}`);
  const nodePackage = path.join(nodeDir, 'node_modules', `node-linux-${arch ?? process.arch}`);
  const codeServerDir = path.join(root, `code-server-${CODE_SERVER_VERSION}`);
  const codeServerPackage = path.join(codeServerDir, 'node_modules', 'code-server');
  return {
    root,
    arch,
    nodeDir,
    nodePackage,
    node: path.join(nodePackage, 'bin', 'node'),
    codeServerDir,
    codeServerPackage,
    codeServerEntry: path.join(codeServerPackage, 'out', 'node', 'entry.js'),
  };
}

export function isInstalled() {
  const l = layout();
  return (
    fs.existsSync(path.join(l.nodeDir, MARKER)) &&
    fs.existsSync(path.join(l.codeServerDir, MARKER)) &&
    fs.existsSync(l.node) &&
    fs.existsSync(l.codeServerEntry)
  );
}

function log(message) {
  process.stderr.write(`[install-code-server] ${message}\n`);
}

/**
 * The environment for the npm child processes: no npm_* variables inherited from an outer
 * `npm run` (npm_config_user_agent would make code-server's postinstall see the outer Node
 * version, npm_config_local_prefix/prefix would redirect the install), except user network
 * settings; Node 24 first on PATH; native modules built against Node 24's headers.
 */
function npmEnv(extraPath = undefined) {
  const keep = new Set([
    'npm_config_registry',
    'npm_config_cache',
    'npm_config_proxy',
    'npm_config_https_proxy',
    'npm_config_noproxy',
    'npm_config_strict_ssl',
    'npm_config_cafile',
    'npm_config_userconfig',
  ]);
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('npm_') && !keep.has(key)) continue;
    if (key === 'INIT_CWD' || key === 'NODE_OPTIONS') continue;
    if (value !== undefined) env[key] = value;
  }
  if (extraPath) env.PATH = `${extraPath}${path.delimiter}${env.PATH ?? ''}`;
  env.npm_config_ignore_scripts = 'false';
  env.npm_config_update_notifier = 'false';
  env.npm_config_fund = 'false';
  env.npm_config_audit = 'false';
  env.npm_config_progress = 'false';
  return env;
}

function run(command, args, options) {
  return new Promise((resolve, reject) => {
    log(`${options.cwd}$ ${command} ${args.join(' ')}`);
    // npm's output goes to our stderr, so a caller's stdout stays clean.
    const child = spawn(command, args, { ...options, stdio: ['ignore', process.stderr, process.stderr] });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}) in ${options.cwd}`));
    });
  });
}

function capture(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`${command} ${args.join(' ')}: exit ${code}\n${out}`)),
    );
  });
}

export async function withLock(name, fn) {
  const lock = path.join(cacheRoot(), `.lock-${name}`);
  fs.mkdirSync(cacheRoot(), { recursive: true });
  for (let waited = 0; ; waited += 2000) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let age = 0;
      let ownerGone = false;
      try {
        age = Date.now() - fs.statSync(lock).mtimeMs;
        const owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
        process.kill(owner, 0);
      } catch (probe) {
        if (probe.code === 'ESRCH') ownerGone = true; // installer killed
        else if (probe.code === 'ENOENT' && age === 0) continue; // lock just vanished
      }
      if (ownerGone || age > LOCK_STALE_MS) {
        log(`removing stale lock ${lock}`);
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (waited % 30000 === 0) log(`waiting for another install to finish (${lock})`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** (Re)creates `dir` with a package.json, runs `npm install`, verifies, writes the marker. */
async function installFolder(dir, packageJson, { env, verify }) {
  if (fs.existsSync(path.join(dir, MARKER))) return false;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
  await run('npm', ['install', '--no-save', '--loglevel=warn'], { cwd: dir, env });
  await verify();
  fs.writeFileSync(
    path.join(dir, MARKER),
    `${JSON.stringify({ installed: new Date().toISOString(), ...packageJson.dependencies }, null, 2)}\n`,
  );
  return true;
}

/** Installs Node 24 and code-server if needed; returns the layout. Idempotent. */
export async function ensureCodeServer() {
  const l = layout();
  if (process.platform !== 'linux' || !l.arch) {
    throw new Error(`code-server test install supports linux x64/arm64 only (this is ${process.platform}/${process.arch})`);
  }
  if (isInstalled()) return l;
  const started = Date.now();

  await withLock(`node-${NODE_VERSION}`, () =>
    installFolder(
      l.nodeDir,
      { name: 'custom-speech-node', private: true, dependencies: { [`node-linux-${l.arch}`]: NODE_VERSION } },
      {
        env: npmEnv(),
        verify: async () => {
          const version = await capture(l.node, ['--version'], {});
          if (version !== `v${NODE_VERSION}`) throw new Error(`${l.node} reports ${version}, expected v${NODE_VERSION}`);
        },
      },
    ),
  );

  await withLock(`code-server-${CODE_SERVER_VERSION}`, () =>
    installFolder(
      l.codeServerDir,
      {
        name: 'custom-speech-code-server',
        private: true,
        dependencies: { 'code-server': CODE_SERVER_VERSION },
        // npm >= 11.x skips dependency install scripts unless approved here. code-server's
        // postinstall installs lib/vscode's node_modules (whose package.json carries its own
        // allowScripts); argon2 builds a native module code-server loads at startup.
        allowScripts: { [`code-server@${CODE_SERVER_VERSION}`]: true, argon2: true },
      },
      {
        // Node 24 first on PATH runs npm, its lifecycle scripts and the nested `npm install`s of
        // code-server's postinstall (which checks the Node major in npm_config_user_agent);
        // node-gyp builds against Node 24's headers instead of downloading them.
        env: { ...npmEnv(path.dirname(l.node)), npm_config_nodedir: l.nodePackage },
        verify: async () => {
          for (const required of [
            'lib/vscode/node_modules',
            'lib/vscode/extensions/node_modules',
            'lib/vscode/bin/remote-cli/code-server',
          ]) {
            if (!fs.existsSync(path.join(l.codeServerPackage, required))) {
              throw new Error(`code-server install incomplete: ${required} missing (were install scripts skipped?)`);
            }
          }
          // Loads argon2 and the CLI; fails if a native module was not built. code-server writes a
          // default config and a log folder under XDG_CONFIG_HOME / XDG_DATA_HOME: keep them in a temp dir.
          const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'custom-speech-cs-version-'));
          try {
            const env = { ...npmEnv(), XDG_CONFIG_HOME: scratch, XDG_DATA_HOME: scratch };
            const output = await capture(l.node, [l.codeServerEntry, '--version'], { env });
            if (!output.split('\n').some((line) => line.startsWith(`${CODE_SERVER_VERSION} `))) {
              throw new Error(`unexpected code-server --version output: ${output}`);
            }
          } finally {
            fs.rmSync(scratch, { recursive: true, force: true });
          }
        },
      },
    ),
  );

  log(`ready in ${((Date.now() - started) / 1000).toFixed(0)} s: ${l.codeServerPackage}`);
  return l;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureCodeServer().then(
    (l) => {
      if (process.argv.includes('--quiet')) return;
      process.stdout.write(`${l.node} ${l.codeServerEntry}\n`);
    },
    (error) => {
      log(`FAILED: ${error.stack ?? error}`);
      process.exitCode = 1;
    },
  );
}
