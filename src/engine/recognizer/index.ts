/** The local engine's speech recognizer: PocketSphinx in-process, one decoder per thread. */
export { DecodePool, defaultDecodeWorkerScript, type DecodeOptions, type FileDecodeResult, type PoolOptions } from './decode-pool';
export { decodeFiles, decodeJobs, type DecodeJob, type DecodeJobsOptions } from './decode-jobs';
export { assertModelFiles, baseModelPaths, DEBIAN_MODEL_DIRECTORY, missingModelFiles, type ModelConfig } from './model-paths';
export { DECODER_SAMPLE_RATE, pcmSamples, readPcmWav } from './pcm-wav';
export { DECODER_SETTINGS, Recognizer, type Hypothesis, type RecognizedWord } from './recognizer';
