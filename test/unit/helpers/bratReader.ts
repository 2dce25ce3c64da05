/**
 * A port of the reading rules of brat's own server (nlplab/brat, server/src/annotation.py: Annotations and
 * TextAnnotations), to check that brat accepts an exported .ann with its .txt. Python strings index code points,
 * so the text is handled as an array of code points. Every rule that makes brat refuse a line or a file is kept:
 * - a line is `ID \t DATA [\t TAIL]`; the id is `[A-Za-z]+|#[A-Za-z]*` + digits; an id seen twice is refused;
 * - T: `TYPE start end[;start end]*`, 0 <= start <= end <= len(text), fragments of one annotation neither overlap
 *   nor touch (`end >= ostart and start < oend`), a tab then the text: the fragments' texts joined by one space;
 * - E: `TYPE:TRIGGER [ROLE:ID]*`; the trigger must be a T of the same type;
 * - A: `TYPE TARGET [VALUE]`, TARGET a valid id; N: `TYPE TARGET DB:ID`; #: `TYPE TARGET` (exactly two words);
 * - every referenced id is defined; no annotation other than an event references a trigger.
 * Lines are read with universal newlines (\r, \n, \r\n end a line), as brat's open_textfile does.
 */
export interface BratTextBound { id: string; type: string; spans: Array<[number, number]>; text: string }
export interface BratEvent { id: string; type: string; trigger: string; args: Array<[string, string]> }
export interface BratFile {
  textbounds: Map<string, BratTextBound>;
  events: Map<string, BratEvent>;
  attributes: Array<{ id: string; type: string; target: string; value: string | true }>;
  normalizations: Array<{ id: string; type: string; target: string; db: string; ref: string }>;
  comments: Array<{ id: string; type: string; target: string; text: string }>;
}

export class BratError extends Error {}

