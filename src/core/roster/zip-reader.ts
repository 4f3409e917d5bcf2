import { createInflateRaw } from 'node:zlib';
import { UserError } from '../errors.ts';
import { MAX_COMPRESSION_RATIO, MAX_ENTRY_BYTES, MAX_UNPACKED_BYTES, MAX_ZIP_ENTRIES, refuse, UnreadableFile } from './roster-limits.ts';

// An .xlsx is a zip. We read its central directory ourselves so that a zip bomb is refused from the
// sizes it declares, before a byte is inflated, and then inflate entries as streams that stop the
// moment they pass what they declared (a declared size can lie; the inflater cannot).

export interface ZipEntry {
  name: string;
  method: number;
  packedSize: number;
  size: number;
  localHeader: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MB = 1024 * 1024;

/** The entries of a zip, checked against the limits (count, declared sizes, ratio); throws a refusal otherwise. */
export function readZipDirectory(bytes: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new UnreadableFile();
  const count = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  let offset = view.getUint32(end + 16, true);
  // 0xFFFF / 0xFFFFFFFF mean ZIP64, which no roster needs (it is for archives over 4 GB).
  if (count === 0xffff || offset === 0xffffffff || directorySize === 0xffffffff) throw refuse('upload.unpackedTooLarge', { mb: MAX_UNPACKED_BYTES / MB });
  if (count > MAX_ZIP_ENTRIES) throw refuse('upload.unpackedTooLarge', { mb: MAX_UNPACKED_BYTES / MB });
  if (offset + directorySize > end) throw new UnreadableFile();

  const entries = new Map<string, ZipEntry>();
  let total = 0;
  const decoder = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (offset + 46 > end || view.getUint32(offset, true) !== CENTRAL) throw new UnreadableFile();
    const flags = view.getUint16(offset + 8, true);
    const method = view.getUint16(offset + 10, true);
    const packedSize = view.getUint32(offset + 20, true);
    const size = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const localHeader = view.getUint32(offset + 42, true);
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
    if (flags & 1 || (method !== 0 && method !== 8)) throw new UnreadableFile();
    total += size;
    const ratio = size / Math.max(1, packedSize);
    if (size > MAX_ENTRY_BYTES || total > MAX_UNPACKED_BYTES || (size > MB && ratio > MAX_COMPRESSION_RATIO)) {
      throw refuse('upload.unpackedTooLarge', { mb: MAX_UNPACKED_BYTES / MB });
    }
    if (localHeader + 30 > bytes.length) throw new UnreadableFile();
    entries.set(name, { name, method, packedSize, size, localHeader });
  }
  return entries;
}

/** The packed bytes of an entry, located through its local header. */
function packedBytes(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(entry.localHeader, true) !== LOCAL) throw new UnreadableFile();
  const start = entry.localHeader + 30 + view.getUint16(entry.localHeader + 26, true) + view.getUint16(entry.localHeader + 28, true);
  if (start + entry.packedSize > bytes.length) throw new UnreadableFile();
  return bytes.subarray(start, start + entry.packedSize);
}

/**
 * The text of an entry (UTF-8), chunk by chunk as it inflates; never more than the entry declared.
 * Stopping the iteration early stops the inflating.
 */
export async function* entryText(bytes: Uint8Array, entry: ZipEntry): AsyncGenerator<string> {
  const packed = packedBytes(bytes, entry);
  const decoder = new TextDecoder('utf-8');
  if (entry.method === 0) {
    if (packed.length !== entry.size) throw new UnreadableFile();
    yield decoder.decode(packed);
    return;
  }
  const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
  inflate.end(packed);
  let seen = 0;
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      seen += chunk.length;
      if (seen > entry.size) throw refuse('upload.unpackedTooLarge', { mb: MAX_UNPACKED_BYTES / MB });
      yield decoder.decode(chunk, { stream: true });
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UnreadableFile();
  } finally {
    inflate.destroy();
  }
  if (seen !== entry.size) throw new UnreadableFile();
  yield decoder.decode();
}

/** The whole text of a (small) entry. */
export async function entryWholeText(bytes: Uint8Array, entry: ZipEntry): Promise<string> {
  let text = '';
  for await (const chunk of entryText(bytes, entry)) text += chunk;
  return text;
}
