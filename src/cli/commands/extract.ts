import * as path from 'node:path';
import { LineIndex } from '../../core/text/offsets';
import { parseArgs, UsageError } from '../args';
import { filesOf, readStdin, type CliIO } from '../io';
import { decodeBytes, loadCore, maxSizeBytes, readCorpusFile } from '../setup';
import { isEdtfDate } from '../../core/dates/edtf';

const USAGE = 'Usage: corpus-lens extract <files...|-> [--json] [--knowledge F] [--topics F] [--reference YYYY-MM-DD] [--no-dates] [--no-entities] [--max-size-mb N]';

/**
 * `corpus-lens extract`: one JSON object per line per mention (--json), or a readable listing. `-` reads the text
 * from standard input (shown as `<stdin>`).
 * start/end are UTF-16 offsets into the file's text as read (decoded from UTF-8, UTF-16, GB18030 or Big5, BOM removed).
 */
export async function run(argv: string[], io: CliIO): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, { values: ['knowledge', 'topics', 'reference', 'max-size-mb'], booleans: ['json', 'no-dates', 'no-entities'] });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`corpus-lens extract: ${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (args.positionals.length === 0) {
    io.stderr(`corpus-lens extract: no files given\n${USAGE}`);
    return 2;
  }
  const reference = args.flags.get('reference')?.[0];
  if (reference && !isEdtfDate(reference)) {
    io.stderr(`corpus-lens extract: --reference must be YYYY, YYYY-MM or YYYY-MM-DD, got '${reference}'`);
    return 2;
  }
  const maxBytes = maxSizeBytes(args.flags.get('max-size-mb'));
  if (typeof maxBytes === 'string') {
    io.stderr(`corpus-lens extract: ${maxBytes}\n${USAGE}`);
    return 2;
  }
  const core = await loadCore(io, args.flags.get('knowledge'), args.flags.get('topics'));
  const files = filesOf(io);
  let status = 0;
  for (const input of args.positionals) {
    const file = path.resolve(io.cwd, input);
    if (input !== '-' && (await files.stat(file))?.kind !== 'file') {
      io.stderr(`corpus-lens extract: ${input}: not a file`);
      status = 1;
      continue;
    }
    let got;
    try {
      if (input === '-') {
        const bytes = await readStdin(io);
        got = bytes.byteLength > maxBytes ? { error: `not read: ${(bytes.byteLength / 1048576).toFixed(1)} MB is larger than --max-size-mb ${Math.round(maxBytes / 1048576)}` } : decodeBytes(bytes);
      } else got = await readCorpusFile(files, file, maxBytes);
    } catch (error) {
      got = { error: error instanceof Error ? error.message : String(error) };
    }
    if ('error' in got) {
      io.stderr(`corpus-lens extract: ${input}: ${got.error}`);
      status = 1;
      continue;
    }
    const text = got.text;
    const analysis = core.analyzer.analyse(text, reference ? { reference } : {});
    const rows: Array<{ start: number; line: string }> = [];
    const shown = input === '-' ? '<stdin>' : input;
    const lines = args.booleans.has('json') ? undefined : new LineIndex(text);
    if (!args.booleans.has('no-entities')) {
      // Top-level mentions, each followed by its inner members (nested levels: "member": true, "in": outer start).
      for (const top of analysis.entities) {
        for (const m of [top, ...(top.members ?? [])]) {
          const member = m !== top;
          const entity = core.kb.get(m.entityId);
          if (lines) {
            const p = lines.position(m.start);
            const what = m.confirmed ? `${m.entityId} (${entity?.name ?? ''})` : `unconfirmed ${m.type}`;
            rows.push({ start: m.start, line: `${shown}:${p.line + 1}:${p.character + 1}\t${member ? 'member' : 'entity'}\t${m.text}\t${what}${m.demonym ? ' demonym' : ''}${m.rule ? ` [rule ${m.rule}]` : ''}` });
          } else {
            const o: Record<string, unknown> = { file: shown, kind: 'entity', start: m.start, end: m.end, text: m.text, entity: m.entityId, type: m.type, name: entity?.name ?? m.text };
            if (entity?.wikidata) o.wikidata = entity.wikidata;
            o.confirmed = m.confirmed;
            if (m.demonym) o.demonym = true;
            if (m.rule) o.rule = m.rule;
            if (member) {
              o.member = true;
              o.in = top.start;
            }
            rows.push({ start: m.start, line: JSON.stringify(o) });
          }
        }
      }
    }
    if (!args.booleans.has('no-dates')) {
      for (const d of analysis.dates) {
        if (lines) {
          const p = lines.position(d.start);
          rows.push({ start: d.start, line: `${shown}:${p.line + 1}:${p.character + 1}\tdate\t${d.text}\t${d.value} ${d.type}${d.mod ? ` ${d.mod}` : ''} (${d.anchor})` });
        } else {
          const o: Record<string, unknown> = { file: shown, kind: 'date', start: d.start, end: d.end, text: d.text, value: d.value, type: d.type };
          if (d.mod) o.mod = d.mod;
          o.anchor = d.anchor;
          rows.push({ start: d.start, line: JSON.stringify(o) });
        }
      }
    }
    rows.sort((a, b) => a.start - b.start);
    if (rows.length) io.stdout(rows.map((r) => r.line).join('\n'));
  }
  return status;
}
