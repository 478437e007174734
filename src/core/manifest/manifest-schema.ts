import { z } from 'zod';

// `customspeech.json`: a workspace's datasets, model recipes and test plans, so that what was
// uploaded, trained and tested can be reproduced from the repository. The JSON schema contributed
// to the editor (media/customspeech.schema.json) is generated from these definitions.

export const MANIFEST_FILE_NAME = 'customspeech.json';

const name = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a name is 1 to 64 letters, digits, dots, dashes or underscores')
  .meta({ description: 'A name of this manifest, used to refer to it.' });

const locale = z.string().regex(/^[a-z]{2,3}-[A-Z]{2}$/, 'a locale looks like en-US').meta({ description: 'BCP-47 locale, e.g. en-US.' });

export const datasetKinds = ['Language', 'Pronunciation', 'LanguageMarkdown', 'Acoustic', 'AudioFiles'] as const;

const datasetEntry = z
  .strictObject({
    kind: z.enum(datasetKinds).meta({
      description:
        'Language: related text, one sentence per line. Pronunciation: display form <TAB> spoken form. LanguageMarkdown: structured text. Acoustic: WAV files and a transcript (folder or zip). AudioFiles: WAV files only (folder or zip), to inspect quality.',
    }),
    path: z.string().min(1).meta({ description: 'The file, zip or folder, relative to this manifest.' }),
    displayName: z.string().min(1).optional().meta({ description: 'The name on the service; the dataset\'s key by default.' }),
    description: z.string().optional(),
    locale: locale.optional().meta({ description: 'Overrides the manifest\'s locale.' }),
  })
  .meta({ description: 'A dataset in the workspace.' });

const modelEntry = z
  .strictObject({
    baseModel: z
      .string()
      .min(1)
      .default('latest')
      .meta({ description: '"latest" (the newest base model of the locale that adapts with these datasets\' kinds), or a base model\'s id or display name.' }),
    datasets: z.array(z.string()).min(1).meta({ description: 'Keys of the datasets to train with.' }),
    customModelWeightPercent: z.number().int().min(1).max(100).optional().meta({ description: 'Weight of the custom language model against the base one, 1 to 100 (the service\'s default when absent).' }),
    displayName: z.string().min(1).optional(),
    description: z.string().optional(),
  })
  .meta({ description: 'A recipe: a base model and the datasets to adapt it with.' });

const testEntry = z
  .strictObject({
    dataset: z.string().meta({ description: 'Key of the test dataset: Acoustic (word error rate against its transcripts) or AudioFiles (inspection only). Never one the models were trained with.' }),
    models: z
      .array(z.string())
      .min(1)
      .max(2)
      .meta({ description: 'One or two models: keys of models in this manifest, or "base" for the base model. With one custom model, it is compared with its base model.' }),
    displayName: z.string().min(1).optional(),
  })
  .meta({ description: 'A test: models × a test dataset.' });

export const manifestSchema = z
  .strictObject({
    $schema: z.string().optional(),
    locale: locale.default('en-US'),
    project: z.string().min(1).optional().meta({ description: 'Display name of the project the entities are filed under (created when missing).' }),
    datasets: z.record(name, datasetEntry).default({}),
    models: z.record(name, modelEntry).default({}),
    tests: z.record(name, testEntry).default({}),
  })
  .meta({ title: 'Custom Speech workspace manifest', description: 'Datasets, model recipes and test plans of a Custom Speech workspace.' });

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestDataset = Manifest['datasets'][string];
export type ManifestModel = Manifest['models'][string];
export type ManifestTest = Manifest['tests'][string];

/** The JSON schema of the manifest, for the editor's completion and validation. */
export function manifestJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(manifestSchema, { io: 'input', target: 'draft-7' }) as Record<string, unknown>;
}
