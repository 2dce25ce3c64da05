/**
 * `corpus-lens annotate add|edit|delete|list`: annotations from scripts (pipelines that add claims, batch imports),
 * written through the same AnnotationStore, the same write path and the same sidecar lock as the extension, so a
 * script and an open VS Code window (or two scripts) can write one sidecar at the same time without losing any
 * annotation. Offsets are UTF-16 code units of the document as read (UTF-8, BOM removed), as in `extract --json`.
 *
 * Exit codes: 0 done; 1 not done (bad range or field, unknown id, sidecar that does not parse or is not UTF-8,
 * write failed, lock not obtained: nothing was written); 2 usage error.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import {
  AnnotationInputError,
  AnnotationStore,
  ATTRIBUTIONS,
  CONFIDENCES,
  POLARITIES,
  quoteOf,
  type About,
  type AnnotationPatch,
  type AnnotationState,
  type Holder,
  type NewAnnotation,
  type ResolvedAnnotation,
} from '../../core/annotations';
import type { Problem } from '../../core/types';
import { parseArgs, UsageError, type ParsedArgs } from '../args';
import { envOf, filesOf, type CliFiles, type CliIO } from '../io';
import { displayPath, findSidecars, formatProblem } from './validate';

const USAGE = `usage: corpus-lens annotate <add|edit|delete|list> ...
  add <document> --start N --end N --claim TEXT --stance support|oppose|neutral|mixed [fields] [--json]
  edit <document> <id> [fields] [--clear FIELD]... [--json]
  delete <document> <id> [--json]
  list [documents or folders...] [--json]
fields:
  --intensity -2..2        stance intensity (sign must agree with the stance)
  --about topic:ID | entity:ID | TEXT        what the claim is about (TEXT: a proposition)
  --holder entity:ID | section:NAME | TEXT   who holds the stance (TEXT: free text)
  --attribution direct|reported|inferred   --when YYYY[-MM[-DD]]   --confidence high|medium|low
  --tag T (repeatable)     --note TEXT        --author NAME (default: $CORPUS_LENS_AUTHOR, else the OS user)
  --clear FIELD            edit: remove about, holder, attribution, when, confidence, tags or note
options:
  --folder DIR             sidecars kept in DIR (the corpusLens.annotations.folder setting), relative to the current folder
--start/--end are UTF-16 offsets into the document as read (UTF-8, BOM removed), end exclusive, as in extract --json.
Exit codes: 0 done, 1 not done (nothing written), 2 usage error.`;

const FIELD_FLAGS = ['claim', 'stance', 'intensity', 'about', 'holder', 'attribution', 'when', 'confidence', 'tag', 'note', 'author'];
const CLEARABLE = new Set(['about', 'holder', 'attribution', 'when', 'confidence', 'tags', 'note']);

class CommandError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

function one(args: ParsedArgs, name: string): string | undefined {
  const values = args.flags.get(name);
  if (values && values.length > 1) throw new UsageError(`--${name} given more than once`);
  return values?.[0];
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got '${value}'`);
  return value as T;
}

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[+-]?\d+$/.test(value)) throw new UsageError(`--${name} must be an integer, got '${value}'`);
  return Number(value);
}

function aboutOf(value: string | undefined): About | undefined {
  if (value === undefined) return undefined;
  const m = /^(topic|entity):(.+)$/.exec(value);
  if (m) return m[1] === 'topic' ? { topic: m[2]! } : { entity: m[2]! };
  return { proposition: value };
}

function holderOf(value: string | undefined): Holder | undefined {
  if (value === undefined) return undefined;
  const m = /^(entity|section):(.+)$/.exec(value);
  if (m) return m[1] === 'entity' ? { entity: m[2]! } : { section: m[2]! };
  return { text: value };
}

function defaultAuthor(io: CliIO): string {
  const env = envOf(io, 'CORPUS_LENS_AUTHOR')?.trim();
  if (env) return env;
  try {
    const name = os.userInfo().username.trim();
    if (name) return name;
  } catch {
    // no passwd entry
  }
  return 'analyst';
}

/** Fields given on the command line (add and edit). */
function fieldsOf(args: ParsedArgs, current?: ResolvedAnnotation): AnnotationPatch {
  const patch: AnnotationPatch = {};
  const claim = one(args, 'claim');
  if (claim !== undefined) patch.claim = claim;
  const polarity = oneOf(one(args, 'stance'), POLARITIES, 'stance');
  const intensity = integer(one(args, 'intensity'), 'intensity');
  if (polarity !== undefined || intensity !== undefined) {
    const base = current?.annotation.stance;
    const p = polarity ?? base?.polarity;
    if (!p) throw new UsageError('--intensity needs --stance');
    // A new polarity drops the old intensity unless one is given (it would usually contradict it).
    const i = intensity ?? (polarity === undefined ? base?.intensity : undefined);
    patch.stance = i === undefined ? { polarity: p } : { polarity: p, intensity: i };
  }
  const about = aboutOf(one(args, 'about'));
  if (about) patch.about = about;
  const holder = holderOf(one(args, 'holder'));
  if (holder) patch.holder = holder;
  const attribution = oneOf(one(args, 'attribution'), ATTRIBUTIONS, 'attribution');
  if (attribution) patch.attribution = attribution;
  const when = one(args, 'when');
  if (when !== undefined) patch.when = when;
  const confidence = oneOf(one(args, 'confidence'), CONFIDENCES, 'confidence');
  if (confidence) patch.confidence = confidence;
  const tags = args.flags.get('tag');
  if (tags) patch.tags = [...new Set(tags)];
  const note = one(args, 'note');
  if (note !== undefined) patch.note = note;
  const author = one(args, 'author');
  if (author !== undefined) patch.author = author;
  return patch;
}

