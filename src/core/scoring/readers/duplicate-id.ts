import { ScoringInputError, type Utterance } from '../types';

/**
 * The error for a second use of `id` at `line`, naming the line of the first. Parsers track ids in a Set
 * (one hash lookup per line) and only look for the first use when there is a duplicate.
 */
export function duplicateIdError(file: string, line: number, id: string, earlier: readonly Utterance[]): ScoringInputError {
  const first = earlier.find((utterance) => utterance.id === id);
  return new ScoringInputError(file, line, `duplicate id ${id}${first ? ` (first at line ${first.line})` : ''}`);
}
