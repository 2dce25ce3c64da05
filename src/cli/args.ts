/**
 * Argument parsing of every command, over node:util parseArgs (strict: unknown options and missing values are
 * usage errors): `--flag value`, `--flag=value`, repeatable value options, boolean flags, positionals, `--`.
 */
import { parseArgs as parseNodeArgs } from 'node:util';

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string[]>;
  booleans: Set<string>;
}

export class UsageError extends Error {}

export function parseArgs(args: string[], spec: { values?: string[]; booleans?: string[]; short?: Record<string, string> }): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {};
  for (const name of spec.values ?? []) options[name] = { type: 'string', multiple: true };
  for (const name of spec.booleans ?? []) options[name] = { type: 'boolean' };
  for (const [letter, name] of Object.entries(spec.short ?? {})) if (options[name]) options[name].short = letter;
  // `--intensity -2`: a value option takes the next argument whatever it looks like (node:util would call a value
  // starting with '-' ambiguous), so such pairs are handed over as `--intensity=-2`.
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      joined.push(...args.slice(i));
      break;
    }
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name !== undefined && !name.includes('=') && options[name]?.type === 'string' && i + 1 < args.length) joined.push(`--${name}=${args[++i]!}`);
    else joined.push(arg);
  }
  // The usage errors, in argument order, from node's tokens (what each option is and the value it got), not from
  // the English text of its errors: an unknown option, a value option without its value, a flag with one.
  const { tokens } = parseNodeArgs({ args: joined, options, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = Object.prototype.hasOwnProperty.call(options, token.name) ? options[token.name] : undefined;
    if (!option) throw new UsageError(`unknown option ${token.rawName}`);
    if (option.type === 'string' && (token.value === undefined || token.value === '')) throw new UsageError(`--${token.name} needs a value`);
    if (option.type === 'boolean' && token.inlineValue) throw new UsageError(`--${token.name} takes no value`);
  }
  let parsed: ReturnType<typeof parseNodeArgs>;
  try {
    parsed = parseNodeArgs({ args: joined, options, allowPositionals: true, strict: true });
  } catch (error) {
    // What strict parsing refuses besides (an option value that looks like an option): node's first line.
    throw new UsageError((error instanceof Error ? error.message : String(error)).split('\n')[0]!);
  }
  const out: ParsedArgs = { positionals: parsed.positionals, flags: new Map(), booleans: new Set() };
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value === undefined) continue;
    if (typeof value === 'boolean') {
      if (value) out.booleans.add(name);
    } else {
      const list = (Array.isArray(value) ? value : [value]).map(String);
      if (list.some((v) => v === '')) throw new UsageError(`--${name} needs a value`);
      out.flags.set(name, list);
    }
  }
  return out;
}
