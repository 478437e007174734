import { readFile } from 'node:fs/promises';
import { parseEquivalents } from './equivalents';
import { createNormalizer } from './normalize';
import { readCorpus } from './readers';
import { scoreCorpora, type ScoreRun } from './report';
import { ScoringInputError, type CorpusFormat } from './types';

export interface ScoreRequest {
  ref: string;
  hyps: string[];
  normalize: boolean;
  locale: string;
  equivalents?: string;
  speakerPattern?: string;
  refFormat?: CorpusFormat;
  hypFormat?: CorpusFormat;
}

/** Reads the inputs and scores them: what the CLI and the editor's report both run. */
export async function scoreFiles(request: ScoreRequest): Promise<ScoreRun> {
  const plain = createNormalizer({ enabled: request.normalize, locale: request.locale });
  const equivalents = request.equivalents ? parseEquivalents(await readEquivalents(request.equivalents), request.equivalents, (text) => plain.words(text)) : undefined;
  const normalizer = equivalents ? createNormalizer({ enabled: request.normalize, locale: request.locale, equivalents }) : plain;
  const [reference, ...hypotheses] = await Promise.all([
    readCorpus(request.ref, request.refFormat),
    ...request.hyps.map((hyp) => readCorpus(hyp, request.hypFormat)),
  ]);
  return scoreCorpora(reference!, hypotheses, { normalizer, ...(request.speakerPattern ? { speakerPattern: request.speakerPattern } : {}) });
}


async function readEquivalents(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ScoringInputError(file, undefined, `cannot read the equivalents file: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}
