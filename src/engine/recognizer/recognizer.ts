import { performance } from 'node:perf_hooks';
import { assertModelFiles, type ModelConfig } from './model-paths';
import { DECODER_SAMPLE_RATE } from './pcm-wav';
import { NGRAM_AUTO, pocketSphinx, type Cepstra, type Config, type Decoder, type NgramModel, type PocketSphinx } from './pocketsphinx';

export interface RecognizedWord {
  word: string;
  startSeconds: number;
  endSeconds: number;
}

export interface Hypothesis {
  /** The recognized words separated by single spaces, lower case as in the dictionary; '' for silence. */
  text: string;
  words: RecognizedWord[];
  /** The best path's log score (the decoder's log base): only comparable between decodes of the same audio. */
  score: number;
  audioSeconds: number;
  /** Wall-clock time the decode took on this thread. */
  decodeSeconds: number;
}

// Feature frames per second (the decoder's -frate default) and the search's name.
const FRAMES_PER_SECOND = 100;
const SEARCH = 'custom';

/**
 * The search settings every Recognizer uses on top of the model's files. Results depend on the
 * model, these and the audio only, so a decode can be reused while none of them changes.
 */
export const DECODER_SETTINGS: readonly (readonly [string, string])[] = [
  // Caps on the active HMMs and word exits per frame: about twice as fast (real-time factor
  // 0.37 → 0.21 on LibriVox) for about one point of WER — evaluations decode whole test sets.
  ['-maxhmmpf', '3000'],
  ['-maxwpf', '5'],
  // The second (flat-lexicon) pass considers words ending within 2 frames of the first pass's
  // and starting within 10 of its word starts (defaults 4 and 25): on LibriVox 15% faster
  // (real-time factor 0.22 → 0.19) with the same WER (28.2%); results stay independent of what
  // was decoded before (a test checks). Leaving out the lattice pass too would save more, but
  // cost custom models 4 points of WER on the engine benchmark.
  ['-fwdflatefwid', '2'],
  ['-fwdflatsfwin', '10'],
  // Word-final phones pruned with their own tighter beam (default 7e-29): 15–25 % faster, and on
  // 1,600 words of synthetic and LibriVox speech the same number of errors (the 254-word benchmark
  // set alone shows 3 more for custom models; the 1,270-word set 3 fewer).
  ['-lponlybeam', '1e-20'],
];

/**
 * One PocketSphinx decoder: a model loaded once (0.2–0.7 s, 150–220 MB), then utterances decoded
 * one at a time, synchronously — use one Recognizer per worker thread for parallel decoding
 * (decode-pool.ts). Call free() when done: the native memory is not garbage-collected.
 */
export class Recognizer {
  private decoder: Decoder | undefined;
  private readonly api: PocketSphinx;

  /** `searchSettings`: what the search runs with; the benchmark compares the engine's with PocketSphinx's defaults ([]). */
  constructor(
    readonly model: ModelConfig,
    searchSettings: readonly (readonly [string, string])[] = DECODER_SETTINGS,
  ) {
    const weight = model.domainLanguageModel?.weight;
    if (weight !== undefined && !(weight >= 0 && weight <= 1)) throw new RangeError(`The domain language model's weight must be between 0 and 1, not ${weight}.`);
    assertModelFiles(model);
    this.api = pocketSphinx();
    const config = this.api.createConfig([['-hmm', model.acousticModel], ['-dict', model.dictionary], ...searchSettings]);
    if (!config) throw new Error('PocketSphinx rejected the decoder configuration.');
    try {
      const decoder = this.api.ps_init(config);
      if (!decoder) throw new Error(`PocketSphinx could not load the acoustic model ${model.acousticModel} with the dictionary ${model.dictionary}: a file is damaged or they do not match (every phone in the dictionary must exist in the model).`);
      this.decoder = decoder;
      try {
        this.useLanguageModel(config, decoder);
      } catch (error) {
        this.free();
        throw error;
      }
    } finally {
      this.api.cmd_ln_free_r(config); // the decoder keeps its own reference
    }
  }

  /**
   * Decodes `samples` (16 kHz mono) as one utterance, independent of anything decoded before: the
   * result depends on the model and the audio only, whichever thread decodes it and in what order.
   */
  decode(samples: Int16Array): Hypothesis {
    const decoder = this.live();
    const started = performance.now();
    const cepstra = this.features(decoder, samples);
    try {
      this.check(this.api.ps_start_utt(decoder), 'start an utterance');
      let ended = false;
      try {
        // The whole utterance at once: cepstral mean normalization (the model's -cmn batch) then uses its own mean.
        if (cepstra.frames > 0) this.check(this.api.ps_process_cep(decoder, cepstra.block, cepstra.frames, 0, 1), 'search the utterance');
        ended = true;
        this.check(this.api.ps_end_utt(decoder), 'end the utterance');
      } finally {
        if (!ended) this.api.ps_end_utt(decoder);
      }
    } finally {
      this.api.fe_free_2d(cepstra.block);
    }
    const score: [number] = [0];
    const text = this.api.ps_get_hyp(decoder, score) ?? '';
    const audioSeconds = samples.length / DECODER_SAMPLE_RATE;
    return { text, words: this.words(decoder), score: score[0], audioSeconds, decodeSeconds: (performance.now() - started) / 1000 };
  }

