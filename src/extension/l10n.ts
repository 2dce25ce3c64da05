/**
 * Counted nouns of the interface, localised: `count(3, 'record')` is "3 records" in English, "3 条记录" in zh-cn.
 * Every runtime string goes through l10n.t (vscode-free: @vscode/l10n, configured at activation with VS Code's
 * bundle, so src/extension and the vscode-free flows read the same l10n/bundle.l10n.*.json); a count goes through
 * here, one pair of keys per noun (singular and plural), because the English plural cannot be an argument of a
 * Chinese sentence. A new noun is a new case below (then `npm run l10n` and its translations). See CONTRIBUTING.md.
 */
import * as l10n from '@vscode/l10n';
import { configureMessages } from '../core/messages';

let bundle: Record<string, string> = {};
let language = 'en';

/**
 * Configures @vscode/l10n with a runtime bundle (l10n/bundle.l10n.<locale>.json contents; `{}` in English) and zod's
 * messages with the display language (core/messages.ts), and keeps the bundle for the views' pages, which run their
 * own copy of @vscode/l10n and get the same bundle from the panel.
 */
export function localize(contents: Record<string, string>, displayLanguage: string): void {
  bundle = contents;
  language = Object.keys(contents).length ? displayLanguage : 'en';
  configureMessages(contents, displayLanguage);
}

/** The language of the bundle in use ('en' without one): the views' pages say it in `<html lang>`. */
export function currentLanguage(): string {
  return language;
}

/** The runtime bundle in use (what `localize` was last given). */
export function currentBundle(): Readonly<Record<string, string>> {
  return bundle;
}

export type Noun =
  | 'analyst' | 'annotation' | 'code' | 'coded segment' | 'commentator' | 'date' | 'document' | 'entity' | 'entity mention' | 'file'
  | 'memo' | 'mention' | 'passage' | 'problem' | 'record' | 'segment';

export function count(n: number, noun: Noun): string {
  const one = n === 1;
  switch (noun) {
    case 'analyst': return one ? l10n.t('{0} analyst', n) : l10n.t('{0} analysts', n);
    case 'annotation': return one ? l10n.t('{0} annotation', n) : l10n.t('{0} annotations', n);
    case 'code': return one ? l10n.t('{0} code', n) : l10n.t('{0} codes', n);
    case 'coded segment': return one ? l10n.t('{0} coded segment', n) : l10n.t('{0} coded segments', n);
    case 'commentator': return one ? l10n.t('{0} commentator', n) : l10n.t('{0} commentators', n);
    case 'date': return one ? l10n.t('{0} date', n) : l10n.t('{0} dates', n);
    case 'document': return one ? l10n.t('{0} document', n) : l10n.t('{0} documents', n);
    case 'entity': return one ? l10n.t('{0} entity', n) : l10n.t('{0} entities', n);
    case 'entity mention': return one ? l10n.t('{0} entity mention', n) : l10n.t('{0} entity mentions', n);
    case 'file': return one ? l10n.t('{0} file', n) : l10n.t('{0} files', n);
    case 'memo': return one ? l10n.t('{0} memo', n) : l10n.t('{0} memos', n);
    case 'mention': return one ? l10n.t('{0} mention', n) : l10n.t('{0} mentions', n);
    case 'passage': return one ? l10n.t('{0} passage', n) : l10n.t('{0} passages', n);
    case 'problem': return one ? l10n.t('{0} problem', n) : l10n.t('{0} problems', n);
    case 'record': return one ? l10n.t('{0} record', n) : l10n.t('{0} records', n);
    case 'segment': return one ? l10n.t('{0} segment', n) : l10n.t('{0} segments', n);
  }
}
