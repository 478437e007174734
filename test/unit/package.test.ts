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

  it('points every walkthrough step, view and menu at files and commands that exist', () => {
    const commands = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
    for (const step of manifest.contributes.walkthroughs.flatMap((w: { steps: unknown[] }) => w.steps) as { media: { markdown: string }; description: string }[]) {
      assert.ok(existsSync(path.join(root, step.media.markdown)), step.media.markdown);
      for (const [, command] of step.description.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(commands.has(command), `walkthrough links ${command}`);
    }
    for (const welcome of manifest.contributes.viewsWelcome as { contents: string }[]) {
      for (const [, command] of welcome.contents.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(commands.has(command), `welcome links ${command}`);
    }
    for (const items of Object.values(manifest.contributes.menus) as { command: string }[][]) {
      for (const item of items) assert.ok(commands.has(item.command), `menu item ${item.command}`);
    }
    for (const container of manifest.contributes.viewsContainers.activitybar) assert.ok(existsSync(path.join(root, container.icon)), container.icon);
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
