import * as assert from 'node:assert/strict';
import { readLines } from '../../../src/core/lint/line-reader';

async function collect(chunks: (string | Uint8Array)[], max?: number): Promise<string[]> {
  async function* source() {
    for (const chunk of chunks) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
  }
  const lines: string[] = [];
  for await (const batch of readLines(source(), max)) lines.push(...batch);
  return lines;
}

describe('readLines', () => {
  it('splits on LF and CRLF across chunk boundaries', async () => {
    assert.deepEqual(await collect(['one\r', '\ntw', 'o\nthree']), ['one', 'two', 'three']);
  });

  it('does not invent an empty line after a final line break', async () => {
    assert.deepEqual(await collect(['a\nb\n']), ['a', 'b']);
    assert.deepEqual(await collect(['a\n\n']), ['a', '']);
    assert.deepEqual(await collect([]), []);
  });

  it('decodes a multi-byte character split between chunks', async () => {
    const bytes = Buffer.from('caf\u00e9 \u2019ok\u2019');
    assert.deepEqual(await collect([bytes.subarray(0, 4), bytes.subarray(4, 7), bytes.subarray(7)]), ['caf\u00e9 \u2019ok\u2019']);
  });

  it('drops a leading BOM as editors do and turns invalid bytes into U+FFFD', async () => {
    assert.deepEqual(await collect([Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0xff, 0x62])]), ['a\uFFFDb']);
  });

  it('cuts a line longer than the limit and skips the rest of it', async () => {
    const lines = await collect(['x'.repeat(7), 'y'.repeat(7), '\nnext\n', 'z'.repeat(30)], 10);
    assert.deepEqual(lines, ['xxxxxxxyyy', 'next', 'z'.repeat(10)]);
  });
});
