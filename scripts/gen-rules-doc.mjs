// Writes docs/rules.md from the compiled rules (run `npm run compile` first; `npm run docs` does both).
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const { allRules } = require('../out/src/core/lint/rules/index.js');
const { renderRulesDoc } = require('../out/src/core/lint/rules-doc.js');
mkdirSync('docs', { recursive: true });
writeFileSync('docs/rules.md', renderRulesDoc(allRules));
console.log(`docs/rules.md: ${allRules.length} rules`);
