import type { SpeechClient } from '../api/client';
import { SpeechApiError, SpeechNetworkError } from '../api/errors';

/**
 * Checks that a service answers and accepts the key, with the cheapest request there is (one base
 * model). Throws an error that says what to fix; the key never appears in it.
 */
export async function checkConnection(client: SpeechClient, where: string, signal?: AbortSignal): Promise<void> {
  try {
    for await (const _ of client.baseModels.list({ top: 1, signal })) break;
  } catch (error) {
    throw new Error(explain(error, where), { cause: error });
  }
}

function explain(error: unknown, where: string): string {
  if (error instanceof SpeechApiError) {
    if (error.status === 401) return `${where} refused the key (401 Unauthorized). Use KEY 1 or KEY 2 of that Speech resource (Azure portal > Keys and Endpoint), and check the region or endpoint.`;
    if (error.status === 403) return `${where} denied access (403 Forbidden): ${error.serviceMessage}`;
    if (error.status === 404) return `${where} has no Speech to Text API at this address (404). Check the region or endpoint.`;
    return `${where} answered ${error.status} ${error.code}: ${error.serviceMessage}`;
  }
  if (error instanceof SpeechNetworkError) return `Could not reach ${where}: ${error.message.replace(/^GET \S+ failed: /, '')}`;
  return `Could not check ${where}: ${error instanceof Error ? error.message : String(error)}`;
}
