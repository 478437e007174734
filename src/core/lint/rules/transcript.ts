import { unsupportedFormatReason, type WavHeader } from '../../formats/wav';
import { audioLookupsFor, type AudioLookups, type AudioSummary } from '../audio-lookups';
import type { AudioLookup } from '../../formats/audio-folder';
import type { Range, TextEdit } from '../problem';
import { MAX_LINE_CHARS } from '../line-reader';
import { lineRule, type Rule, type RuleContext } from '../rule';
import { transcriptNamesFor } from '../transcript-names';
import { findNotSpokenForms } from '../spoken-form';
import { findRepetitionsFast, findUrisFast } from '../fast-text-checks';
import { describeChar, findNonAscii, type Span } from '../text-checks';
import { formatCount, missingBomRule, quote } from './shared';

/**
 * Rules for human-labeled transcripts: one line per audio file, `<file>.wav<TAB><verbatim transcript>`.
 *
 * Conventions: empty lines are skipped silently; lines of only spaces/tabs get one problem
 * (`transcript/whitespace-only-line`) and are skipped by every other rule; lines without a tab get
 * `transcript/missing-tab` and are skipped by the rules that need to know the name or the text.
 * Audio rules run only when the linter knows the audio folder (`options.audio`); they remember the
 * names (and where they are written) line by line and read the headers at the end, a bounded number
 * at a time, sharing the reads across rules.
 */

// ---------------------------------------------------------------------------------------------
// Line anatomy

interface Entry {
  /** Column of the tab that separates the name from the text. */
  tab: number;
  /** The audio name without surrounding whitespace, as written. */
  name: string;
  nameStart: number;
  nameEnd: number;
  /** The name as looked up: trimmed, `\` read as `/`. */
  key: string;
  /** Column where the transcript text starts (after the tab). */
  textStart: number;
}

const WAV = /\.wav$/i;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0xa0 || code === 0x3000 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f || code === 0xfeff;
}

