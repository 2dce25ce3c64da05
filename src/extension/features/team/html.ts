import type * as vscode from 'vscode';
import { currentLanguage } from '../../l10n';

/** Text for HTML (corpus text and names never become markup). */
export function html(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A CSP script nonce: 32 letters and digits from the platform's cryptographic generator (Node and web worker). */
export function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(globalThis.crypto.getRandomValues(new Uint8Array(32)), (b) => chars[b % chars.length]!).join('');
}

/**
 * A whole webview page: strict CSP (no remote content; styles and the one script by nonce), VS Code theme
 * colours through its CSS variables (light, dark and high contrast follow the workbench).
 */
export function page(webview: vscode.Webview, title: string, body: string, script = ''): string {
  const n = nonce();
  return `<!DOCTYPE html>
<html lang="${html(currentLanguage())}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource} 'nonce-${n}'; script-src 'nonce-${n}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${html(title)}</title>
<style nonce="${n}">
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 24px; }
  h1 { font-size: 1.3em; font-weight: 600; }
  h2 { font-size: 1.1em; font-weight: 600; margin-top: 1.6em; }
  table { border-collapse: collapse; margin: 8px 0; }
  th, td { border-bottom: 1px solid var(--vscode-editorWidget-border, var(--vscode-panel-border)); padding: 4px 10px; text-align: left; vertical-align: top; }
  th { font-weight: 600; background: var(--vscode-editorWidget-background); position: sticky; top: 0; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .ci { color: var(--vscode-descriptionForeground); font-size: 0.9em; }
  .muted { color: var(--vscode-descriptionForeground); }
  .status { border-radius: 3px; padding: 1px 6px; white-space: nowrap; }
  .status.same { background: var(--vscode-testing-iconPassed, #37946e); color: var(--vscode-editor-background); }
  .status.different { background: var(--vscode-editorWarning-foreground, #cca700); color: var(--vscode-editor-background); }
  .status.only-a, .status.only-b { background: var(--vscode-editorInfo-foreground, #3794ff); color: var(--vscode-editor-background); }
  .quote { max-width: 28em; }
  .reading { max-width: 24em; }
  button { font-family: inherit; color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; padding: 2px 8px; margin: 1px; cursor: pointer; }
  button:hover { background: var(--vscode-button-secondaryHoverBackground); }
  button.primary { color: var(--vscode-button-foreground); background: var(--vscode-button-background); }
  button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
  .toolbar { margin: 8px 0 12px; }
  .actions { margin-top: 6px; display: flex; flex-wrap: wrap; gap: 2px; max-width: 11em; }
  .curated { color: var(--vscode-descriptionForeground); font-style: italic; }
  label { margin-right: 12px; }
</style>
</head>
<body>
${body}
${script ? `<script nonce="${n}">${script}</script>` : ''}
</body>
</html>`;
}
