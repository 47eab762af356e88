import { REPLACEMENT_CHARACTER, storableText, unstorableJsonReason } from './storable-values';

describe('what PostgreSQL can store of what tenant code produces', () => {
  it('keeps ordinary text, emoji (surrogate pairs) included, as it is', () => {
    expect(storableText('tous les éléments 👍')).toBe('tous les éléments 👍');
  });

  it('shows NUL and lone surrogates as U+FFFD, keeping the rest of the line', () => {
    expect(storableText('a\u0000b\ud800c\udc00d')).toBe(
      `a${REPLACEMENT_CHARACTER}b${REPLACEMENT_CHARACTER}c${REPLACEMENT_CHARACTER}d`,
    );
    expect(storableText('\ud83d\udc4d\ud83d')).toBe(`👍${REPLACEMENT_CHARACTER}`);
  });

  it.each([
    [{ rows: 42, name: 'ok', emoji: '👍', escaped: '\\u0000 written out' }, null],
    [{ rows: [1, { name: 'x\u0000y' }] }, 'a NUL character (\\u0000) at $.rows[1].name'],
    [['\ud800'], 'a lone UTF-16 surrogate (invalid Unicode) at $[0]'],
    [{ 'a b': '\udfff' }, 'a lone UTF-16 surrogate (invalid Unicode) at $["a b"]'],
    [{ 'k\u0000': 1 }, 'a NUL character (\\u0000) in a key under $'],
    ['\u0000', 'a NUL character (\\u0000) at $'],
  ])('names what jsonb cannot hold in %j, and where', (value, reason) => {
    expect(unstorableJsonReason(JSON.stringify(value))).toBe(reason);
  });
});
