import * as assert from 'node:assert/strict';
import { NameTable } from '../../../src/core/lint/name-table';

function random(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe('NameTable', () => {
  for (const [sized, expectedNames] of [['sized by default', undefined], ['presized for a few names', 10], ['presized for many', 100_000]] as const) {
    it(`answers as a Map of first numbers would, for names given as strings or as bytes, and lists them (${sized})`, () => {
      const rnd = random(3);
      const table = new NameTable(expectedNames);
      const expected = new Map<string, number>();
      const alphabet = ['a', 'b', 'A', '.', '/', '\u00e9', '\u{1F600}', '\uD800', '\uFFFD', '\0'];
      for (let i = 0; i < 50_000; i++) {
        let name = '';
        const length = Math.floor(rnd() * 5);
        for (let k = 0; k < length; k++) name += alphabet[Math.floor(rnd() * (rnd() < 0.9 ? 5 : alphabet.length))];
        const ascii = !/[^\x00-\x7f]/.test(name);
        let found: number;
        if (ascii && rnd() < 0.5) {
          // As bytes in the middle of a bigger buffer, as the line reader hands them.
          const bytes = Buffer.from(`xx${name}yy`, 'latin1');
          found = table.addBytes(bytes, 2, 2 + name.length, i);
        } else {
          found = table.add(name, i);
        }
        assert.equal(found, expected.get(name) ?? -1, JSON.stringify(name));
        if (!expected.has(name)) expected.set(name, i);
        assert.equal(table.size, expected.size);
        const other = name + 'b';
        assert.equal(table.has(other), expected.has(other), JSON.stringify(other));
      }
      assert.ok(expected.size > 500);
      assert.deepEqual(table.names().sort(), [...expected.keys()].sort());
    });
  }

  it('answers the same when names come in ascending order, are looked up meanwhile, then repeat out of order', () => {
    const table = new NameTable(10);
    const name = (i: number) => `call-${String(i).padStart(4, '0')}.wav`;
    // Ascending, with prefixes of one another too: `a` < `a.wav` < `ab`.
    for (const [i, text] of ['a', 'a.wav', 'ab', ...Array.from({ length: 300 }, (_, k) => name(k))].entries()) {
      const bytes = Buffer.from(`\t${text}\t`);
      assert.equal(table.addBytes(bytes, 1, 1 + text.length, i), -1, text);
    }
    assert.equal(table.size, 303);
    assert.equal(table.has(name(150)), true);
    assert.equal(table.has('call-0150.wa'), false);
    // A repeat after the lookup built the index, then more names in order, then a repeat of the first.
    assert.equal(table.add(name(7), 1000), 10);
    assert.equal(table.add(name(300), 1001), -1);
    assert.equal(table.add('a', 1002), 0);
    assert.equal(table.size, 304);
    assert.deepEqual(table.names().sort(), ['a', 'a.wav', 'ab', ...Array.from({ length: 301 }, (_, k) => name(k))].sort());
  });

  it('finds a repeat that breaks the ascending order without a lookup before it', () => {
    const table = new NameTable();
    for (let i = 0; i < 1000; i++) assert.equal(table.add(`n${String(i).padStart(4, '0')}`, i), -1);
    assert.equal(table.add('n0999', 5000), 999);
    assert.equal(table.add('n0000', 5001), 0);
    assert.equal(table.add('m', 5002), -1);
    assert.equal(table.add('n1000', 5003), -1);
    assert.equal(table.add('n1000', 5004), 5003);
    assert.equal(table.size, 1002);
  });
});
