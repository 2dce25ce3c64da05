/**
 * `corpus-lens merge-file <base> <ours> <theirs> [path]`: the git merge driver for annotation sidecars
 * (`git config merge.corpus-lens.driver "corpus-lens merge-file %O %A %B %P"`, set up by `corpus-lens git-setup`).
 * Merges by annotation id (see src/core/annotations/merge.ts) and writes the result to <ours>, as git expects.
 * Exit 0: merged (annotations changed differently on both branches are kept in both versions, flagged with
 * `conflict:` for review); 1: the reference date was set differently on both branches (ours kept, git reports
 * a conflict), or a side could not be read: then git's own line merge with conflict markers is written instead
 * (the extension offers "Keep Both Sides" once the sides parse).
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { mergeSidecars } from '../../core/annotations';
import { mergeSegmentFiles, SEGMENTS_SUFFIX } from '../../core/codes';
import { decodeText } from '../../core/text/offsets';
import { filesOf, type CliFiles } from '../io';
import { formatProblem, type CliIo } from './validate';

const USAGE = 'usage: corpus-lens merge-file <base> <ours> <theirs> [path]   (git merge driver: merge-file %O %A %B %P)';

async function read(files: CliFiles, cwd: string, file: string): Promise<string> {
  return decodeText(await files.readBytes(path.resolve(cwd, file)));
}

export async function run(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(USAGE);
    return 0;
  }
  if (args.length < 3 || args.length > 4 || args.some((a) => a.startsWith('--'))) {
    io.stderr(USAGE);
    return 2;
  }
  const [baseFile, oursFile, theirsFile] = args as [string, string, string];
  const name = args[3] ?? oursFile;
  const files = filesOf(io);
  let base: string;
  let ours: string;
  let theirs: string;
  try {
    [base, ours, theirs] = [await read(files, io.cwd, baseFile), await read(files, io.cwd, oursFile), await read(files, io.cwd, theirsFile)];
  } catch (error) {
    io.stderr(`corpus-lens merge-file: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  // Coded segment files (*.codes.yaml) merge by segment id (core/codes/segmentMerge.ts), sidecars by annotation id.
  const result = name.endsWith(SEGMENTS_SUFFIX) ? { ...mergeSegmentFiles({ base, ours, theirs, file: name }), segments: true } : { ...mergeSidecars({ base, ours, theirs, file: name }), segments: false };
  if (result.text === undefined) {
    for (const p of result.problems) io.stderr(formatProblem(p));
    io.stderr(`corpus-lens merge-file: ${name}: cannot merge by ${result.segments ? 'segment' : 'annotation'} id; falling back to git's line merge (conflict markers)`);
    const git = spawnSync('git', ['merge-file', '--diff3', '-L', 'ours', '-L', 'base', '-L', 'theirs', oursFile, baseFile, theirsFile], { encoding: 'utf8', cwd: io.cwd });
    if (git.error) {
      io.stderr(`corpus-lens merge-file: git merge-file failed: ${git.error.message}; ${name} is left as our side`);
      return 2;
    }
    return git.status === 0 ? 0 : 1;
  }
  await files.writeTextAtomic(path.resolve(io.cwd, oursFile), result.text);
  for (const note of result.notes) io.stderr(`corpus-lens merge-file: ${name}: ${note.message}`);
  return result.notes.some((n) => (n.kind as string) === 'reference') ? 1 : 0;
}
