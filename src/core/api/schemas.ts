import { z } from 'zod';

// The resources of Speech to Text 2025-10-15, read leniently: the same schemas accept the
// 2024-11-15 and v3.2 shapes users still meet (`duration` instead of `durationMilliseconds`, links
// ending in `?api-version=`, −1 placeholders until an evaluation succeeds) and unknown enum values,
// since the service treats its enums as open strings. Unknown properties are kept, not dropped.

/** NotStarted, Running, Succeeded or Failed — or a value a later API version adds. */
export type EntityStatus = 'NotStarted' | 'Running' | 'Succeeded' | 'Failed' | (string & {});
export type DatasetKind = 'Language' | 'Acoustic' | 'Pronunciation' | 'AudioFiles' | 'LanguageMarkdown' | 'OutputFormatting' | (string & {});
export type FileKind =
  | 'DatasetReport'
  | 'Audio'
  | 'LanguageData'
  | 'PronunciationData'
  | 'AcousticDataArchive'
  | 'AcousticDataTranscriptionV2'
  | 'Transcription'
  | 'TranscriptionReport'
  | 'EvaluationDetails'
  | 'ModelReport'
  | 'OutputFormattingData'
  | (string & {});

const openString = <T extends string>() => z.string() as unknown as z.ZodType<T>;
const status = openString<EntityStatus>();

export const entityReferenceSchema = z.looseObject({ self: z.string() });
export type EntityReference = z.infer<typeof entityReferenceSchema>;

export const entityErrorSchema = z.looseObject({ code: z.string().optional(), message: z.string().optional() });
export type EntityError = z.infer<typeof entityErrorSchema>;

const customProperties = z.record(z.string(), z.string()).optional();

