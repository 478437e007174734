import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { baseModelPaths } from '../../../src/engine/recognizer';
import { alignedUtterances } from '../../../src/engine/training/acoustic-adaptation';
import { mixtureWeightsFile, readSendump } from '../../../src/engine/training/mixture-weights';
import { logTail, runTool } from '../../../src/engine/training/sphinx-tools';

/** A sendump as PocketSphinx writes one: length-prefixed header strings, the sizes, then bytes per feature and codeword. */
function sendump(features: number, codewords: number, values: number[][][]): Buffer {
  const strings = ['BEGIN FILE FORMAT DESCRIPTION', 'END FILE FORMAT DESCRIPTION', 'cluster_count 0', `feature_count ${features}`];
  const parts: Buffer[] = [];
  const int32 = (value: number) => {
    const b = Buffer.alloc(4);
    b.writeInt32LE(value);
    return b;
  };
  for (const text of strings) parts.push(int32(text.length + 1), Buffer.from(`${text}\0`, 'latin1'));
  parts.push(int32(0), int32(codewords), int32(values[0]![0]!.length));
  for (const feature of values) for (const row of feature) parts.push(Buffer.from(row));
  return Buffer.concat(parts);
}

describe('acoustic adaptation: its parts', () => {
  it('rebuilds float mixture weights from a sendump, untransposed, with the s3 header and checksum', () => {
    // 1 feature, 2 codewords, 3 senones: byte q is the weight 1.0001^-(q << 10).
    const parsed = readSendump(sendump(1, 2, [[[0, 1, 255], [10, 0, 2]]]));
    assert.deepEqual([parsed.features, parsed.codewords, parsed.senones], [1, 2, 3]);
    const weight = (q: number) => Math.fround(Math.pow(1.0001, -(q << 10)));
    // senone-major: senone 0 has codewords (q=0, q=10), senone 1 (1, 0), senone 2 (255, 2).
    assert.deepEqual([...parsed.weights], [0, 10, 1, 0, 255, 2].map(weight));

    const file = mixtureWeightsFile(parsed);
    const body = file.subarray(file.indexOf('endhdr\n') + 'endhdr\n'.length);
    assert.match(file.subarray(0, 40).toString('latin1'), /^s3\nversion 1\.0\nchksum0 yes\nendhdr\n/);
    assert.equal(body.readUInt32LE(0), 0x11223344);
    assert.deepEqual([0, 1, 2, 3].map((i) => body.readUInt32LE(4 + i * 4)), [3, 1, 2, 6]);
    assert.equal(body.readFloatLE(20), 1);
    assert.equal(body.length, 4 + 16 + 6 * 4 + 4);
  });

  it('reads the Debian model\'s sendump: 5126 senones × 3 features × 128 codewords, each mixture close to 1', function () {
    const file = path.join(baseModelPaths().acousticModel, 'sendump');
    if (!existsSync(file)) this.skip();
    const parsed = readSendump(readFileSync(file));
    assert.deepEqual([parsed.senones, parsed.features, parsed.codewords], [5126, 3, 128]);
    for (const senone of [0, 2500, 5125]) {
      const sum = parsed.weights.subarray(senone * 3 * 128, senone * 3 * 128 + 128).reduce((a, b) => a + b, 0);
      assert.ok(sum > 0.9 && sum <= 1.001, `senone ${senone}: ${sum}`); // quantization loses a little
    }
  });

  it('finds the utterances bw aligned in its log, and not the ones it gave up on', () => {
    const log = [
      'utt>     0                        u00001  325    0   136 18  7 7 2.536117e-102 -1.562424e+02 -5.077879e+04 utt 0.018x 1.020e upd 0.018x',
      'ERROR: "backward.c", line 421: Failed to align audio to trancript: final state of the search is not reached',
      'ERROR: "baum_welch.c", line 324: u00002 ignored',
      'utt>     1                       u00002   90    0    96 23  utt 0.009x 1.000e upd 0.009x 1.000e',
      'utt>     2                        u00003  359    0   144 18  8 7 2.897275e-102 -1.560069e+02 -5.600649e+04 utt 0.017x',
    ].join('\n');
    assert.deepEqual([...alignedUtterances(log)], ['u00001', 'u00003']);
  });

  it('quotes the errors of a failed tool rather than its chatter', () => {
    const log = 'INFO: main.c(1): reading\nERROR: "s3io.c", line 83: Unable to open means\nINFO: done\n';
    assert.equal(logTail(log), 'ERROR: "s3io.c", line 83: Unable to open means');
    assert.equal(logTail('a\nb\n'), 'a | b');
  });

  it('stops a tool when training is cancelled or the tool hangs, and says which', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error('The engine is stopping.')), 100);
    await assert.rejects(runTool('sleep', ['30'], { signal: controller.signal, timeoutMilliseconds: 60_000 }), /The engine is stopping/);
    await assert.rejects(runTool('sleep', ['30'], { timeoutMilliseconds: 200 }), /^Error: sleep was stopped after 0.2 s \(it seemed to hang\)/);
    assert.ok(Date.now() - started < 5_000);
    await assert.rejects(runTool('/nonexistent/bw', [], { timeoutMilliseconds: 1000 }), /bw is missing \(\/nonexistent\/bw\).*sphinxtrain/);
  });
});
