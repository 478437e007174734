import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { align } from '../../../src/core/scoring/align';
import { dictionaryLines, generatePronunciations, ipaToArpabet, readDictionary } from '../../../src/engine/training/pronunciations';

const CMUDICT = '/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict';

describe('pronunciations', function () {
  this.timeout(60_000);

  it('maps espeak-ng IPA to ARPAbet phones', () => {
    assert.deepEqual(ipaToArpabet('dᵻɹeɪlˈʊɹ'), ['D', 'IH', 'R', 'EY', 'L', 'UH', 'R']);
    assert.deepEqual(ipaToArpabet('tʃˈɜːtʃ'), ['CH', 'ER', 'CH']);
    assert.deepEqual(ipaToArpabet('bˈɑːɾəl'), ['B', 'AA', 'T', 'AH', 'L']);
    assert.deepEqual(ipaToArpabet('ˈ ˌ'), []);
  });

  it('generates pronunciations close to the CMU dictionary for words it knows', async () => {
    assert.ok(existsSync(CMUDICT), 'the CMU dictionary is missing: run `npm run setup` (apt pocketsphinx-en-us)');
    const dictionary = await readDictionary(CMUDICT);
    const words = ['bicycle', 'wheel', 'service', 'brake', 'chain', 'saturday', 'weekend', 'pedal', 'gravel', 'tire', 'mechanic', 'repair', 'appointment', 'customer', 'invoice', 'quality', 'frame', 'carbon', 'aluminum', 'helmet'];
    const generated = await generatePronunciations(words);
    const ids = new Map<string, number>();
    const id = (phone: string) => ids.get(phone) ?? (ids.set(phone, ids.size), ids.size - 1);
    let errors = 0;
    let phones = 0;
    for (const word of words) {
      const reference = dictionary.get(word)![0]!;
      const ours = generated.get(word);
      assert.ok(ours, `no pronunciation for ${word}`);
      const a = align(reference.map(id), ours.map(id));
      errors += a.substitutions + a.deletions + a.insertions;
      phones += reference.length;
    }
    // US English rules, mapped phone by phone: most words come out exactly as the dictionary has them.
    assert.ok(errors / phones < 0.2, `phone error rate ${(errors / phones).toFixed(2)}`);
  });

  it('writes dictionary lines with numbered variants', () => {
    const lines = dictionaryLines(new Map([['tubeless', [['T', 'UW', 'B', 'L', 'AH', 'S']]], ['shimano', [['SH', 'IH', 'M', 'AA', 'N', 'OW'], ['SH', 'IY', 'M', 'AA', 'N', 'OW']]]]));
    assert.equal(lines, 'shimano SH IH M AA N OW\nshimano(2) SH IY M AA N OW\ntubeless T UW B L AH S\n');
  });
});
