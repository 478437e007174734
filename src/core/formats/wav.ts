/**
 * RIFF/WAVE header reading. Only the first bytes of a file are needed: the chunks before `data`
 * (fmt, LIST, fact …) are small, so a 64 KiB prefix and the file size are enough to know the format
 * and the duration of any WAV file, even a multi-gigabyte one.
 */

export const WAV_HEADER_PREFIX_BYTES = 64 * 1024;

export interface WavHeader {
  /** WAVE_FORMAT tag: 1 = PCM, 3 = IEEE float, 6/7 = A-law/µ-law, 0xFFFE = extensible. */
  formatTag: number;
  /** For WAVE_FORMAT_EXTENSIBLE, the sub-format tag (1 = PCM); else equal to formatTag. */
  effectiveFormat: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  byteRate: number;
  /** Bytes of audio data (clamped to what the file really holds). */
  dataBytes: number;
  durationSeconds: number;
}

export type WavParseResult = { ok: true; header: WavHeader } | { ok: false; reason: string };

/**
 * Parses the header from `prefix` (the first bytes of the file) and `fileSize` (its full size).
 * Never throws: a file that is not a usable WAV gives a reason fit to show a user.
 */
export function parseWavHeader(prefix: Uint8Array, fileSize: number): WavParseResult {
  const view = new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength);
  const tag = (offset: number) => String.fromCharCode(prefix[offset] ?? 0, prefix[offset + 1] ?? 0, prefix[offset + 2] ?? 0, prefix[offset + 3] ?? 0);
  if (prefix.byteLength < 12) return { ok: false, reason: `file is too short to be a WAV file (${fileSize} bytes)` };
  if (tag(0) !== 'RIFF') {
    const head = tag(0);
    if (head === 'RIFX') return { ok: false, reason: 'big-endian RIFX file; the service needs little-endian RIFF WAV' };
    if (head === 'fLaC') return { ok: false, reason: 'this is a FLAC file, not WAV' };
    if (head.startsWith('ID3') || (prefix[0] === 0xff && ((prefix[1] ?? 0) & 0xe0) === 0xe0)) return { ok: false, reason: 'this is an MP3 file, not WAV' };
    if (head === 'OggS') return { ok: false, reason: 'this is an Ogg file, not WAV' };
    return { ok: false, reason: 'not a RIFF file (no "RIFF" signature)' };
  }
  if (tag(8) !== 'WAVE') return { ok: false, reason: 'RIFF file of another type than WAVE' };

  let offset = 12;
  let fmt: Omit<WavHeader, 'dataBytes' | 'durationSeconds'> | undefined;
  while (offset + 8 <= prefix.byteLength) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > prefix.byteLength) return { ok: false, reason: 'truncated "fmt " chunk' };
      const formatTag = view.getUint16(body, true);
      const effectiveFormat = formatTag === 0xfffe && size >= 40 && body + 26 <= prefix.byteLength ? view.getUint16(body + 24, true) : formatTag;
      fmt = {
        formatTag,
        effectiveFormat,
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        byteRate: view.getUint32(body + 8, true),
        bitsPerSample: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!fmt) return { ok: false, reason: '"data" chunk comes before the "fmt " chunk' };
      // Streaming writers leave 0 or 0xFFFFFFFF as size; the file size tells the truth then.
      const available = Math.max(0, fileSize - body);
      const dataBytes = size === 0 || size === 0xffffffff ? available : Math.min(size, available);
      const durationSeconds = fmt.byteRate > 0 ? dataBytes / fmt.byteRate : 0;
      // Field by field: V8 spreads `fmt` here a hundred times slower (microseconds, per file of 100,000).
      const { formatTag, effectiveFormat, channels, sampleRate, byteRate, bitsPerSample } = fmt;
      return { ok: true, header: { formatTag, effectiveFormat, channels, sampleRate, byteRate, bitsPerSample, dataBytes, durationSeconds } };
    }
    offset = body + size + (size % 2); // chunks are word-aligned
  }
  return { ok: false, reason: fmt ? 'no "data" chunk in the first 64 KiB' : 'no "fmt " chunk found' };
}

/** Why the service would refuse this audio format, or undefined when it is accepted. */
export function unsupportedFormatReason(header: WavHeader): string | undefined {
  if (header.effectiveFormat === 1 && header.bitsPerSample === 16 && header.channels === 1 && (header.sampleRate === 8000 || header.sampleRate === 16000)) return undefined;
  const problems: string[] = [];
  if (header.effectiveFormat !== 1) problems.push(`encoding ${formatName(header.effectiveFormat)} (needs PCM)`);
  if (header.bitsPerSample !== 16) problems.push(`${header.bitsPerSample}-bit samples (needs 16-bit)`);
  if (header.channels !== 1) problems.push(`${header.channels} channels (needs mono)`);
  if (header.sampleRate !== 8000 && header.sampleRate !== 16000) problems.push(`${header.sampleRate} Hz (needs 8000 or 16000 Hz)`);
  return problems.length ? problems.join(', ') : undefined;
}

function formatName(tag: number): string {
  switch (tag) {
    case 1: return 'PCM';
    case 3: return 'IEEE float';
    case 6: return 'A-law';
    case 7: return 'µ-law';
    case 0x11: return 'IMA ADPCM';
    case 0x55: return 'MP3';
    default: return `format tag 0x${tag.toString(16)}`;
  }
}

export interface PcmFormat {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
}

/** A canonical 44-byte RIFF/WAVE header for `dataBytes` bytes of PCM in `format`. */
export function encodeWavHeader(format: PcmFormat, dataBytes: number): Uint8Array {
  const header = new Uint8Array(44);
  const view = new DataView(header.buffer);
  const ascii = (offset: number, text: string) => [...text].forEach((c, i) => (header[offset + i] = c.charCodeAt(0)));
  const blockAlign = (format.channels * format.bitsPerSample) / 8;
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, format.channels, true);
  view.setUint32(24, format.sampleRate, true);
  view.setUint32(28, format.sampleRate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, format.bitsPerSample, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  return header;
}
