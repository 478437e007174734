import type * as Koffi from 'koffi';
import { findLibraries, type LibraryPaths } from './library-location';

/**
 * The C functions of PocketSphinx 5prealpha the recognizer calls, bound with koffi. Each thread binds
 * its own (module state is per thread), so every worker thread can run its own decoder.
 *
 * Ownership, as this library version does it (checked with reference counts): `ps_init` retains the
 * config, `ngram_model_set_init` and `ps_set_lm` retain the models given to them — so the caller
 * frees its own references right after handing them over.
 */

declare const handle: unique symbol;
type Handle<Name extends string> = { readonly [handle]: Name };
export type Config = Handle<'cmd_ln_t'>;
export type Decoder = Handle<'ps_decoder_t'>;
export type LogMath = Handle<'logmath_t'>;
export type NgramModel = Handle<'ngram_model_t'>;
export type Segment = Handle<'ps_seg_t'>;
export type FrontEnd = Handle<'fe_t'>;
/** mfcc_t **: one row of cepstra per frame, allocated by fe_process_utt, freed by fe_free_2d. */
export type Cepstra = Handle<'cepstra_t'>;

/** ngram_file_type_t: let the reader tell ARPA text from the binary (DMP / trie) formats. */
export const NGRAM_AUTO = 0;

export interface PocketSphinx {
  /** A decoder configuration from `-name value` pairs; the strings are copied (cmd_ln_init). */
  createConfig(args: readonly (readonly [string, string])[]): Config | null;
  cmd_ln_free_r(config: Config): number;
  ps_init(config: Config): Decoder | null;
  ps_free(decoder: Decoder): number;
  ps_get_logmath(decoder: Decoder): LogMath;
  /** The decoder's configuration, with the model's feat.params merged in; borrowed, not retained. */
  ps_get_config(decoder: Decoder): Config;
  fe_init_auto_r(config: Config): FrontEnd | null;
  fe_free(frontEnd: FrontEnd): number;
  fe_process_utt(frontEnd: FrontEnd, samples: Int16Array, count: number, outCepstra: [Cepstra | null], outFrames: [number]): number;
  fe_free_2d(cepstra: Cepstra): void;
  ngram_model_read(config: Config | null, path: string, fileType: number, lmath: LogMath): NgramModel | null;
  ngram_model_set_init(config: Config | null, models: NgramModel[], names: string[], weights: number[], count: number): NgramModel | null;
  ngram_model_free(model: NgramModel): number;
  ps_set_lm(decoder: Decoder, name: string, model: NgramModel): number;
  ps_set_search(decoder: Decoder, name: string): number;
  ps_start_utt(decoder: Decoder): number;
  ps_process_cep(decoder: Decoder, cepstra: Cepstra, frames: number, noSearch: number, fullUtterance: number): number;
  ps_end_utt(decoder: Decoder): number;
  ps_get_hyp(decoder: Decoder, outScore: [number]): string | null;
  ps_seg_iter(decoder: Decoder): Segment | null;
  /** The next word, or null at the end — the iterator is freed then. */
  ps_seg_next(segment: Segment): Segment | null;
  ps_seg_word(segment: Segment): string;
  ps_seg_frames(segment: Segment, outStart: [number], outEnd: [number]): void;
}

let bound: PocketSphinx | undefined;
let typesDefined = false;

/** This thread's binding, loaded on first use (with logging switched off: the library logs a lot). */
export function pocketSphinx(): PocketSphinx {
  bound ??= bind(findLibraries());
  return bound;
}

