// The typed command table (src/extension/commandIds.ts) against package.json and the code that registers commands.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS, type CommandId } from '../../src/extension/commandIds';
import { sources } from './helpers/sources';

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { commands: Array<{ command: string }> } };


describe('commands: one typed table', () => {
  const ids = Object.keys(COMMANDS) as CommandId[];

  it('every contributed command is in the table, and every public id of the table is contributed', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    const isInternal = (id: CommandId) => (COMMANDS[id] as { internal?: true }).internal === true;
    assert.deepEqual(ids.filter((id) => !isInternal(id)).sort(), contributed);
  });

  it('every command has a name for its error messages', () => {
    for (const id of ids) assert.match(COMMANDS[id].name, /^[A-Z]/, id);
  });

  it('src/extension registers commands only through commands.ts, each id once', () => {
    const registered: string[] = [];
    for (const file of sources(join(root, 'src', 'extension'))) {
      const text = readFileSync(file, 'utf8');
      if (!file.endsWith(join('extension', 'commands.ts'))) assert.doesNotMatch(text, /vscode\.commands\.registerCommand\(/, `${file} registers a command around the guard`);
      for (const m of text.matchAll(/register(?:Command\(services\.log, |Command\(log, |\()'(corpusLens\.[A-Za-z.]+)'/g)) registered.push(m[1]!);
    }
    assert.deepEqual([...registered].sort(), [...ids].sort());
  });
});
