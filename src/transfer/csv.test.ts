import { describe, expect, it } from 'vitest';
import { toCsv, type CsvColumn } from './csv';

interface Row {
  name: string;
  value: number;
}

const COLUMNS: CsvColumn<Row>[] = [
  { header: 'name', value: (r) => r.name },
  { header: 'value', value: (r) => r.value },
];

describe('toCsv', () => {
  it('writes a header and one CRLF line per row', () => {
    expect(
      toCsv(COLUMNS, [
        { name: 'a', value: 1 },
        { name: 'b', value: 0.125 },
      ]),
    ).toBe('name,value\r\na,1\r\nb,0.125\r\n');
  });

  it('writes only the header for no rows', () => {
    expect(toCsv(COLUMNS, [])).toBe('name,value\r\n');
  });

  it('quotes commas, quotes, line breaks and surrounding spaces, doubling inner quotes', () => {
    const csv = toCsv(COLUMNS, [
      { name: 'Ada, Countess', value: 1 },
      { name: 'say "hi"', value: 2 },
      { name: 'two\nlines', value: 3 },
      { name: ' padded', value: 4 },
    ]);
    expect(csv.split('\r\n').slice(1, 5)).toEqual([
      '"Ada, Countess",1',
      '"say ""hi""",2',
      '"two\nlines",3',
      '" padded",4',
    ]);
  });

  it('leaves non-finite numbers empty and keeps full precision', () => {
    const csv = toCsv(COLUMNS, [
      { name: 'nan', value: NaN },
      { name: 'inf', value: Infinity },
      { name: 'tiny', value: 1.2345678901234e-7 },
    ]);
    expect(csv.split('\r\n').slice(1, 4)).toEqual(['nan,', 'inf,', 'tiny,1.2345678901234e-7']);
  });
});
