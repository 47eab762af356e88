import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { endOfCentralDirectory, tarGz, zip } from '../testing/archive-writers';
import { ExtractionLimits, extractArchive } from './archive';
import { BundleRejected } from './bundle-error';

const MANIFEST = JSON.stringify({ name: 'ok', entries: ['dag.ts'] });
const ZEROS_20MB = Buffer.alloc(20 * 1024 * 1024);
const PNG_HEADER = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);

let base: string;
let destination: string;
let n = 0;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'updraft-archive-spec-'));
});
afterAll(() => rm(base, { recursive: true, force: true }));
beforeEach(() => {
  // Nested two deep, so that a `../x` or `../../x` that got through would land inside `base`, where it is checked for.
  destination = join(base, `case-${++n}`, 'sub', 'bundle');
});

async function rejection(archive: Buffer, limits?: Partial<ExtractionLimits>): Promise<BundleRejected> {
  const defaults: ExtractionLimits = { maxTotalBytes: 200 * 1024 * 1024, maxFiles: 5_000, maxCompressionRatio: 200 };
  const error = await extractArchive(archive, destination, { ...defaults, ...limits }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof BundleRejected))
    throw new Error(`expected a BundleRejected, got ${error === undefined ? 'success' : String(error)}`);
  return error;
}

/** Nothing may have been written next to or above the bundle folder. */
function expectNothingEscaped(): void {
  for (const path of ['x', 'sub/x', 'evil', 'sub/evil'])
    expect(existsSync(join(destination, '..', '..', path))).toBe(false);
  expect(existsSync('/tmp/updraft-escaped')).toBe(false);
}

type Case = [name: string, archive: () => Buffer, file: string, message: RegExp, limits?: Partial<ExtractionLimits>];

const tarCases: Case[] = [
  ['path traversal ../x', () => tarGz([{ path: '../x', body: 'pwned' }]), '../x', /paths with '\.\.' are not allowed/],
  [
    'traversal hidden in the middle a/../../x',
    () => tarGz([{ path: 'a/../../x', body: 'pwned' }]),
    'a/../../x',
    /paths with '\.\.' are not allowed/,
  ],
  [
    'absolute path',
    () => tarGz([{ path: '/tmp/updraft-escaped', body: 'pwned' }]),
    '/tmp/updraft-escaped',
    /absolute paths are not allowed/,
  ],
  [
    'symlink entry',
    () => tarGz([{ path: 'dag.ts', type: 'SymbolicLink', linkpath: '/etc/passwd' }]),
    'dag.ts',
    /symbolic and hard links are not allowed/,
  ],
  [
    'symlink to a folder then a file through it',
    () =>
      tarGz([
        { path: 'evil', type: 'SymbolicLink', linkpath: '/tmp' },
        { path: 'evil/updraft-escaped', body: 'x' },
      ]),
    'evil',
    /links are not allowed/,
  ],
  [
    'hard link entry',
    () => tarGz([{ path: 'hard', type: 'Link', linkpath: '/etc/passwd' }]),
    'hard',
    /symbolic and hard links are not allowed/,
  ],
  [
    'character device',
    () => tarGz([{ path: 'null', type: 'CharacterDevice' }]),
    'null',
    /only regular files and folders/,
  ],
  ['FIFO', () => tarGz([{ path: 'pipe', type: 'FIFO' }]), 'pipe', /only regular files and folders/],
  [
    'gzip bomb: 20 MB of zeros',
    () =>
      tarGz([
        { path: 'updraft.json', body: MANIFEST },
        { path: 'zeros.bin', body: ZEROS_20MB },
      ]),
    'zeros.bin',
    /compression ratio above 200:1/,
  ],
  [
    'too many files',
    () => tarGz(Array.from({ length: 6 }, (_, i) => ({ path: `f${i}.ts`, body: '1' }))),
    '(archive)',
    /too many files: more than 5/,
    { maxFiles: 5 },
  ],
  [
    'too large',
    () => tarGz([{ path: 'big.ts', body: randomBytes(4096) }]),
    'big.ts',
    /bundle too large: more than 1000 bytes/,
    { maxTotalBytes: 1000 },
  ],
  [
    'truncated gzip',
    () => tarGz([{ path: 'dag.ts', body: randomBytes(8192) }]).subarray(0, 2000),
    '(archive)',
    /corrupt \.tar\.gz archive/,
  ],
  [
    'gzip of something that is not a tar',
    () => gzipSync(Buffer.from('hello, I am not a tar file'.repeat(40))),
    '(archive)',
    /corrupt \.tar\.gz archive/,
  ],
];

