import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FileKind } from '../../../src/core/lint/kinds';
import { LineCache } from '../../../src/core/lint/line-cache';
import { lintText } from '../../../src/core/lint/linter';
import type { Problem } from '../../../src/core/lint/problem';

const samples = path.resolve(__dirname, '../../../../samples/bike-shop');
const files: [FileKind, string][] = [
  ['transcript', 'audio/trans.txt'],
  ['pronunciation', 'pronunciation.txt'],
  ['related-text', 'related-text.txt'],
  ['structured-text', 'service-requests.structured.md'],
];

const sorted = (problems: Problem[]) => problems.map((p) => JSON.stringify(p)).sort();

describe('LineCache', () => {
  for (const [kind, file] of files) {
    it(`gives the same problems as a fresh check after edits (${kind})`, async () => {
      const original = readFileSync(path.join(samples, file), 'utf8');
      const cache = new LineCache();
      const lines = original.split('\n');
      const versions = [
        original,
        '\uFEFF' + original, // a BOM shifts line 0
        [lines[0], 'x', ...lines.slice(1)].join('\n'), // a line inserted: every later line moves
        [...lines.slice(2), ...lines.slice(0, 2)].join('\n'), // lines moved around
        lines.map((line, i) => (i % 2 ? line + ' 2 www.example.com' : line)).join('\n'),
        original,
      ];
      for (const text of versions) {
        const cached = await lintText(text, kind, { locale: 'en-US', lineCache: cache });
        const fresh = await lintText(text, kind, { locale: 'en-US' });
        assert.deepEqual(sorted(cached), sorted(fresh));
      }
    });
  }

  it('forgets everything when the settings change', async () => {
    const cache = new LineCache();
    const text = 'a.wav\tI have 3 bikes';
    await lintText(text, 'transcript', { locale: 'en-US', lineCache: cache });
    const raised = await lintText(text, 'transcript', { locale: 'en-US', lineCache: cache, severities: { 'transcript/not-spoken-form': 'error' } });
    assert.equal(raised.find((p) => p.code === 'transcript/not-spoken-form')!.severity, 'error');
  });

  it('keeps only the lines of the last two checks', async () => {
    const cache = new LineCache();
    await lintText('one', 'related-text', { locale: 'en-US', lineCache: cache });
    await lintText('two', 'related-text', { locale: 'en-US', lineCache: cache });
    assert.ok(cache.get('one'), 'still there one check later');
    await lintText('three', 'related-text', { locale: 'en-US', lineCache: cache });
    await lintText('four', 'related-text', { locale: 'en-US', lineCache: cache });
    assert.equal(cache.get('one'), undefined);
  });
});
