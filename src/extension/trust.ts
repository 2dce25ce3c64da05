/**
 * Workspace trust (package.json `capabilities.untrustedWorkspaces`: limited). In Restricted Mode Corpus Lens reads:
 * highlights, hovers, the index and views, navigation, annotations and workspace knowledge (all workspace YAML is
 * parsed with limits, paths confined, text escaped), and export to a file the user picks. It writes nothing into
 * the workspace: no annotation file and no knowledge file. Writing needs trust because the place written to is
 * decided by the workspace's own content (its settings, the names and links in it: in a folder you have not
 * vetted, a sidecar name can be a link to a file elsewhere, and a write follows the link).
 * `corpusLens.annotations.folder` is a restricted setting: VS Code ignores the workspace's value until trusted.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

export const RESTRICTED_MESSAGE =
  'This workspace is in Restricted Mode: Corpus Lens shows its annotations and knowledge but writes no annotation or knowledge file into it until you trust the workspace.';

export function isTrusted(): boolean {
  return vscode.workspace.isTrusted;
}

/** Shows why nothing is written, with a button to manage trust. */
export function showRestricted(): void {
  void vscode.window.showWarningMessage(l10n.t('Corpus Lens: This workspace is in Restricted Mode: Corpus Lens shows its annotations and knowledge but writes no annotation or knowledge file into it until you trust the workspace.'), l10n.t('Manage Workspace Trust')).then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
  });
}
