/** The collections whose entities other entities refer to by `self`. */
export type EntityCollection = 'projects' | 'datasets' | 'models' | 'models/base' | 'endpoints' | 'evaluations' | 'transcriptions';

export interface EntityId {
  collection: EntityCollection;
  id: string;
}

// The last collection/uuid pair wins, so a file's self (`/datasets/{id}/files/{fileId}`) names its
// dataset, and `models/base` is tried before `models`. Anything after the id (`?api-version=`,
// malformed `…?api-version=X/files?api-version=X` links) is ignored: URLs are rebuilt from ids.
const ENTITY = /\/(projects|datasets|models\/base|models|endpoints|evaluations|transcriptions)\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?=[/?#:]|$)/gi;
const FILE = /\/files\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?=[/?#]|$)/i;

/** The entity a `self` URI (or an EntityReference's) points at, or undefined when it names none. */
export function parseEntityUri(uri: string): EntityId | undefined {
  const path = pathOf(uri);
  let found: EntityId | undefined;
  for (const match of path.matchAll(ENTITY)) found = { collection: match[1]!.toLowerCase() as EntityCollection, id: match[2]!.toLowerCase() };
  return found;
}

/** The id in `uri`, which must name an entity of `collection`. */
export function entityIdOf(uri: string, collection: EntityCollection): string {
  const entity = parseEntityUri(uri);
  if (!entity || entity.collection !== collection) throw new Error(`'${uri}' does not name an entity of ${collection}.`);
  return entity.id;
}

/** The file id of a file's `self` URI. */
export function fileIdOf(uri: string): string {
  const match = FILE.exec(pathOf(uri));
  if (!match) throw new Error(`'${uri}' does not name a file.`);
  return match[1]!.toLowerCase();
}

/** True when `text` is an entity id (a UUID). */
export function isEntityId(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
}

// Only the path: a query like `?next=/models/<id>` must not be read as the entity.
function pathOf(uri: string): string {
  const query = uri.search(/[?#]/);
  return query < 0 ? uri : uri.slice(0, query);
}
