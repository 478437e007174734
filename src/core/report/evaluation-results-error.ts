/**
 * An evaluation's results cannot be read for a report: not Succeeded, a transcription missing or
 * failed, a result file malformed, no reference transcript. The message names what and where.
 */
export class EvaluationResultsError extends Error {
  override readonly name: string = 'EvaluationResultsError';
}

/** The test dataset cannot give its reference transcripts (gone, or no archive): a workspace copy can. */
export class ReferenceUnavailableError extends EvaluationResultsError {
  override readonly name: string = 'ReferenceUnavailableError';
}
