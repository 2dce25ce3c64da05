/**
 * Review of what changed annotations without the analyst deciding: re-anchorings after an outside edit of the
 * document (accept the new passage / re-attach to a selection), annotations a git merge kept in two versions (keep
 * one), and sidecars left with git conflict markers (Keep Both Sides). Quick fixes on the Problems panel entries,
 * commands for the Annotations tree and the palette; and "Set Up Git Merge for Annotations" (the merge driver).
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { gitattributesWithSegmentDriver } from '../../../core/codes';
import { driverCommand, gitattributesWithDriver, MERGE_DRIVER, quoteOf, shellQuote, type ResolvedAnnotation } from '../../../core/annotations/index';
import { join } from '../../../core/annotations/paths';
import { pathOf } from '../../convert';
import { BACK } from '../../prompter';
import { AnnotationRefusal, DIAGNOSTIC_CODES, type AnnotationService } from '../../services/annotations';
import type { Feature, Services } from '../../services/index';
import { commandRegistrar } from '../../commands';
import type { AnnotationRef } from '../annotate/display';
import { fileLabel } from '../../ui/reveal';

function isRef(value: unknown): value is AnnotationRef {
  return typeof value === 'object' && value !== null && typeof (value as AnnotationRef).docPath === 'string' && typeof (value as AnnotationRef).id === 'string';
}

interface ChildProcess {
  execFile(file: string, args: string[], options: { cwd: string }, callback: (error: Error | null, stdout: string, stderr: string) => void): unknown;
}

/** node:child_process where the extension host has it (not in the web worker). */
function childProcess(): ChildProcess | undefined {
  try {
    return (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:child_process') as ChildProcess | undefined;
  } catch {
    return undefined;
  }
}

function run(cp: ChildProcess, cwd: string, args: string[]): Promise<{ ok: boolean; out: string; err: string }> {
  return new Promise((resolve) => {
    cp.execFile('git', args, { cwd }, (error, stdout, stderr) => resolve({ ok: !error, out: String(stdout).trim(), err: String(stderr).trim() || (error?.message ?? '') }));
  });
}

class ReviewCommands {
  constructor(
    private readonly services: Services,
    private readonly annotations: AnnotationService,
  ) {}

  private notify(kind: 'info' | 'warning' | 'status', text: string) {
    return this.annotations.prompter.notify({ kind, text });
  }

  /** The annotation a command is about: its argument, else one picked among those `wanted` (active document first). */
  private async target(arg: unknown, wanted: (r: ResolvedAnnotation) => boolean, title: string, none: string): Promise<AnnotationRef | undefined> {
    if (isRef(arg)) return { docPath: arg.docPath, id: arg.id };
    await this.annotations.ready;
    const active = vscode.window.activeTextEditor ? pathOf(vscode.window.activeTextEditor.document.uri) : undefined;
    const all = this.annotations.states().flatMap((s) => s.annotations.filter(wanted).map((r) => ({ docPath: s.docPath, r })));
    const here = all.filter((x) => x.docPath === active);
    const candidates = here.length ? here : all;
    if (!candidates.length) {
      void this.notify('info', none);
      return undefined;
    }
    if (candidates.length === 1) return { docPath: candidates[0]!.docPath, id: candidates[0]!.r.annotation.id };
    const chosen = await this.annotations.prompter.pick<AnnotationRef>({
      id: 'annotation',
      title,
      placeholder: l10n.t('Choose the annotation'),
      options: candidates.map(({ docPath, r }) => ({
        label: r.annotation.claim,
        description: `${r.annotation.id} · ${fileLabel(docPath)}`,
        detail: `“${quoteOf(r.annotation).exact.slice(0, 100)}”`,
        value: { docPath, id: r.annotation.id },
      })),
    });
    return chosen === BACK ? undefined : chosen;
  }

  async acceptReanchored(arg?: unknown): Promise<void> {
    const ref = await this.target(arg, (r) => !r.orphaned && !!r.annotation.reanchored, l10n.t('Accept Re-anchored Passage'), l10n.t('no annotation is waiting for a re-anchoring review.'));
    if (!ref) return;
    await this.annotations.ensureLoaded(ref.docPath);
    const r = this.annotations.store.find(ref.docPath, ref.id);
    if (!r?.annotation.reanchored || r.orphaned) throw new AnnotationRefusal(l10n.t('Annotation {0} is not waiting for a re-anchoring review.', ref.id));
    await this.annotations.acceptReanchored(ref.docPath, ref.id);
    void this.notify('status', l10n.t('$(check) Annotation {0}: new passage accepted', ref.id));
  }

  async keepVersion(arg?: unknown): Promise<void> {
    const ref = await this.target(arg, (r) => !!r.annotation.conflict, l10n.t('Keep This Version of the Annotation'), l10n.t('no annotation was kept in two versions by a merge.'));
    if (!ref) return;
    await this.annotations.ensureLoaded(ref.docPath);
    const r = this.annotations.store.find(ref.docPath, ref.id);
    const other = r?.annotation.conflict?.with;
    if (!other) throw new AnnotationRefusal(l10n.t('Annotation {0} is not one of two versions kept by a merge.', ref.id));
    await this.annotations.keepVersion(ref.docPath, ref.id);
    void this.notify('status', l10n.t('$(check) Kept annotation {0}; the other version ({1}) was deleted', ref.id, other));
  }

  async keepBothSides(arg?: unknown): Promise<void> {
    let sidecar: string | undefined =
      arg instanceof vscode.Uri ? pathOf(arg) : typeof arg === 'string' ? arg : undefined;
    if (!sidecar) {
      await this.annotations.ready;
      const editor = vscode.window.activeTextEditor;
      const conflicted = this.annotations.states().filter((s) => s.problems.some((p) => p.code === 'merge-conflict')).map((s) => s.sidecarPath);
      if (editor && conflicted.includes(pathOf(editor.document.uri))) sidecar = pathOf(editor.document.uri);
      else if (conflicted.length === 1) sidecar = conflicted[0];
      else if (conflicted.length) {
        const chosen = await this.annotations.prompter.pick<string>({ id: 'sidecar', title: l10n.t('Keep Both Sides'), placeholder: l10n.t('Annotation file with merge conflicts'), options: conflicted.map((p) => ({ label: fileLabel(p), value: p })) });
        if (chosen === undefined || chosen === BACK) return;
        sidecar = chosen;
      }
    }
    if (!sidecar) {
      void this.notify('info', l10n.t('no annotation file has merge conflict markers.'));
      return;
    }
    const notes = await this.annotations.keepBothSides(sidecar);
    const review = notes.filter((n) => n.kind !== 'kept').length;
    void this.notify(
      review ? 'warning' : 'info',
      l10n.t('kept both sides of {0} (merged by annotation id).{1}', fileLabel(sidecar), notes.length ? ' ' + notes.map((n) => n.message).join(' · ') : ''),
    );
  }

  async setUpGitMerge(): Promise<void> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (!folders.length) {
      void this.notify('info', l10n.t('open the folder of your git repository first.'));
      return;
    }
    const cp = childProcess();
    if (!cp || folders[0]!.uri.scheme !== 'file') {
      void this.notify('warning', l10n.t('setting up git needs VS Code with a local (Node) extension host. On the command line, run: corpus-lens git-setup'));
      return;
    }
    let folder = folders[0]!;
    if (folders.length > 1) {
      const chosen = await this.annotations.prompter.pick<vscode.WorkspaceFolder>({ id: 'folder', title: l10n.t('Set Up Git Merge for Annotations'), placeholder: l10n.t('Repository folder'), options: folders.map((f) => ({ label: f.name, value: f })) });
      if (chosen === undefined || chosen === BACK) return;
      folder = chosen;
    }
    const top = await run(cp, folder.uri.fsPath, ['rev-parse', '--show-toplevel']);
    if (!top.ok) {
      void this.notify('warning', l10n.t('{0} is not in a git repository ({1}).', folder.name, top.err));
      return;
    }
    const attributes = vscode.Uri.file(join(top.out, '.gitattributes'));
    let current: string | undefined;
    try {
      current = new TextDecoder().decode(await vscode.workspace.fs.readFile(attributes));
    } catch {
      current = undefined;
    }
    const update = gitattributesWithDriver(current);
    if (update.other) {
      void this.notify('warning', l10n.t('{0} already sets another merge for annotation files ({1}); nothing was changed.', attributes.fsPath, update.other));
      return;
    }
    // Coded segment files (*.codes.yaml) through the same driver (merge-file tells them apart by name).
    const withSegments = gitattributesWithSegmentDriver(update.text);
    if (withSegments.other) void this.notify('warning', l10n.t('{0} already sets another merge for coded segment files ({1}); that line was left as it is.', attributes.fsPath, withSegments.other));
    if (update.changed || withSegments.changed) await vscode.workspace.fs.writeFile(attributes, new TextEncoder().encode(withSegments.text));
    // The extension's own CLI, started by the extension host's runtime (Electron runs as Node with this variable).
    const cli = vscode.Uri.joinPath(this.services.context.extensionUri, 'dist', 'cli.js').fsPath;
    const command = driverCommand(`ELECTRON_RUN_AS_NODE=1 ${shellQuote(process.execPath)} ${shellQuote(cli)}`);
    for (const [key, value] of [
      [`merge.${MERGE_DRIVER}.name`, 'Corpus Lens annotations (merge by annotation id)'],
      [`merge.${MERGE_DRIVER}.driver`, command],
    ] as const) {
      const r = await run(cp, top.out, ['config', key, value]);
      if (!r.ok) throw new AnnotationRefusal(l10n.t('git config {0} failed: {1}', key, r.err));
    }
    this.services.log.info(`Git merge driver set up in ${top.out}: ${command}`);
    void this.notify(
      'info',
      l10n.t('git merges annotation files of {0} by annotation id now: {1}; git config merge.{2}.driver set (each analyst runs this once per clone).', top.out, update.changed ? l10n.t('.gitattributes updated (commit it)') : l10n.t('.gitattributes already had the line'), MERGE_DRIVER),
    );
  }
}