const zipCases: Case[] = [
  ['path traversal ../x', () => zip([{ name: '../x', body: 'pwned' }]), '../x', /paths with '\.\.' are not allowed/],
  [
    'Windows-style traversal ..\\x',
    () => zip([{ name: '..\\x', body: 'pwned' }]),
    '..\\x',
    /paths with '\.\.' are not allowed/,
  ],
  [
    'absolute path',
    () => zip([{ name: '/tmp/updraft-escaped', body: 'pwned' }]),
    '/tmp/updraft-escaped',
    /absolute paths are not allowed/,
  ],
  ['drive-letter path', () => zip([{ name: 'C:/evil', body: 'pwned' }]), 'C:/evil', /absolute paths are not allowed/],
  [
    'symlink entry',
    () => zip([{ name: 'dag.ts', body: '/etc/passwd', unixMode: 0o120777 }]),
    'dag.ts',
    /symbolic and hard links are not allowed/,
  ],
  ['block device entry', () => zip([{ name: 'disk', unixMode: 0o060644 }]), 'disk', /only regular files and folders/],
  [
    'zip bomb: 20 MB of zeros deflated',
    () =>
      zip([
        { name: 'updraft.json', body: MANIFEST },
        { name: 'zeros.bin', body: ZEROS_20MB, deflate: true },
      ]),
    'zeros.bin',
    /compression ratio above 200:1/,
  ],
  [
    'stored entry lying about its size',
    () => zip([{ name: 'small.ts', body: randomBytes(5000), declaredSize: 10 }]),
    '(archive)',
    /corrupt \.zip archive: .*size mismatch/,
  ],
  // This one used to crash the whole process with an unhandled 'error' event.
  [
    'deflated entry lying about its size',
    () => zip([{ name: 'small.ts', body: Buffer.alloc(50_000), deflate: true, declaredSize: 10 }]),
    'small.ts',
    /cannot read: too many bytes in the stream/,
  ],
  [
    'too many files',
    () => zip(Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.ts`, body: '1' }))),
    '(archive)',
    /too many files: more than 5/,
    { maxFiles: 5 },
  ],
  [
    'too large',
    () => zip([{ name: 'big.ts', body: randomBytes(4096) }]),
    'big.ts',
    /bundle too large: more than 1000 bytes/,
    { maxTotalBytes: 1000 },
  ],
  ['empty zip', () => endOfCentralDirectory(), '(archive)', /the zip archive is empty/],
  [
    'truncated zip',
    () => zip([{ name: 'dag.ts', body: randomBytes(4000) }]).subarray(0, 3000),
    '(archive)',
    /corrupt \.zip archive/,
  ],
];

const notArchives: Case[] = [
  ['random bytes', () => randomBytes(4096).fill(0x42, 0, 4), '(archive)', /not a \.tar\.gz or \.zip archive/],
  ['a PNG header', () => PNG_HEADER, '(archive)', /not a \.tar\.gz or \.zip archive/],
  ['an empty file', () => Buffer.alloc(0), '(archive)', /not a \.tar\.gz or \.zip archive/],
  ['a plain (uncompressed) tar', () => Buffer.alloc(1024), '(archive)', /not a \.tar\.gz or \.zip archive/],
];

describe('extractArchive refuses hostile archives, naming the file at fault', () => {
  it.each(tarCases)('.tar.gz: %s', async (...[, archive, file, message, limits]: Case) => {
    const error = await rejection(archive(), limits);
    expect(error.problems).toEqual([{ file, message: expect.stringMatching(message) }]);
    expect(error.message).toContain(file);
    expectNothingEscaped();
  });

  it.each(zipCases)('.zip: %s', async (...[, archive, file, message, limits]: Case) => {
    const error = await rejection(archive(), limits);
    expect(error.problems).toEqual([{ file, message: expect.stringMatching(message) }]);
    expectNothingEscaped();
  });

  it.each(notArchives)('not an archive: %s', async (...[, archive, file, message]: Case) => {
    const error = await rejection(archive());
    expect(error.problems).toEqual([{ file, message: expect.stringMatching(message) }]);
  });

  it('stops decompressing a gzip bomb at the first header over the limit (512 MB declared, refused fast)', async () => {
    const bomb = tarGz([{ path: 'zeros.bin', body: Buffer.alloc(64 * 1024 * 1024) }]);
    const started = Date.now();
    const error = await rejection(bomb, { maxTotalBytes: 10 * 1024 * 1024 });
    expect(error.problems[0]).toEqual({ file: 'zeros.bin', message: expect.stringMatching(/bundle too large/) });
    // Decompressing all 64 MB takes several hundred ms on these machines; the refusal comes at the header.
    expect(Date.now() - started).toBeLessThan(200);
  });
});

describe('extractArchive accepts well-formed bundles', () => {
  it('extracts a .tar.gz, keeping only whether a file is executable (no setuid, nothing private or world-writable)', async () => {
    await extractArchive(
      tarGz([
        { path: 'updraft.json', body: MANIFEST },
        { path: 'dags/', type: 'Directory', mode: 0o777 },
        { path: 'dags/dag.ts', body: 'export {}', mode: 0o666 },
        { path: 'scripts/setuid.sh', body: 'echo hi', mode: 0o4755 },
        { path: 'scripts/load.sh', body: 'echo hi', mode: 0o700 },
        { path: 'private.ts', body: 'export {}', mode: 0o000 },
      ]),
      destination,
    );
    expect(await readFile(join(destination, 'updraft.json'), 'utf8')).toBe(MANIFEST);
    expect((await stat(join(destination, 'dags/dag.ts'))).mode & 0o7777).toBe(0o644);
    expect((await stat(join(destination, 'scripts/setuid.sh'))).mode & 0o7777).toBe(0o755);
    expect((await stat(join(destination, 'scripts/load.sh'))).mode & 0o7777).toBe(0o755);
    expect((await stat(join(destination, 'private.ts'))).mode & 0o7777).toBe(0o644);
    expect((await stat(join(destination, 'dags'))).mode & 0o7777).toBe(0o755);
  });

  it('extracts a .zip keeping only whether a file is executable', async () => {
    await extractArchive(
      zip([
        { name: 'updraft.json', body: MANIFEST },
        { name: 'scripts/load.sh', body: 'echo hi', unixMode: 0o106755 },
        { name: 'scripts/data.csv', body: 'a,b', unixMode: 0o100666 },
        { name: 'plain.txt', body: 'no unix mode' },
      ]),
      destination,
    );
    expect((await stat(join(destination, 'scripts/load.sh'))).mode & 0o7777).toBe(0o755);
    expect((await stat(join(destination, 'scripts/data.csv'))).mode & 0o7777).toBe(0o644);
    expect((await stat(join(destination, 'plain.txt'))).mode & 0o7777).toBe(0o644);
  });

  it('extracts a .zip with folders, and a small well-compressed file under the 1 MB ratio floor', async () => {
    await extractArchive(
      zip([
        { name: 'updraft.json', body: MANIFEST },
        { name: 'dags/', unixMode: 0o040755 },
        { name: 'dags/dag.ts', body: 'export const x = 1;\n'.repeat(100), deflate: true },
      ]),
      destination,
    );
    expect(await readFile(join(destination, 'updraft.json'), 'utf8')).toBe(MANIFEST);
    expect((await readFile(join(destination, 'dags/dag.ts'), 'utf8')).length).toBe(2000);
  });
});
