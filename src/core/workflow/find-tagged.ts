import type { EntityStatus } from '../api/schemas';
import { hasTags } from './tags';

interface Tagged {
  status?: EntityStatus;
  createdDateTime?: string;
  customProperties?: Record<string, string>;
}

/**
 * The entity made earlier from entry `key` with this hash: a Succeeded one first, else one still
 * in progress (an earlier run stopped while waiting), newest first. Failed ones are not reused.
 */
export async function findTagged<T extends Tagged>(entities: AsyncIterable<T>, key: string, hashProperty: string, hash: string): Promise<T | undefined> {
  const matches: T[] = [];
  for await (const entity of entities) if (hasTags(entity, key, hashProperty, hash) && entity.status !== 'Failed') matches.push(entity);
  const rank = (entity: T) => (entity.status === 'Succeeded' ? 0 : 1);
  matches.sort((a, b) => rank(a) - rank(b) || (b.createdDateTime ?? '').localeCompare(a.createdDateTime ?? ''));
  return matches[0];
}
