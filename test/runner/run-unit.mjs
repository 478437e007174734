#!/usr/bin/env node
// Unit tier: mocha (programmatic API, spec reporter) over out/test/unit/**/*.test.js, in this Node
// process. Same files and timeout as `npm run test:unit` (.mocharc.json).
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { runTierFromCommandLine } from './results.mjs';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

function findTests(dir) {
  if (!fs.existsSync(dir)) return [];
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(full));
    else if (entry.isFile() && entry.name.endsWith('.test.js')) found.push(full);
  }
  return found.sort();
}

/** Runs the unit suites. Never throws. Returns { passed, failed, pending, failures: [{title, error}] }. */
export async function runUnit({ dir = path.join(REPO, 'out', 'test', 'unit'), grep = undefined } = {}) {
  const result = { passed: 0, failed: 0, pending: 0, failures: [] };
  const Mocha = require('mocha');
  let timeout = 20_000;
  try {
    timeout = JSON.parse(fs.readFileSync(path.join(REPO, '.mocharc.json'), 'utf8')).timeout ?? timeout;
  } catch {
    // defaults
  }
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout });
  if (grep) mocha.grep(new RegExp(grep));
  const files = findTests(dir);
  for (const file of files) mocha.addFile(file);
  try {
    await mocha.loadFilesAsync();
    await new Promise((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', () => result.passed++);
      runner.on('pending', () => result.pending++);
      runner.on('fail', (test, error) => {
        result.failed++;
        result.failures.push({ title: test.fullTitle(), error: error?.message ?? String(error) });
      });
    });
  } catch (error) {
    result.failed++;
    result.failures.push({ title: 'unit tier', error: error?.stack ?? String(error) });
  } finally {
    try {
      mocha.dispose();
    } catch {
      // a running instance cannot be disposed; nothing to release then
    }
  }
  if (files.length === 0) {
    result.failed++;
    result.failures.push({ title: 'unit tier', error: `no unit test files in ${path.relative(REPO, dir)} (not compiled?)` });
  }
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runTierFromCommandLine('', runUnit);
}
