#!/usr/bin/env node
// Writes media/customspeech.schema.json from the manifest's zod schema (run `npm run compile` first).
// A unit test fails when the committed file and the schema differ.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const { manifestJsonSchema } = createRequire(import.meta.url)(path.join(root, 'out/src/core/manifest/manifest-schema.js'));
writeFileSync(path.join(root, 'media/customspeech.schema.json'), JSON.stringify(manifestJsonSchema(), null, 2) + '\n');