interface Context {
  io: CliIO;
  store: AnnotationStore;
  json: boolean;
}

function display(ctx: Context, file: string): string {
  return displayPath(file, ctx.io.cwd);
}

/** Load a document's annotations; a sidecar that cannot be written is an error naming its line. */
async function open(ctx: Context, files: CliFiles, input: string): Promise<{ docPath: string; state: AnnotationState }> {
  const docPath = path.resolve(ctx.io.cwd, input);
  const text = await files.readText(docPath);
  if (text === undefined) throw new CommandError(`${input}:1: error: no such document`, 1);
  const state = await ctx.store.load(docPath, text);
  if (state.readOnly) {
    const first = state.problems.find((p) => p.severity === 'error') ?? state.problems[0];
    throw new CommandError(formatProblem(withDisplay(ctx, first ?? { file: state.sidecarPath, line: 1, column: 1, severity: 'error', message: 'the sidecar cannot be read' })) + ' (nothing was written)', 1);
  }
  return { docPath, state };
}

function withDisplay(ctx: Context, p: Problem): Problem {
  return { ...p, file: display(ctx, p.file) };
}

async function save(ctx: Context, docPath: string): Promise<AnnotationState> {
  const result = await ctx.store.save(docPath);
  for (const p of result.problems) if (p.severity !== 'error') ctx.io.stderr(formatProblem(withDisplay(ctx, p)) + '\n');
  if (!result.ok) {
    const errors = result.problems.filter((p) => p.severity === 'error');
    throw new CommandError(errors.map((p) => formatProblem(withDisplay(ctx, p))).join('\n') || `${display(ctx, result.state.sidecarPath)}:1:1: error: not saved`, 1);
  }
  return result.state;
}

