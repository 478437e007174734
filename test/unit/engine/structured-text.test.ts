import * as assert from 'node:assert/strict';
import { structuredTextSentences } from '../../../src/engine/training/structured-text';

describe('structuredTextSentences', () => {
  it('expands list references so every item is seen in a sentence, and skips definitions', () => {
    const lines = [
      '// parts the shop sells',
      '@ list part =',
      '- derailleur',
      '- cassette',
      '- bottom bracket',
      '@ list bike =',
      '- road bike',
      '- gravel bike',
      '@ speech:phoneticlexicon',
      '- shimano/sh iy m aa n ow',
      '#Requests',
      '- replace the {@part} on my {@bike}',
      '- book a service',
      'plain text line',
    ];
    const sentences = structuredTextSentences(lines);
    const expanded = sentences.filter((s) => s.startsWith('replace'));
    assert.equal(expanded.length, 3); // as many as the longest list
    for (const part of ['derailleur', 'cassette', 'bottom bracket']) assert.ok(expanded.some((s) => s.includes(part)), part);
    for (const bike of ['road bike', 'gravel bike']) assert.ok(expanded.some((s) => s.includes(bike)), bike);
    assert.ok(sentences.includes('book a service'));
    assert.ok(sentences.includes('plain text line'));
    assert.ok(!sentences.some((s) => s.includes('shimano') || s.includes('{@')));
  });

  it('leaves out sentences that name a list nobody defined', () => {
    assert.deepEqual(structuredTextSentences(['#S', '- fix my {@nothing}', '- ok then']), ['ok then']);
  });
});
