import { readSync } from "node:fs";

/** One line of a file: its text (without the newline), 1-based number, and where it starts and ends. */
export interface Line {
  readonly text: string;
  readonly number: number;
  readonly start: number;
  /** Offset just after the line's newline; for an unterminated last line, the file's end. */
  readonly end: number;
  /** False for a last line with no newline after it (a write cut short, or a lost newline). */
  readonly terminated: boolean;
}

const CHUNK_BYTES = 1 << 20;

/**
 * The lines of an open file read in 1 MiB chunks, so that a file of any size is read with memory bounded by its
 * longest line (a whole file as one string stops at V8's ~512 MB string limit).
 * @example for (const line of readLines(fd)) console.log(line.number, line.text)
 */
export function* readLines(fd: number): Generator<Line> {
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let pending: Buffer[] = [];
  let start = 0;
  let offset = 0;
  let number = 0;
  for (;;) {
    const read = readSync(fd, chunk, 0, CHUNK_BYTES, offset);
    if (read === 0) break;
    let from = 0;
    for (let nl = chunk.indexOf(10, 0); nl !== -1 && nl < read; nl = chunk.indexOf(10, from)) {
      pending.push(chunk.subarray(from, nl));
      const text = Buffer.concat(pending).toString("utf8");
      pending = [];
      const end = offset + nl + 1;
      yield { text, number: ++number, start, end, terminated: true };
      start = end;
      from = nl + 1;
    }
    // Copied: the chunk buffer is reused by the next read.
    if (from < read) pending.push(Buffer.from(chunk.subarray(from, read)));
    offset += read;
  }
  if (pending.length > 0) {
    yield {
      text: Buffer.concat(pending).toString("utf8"),
      number: ++number,
      start,
      end: offset,
      terminated: false,
    };
  }
}
