import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { escapeIcons } from '../../../core/text/escape';
import {
  holderText,
  POLARITIES,
  quoteOf,
  recordInfoOf,
  recordLabeler,
  type ExportItem,
  type Polarity,
  type ResolvedAnnotation,
} from '../../../core/annotations/index';
import type { SearchItem } from '../../../core/search/index';
import {
  DEFAULT_EXPORT_FOLDER, EXPORT_FORMATS, baseFrom, defaultExportName, exportFormat, runExport,
  type ExportDocument, type ExportFormat, type ExportLabels,
} from '../../../core/exports/index';
import { readConfig } from '../../config';
import { fromRange, pathOf, toRange, uriOf } from '../../convert';
import { AnnotationRefusal, type AnnotationService } from '../../services/annotations';
import type { Feature, Services } from '../../services/index';
import { fuzzyPick } from '../../ui/fuzzyPick';
import { fileLabel, revealSpan } from '../../ui/reveal';
import { AnnotationDecorations, aboutLabel, holderLabel, registerHover, stanceText, type AnnotationRef } from './display';
import { askClaim, sameAnswers, type ClaimAnswers, type ClaimContext } from './flow';
import { ClaimPresets, describePreset } from './presets';
import { BACK, type Notice } from '../../prompter';
import { AnnotationsTree, describeFilter, GROUPS, type AnnotationFilter, type GroupBy } from './tree';
import { EDTF_DATE_HINT, isEdtfDate } from '../../../core/dates/edtf';
import { commandRegistrar, guarded } from '../../commands';
import { isInside, relative as relativePath } from '../../../core/annotations/paths';
import { topicName } from '../../../core/corpus/topics';

const LAST_TAGS_KEY = 'corpusLens.annotations.lastTags';

/** Errors reach the user here, at the edge: refusals and invalid input as they are, the rest logged with context. */
/** The command guard (commands.ts), under the name most features knew it by. */
export function guard<A extends unknown[]>(services: Services, name: string, fn: (...args: A) => Promise<unknown>): (...args: A) => Promise<void> {
  const run = guarded(services.log, name, fn);
  return async (...args: A) => void (await run(...args));
}

function isRef(value: unknown): value is AnnotationRef {
  return typeof value === 'object' && value !== null && typeof (value as AnnotationRef).docPath === 'string' && typeof (value as AnnotationRef).id === 'string';
}

class AnnotateCommands {
  constructor(
    private readonly services: Services,
    private readonly annotations: AnnotationService,
    private readonly tree: AnnotationsTree,
  ) {}

  private get prompter() {
    return this.annotations.prompter;
  }

  /** Feedback through the prompter (tests record it). */
  private notify(kind: Notice['kind'], text: string, ...actions: string[]): Promise<string | undefined> {
    return this.prompter.notify({ kind, text, ...(actions.length ? { actions } : {}) });
  }

