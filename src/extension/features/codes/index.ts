/**
 * Codes and memos (issue: codes): the Codes view (tree with counts, drag to reparent, rename, merge, colour,
 * create from a selection), apply a code in one step (recent codes first; Ctrl+Alt+C) and apply the last code
 * again (Ctrl+Alt+V), retrieval of coded segments as a read-only virtual document, memos (Markdown under
 * .corpus-lens/memos/, Memos view), the tags → codes migration, REFI-QDA export and import. The questions go through
 * `services.annotations.prompter` (the tests' scripted prompter).
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { count } from '../../l10n';
import type { Feature, Services } from '../../services/index';
import { isTrusted, showRestricted } from '../../trust';
import { pathOf, uriOf } from '../../convert';
import { CodesController } from './controller';
import { CodesTree, MemosTree, type CodeNode } from './trees';
import { CodedSegmentDecorations } from './decorations';
import { registerMemoLinks, subjectOf } from './memoLinks';
import { AutoCodeReview, askAutoCode, corpusEntityOptions, isAutoCodeInputError, openHit, runAutoCode, writeAccepted, type AutoCodeDeps, type ReviewNode } from './autocode';
import { COLOR, CodebookEditError, QueryError, FilterError, codeLabel, codeNames, codePath, type Code } from '../../../core/codes';
import { guessLanguage, type MemoSubject } from '../../../core/refiqda';
import { isInside, join, relative } from '../../../core/annotations/paths';
import type { PickOption } from '../../prompter';
import { escapeIcons } from '../../../core/text/escape';
import { registerCommand } from '../../commands';
import type { CommandId } from '../../commandIds';
import { topicName, topicOtherName } from '../../../core/corpus/topics';

const COLOURS: Array<[string, string]> = [
  ['red', '#d04040'],
  ['orange', '#e08030'],
  ['yellow', '#d0b020'],
  ['green', '#40a040'],
  ['teal', '#309090'],
  ['blue', '#4070d0'],
  ['purple', '#8050c0'],
  ['grey', '#808080'],
];

/** The codes of the running extension (the views count and retrieve by them). */
export let activeCodes: CodesController | undefined;

