import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';
import * as yauzl from 'yauzl';
import { BundleRejected, rejectBundle } from './bundle-error';

export type ArchiveFormat = 'tar.gz' | 'zip';

export interface ExtractionLimits {
  maxTotalBytes: number;
  maxFiles: number;
  maxCompressionRatio: number;
}

export const DEFAULT_EXTRACTION_LIMITS: ExtractionLimits = {
  maxTotalBytes: 200 * 1024 * 1024,
  maxFiles: 5_000,
  maxCompressionRatio: 200,
};

export function detectArchiveFormat(archive: Buffer): ArchiveFormat {
  if (archive.length >= 2 && archive[0] === 0x1f && archive[1] === 0x8b) return 'tar.gz';
  if (archive.length >= 4 && archive.readUInt32LE(0) === 0x04034b50) return 'zip';
  if (archive.length >= 4 && archive.readUInt32LE(0) === 0x06054b50)
    rejectBundle('(archive)', 'the zip archive is empty');
  return rejectBundle('(archive)', 'not a .tar.gz or .zip archive');
}

interface EntryInfo {
  path: string;
  isDirectory: boolean;
  isLink: boolean;
  isFile: boolean;
  size: number;
}

/** The entry's path inside the bundle, or an error naming why it is unsafe. */
function safeEntryPath(rawPath: string): string {
  const path = rawPath.replace(/\\/g, '/');
  if (path.includes('\0')) rejectBundle(rawPath, 'file name contains a NUL byte');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path))
    rejectBundle(rawPath, 'absolute paths are not allowed in a bundle');
  const normalized = posix.normalize(path);
  if (normalized === '..' || normalized.startsWith('../') || path.split('/').includes('..')) {
    rejectBundle(rawPath, "paths with '..' are not allowed in a bundle");
  }
  return normalized.replace(/^\.\//, '').replace(/\/$/, '');
}

/**
 * What an extracted file's mode is: readable by all, and executable by all when the archive made it
 * executable for its owner (a script a bash task runs from `$UPDRAFT_BUNDLE_DIR`); nothing more.
 */
const fileMode = (archived: number): number => (archived & 0o100 ? 0o755 : 0o644);

class LimitTracker {
  private files = 0;
  private bytes = 0;
  constructor(
    private readonly limits: ExtractionLimits,
    private readonly compressedBytes: number,
  ) {}

  add(entry: EntryInfo): void {
    if (entry.isLink) rejectBundle(entry.path, 'symbolic and hard links are not allowed in a bundle');
    if (!entry.isFile && !entry.isDirectory)
      rejectBundle(entry.path, 'only regular files and folders are allowed in a bundle');
    if (entry.isDirectory) return;
    this.files++;
    this.bytes += entry.size;
    if (this.files > this.limits.maxFiles)
      rejectBundle('(archive)', `too many files: more than ${this.limits.maxFiles}`);
    this.checkBytes(entry.path);
  }

  addBytes(path: string, bytes: number): void {
    this.bytes += bytes;
    this.checkBytes(path);
  }

  private checkBytes(path: string): void {
    if (this.bytes > this.limits.maxTotalBytes) {
      rejectBundle(path, `bundle too large: more than ${this.limits.maxTotalBytes} bytes uncompressed`);
    }
    if (this.bytes > 1024 * 1024 && this.bytes / Math.max(this.compressedBytes, 1) > this.limits.maxCompressionRatio) {
      rejectBundle(path, `compression ratio above ${this.limits.maxCompressionRatio}:1 (a zip bomb?)`);
    }
  }
}

/** The archive in small chunks, so that decompression can stop as soon as a limit is hit. */
function chunks(archive: Buffer): Readable {
  const size = 4 * 1024; // at most ~4 MB of output each, even at deflate's best ratio
  return Readable.from(
    Array.from({ length: Math.ceil(archive.length / size) }, (_, i) => archive.subarray(i * size, (i + 1) * size)),
  );
}

async function listTar(archive: Buffer, onEntry: (entry: EntryInfo) => void): Promise<void> {
  let failure: unknown;
  const parser = new tar.Parser({ strict: true });
  parser.on('entry', (entry: tar.ReadEntry) => {
    try {
      if (failure === undefined) {
        const type = entry.type;
        onEntry({
          path: safeEntryPath(entry.path),
          isDirectory: type === 'Directory',
          isLink: type === 'SymbolicLink' || type === 'Link',
          isFile: type === 'File' || type === 'OldFile' || type === 'ContiguousFile',
          size: entry.size ?? 0,
        });
      }
    } catch (error) {
      failure = error;
      // Stop at once: a bomb is not decompressed to its end just to be refused.
      parser.abort(error as Error);
    }
    entry.resume();
  });
  try {
    await pipeline(chunks(archive), parser);
  } catch (error) {
    if (failure === undefined)
      failure = new BundleRejected([
        { file: '(archive)', message: `corrupt .tar.gz archive: ${(error as Error).message}` },
      ]);
  }
  if (failure !== undefined) throw failure;
}