  private tagStats(): string[] {
    const counts = new Map<string, number>();
    for (const s of this.annotations.states()) for (const r of s.annotations) for (const t of r.annotation.tags ?? []) counts.set(t, (counts.get(t) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
  }

  private context(document: vscode.TextDocument, span: { start: number; end: number }): ClaimContext {
    return {
      span,
      quote: document.getText().slice(span.start, span.end),
      analysis: this.services.documents.get(document),
      kb: this.services.knowledge.kb,
      topics: this.services.knowledge.topics,
      knownTags: this.tagStats(),
      lastTags: this.services.context.workspaceState.get<string[]>(LAST_TAGS_KEY, []),
      askIntensity: readConfig().askIntensity,
    };
  }

  /** The Add Claim preset of a document: its last claim's answers (presets.ts). */
  private presetFor(docPath: string): ClaimContext['preset'] {
    const value = new ClaimPresets(this.services.context.workspaceState).get(docPath);
    if (!value) return undefined;
    const kb = this.services.knowledge.kb;
    const topics = this.services.knowledge.topics;
    return { value, label: describePreset(value, { entity: (id) => kb.get(id)?.name ?? id, topic: (id) => { const t = topics.get(id); return t ? topicName(t.label) : id; } }) };
  }

  async addClaim(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.selection.isEmpty) {
      void this.notify('info', l10n.t('select the passage that expresses the claim first.'));
      return;
    }
    const document = editor.document;
    const docPath = pathOf(document.uri);
    const span = fromRange(document, editor.selection);
    // Refuse before asking anything when the sidecar cannot be written.
    await this.annotations.ensureLoaded(docPath);
    this.annotations.assertWritable(docPath);
    const preset = this.presetFor(docPath);
    const answers = await askClaim(this.prompter, { ...this.context(document, span), ...(preset ? { preset } : {}) }, 'add');
    if (!answers) return;
    if (document.getText(toRange(document, span)) !== this.context(document, span).quote) {
      throw new AnnotationRefusal(l10n.t('The document changed while the claim was being entered; select the passage again.'));
    }
    const mutation = await this.annotations.add(docPath, { ...span, ...answers });
    if (answers.tags) await this.services.context.workspaceState.update(LAST_TAGS_KEY, answers.tags);
    await new ClaimPresets(this.services.context.workspaceState).remember(docPath, answers);
    void this.notify('status', l10n.t('$(check) Claim added ({0})', mutation.id ?? ''));
  }

  /** The annotation an Edit/Delete command is about: its argument, the one under the cursor, or one picked from a list. */
  private async target(arg: unknown, title: string): Promise<AnnotationRef | undefined> {
    if (isRef(arg)) return { docPath: arg.docPath, id: arg.id };
    await this.annotations.ready;
    const editor = vscode.window.activeTextEditor;
    let candidates: Array<{ docPath: string; r: ResolvedAnnotation }> = [];
    if (editor) {
      const docPath = pathOf(editor.document.uri);
      const under = this.annotations.store.at(docPath, editor.document.offsetAt(editor.selection.active));
      if (under.length === 1) return { docPath, id: under[0]!.annotation.id };
      candidates = under.map((r) => ({ docPath, r }));
      if (!candidates.length) candidates = (this.annotations.get(docPath)?.annotations ?? []).map((r) => ({ docPath, r }));
    }
    if (!candidates.length) candidates = this.annotations.states().flatMap((s) => s.annotations.map((r) => ({ docPath: s.docPath, r })));
    if (!candidates.length) {
      void this.notify('info', l10n.t('there are no annotations yet.'));
      return undefined;
    }
    const chosen = await this.prompter.pick<AnnotationRef>({
      id: 'annotation',
      title,
      placeholder: l10n.t('Choose the annotation'),
      options: candidates.map(({ docPath, r }) => ({
        label: `${r.orphaned ? '$(warning) ' : ''}${escapeIcons(r.annotation.claim)}`,
        description: escapeIcons(`${stanceText(r.annotation)} · ${fileLabel(docPath)}`),
        detail: escapeIcons(quoteOf(r.annotation).exact.slice(0, 120)),
        value: { docPath, id: r.annotation.id },
      })),
    });
    return chosen === BACK ? undefined : chosen;
  }

  async edit(arg?: unknown): Promise<void> {
    const ref = await this.target(arg, l10n.t('Edit Annotation'));
    if (!ref) return;
    await this.annotations.ensureLoaded(ref.docPath);
    const r = this.annotations.store.find(ref.docPath, ref.id);
    if (!r) throw new AnnotationRefusal(l10n.t('No annotation {0} in {1} (it was deleted meanwhile?)', ref.id, fileLabel(ref.docPath)));
    const a = r.annotation;
    const document = await vscode.workspace.openTextDocument(uriOf(ref.docPath));
    const initial: ClaimAnswers = { claim: a.claim, stance: a.stance, about: a.about, holder: a.holder, attribution: a.attribution, when: a.when, confidence: a.confidence, tags: a.tags, note: a.note };
    const answers = await askClaim(this.prompter, this.context(document, { start: r.start, end: r.end }), 'edit', initial);
    if (!answers) return;
    const patch: ClaimAnswers = { claim: answers.claim, stance: answers.stance, about: answers.about, holder: answers.holder, attribution: answers.attribution, when: answers.when, confidence: answers.confidence, tags: answers.tags, note: answers.note };
    if (sameAnswers(patch, initial)) {
      // Nothing to write: the sidecar, its `modified` stamp and the undo stack stay as they are.
      void this.notify('status', l10n.t('Annotation {0}: nothing changed', ref.id));
      return;
    }
    await this.annotations.update(ref.docPath, ref.id, patch);
    void this.notify('status', l10n.t('$(check) Annotation {0} updated', ref.id));
  }

  async remove(arg?: unknown): Promise<void> {
    const ref = await this.target(arg, l10n.t('Delete Annotation'));
    if (!ref) return;
    const r = this.annotations.store.find(ref.docPath, ref.id);
    await this.annotations.remove(ref.docPath, ref.id);
    const undo = 'Undo';
    void this.notify('info', l10n.t('deleted the annotation “{0}”.', r?.annotation.claim ?? ref.id), undo).then(async (choice) => {
      if (choice === undo) await guard(this.services, 'Undo', () => this.undo())();
    });
  }

  async reattach(arg?: unknown): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.selection.isEmpty) {
      void this.notify('info', l10n.t('select the passage to attach the annotation to, then run Re-attach again.'));
      return;
    }
    const docPath = pathOf(editor.document.uri);
    await this.annotations.ensureLoaded(docPath);
    let ref: AnnotationRef | undefined = isRef(arg) ? { docPath: arg.docPath, id: arg.id } : undefined;
    if (ref && ref.docPath !== docPath) {
      throw new AnnotationRefusal(l10n.t('The annotation belongs to {0}: open that document, select the passage there, then re-attach.', fileLabel(ref.docPath)));
    }
    if (!ref) {
      const orphans = [...this.annotations.store.orphans(docPath), ...this.annotations.store.underReview(docPath)];
      const all = orphans.length ? orphans : (this.annotations.get(docPath)?.annotations ?? []);
      if (!all.length) {
        void this.notify('info', l10n.t('this document has no annotation to re-attach.'));
        return;
      }
      const chosen = await this.prompter.pick<string>({
        id: 'annotation',
        title: l10n.t('Re-attach Annotation to Selection'),
        placeholder: orphans.length ? l10n.t('Orphaned or re-anchored annotations of this document') : l10n.t('Annotations of this document'),
        options: all.map((r) => ({ label: escapeIcons(r.annotation.claim), description: escapeIcons(`“${quoteOf(r.annotation).exact.slice(0, 60)}”`), value: r.annotation.id })),
      });
      if (chosen === undefined || chosen === BACK) return;
      ref = { docPath, id: chosen };
    }
    const span = fromRange(editor.document, editor.selection);
    await this.annotations.reattach(docPath, ref.id, span.start, span.end);
    void this.notify('status', l10n.t('$(pin) Annotation {0} re-attached', ref.id));
  }

  async undo(): Promise<void> {
    const label = await this.annotations.undo();
    void this.notify('status', label ? l10n.t('$(discard) Undone: {0}', label) : l10n.t('Corpus Lens: nothing to undo'));
  }

  async redo(): Promise<void> {
    const label = await this.annotations.redo();
    void this.notify('status', label ? l10n.t('$(redo) Redone: {0}', label) : l10n.t('Corpus Lens: nothing to redo'));
  }

  /** Shows an annotation's passage (tree items, Go to Annotation); an orphan's document opens with an explanation. */
  async reveal(arg: unknown): Promise<void> {
    if (!isRef(arg)) return;
    const r = this.annotations.store.find(arg.docPath, arg.id);
    if (!r) return;
    if (!r.orphaned) {
      await revealSpan(this.services, arg.docPath, { start: r.start, end: r.end });
      return;
    }
    // The passage is gone: open the document where it was (the cursor stays where it is) and say what to do.
    await this.services.protection.apply(await vscode.window.showTextDocument(uriOf(arg.docPath), { preview: true }));
    const quote = quoteOf(r.annotation).exact.replace(/\s+/g, ' ');
    const show = l10n.t('Show in Annotations View');
    // Not awaited: the command ends while the message is up.
    void this.notify(
      'warning',
      l10n.t('the passage of the annotation “{0}” was not found in {1}: “{2}”. ', r.annotation.claim, fileLabel(arg.docPath), quote.length > 80 ? quote.slice(0, 80) + '…' : quote) +
        l10n.t('Select the passage where it belongs and run Re-attach Annotation to Selection (editor context menu, or the pin icon in the Annotations view).'),
      show,
    ).then(async (choice) => {
      if (choice === show) await guard(this.services, 'Reveal Annotation in Tree', () => this.revealInTree(arg))();
    });
  }

  async revealInTree(arg: unknown): Promise<void> {
    if (!isRef(arg)) return;
    this.tree.refresh();
    let node = this.tree.node(arg);
    if (!node && Object.keys(this.tree.filter).length) {
      await this.tree.setFilter({});
      node = this.tree.node(arg);
    }
    if (node) await this.tree.view?.reveal(node, { select: true, focus: true, expand: true });
  }

  async goTo(): Promise<void> {
    await this.annotations.ready;
    if (!this.annotations.states().some((s) => s.annotations.length)) {
      void this.notify('info', l10n.t('there are no annotations yet. Select a passage in a corpus document and run Add Claim.'));
      return;
    }
    const chosen = await fuzzyPick<AnnotationRef>({
      title: l10n.t('Corpus Lens: Go to Annotation'),
      placeholder: l10n.t('Claim, quoted passage, holder or tag (any script, pinyin)'),
      items: () => {
        const items: SearchItem<AnnotationRef>[] = [];
        for (const s of this.annotations.states()) {
          for (const r of s.annotations) {
            const a = r.annotation;
            items.push({
              id: `${s.docPath}#${a.id}`,
              names: [a.claim, quoteOf(a).exact, holderLabel(this.services, a) ?? '', aboutLabel(this.services, a) ?? '', ...(a.tags ?? [])].filter(Boolean),
              payload: { docPath: s.docPath, id: a.id },
              detail: escapeIcons(`${stanceText(a)} · ${fileLabel(s.docPath)}${r.orphaned ? l10n.t(' · orphaned') : ''}`),
            });
          }
        }
        return items;
      },
      render: (item, matched) => ({
        label: `$(comment-discussion) ${escapeIcons(item.names[0] ?? '')}`,
        description: escapeIcons(matched && matched !== item.names[0] ? matched.slice(0, 60) : `“${(item.names[1] ?? '').slice(0, 60)}”`),
        detail: item.detail === undefined ? undefined : escapeIcons(item.detail),
      }),
    });
    if (chosen) await this.reveal(chosen);
  }

  async step(direction: 1 | -1): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void this.notify('status', l10n.t('Corpus Lens: open a corpus document to move between its annotations'));
      return;
    }
    const all = this.annotations.get(pathOf(editor.document.uri))?.annotations ?? [];
    const list = all.filter((r) => !r.orphaned);
    if (!list.length) {
      void this.notify('status', all.length ? l10n.t('Corpus Lens: the annotations of this document are all orphaned (see the Annotations view)') : l10n.t('Corpus Lens: no annotations in this document'));
      return;
    }
    const offset = editor.document.offsetAt(editor.selection.start);
    const next = direction === 1 ? (list.find((r) => r.start > offset) ?? list[0]!) : ([...list].reverse().find((r) => r.start < offset) ?? list[list.length - 1]!);
    // The cursor goes to the passage's start (highlighted a moment, not selected: one keystroke must not replace it).
    await this.services.protection.showPassage(editor, toRange(editor.document, next));
  }

  async setReferenceDate(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void this.notify('info', l10n.t('open the document first.'));
      return;
    }
    const docPath = pathOf(editor.document.uri);
    const state = await this.annotations.ensureLoaded(docPath);
    const value = await this.prompter.input({
      id: 'reference',
      title: l10n.t('Set Reference Date for This Document'),
      value: state.document.reference ?? '',
      prompt: l10n.t('Date that relative dates (今年, last year) refer to: YYYY, YYYY-MM or YYYY-MM-DD. Empty: use the document’s own dates.'),
      validate: (v) => (!v.trim() || isEdtfDate(v.trim()) ? undefined : EDTF_DATE_HINT),
    });
    if (value === undefined || value === BACK) return;
    const reference = value.trim() || undefined;
    if (reference === state.document.reference) return;
    await this.annotations.setReference(docPath, reference);
    this.services.corpus.setText(docPath, editor.document.getText());
    void this.notify('status', reference ? l10n.t('$(calendar) Reference date {0}', reference) : l10n.t('$(calendar) Reference date cleared'));
  }

  async export(): Promise<void> {
    await this.annotations.ready;
    const items: ExportItem[] = [];
    const skipped: string[] = [];
    for (const state of this.annotations.states()) {
      if (state.readOnly) {
        skipped.push(fileLabel(state.sidecarPath));
        continue;
      }
      const label = recordLabeler(state.text);
      const info = recordInfoOf(state.text);
      const document = fileLabel(state.docPath);
      const spans = new Map(state.annotations.map((r) => [r.annotation.id, r]));
      for (const annotation of this.annotations.store.snapshot(state.docPath).annotations) {
        const r = spans.get(annotation.id);
        const record = r && !r.orphaned ? label(r.start) : undefined;
        const recordInfo = r && !r.orphaned ? info(r.start) : undefined;
        items.push({ document, annotation, ...(record !== undefined ? { record } : {}), ...(recordInfo ? { recordInfo } : {}) });
      }
    }
    if (!items.length) {
      // Said before asking anything.
      void this.notify('info', skipped.length ? l10n.t('there are no annotations to export (files with errors: {0}).', skipped.join(', ')) : l10n.t('there are no annotations to export.'));
      return;
    }
    const formatId = await this.prompter.pick<ExportFormat>({
      id: 'format',
      title: l10n.t('Export Annotations'),
      placeholder: l10n.t('Format'),
      options: EXPORT_FORMATS.map((f) => ({ label: f.label, description: f.description, value: f.id as ExportFormat })),
    });
    if (formatId === undefined || formatId === BACK) return;
    const format = exportFormat(formatId);
    // By default into exports/ of the workspace folder: not part of the corpus (corpusLens.files.exclude leaves it out).
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri = await this.prompter.saveUri({
      title: format.output === 'folder' ? l10n.t('Export Annotations: folder for the {0} files', format.label) : l10n.t('Export Annotations'),
      defaultUri: folder ? vscode.Uri.joinPath(folder, DEFAULT_EXPORT_FOLDER, defaultExportName(format)) : undefined,
      ...(format.output === 'file' ? { filters: format.filters } : {}),
    });
    if (!uri) return;
    const documents = new Map<string, ExportDocument>();
    if (format.needsDocuments) {
      for (const state of this.annotations.states()) {
        if (state.readOnly) continue;
        const path = fileLabel(state.docPath);
        documents.set(path, { path, text: state.text, mentions: this.services.knowledge.analyzer.analyse(state.text).entities });
      }
    }
    const kb = this.services.knowledge.kb;
    const topics = this.services.knowledge.topics;
    const labels: ExportLabels = {
      entity: (id) => kb.get(id),
      topic: (id) => {
        const t = topics.get(id);
        return t ? { label: topicName(t.label) } : undefined;
      },
    };
    const outFolder = format.output === 'folder' ? uri : vscode.Uri.joinPath(uri, '..');
    const inFolder = folder && (outFolder.toString() === folder.toString() || isInside(pathOf(folder), pathOf(outFolder)));
    const relative = inFolder ? relativePath(pathOf(folder), pathOf(outFolder)).replace(/^\.$/, '') : undefined;
    const result = runExport(format, { items, documents, labels }, {
      // For spreadsheets (Excel reads UTF-8 only after a byte order mark); formats it does not concern ignore it.
      bom: true,
      escapeFormulas: true,
      ...(relative !== undefined ? { base: baseFrom(relative) } : {}),
    });
    const data = (d: string | Uint8Array) => (typeof d === 'string' ? new TextEncoder().encode(d) : d);
    if (format.output === 'file') await vscode.workspace.fs.writeFile(uri, data(result.files[0]!.data));
    else for (const file of result.files) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(uri, ...file.path.split('/')), data(file.data));
    const more = skipped.length ? l10n.t(' Skipped (files with errors): {0}.', skipped.join(', ')) : '';
    const warned = result.warnings.length ? ` ${result.warnings.join(' ')}` : '';
    void this.notify('info', l10n.t('exported {0} annotations to {1}.{2}{3}', items.length, vscode.workspace.asRelativePath(uri), more, warned));
  }

  async groupBy(): Promise<void> {
    const chosen = await this.prompter.pick<GroupBy>({
      id: 'groupBy',
      title: l10n.t('Group Annotations By'),
      options: GROUPS.map((g) => ({ label: g, description: g === this.tree.groupBy ? l10n.t('current') : undefined, value: g })),
      active: this.tree.groupBy,
    });
    if (chosen && chosen !== BACK) await this.tree.setGroupBy(chosen);
  }

  async filter(): Promise<void> {
    const current = this.tree.filter;
    const kind = await this.prompter.pick<keyof AnnotationFilter>({
      id: 'filterKind',
      title: l10n.t('Filter Annotations'),
      placeholder: Object.keys(current).length ? l10n.t('Current: {0}', describeFilter(current)) : l10n.t('Filter by'),
      options: [
        { label: l10n.t('$(thumbsup) Stance'), value: 'stance' },
        { label: l10n.t('$(person) Holder'), value: 'holder' },
        { label: l10n.t('$(tag) Tag'), value: 'tag' },
        { label: l10n.t('$(search) Text'), description: l10n.t('claim, quote, note, holder, target, tags'), value: 'text' },
      ],
    });
    if (kind === undefined || kind === BACK) return;
    const all = this.annotations.states().flatMap((s) => s.annotations.map((r) => r.annotation));
    let value: string | typeof BACK | undefined;
    if (kind === 'text') {
      value = await this.prompter.input({ id: 'filterText', title: l10n.t('Filter Annotations: text'), step: 2, totalSteps: 2, value: current.text ?? '' });
    } else {
      const values =
        kind === 'stance'
          ? [...POLARITIES]
          : kind === 'holder'
            ? [...new Set(all.map((a) => holderText(a.holder)).filter(Boolean))]
            : [...new Set(all.flatMap((a) => a.tags ?? []))];
      if (!values.length) {
        void this.notify('info', l10n.t('no annotation has a {0}.', kind));
        return;
      }
      value = await this.prompter.pick<string>({ id: 'filterValue', title: l10n.t('Filter Annotations: {0}', kind), step: 2, totalSteps: 2, options: values.sort().map((v) => ({ label: escapeIcons(v), value: v })) });
    }
    if (value === undefined) return;
    if (value === BACK) return this.filter();
    const next: AnnotationFilter = { ...current };
    if (value.trim()) (next as Record<string, string>)[kind] = kind === 'stance' ? (value as Polarity) : value.trim();
    else delete next[kind];
    await this.tree.setFilter(next);
  }
}

