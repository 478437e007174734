import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { listeningLockHolder } from '../../../src/core/connections/engine-lock';
import { startEngine } from '../../../src/engine/server';
import { DataFolderInUseError, LOCK_FILE } from '../../../src/engine/store/data-folder-lock';
import { KEY } from './engine-client';
import { EngineProcess } from './engine-process';

describe('engine data folder lock', function () {
  this.timeout(60_000);
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'engine-lock-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a second engine on the same folder, naming the first, and frees the folder on close', async () => {
    const first = await startEngine({ dataDir, key: KEY });
    try {
      await assert.rejects(startEngine({ dataDir, key: KEY }), (error: Error) => {
        assert.ok(error instanceof DataFolderInUseError, String(error));
        assert.equal(error.holder.pid, process.pid);
        assert.equal(error.holder.url, first.url);
        assert.ok(error.message.includes(dataDir) && error.message.includes(first.url) && /another VS Code window/.test(error.message), error.message);
        assert.ok(!error.message.includes(KEY));
        return true;
      });
      // The refused start left the first engine's lock alone.
      assert.equal(JSON.parse(readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')).url, first.url);
    } finally {
      await first.close();
    }
    assert.equal(existsSync(path.join(dataDir, LOCK_FILE)), false);
    const second = await startEngine({ dataDir, key: KEY });
    await second.close();
  });

  it('refuses a folder that `custom-speech serve` in another process holds', async () => {
    const other = await EngineProcess.start(dataDir);
    try {
      await assert.rejects(startEngine({ dataDir, key: KEY }), (error: Error) => error instanceof DataFolderInUseError && error.holder.pid === other.child.pid && error.holder.url === other.url);
    } finally {
      await other.kill();
    }
    // Killed with SIGKILL, it could not remove its lock: the next engine takes the folder over.
    assert.equal(existsSync(path.join(dataDir, LOCK_FILE)), true);
    const next = await startEngine({ dataDir, key: KEY });
    try {
      assert.equal(JSON.parse(readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')).pid, process.pid);
    } finally {
      await next.close();
    }
  });

  it('takes over a lock whose process is gone, or that is not a lock at all', async () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    for (const content of [JSON.stringify({ pid: gone, startedDateTime: '2026-01-01T00:00:00.000Z' }), '', 'not json']) {
      writeFileSync(path.join(dataDir, LOCK_FILE), content);
      const engine = await startEngine({ dataDir, key: KEY });
      await engine.close();
    }
  });

  describe('waiting for the holder to listen', () => {
    const lockFile = () => path.join(dataDir, LOCK_FILE);
    const lockOf = (pid: number, url?: string) => JSON.stringify({ pid, startedDateTime: '2026-01-01T00:00:00.000Z', ...(url ? { url } : {}) });

    it('waits while a live holder has taken the folder but does not listen yet, and gives its URL once it does', async () => {
      writeFileSync(lockFile(), lockOf(process.pid));
      const later = setTimeout(() => writeFileSync(lockFile(), lockOf(process.pid, 'http://127.0.0.1:5123')), 300);
      const started = Date.now();
      try {
        const holder = await listeningLockHolder(dataDir, 10_000, 20);
        assert.equal(holder?.url, 'http://127.0.0.1:5123');
        assert.ok(Date.now() - started >= 250, 'it waited for the URL');
      } finally {
        clearTimeout(later);
      }
    });

    it('gives up when the holder never listens, when it is dead, or when there is no lock', async () => {
      writeFileSync(lockFile(), lockOf(process.pid));
      assert.equal(await listeningLockHolder(dataDir, 200, 20), undefined);
      const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
      writeFileSync(lockFile(), lockOf(gone, 'http://127.0.0.1:5123'));
      assert.equal(await listeningLockHolder(dataDir, 10_000, 20), undefined, 'a dead holder is not waited for');
      rmSync(lockFile());
      assert.equal(await listeningLockHolder(dataDir, 10_000, 20), undefined);
    });

    it('gives a running engine at once', async () => {
      const engine = await startEngine({ dataDir, key: KEY });
      try {
        assert.equal((await listeningLockHolder(dataDir, 0))?.url, engine.url);
      } finally {
        await engine.close();
      }
    });
  });
});
