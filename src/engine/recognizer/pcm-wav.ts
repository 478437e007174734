import * as fs from 'node:fs';
import { parseWavHeader, type WavHeader } from '../../core/formats/wav';

/** The only audio the acoustic model was trained on. */
export const DECODER_SAMPLE_RATE = 16000;

/** The samples of a 16 kHz mono 16-bit PCM WAV file; throws with the reason and a conversion command for any other file. */
export function readPcmWav(file: string): Int16Array {
  return pcmSamples(fs.readFileSync(file), file);
}

/** The samples of the WAV file in `bytes` (`name` is only used in messages). */
export function pcmSamples(bytes: Uint8Array, name: string): Int16Array {
  const parsed = parseWavHeader(bytes, bytes.byteLength);
  if (!parsed.ok) throw new Error(`${name}: ${parsed.reason}. ${CONVERT_HINT}`);
  const { header } = parsed;
  const problems = formatProblems(header);
  if (problems.length) throw new Error(`${name}: ${problems.join(', ')}; the local engine decodes 16 kHz mono 16-bit PCM only. ${CONVERT_HINT}`);
  const start = dataStart(bytes);
  const sampleCount = Math.floor(header.dataBytes / 2);
  // Copied, not viewed: the Int16Array must be 2-byte aligned, and a WAV's data need not be.
  const samples = new Int16Array(sampleCount);
  const view = new DataView(bytes.buffer, bytes.byteOffset + start, sampleCount * 2);
  for (let i = 0; i < sampleCount; i++) samples[i] = view.getInt16(i * 2, true);
  return samples;
}

const CONVERT_HINT = `Convert it with: sox IN.wav -r ${DECODER_SAMPLE_RATE} -c 1 -b 16 -e signed-integer OUT.wav`;

function formatProblems(header: WavHeader): string[] {
  const problems: string[] = [];
  if (header.effectiveFormat !== 1) problems.push(`not PCM (format tag 0x${header.effectiveFormat.toString(16)})`);
  if (header.bitsPerSample !== 16) problems.push(`${header.bitsPerSample}-bit samples`);
  if (header.channels !== 1) problems.push(`${header.channels} channels`);
  if (header.sampleRate !== DECODER_SAMPLE_RATE) problems.push(`${header.sampleRate} Hz`);
  return problems;
}

// parseWavHeader has already checked the chunks; this finds where the "data" chunk's body starts.
function dataStart(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    const size = view.getUint32(offset + 4, true);
    if (view.getUint32(offset, false) === 0x64617461 /* "data" */) return offset + 8;
    offset += 8 + size + (size % 2);
  }
  throw new Error('no "data" chunk'); // unreachable after a successful parseWavHeader
}