export const annotateFeature: Feature = {
  id: 'annotate',
  activate(services) {
    const annotations = services.annotations;
    const tree = new AnnotationsTree(services, annotations);
    const commands = new AnnotateCommands(services, annotations, tree);
    const decorations = new AnnotationDecorations(services, annotations);
    const updateOrphans = () => {
      const editor = vscode.window.activeTextEditor;
      const has = !!editor && (annotations.get(pathOf(editor.document.uri))?.annotations.some((r) => r.orphaned || r.annotation.reanchored) ?? false);
      void vscode.commands.executeCommand('setContext', 'corpusLens.hasOrphans', has);
    };
    const register = commandRegistrar(services.log);
    updateOrphans();
    return [
      tree,
      decorations,
      registerHover(services, annotations),
      annotations.onDidChange(updateOrphans),
      vscode.window.onDidChangeActiveTextEditor(updateOrphans),
      register('corpusLens.addClaim', () => commands.addClaim()),
      register('corpusLens.editAnnotation', (arg) => commands.edit(arg)),
      register('corpusLens.deleteAnnotation', (arg) => commands.remove(arg)),
      register('corpusLens.reattachAnnotation', (arg) => commands.reattach(arg)),
      register('corpusLens.undoAnnotationChange', () => commands.undo()),
      register('corpusLens.redoAnnotationChange', () => commands.redo()),
      register('corpusLens.goToAnnotation', () => commands.goTo()),
      register('corpusLens.setReferenceDate', () => commands.setReferenceDate()),
      register('corpusLens.exportAnnotations', () => commands.export()),
      register('corpusLens.annotations.groupBy', () => commands.groupBy()),
      register('corpusLens.annotations.filter', () => commands.filter()),
      register('corpusLens.annotations.clearFilter', () => Promise.all([tree.setFilter({}), services.analysts.setMode({ kind: 'all' })])),
      register('corpusLens.annotations.reveal', (arg) => commands.reveal(arg)),
      register('corpusLens.annotations.revealInTree', (arg) => commands.revealInTree(arg)),
      register('corpusLens.nextAnnotation', () => commands.step(1)),
      register('corpusLens.previousAnnotation', () => commands.step(-1)),
    ];
  },
};