const ID_RE = /^([A-Za-z]+|#[A-Za-z]*)([0-9]+)(.*?)$/;

export function readBrat(ann: string, txt: string): BratFile {
  const text = Array.from(txt); // code points
  const out: BratFile = { textbounds: new Map(), events: new Map(), attributes: [], normalizations: [], comments: [] };
  const ids = new Set<string>();
  const deps: Array<{ from: string; refs: string[]; event: boolean }> = [];
  const lines = ann.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, n) => {
    const where = `line ${n + 1} "${line}"`;
    const tab = line.indexOf('\t');
    if (tab < 0) throw new BratError(`${where}: no tab after the id`);
    const id = line.slice(0, tab);
    const idTail = line.slice(tab + 1);
    if (!ID_RE.test(id)) throw new BratError(`${where}: invalid id`);
    if (ids.has(id)) throw new BratError(`${where}: duplicate id ${id}`);
    ids.add(id);
    const t2 = idTail.indexOf('\t');
    const data = t2 < 0 ? idTail : idTail.slice(0, t2);
    const dataTail = t2 < 0 ? '' : idTail.slice(t2);
    const kind = id[0];
    if (kind === 'T') {
      const sp = data.indexOf(' ');
      if (sp < 0) throw new BratError(`${where}: no type`);
      const type = data.slice(0, sp);
      const spans: Array<[number, number]> = [];
      for (const frag of data.slice(sp + 1).split(';')) {
        const m = /^(\S+) (\S+)\s*$/.exec(frag);
        if (!m || !/^-?\d+$/.test(m[1]!) || !/^-?\d+$/.test(m[2]!)) throw new BratError(`${where}: bad offsets "${frag}"`);
        const start = Number(m[1]);
        const end = Number(m[2]);
        if (start > end) throw new BratError(`${where}: start > end`);
        if (start < 0) throw new BratError(`${where}: start < 0`);
        if (end > text.length) throw new BratError(`${where}: offset ${end} exceeds the text length ${text.length}`);
        for (const [os, oe] of spans) if (end >= os && start < oe) throw new BratError(`${where}: fragments overlap`);
        spans.push([start, end]);
      }
      const spanlen = spans.reduce((s, [a, b]) => s + b - a, 0) + (spans.length - 1);
      if (dataTail.trim() === '') throw new BratError(`${where}: no text`);
      if (dataTail[0] !== '\t') throw new BratError(`${where}: no tab before the text`);
      const tail = Array.from(dataTail.slice(1));
      if (spanlen > tail.length) throw new BratError(`${where}: text shorter than the spans`);
      const got = tail.slice(0, spanlen).join('');
      const ref = spans.map(([a, b]) => text.slice(a, b).join('')).join(' ');
      if (got !== ref) throw new BratError(`${where}: text "${got}" does not match the document's "${ref}"`);
      const rest = tail.slice(spanlen).join('');
      if (rest !== '' && !/^\s/.test(rest)) throw new BratError(`${where}: text not separated from the rest of the line`);
      out.textbounds.set(id, { id, type, spans, text: got });
    } else if (kind === 'E') {
      const sp = data.indexOf(' ');
      const typeTrigger = sp < 0 ? data : data.slice(0, sp);
      const parts = typeTrigger.split(':');
      if (parts.length !== 2) throw new BratError(`${where}: event without TYPE:TRIGGER`);
      const args = (sp < 0 ? '' : data.slice(sp)).split(/\s+/).filter(Boolean).map((a) => a.split(':') as [string, string]);
      if (args.some((a) => a.length !== 2)) throw new BratError(`${where}: bad argument`);
      out.events.set(id, { id, type: parts[0]!, trigger: parts[1]!, args });
      deps.push({ from: id, refs: [parts[1]!, ...args.map((a) => a[1])], event: true });
    } else if (kind === 'A' || kind === 'M') {
      let m = /^(.+?) (.+?) (.+?)$/.exec(data);
      let value: string | true;
      let type: string;
      let target: string;
      if (m) [, type, target, value] = m as unknown as [string, string, string, string];
      else {
        m = /^(.+?) (.+?)$/.exec(data);
        if (!m) throw new BratError(`${where}: bad attribute`);
        [, type, target] = m as unknown as [string, string, string];
        value = true;
      }
      if (!ID_RE.test(target)) throw new BratError(`${where}: invalid target id`);
      out.attributes.push({ id, type, target, value });
      deps.push({ from: id, refs: [target], event: false });
    } else if (kind === 'N') {
      const m = /^(\S+) (\S+) (\S+?):(\S+)/.exec(data);
      if (!m) throw new BratError(`${where}: bad normalization`);
      out.normalizations.push({ id, type: m[1]!, target: m[2]!, db: m[3]!, ref: m[4]! });
      deps.push({ from: id, refs: [m[2]!], event: false });
    } else if (kind === '#') {
      const words = data.split(/\s+/).filter(Boolean);
      if (words.length !== 2) throw new BratError(`${where}: a comment is TYPE TARGET`);
      out.comments.push({ id, type: words[0]!, target: words[1]!, text: dataTail.slice(1) });
      deps.push({ from: id, refs: [words[1]!], event: false });
    } else if (kind === 'R' || kind === '*') {
      // not written by the exporter
      throw new BratError(`${where}: unexpected ${kind} line`);
    } else {
      throw new BratError(`${where}: unknown annotation kind`);
    }
  });
  // _sanity(): referenced ids exist, triggers of the event's type, no non-event references a trigger
  for (const d of deps) for (const r of d.refs) if (!ids.has(r)) throw new BratError(`ID ${r} not defined, referenced from ${d.from}`);
  const triggers = new Set<string>();
  for (const e of out.events.values()) {
    const t = out.textbounds.get(e.trigger);
    if (!t) throw new BratError(`event ${e.id} lacks a trigger`);
    if (t.type !== e.type) throw new BratError(`non-trigger ${e.trigger} used by ${e.id} as trigger`);
    triggers.add(e.trigger);
  }
  for (const d of deps) if (!d.event) for (const r of d.refs) if (triggers.has(r)) throw new BratError(`trigger ${r} referenced by non-event ${d.from}`);
  return out;
}
