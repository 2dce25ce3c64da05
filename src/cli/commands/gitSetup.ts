/**
 * `corpus-lens git-setup [--cli COMMAND]`: sets up the annotation merge driver in the git repository of the current
 * folder: adds `*.annotations.yaml merge=corpus-lens` to the repository's `.gitattributes` (commit it: it is
 * shared) and writes `merge.corpus-lens.name` / `merge.corpus-lens.driver` into the repository's git config
 * (local to each clone: every analyst runs this once). The driver starts this CLI as it was started now (node and
 * the script's absolute path), or as `--cli COMMAND` says (e.g. `--cli corpus-lens` when it is on the PATH).
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { driverCommand, gitattributesWithDriver, MERGE_DRIVER, shellQuote } from '../../core/annotations';
import { filesOf } from '../io';
import { gitattributesWithSegmentDriver, SEGMENTS_GITATTRIBUTES_LINE } from '../../core/codes';
import type { CliIo } from './validate';

const USAGE = 'usage: corpus-lens git-setup [--cli COMMAND]   set up the merge driver for *.annotations.yaml in this git repository';

function git(cwd: string, args: string[]): { ok: boolean; out: string; err: string } {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.error) return { ok: false, out: '', err: r.error.message };
  return { ok: r.status === 0, out: r.stdout.trim(), err: r.stderr.trim() };
}

export async function run(args: string[], io: CliIo): Promise<number> {
  let cli: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--help' || a === '-h') {
      io.stdout(USAGE);
      return 0;
    }
    if (a === '--cli' || a.startsWith('--cli=')) {
      cli = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (!cli) {
        io.stderr(`--cli needs a value\n${USAGE}`);
        return 2;
      }
    } else {
      io.stderr(`unknown argument ${a}\n${USAGE}`);
      return 2;
    }
  }
  const top = git(io.cwd, ['rev-parse', '--show-toplevel']);
  if (!top.ok) {
    io.stderr(`corpus-lens git-setup: ${io.cwd} is not in a git repository (${top.err || 'git not found'})`);
    return 1;
  }
  const root = top.out;
  const attributes = path.join(root, '.gitattributes');
  const files = filesOf(io);
  const update = gitattributesWithDriver(await files.readText(attributes));
  if (update.other) {
    io.stderr(`corpus-lens git-setup: ${attributes} already sets another merge for sidecars (${update.other}); left unchanged`);
  } else if (update.changed) {
    await files.writeTextAtomic(attributes, update.text);
    io.stdout(`${path.relative(io.cwd, attributes) || '.gitattributes'}: added "*.annotations.yaml merge=${MERGE_DRIVER}" (commit this file)`);
  } else io.stdout(`${path.relative(io.cwd, attributes) || '.gitattributes'}: already routes sidecars to the driver`);
  // Coded segment files (*.codes.yaml) through the same driver (merge-file tells them apart by name).
  const segUpdate = gitattributesWithSegmentDriver(await files.readText(attributes));
  if (segUpdate.other) io.stderr(`corpus-lens git-setup: ${attributes} already sets another merge for segment files (${segUpdate.other}); left unchanged`);
  else if (segUpdate.changed) {
    await files.writeTextAtomic(attributes, segUpdate.text);
    io.stdout(`${path.relative(io.cwd, attributes) || '.gitattributes'}: added "${SEGMENTS_GITATTRIBUTES_LINE}" (commit this file)`);
  }
  const command = driverCommand(cli ?? `${shellQuote(process.execPath)} ${shellQuote(path.resolve(process.argv[1] ?? 'corpus-lens'))}`);
  for (const [key, value] of [
    [`merge.${MERGE_DRIVER}.name`, 'Corpus Lens annotations (merge by annotation id)'],
    [`merge.${MERGE_DRIVER}.driver`, command],
  ] as const) {
    const r = git(root, ['config', key, value]);
    if (!r.ok) {
      io.stderr(`corpus-lens git-setup: git config ${key} failed: ${r.err}`);
      return 1;
    }
  }
  io.stdout(`git config merge.${MERGE_DRIVER}.driver = ${command}`);
  return update.other || segUpdate.other ? 1 : 0;
}
