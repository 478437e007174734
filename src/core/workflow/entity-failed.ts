import type { EntityError } from '../api/schemas';

/** A dataset, model or evaluation the workflow depends on ended Failed on the service. */
export class EntityFailedError extends Error {
  override readonly name = 'EntityFailedError';
  constructor(
    readonly entity: 'dataset' | 'model' | 'evaluation',
    readonly key: string,
    readonly id: string,
    readonly error: EntityError | undefined,
  ) {
    super(`The ${entity} '${key}' (${id}) failed${error ? `: ${error.code ? `${error.code}: ` : ''}${error.message ?? ''}` : '.'}`);
  }
}

/** The `properties.error` a Failed entity carries (datasets' properties are typed loosely). */
export function entityError(entity: { properties?: unknown }): EntityError | undefined {
  return (entity.properties as { error?: EntityError } | undefined)?.error;
}
