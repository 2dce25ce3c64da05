/**
 * Named typed arrays and string lists in one byte buffer, read back as views of that buffer (no copy, no per-element
 * work but for the strings): how the build ships tables that a process would otherwise compute at start-up (the
 * recogniser's tables of the bundled knowledge base, see recognizer-tables.ts).
 *
 * Layout: "CLPK", a little-endian u32 n, n bytes of UTF-8 JSON `{ meta, endian, sections: [[name, kind, offset,
 * length]] }`, then each section at an offset that is a multiple of 8 (offsets from the start of the buffer; length
 * in elements, in bytes for a string list). Typed arrays are stored in the platform's byte order, recorded as
 * `endian`: a buffer written on a machine of the other order is refused (`unpack` returns undefined), and the
 * caller computes the tables instead. A string list is its UTF-8 text joined by U+0000.
 */

export type PackedSection = Uint8Array | Uint16Array | Int32Array | readonly string[];

type Kind = 'u8' | 'u16' | 'i32' | 'str';

const MAGIC = [0x43, 0x4c, 0x50, 0x4b]; // CLPK
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const SEPARATOR = '\u0000';

function kindOf(v: PackedSection): Kind {
  if (v instanceof Uint8Array) return 'u8';
  if (v instanceof Uint16Array) return 'u16';
  if (v instanceof Int32Array) return 'i32';
  return 'str';
}

const align8 = (n: number) => (n + 7) & ~7;

/** The buffer of `sections` with `meta` (any JSON value) in its header. */
export function pack(meta: unknown, sections: Readonly<Record<string, PackedSection>>): Uint8Array {
  const encoder = new TextEncoder();
  const bodies: Array<{ name: string; kind: Kind; bytes: Uint8Array; length: number; count: number }> = [];
  for (const [name, value] of Object.entries(sections)) {
    const kind = kindOf(value);
    if (kind === 'str') {
      const list = value as readonly string[];
      if (list.some((x) => x.includes(SEPARATOR))) throw new RangeError(`pack: a string of ${name} holds U+0000`);
      const bytes = encoder.encode(list.join(SEPARATOR));
      bodies.push({ name, kind, bytes, length: bytes.length, count: list.length });
    } else {
      const a = value as Uint8Array | Uint16Array | Int32Array;
      bodies.push({ name, kind, bytes: new Uint8Array(a.buffer, a.byteOffset, a.byteLength), length: a.length, count: a.length });
    }
  }
  // The header holds the offsets, which depend on the header's length: lay out again until the length settles.
  const layout = (base: number) => {
    let at = base;
    const list: Array<[string, Kind, number, number, number]> = [];
    for (const b of bodies) {
      list.push([b.name, b.kind, at, b.length, b.count]);
      at = align8(at + b.bytes.length);
    }
    return { list, end: at };
  };
  let base = 8;
  let placed = layout(base);
  let header = encoder.encode(JSON.stringify({ meta, endian: LITTLE ? 'le' : 'be', sections: placed.list }));
  while (align8(8 + header.length) !== base) {
    base = align8(8 + header.length);
    placed = layout(base);
    header = encoder.encode(JSON.stringify({ meta, endian: LITTLE ? 'le' : 'be', sections: placed.list }));
  }
  const out = new Uint8Array(placed.end);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(4, header.length, true);
  out.set(header, 8);
  placed.list.forEach(([, , offset], i) => out.set(bodies[i]!.bytes, offset));
  return out;
}

export interface Unpacked {
  readonly meta: unknown;
  /** The section `name` as a view of the buffer; throws when it is missing or of another kind. */
  u8(name: string): Uint8Array;
  u16(name: string): Uint16Array;
  i32(name: string): Int32Array;
  strings(name: string): string[];
  /** An integer section of any width (u8, u16 or i32). */
  numbers(name: string): Uint8Array | Uint16Array | Int32Array;
  has(name: string): boolean;
}

const cache = new WeakMap<Uint8Array, Unpacked | null>();

/**
 * The sections of a buffer written by `pack` (read once per buffer), or undefined when it is not one or was written
 * in the other byte order.
 */
export function unpack(bytes: Uint8Array): Unpacked | undefined {
  const known = cache.get(bytes);
  if (known !== undefined) return known ?? undefined;
  const value = read(bytes);
  cache.set(bytes, value ?? null);
  return value;
}

function read(input: Uint8Array): Unpacked | undefined {
  if (input.length < 8 || MAGIC.some((m, i) => input[i] !== m)) return undefined;
  // Typed views need their element alignment: copy a buffer that does not start on a multiple of 8.
  const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  if (8 + n > bytes.length) return undefined;
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))) as { meta: unknown; endian: string; sections: Array<[string, Kind, number, number, number]> };
  if (header.endian !== (LITTLE ? 'le' : 'be')) return undefined;
  const sections = new Map(header.sections.map((s) => [s[0], s]));
  const strings = new Map<string, string[]>();
  const section = (name: string, kind: Kind) => {
    const s = sections.get(name);
    if (!s || s[1] !== kind) throw new RangeError(`packed tables: no ${kind} section ${name}`);
    const width = kind === 'i32' ? 4 : kind === 'u16' ? 2 : 1;
    if (s[2] + s[3] * width > bytes.length) throw new RangeError(`packed tables: section ${name} truncated`);
    return s;
  };
  const offset = bytes.byteOffset;
  return {
    meta: header.meta,
    u8: (name) => {
      const s = section(name, 'u8');
      return new Uint8Array(bytes.buffer, offset + s[2], s[3]);
    },
    u16: (name) => {
      const s = section(name, 'u16');
      return new Uint16Array(bytes.buffer, offset + s[2], s[3]);
    },
    i32: (name) => {
      const s = section(name, 'i32');
      return new Int32Array(bytes.buffer, offset + s[2], s[3]);
    },
    numbers: (name) => {
      const kind = sections.get(name)?.[1];
      const s = section(name, kind === 'u8' || kind === 'u16' ? kind : 'i32');
      const at = offset + s[2];
      return s[1] === 'u8' ? new Uint8Array(bytes.buffer, at, s[3]) : s[1] === 'u16' ? new Uint16Array(bytes.buffer, at, s[3]) : new Int32Array(bytes.buffer, at, s[3]);
    },
    has: (name) => sections.has(name),
    strings: (name) => {
      let list = strings.get(name);
      if (!list) {
        const s = section(name, 'str');
        list = s[4] === 0 ? [] : new TextDecoder().decode(bytes.subarray(s[2], s[2] + s[3])).split(SEPARATOR);
        if (list.length !== s[4]) throw new RangeError(`packed tables: section ${name} holds ${list.length} strings, not ${s[4]}`);
        strings.set(name, list);
      }
      return list;
    },
  };
}
