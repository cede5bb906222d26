import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { InputError } from '../util/problems.js';
import type { InputEncoding } from './choices.js';

export { INPUT_ENCODINGS, type InputEncoding } from './choices.js';

export interface TextChunk {
  text: string;
  /** Bytes consumed from the source so far, for progress. */
  bytesRead: number;
}

/** Enough bytes to see the header and some rows before deciding the encoding. */
const SNIFF_BYTES = 64 * 1024;

/** Where the last complete UTF-8 sequence ends, so that a sequence cut by the chunk boundary is not judged invalid. */
function completeUtf8Length(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(4, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

function chooseEncoding(head: Buffer, ended: boolean, chosen: InputEncoding | undefined, file: string, warn: (message: string) => void): InputEncoding {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new InputError([{ file, path: '', message: 'the file is UTF-16 (Excel "Unicode Text"); save it as "CSV UTF-8" or "CSV" instead' }]);
  }
  if (chosen) return chosen;
  const checked = ended ? head : head.subarray(0, completeUtf8Length(head));
  if (isUtf8(checked)) return 'utf-8';
  warn('the file is not valid UTF-8; reading it as GBK (pass --encoding utf-8 or --encoding gbk to choose)');
  return 'gbk';
}

interface Decoder {
  write(bytes: Buffer): string;
  end(): string;
}

function decoderFor(encoding: InputEncoding): Decoder {
  if (encoding === 'gbk') {
    const decoder = iconv.getDecoder('gbk');
    return { write: (bytes) => decoder.write(bytes), end: () => decoder.end() ?? '' };
  }
  // TextDecoder drops a leading BOM and keeps multi-byte characters that straddle chunks whole.
  const decoder = new TextDecoder('utf-8');
  return { write: (bytes) => decoder.decode(bytes, { stream: true }), end: () => decoder.decode() };
}

export interface DecodeOptions {
  encoding?: InputEncoding;
  file: string;
  warn: (message: string) => void;
}

/** Bytes in, text out, one piece at a time: the decoding of `decodeText`, for a caller that is handed the bytes. */
export interface TextDecoding {
  /** The text of these bytes, or '' while the first 64 KB that decide the encoding are still gathering. */
  push(bytes: Buffer): string;
  /** The rest of the text once every byte has been pushed (throws as push does when nothing was pushed before). */
  end(): string;
}

/**
 * Decodes bytes pushed in order. Without an explicit encoding, the first 64 KB decide: UTF-8 (with or without BOM)
 * when they are valid UTF-8, else GBK, as Excel on Chinese Windows saves "CSV".
 */
export function textDecoding(options: DecodeOptions): TextDecoding {
  const head: Buffer[] = [];
  let headLength = 0;
  let decoder: Decoder | null = null;
  let encoding: InputEncoding = 'utf-8';
  let warnedReplacement = false;
  const emit = (text: string): string => {
    if (!warnedReplacement && text.includes('\uFFFD')) {
      warnedReplacement = true;
      const other = encoding === 'utf-8' ? 'gbk' : 'utf-8';
      options.warn(`the file has bytes that are not valid ${encoding.toUpperCase()} (read as �); if it was saved as ${other.toUpperCase()}, pass --encoding ${other}`);
    }
    return text;
  };
  /** Chooses the encoding on the bytes gathered so far and decodes them. */
  const decide = (ended: boolean): string => {
    const first = Buffer.concat(head);
    head.length = 0;
    encoding = chooseEncoding(first, ended, options.encoding, options.file, options.warn);
    decoder = decoderFor(encoding);
    // A UTF-8 BOM in front of GBK bytes (an editor's "UTF-8 with BOM" over a GBK text): the BOM is not text.
    const text = encoding === 'gbk' && first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf ? first.subarray(3) : first;
    return emit(decoder.write(text));
  };
  return {
    push(bytes) {
      if (decoder !== null) return emit(decoder.write(bytes));
      head.push(bytes);
      headLength += bytes.length;
      return headLength < SNIFF_BYTES ? '' : decide(false);
    },
    end() {
      const text = decoder === null ? decide(true) : '';
      return text + emit(decoder!.end());
    },
  };
}

/** Decodes a byte stream to text (see textDecoding), with the bytes read so far for progress. */
export async function* decodeText(source: AsyncIterable<Buffer | string>, options: DecodeOptions): AsyncGenerator<TextChunk> {
  const decoding = textDecoding(options);
  let bytesRead = 0;
  for await (const piece of source) {
    const bytes = typeof piece === 'string' ? Buffer.from(piece) : piece;
    bytesRead += bytes.length;
    const text = decoding.push(bytes);
    if (text !== '') yield { text, bytesRead };
  }
  const rest = decoding.end();
  if (rest !== '') yield { text: rest, bytesRead };
}
