/**
 * The language of the text the core builds for the interface (problems, date explanations, entity type names):
 * its own messages go through @vscode/l10n (`l10n.t`, English with `{0}` placeholders until configured), and the
 * messages zod writes for schema problems come from zod's locale. The extension configures both at activation with
 * VS Code's bundle and display language; the CLI and the tests that do not configure them read English.
 */
import * as l10n from '@vscode/l10n';
import * as z from 'zod';
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';
import zhTW from 'zod/v4/locales/zh-TW.js';

/** zod's messages for a VS Code display language: traditional for zh-tw (and zh-hk, zh-hant), simplified for other zh. */
function zodLocale(language: string) {
  const lang = language.toLowerCase();
  if (/^zh-(tw|hk|mo|hant)/.test(lang)) return zhTW();
  if (lang.startsWith('zh')) return zhCN();
  return en();
}

/** The script of names the data gives in several (topic labels): the interface's. */
export type LabelScript = 'en' | 'zh-Hans' | 'zh-Hant';
let script: LabelScript = 'en';

/** The script of the interface: 'en' without a bundle, zh-Hant for zh-tw (zh-hk, zh-hant), zh-Hans for other zh. */
export function interfaceScript(): LabelScript {
  return script;
}

/**
 * Sets the runtime bundle (l10n/bundle.l10n.<locale>.json contents; `{}`: English) and the language of zod's
 * messages. Without a bundle the interface is English, and so are zod's messages, whatever the language says.
 */
export function configureMessages(bundle: Record<string, string>, language: string): void {
  l10n.config({ contents: bundle });
  const lang = Object.keys(bundle).length ? language.toLowerCase() : 'en';
  z.config(zodLocale(lang));
  script = /^zh-(tw|hk|mo|hant)/.test(lang) ? 'zh-Hant' : lang.startsWith('zh') ? 'zh-Hans' : 'en';
}
