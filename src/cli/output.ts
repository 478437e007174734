/** Results on stdout: JSON for machines (`--json`), aligned tables and key: value lines for people. */

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

export interface Column<T> {
  title: string;
  value: (row: T) => string | number | undefined;
}

/** A table with a header, columns padded to their widest cell. */
export function printTable<T>(rows: readonly T[], columns: readonly Column<T>[]): void {
  const cells = rows.map((row) => columns.map((column) => String(column.value(row) ?? '')));
  const widths = columns.map((column, i) => Math.max(column.title.length, ...cells.map((line) => line[i]!.length)));
  const line = (values: string[]) => values.map((value, i) => (i === values.length - 1 ? value : value.padEnd(widths[i]!))).join('  ').trimEnd();
  process.stdout.write([line(columns.map((c) => c.title)), ...cells.map(line)].join('\n') + '\n');
}

/** `name: value` lines, names aligned; undefined and empty values left out. */
export function printFields(fields: [string, string | number | undefined][]): void {
  const shown = fields.filter(([, value]) => value !== undefined && value !== '');
  const width = Math.max(0, ...shown.map(([name]) => name.length));
  process.stdout.write(shown.map(([name, value]) => `${`${name}:`.padEnd(width + 2)}${value}`).join('\n') + '\n');
}
