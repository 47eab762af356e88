import { sourceFromInlineMap } from './dag-source';

const withMap = (map: object) =>
  `exports.x = 1;\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n`;

describe('sourceFromInlineMap', () => {
  it("finds a source by its path relative to the built file's folder", () => {
    const built = withMap({
      version: 3,
      sources: ['../lib/util.ts', 'etl.ts'],
      sourcesContent: ['util', 'the etl source'],
      mappings: '',
    });
    expect(sourceFromInlineMap(built, 'dags/etl.js', 'dags/etl.ts')).toBe('the etl source');
    expect(sourceFromInlineMap(built, 'dags/etl.js', 'lib/util.ts')).toBe('util');
  });

  it('answers null without a map, without embedded sources, or for a file the map does not name', () => {
    expect(sourceFromInlineMap('exports.x = 1;\n', 'dags/etl.js', 'dags/etl.ts')).toBeNull();
    expect(
      sourceFromInlineMap(withMap({ version: 3, sources: ['etl.ts'], mappings: '' }), 'dags/etl.js', 'dags/etl.ts'),
    ).toBeNull();
    expect(
      sourceFromInlineMap(
        withMap({ version: 3, sources: ['etl.ts'], sourcesContent: ['x'], mappings: '' }),
        'dags/etl.js',
        'dags/other.ts',
      ),
    ).toBeNull();
    expect(
      sourceFromInlineMap(
        '//# sourceMappingURL=data:application/json;base64,bm90IGpzb24=',
        'dags/etl.js',
        'dags/etl.ts',
      ),
    ).toBeNull();
  });
});
