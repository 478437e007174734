import { SpeechApiError, SpeechNetworkError, SpeechResponseError } from '../core/api/errors';
import { isAbortError } from '../core/api/retry';
import { WaitTimeoutError } from '../core/api/wait';
import { ManifestError } from '../core/manifest/load-manifest';
import { DatasetContentError } from '../core/upload/dataset-content';
import { LintGateError, UploadInterruptedError } from '../core/upload/upload-dataset';
import { BaseModelError } from '../core/workflow/base-model';
import { EntityFailedError } from '../core/workflow/entity-failed';
import { UnknownEntryError } from '../core/workflow/session';
import { UsageError } from './usage-error';

export const EXIT = { ok: 0, failed: 1, usage: 2, cancelled: 130 } as const;

/**
 * What went wrong, for stderr, and the exit code: 1 when the work ran and its result is bad (an
 * entity Failed, the lint gate), 130 when cancelled, 2 for everything that stopped it from running.
 */
export function describeFailure(command: string, error: unknown): { message: string; code: number } {
  if (isAbortError(error)) return { message: 'cancelled.', code: EXIT.cancelled };
  if (error instanceof UsageError) return { message: `${error.message}\nRun 'custom-speech ${command} --help' for usage.`, code: EXIT.usage };
  if (error instanceof LintGateError) return { message: `${error.message}\nPass --ignore-lint-errors to upload anyway.`, code: EXIT.failed };
  if (error instanceof EntityFailedError) return { message: error.message, code: EXIT.failed };
  if (error instanceof SpeechApiError) {
    const hint = error.status === 401 ? '\nCheck CUSTOM_SPEECH_KEY: it must be the key of this resource or engine.' : error.status === 404 ? '\nCheck the id, and that the command talks to the service that holds it.' : '';
    return { message: `${error.message}${hint}`, code: EXIT.usage };
  }
  if (error instanceof SpeechNetworkError) return { message: `cannot reach the service: ${error.message}`, code: EXIT.usage };
  if (error instanceof UploadInterruptedError || error instanceof SpeechResponseError || error instanceof WaitTimeoutError) return { message: error.message, code: EXIT.usage };
  if (error instanceof ManifestError || error instanceof UnknownEntryError || error instanceof DatasetContentError || error instanceof BaseModelError) return { message: error.message, code: EXIT.usage };
  return { message: error instanceof Error ? error.message : String(error), code: EXIT.usage };
}

/** `text` with every occurrence of `secret` masked: a key must never reach a log. */
export function redact(text: string, secret: string | undefined): string {
  return secret && secret.length >= 4 ? text.split(secret).join('***') : text;
}
