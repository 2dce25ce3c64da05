/**
 * The one I/O interface of the CLI: what a command may print and where it runs. main.ts passes process.stdout /
 * stderr and process.cwd(); the tests pass strings they collect. Files are read and written through node:fs (and
 * the shared write path, src/node/files.ts) relative to `cwd`.
 */
export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
}
