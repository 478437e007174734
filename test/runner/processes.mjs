// Child processes and temp dirs of a test run, and their cleanup on every way out:
// normal completion, exceptions, timeouts, SIGINT/SIGTERM/SIGHUP, and process exit.
//
// Every child gets CUSTOM_SPEECH_TEST_RUN=<id of this run> in its environment. Children started
// detached (own process group) are killed as a group; on top of that, any process still carrying
// this run's id (a grandchild that made its own session, e.g. a terminal or a forked engine) is found
// through /proc/<pid>/environ and killed, so a run leaves nothing behind.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const RUN_ENV_KEY = 'CUSTOM_SPEECH_TEST_RUN';
export const RUN_ID = `${process.pid}-${randomUUID()}`;

const groups = new Set(); // pids of detached children (= their process group ids)
const tempDirs = new Set();
const asyncCleanups = new Set();

/**
 * Environment for a child of the test run: the current one without what would confuse a nested
 * VS Code / npm / Node (variables of an outer `npm run`, of a VS Code terminal the runner may be
 * started from, NODE_OPTIONS), plus the run marker and `extra`.
 */
export function childEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(npm_|VSCODE_|ELECTRON_)/i.test(key) && !/^npm_config_(registry|cache|proxy|https_proxy|noproxy|cafile|strict_ssl)$/i.test(key)) continue;
    if (key === 'INIT_CWD' || key === 'NODE_OPTIONS' || key === 'NODE_CHANNEL_FD') continue;
    env[key] = value;
  }
  return { ...env, [RUN_ENV_KEY]: RUN_ID, ...extra };
}

/** Registers a child started with `detached: true`; its whole process group is killed at cleanup. */
export function trackGroup(child) {
  if (!child.pid) return;
  // Kept even after the leader exits: members of its group may live on.
  groups.add(child.pid);
}

const OWNER_FILE = '.custom-speech-owner-pid';
let swept = false;

/** Removes temp dirs left by runs that were killed before they could clean up (SIGKILL). */
function sweepStaleTempDirs() {
  swept = true;
  let entries = [];
  try {
    entries = fs.readdirSync(os.tmpdir());
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.startsWith('custom-speech-')) continue;
    const dir = path.join(os.tmpdir(), entry);
    let pid;
    try {
      pid = Number(fs.readFileSync(path.join(dir, OWNER_FILE), 'utf8'));
    } catch {
      continue; // not made by makeTempDir
    }
    try {
      process.kill(pid, 0);
      continue; // owner alive
    } catch (error) {
      if (error.code !== 'ESRCH') continue;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh directory under the OS temp dir, removed at cleanup. */
export function makeTempDir(prefix) {
  if (!swept) sweepStaleTempDirs();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.writeFileSync(path.join(dir, OWNER_FILE), String(process.pid));
  tempDirs.add(dir);
  return dir;
}

/** An async cleanup step (closing a browser…), run before processes are killed. */
export function onCleanup(fn) {
  asyncCleanups.add(fn);
  return () => asyncCleanups.delete(fn);
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // ESRCH: group gone
  }
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Pids of live processes (other than us) whose environment carries this run's id. */
export function markedProcesses() {
  if (process.platform !== 'linux') return [];
  const needle = Buffer.from(`\0${RUN_ENV_KEY}=${RUN_ID}\0`);
  const found = [];
  let entries = [];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    try {
      const environ = Buffer.concat([Buffer.from([0]), fs.readFileSync(`/proc/${pid}/environ`)]);
      if (environ.includes(needle)) found.push(pid);
    } catch {
      // gone, or not ours
    }
  }
  return found;
}

function killMarked(signal) {
  for (const pid of markedProcesses()) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

function removeTempDirs() {
  for (const dir of tempDirs) {
    try {
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // best effort
    }
    tempDirs.delete(dir);
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Graceful cleanup: async steps, SIGTERM to groups, SIGKILL after a grace period, temp dirs. */
export async function cleanupAll({ graceMs = 5000 } = {}) {
  for (const fn of [...asyncCleanups]) {
    asyncCleanups.delete(fn);
    try {
      await Promise.race([fn(), sleep(graceMs)]);
    } catch {
      // keep cleaning
    }
  }
  for (const pid of groups) signalGroup(pid, 'SIGTERM');
  killMarked('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && ([...groups].some(groupAlive) || markedProcesses().length > 0)) await sleep(100);
  cleanupSync();
}

/** Immediate cleanup (also used from the 'exit' handler, where only synchronous code runs). */
export function cleanupSync() {
  for (const pid of groups) {
    signalGroup(pid, 'SIGKILL');
    groups.delete(pid);
  }
  killMarked('SIGKILL');
  removeTempDirs();
}

process.on('exit', cleanupSync);

let signalled = false;
for (const [signal, number] of [
  ['SIGINT', 2],
  ['SIGTERM', 15],
  ['SIGHUP', 1],
]) {
  process.on(signal, () => {
    if (signalled) {
      cleanupSync();
      process.exit(128 + number);
    }
    signalled = true;
    process.stderr.write(`\n${signal}: stopping test processes…\n`);
    cleanupAll({ graceMs: 2000 }).finally(() => process.exit(128 + number));
  });
}
