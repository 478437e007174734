/** The local engine's speech recognizer: PocketSphinx in-process, one decoder per thread. */
export { DecodePool, decodeFiles, defaultDecodeWorkerScript, type DecodeOptions, type FileDecodeResult, type PoolOptions } from './decode-pool';
export { assertModelFiles, baseModelPaths, DEBIAN_MODEL_DIRECTORY, missingModelFiles, type ModelConfig } from './model-paths';
export { DECODER_SAMPLE_RATE, pcmSamples, readPcmWav } from './pcm-wav';
export { Recognizer, type Hypothesis, type RecognizedWord } from './recognizer';