/** Quick fixes on the annotation problems. */
class ReviewActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly annotations: AnnotationService) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    const docPath = pathOf(document.uri);
    const action = (title: string, diagnostic: vscode.Diagnostic, command: string, args: unknown[], preferred = false) => {
      const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      a.diagnostics = [diagnostic];
      a.command = { command, title, arguments: args };
      a.isPreferred = preferred;
      out.push(a);
    };
    for (const d of context.diagnostics) {
      if (d.source !== 'Corpus Lens') continue;
      const id = this.annotations.annotationIdOf(docPath, d);
      const ref: AnnotationRef | undefined = id ? { docPath, id } : undefined;
      if (d.code === DIAGNOSTIC_CODES.mergeConflict) action(l10n.t('Keep Both Sides (merge the annotations by id)'), d, 'corpusLens.keepBothSides', [docPath], true);
      else if (d.code === DIAGNOSTIC_CODES.reanchored && ref) {
        action(l10n.t('Accept the New Passage'), d, 'corpusLens.acceptReanchored', [ref], true);
        action(l10n.t('Re-attach Annotation to Selection'), d, 'corpusLens.reattachAnnotation', [ref]);
      } else if (d.code === DIAGNOSTIC_CODES.orphaned && ref) action(l10n.t('Re-attach Annotation to Selection'), d, 'corpusLens.reattachAnnotation', [ref]);
      else if (d.code === DIAGNOSTIC_CODES.conflictVersion && ref) action(l10n.t('Keep This Version ({0})', id ?? ''), d, 'corpusLens.keepAnnotationVersion', [ref]);
    }
    return out;
  }
}

export const reviewFeature: Feature = {
  id: 'review',
  activate(services) {
    const commands = new ReviewCommands(services, services.annotations);
    const register = commandRegistrar(services.log);
    return [
      vscode.languages.registerCodeActionsProvider('*', new ReviewActions(services.annotations), { providedCodeActionKinds: ReviewActions.kinds }),
      register('corpusLens.acceptReanchored', (arg) => commands.acceptReanchored(arg)),
      register('corpusLens.keepAnnotationVersion', (arg) => commands.keepVersion(arg)),
      register('corpusLens.keepBothSides', (arg) => commands.keepBothSides(arg)),
      register('corpusLens.setUpGitMerge', () => commands.setUpGitMerge()),
    ];
  },
};
