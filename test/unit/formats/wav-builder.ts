import { open } from 'node:fs/promises';

/** Builds WAV files byte by byte for tests: no audio library, every header field under control. */
export interface WavSpec {
  /** WAVE_FORMAT tag: 1 PCM (default), 3 float, 0xFFFE extensible. */
  formatTag?: number;
  /** With formatTag 0xFFFE: the sub-format GUID's first two bytes (1 = PCM, 3 = float). */
  subFormat?: number;
  sampleRate?: number;
  channels?: number;
  bitsPerSample?: number;
  /** Seconds of audio (sets the data size); default 1. */
  seconds?: number;
  /** Chunks written between "fmt " and "data" (e.g. LIST), bodies of any size (odd ones get a pad byte). */
  chunksBefore?: { id: string; body: Uint8Array }[];
  /** Value written in the data chunk's size field (default: the real size), e.g. 0xFFFFFFFF for streams. */
  dataSizeField?: number;
}

function chunk(id: string, body: Uint8Array): Buffer {
  const header = Buffer.alloc(8);
  header.write(id, 0, 'latin1');
  header.writeUInt32LE(body.byteLength, 4);
  return Buffer.concat([header, body, body.byteLength % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

function fmtBody(spec: WavSpec): Buffer {
  const formatTag = spec.formatTag ?? 1;
  const channels = spec.channels ?? 1;
  const sampleRate = spec.sampleRate ?? 16000;
  const bits = spec.bitsPerSample ?? 16;
  const blockAlign = (channels * bits) / 8;
  const body = Buffer.alloc(formatTag === 0xfffe ? 40 : 16);
  body.writeUInt16LE(formatTag, 0);
  body.writeUInt16LE(channels, 2);
  body.writeUInt32LE(sampleRate, 4);
  body.writeUInt32LE(sampleRate * blockAlign, 8);
  body.writeUInt16LE(blockAlign, 12);
  body.writeUInt16LE(bits, 14);
  if (formatTag === 0xfffe) {
    body.writeUInt16LE(22, 16); // cbSize
    body.writeUInt16LE(bits, 18); // valid bits
    body.writeUInt32LE(channels === 1 ? 4 : 3, 20); // channel mask
    body.writeUInt16LE(spec.subFormat ?? 1, 24); // sub-format GUID, first two bytes
    Buffer.from('000000001000800000aa00389b71', 'hex').copy(body, 26);
  }
  return body;
}

/** Number of bytes of audio the spec describes. */
export function dataBytesOf(spec: WavSpec): number {
  const blockAlign = ((spec.channels ?? 1) * (spec.bitsPerSample ?? 16)) / 8;
  return Math.round((spec.seconds ?? 1) * (spec.sampleRate ?? 16000)) * blockAlign;
}

/** Everything before the samples: RIFF header, fmt, extra chunks and the data chunk header. */
export function wavHeaderBytes(spec: WavSpec): Buffer {
  const dataBytes = dataBytesOf(spec);
  const middle = Buffer.concat([chunk('fmt ', fmtBody(spec)), ...(spec.chunksBefore ?? []).map((c) => chunk(c.id, c.body))]);
  const dataHeader = Buffer.alloc(8);
  dataHeader.write('data', 0, 'latin1');
  dataHeader.writeUInt32LE(spec.dataSizeField ?? dataBytes, 4);
  const riff = Buffer.alloc(12);
  riff.write('RIFF', 0, 'latin1');
  riff.writeUInt32LE(Math.min(0xffffffff, 4 + middle.byteLength + 8 + dataBytes), 4);
  riff.write('WAVE', 8, 'latin1');
  return Buffer.concat([riff, middle, dataHeader]);
}

/** A whole small WAV file in memory (silence). */
export function wavBytes(spec: WavSpec = {}): Buffer {
  return Buffer.concat([wavHeaderBytes(spec), Buffer.alloc(dataBytesOf(spec))]);
}

/**
 * Writes a WAV file: the header, then the file is extended to its full size with `truncate`, so a
 * two-hour file costs no disk space (sparse) and no time.
 */
export async function writeWav(path: string, spec: WavSpec = {}): Promise<void> {
  const header = wavHeaderBytes(spec);
  const file = await open(path, 'w');
  try {
    await file.write(header, 0, header.byteLength, 0);
    await file.truncate(header.byteLength + dataBytesOf(spec));
  } finally {
    await file.close();
  }
}
