import { ScoringInputError, type Corpus, type Utterance } from '../types';
import { canonicalId } from './canonical-id';
import { corpusOf } from './corpus';
import { duplicateIdError } from './duplicate-id';
import { endWithoutSpaces, forEachLine } from './lines';

/** A Custom Speech transcript: `<audio file>\t<transcript>` per line; the text is everything after the first tab. */
export function parseTranscript(text: string, file: string): Corpus {
  const utterances: Utterance[] = [];
  const ids = new Set<string>();
  forEachLine(text, (start, end, line) => {
    if (endWithoutSpaces(text, start, end) === start) return;
    const tab = text.indexOf('\t', start);
    if (tab < 0 || tab >= end) throw new ScoringInputError(file, line, 'no tab between the audio file name and the transcript');
    const audio = text.slice(start, tab);
    const id = canonicalId(audio);
    if (id === '') throw new ScoringInputError(file, line, audio.trim() === '' ? 'empty audio file name' : `no file name in "${audio}"`);
    if (ids.has(id)) throw duplicateIdError(file, line, id, utterances);
    ids.add(id);
    utterances.push({ id, text: text.slice(tab + 1, end), line });
  });
  return corpusOf(file, 'transcript', utterances);
}
