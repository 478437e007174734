import { ApiError } from './api-error';

/**
 * The service's OData-like `filter`: `eq` and `ne` on the listed properties, `gt ge lt le` on dates
 * (and on any property, compared as strings), combined with `and`, `or`, `not` and parentheses:
 * `status eq 'Succeeded' and createdDateTime ge 2024-01-01T00:00:00Z`.
 */

export type Predicate = (item: Readonly<Record<string, unknown>>) => boolean;

const OPERATORS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

const unsupported = (message: string) => new ApiError(400, 'InvalidArgument', `Unsupported filter: ${message}`, 'UnsupportedFilter');

/** Parses `filter` for items whose filterable properties are `fields` (name → value getter). */
export function parseFilter(filter: string, fields: ReadonlySet<string>): Predicate {
  const tokens = tokenize(filter);
  let at = 0;
  const peek = () => tokens[at];
  const next = () => tokens[at++];

  function orExpression(): Predicate {
    let left = andExpression();
    while (peek()?.toLowerCase() === 'or') {
      next();
      const right = andExpression();
      const l = left;
      left = (item) => l(item) || right(item);
    }
    return left;
  }
  function andExpression(): Predicate {
    let left = unary();
    while (peek()?.toLowerCase() === 'and') {
      next();
      const right = unary();
      const l = left;
      left = (item) => l(item) && right(item);
    }
    return left;
  }
  function unary(): Predicate {
    if (peek()?.toLowerCase() === 'not') {
      next();
      const inner = unary();
      return (item) => !inner(item);
    }
    if (peek() === '(') {
      next();
      const inner = orExpression();
      if (next() !== ')') throw unsupported(`a ')' is missing in '${filter}'.`);
      return inner;
    }
    return comparison();
  }
  function comparison(): Predicate {
    const field = next();
    const operator = next()?.toLowerCase();
    const value = next();
    if (field === undefined || operator === undefined || value === undefined) throw unsupported(`'${filter}' ends too early; write e.g. status eq 'Succeeded'.`);
    if (!fields.has(field)) throw unsupported(`'${field}' cannot be filtered on here; use one of ${[...fields].join(', ')}.`);
    if (!OPERATORS.has(operator)) throw unsupported(`'${operator}' is not an operator; use eq, ne, gt, ge, lt or le.`);
    const expected = value.startsWith("'") ? value.slice(1, -1).replace(/''/g, "'") : value;
    return (item) => {
      const actual = item[field];
      const text = actual === undefined || actual === null ? '' : String(actual);
      switch (operator) {
        case 'eq':
          return text === expected;
        case 'ne':
          return text !== expected;
        default: {
          // Dates compare as instants; other values as strings.
          const a = Date.parse(text);
          const b = Date.parse(expected);
          const order = Number.isNaN(a) || Number.isNaN(b) ? text.localeCompare(expected) : a - b;
          return operator === 'gt' ? order > 0 : operator === 'ge' ? order >= 0 : operator === 'lt' ? order < 0 : order <= 0;
        }
      }
    };
  }

  const predicate = orExpression();
  if (at < tokens.length) throw unsupported(`unexpected '${tokens[at]}' in '${filter}'.`);
  return predicate;
}

function tokenize(filter: string): string[] {
  const tokens: string[] = [];
  const pattern = /\s*(?:('(?:[^']|'')*')|([()])|([^\s()']+))/y;
  let m: RegExpExecArray | null;
  while (pattern.lastIndex < filter.length && (m = pattern.exec(filter))) tokens.push(m[1] ?? m[2] ?? m[3]!);
  if (pattern.lastIndex < filter.trimEnd().length) throw unsupported(`cannot read '${filter.slice(pattern.lastIndex)}' (an unclosed quote?).`);
  return tokens;
}