function row(ctx: Context, state: AnnotationState, r: ResolvedAnnotation): Record<string, unknown> {
  return {
    file: display(ctx, state.docPath),
    sidecar: display(ctx, state.sidecarPath),
    id: r.annotation.id,
    start: r.start,
    end: r.end,
    orphaned: r.orphaned,
    quote: quoteOf(r.annotation).exact,
    ...Object.fromEntries(Object.entries(r.annotation).filter(([k]) => k !== 'id' && k !== 'target' && k !== 'orphaned')),
  };
}

function printOne(ctx: Context, action: string, state: AnnotationState, id: string): void {
  const r = state.annotations.find((x) => x.annotation.id === id);
  if (ctx.json) ctx.io.stdout(JSON.stringify(r ? { action, ...row(ctx, state, r) } : { action, file: display(ctx, state.docPath), id }) + '\n');
  else ctx.io.stdout(`${id}\n`);
}

function inputError(ctx: Context, docPath: string, error: AnnotationInputError): CommandError {
  return new CommandError(error.issues.map((i) => `${display(ctx, docPath)}:1: error: ${i}`).join('\n'), 1);
}

async function add(ctx: Context, files: CliFiles, args: ParsedArgs): Promise<number> {
  const [input, ...extra] = args.positionals;
  if (!input || extra.length) throw new UsageError('add takes one document');
  const start = integer(one(args, 'start'), 'start');
  const end = integer(one(args, 'end'), 'end');
  if (start === undefined || end === undefined) throw new UsageError('add needs --start and --end');
  const fields = fieldsOf(args);
  if (fields.claim === undefined) throw new UsageError('add needs --claim');
  if (!fields.stance) throw new UsageError('add needs --stance');
  const { docPath } = await open(ctx, files, input);
  let id: string;
  try {
    const m = ctx.store.add(docPath, { author: defaultAuthor(ctx.io), ...(fields as Omit<NewAnnotation, 'start' | 'end'>), start, end });
    id = m.id!;
  } catch (error) {
    if (error instanceof AnnotationInputError) throw inputError(ctx, docPath, error);
    throw error;
  }
  const state = await save(ctx, docPath);
  printOne(ctx, 'add', state, id);
  return 0;
}

async function edit(ctx: Context, files: CliFiles, args: ParsedArgs): Promise<number> {
  const [input, id, ...extra] = args.positionals;
  if (!input || !id || extra.length) throw new UsageError('edit takes a document and an annotation id');
  const { docPath } = await open(ctx, files, input);
  const current = ctx.store.find(docPath, id);
  if (!current) throw new CommandError(`${display(ctx, ctx.store.get(docPath)!.sidecarPath)}:1: error: no annotation with id "${id}"`, 1);
  const patch = fieldsOf(args, current);
  for (const field of args.flags.get('clear') ?? []) {
    if (!CLEARABLE.has(field)) throw new UsageError(`--clear takes one of ${[...CLEARABLE].join(', ')}, got '${field}'`);
    (patch as Record<string, unknown>)[field] = undefined;
  }
  if (!Object.keys(patch).length) throw new UsageError('edit needs at least one field to change');
  try {
    ctx.store.update(docPath, id, patch);
  } catch (error) {
    if (error instanceof AnnotationInputError) throw inputError(ctx, docPath, error);
    throw error;
  }
  const state = await save(ctx, docPath);
  printOne(ctx, 'edit', state, id);
  return 0;
}

async function remove(ctx: Context, files: CliFiles, args: ParsedArgs): Promise<number> {
  const [input, id, ...extra] = args.positionals;
  if (!input || !id || extra.length) throw new UsageError('delete takes a document and an annotation id');
  const { docPath } = await open(ctx, files, input);
  if (!ctx.store.find(docPath, id)) throw new CommandError(`${display(ctx, ctx.store.get(docPath)!.sidecarPath)}:1: error: no annotation with id "${id}"`, 1);
  ctx.store.remove(docPath, id);
  const state = await save(ctx, docPath);
  printOne(ctx, 'delete', state, id);
  return 0;
}

