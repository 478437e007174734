import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import crc32 = require('buffer-crc32');
import { portableCrc32, unsigned } from '../../../src/core/formats/crc32';

describe('crc32 for zip entries', () => {
  it('gives buffer-crc32\'s values, whole and continued chunk by chunk, native and portable', () => {
    for (const size of [0, 1, 7, 1000, 65_537]) {
      const data = randomBytes(size);
      const expected = crc32.unsigned(data);
      assert.equal(unsigned(data), expected);
      assert.equal(portableCrc32(data), expected);
      const cut = Math.floor(size / 3);
      assert.equal(unsigned(data.subarray(cut), unsigned(data.subarray(0, cut))), expected);
      assert.equal(portableCrc32(data.subarray(cut), portableCrc32(data.subarray(0, cut))), expected);
    }
  });
});
