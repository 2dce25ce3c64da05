// The CLI's argument errors: each kind told from node:util parseArgs' tokens (not from its English messages), and
// reported as one usage line naming the option as the user wrote it.
import * as assert from 'node:assert/strict';
import { parseArgs, UsageError } from '../../src/cli/args';

const spec = { values: ['out', 'format'], booleans: ['bom', 'help'], short: { o: 'out', h: 'help' } };

function usageError(args: string[]): string {
  try {
    parseArgs(args, spec);
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error));
    return error.message;
  }
  assert.fail(`no usage error for ${JSON.stringify(args)}`);
}

describe('cli: argument errors', () => {
  it('an unknown option, long, with a value, short or in a group of short ones', () => {
    assert.equal(usageError(['--bogus']), 'unknown option --bogus');
    assert.equal(usageError(['--bogus=1']), 'unknown option --bogus');
    assert.equal(usageError(['-z']), 'unknown option -z');
    assert.equal(usageError(['-hz']), 'unknown option -z');
    assert.equal(usageError(['--constructor']), 'unknown option --constructor', 'not a member of every object');
  });

  it('a value option without its value, at the end or empty', () => {
    assert.equal(usageError(['--out']), '--out needs a value');
    assert.equal(usageError(['-o']), '--out needs a value');
    assert.equal(usageError(['--out=']), '--out needs a value');
    assert.equal(usageError(['--format', 'csv', '--format']), '--format needs a value');
  });

  it('a flag given a value', () => {
    assert.equal(usageError(['--bom=yes']), '--bom takes no value');
    assert.equal(usageError(['--help=1']), '--help takes no value');
  });

  it('the first problem in argument order is the one reported', () => {
    assert.equal(usageError(['--bom=yes', '--bogus']), '--bom takes no value');
    assert.equal(usageError(['--bogus', '--out']), 'unknown option --bogus');
  });

  it('another refusal of node:util keeps its first line', () => {
    assert.equal(usageError(['-o', '-x']), "Option '-o' argument is ambiguous.");
  });

  it('valid arguments: values, repeated values, flags, short forms, and everything after -- as positionals', () => {
    const r = parseArgs(['a', '-o', 'x', '--format', 'csv', '--format=jsonl', '-h', '--', '--bogus'], spec);
    assert.deepEqual(r.positionals, ['a', '--bogus']);
    assert.deepEqual([...r.flags], [['out', ['x']], ['format', ['csv', 'jsonl']]]);
    assert.deepEqual([...r.booleans], ['help']);
  });
});