/** Only spaces and tabs (or other white space), but not empty: a line that looks empty and is not. */
function isWhitespaceOnly(text: string): boolean {
  if (!text.length) return false;
  for (let i = 0; i < text.length; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

let rawText: string | undefined;
let cappedText = '';

/**
 * The part of a line the rules look at: its first `MAX_LINE_CHARS` characters, as much as the CLI's
 * line reader keeps (`file/huge-line` tells the user). Keeps a 10 MB line from costing seconds.
 */
function checked(text: string): string {
  if (text !== rawText) {
    rawText = text;
    cappedText = text.length > MAX_LINE_CHARS ? text.slice(0, MAX_LINE_CHARS) : text;
  }
  return cappedText;
}

/** A stateless per-line transcript rule, seeing the checked part of each line. */
function transcriptLineRule(meta: Omit<Rule, 'create'>, check: (text: string, line: number, context: RuleContext) => void): Rule {
  return lineRule(meta, (text, line, context) => check(checked(text), line, context));
}

let memoText: string | undefined;
let memoEntry: Entry | undefined;

/** The parts of a (checked) line, or undefined for empty, whitespace-only or tab-less lines. */
function entryOf(text: string): Entry | undefined {
  if (text === memoText) return memoEntry;
  memoText = text;
  memoEntry = undefined;
  const tab = text.indexOf('\t');
  if (tab < 0 || isWhitespaceOnly(text)) return undefined;
  let nameStart = 0;
  while (nameStart < tab && isSpace(text.charCodeAt(nameStart))) nameStart++;
  let nameEnd = tab;
  while (nameEnd > nameStart && isSpace(text.charCodeAt(nameEnd - 1))) nameEnd--;
  const name = text.slice(nameStart, nameEnd);
  memoEntry = { tab, name, nameStart, nameEnd, key: name.includes('\\') ? name.replace(/\\/g, '/') : name, textStart: tab + 1 };
  return memoEntry;
}

/** An absolute name, or one that climbs out of the folder (`transcript/audio-path` reports it). */
function leavesFolder(key: string): boolean {
  return key.startsWith('/') || /^[A-Za-z]:/.test(key) || (key.includes('..') && key.split('/').includes('..'));
}

/** An entry whose name can be looked up in the audio folder (a `.wav` name inside the folder). */
function audioEntryOf(text: string): Entry | undefined {
  const entry = entryOf(text);
  return entry && entry.name && WAV.test(entry.name) && !leavesFolder(entry.key) ? entry : undefined;
}

function nameRange(line: number, entry: Entry): Range {
  return { line, start: entry.nameStart, end: entry.nameEnd };
}

function isLocale(locale: string, wanted: string): boolean {
  return locale.toLowerCase() === wanted.toLowerCase();
}

/** Runs `rule` only for the locales `applies` accepts. */
function forLocales(applies: (locale: string) => boolean, rule: Rule): Rule {
  return { ...rule, create: (context) => (applies(context.options.locale) ? rule.create(context) : {}) };
}

const q = quote;


/** Human line number (1-based). */
function lineNo(line: number): string {
  return formatCount(line + 1);
}

/** At most this many problems of one rule on one line; the rest are summarised in one more. */
const MAX_PER_LINE = 50;
/** A quick fix with more edits than this is not offered (the line is not a transcript line anyway). */
const MAX_FIX_EDITS = 1000;

// ---------------------------------------------------------------------------------------------
// Line structure

const whitespaceOnlyLine = transcriptLineRule(
  {
    code: 'transcript/whitespace-only-line',
    kind: 'transcript',
    severity: 'warning',
    doc: 'A line of only spaces or tabs: it looks empty but names no audio file and holds no transcript.',
  },
  (text, line, context) => {
    if (!isWhitespaceOnly(text)) return;
    const what = text.includes('\t') ? (text === '\t' ? 'a tab' : 'tabs and spaces') : 'spaces';
    context.report({ line, start: 0, end: text.length }, `This line holds only ${what}: it names no audio file and has no transcript. Remove it.`, {
      title: 'Remove the whitespace',
      edits: [{ range: { line, start: 0, end: text.length }, newText: '' }],
    });
  },
);

// `name.wav` then spaces then text: the spaces were meant to be a tab.
const SPACES_AFTER_WAV = /\.wav( +)(?=\S)/i;

const missingTab = transcriptLineRule(
  {
    code: 'transcript/missing-tab',
    kind: 'transcript',
    severity: 'error',
    doc: 'No tab on the line: each line must be `<audio file name><TAB><verbatim transcript>`.',
  },
  (text, line, context) => {
    if (!text.length || text.includes('\t') || isWhitespaceOnly(text)) return;
    const spaced = SPACES_AFTER_WAV.exec(text);
    if (spaced) {
      const start = spaced.index + 4;
      const end = start + spaced[1]!.length;
      context.report(
        { line, start, end },
        `No tab between the audio file name ${q(text.slice(0, start))} and the transcript: they are separated by spaces. Each line must be <file>.wav<TAB><transcript>.`,
        { title: 'Replace the spaces by a tab', edits: [{ range: { line, start, end }, newText: '\t' }] },
      );
      return;
    }
    const trimmed = text.trim();
    const message = WAV.test(trimmed) && !/\s/.test(trimmed)
      ? `The line names the audio file ${q(trimmed)} but has no tab and no transcript: write <file>.wav<TAB><transcript>.`
      : 'No tab on this line: each line must be <audio file name><TAB><verbatim transcript>, e.g. "speech01.wav<TAB>hello world".';
    context.report({ line, start: 0, end: text.length }, message);
  },
);

const extraTab = transcriptLineRule(
  {
    code: 'transcript/extra-tab',
    kind: 'transcript',
    severity: 'error',
    doc: 'More than one tab on a line: the first tab ends the audio name, and the transcript text may not contain tabs.',
  },
  (text, line, context) => {
    const entry = entryOf(text);
    if (!entry) return;
    const edits: TextEdit[] = [];
    let tabs = 0;
    let runs = 0;
    let first: Range | undefined;
    for (let at = text.indexOf('\t', entry.tab + 1); at >= 0; at = text.indexOf('\t', at)) {
      const start = at;
      while (text[at] === '\t') at++;
      tabs += at - start;
      first ??= { line, start, end: at };
      // Tabs next to the separator, the line end or a space go; a tab between two words becomes a space.
      const vanish = start === entry.tab + 1 || at === text.length || text[start - 1] === ' ' || text[at] === ' ';
      if (++runs <= MAX_FIX_EDITS) edits.push({ range: { line, start, end: at }, newText: vanish ? '' : ' ' });
    }
    if (!first) return;
    context.report(
      first,
      `${tabs === 1 ? 'An extra tab' : `${formatCount(tabs)} extra tabs`} in the transcript of ${q(entry.name)}: only the first tab may separate the audio name from the text, and the text may not contain tabs.`,
      runs <= MAX_FIX_EDITS ? { title: tabs === 1 ? 'Replace the extra tab by a space' : 'Replace the extra tabs by spaces', edits } : undefined,
    );
  },
);

const missingAudioName = transcriptLineRule(
  {
    code: 'transcript/missing-audio-name',
    kind: 'transcript',
    severity: 'error',
    doc: 'Nothing before the tab: each line must start with the name of its audio file.',
  },
  (text, line, context) => {
    const entry = entryOf(text);
    if (!entry || entry.name) return;
    context.report({ line, start: 0, end: Math.max(entry.tab, 1) }, 'No audio file name before the tab: each line must start with the name of its .wav file, e.g. "speech01.wav<TAB>hello world".');
  },
);

const emptyText = transcriptLineRule(
  {
    code: 'transcript/empty-text',
    kind: 'transcript',
    severity: 'error',
    doc: 'Nothing (or only spaces) after the tab: every audio file needs the verbatim transcript of what is said in it.',
  },
  (text, line, context) => {
    const entry = entryOf(text);
    if (!entry) return;
    for (let i = entry.textStart; i < text.length; i++) if (!isSpace(text.charCodeAt(i))) return;
    const end = Math.max(text.length, entry.tab + 1);
    const who = entry.name ? ` for ${q(entry.name)}` : '';
    context.report({ line, start: entry.tab, end }, `No transcript after the tab${who}: write the words spoken in the audio, verbatim.`);
  },
);

const audioNameWhitespace = transcriptLineRule(
  {
    code: 'transcript/audio-name-whitespace',
    kind: 'transcript',
    severity: 'error',
    doc: 'Spaces before or after the audio file name: they become part of the name, and no such file exists.',
  },
  (text, line, context) => {
    const entry = entryOf(text);
    if (!entry || !entry.name) return;
    const edits: TextEdit[] = [];
    if (entry.nameStart > 0) edits.push({ range: { line, start: 0, end: entry.nameStart }, newText: '' });
    if (entry.nameEnd < entry.tab) edits.push({ range: { line, start: entry.nameEnd, end: entry.tab }, newText: '' });
    const first = edits[0];
    if (!first) return;
    const where = edits.length === 2 ? 'before and after' : entry.nameStart > 0 ? 'before' : 'after';
    context.report(first.range, `White space ${where} the audio file name ${q(entry.name)}: it becomes part of the name, and the service finds no file named ${q(text.slice(0, entry.tab))}.`, {
      title: 'Remove the white space around the name',
      edits,
    });
  },
);

const audioPath = transcriptLineRule(
  {
    code: 'transcript/audio-path',
    kind: 'transcript',
    severity: 'error',
    doc: 'The audio name is an absolute path, leaves the folder (`..`), or uses `\\` as separator: audio is found by name inside the dataset zip.',
  },
  (text, line, context) => {
    const entry = entryOf(text);
    if (!entry || !entry.name) return;
    const { key, name } = entry;
    if (leavesFolder(key)) {
      context.report(nameRange(line, entry), `The audio file name ${q(name)} points outside the transcript's folder: write the name of a file beside the transcript (the service looks names up inside the dataset zip).`);
      return;
    }
    const slash = name.indexOf('\\');
    if (slash < 0) return;
    const start = entry.nameStart + slash;
    const edits: TextEdit[] = [];
    for (let at = start; at >= 0 && at < entry.nameEnd; at = text.indexOf('\\', at + 1)) edits.push({ range: { line, start: at, end: at + 1 }, newText: '/' });
    context.report({ line, start, end: start + 1 }, `The audio file name ${q(name)} uses "\\" as a path separator: zip paths use "/", write ${q(key)}.`, {
      title: 'Use "/" as path separator',
      edits,
    });
  },
);

const audioNotWav = transcriptLineRule(
  {
    code: 'transcript/audio-not-wav',
    kind: 'transcript',
    severity: 'error',
    doc: 'The audio file name does not end in `.wav`: the service accepts only WAV audio (RIFF, 16-bit PCM, 8 or 16 kHz, mono).',
  },
  (text, line, context) => {
    const entry = entryOf(text);
    if (!entry || !entry.name || WAV.test(entry.name)) return;
    const base = entry.name.slice(entry.name.lastIndexOf('/') + 1);
    const dot = base.lastIndexOf('.');
    const message = dot > 0
      ? `The audio file ${q(entry.name)} is not a .wav file: the service accepts only WAV audio (RIFF, 16-bit PCM, 8 or 16 kHz, mono); convert it and name the .wav file here.`
      : `The audio file name ${q(entry.name)} has no .wav extension: write the file's full name, e.g. ${q(`${entry.name}.wav`)}.`;
    context.report(nameRange(line, entry), message);
  },
);

/**
 * The audio name in a clean line's head (see `transcriptPrefilter`): the head is the name, which is
 * its own key (ASCII, no white space around it, no `\`), then the tab.
 */
function headName(bytes: Buffer, start: number, end: number): string {
  return bytes.toString('latin1', start, end - 1);
}

function headNameRange(line: number, start: number, end: number): Range {
  return { line, start: 0, end: end - 1 - start };
}

const duplicateAudio: Rule = {
  code: 'transcript/duplicate-audio',
  kind: 'transcript',
  severity: 'error',
  doc: 'The same audio file is named on two lines: each audio file has exactly one transcript line.',
  create(context) {
    const names = transcriptNamesFor(context.options);
    const report = (range: Range, name: string, first: number) =>
      context.report(range, `The audio file ${q(name)} is already named on line ${lineNo(first)}: each audio file must have exactly one transcript line.`);
    return {
      line(text, line) {
        const entry = entryOf(checked(text));
        if (!entry || !entry.name) return;
        const first = names.firstLineOf(entry.key, line);
        if (first !== line) report(nameRange(line, entry), entry.name, first);
      },
      head(bytes, start, end, line) {
        const first = names.firstLineOfBytes(bytes, start, end - 1, line);
        if (first !== line) report(headNameRange(line, start, end), headName(bytes, start, end), first);
      },
    };
  },
};

/** A dataset zip holds at most this many files, the transcript included. */
export const MAX_ZIP_FILES = 10_000;

const tooManyFiles: Rule = {
  code: 'transcript/too-many-files',
  kind: 'transcript',
  severity: 'error',
  doc: `More audio files than fit in one dataset: a zip holds at most ${formatCount(MAX_ZIP_FILES)} files, the transcript included; split the data into several datasets.`,
  create(context) {
    const names = transcriptNamesFor(context.options);
    let reported = false;
    // Whether the name just added is one too many; the range is made only then (heads come by the 100,000).
    const overLimit = (isNew: boolean) => isNew && names.size >= MAX_ZIP_FILES;
    const report = (range: Range) => {
      reported = true;
      context.report(
        range,
        `This is audio file number ${formatCount(names.size)}: with the transcript that makes more than ${formatCount(MAX_ZIP_FILES)} files, the most a dataset zip may hold. Split the data into several datasets from here on.`,
      );
    };
    return {
      line(text, line) {
        if (reported) return;
        const entry = entryOf(checked(text));
        if (entry && entry.name && overLimit(names.firstLineOf(entry.key, line) === line)) report(nameRange(line, entry));
      },
      head(bytes, start, end, line) {
        if (!reported && overLimit(names.firstLineOfBytes(bytes, start, end - 1, line) === line)) report(headNameRange(line, start, end));
      },
    };
  },
};

// ---------------------------------------------------------------------------------------------
// Audio files (need `options.audio`)

/**
 * An audio rule: `check` sees each named file's lookup at the end. The names are collected line by
 * line once per run (by the first audio rule) and their headers read once, shared by all audio rules.
 */
function audioRule(meta: Omit<Rule, 'create'>, check: (summary: AudioSummary, lookups: AudioLookups, context: RuleContext) => void | Promise<void>): Rule {
  const rule: Rule = {
    ...meta,
    create(context) {
      const lookups = audioLookupsFor(context.options);
      if (!lookups) return {};
      const end = async () => check(await lookups.summary(), lookups, context);
      if (!lookups.collects(rule)) return { end };
      return {
        line(text, line) {
          const entry = audioEntryOf(checked(text));
          if (entry) lookups.add({ key: entry.key, name: entry.name, range: nameRange(line, entry) }, isOrdinaryAudio);
        },
        head(bytes, start, headEnd, line) {
          // A clean line names a .wav file inside the folder.
          const name = headName(bytes, start, headEnd);
          lookups.add({ key: name, name, range: headNameRange(line, start, headEnd) }, isOrdinaryAudio);
        },
        end,
      };
    },
  };
  return rule;
}

/** A file no audio rule has anything to say about: the usual case, counted, not walked by every rule. */
function isOrdinaryAudio(result: AudioLookup): boolean {
  if (result.kind !== 'found') return false;
  const { header } = result;
  return header.dataBytes > 0 && header.durationSeconds <= MAX_TRAINING_SECONDS && !unsupportedFormatReason(header);
}

const audioMissing = audioRule(
  {
    code: 'transcript/audio-missing',
    kind: 'transcript',
    severity: 'error',
    doc: 'The audio file named on the line is not in the transcript\'s folder: the dataset zip must hold every audio file the transcript names.',
  },
  async ({ notable }, lookups, context) => {
    const missing = notable.filter(({ result }) => result.kind === 'missing').map(({ named }) => named);
    if (!missing.length) return;
    // A file that differs only in case is almost certainly the one meant.
    const byLowerCase = new Map<string, string>();
    for (const file of await lookups.listWavFiles()) byLowerCase.set(file.toLowerCase(), file);
    for (const { key, name, range } of missing) {
      const near = key.includes('/') ? undefined : byLowerCase.get(key.toLowerCase());
      if (near && near !== key) {
        context.report(range, `Audio file ${q(name)} not found beside the transcript; there is ${q(near)}, which differs in case (names are case-sensitive in a zip).`, {
          title: `Write ${q(near)}`,
          edits: [{ range, newText: near }],
        });
      } else {
        context.report(range, `Audio file ${q(name)} not found beside the transcript: the dataset zip must hold every audio file the transcript names.`);
      }
    }
  },
);

const audioFormat = audioRule(
  {
    code: 'transcript/audio-format',
    kind: 'transcript',
    severity: 'error',
    doc: 'The audio file is not a WAV the service accepts: RIFF WAV, 16-bit PCM, 8000 or 16000 Hz, mono (or it cannot be read at all).',
  },
  ({ notable }, _lookups, context) => {
    for (const { named: { name, range }, result } of notable) {
      if (result.kind === 'unreadable') {
        context.report(range, `Audio file ${q(name)} is not usable WAV audio: ${result.reason}.`);
      } else if (result.kind === 'found') {
        const reason = unsupportedFormatReason(result.header);
        if (reason) {
          context.report(
            range,
            `Audio file ${q(name)} has an unsupported format: ${reason}. Convert it, e.g. "sox in.wav -r 16000 -c 1 -b 16 -e signed-integer out.wav".`,
          );
        }
      }
    }
  },
);

const audioEmpty = audioRule(
  {
    code: 'transcript/audio-empty',
    kind: 'transcript',
    severity: 'warning',
    doc: 'The WAV file holds no audio samples: there is nothing to train or test on.',
  },
  ({ notable }, _lookups, context) => {
    for (const { named: { name, range }, result } of notable) {
      if (result.kind === 'found' && result.header.dataBytes === 0) context.report(range, `Audio file ${q(name)} holds no audio: its "data" chunk is empty (0 s).`);
    }
  },
);

/** Files longer than this are not used for acoustic training (only their text is). */
export const MAX_TRAINING_SECONDS = 40;
/** Files longer than this are rejected. */
export const MAX_AUDIO_SECONDS = 2 * 60 * 60;

function duration(header: WavHeader): number {
  return header.durationSeconds;
}

/** `41.0 s`, `3 min 5 s`, `2 h 0 min 5 s`. */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const min = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  return h ? `${h} h ${min} min ${s} s` : `${min} min ${s} s`;
}

const audioTooLongForTraining = audioRule(
  {
    code: 'transcript/audio-too-long-for-training',
    kind: 'transcript',
    severity: 'warning',
    doc: `Audio longer than ${MAX_TRAINING_SECONDS} s: training uses only its text, not its audio (testing accepts up to 2 h).`,
  },
  ({ notable }, _lookups, context) => {
    for (const { named: { name, range }, result } of notable) {
      if (result.kind !== 'found') continue;
      const seconds = duration(result.header);
      if (seconds > MAX_TRAINING_SECONDS && seconds <= MAX_AUDIO_SECONDS) {
        context.report(
          range,
          `Audio file ${q(name)} is ${formatDuration(seconds)} long: for files over ${MAX_TRAINING_SECONDS} s training uses only the text, not the audio (testing accepts up to 2 h). Cut it into utterances under ${MAX_TRAINING_SECONDS} s to train on its audio.`,
        );
      }
    }
  },
);

const audioTooLong = audioRule(
  {
    code: 'transcript/audio-too-long',
    kind: 'transcript',
    severity: 'error',
    doc: 'Audio longer than 2 hours: the service rejects it, for training and for testing.',
  },
  ({ notable }, _lookups, context) => {
    for (const { named: { name, range }, result } of notable) {
      if (result.kind === 'found' && duration(result.header) > MAX_AUDIO_SECONDS) {
        context.report(range, `Audio file ${q(name)} is ${formatDuration(duration(result.header))} long: the service rejects audio files over 2 hours. Split it into shorter files.`);
      }
    }
  },
);

const allAudioTooLongForTraining = audioRule(
  {
    code: 'transcript/all-audio-too-long-for-training',
    kind: 'transcript',
    severity: 'warning',
    doc: `Every audio file is longer than ${MAX_TRAINING_SECONDS} s: training on this dataset fails (fine for a test dataset).`,
  },
  ({ notable, ordinary }, _lookups, context) => {
    if (ordinary > 0) return; // an ordinary file is short enough to train on
    const long = new Set<string>();
    for (const { named, result } of notable) {
      if (result.kind !== 'found') continue;
      if (duration(result.header) <= MAX_TRAINING_SECONDS) return;
      long.add(named.key);
    }
    const found = long.size;
    if (!found) return;
    context.report(
      { line: 0, start: 0, end: 0 },
      `All ${found === 1 ? 'the audio' : `${formatCount(found)} audio files`} found ${found === 1 ? 'is' : 'are'} longer than ${MAX_TRAINING_SECONDS} s: training on this dataset would fail. It is fine as a test dataset; to train, cut the audio into utterances under ${MAX_TRAINING_SECONDS} s.`,
    );
  },
);

/** Beyond this many, audio files without a transcript line are summarised in one problem. */
export const MAX_LISTED_UNNAMED_AUDIO = 20;

const audioWithoutTranscript: Rule = {
  code: 'transcript/audio-without-transcript',
  kind: 'transcript',
  severity: 'info',
  doc: 'A .wav file in the transcript\'s folder that no line names: it is not used for training or testing.',
  create(context) {
    if (!context.options.audio) return {};
    const named = transcriptNamesFor(context.options);
    return {
      line(text, line) {
        const entry = entryOf(checked(text));
        if (entry && entry.name) named.firstLineOf(entry.key, line);
      },
      head(bytes, start, end, line) {
        named.firstLineOfBytes(bytes, start, end - 1, line);
      },
      async end() {
        const files = await audioLookupsFor(context.options)!.listWavFiles();
        // A file named with other letter case is reported by `transcript/audio-missing`, with a fix.
        let unnamed = files.filter((file) => !named.has(file));
        if (unnamed.length) {
          const namedLowerCase = new Set(named.names().map((name) => name.toLowerCase()));
          unnamed = unnamed.filter((file) => !namedLowerCase.has(file.toLowerCase()));
        }
        const at: Range = { line: 0, start: 0, end: 0 };
        for (const file of unnamed.slice(0, MAX_LISTED_UNNAMED_AUDIO)) {
          context.report(at, `Audio file ${q(file)} is in the folder, but no line of this transcript names it: it will not be used. Add a line "${file}<TAB>transcript", or remove the file.`);
        }
        const rest = unnamed.slice(MAX_LISTED_UNNAMED_AUDIO);
        if (rest.length) {
          const sample = rest.slice(0, 3).map((file) => q(file)).join(', ');
          context.report(at, `${formatCount(rest.length)} more .wav ${rest.length === 1 ? 'file' : 'files'} in the folder ${rest.length === 1 ? 'is' : 'are'} named on no line of this transcript (${sample}${rest.length > 3 ? ', …' : ''}).`);
        }
      },
    };
  },
};

// ---------------------------------------------------------------------------------------------
// Text and encoding

const isEnUs = (locale: string) => isLocale(locale, 'en-US');

const nonAscii = forLocales(
  isEnUs,
  transcriptLineRule(
    {
      code: 'transcript/non-ascii',
      kind: 'transcript',
      severity: 'warning',
      doc: 'en-US transcripts must be plain ASCII: curly quotes, dashes, non-breaking spaces and accented letters are flagged, in the text and in the audio name.',
    },
    (text, line, context) => {
      const found = findNonAscii(text);
      if (!found.length) return;
      const tab = text.indexOf('\t');
      for (const [index, span] of found.entries()) {
        if (index === MAX_PER_LINE) {
          context.report({ line, start: span.start, end: text.length }, `${found.length - MAX_PER_LINE} more non-ASCII characters on this line: en-US transcripts must be plain ASCII.`);
          break;
        }
        const count = (span.end - span.start) / span.char.length;
        const printable = span.char.codePointAt(0)! >= 0x20 && !/\s/.test(span.char) && span.char !== '\u200B';
        const what = `Non-ASCII ${count > 1 ? `characters ${printable ? `${q(text.slice(span.start, span.end))} ` : ''}(${count} × ${describeChar(span.char)})` : `character ${printable ? `${q(span.char)} ` : ''}(${describeChar(span.char)})`}`;
        const range = { line, start: span.start, end: span.end };
        if (tab >= 0 && span.start < tab) {
          context.report(range, `${what} in the audio file name: en-US datasets must be plain ASCII. Rename the file with ASCII characters only, and this entry with it.`);
        } else if (span.replacement !== undefined) {
          const instead = span.replacement ? `write ${q(span.replacement)} instead` : 'delete it';
          context.report(range, `${what}: en-US transcripts must be plain ASCII; ${instead}.`, {
            title: span.replacement ? `Replace by ${q(span.replacement)}` : 'Delete the invisible character',
            edits: [{ range, newText: span.replacement }],
          });
        } else {
          context.report(range, `${what}: en-US transcripts must be plain ASCII; write the word with ASCII letters, as spoken.`);
        }
      }
    },
  ),
);

const missingBom = missingBomRule(
  {
    code: 'transcript/missing-bom',
    kind: 'transcript',
    severity: 'warning',
    doc: 'Transcripts in locales other than en-US must be saved as UTF-8 with BOM (byte order mark).',
  },
  'Save as UTF-8 with BOM: transcripts in this locale must start with a byte order mark, and this file has none.',
  (options) => !isEnUs(options.locale),
);

const repetition = transcriptLineRule(
  {
    code: 'transcript/repetition',
    kind: 'transcript',
    severity: 'warning',
    doc: 'A character, word or phrase repeated more than 3 times in a row: the service may drop such lines.',
  },
  (text, line, context) => {
    const entry = entryOf(text);
    if (!entry) return;
    const body = text.slice(entry.textStart);
    for (const span of findRepetitionsFast(body).slice(0, MAX_PER_LINE)) {
      const what = span.unit.length === 1 && !/[\p{L}\p{N}]/u.test(span.unit) ? 'Character' : span.unit.length === 1 ? 'Letter' : /[ \t]/.test(span.unit) ? 'Phrase' : 'Word';
      const times = Math.floor(span.times);
      context.report(
        { line, start: entry.textStart + span.start, end: entry.textStart + span.end },
        `${what} ${q(span.unit)} repeated ${times} times in a row: the service may drop lines that repeat a character, word or phrase more than 3 times. If it was really said so, consider leaving the line out.`,
      );
    }
  },
);

const notSpokenForm = forLocales(
  isEnUs,
  transcriptLineRule(
    {
      code: 'transcript/not-spoken-form',
      kind: 'transcript',
      severity: 'warning',
      doc: 'Digits, symbols and abbreviations in an en-US transcript: write what was said ("three", "and", "doctor", "U S").',
    },
    (text, line, context) => {
      const entry = entryOf(text);
      if (!entry) return;
      const body = text.slice(entry.textStart);
      const found = findNotSpokenForms(body, findUrisFast(body), MAX_PER_LINE + 1);
      for (const [index, issue] of found.entries()) {
        const start = entry.textStart + issue.start;
        if (index === MAX_PER_LINE) {
          context.report({ line, start, end: text.length }, `More numbers, symbols or abbreviations not written as spoken on the rest of this line (only the first ${MAX_PER_LINE} are listed).`);
          break;
        }
        const range = { line, start, end: entry.textStart + issue.end };
        const replacement = issue.replacement;
        context.report(
          range,
          issue.message,
          replacement === undefined ? undefined : { title: `Write ${q(replacement.trim())}`, edits: [{ range, newText: replacement }] },
        );
      }
    },
  ),
);

const uri = transcriptLineRule(
  {
    code: 'transcript/uri',
    kind: 'transcript',
    severity: 'warning',
    doc: 'A URI in the transcript: write what was said ("w w w dot contoso dot com"), as the audio says it.',
  },
  (text, line, context) => {
    const entry = entryOf(text);
    if (!entry) return;
    for (const span of findUrisFast(text.slice(entry.textStart)).slice(0, MAX_PER_LINE)) {
      const written = text.slice(entry.textStart + span.start, entry.textStart + span.end);
      context.report(
        { line, start: entry.textStart + span.start, end: entry.textStart + span.end },
        `URI ${q(written)} in the transcript: write it as it was spoken, e.g. "w w w dot contoso dot com", or leave the line out.`,
      );
    }
  },
);

/** ja-JP transcript lines longer than this (in characters) are dropped by the service. */
export const JA_MAX_LINE_CHARS = 90;

const jaLineTooLong = forLocales(
  (locale) => isLocale(locale, 'ja-JP'),
  transcriptLineRule(
    {
      code: 'transcript/ja-line-too-long',
      kind: 'transcript',
      severity: 'warning',
      doc: `ja-JP transcripts longer than ${JA_MAX_LINE_CHARS} characters (counted in the text after the tab) are dropped by the service.`,
    },
    (text, line, context) => {
      const entry = entryOf(text);
      if (!entry) return;
      let chars = 0;
      let cut = -1;
      for (let i = entry.textStart; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code >= 0xdc00 && code <= 0xdfff) continue; // second half of a surrogate pair
        if (++chars === JA_MAX_LINE_CHARS + 1) cut = i;
      }
      if (chars <= JA_MAX_LINE_CHARS) return;
      context.report(
        { line, start: cut, end: text.length },
        `This transcript has ${formatCount(chars)} characters: the service drops ja-JP transcript lines over ${JA_MAX_LINE_CHARS} characters. Cut the audio into shorter utterances.`,
      );
    },
  ),
);

