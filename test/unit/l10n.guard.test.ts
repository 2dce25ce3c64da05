// Lint-level guard of the Chinese interface: a user-visible English string literal handed to VS Code's UI without
// l10n.t fails here, with its file and line. It reads every file of src/extension with the TypeScript parser and
// looks at what reaches the user: the arguments of showInformationMessage / showWarningMessage / showErrorMessage /
// showQuickPick / showInputBox / setStatusBarMessage / createWebviewPanel, new MarkdownString / TreeItem / Diagnostic,
// appendMarkdown / appendText, the prompter's pick / input / notify and refusals (AnnotationRefusal, Error); the
// properties title, placeholder, prompt, label, description, detail, tooltip, text, message, validationMessage of
// object literals; and assignments to those properties (item.tooltip = ..., statusBarItem.text = ...). A literal
// counts when it has English words (codicons like $(tag), setting ids and command links aside); inside
// `l10n.t(...)` (vscode.l10n.t or @vscode/l10n) everything is fine. Files of plain data or worker plumbing that
// show no text are listed in EXEMPT; an id or icon name that looks like words is marked `// l10n-ignore: why` on
// its line or the line above.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';
import { sources } from './helpers/sources';

const ROOT = join(__dirname, '..', '..');
/** Command ids with the names used in log lines; the worker's messages to the extension host. */
const EXEMPT = new Set(['src/extension/commandIds.ts', 'src/extension/services/indexAnalysers.ts', 'src/extension/services/indexWorker.ts']);
/** Core files whose messages are not interface text: the date rules' dispatch check (run by a unit test, for developers). */
const CORE_EXEMPT = new Set<string>(['src/core/dates/rules/registry.ts']);
/** What reaches the user, by where the code runs. */
interface Surface {
  /** Calls whose arguments are shown (all but those in `skip`). */
  calls: Set<string>;
  /** Properties of object literals and assignments whose value is shown. */
  keys: Set<string>;
  /** Argument positions that are not text (an id, a tag name, a selected value), by call. */
  skip?: Record<string, number[]>;
  /** DOM attributes whose value is shown: `setAttribute(name, value)`. */
  attributes?: Set<string>;
  /** Lists of messages: `problems.push(text)`, by the list's name. */
  lists?: RegExp;
}
const CALLS = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'showQuickPick', 'showInputBox', 'setStatusBarMessage', 'createWebviewPanel', 'MarkdownString', 'appendMarkdown', 'appendText', 'TreeItem', 'Diagnostic', 'notify', 'pick', 'input', 'AnnotationRefusal', 'Error']);
const KEYS = new Set(['title', 'placeholder', 'placeHolder', 'prompt', 'label', 'description', 'detail', 'tooltip', 'text', 'message', 'validationMessage']);
const KINDS = new Set(['info', 'warning', 'status', 'error']);
const TRANSPARENT = new Set(['noLinks', 'escapeIcons']);
/** src/extension: VS Code's UI (createWebviewPanel's first argument is the view type, an id). */
const EXTENSION: Surface = { calls: CALLS, keys: KEYS, skip: { createWebviewPanel: [0] } };
/**
 * The views page (webview/): DOM text and accessible names. `el(tag, attributes, ...children)`: the children; the
 * `aria-label`, `placeholder` and `title` attributes; `textContent`; the page's helpers (button, select, chartBox, header).
 */
const WEBVIEW: Surface = {
  calls: new Set(['el', 'button', 'select', 'chartBox', 'header', 'append', 'replaceChildren']),
  keys: new Set(['aria-label', 'placeholder', 'title', 'textContent', 'name', 'text']),
  skip: { el: [0], select: [2] },
  attributes: new Set(['aria-label', 'title', 'placeholder']),
};
/**
 * The core's interface text: problems (`problemAt`, a report's `at`, a limit's `error`, a `message` of a problem or a
 * zod issue, the `error` of a refused path), zod's custom messages (`regex`, `min`, `refine`, `positive`, `datetime`: their second argument), and
 * what the annotation sync shows or refuses with (`showWarning`, `showError`, `AnnotationRefusal`), and the errors the
 * extension shows as they are (CORE_REFUSALS).
 */
/** The core's errors whose message the extension shows as it is (a refusal, a query, a filter, an edit that cannot be made). */
const CORE_REFUSALS = ['AutoCodeError', 'CodebookEditError', 'QueryError', 'SegmentWriteError', 'FilterError', 'InvalidUtf8Error', 'XmlError'];
export const CORE_SURFACE: Surface = {
  calls: new Set(['problemAt', 'at', 'error', 'regex', 'min', 'max', 'refine', 'positive', 'datetime', 'AnnotationRefusal', 'NotSaved', 'showWarning', 'showError', ...CORE_REFUSALS]),
  keys: new Set(['message', 'error']),
  lists: /^(problems|notes|warnings)$/,
  skip: { problemAt: [0, 1], at: [0], error: [0], regex: [0], min: [0], max: [0], refine: [0] },
};


const wordy = (s: string) => !KINDS.has(s) && s !== 'Corpus Lens' && /[A-Za-z]{2,}/.test(s.replace(/\$\([a-z~-]+\)/g, '').replace(/\bcommand:[\w.]+|\bcorpusLens\.[\w.]+/g, ''));
const isL10n = (n: ts.Node) => ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 't' && /\bl10n$/.test(n.expression.expression.getText());

