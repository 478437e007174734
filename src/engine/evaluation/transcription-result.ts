import type { Hypothesis } from '../recognizer/recognizer';

/**
 * One audio file's result in the shape of Azure's batch transcription files (kind Transcription):
 * `source`, durations in milliseconds, ticks (100 ns) and ISO 8601, `combinedRecognizedPhrases`
 * per channel and `recognizedPhrases` with their `nBest`. The engine recognizes one phrase per
 * file on channel 0 and has no display formatting (no ITN, punctuation or casing) nor a confidence,
 * so `itn`, `maskedITN` and `display` repeat the lexical words and `confidence` is left out.
 * Nothing recognized is Azure's silence result: no combined phrase, one phrase without `nBest`.
 */
export function transcriptionResult(source: string, hypothesis: Hypothesis, locale: string, timestamp: string): object {
  const duration = hypothesis.audioSeconds;
  const lexical = hypothesis.text;
  const forms = { lexical, itn: lexical, maskedITN: lexical, display: lexical };
  const first = hypothesis.words[0]?.startSeconds ?? 0;
  const last = hypothesis.words.at(-1)?.endSeconds ?? duration;
  const phrase = lexical
    ? {
        recognitionStatus: 'Success',
        channel: 0,
        ...timing('offset', first),
        ...timing('duration', last - first),
        locale,
        nBest: [{ ...forms, words: hypothesis.words.map((w) => ({ word: w.word, ...timing('offset', w.startSeconds), ...timing('duration', w.endSeconds - w.startSeconds) })) }],
      }
    : { recognitionStatus: 'NoMatch', channel: 0, ...timing('offset', 0), ...timing('duration', duration), nBest: [] };
  return {
    source,
    timestamp,
    durationInTicks: ticks(duration),
    durationMilliseconds: milliseconds(duration),
    duration: isoDuration(duration),
    combinedRecognizedPhrases: lexical ? [{ channel: 0, ...forms }] : [],
    recognizedPhrases: [phrase],
  };
}

/** The batch's `report.json` (kind TranscriptionReport), as Azure writes it. */
export function transcriptionReport(sources: readonly string[]): object {
  return {
    successfulTranscriptionsCount: sources.length,
    failedTranscriptionsCount: 0,
    details: sources.map((source) => ({ source, status: 'Succeeded' })),
  };
}

/** `offset`/`duration` as Azure gives them: ISO 8601, ticks and milliseconds. */
function timing(name: 'offset' | 'duration', seconds: number): Record<string, string | number> {
  return { [name]: isoDuration(seconds), [`${name}InTicks`]: ticks(seconds), [`${name}Milliseconds`]: milliseconds(seconds) };
}

function ticks(seconds: number): number {
  return Math.round(seconds * 1e7);
}

function milliseconds(seconds: number): number {
  return Math.round(seconds * 1000);
}

/** `PT5.24S`: seconds with at most three decimals, trailing zeros dropped. */
function isoDuration(seconds: number): string {
  return `PT${Number(Math.max(0, seconds).toFixed(3))}S`;
}
