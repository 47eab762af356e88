import { Output, formatDate, formatDuration, formatFields, formatJson, formatTable } from './output';

describe('output', () => {
  const rows = [
    { id: 'fetch_the_data', state: 'success', paused: false },
    { id: 'x', state: null, paused: true },
  ];
  const columns = [
    { header: 'TASK', value: (r: (typeof rows)[number]) => r.id },
    { header: 'STATE', value: (r: (typeof rows)[number]) => r.state },
    { header: 'PAUSED', value: (r: (typeof rows)[number]) => r.paused },
  ];

  it('aligns a table on its widest cell, showing - for missing values', () => {
    expect(formatTable(rows, columns)).toBe(
      ['TASK            STATE    PAUSED', 'fetch_the_data  success  no', 'x               -        yes', ''].join('\n'),
    );
  });

  it('says so when a table is empty', () => {
    expect(formatTable([], columns, 'No DAGs yet.')).toBe('No DAGs yet.\n');
  });

  it('keeps multi-line cells on one line', () => {
    expect(formatTable([{ id: 'a\nb', state: 's', paused: false }], columns)).toContain('a b ');
  });

  it('aligns labelled fields', () => {
    expect(
      formatFields([
        ['Bundle', 'nice'],
        ['Version', 3],
        ['DAGs', undefined],
      ]),
    ).toBe('Bundle:  nice\nVersion: 3\nDAGs:    -\n');
  });

  it('formats dates in UTC without milliseconds and durations compactly', () => {
    expect(formatDate('2024-01-01T00:00:00.000+00:00')).toBe('2024-01-01 00:00:00');
    expect(formatDate(null)).toBeUndefined();
    expect(formatDuration(250)).toBe('250ms');
    expect(formatDuration(1500)).toBe('1.5s');
    expect(formatDuration(125_000)).toBe('2m5s');
  });

  it('prints JSON with --json and text otherwise; notes go to stderr only for humans', () => {
    const written = { stdout: '', stderr: '' };
    const streams = {
      stdout: { write: (s: string) => (written.stdout += s) },
      stderr: { write: (s: string) => (written.stderr += s) },
    };
    new Output(streams, true).result({ a: 1 }, () => 'text');
    new Output(streams, true).note('uploading');
    expect(JSON.parse(written.stdout)).toEqual({ a: 1 });
    expect(written.stderr).toBe('');

    written.stdout = '';
    new Output(streams, false).result({ a: 1 }, () => 'text');
    new Output(streams, false).note('uploading');
    expect(written).toEqual({ stdout: 'text\n', stderr: 'uploading\n' });
    expect(formatJson([1])).toBe('[\n  1\n]\n');
  });
});
