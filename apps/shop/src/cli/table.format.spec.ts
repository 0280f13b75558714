import { type Column, formatTable } from './table.format';

interface Row {
  id: string;
  name: string;
  price: string;
}

const columns: Column<Row>[] = [
  { header: 'ID', cell: (row) => row.id },
  { header: 'NAME', cell: (row) => row.name, shrink: true },
  { header: 'PRICE', cell: (row) => row.price, align: 'right' },
];

const rows: Row[] = [
  { id: 'a1', name: 'Coffee grinder with a very long name indeed', price: '149.90' },
  { id: 'b22', name: 'Mug', price: '9.99' },
];

describe('formatTable', () => {
  it('aligns plain columns (text left, numbers right) with nothing cut and no escape codes', () => {
    expect(formatTable(columns, rows)).toEqual([
      'ID   NAME                                          PRICE',
      '---  -------------------------------------------  ------',
      'a1   Coffee grinder with a very long name indeed  149.90',
      'b22  Mug                                            9.99',
    ]);
  });

  it('fits a terminal width by cutting the shrinkable columns with an ellipsis', () => {
    const lines = formatTable(columns, rows, { width: 30 });

    expect(lines.slice(1)).toEqual([
      '───  ─────────────────  ──────',
      'a1   Coffee grinder w…  149.90',
      'b22  Mug                  9.99',
    ]);
    for (const line of lines.slice(1)) expect(line.length).toBeLessThanOrEqual(30);
  });

  it('makes the header bold on a terminal', () => {
    expect(formatTable(columns, rows, { width: 80 })[0]).toBe(
      '\u001b[1mID   NAME                                          PRICE\u001b[22m',
    );
  });

  it('never cuts a column that may not shrink, even when the table stays too wide', () => {
    const ids: Column<{ id: string }>[] = [{ header: 'ID', cell: (row) => row.id }];
    const id = '3f8a2c1e-5b7d-4e9a-8c6f-1d2e3f4a5b6c';

    expect(formatTable(ids, [{ id }], { width: 10 })[2]).toBe(id);
  });

  it('cuts a shrinkable column no narrower than its header or 8 characters', () => {
    const lines = formatTable(columns, rows, { width: 5 });

    expect(lines[2]).toBe('a1   Coffee…   149.90');
  });

  it('counts characters, not UTF-16 units, so accented and astral letters line up', () => {
    const named: Column<{ name: string }>[] = [
      { header: 'NAME', cell: (row) => row.name },
      { header: 'X', cell: () => 'x' },
    ];

    expect(formatTable(named, [{ name: 'Łódź 𝔸𝔹' }, { name: 'Lodz ab' }])).toEqual([
      'NAME     X',
      '-------  -',
      'Łódź 𝔸𝔹  x',
      'Lodz ab  x',
    ]);
  });

  it('keeps a cell with a line break on one line', () => {
    const named: Column<{ name: string }>[] = [{ header: 'NAME', cell: (row) => row.name }];

    expect(formatTable(named, [{ name: 'two\nlines\tand a tab' }])[2]).toBe('two lines and a tab');
  });

  it('prints the header and rule alone when there are no rows', () => {
    expect(formatTable(columns, [])).toEqual(['ID  NAME  PRICE', '--  ----  -----']);
  });
});