  /** Releases the decoder and its models; the Recognizer cannot decode afterwards. Safe to call twice. */
  free(): void {
    if (this.decoder) this.api.ps_free(this.decoder);
    this.decoder = undefined;
  }

  // The generic model alone, or a set interpolating it with the domain model (weights are linear
  // probabilities). The extreme weights leave a model out: a weight of 0 becomes log(0), which the
  // interpolation's integer arithmetic does not survive.
  private useLanguageModel(config: Config, decoder: Decoder): void {
    const { languageModel, domainLanguageModel } = this.model;
    const weight = domainLanguageModel?.weight ?? 0;
    const parts: { name: string; path: string; weight: number }[] = [];
    if (weight < 1) parts.push({ name: 'generic', path: languageModel, weight: 1 - weight });
    if (domainLanguageModel && weight > 0) parts.push({ name: 'domain', path: domainLanguageModel.path, weight });

    const models: NgramModel[] = [];
    try {
      for (const part of parts) {
        const model = this.api.ngram_model_read(config, part.path, NGRAM_AUTO, this.api.ps_get_logmath(decoder));
        if (!model) throw new Error(`PocketSphinx could not read the language model ${part.path}: it must be an ARPA text or binary (DMP) n-gram model.`);
        models.push(model);
      }
      const [only] = models;
      const lm = models.length === 1 && only ? only : this.api.ngram_model_set_init(config, models, parts.map((p) => p.name), parts.map((p) => p.weight), models.length);
      if (!lm) throw new Error('PocketSphinx could not interpolate the language models.');
      try {
        this.check(this.api.ps_set_lm(decoder, SEARCH, lm), 'use the language model (does it contain </s>?)');
        this.check(this.api.ps_set_search(decoder, SEARCH), 'select the language model search');
      } finally {
        if (lm !== only) this.api.ngram_model_free(lm);
      }
    } finally {
      for (const model of models) this.api.ngram_model_free(model);
    }
  }

  // Word segments without fillers (<s>, </s>, <sil>, [NOISE]) and with alternative pronunciations' "(2)" removed.
  private words(decoder: Decoder): RecognizedWord[] {
    const words: RecognizedWord[] = [];
    for (let segment = this.api.ps_seg_iter(decoder); segment; segment = this.api.ps_seg_next(segment)) {
      const word = this.api.ps_seg_word(segment);
      if (/^[<[]/.test(word) || /^\+\+.*\+\+$/.test(word)) continue;
      const start: [number] = [0];
      const end: [number] = [0];
      this.api.ps_seg_frames(segment, start, end);
      words.push({ word: word.replace(/\(\d+\)$/, ''), startSeconds: start[0] / FRAMES_PER_SECOND, endSeconds: (end[0] + 1) / FRAMES_PER_SECOND });
    }
    return words;
  }

  // Cepstra from a front end made for this utterance (cheap: filter banks and tables). The decoder's
  // own front end carries its noise and speech/silence estimates from one utterance to the next,
  // so results would depend on what was decoded before. Measured: a fresh front end scores as a
  // fresh decoder does (LibriVox 28.2%, espeak-ng 25.1% WER); switching noise removal off instead
  // would cost synthetic speech 16 points. The last, partial frame (under one 25.6 ms window) is not used.
  private features(decoder: Decoder, samples: Int16Array): { block: Cepstra; frames: number } {
    const frontEnd = this.api.fe_init_auto_r(this.api.ps_get_config(decoder));
    if (!frontEnd) throw new Error('PocketSphinx could not create a front end from the model\'s feat.params.');
    try {
      const block: [Cepstra | null] = [null];
      const frames: [number] = [0];
      const result = this.api.fe_process_utt(frontEnd, samples, samples.length, block, frames);
      if (!block[0]) throw new Error('PocketSphinx could not compute features of the audio.');
      if (result < 0) {
        this.api.fe_free_2d(block[0]);
        throw new Error(`PocketSphinx could not compute features of the audio (error ${result}).`);
      }
      return { block: block[0], frames: frames[0] };
    } finally {
      this.api.fe_free(frontEnd);
    }
  }

  private live(): Decoder {
    if (!this.decoder) throw new Error('This Recognizer has been freed.');
    return this.decoder;
  }

  private check(result: number, action: string): void {
    if (result < 0) throw new Error(`PocketSphinx failed to ${action} (error ${result}).`);
  }
}