function bind(paths: LibraryPaths): PocketSphinx {
  const koffi = requireKoffi();
  // sphinxbase first: libpocketsphinx's dependency on it then resolves to this copy, wherever it is.
  const sphinxbase = koffi.load(paths.sphinxbase);
  const pocketsphinx = koffi.load(paths.pocketsphinx);
  defineTypes(koffi);

  // Process-wide and idempotent: every thread may call it. -logfn would reopen a file per decoder instead.
  sphinxbase.func('void err_set_logfp(void *stream)')(null);

  const psArgs = pocketsphinx.func('const arg_t *ps_args()')();
  const cmdLnInit = sphinxbase.func('cmd_ln_t *cmd_ln_init(cmd_ln_t *inout, const arg_t *defn, int strict, ...)');
  const fn = (library: Koffi.IKoffiLib, prototype: string) => library.func(prototype);
  return {
    createConfig: (args) => cmdLnInit(null, psArgs, 1, ...args.flatMap(([name, value]) => ['str', name, 'str', value]), 'str', null),
    cmd_ln_free_r: fn(sphinxbase, 'int cmd_ln_free_r(cmd_ln_t *config)'),
    ps_init: fn(pocketsphinx, 'ps_decoder_t *ps_init(cmd_ln_t *config)'),
    ps_free: fn(pocketsphinx, 'int ps_free(ps_decoder_t *ps)'),
    ps_get_logmath: fn(pocketsphinx, 'logmath_t *ps_get_logmath(ps_decoder_t *ps)'),
    ps_get_config: fn(pocketsphinx, 'cmd_ln_t *ps_get_config(ps_decoder_t *ps)'),
    fe_init_auto_r: fn(sphinxbase, 'fe_t *fe_init_auto_r(cmd_ln_t *config)'),
    fe_free: fn(sphinxbase, 'int fe_free(fe_t *fe)'),
    fe_process_utt: fn(sphinxbase, 'int fe_process_utt(fe_t *fe, const int16_t *spch, size_t nsamps, _Out_ cepstra_t **cep_block, _Out_ int *nframes)'),
    fe_free_2d: fn(sphinxbase, 'void fe_free_2d(cepstra_t *arr)'),
    ngram_model_read: fn(sphinxbase, 'ngram_model_t *ngram_model_read(cmd_ln_t *config, const char *path, int type, logmath_t *lmath)'),
    ngram_model_set_init: fn(sphinxbase, 'ngram_model_t *ngram_model_set_init(cmd_ln_t *config, ngram_model_t **models, const char **names, const float *weights, int n)'),
    ngram_model_free: fn(sphinxbase, 'int ngram_model_free(ngram_model_t *model)'),
    ps_set_lm: fn(pocketsphinx, 'int ps_set_lm(ps_decoder_t *ps, const char *name, ngram_model_t *lm)'),
    ps_set_search: fn(pocketsphinx, 'int ps_set_search(ps_decoder_t *ps, const char *name)'),
    ps_start_utt: fn(pocketsphinx, 'int ps_start_utt(ps_decoder_t *ps)'),
    ps_process_cep: fn(pocketsphinx, 'int ps_process_cep(ps_decoder_t *ps, cepstra_t *data, int n_frames, int no_search, int full_utt)'),
    ps_end_utt: fn(pocketsphinx, 'int ps_end_utt(ps_decoder_t *ps)'),
    ps_get_hyp: fn(pocketsphinx, 'const char *ps_get_hyp(ps_decoder_t *ps, _Out_ int *score)'),
    ps_seg_iter: fn(pocketsphinx, 'ps_seg_t *ps_seg_iter(ps_decoder_t *ps)'),
    ps_seg_next: fn(pocketsphinx, 'ps_seg_t *ps_seg_next(ps_seg_t *seg)'),
    ps_seg_word: fn(pocketsphinx, 'const char *ps_seg_word(ps_seg_t *seg)'),
    ps_seg_frames: fn(pocketsphinx, 'void ps_seg_frames(ps_seg_t *seg, _Out_ int *start, _Out_ int *end)'),
  };
}

// Named opaque types: koffi then refuses a decoder where a language model is expected. Once per
// thread: koffi refuses a second definition, and a failed bind may be retried.
function defineTypes(koffi: typeof Koffi): void {
  if (typesDefined) return;
  for (const name of ['arg_t', 'cmd_ln_t', 'ps_decoder_t', 'logmath_t', 'ngram_model_t', 'ps_seg_t', 'fe_t', 'cepstra_t']) koffi.opaque(name);
  typesDefined = true;
}

// Required on first use, not imported: code that only imports the engine keeps working without
// koffi, and a missing install gets a message saying what to do. esbuild.mjs bundles koffi into
// dist/decode-worker.js with its native module for a few platforms only (dist/koffi/<platform>/).
function requireKoffi(): typeof Koffi {
  try {
    return require('koffi') as typeof Koffi;
  } catch (error) {
    throw new Error(
      `koffi (the bridge from Node.js to PocketSphinx) cannot be loaded on ${process.platform}-${process.arch}: ` +
        `in a clone run \`npm install\` or \`npm run setup\`; the packaged extension carries it for Linux x64 and arm64, ` +
        `\`npm run package -- --target <vsce target>\` packages it for another. (${(error as Error).message})`,
    );
  }
}
