import { Zip, ZipDeflate, ZipPassThrough, strToU8 } from "fflate";

/** One entry of an archive: its bytes are fetched only when the reader is ready for them. */
export interface ArchiveEntry {
  name: string;
  /** Null when the bytes could not be had; the entry is then left out. */
  content: () => Promise<Uint8Array | null>;
  /** Text compresses; uploaded PDFs and images mostly do not, so they are stored as they are. */
  compress: boolean;
}

/**
 * A ZIP archive (fflate) as a web stream, built entry by entry as the client
 * reads: with the stream's pull-based back-pressure, about one file is in
 * memory at a time whatever the archive's size. `last` is asked for after
 * every entry has been read, so it can say which ones were missing.
 */
export function zipStream(entries: ArchiveEntry[], last: () => { name: string; text: string }): ReadableStream<Uint8Array> {
  let zip: Zip;
  let next = 0;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        zip = new Zip((error, chunk, final) => {
          if (error) return controller.error(error);
          controller.enqueue(chunk);
          if (final) controller.close();
        });
      },
      async pull() {
        if (next === entries.length) {
          next += 1;
          const { name, text } = last();
          addEntry(zip, name, strToU8(text), true);
          zip.end();
          return;
        }
        if (next > entries.length) return;
        const entry = entries[next++]!;
        const content = await entry.content();
        if (content) addEntry(zip, entry.name, content, entry.compress);
      },
      cancel() {
        zip.terminate();
      },
    },
    { highWaterMark: 1 },
  );
}

function addEntry(zip: Zip, name: string, content: Uint8Array, compress: boolean): void {
  const file = compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
  zip.add(file);
  file.push(content, true);
}
