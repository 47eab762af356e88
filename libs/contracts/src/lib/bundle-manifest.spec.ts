import { bundleNameFrom, checkManifest } from './bundle-manifest';

describe('checkManifest', () => {
  it('accepts a good manifest and fills files', () => {
    expect(checkManifest({ name: 'my-dags', entries: ['dags/a.ts'] })).toEqual({
      manifest: { name: 'my-dags', entries: ['dags/a.ts'], files: [] },
      problems: [],
    });
  });

  it.each([
    [
      'a name with a space (the CLI once accepted it, the server refused it)',
      { name: 'My DAGs', entries: ['a.ts'] },
      `"name" must be 1-100 letters, digits, _ . or - (got 'My DAGs')`,
    ],
    [
      'a name that climbs',
      { name: '../evil', entries: ['a.ts'] },
      `"name" must be 1-100 letters, digits, _ . or - (got '../evil')`,
    ],
    ['no name', { entries: ['a.ts'] }, '"name" must be 1-100 letters, digits, _ . or -'],
    [
      'a name of 101 characters',
      { name: 'x'.repeat(101), entries: ['a.ts'] },
      expect.stringContaining('"name" must be 1-100'),
    ],
    ['no entries', { name: 'n' }, '"entries" must be a non-empty list of file paths'],
    [
      'an absolute entry',
      { name: 'n', entries: ['/etc/x.ts'] },
      "entry '/etc/x.ts' must be a relative path inside the bundle",
    ],
    [
      'a Windows entry that climbs',
      { name: 'n', entries: ['..\\x.ts'] },
      "entry '..\\x.ts' must be a relative path inside the bundle",
    ],
    ['an entry that is not code', { name: 'n', entries: ['a.py'] }, "entry 'a.py' must be a .ts or .js file"],
    [
      'files not a list',
      { name: 'n', entries: ['a.ts'], files: 'x' },
      expect.stringMatching(/^"files" must be a list of glob patterns/),
    ],
    [
      'a files pattern that climbs',
      { name: 'n', entries: ['a.ts'], files: ['!../x'] },
      expect.stringMatching(/^"files": pattern '!..\/x' must be relative/),
    ],
    [
      'a files pattern that is not a glob',
      { name: 'n', entries: ['a.ts'], files: ['scripts/[a'] },
      expect.stringMatching(/^"files": pattern 'scripts\/\[a' is not a valid glob/),
    ],
  ])('refuses %s', (_, raw, problem) => {
    expect(checkManifest(raw)).toEqual({ manifest: null, problems: [problem] });
  });

  it('refuses what is not an object', () => {
    for (const raw of [null, [], 'x', 1])
      expect(checkManifest(raw).problems).toEqual(['must be a JSON object with "name" and "entries"']);
  });

  it('asks only about entries that stay inside the bundle, and reports every problem in order', () => {
    const asked: string[] = [];
    const result = checkManifest(
      { name: 'n', entries: ['a.py', 'b.ts', '/c.js', 'd.ts'] },
      (entry) => (asked.push(entry), entry === 'd.ts'),
    );
    expect(asked).toEqual(['b.ts', 'd.ts']);
    expect(result.problems).toEqual([
      "entry 'a.py' must be a .ts or .js file",
      "entry 'b.ts' does not exist in the bundle",
      "entry '/c.js' must be a relative path inside the bundle",
    ]);
  });
});

describe('bundleNameFrom', () => {
  it.each([
    ['My DAGs', 'My-DAGs'],
    ['  nice things! ', 'nice-things'],
    ['***', 'dags'],
    ['x'.repeat(150), 'x'.repeat(100)],
  ])('%s → %s', (text, name) => {
    expect(bundleNameFrom(text)).toBe(name);
    expect(checkManifest({ name: bundleNameFrom(text), entries: ['a.ts'] }).problems).toEqual([]);
  });
});
