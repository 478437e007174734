import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileKinds, filenamePatterns, guessKindFromName, languageIdOf } from '../../src/core/lint/kinds';
import { allRules } from '../../src/core/lint/rules';
import { renderRulesDoc } from '../../src/core/lint/rules-doc';

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('package.json contributions', () => {
  it('contributes one language per file kind, with the patterns the CLI uses', () => {
    for (const kind of fileKinds) {
      const language = manifest.contributes.languages.find((l: { id: string }) => l.id === languageIdOf[kind]);
      assert.ok(language, `language for ${kind}`);
      assert.deepEqual(language.filenamePatterns, filenamePatterns[kind]);
      assert.ok(existsSync(path.join(root, language.configuration)), language.configuration);
    }
  });

  it('has a parseable grammar for every language', () => {
    for (const grammar of manifest.contributes.grammars) {
      const parsed = JSON.parse(readFileSync(path.join(root, grammar.path), 'utf8'));
      assert.equal(parsed.scopeName, grammar.scopeName);
      assert.ok(Object.values(languageIdOf).includes(grammar.language));
    }
  });

  it('guesses kinds from names the way the language patterns do', () => {
    assert.equal(guessKindFromName('/data/set1/trans.txt'), 'transcript');
    assert.equal(guessKindFromName('C:\\data\\calls.transcript.tsv'), 'transcript');
    assert.equal(guessKindFromName('pronunciation-bikes.txt'), 'pronunciation');
    assert.equal(guessKindFromName('RELATED-text.TXT'), 'related-text');
    assert.equal(guessKindFromName('orders.structured.md'), 'structured-text');
    assert.equal(guessKindFromName('README.md'), undefined);
    assert.equal(guessKindFromName('notes.txt'), undefined);
  });
});

describe('rules', () => {
  it('have unique codes named after their kind, a doc line and a severity', () => {
    const codes = new Set<string>();
    for (const rule of allRules) {
      assert.ok(!codes.has(rule.code), `duplicate code ${rule.code}`);
      codes.add(rule.code);
      const prefix = rule.kind === 'any' ? 'file' : rule.kind;
      assert.match(rule.code, new RegExp(`^${prefix}/[a-z0-9-]+$`));
      assert.ok(rule.doc.length > 20, `${rule.code} doc`);
      assert.ok(['error', 'warning', 'info', 'hint'].includes(rule.severity));
    }
  });

  it('are documented in docs/rules.md, which is current (run `npm run docs`)', () => {
    const doc = readFileSync(path.join(root, 'docs/rules.md'), 'utf8');
    assert.equal(doc, renderRulesDoc(allRules));
  });
});
