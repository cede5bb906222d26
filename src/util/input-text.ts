import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import { formatBytes } from './limits.js';
import { msg, type Message, type MessageId, type Params } from './messages/index.js';
import { osReason } from './os-errors.js';
import { InputError, type Problem } from './problems.js';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gbk';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  /** Said when the encoding was not UTF-8, so that a wrong guess is visible. */
  notice?: Problem;
}

const refuse = (file: string, id: MessageId, params?: Params) => new InputError([{ file, path: '', message: msg(id, params) }]);

/** Without a BOM, UTF-16 shows as a zero byte beside most ASCII characters: on the odd side for LE, the even for BE. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length < 2 || bytes.length % 2 !== 0) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < bytes.length; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = bytes.length / 2;
  if (oddZeros > pairs / 4 && evenZeros === 0) return 'utf-16le';
  if (evenZeros > pairs / 4 && oddZeros === 0) return 'utf-16be';
  return null;
}

/**
 * A short GBK text can be valid UTF-8 by accident: 硕士 in GBK is the bytes of "˶ʿ" in UTF-8. Such text has no
 * character that takes three UTF-8 bytes (as every Chinese character does) and some two-byte character beyond
 * Latin-1 (é and · stay UTF-8); it is GBK when read so it is Chinese text throughout.
 */
function looksLikeGbk(utf8: string): boolean {
  if (!/[\u0100-\u07ff]/.test(utf8) || /[^\u0000-\u07ff]/.test(utf8)) return false;
  const asGbk = new TextDecoder('gbk').decode(Buffer.from(utf8, 'utf8'));
  return !/[^\u0000-\u007f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(asGbk);
}

/** Whether bytes are well-formed GBK: ASCII, or a lead byte 81–FE and a trail 40–7E or 80–FE (Node's decoder skips bad bytes silently). */
function isGbk(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i]!;
    if (lead < 0x80) continue;
    const trail = bytes[++i];
    if (lead === 0x80 || lead === 0xff || trail === undefined || trail < 0x40 || trail === 0x7f || trail === 0xff) return false;
  }
  return true;
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', file: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw refuse(file, 'text.badUtf16', { encoding: encoding.toUpperCase() });
  }
}

/**
 * The text of a YAML or JSON input file, whatever a Windows editor saved it as: UTF-8 (with or without BOM), UTF-16
 * (LE or BE, with or without BOM; Notepad's "Unicode") or GBK (Notepad's "ANSI" on Chinese Windows). Anything else
 * (binary, or bytes that are neither UTF-8 nor GBK) is refused rather than read as garbled text.
 */
export function decodeInputBytes(bytes: Uint8Array, file: string): DecodedText {
  const notice = (encoding: TextEncoding): Problem => ({ file, path: '', message: msg('text.notUtf8', { encoding: encoding.toUpperCase() }) });
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decodeUtf16(bytes.subarray(2), 'utf-16le', file), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decodeUtf16(bytes.subarray(2), 'utf-16be', file), encoding: 'utf-16be' };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { text: decodeUtf16(bytes, utf16, file), encoding: utf16, notice: notice(utf16) };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (body.includes(0)) throw refuse(file, 'text.zeroBytes');
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (isUtf8(buffer)) {
    const text = buffer.toString('utf8');
    if (!looksLikeGbk(text)) return { text, encoding: 'utf-8' };
  }
  if (!isGbk(buffer)) throw refuse(file, 'text.notText');
  // Node's own GBK decoder: iconv-lite would be loaded on every check for a file that is rarely GBK.
  return { text: new TextDecoder('gbk').decode(buffer), encoding: 'gbk', notice: notice('gbk') };
}

function readFailure(error: unknown, file: string, what: Message): InputError {
  return refuse(file, 'read.cannot', { what, why: osReason(error) });
}

/**
 * Reads an input file of at most `maxBytes` (a larger one is refused before it is read in full) and decodes it.
 * `what` names the kind of file in messages: msg('what.profile') → "cannot read profile: no such file".
 */
export async function readInputText(path: string, options: { file?: string; maxBytes: number; what: Message }): Promise<DecodedText> {
  const file = options.file ?? path;
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    const handle = await open(path, 'r');
    try {
      // Read up to one byte past the limit, whatever the file is (a FIFO, /dev/stdin): its stat size may be 0.
      for (;;) {
        const buffer = Buffer.allocUnsafe(Math.min(64 * 1024, options.maxBytes + 1 - total));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) break;
        chunks.push(buffer.subarray(0, bytesRead));
        total += bytesRead;
        if (total > options.maxBytes) throw refuse(file, 'text.tooLarge', { limit: formatBytes(options.maxBytes), what: options.what });
      }
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw readFailure(error, file, options.what);
  }
  return decodeInputBytes(Buffer.concat(chunks, total), file);
}
