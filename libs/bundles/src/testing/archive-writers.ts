/**
 * Test helpers that write archives byte by byte, including the malformed and malicious ones no
 * well-behaved tool would make: `..` and absolute paths, links, devices, lying sizes.
 */
import * as tar from 'tar';
import { deflateRawSync, gzipSync } from 'node:zlib';

export interface TarEntry {
  path: string;
  type?: 'File' | 'Directory' | 'SymbolicLink' | 'Link' | 'CharacterDevice' | 'FIFO';
  body?: string | Buffer;
  linkpath?: string;
  mode?: number;
}

/** A .tar.gz of the given entries, headers written with `tar.Header` so any path or type goes. */
export function tarGz(entries: TarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const type = entry.type ?? 'File';
    const body = type === 'File' ? Buffer.from(entry.body ?? '') : Buffer.alloc(0);
    const header = new tar.Header({
      path: entry.path,
      type,
      size: body.length,
      mode: entry.mode ?? (type === 'Directory' ? 0o755 : 0o644),
      linkpath: entry.linkpath,
      mtime: new Date(0),
      uid: 0,
      gid: 0,
    });
    header.encode();
    if (!header.block) throw new Error(`could not encode a tar header for ${entry.path}`);
    blocks.push(header.block, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

export interface ZipEntry {
  name: string;
  body?: string | Buffer;
  /** Unix mode stored in the external attributes (e.g. 0o120777 for a symlink). */
  unixMode?: number;
  /** Deflate the body (method 8) instead of storing it (method 0). */
  deflate?: boolean;
  /** Lie about the uncompressed size in the headers. */
  declaredSize?: number;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A minimal zip writer (local headers, central directory, end record); no zip64, no encryption. */
export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const body = Buffer.from(entry.body ?? '');
    const data = entry.deflate ? deflateRawSync(body) : body;
    const crc = crc32(body);
    const size = entry.declaredSize ?? body.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(entry.deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(entry.deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    const mode = entry.unixMode ?? (entry.name.endsWith('/') ? 0o040755 : 0o100644);
    central.writeUInt32LE((mode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  return Buffer.concat([...locals, directory, endOfCentralDirectory(entries.length, directory.length, offset)]);
}

/** The end-of-central-directory record alone: an empty zip. */
export function endOfCentralDirectory(count = 0, directorySize = 0, directoryOffset = 0): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(directoryOffset, 16);
  return end;
}