async function list(ctx: Context, files: CliFiles, args: ParsedArgs): Promise<number> {
  const docs: string[] = [];
  let status = 0;
  const inputs = args.positionals.length ? args.positionals : ['.'];
  for (const input of inputs) {
    const full = path.resolve(ctx.io.cwd, input);
    if (full.endsWith('.annotations.yaml') || (await isFolder(files, full))) {
      // Sidecars under a folder: their documents (a sidecar names its document relative to itself).
      const found = await findSidecars(files, [input], ctx.io.cwd);
      for (const p of found.problems) ctx.io.stderr(`${p}\n`);
      for (const sidecar of found.files) {
        const text = await files.readText(sidecar);
        const declared = text ? /^document:\s*\n\s+path:\s*["']?(.+?)["']?\s*$/m.exec(text)?.[1] : undefined;
        docs.push(declared ? path.resolve(path.dirname(sidecar), declared) : sidecar.slice(0, -'.annotations.yaml'.length));
      }
    } else docs.push(full);
  }
  const rows: string[] = [];
  for (const doc of [...new Set(docs)]) {
    let state: AnnotationState;
    try {
      ({ state } = await open(ctx, files, path.relative(ctx.io.cwd, doc) || doc));
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      ctx.io.stderr(error.message + '\n');
      status = 1;
      continue;
    }
    for (const p of state.problems) if (p.severity !== 'info') ctx.io.stderr(formatProblem(withDisplay(ctx, p)) + '\n');
    for (const r of state.annotations) {
      if (ctx.json) rows.push(JSON.stringify(row(ctx, state, r)));
      else {
        const a = r.annotation;
        const stance = a.stance.intensity === undefined ? a.stance.polarity : `${a.stance.polarity} ${a.stance.intensity > 0 ? '+' : ''}${a.stance.intensity}`;
        const about = a.about ? Object.entries(a.about)[0]!.join(':') : '';
        const quote = quoteOf(a).exact.replace(/\s+/g, ' ');
        rows.push([display(ctx, state.docPath), a.id, r.orphaned ? 'orphan' : `${r.start}-${r.end}`, stance, about, a.claim.replace(/\s+/g, ' '), quote.length > 40 ? quote.slice(0, 40) + '…' : quote].join('\t'));
      }
    }
  }
  if (!ctx.json && rows.length) ctx.io.stdout(['file\tid\trange\tstance\tabout\tclaim\tquote', ...rows].join('\n') + '\n');
  else if (rows.length) ctx.io.stdout(rows.join('\n') + '\n');
  return status;
}

async function isFolder(files: CliFiles, p: string): Promise<boolean> {
  try {
    return (await files.stat(p))?.kind === 'directory';
  } catch {
    return false;
  }
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || sub === '--help' || sub === '-h') {
    io.stdout(USAGE + '\n');
    return sub ? 0 : 2;
  }
  let args: ParsedArgs;
  try {
    const values = sub === 'add' ? ['start', 'end', ...FIELD_FLAGS, 'folder'] : sub === 'edit' ? [...FIELD_FLAGS, 'clear', 'folder'] : ['folder'];
    args = parseArgs(rest, { values, booleans: ['json'] });
    if (!['add', 'edit', 'delete', 'list'].includes(sub)) throw new UsageError(`unknown subcommand '${sub}' (add, edit, delete or list)`);
    const folder = one(args, 'folder');
    const files = filesOf(io);
    const ctx: Context = { io, json: args.booleans.has('json'), store: new AnnotationStore(files, { ...(folder ? { folder, root: io.cwd } : {}) }) };
    if (sub === 'add') return await add(ctx, files, args);
    if (sub === 'edit') return await edit(ctx, files, args);
    if (sub === 'delete') return await remove(ctx, files, args);
    return await list(ctx, files, args);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`corpus-lens annotate: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof CommandError) {
      io.stderr(error.message + '\n');
      return error.code;
    }
    throw error;
  }
}
