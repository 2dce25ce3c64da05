/** corpus-lens: the command line over the same core as the extension. */
import { run as annotate } from './commands/annotate';
import { run as agreement } from './commands/agreement';
import { run as exportCommand } from './commands/export';
import { run as extract } from './commands/extract';
import { run as gitSetup } from './commands/gitSetup';
import { run as index } from './commands/index';
import { run as mergeFile } from './commands/mergeFile';
import { run as validate } from './commands/validate';
import { runImport } from './commands/refiqda';
import type { CliIO } from './io';

const COMMANDS: Record<string, { run: (args: string[], io: CliIO) => Promise<number>; summary: string }> = {
  extract: { run: extract, summary: 'extract <files...> [--json] [--knowledge F] [--reference YYYY-MM-DD]   entity and date mentions' },
  index: { run: index, summary: 'index [paths...] [--json] [--include GLOB]   documents, records, topics and entity counts of a corpus' },
  validate: { run: validate, summary: 'validate [paths...]   check annotation sidecars (*.annotations.yaml) and their anchoring' },
  annotate: { run: annotate, summary: 'annotate add|edit|delete|list ...   write annotations from scripts (same store and lock as the extension)' },
  export: { run: exportCommand, summary: 'export --format csv|jsonl|jsonld|qdpx|qdc [--out F] [paths...]   annotations for analysis; REFI-QDA project or codebook' },
  import: { run: runImport, summary: 'import FILE.qdpx|FILE.qdc [--root DIR]   a REFI-QDA project or codebook into the workspace' },
  'merge-file': { run: mergeFile, summary: 'merge-file <base> <ours> <theirs> [path]   git merge driver for sidecars: merges by annotation id' },
  'git-setup': { run: gitSetup, summary: 'git-setup [--cli COMMAND]   set up that merge driver (.gitattributes + git config) in this repository' },
  agreement: { run: agreement, summary: 'agreement [paths...] --by code|stance [--json]   inter-coder agreement of the analysts' },
};

function usage(): string {
  return ['Usage: corpus-lens <command> [options]', '', ...Object.values(COMMANDS).map((c) => `  ${c.summary}`), ''].join('\n');
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`corpus-lens: unknown command '${name}'\n${usage()}`);
    return 2;
  }
  return command.run(args, io);
}

if (require.main === module) {
  const io: CliIO = { stdout: (s) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`), stderr: (s) => process.stderr.write(s.endsWith('\n') ? s : `${s}\n`), cwd: process.cwd() };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`corpus-lens: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
