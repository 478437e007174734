/**
 * The names a transcript's lines have given so far, each with a number (the line that gave it
 * first), taken as strings or as ASCII bytes straight from the file: a clean line's name is never
 * decoded. A string `Map` spends about a microsecond per name hashing and growing on a 100,000-line
 * transcript; this table hashes the bytes once and keeps them in one growing array.
 *
 * Names that come in ascending byte order, as most tools write transcripts (`call-000001.wav`,
 * `call-000002.wav` …), cannot repeat one another: while they do, each is compared with the last
 * one only and appended, and the hash index is built when the order first breaks or a lookup
 * needs it. On a 100,000-line transcript that halves the time the names take.
 *
 * ASCII names live in the byte table, the others in a `Map`: the two never hold the same name.
 */
/** Beyond this many names the table grows as they come (a guess from a huge file's size must not cost memory up front). */
const MAX_PRESIZED_NAMES = 1 << 19;

export class NameTable {
  private bytes: Uint8Array;
  private used = 0;
  /** Per name: where its bytes start and end in `bytes`, and its number. */
  private starts: Int32Array;
  private ends: Int32Array;
  private values: Int32Array;
  private count = 0;
  /** True while every name came after the one before it in byte order: then `slots` is not built yet. */
  private ascending = true;
  /**
   * Open addressing, never more than half full. Two numbers per slot, side by side (a probe reads
   * one cache line): the name's hash and 1 + its index, or 0 for a free slot.
   */
  private slots = new Int32Array(0);
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
    this.values = new Int32Array(capacity);
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
    if (this.ascending) {
      if (this.count === 0 || this.follows(bytes, start, end)) {
        this.append(bytes, start, end, value);
        return -1;
      }
      this.index();
    }
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
    return this.addBytes(this.scratch, 0, name.length, value);
  }

  has(name: string): boolean {
    if (!this.toScratch(name)) return this.others.has(name);
    if (this.ascending) this.index();
    return this.find(this.scratch, 0, name.length, -1) >= 0;
  }

  /** Every name, in no particular order. */
  names(): string[] {
    const names = [...this.others.keys()];
    for (let at = 0; at < this.count; at++) names.push(String.fromCharCode(...this.bytes.subarray(this.starts[at], this.ends[at])));
    return names;
  }

  /** Whether `bytes[start, end)` comes after the last name added, in byte order. */
  private follows(bytes: Uint8Array, start: number, end: number): boolean {
    const last = this.starts[this.count - 1]!;
    const lastLength = this.ends[this.count - 1]! - last;
    const length = end - start;
    const common = Math.min(length, lastLength);
    for (let i = 0; i < common; i++) {
      const difference = bytes[start + i]! - this.bytes[last + i]!;
      if (difference !== 0) return difference > 0;
    }
    return length > lastLength;
  }

  /** Builds the hash index of the names appended so far; from then on every name goes through it. */
  private index(): void {
    this.ascending = false;
    let slotCount = 2 * this.starts.length;
    while (slotCount < 2 * this.count + 2) slotCount *= 2;
    const slots = new Int32Array(2 * slotCount);
    const mask = slotCount - 1;
    for (let at = 0; at < this.count; at++) {
      const hash = hashOf(this.bytes, this.starts[at]!, this.ends[at]!);
      let slot = hash & mask;
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = hash;
      slots[2 * slot + 1] = at + 1;
    }
    this.slots = slots;
  }

  /** The number of a name, or -1; a new name is added with `value` unless it is -1. Needs the index. */
  private find(bytes: Uint8Array, start: number, end: number, value: number): number {
    const hash = hashOf(bytes, start, end);
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slots[2 * slot + 1]! - 1;
      if (at >= 0) {
        if (slots[2 * slot] === hash && this.sameBytes(at, bytes, start, end)) return this.values[at]!;
        continue;
      }
      if (value < 0) return -1;
      slots[2 * slot] = hash;
      slots[2 * slot + 1] = this.append(bytes, start, end, value) + 1;
      if (4 * this.count > slots.length) this.rehash();
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

  private append(bytes: Uint8Array, start: number, end: number, value: number): number {
    const length = end - start;
    if (this.used + length > this.bytes.length) this.bytes = grown(this.bytes, this.used + length);
    // Byte by byte: names are short, and a `subarray` of a Buffer costs more than copying them.
    for (let i = 0; i < length; i++) this.bytes[this.used + i] = bytes[start + i]!;
    if (this.count === this.starts.length) {
      this.starts = grown(this.starts, this.count + 1);
      this.ends = grown(this.ends, this.count + 1);
      this.values = grown(this.values, this.count + 1);
    }
    const at = this.count++;
    this.starts[at] = this.used;
    this.ends[at] = this.used += length;
    this.values[at] = value;
    return at;
  }

  /** Twice the slots, every name placed again. */
  private rehash(): void {
    const old = this.slots;
    const slots = new Int32Array(2 * old.length);
    const mask = (slots.length >> 1) - 1;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i + 1] === 0) continue;
      let slot = old[i]! & mask;
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = old[i]!;
      slots[2 * slot + 1] = old[i + 1]!;
    }
    this.slots = slots;
  }
}

function hashOf(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0;
  for (let p = start; p < end; p++) hash = (Math.imul(hash, 31) + bytes[p]!) | 0;
  return hash;
}

function grown<T extends Uint8Array | Int32Array>(array: T, needed: number): T {
  let size = array.length * 2;
  while (size < needed) size *= 2;
  const copy = new (array.constructor as new (size: number) => T)(size);
  copy.set(array);
  return copy;
}
