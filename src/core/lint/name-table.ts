/**
 * The names a transcript's lines have given so far, each with a number (the line that gave it
 * first), taken as strings or as ASCII bytes straight from the file: a clean line's name is never
 * decoded. A string `Map` spends about a microsecond per name hashing and growing on a 100,000-line
 * transcript; this table hashes the bytes once and keeps them in one growing array.
 *
 * ASCII names live in the byte table, the others in a `Map`: the two never hold the same name.
 */
/** Beyond this many names the table grows as they come (a guess from a huge file's size must not cost memory up front). */
const MAX_PRESIZED_NAMES = 1 << 19;

export class NameTable {
  private bytes: Uint8Array;
  private used = 0;
  /** Per name: where its bytes start and end in `bytes`, its hash and its number. */
  private starts: Int32Array;
  private ends: Int32Array;
  private hashes: Int32Array;
  private values: Int32Array;
  private count = 0;
  /** Open addressing: 1 + the name's index, or 0 for a free slot; never more than half full. */
  private slots: Int32Array;
  private readonly others = new Map<string, number>();
  /**
   * The bytes of an ASCII name given as a string: a Buffer, as the line reader's chunks are, so the
   * hashing code sees one kind of array (V8 would discard its optimized code at the other kind).
   */
  private scratch = Buffer.alloc(256);
  /**
   * `expected`: about how many names will come (e.g. a transcript's size over a short line), so a
   * 100,000-line file is not rehashed nine times on the way; growing still works past it.
   */
  constructor(expected = 256) {
    const capacity = 2 ** Math.ceil(Math.log2(Math.min(Math.max(expected, 256), MAX_PRESIZED_NAMES)));
    this.bytes = new Uint8Array(capacity * 16);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.hashes = new Int32Array(capacity);
    this.values = new Int32Array(capacity);
    this.slots = new Int32Array(2 * capacity);
  }

  /** Number of different names. */
  get size(): number {
    return this.count + this.others.size;
  }

  /**
   * The number of the ASCII name `bytes[start, end)` if it was added before; otherwise adds it with
   * `value` (0 or more) and gives -1.
   */
  addBytes(bytes: Uint8Array, start: number, end: number, value: number): number {
    return this.find(bytes, start, end, value);
  }

  /** `addBytes` for a name given as a string. */
  add(name: string, value: number): number {
    if (!this.toScratch(name)) {
      const known = this.others.get(name);
      if (known !== undefined) return known;
      this.others.set(name, value);
      return -1;
    }
    return this.find(this.scratch, 0, name.length, value);
  }

  has(name: string): boolean {
    return this.toScratch(name) ? this.find(this.scratch, 0, name.length, -1) >= 0 : this.others.has(name);
  }

  /** Every name, in no particular order. */
  names(): string[] {
    const names = [...this.others.keys()];
    for (let at = 0; at < this.count; at++) names.push(String.fromCharCode(...this.bytes.subarray(this.starts[at], this.ends[at])));
    return names;
  }

  /** The number of a name, or -1; a new name is added with `value` unless it is -1. */
  private find(bytes: Uint8Array, start: number, end: number, value: number): number {
    let hash = 0;
    for (let p = start; p < end; p++) hash = (Math.imul(hash, 31) + bytes[p]!) | 0;
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = this.slots[slot]! - 1;
      if (at >= 0) {
        if (this.hashes[at] === hash && this.sameBytes(at, bytes, start, end)) return this.values[at]!;
        continue;
      }
      if (value < 0) return -1;
      this.slots[slot] = this.append(bytes, start, end, hash, value) + 1;
      if (2 * this.count > this.slots.length) this.rehash();
      return -1;
    }
  }

  /** Puts an ASCII name's bytes in `scratch`; false for other names. */
  private toScratch(name: string): boolean {
    const length = name.length;
    if (this.scratch.length < length) this.scratch = Buffer.alloc(2 * length);
    for (let i = 0; i < length; i++) {
      const code = name.charCodeAt(i);
      if (code >= 0x80) return false;
      this.scratch[i] = code;
    }
    return true;
  }

  private sameBytes(at: number, bytes: Uint8Array, start: number, end: number): boolean {
    const from = this.starts[at]!;
    if (this.ends[at]! - from !== end - start) return false;
    for (let i = 0; i < end - start; i++) if (this.bytes[from + i] !== bytes[start + i]) return false;
    return true;
  }

  private append(bytes: Uint8Array, start: number, end: number, hash: number, value: number): number {
    const length = end - start;
    if (this.used + length > this.bytes.length) this.bytes = grown(this.bytes, this.used + length);
    // Byte by byte: names are short, and a `subarray` of a Buffer costs more than copying them.
    for (let i = 0; i < length; i++) this.bytes[this.used + i] = bytes[start + i]!;
    if (this.count === this.starts.length) {
      this.starts = grown(this.starts, this.count + 1);
      this.ends = grown(this.ends, this.count + 1);
      this.hashes = grown(this.hashes, this.count + 1);
      this.values = grown(this.values, this.count + 1);
    }
    const at = this.count++;
    this.starts[at] = this.used;
    this.ends[at] = this.used += length;
    this.hashes[at] = hash;
    this.values[at] = value;
    return at;
  }

  /** Twice the slots, every name placed again. */
  private rehash(): void {
    const slots = new Int32Array(2 * this.slots.length);
    const mask = slots.length - 1;
    for (let at = 0; at < this.count; at++) {
      let slot = this.hashes[at]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = at + 1;
    }
    this.slots = slots;
  }
}

function grown<T extends Uint8Array | Int32Array>(array: T, needed: number): T {
  let size = array.length * 2;
  while (size < needed) size *= 2;
  const copy = new (array.constructor as new (size: number) => T)(size);
  copy.set(array);
  return copy;
}