/** Unlocalised literals reaching the UI: `file:line: text`. */
export function unlocalised(file: string, text: string, surface: Surface = EXTENSION): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const lines = text.split('\n');
  const report = (node: ts.Node) => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart()).line;
    // an id or an icon name that looks like words: marked on its line with `// l10n-ignore: why`
    if (!/l10n-ignore/.test(lines[line] ?? '') && !/l10n-ignore/.test(lines[line - 1] ?? '')) out.push(`${file}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText().slice(0, 120)}`);
  };
  const check = (e: ts.Expression): void => {
    if (ts.isParenthesizedExpression(e)) return check(e.expression);
    if (ts.isConditionalExpression(e)) return (check(e.whenTrue), check(e.whenFalse));
    if (ts.isBinaryExpression(e) && [ts.SyntaxKind.PlusToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(e.operatorToken.kind)) {
      if (e.operatorToken.kind === ts.SyntaxKind.PlusToken) check(e.left);
      return check(e.right);
    }
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && TRANSPARENT.has(e.expression.text) && e.arguments[0]) return check(e.arguments[0]);
    if ((ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) && wordy(e.text)) report(e);
    else if (ts.isTemplateExpression(e)) {
      if (wordy(e.head.text + ' ' + e.templateSpans.map((s) => s.literal.text).join(' '))) report(e);
      else for (const span of e.templateSpans) check(span.expression);
    }
  };
  const visit = (node: ts.Node): void => {
    if (isL10n(node)) return;
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const callee = node.expression;
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
      const [first, second] = node.arguments ?? [];
      if (name === 'push' && surface.lists && ts.isPropertyAccessExpression(callee) && surface.lists.test(callee.expression.getText())) (node.arguments ?? []).forEach((a) => check(a));
      if (name === 'setAttribute' && first && ts.isStringLiteral(first) && surface.attributes?.has(first.text) && second) check(second);
      if (surface.calls.has(name)) (node.arguments ?? []).forEach((a, i) => !surface.skip?.[name]?.includes(i) && !ts.isObjectLiteralExpression(a) && !ts.isArrayLiteralExpression(a) && check(a));
    }
    if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) && surface.keys.has(node.name.text)) check(node.initializer);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && surface.keys.has(node.left.name.text)) check(node.right);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe('l10n guard: no user-visible English literal outside l10n.t in src/extension', () => {
  it('every string shown by VS Code goes through l10n.t (then `npm run l10n` and the translations)', () => {
    const found = sources(join(ROOT, 'src', 'extension'))
      .map((f) => relative(ROOT, f).split('\\').join('/'))
      .filter((f) => !EXEMPT.has(f))
      .flatMap((f) => unlocalised(f, readFileSync(join(ROOT, f), 'utf8')));
    assert.deepEqual(found, []);
  });

  it('catches a message, a quick pick placeholder, a tree item, a hover and a prompt title; passes l10n.t', () => {
    const code = `
      import * as vscode from 'vscode';
      void vscode.window.showInformationMessage('Corpus Lens: indexed the corpus');
      void vscode.window.showQuickPick(items, { placeHolder: \`Pick one of \${n}\` });
      const item = new vscode.TreeItem('No annotation');
      item.tooltip = 'Click to clear';
      new vscode.MarkdownString().appendMarkdown(\`**\${name}** mentioned here\`);
      void prompter.input({ id: 'x', title: 'Add Claim', validate: (v) => v });
      void prompter.notify({ kind: 'status', text: ok ? 'Saved' : vscode.l10n.t('Not saved') });
      void vscode.window.showWarningMessage(vscode.l10n.t('Corpus Lens: {0} failed', name), vscode.l10n.t('Open'));
      item.description = \`\${a} · \${b}\`;
      void vscode.window.createWebviewPanel('corpusLens.view', vscode.l10n.t('Agreement'), 1);`;
    const lines = unlocalised('x.ts', code).map((l) => l.replace(/^x\.ts:(\d+): .*/, '$1'));
    assert.deepEqual(lines, ['3', '4', '5', '6', '7', '8', '9']);
  });
});

describe('l10n guard: the views page and the core\'s interface text', () => {
  const scan = (dir: string, surface: Surface, exempt: ReadonlySet<string> = new Set()) =>
    sources(join(ROOT, dir))
      .map((f) => relative(ROOT, f).split('\\').join('/'))
      .filter((f) => !exempt.has(f))
      .flatMap((f) => unlocalised(f, readFileSync(join(ROOT, f), 'utf8'), surface));

  it('every text of webview/ (DOM text, aria-labels, placeholders, titles, chart names) goes through l10n.t', () => {
    assert.deepEqual(scan('webview', WEBVIEW), []);
  });

  it('every problem message and custom schema message of src/core goes through l10n.t', () => {
    assert.deepEqual(scan('src/core', CORE_SURFACE, CORE_EXEMPT), []);
  });

  it('catches DOM text, an aria-label, a problem and a zod message; passes l10n.t', () => {
    const page = `
      el('p', { class: 'muted' }, 'Nothing to show yet.');
      el('input', { type: 'search', 'aria-label': 'Filter rows' });
      count.textContent = \`\${n} hits\`;
      button(l10n.t('Export CSV'), () => post({ type: 'export' }));
      el('span', { 'aria-label': l10n.t('Rows') }, label);`;
    assert.deepEqual(unlocalised('p.ts', page, WEBVIEW).map((l) => l.replace(/^p\.ts:(\d+): .*/, '$1')), ['2', '3', '4']);
    const core = `
      problems.push(problemAt(loc, ['schema'], 'unsupported schema'));
      report.at(node, \`unknown key "\${key}" (ignored)\`, 'warning');
      const id = z.string().regex(/^Q\\d+$/, 'must be a Wikidata id');
      ctx.addIssue({ code: 'custom', message: l10n.t('the id prefix does not match') });
      problems.push(problemAt(loc, [], l10n.t('fine'), 'warning'));`;
    assert.deepEqual(unlocalised('c.ts', core, CORE_SURFACE).map((l) => l.replace(/^c\.ts:(\d+): .*/, '$1')), ['2', '3', '4']);
  });
});
