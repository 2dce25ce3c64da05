/** The CLI as shipped (one bundle, the loaders of scripts/build.mjs), for tests that run it as git or a child would. */
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(__dirname, '../..');

export async function bundleCli(outfile: string): Promise<void> {
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'src/cli/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    loader: { '.yaml': 'text', '.jsonl': 'text', '.b64': 'text' },
    logLevel: 'warning',
  });
}
