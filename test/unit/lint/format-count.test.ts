import * as assert from 'node:assert/strict';
import { formatCount } from '../../../src/core/lint/rules/shared';

describe('formatCount', () => {
  it("groups whole numbers as toLocaleString('en-US') does", () => {
    const numbers = [0, 1, 12, 123, 999, 1000, 9999, 10_000, 100_000, 999_999, 1_000_000, 123_456_789, 2 ** 53 - 1, -1, -1000, -1_234_567];
    for (let n = 1; n < 1e15; n = n * 7 + 3) numbers.push(n);
    for (const n of numbers) assert.equal(formatCount(n), n.toLocaleString('en-US'), String(n));
  });
});
