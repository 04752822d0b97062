// Owns the CSV text format of exported tables (RFC 4180): a header row, one line per record,
// CRLF line ends, and quoting only where a field needs it. Numbers are written in full
// precision; a missing or non-finite number is an empty field, which pandas reads as NaN.

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvColumn<T> {
  header: string;
  value(row: T): CsvValue;
}

function field(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = String(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as CSV text: the header, then one line per row, each line ending in CRLF. */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  const lines = [columns.map((column) => field(column.header)).join(',')];
  for (const row of rows) lines.push(columns.map((column) => field(column.value(row))).join(','));
  return lines.map((line) => `${line}\r\n`).join('');
}
