/**
 * PocketSphinx ships its models' mixture weights as `sendump`: 8-bit quantized negative logs, laid
 * out codebook by codebook for fast decoding. sphinxtrain's bw and map_adapt read only the float
 * `mixture_weights` file, which the Debian model lacks; this rebuilds it. The quantization is lossy
 * (each weight is one of 256 values), which adaptation does not mind: it only uses them as a prior.
 */

/** The log base of PocketSphinx's integer log domain. */
const LOG_BASE = 1.0001;

export interface Sendump {
  features: number;
  codewords: number;
  senones: number;
  /** weights[(senone * features + feature) * codewords + codeword], as probabilities. */
  weights: Float32Array;
}

/** Reads a sendump file (the uncompressed layout, `cluster_count 0`, as in every PTM model PocketSphinx ships). */
export function readSendump(bytes: Uint8Array): Sendump {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The header's first string length is small: if it is not, the file was written on a big-endian machine.
  const first = view.getInt32(0, true);
  const little = first >= 1 && first <= 999;
  let at = 0;
  const int32 = () => {
    if (at + 4 > bytes.byteLength) throw new Error('sendump: the file ends inside its header.');
    const value = view.getInt32(at, little);
    at += 4;
    return value;
  };
  const header = new Map<string, string>();
  for (let length = int32(); length !== 0; length = int32()) {
    if (length < 0 || at + length > bytes.byteLength) throw new Error('sendump: damaged header.');
    const text = Buffer.from(bytes.subarray(at, at + length)).toString('latin1').replace(/\0+$/, '');
    at += length;
    const space = text.indexOf(' ');
    if (space > 0) header.set(text.slice(0, space), text.slice(space + 1));
  }
  const number = (key: string, fallback: number) => (header.has(key) ? Number(header.get(key)) : fallback);
  if (number('cluster_count', 0) !== 0) throw new Error('sendump: compressed (clustered) mixture weights are not supported.');
  const features = number('feature_count', 0);
  const shift = number('mixw_shift', 10);
  const codewords = int32();
  const senones = int32();
  if (!(features > 0) || !(codewords > 0) || !(senones > 0)) throw new Error(`sendump: unexpected sizes (${features} features, ${codewords} codewords, ${senones} senones).`);
  if (bytes.byteLength - at !== features * codewords * senones) throw new Error(`sendump: ${bytes.byteLength - at} bytes of weights, expected ${features * codewords * senones}.`);

  // 256 possible values: exponentiate each once.
  const table = Float32Array.from({ length: 256 }, (_, q) => Math.pow(LOG_BASE, -(q << shift)));
  const weights = new Float32Array(senones * features * codewords);
  for (let f = 0; f < features; f++) {
    for (let c = 0; c < codewords; c++) {
      const row = at + (f * codewords + c) * senones;
      for (let s = 0; s < senones; s++) weights[(s * features + f) * codewords + c] = table[bytes[row + s]!]!;
    }
  }
  return { features, codewords, senones, weights };
}

/**
 * The `mixture_weights` file: sphinxtrain's s3 format (text header, byte-order magic, the three
 * dimensions and the element count, float32 data, then the checksum the header announces).
 */
export function mixtureWeightsFile({ features, codewords, senones, weights }: Sendump): Buffer {
  const header = Buffer.from('s3\nversion 1.0\nchksum0 yes\nendhdr\n', 'latin1');
  const body = Buffer.alloc(4 + 16 + weights.byteLength + 4);
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  view.setUint32(0, 0x11223344, true);
  [senones, features, codewords, weights.length].forEach((value, i) => view.setUint32(4 + i * 4, value, true));
  weights.forEach((weight, i) => view.setFloat32(20 + i * 4, weight, true));
  // The checksum covers the dimensions and the data, each 32-bit word rotated in (sphinxbase's chksum_accum).
  let sum = 0;
  for (let at = 4; at < body.byteLength - 4; at += 4) sum = ((((sum << 20) | (sum >>> 12)) >>> 0) + view.getUint32(at, true)) >>> 0;
  view.setUint32(body.byteLength - 4, sum, true);
  return Buffer.concat([header, body]);
}
