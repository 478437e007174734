// A tiny test harness for the end-to-end tier: spec files (test/e2e/*.test.mjs) register tests with
// `test(title, fn)`; test/runner/run-e2e.mjs imports them and runs each one against a fresh workbench
// page on a fresh copy of the workspace, calling fn({ page, workbench, workspace }).
//
// No fixed sleeps: wait on UI conditions with playwright's locator.waitFor or `until` below, each
// with an explicit timeout and a message saying what the user would have seen instead.

/** @type {{ title: string, fn: Function, timeoutMs: number, file?: string }[]} */
export const registered = [];
let currentFile;

/** Set by the runner while it imports a spec file. */
export function setCurrentFile(file) {
  currentFile = file;
}

/** Registers a test. Options: timeoutMs (default 60 s, workbench start included). */
export function test(title, fn, { timeoutMs = 60_000 } = {}) {
  registered.push({ title, fn, timeoutMs, file: currentFile });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` (sync or async) until it returns a truthy value, which is returned. On timeout throws
 * `message` (a string, or a function of the last value probed) — say what was expected and what was
 * seen. Errors thrown by the probe are retried, the last one is reported.
 */
export async function until(probe, { timeout = 10_000, interval = 100, message = 'condition not met' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (last) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await sleep(interval);
  }
  const text = typeof message === 'function' ? message(last) : message;
  throw new Error(`${text} (after ${timeout / 1000} s)${lastError ? `\n  last error: ${String(lastError.message ?? lastError).split('\n')[0]}` : ''}`);
}

/** Collapses runs of white space (also the non-breaking spaces the editor renders) into one space. */
export function normalizeSpace(text) {
  return String(text ?? '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}
