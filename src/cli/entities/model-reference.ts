import type { SpeechClient } from '../../core/api/client';
import { SpeechApiError } from '../../core/api/errors';

/** A model id given on the command line: a custom model's, or else a base model's. */
export async function modelReference(client: SpeechClient, id: string, signal?: AbortSignal): Promise<{ self: string; locale: string }> {
  try {
    const model = await client.models.get(id, signal);
    return { self: client.reference('models', id).self, locale: model.locale };
  } catch (error) {
    if (!(error instanceof SpeechApiError) || error.status !== 404) throw error;
  }
  const base = await client.baseModels.get(id, signal);
  return { self: client.reference('models/base', id).self, locale: base.locale };
}
