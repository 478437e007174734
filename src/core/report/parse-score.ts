import { SCORE_SCHEMA, type ScoreJson } from '../scoring/report';

/** The text is not a stored score: the message names where it came from. */
export class ScoreFileError extends Error {
  override readonly name = 'ScoreFileError';
}

/**
 * A stored score (custom-speech-score/1) from its text, checked as far as the report relies on it:
 * the schema, one or two systems, and the same utterances in every system.
 */
export function parseScoreJson(text: string, origin: string): ScoreJson {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new ScoreFileError(`${origin} is not JSON: ${(error as Error).message}`);
  }
  const score = value as Partial<ScoreJson> | null;
  if (!score || typeof score !== 'object' || score.schema !== SCORE_SCHEMA) {
    throw new ScoreFileError(`${origin} is not a ${SCORE_SCHEMA} score (write one with 'custom-speech score --format json', or use an evaluation's score.json).`);
  }
  if (!Array.isArray(score.systems) || score.systems.length < 1 || score.systems.length > 2) throw new ScoreFileError(`${origin} must hold one or two systems.`);
  const [a, b] = score.systems;
  if (!Array.isArray(a!.utterances) || (b && (!Array.isArray(b.utterances) || b.utterances.length !== a!.utterances.length))) {
    throw new ScoreFileError(`${origin}: every system must list the same utterances.`);
  }
  return score as ScoreJson;
}
