// The part of unzipper (0.10, the version exceljs uses) that xlsx-read.ts calls: a zip read through its central
// directory from a source of byte ranges.
declare module 'unzipper' {
  /** Where the bytes come from: a stream from `offset` (to `offset + length`, or to the end), and the size. */
  export interface Source {
    stream(offset: number, length?: number): NodeJS.ReadableStream;
    size(): PromiseLike<number>;
  }

  /** A part of the archive, as its central directory lists it. */
  export interface File {
    path: string;
    type: 'File' | 'Directory';
    compressedSize: number;
    uncompressedSize: number;
    offsetToLocalFileHeader: number;
    /** The part's bytes, uncompressed; the source's stream is opened when this is called. */
    stream(): NodeJS.ReadableStream;
  }

  export interface CentralDirectory {
    files: File[];
  }

  export const Open: {
    custom(source: Source, options?: { tailSize?: number }): PromiseLike<CentralDirectory>;
  };
}