export const codesFeature: Feature = {
  id: 'codes',
  activate(services: Services): vscode.Disposable[] {
    const codes = new CodesController(services);
    activeCodes = codes;
    const tree = new CodesTree(codes, (id, parent) => moveCode(id, parent));
    const memos = new MemosTree(codes);
    const prompter = (): typeof services.annotations.prompter => services.annotations.prompter;
    const notify = (text: string, kind: 'info' | 'warning' | 'status' = 'info'): void => void prompter().notify({ kind, text });
    const fail = (error: unknown): void => {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof CodebookEditError || error instanceof QueryError || error instanceof FilterError || isAutoCodeInputError(error)) notify(message, 'warning');
      else {
        services.log.error(`codes: ${error instanceof Error ? (error.stack ?? message) : message}`);
        notify(message, 'warning');
      }
    };
    const writable = (): boolean => {
      if (isTrusted()) return true;
      showRestricted();
      return false;
    };
    const codeOptions = (exclude?: string): Array<PickOption<string>> => {
      const recent = codes.recent.filter((id) => codes.book.byId.has(id) && id !== exclude);
      const counts = codes.counts();
      const rest = codes.book.codes.filter((c) => !recent.includes(c.id) && c.id !== exclude);
      const opt = (c: Code, suggested: boolean): PickOption<string> => ({
        label: escapeIcons(codeLabel(c)),
        description: escapeIcons(codePath(codes.book, c.id)),
        detail: l10n.t('{0}{1}', count(counts.get(c.id)?.segments ?? 0, 'segment'), suggested ? l10n.t(' · recent') : ''),
        value: c.id,
        suggested,
      });
      return [...recent.map((id) => opt(codes.book.byId.get(id)!, true)), ...rest.map((c) => opt(c, false))];
    };
    const pickCode = async (id: string, title: string, exclude?: string, allowNew = true): Promise<string | undefined> => {
      const answer = await prompter().pick<string>({
        id,
        title,
        placeholder: l10n.t('a code by name in any script, or a new code'),
        options: codeOptions(exclude),
        names: (o) => {
          const c = codes.book.byId.get(o.value);
          return c ? [c.id, ...codeNames(c)] : [o.label];
        },
        ...(allowNew ? { freeText: { label: (t: string) => l10n.t('New code “{0}”', t), value: (t: string) => `new:${t}` } } : {}),
      });
      if (typeof answer !== 'string') return undefined;
      if (!answer.startsWith('new:')) return answer;
      const label = answer.slice(4).trim();
      const id2 = codes.newId(label);
      await codes.editBook([{ kind: 'create', code: { id: id2, labels: labelsFor(label) } }]);
      return id2;
    };
    const selectionOf = (editor: vscode.TextEditor | undefined): { doc: vscode.TextDocument; start: number; end: number } | undefined => {
      if (!editor || editor.selection.isEmpty) return undefined;
      return { doc: editor.document, start: editor.document.offsetAt(editor.selection.start), end: editor.document.offsetAt(editor.selection.end) };
    };
    const nodeOrPick = async (node: CodeNode | undefined, title: string): Promise<Code | undefined> => {
      if (node) return codes.book.byId.get(node.id);
      const id = await pickCode('code', title, undefined, false);
      return id ? codes.book.byId.get(id) : undefined;
    };

    const view = vscode.window.createTreeView('corpusLens.codes', { treeDataProvider: tree, dragAndDropController: tree, showCollapseAll: true, canSelectMany: false });
    const memoView = vscode.window.createTreeView('corpusLens.memos', { treeDataProvider: memos });
    const updateMessage = (): void => {
      view.message = codes.book.codes.length ? undefined : l10n.t('No codes yet: create one (+), code a selection (Ctrl+Alt+C), or migrate your tags.');
    };
    codes.onDidChange(updateMessage);
    void codes.ready.then(updateMessage);
    const moveCode = async (id: string, parent: string | undefined): Promise<void> => {
      if (!writable()) return;
      try {
        await codes.editBook([{ kind: 'move', id, parent }]);
      } catch (e) {
        fail(e);
      }
    };

    const register = (name: CommandId, run: (...args: never[]) => unknown): vscode.Disposable =>
      registerCommand(services.log, name, async (...args: never[]) => {
        try {
          await codes.ready;
          return await run(...args);
        } catch (e) {
          fail(e);
          return undefined;
        }
      });

    const applyTo = async (codeIds: string[]): Promise<string | undefined> => {
      const sel = selectionOf(vscode.window.activeTextEditor);
      if (!sel) {
        notify(l10n.t('Select the passage to code first.'), 'status');
        return undefined;
      }
      const id = await codes.apply(sel.doc, sel.start, sel.end, codeIds);
      const labels = codeIds.map((c) => (codes.book.byId.get(c) ? codeLabel(codes.book.byId.get(c)!) : c));
      notify(l10n.t('Coded with {0}', labels.join(', ')), 'status');
      return id;
    };

    const review = new AutoCodeReview(() => codes.root());
    const reviewView = vscode.window.createTreeView('corpusLens.autoCodeReview', { treeDataProvider: review, canSelectMany: true, manageCheckboxStateManually: true });
    const reviewMessage = (): void => {
      const s = review.state;
      reviewView.message = s
        ? l10n.t('{0}: {1} of {2} hits accepted{3}. Uncheck a hit to reject it, then Write (nothing is written before).', s.title, review.accepted().length, s.hits.length, s.skipped ? l10n.t(' ({0} already coded, left out)', s.skipped) : '')
        : undefined;
    };
    review.onDidChangeTreeData(reviewMessage);
    const autoDeps: AutoCodeDeps = { services, codes, review, prompter, pickCode: (id, title) => pickCode(id, title) };
    const selected = (node?: ReviewNode, nodes?: readonly ReviewNode[]): readonly ReviewNode[] | undefined => (nodes?.length ? nodes : node ? [node] : reviewView.selection.length ? reviewView.selection : undefined);

    return [
      codes,
      new CodedSegmentDecorations(codes),
      tree,
      memos,
      view,
      memoView,
      review,
      reviewView,
      ...registerMemoLinks(services, codes),
      register('corpusLens.codes.openMemoFor', async (arg?: unknown) => {
        if (!writable()) return undefined;
        const names = { code: (id: string) => (codes.book.byId.get(id) ? codeLabel(codes.book.byId.get(id)!) : id), entity: (id: string) => services.knowledge.kb.get(id)?.name ?? id };
        const target = subjectOf(arg, codes.root(), names);
        if (!target) {
          notify(l10n.t('Nothing to write a memo about here.'), 'status');
          return undefined;
        }
        const editor = await codes.openMemo(target.subject, target.title);
        memos.refresh();
        tree.refresh();
        return editor.document.uri.toString();
      }),
      reviewView.onDidChangeCheckboxState((e) => {
        for (const [node, st] of e.items) review.set([node], st === vscode.TreeItemCheckboxState.Checked);
      }),
      register('corpusLens.codes.autoCode', async () => {
        if (!writable()) return undefined;
        const q = await askAutoCode(autoDeps);
        if (!q) return undefined;
        const r = await runAutoCode(autoDeps, q.query, q.code, q.filter, q.title);
        if (!r.hits) notify(r.skipped ? l10n.t('No new hits: all {0} are already coded with this code.', r.skipped) : l10n.t('No hits.'), 'info');
        else {
          await vscode.commands.executeCommand('corpusLens.autoCodeReview.focus');
          if (r.truncated) notify(l10n.t('{0} more hits were left out of the review list: narrow the search or the document set.', r.truncated), 'warning');
        }
        return r;
      }),
      register('corpusLens.codes.autoCodeAccept', (node?: ReviewNode, nodes?: readonly ReviewNode[]) => review.set(selected(node, nodes), true)),
      register('corpusLens.codes.autoCodeReject', (node?: ReviewNode, nodes?: readonly ReviewNode[]) => review.set(selected(node, nodes), false)),
      register('corpusLens.codes.autoCodeAcceptAll', () => review.set(undefined, true)),
      register('corpusLens.codes.autoCodeRejectAll', () => review.set(undefined, false)),
      register('corpusLens.codes.autoCodeOpen', (node?: ReviewNode) => openHit(review, node)),
      register('corpusLens.codes.autoCodeCancel', () => review.show(undefined)),
      register('corpusLens.codes.autoCodeWrite', async () => {
        if (!review.state) return undefined;
        if (!writable()) return undefined;
        const r = await writeAccepted(autoDeps);
        if (r) notify(l10n.t('Auto-coding: {0} coded in {1} ({2} rejected{3}).', count(r.written, 'passage'), count(r.documents, 'document'), r.rejected, r.stale ? l10n.t(', {0} not written: the text changed since the search', r.stale) : ''), r.stale ? 'warning' : 'info');
        return r;
      }),
      register('corpusLens.codes.apply', async () => {
        if (!writable()) return undefined;
        if (!selectionOf(vscode.window.activeTextEditor)) {
          notify(l10n.t('Select the passage to code first.'), 'status');
          return undefined;
        }
        const id = await pickCode('code', l10n.t('Apply Code to Selection'));
        return id ? applyTo([id]) : undefined;
      }),
      register('corpusLens.codes.applyLast', async () => {
        if (!writable()) return undefined;
        const last = codes.recent.find((id) => codes.book.byId.has(id));
        if (!last) {
          notify(l10n.t('No code applied yet in this workspace: use Apply Code first.'), 'status');
          return undefined;
        }
        return applyTo([last]);
      }),
      register('corpusLens.codes.create', async (node?: CodeNode) => {
        if (!writable()) return undefined;
        const sel = selectionOf(vscode.window.activeTextEditor);
        const label = await prompter().input({ id: 'label', title: l10n.t('New Code: label (any script)'), value: node ? '' : sel ? sel.doc.getText().slice(sel.start, sel.end).slice(0, 40) : '', validate: (v) => (v.trim() ? undefined : l10n.t('a code needs a label')) });
        if (typeof label !== 'string' || !label.trim()) return undefined;
        const id = codes.newId(label);
        await codes.editBook([{ kind: 'create', code: { id, labels: labelsFor(label.trim()), ...(node ? { parent: node.id } : {}) } }]);
        notify(l10n.t('Code “{0}” created ({1})', label.trim(), id), 'status');
        return id;
      }),
      register('corpusLens.codes.createFromSelection', async () => {
        if (!writable()) return undefined;
        const sel = selectionOf(vscode.window.activeTextEditor);
        if (!sel) {
          notify(l10n.t('Select the words that name the new code first.'), 'status');
          return undefined;
        }
        const text = sel.doc.getText().slice(sel.start, sel.end).trim();
        const label = await prompter().input({ id: 'label', title: l10n.t('New Code from Selection: label'), value: text.slice(0, 60), validate: (v) => (v.trim() ? undefined : l10n.t('a code needs a label')) });
        if (typeof label !== 'string' || !label.trim()) return undefined;
        const id = codes.newId(label);
        await codes.editBook([{ kind: 'create', code: { id, labels: labelsFor(label.trim()) } }]);
        await codes.apply(sel.doc, sel.start, sel.end, [id]);
        notify(l10n.t('Code “{0}” created and applied', label.trim()), 'status');
        return id;
      }),
      register('corpusLens.codes.rename', async (node?: CodeNode) => {
        if (!writable()) return;
        const code = await nodeOrPick(node, l10n.t('Rename Code'));
        if (!code) return;
        const labels = { ...code.labels };
        for (const [lang, title] of [['en', l10n.t('English')], ['zh-Hans', l10n.t('simplified Chinese')], ['zh-Hant', l10n.t('traditional Chinese')]] as const) {
          const v = await prompter().input({ id: `label-${lang}`, title: l10n.t('Rename Code: {0} label (empty: none)', title), value: code.labels[lang] ?? '' });
          if (v === undefined || typeof v !== 'string') return;
          if (v.trim()) labels[lang] = v.trim();
          else delete labels[lang];
        }
        await codes.editBook([{ kind: 'rename', id: code.id, labels }]);
        notify(l10n.t('Code {0} renamed (no sidecar rewritten)', code.id), 'status');
      }),
      register('corpusLens.codes.merge', async (node?: CodeNode) => {
        if (!writable()) return;
        const from = await nodeOrPick(node, l10n.t('Merge Code: the code to merge'));
        if (!from) return;
        const into = await pickCode('target', `Merge “${codeLabel(from)}” into…`, from.id, false);
        if (!into) return;
        await codes.editBook([{ kind: 'merge', from: from.id, into }]);
        notify(l10n.t('“{0}” merged into “{1}”', codeLabel(from), codeLabel(codes.book.byId.get(into)!)), 'status');
      }),
      register('corpusLens.codes.move', async (node?: CodeNode) => {
        if (!writable()) return;
        const code = await nodeOrPick(node, l10n.t('Move Code'));
        if (!code) return;
        const answer = await prompter().pick<string>({
          id: 'parent',
          title: l10n.t('Move “{0}” under…', codeLabel(code)),
          options: [{ label: l10n.t('(top level)'), value: '' }, ...codeOptions(code.id).map((o) => ({ ...o, suggested: false }))],
        });
        if (typeof answer !== 'string') return;
        await codes.editBook([{ kind: 'move', id: code.id, parent: answer || undefined }]);
      }),
      register('corpusLens.codes.color', async (node?: CodeNode) => {
        if (!writable()) return;
        const code = await nodeOrPick(node, l10n.t('Code Colour'));
        if (!code) return;
        const answer = await prompter().pick<string>({
          id: 'color',
          title: l10n.t('Colour of “{0}”', codeLabel(code)),
          options: [...COLOURS.map(([name, hex]) => ({ label: name, description: hex, value: hex })), { label: l10n.t('none'), value: '' }],
          freeText: { label: (t) => `Use ${t}`, value: (t) => t.trim() },
          ...(code.color ? { active: code.color } : {}),
        });
        if (typeof answer !== 'string') return;
        if (answer && !COLOR.test(answer)) {
          notify(l10n.t('“{0}” is not a colour: use #rgb or #rrggbb', answer), 'warning');
          return;
        }
        await codes.editBook([{ kind: 'color', id: code.id, color: answer || undefined }]);
      }),
      register('corpusLens.codes.retrieve', async (node?: CodeNode) => {
        const query =
          node?.id ??
          (await prompter().input({ id: 'query', title: l10n.t('Retrieve Coded Segments: codes with AND / OR / NOT'), placeholder: l10n.t('red-line AND (nato OR 制裁) AND NOT energy'), validate: (v) => (v.trim() ? undefined : l10n.t('name a code')) }));
        if (typeof query !== 'string' || !query.trim()) return undefined;
        let filter: string | undefined;
        if (!node) {
          const sets = [...codes.variables.sets.keys()];
          const f = await prompter().input({ id: 'filter', title: l10n.t('Within documents (empty: all)'), placeholder: sets.length ? l10n.t('e.g. set:{0}  or  country=CN date>=2020', sets[0]) : l10n.t('e.g. country=CN language=zh-Hans date>=2020'), value: '' });
          if (f === undefined || typeof f !== 'string') return undefined;
          filter = f.trim() || undefined;
        }
        const doc = await codes.openRetrieval(query.trim(), filter);
        return doc.uri.toString();
      }),
      register('corpusLens.codes.openMemo', async (node?: CodeNode) => {
        if (!writable()) return undefined;
        let subject: MemoSubject;
        let title: string;
        if (node) {
          subject = { kind: 'code', id: node.id };
          title = codeLabel(codes.book.byId.get(node.id) ?? { id: node.id, labels: {} });
        } else {
          const editor = vscode.window.activeTextEditor;
          const root = codes.root();
          const docRel = editor && root && isInside(root, pathOf(editor.document.uri)) ? relative(root, pathOf(editor.document.uri)) : undefined;
          const kind = await prompter().pick<string>({
            id: 'memo',
            title: l10n.t('Open Memo'),
            options: [
              { label: l10n.t('Project memo'), value: 'project' },
              ...(docRel ? [{ label: l10n.t('This document'), description: docRel, value: 'document' }] : []),
              { label: l10n.t('A code…'), value: 'code' },
              { label: l10n.t('An entity…'), value: 'entity' },
              { label: l10n.t('A topic…'), value: 'topic' },
            ],
          });
          if (typeof kind !== 'string') return undefined;
          if (kind === 'project') [subject, title] = [{ kind: 'project' }, 'project'];
          else if (kind === 'document') [subject, title] = [{ kind: 'document', path: docRel! }, docRel!];
          else if (kind === 'code') {
            const id = await pickCode('code', l10n.t('Memo on code'), undefined, false);
            if (!id) return undefined;
            [subject, title] = [{ kind: 'code', id }, codeLabel(codes.book.byId.get(id)!)];
          } else if (kind === 'entity') {
            // The corpus's known entities, most mentioned first, found by any of their names (pinyin too); an
            // unconfirmed candidate has no stable id to name a memo file by.
            const { options, names, name } = corpusEntityOptions(services, true);
            const id = await prompter().pick<string>({ id: 'entity', title: l10n.t('Memo on an entity'), options, names });
            if (typeof id !== 'string') return undefined;
            [subject, title] = [{ kind: 'entity', id }, name(id)];
          } else {
            const topics = services.knowledge.topics.all();
            const label = (t: (typeof topics)[number]): string => [topicName(t.label), topicOtherName(t.label)].filter(Boolean).join(' · ');
            const id = await prompter().pick<string>({
              id: 'topic',
              title: l10n.t('Memo on a topic'),
              options: topics.map((t) => ({ label: label(t), detail: t.id, value: t.id })),
              names: (o) => [o.label, ...Object.values(services.knowledge.topics.get(o.value)?.label ?? {})],
            });
            if (typeof id !== 'string') return undefined;
            [subject, title] = [{ kind: 'topic', id }, label(services.knowledge.topics.get(id)!)];
          }
        }
        const editor = await codes.openMemo(subject, title);
        memos.refresh();
        return editor.document.uri.toString();
      }),
      register('corpusLens.codes.migrateTags', async () => {
        if (!writable()) return undefined;
        const [created, changed] = await codes.migrateTags();
        notify(l10n.t('Tags migrated: new codes: {0}; annotations now carrying codes: {1} (their tags are kept)', created, changed));
        return [created, changed];
      }),
      register('corpusLens.codes.export', async (format?: 'qdpx' | 'qdc') => {
        const fmt =
          format ??
          (await prompter().pick<'qdpx' | 'qdc'>({
            id: 'format',
            title: l10n.t('Export to REFI-QDA (MAXQDA, NVivo, ATLAS.ti, QualCoder)'),
            options: [
              { label: l10n.t('Project (.qdpx)'), description: l10n.t('sources, codes, coded segments, claims, memos'), value: 'qdpx' },
              { label: l10n.t('Codebook (.qdc)'), value: 'qdc' },
            ],
          }));
        if (fmt !== 'qdpx' && fmt !== 'qdc') return undefined;
        const target = await prompter().saveUri({ filters: fmt === 'qdpx' ? { [l10n.t('REFI-QDA project')]: ['qdpx'] } : { [l10n.t('REFI-QDA codebook')]: ['qdc'] }, title: l10n.t('Export to REFI-QDA') });
        if (!target) return undefined;
        const r = await codes.exportProject(target, fmt);
        notify(l10n.t('Exported {0}{1}', r.summary, r.problems.length ? l10n.t(' ({0}: see the Corpus Lens log)', count(r.problems.length, 'problem')) : ''));
        for (const p of r.problems) services.log.warn(`export: ${p}`);
        return r;
      }),
      register('corpusLens.codes.import', async (uri?: vscode.Uri) => {
        if (!writable()) return undefined;
        const source = uri ?? (await vscode.window.showOpenDialog({ filters: { 'REFI-QDA': ['qdpx', 'qdc'] }, canSelectMany: false }))?.[0];
        if (!source) return undefined;
        const r = await codes.importProject(source);
        notify(l10n.t('Imported {0}{1}', r.summary, r.problems.length ? l10n.t(' ({0}: see the Corpus Lens log)', count(r.problems.length, 'problem')) : ''));
        for (const p of r.problems) services.log.warn(`import: ${p}`);
        return r;
      }),
      register('corpusLens.codes.editVariables', async () => {
        const root = codes.root();
        if (!root) return undefined;
        const file = uriOf(`${root}/.corpus-lens/variables.yaml`);
        if (!(await codes.files.exists(pathOf(file)))) {
          if (!writable()) return undefined;
          await services.corpus.ready;
          await codes.files.writeTextAtomic(pathOf(file), codes.seededVariables());
          await codes.loadVariables();
        }
        const editor = await vscode.window.showTextDocument(file, { preview: false });
        return editor.document.uri.toString();
      }),
      register('corpusLens.codes.openCodebook', async () => {
        const root = codes.root();
        if (!root) return;
        const file = uriOf(join(root, '.corpus-lens', 'codebook.yaml'));
        if (!(await codes.files.exists(pathOf(file)))) {
          if (!writable()) return;
          await codes.editBook([]);
        }
        await vscode.window.showTextDocument(file);
      }),
    ];
  },
};

/** Labels of a typed name: Chinese text is a zh-Hans label (zh-Hant when it is traditional), else en. */
function labelsFor(label: string): Code['labels'] {
  return { [guessLanguage(label)]: label };
}
