import { invalidArgument } from './api-error';
import { parseFilter } from './filter';

/** The service's default and largest page. */
export const DEFAULT_TOP = 100;

export interface Page<T> {
  values: T[];
  '@nextLink'?: string;
}

/**
 * One page of `items` as the service lists them: `filter` applied, then `skip` and `top`, with an
 * `@nextLink` carrying skip, top, filter and api-version when more remain.
 */
export function pageOf<T>(
  items: readonly T[],
  query: URLSearchParams,
  listUrl: string,
  filterable: { fields: ReadonlySet<string>; valuesOf: (item: T) => Readonly<Record<string, unknown>> },
): Page<T> {
  const skip = wholeNumber(query, 'skip', 0);
  const top = wholeNumber(query, 'top', DEFAULT_TOP);
  if (top < 1) throw invalidArgument(`'top' must be at least 1, not ${top}.`, 'UnsupportedPagination');
  const filter = query.get('filter');
  const matching = filter ? items.filter((item) => parseFilter(filter, filterable.fields)(filterable.valuesOf(item))) : items;
  const values = matching.slice(skip, skip + top);
  if (skip + top >= matching.length) return { values };
  const next = new URLSearchParams({ skip: String(skip + top), top: String(top) });
  if (filter) next.set('filter', filter);
  next.set('api-version', query.get('api-version') ?? '');
  return { values, '@nextLink': `${listUrl}?${next.toString().replace(/\+/g, '%20')}` };
}

function wholeNumber(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) throw invalidArgument(`'${name}' must be a whole number, not '${raw}'.`, 'UnsupportedPagination');
  return Number(raw);
}
