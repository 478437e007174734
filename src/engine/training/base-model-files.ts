import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** Where Debian's pocketsphinx-en-us puts the generic US English model. */
const MODEL_ROOT = process.env.CUSTOM_SPEECH_POCKETSPHINX_MODEL ?? '/usr/share/pocketsphinx/model/en-us';

export interface BaseModelFiles {
  acousticModel: string;
  languageModel: string;
  dictionary: string;
}

/** The base model's files; a clear error naming the package when they are missing. */
export function baseModelFiles(): BaseModelFiles {
  const files = {
    acousticModel: path.join(MODEL_ROOT, 'en-us'),
    languageModel: path.join(MODEL_ROOT, 'en-us.lm.bin'),
    dictionary: path.join(MODEL_ROOT, 'cmudict-en-us.dict'),
  };
  for (const file of Object.values(files)) {
    if (!existsSync(file)) throw new Error(`The base model file ${file} is missing: install the PocketSphinx US English model with \`npm run setup\` (apt package pocketsphinx-en-us).`);
  }
  return files;
}