async function extractTar(archive: Buffer, destination: string, tracker: LimitTracker): Promise<void> {
  await listTar(archive, (entry) => tracker.add(entry));
  // Modes from the archive are not kept beyond "executable or not": no setuid/setgid bits, nothing private.
  const normalizeMode = (entry: tar.ReadEntry) =>
    void (entry.mode = entry.type === 'Directory' ? 0o755 : fileMode(entry.mode ?? 0));
  await pipeline(
    chunks(archive),
    tar.x({ cwd: destination, strict: true, preserveOwner: false, noChmod: true, onReadEntry: normalizeMode }),
  );
}

/**
 * yauzl's own decoding of an entry name (UTF-8 flag, Info-ZIP Unicode path field), without its
 * validation: `safeEntryPath` checks the name, so that the error names the entry at fault.
 */
const decodeZipName = (
  yauzl as unknown as {
    getFileNameLowLevel(
      flags: number,
      name: Buffer,
      extraFields: { id: number; data: Buffer }[],
      strict: boolean,
    ): string;
  }
).getFileNameLowLevel;

function openZip(archive: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(
      archive,
      { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, strictFileNames: false },
      (error, zip) =>
        error
          ? reject(new BundleRejected([{ file: '(archive)', message: `corrupt .zip archive: ${error.message}` }]))
          : resolve(zip),
    ),
  );
}

async function extractZip(archive: Buffer, destination: string, tracker: LimitTracker): Promise<void> {
  const zip = await openZip(archive);
  await new Promise<void>((resolve, reject) => {
    const fail = (error: unknown) => {
      zip.close();
      reject(error);
    };
    zip.on('error', (error) =>
      fail(new BundleRejected([{ file: '(archive)', message: `corrupt .zip archive: ${error.message}` }])),
    );
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      try {
        const fileName = decodeZipName(
          entry.generalPurposeBitFlag,
          entry.fileName as unknown as Buffer,
          entry.extraFields,
          true,
        );
        const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
        const isDirectory = fileName.endsWith('/');
        const info: EntryInfo = {
          path: safeEntryPath(fileName),
          isDirectory,
          isLink: mode === 0o120000,
          isFile: !isDirectory && (mode === 0 || mode === 0o100000),
          size: entry.uncompressedSize,
        };
        tracker.add(info);
        const target = join(destination, info.path);
        if (isDirectory) {
          mkdir(target, { recursive: true }).then(() => zip.readEntry(), fail);
          return;
        }
        const failEntry = (e: unknown) =>
          fail(
            e instanceof BundleRejected
              ? e
              : new BundleRejected([{ file: info.path, message: `cannot read: ${(e as Error).message}` }]),
          );
        // The folder first: the entry's stream must be piped (its errors handled) as soon as it exists.
        mkdir(dirname(target), { recursive: true }).then(
          () =>
            zip.openReadStream(entry, (error, stream) => {
              if (error) return failEntry(error);
              pipeline(stream, createWriteStream(target, { mode: fileMode(entry.externalFileAttributes >>> 16) })).then(
                () => zip.readEntry(),
                failEntry,
              );
            }),
          failEntry,
        );
      } catch (error) {
        fail(error);
      }
    });
    zip.readEntry();
  });
}

/**
 * Extracts a bundle archive into `destination`, refusing absolute paths, `..`, links, special
 * files, and archives over the size, file-count or compression-ratio limits.
 */
export async function extractArchive(
  archive: Buffer,
  destination: string,
  limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS,
): Promise<void> {
  const format = detectArchiveFormat(archive);
  await mkdir(destination, { recursive: true });
  const tracker = new LimitTracker(limits, archive.length);
  if (format === 'tar.gz') await extractTar(archive, destination, tracker);
  else await extractZip(archive, destination, tracker);
}

/** One file of a bundle archive, read through the same safe extraction (for showing a DAG's source). */
export async function readArchiveFile(archive: Buffer, path: string): Promise<string | null> {
  return withExtractedArchive(archive, (read) => read(path));
}

/** Extracts the archive to a scratch folder for `use`, whose `read` answers a file's text or null (absent, or outside the bundle). */
export async function withExtractedArchive<T>(
  archive: Buffer,
  use: (read: (path: string) => Promise<string | null>) => Promise<T>,
): Promise<T> {
  const scratch = await mkdtemp(join(tmpdir(), 'updraft-read-'));
  try {
    await extractArchive(archive, scratch);
    return await use(async (path) => {
      const target = resolve(scratch, path);
      if (!target.startsWith(scratch + sep)) return null;
      return readFile(target, 'utf8').catch(() => null);
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