/** v3.2 wrote durations as ISO 8601 (`PT4M12.5S`); 2024-11-15 and later as milliseconds. */
export function isoDurationMilliseconds(text: string): number | undefined {
  const match = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return undefined;
  const [days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number];
  return Math.round((((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000);
}

/** Properties that carry a duration either way, read as `durationMilliseconds`. */
function withDuration<T extends z.ZodRawShape>(shape: T) {
  return z
    .looseObject({ ...shape, durationMilliseconds: z.number().optional(), duration: z.string().optional() })
    .transform((value) => {
      const { duration, ...rest } = value as { duration?: string; durationMilliseconds?: number };
      return { ...rest, durationMilliseconds: rest.durationMilliseconds ?? (duration === undefined ? undefined : isoDurationMilliseconds(duration)) } as Omit<z.infer<z.ZodObject<T>>, 'duration'> & { durationMilliseconds?: number };
    });
}

const described = {
  self: z.string(),
  displayName: z.string(),
  description: z.string().optional(),
  locale: z.string(),
  createdDateTime: z.string().optional(),
  lastActionDateTime: z.string().optional(),
  customProperties,
  project: entityReferenceSchema.optional(),
};

export const projectSchema = z.looseObject({
  self: z.string(),
  displayName: z.string(),
  description: z.string().optional(),
  locale: z.string(),
  createdDateTime: z.string().optional(),
  customProperties,
  foundryProjectName: z.string().optional(),
  links: z.record(z.string(), z.string()).optional(),
});
export type Project = z.infer<typeof projectSchema>;

export const datasetSchema = z.looseObject({
  ...described,
  kind: openString<DatasetKind>(),
  status,
  contentUrl: z.string().optional(),
  links: z.record(z.string(), z.string()).optional(),
  properties: withDuration({
    acceptedLineCount: z.number().optional(),
    rejectedLineCount: z.number().optional(),
    textNormalizationKind: z.string().optional(),
    error: entityErrorSchema.optional(),
  }).optional(),
});
export type Dataset = z.infer<typeof datasetSchema>;

const featuresSchema = z.looseObject({
  supportsAdaptationsWith: z.array(openString<DatasetKind>()).optional(),
  supportsTranscriptionsSubmit: z.boolean().optional(),
  supportsTranscriptionsTranscribe: z.boolean().optional(),
  /** v3.x, before it was split into Submit and Transcribe. */
  supportsTranscriptions: z.boolean().optional(),
  supportsEndpoints: z.boolean().optional(),
  supportsTranscriptionsOnSpeechContainers: z.boolean().optional(),
  supportedOutputFormats: z.array(z.string()).optional(),
});

const deprecationDatesSchema = z.looseObject({
  adaptationDateTime: z.string().optional(),
  transcriptionDateTime: z.string().optional(),
});

export const baseModelSchema = z.looseObject({
  ...described,
  status: status.optional(),
  links: z.record(z.string(), z.string()).optional(),
  properties: z
    .looseObject({
      deprecationDates: deprecationDatesSchema.optional(),
      features: featuresSchema.optional(),
      chargeForAdaptation: z.boolean().optional(),
    })
    .optional(),
});
export type BaseModel = z.infer<typeof baseModelSchema>;

export const customModelSchema = z.looseObject({
  ...described,
  status,
  baseModel: entityReferenceSchema.optional(),
  datasets: z.array(entityReferenceSchema).optional(),
  links: z.record(z.string(), z.string()).optional(),
  properties: z
    .looseObject({
      deprecationDates: deprecationDatesSchema.optional(),
      customModelWeightPercent: z.number().optional(),
      features: featuresSchema.optional(),
      error: entityErrorSchema.optional(),
    })
    .optional(),
});
export type CustomModel = z.infer<typeof customModelSchema>;

/** A metric the service reports as −1 until the evaluation succeeds: undefined until then. */
const metric = z
  .number()
  .optional()
  .transform((value) => (value === undefined || value < 0 ? undefined : value));

const modelMetrics = (n: 1 | 2) => ({
  [`wordErrorRate${n}`]: metric,
  [`sentenceErrorRate${n}`]: metric,
  [`tokenErrorRate${n}`]: metric,
  [`sentenceCount${n}`]: metric,
  [`wordCount${n}`]: metric,
  [`correctWordCount${n}`]: metric,
  [`wordSubstitutionCount${n}`]: metric,
  [`wordDeletionCount${n}`]: metric,
  [`wordInsertionCount${n}`]: metric,
  [`tokenCount${n}`]: metric,
  [`correctTokenCount${n}`]: metric,
  [`tokenSubstitutionCount${n}`]: metric,
  [`tokenDeletionCount${n}`]: metric,
  [`tokenInsertionCount${n}`]: metric,
});

/** The metrics of one model in an evaluation, as numbers (undefined while not known). */
export interface EvaluationMetrics {
  wordErrorRate?: number;
  sentenceErrorRate?: number;
  tokenErrorRate?: number;
  sentenceCount?: number;
  wordCount?: number;
  correctWordCount?: number;
  wordSubstitutionCount?: number;
  wordDeletionCount?: number;
  wordInsertionCount?: number;
  tokenCount?: number;
  correctTokenCount?: number;
  tokenSubstitutionCount?: number;
  tokenDeletionCount?: number;
  tokenInsertionCount?: number;
}

const evaluationPropertiesSchema = z.looseObject({
  ...modelMetrics(1),
  ...modelMetrics(2),
  error: entityErrorSchema.optional(),
  // The local engine's own while an evaluation runs (utterance decodes done, of how many); Azure
  // sends none. Anything else under that name is ignored rather than failing the evaluation.
  progress: z.object({ completed: z.number(), total: z.number() }).optional().catch(undefined),
});

export const evaluationSchema = z.looseObject({
  ...described,
  status,
  model1: entityReferenceSchema.optional(),
  model2: entityReferenceSchema.optional(),
  dataset: entityReferenceSchema.optional(),
  transcription1: entityReferenceSchema.optional(),
  transcription2: entityReferenceSchema.optional(),
  links: z.record(z.string(), z.string()).optional(),
  properties: evaluationPropertiesSchema.optional(),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

/** Model 1's or model 2's metrics of an evaluation, without the numbered property names. */
export function evaluationMetrics(evaluation: Evaluation, model: 1 | 2): EvaluationMetrics {
  const properties = (evaluation.properties ?? {}) as Record<string, unknown>;
  const metrics: Record<string, number> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (typeof value === 'number' && key.endsWith(String(model))) metrics[key.slice(0, -1)] = value;
  }
  return metrics as EvaluationMetrics;
}

export const endpointSchema = z.looseObject({
  ...described,
  status,
  model: entityReferenceSchema.optional(),
  links: z.record(z.string(), z.string()).optional(),
  properties: z
    .looseObject({
      loggingEnabled: z.boolean().optional(),
      error: entityErrorSchema.optional(),
    })
    .optional(),
});
export type Endpoint = z.infer<typeof endpointSchema>;

export const fileSchema = z.looseObject({
  self: z.string(),
  name: z.string(),
  kind: openString<FileKind>(),
  createdDateTime: z.string().optional(),
  links: z.looseObject({ contentUrl: z.string().optional() }).optional(),
  properties: withDuration({ size: z.number().optional() }).optional(),
});
export type SpeechFile = z.infer<typeof fileSchema>;

export const transcriptionSchema = z.looseObject({
  self: z.string(),
  displayName: z.string(),
  locale: z.string(),
  status,
  createdDateTime: z.string().optional(),
  lastActionDateTime: z.string().optional(),
  model: entityReferenceSchema.optional(),
  dataset: entityReferenceSchema.optional(),
  links: z.record(z.string(), z.string()).optional(),
  properties: z.looseObject({ error: entityErrorSchema.optional() }).optional(),
});
export type Transcription = z.infer<typeof transcriptionSchema>;

const blockSchema = z.looseObject({ name: z.string(), size: z.number() });
export const uploadedBlocksSchema = z.looseObject({
  committedBlocks: z.array(blockSchema).optional(),
  uncommittedBlocks: z.array(blockSchema).optional(),
});
export type UploadedBlocks = z.infer<typeof uploadedBlocksSchema>;

export const modelManifestSchema = z.looseObject({
  model: entityReferenceSchema,
  modelFiles: z.array(z.looseObject({ name: z.string(), contentUrl: z.string() })),
  properties: z.record(z.string(), z.unknown()),
});
export type ModelManifest = z.infer<typeof modelManifestSchema>;

export const operationSchema = z.looseObject({
  id: z.string(),
  self: z.string().optional(),
  status: status.optional(),
  result: z.looseObject({ link: z.string().optional() }).optional(),
  error: entityErrorSchema.optional(),
});

export const modelCopyAuthorizationSchema = z.looseObject({
  id: z.string(),
  sourceResourceId: z.string(),
  targetResourceId: z.string(),
  targetResourceRegion: z.string(),
  targetResourceEndpoint: z.string(),
  expirationDateTime: z.string(),
});

/** `GET /datasets/locales`: locales per dataset kind. */
export const datasetLocalesSchema = z.record(z.string(), z.array(z.string()));
/** `GET /{models|endpoints|evaluations|projects}/locales`. */
export const localesSchema = z.array(z.string());
/** `GET /transcriptions/locales`. */
export const transcriptionLocalesSchema = z.looseObject({ Transcribe: z.array(z.string()).optional(), Submit: z.array(z.string()).optional() });

/** A list page: `values` and, when more follow, `@nextLink`. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({ values: z.array(item), '@nextLink': z.string().nullish() });
}
export interface Page<T> {
  values: T[];
  '@nextLink'?: string | null;
}

/** The service's error body: a bare object, with a detailed code in `innerError`. */
export interface InnerError {
  code?: string;
  message?: string;
  target?: string;
  details?: Record<string, string>;
  innerError?: InnerError;
}
const innerErrorSchema: z.ZodType<InnerError> = z.lazy(() =>
  z.looseObject({
    code: z.string().optional(),
    message: z.string().optional(),
    target: z.string().optional(),
    details: z.record(z.string(), z.string()).optional(),
    innerError: innerErrorSchema.optional(),
  }),
);
export const errorBodySchema = z.looseObject({
  code: z.string().optional(),
  message: z.string().optional(),
  target: z.string().optional(),
  innerError: innerErrorSchema.optional(),
});
/** Some gateways wrap it: `{"error": {...}}`. */
export const wrappedErrorBodySchema = z.looseObject({ error: errorBodySchema });
