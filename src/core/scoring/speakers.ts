/**
 * Speakers from utterance ids. sclite's convention (`-i rm`): the id `spk1_utt01` starts with the
 * speaker, up to the first `_` or `-`. A user pattern is a regular expression; its first group (or
 * the whole match) is the speaker. Ids it does not match are grouped under `(unmatched)`, where sclite
 * would stop with an error, so a pattern that fits no id is visible rather than fatal.
 */

export const DEFAULT_SPEAKER_PATTERN = '^([^_-]+)[_-]';
export const UNMATCHED_SPEAKER = '(unmatched)';

export type SpeakerOf = (id: string) => string;

export function speakerExtractor(pattern: string = DEFAULT_SPEAKER_PATTERN): SpeakerOf {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'u');
  } catch (error) {
    throw new Error(`The speaker pattern ${JSON.stringify(pattern)} is not a valid regular expression: ${(error as Error).message}`);
  }
  const cache = new Map<string, string>();
  return (id) => {
    let speaker = cache.get(id);
    if (speaker === undefined) {
      const m = regex.exec(id);
      speaker = m ? (m[1] ?? m[0]) || UNMATCHED_SPEAKER : UNMATCHED_SPEAKER;
      if (cache.size < 100_000) cache.set(id, speaker);
    }
    return speaker;
  };
}