const FULL_WIDTH: Readonly<Record<string, string>> = { ',': '，', '.': '。', '?': '？', '!': '！', ':': '：', ';': '；' };

function isAsciiAlnum(c: string | undefined): boolean {
  return c !== undefined && /^[A-Za-z0-9]$/.test(c);
}

const zhHalfwidthPunctuation = forLocales(
  (locale) => isLocale(locale, 'zh-CN'),
  transcriptLineRule(
    {
      code: 'transcript/zh-halfwidth-punctuation',
      kind: 'transcript',
      severity: 'info',
      doc: 'zh-CN transcripts use full-width punctuation (，。？！：；), not ASCII , . ? ! : ;',
    },
    (text, line, context) => {
      const entry = entryOf(text);
      if (!entry) return;
      let reported = 0;
      for (let i = entry.textStart; i < text.length && reported < MAX_PER_LINE; i++) {
        const char = text[i]!;
        const full = FULL_WIDTH[char];
        if (full === undefined) continue;
        let end = i + 1;
        while (text[end] === char) end++;
        // 3.14, 1,000, 10:30, Node.js: ASCII punctuation inside an ASCII token stays.
        if (isAsciiAlnum(text[i - 1]) && isAsciiAlnum(text[end])) {
          i = end - 1;
          continue;
        }
        const written = text.slice(i, end);
        const replacement = char === '.' && end - i > 1 ? '……' : full.repeat(end - i);
        const range = { line, start: i, end };
        context.report(range, `Half-width ${q(written)} in a zh-CN transcript: use full-width punctuation, ${q(replacement)}.`, {
          title: `Replace by ${q(replacement)}`,
          edits: [{ range, newText: replacement }],
        });
        reported++;
        i = end - 1;
      }
    },
  ),
);

export const transcriptRules: readonly Rule[] = [
  whitespaceOnlyLine,
  missingTab,
  extraTab,
  missingAudioName,
  emptyText,
  audioNameWhitespace,
  audioPath,
  audioNotWav,
  duplicateAudio,
  tooManyFiles,
  audioMissing,
  audioFormat,
  audioEmpty,
  audioTooLongForTraining,
  audioTooLong,
  allAudioTooLongForTraining,
  audioWithoutTranscript,
  nonAscii,
  missingBom,
  repetition,
  notSpokenForm,
  uri,
  jaLineTooLong,
  zhHalfwidthPunctuation,
];
