/**
 * The sidecar ↔ document lookup of a workspace: where a document's sidecar is (beside it, or under the
 * `corpusLens.annotations.folder` setting, which must stay inside the workspace folder), and which document a
 * sidecar found on disk annotates (its `document.path`, confined to the workspace folder, else its name).
 */
import type { Problem } from '../types';
import { confinedJoin, documentPathPosition, type Confined } from '../confine';
import { dirname, join, relative, SIDECAR_SUFFIX } from './paths';
import { parseSidecar } from './parse';
import type { SidecarLayout } from './state';
import * as l10n from '@vscode/l10n';

/** What the lookup needs of the workspace (paths are URI strings). */
export interface WorkspaceLayout {
  /** The workspace folder that contains `path`, undefined outside every folder. */
  folderOf(path: string): string | undefined;
  /** The `corpusLens.annotations.folder` setting that applies to `path`, as written. */
  annotationsFolder(path: string): string;
  /** `declared` (from a workspace file) resolved against `base`, if it stays inside `root`, links included. */
  confine(root: string, base: string, declared: string): Promise<Confined>;
  /** The same path in the encoding of the editor's URIs. */
  canonical(path: string): string;
  /** The path as shown to the user (a file system path where there is one). */
  displayPath(path: string): string;
}

/** The document a sidecar annotates, or why none is loaded (a problem to show on the sidecar). */
export type SidecarOwner = { docPath: string } | { problem: Problem } | undefined;

export class SidecarLookup {
  private readonly warnedFolders = new Set<string>();

  /**
   * `sidecarPathOf(docPath, layout)`: the store's layout rule (AnnotationStore.sidecarPathFor). `warn` shows a
   * message to the user (an unusable folder setting, once per value).
   */
  constructor(
    private readonly workspace: WorkspaceLayout,
    private readonly sidecarPathOf: (docPath: string, layout: SidecarLayout) => string,
    private readonly warn: (message: string) => void,
  ) {}

  sidecarPathFor(docPath: string): string {
    const folder = this.workspace.folderOf(docPath);
    return this.sidecarPathOf(docPath, { folder: this.sidecarFolder(docPath, folder), root: folder });
  }

  /** Warn again about an unusable folder setting (after the workspace was trusted: settings changed force). */
  resetWarnings(): void {
    this.warnedFolders.clear();
  }

  /**
   * `corpusLens.annotations.folder` when it stays inside the workspace folder (it comes from a workspace file,
   * .vscode/settings.json, as often as not); otherwise '' — sidecars beside each document — and a warning, once.
   */
  sidecarFolder(path: string, folder: string | undefined = this.workspace.folderOf(path)): string {
    const setting = this.workspace.annotationsFolder(path).trim();
    if (!setting) return '';
    const confined = folder ? confinedJoin(folder, folder, setting, true) : { error: l10n.t('there is no workspace folder') };
    if (!('error' in confined)) return setting;
    if (!this.warnedFolders.has(setting)) {
      this.warnedFolders.add(setting);
      this.warn(`Corpus Lens: the setting corpusLens.annotations.folder ("${setting}") is not used: ${confined.error}. Annotation files are kept beside each document.`);
    }
    return '';
  }

  /**
   * The document a sidecar annotates: its `document.path`, else its name (beside / mirrored in the folder).
   * `text` is the sidecar's text (undefined: missing), `exists` whether a document is on disk or open.
   */
  async documentOf(sidecarPath: string, text: string | undefined, exists: (docPath: string) => Promise<boolean>): Promise<SidecarOwner> {
    const declared = text === undefined ? undefined : parseSidecar(text, sidecarPath).value?.document.path;
    let docPath: string;
    const folder = this.workspace.folderOf(sidecarPath);
    if (declared) {
      // document.path comes from a workspace file: it must stay inside the workspace folder (links resolved).
      const confined = await this.workspace.confine(folder ?? dirname(sidecarPath), dirname(sidecarPath), declared);
      if ('error' in confined) {
        return { problem: { file: sidecarPath, ...documentPathPosition(text ?? ''), severity: 'error', message: l10n.t('document.path "{0}": {1}; nothing was read', declared, confined.error) } };
      }
      docPath = confined.path;
    } else {
      const bare = sidecarPath.slice(0, -SIDECAR_SUFFIX.length);
      const setting = this.sidecarFolder(sidecarPath, folder);
      if (folder && setting) {
        const base = join(folder, setting);
        const rel = relative(base, bare);
        docPath = rel.startsWith('..') || rel === bare ? bare : join(folder, rel);
      } else docPath = bare;
    }
    docPath = this.workspace.canonical(docPath); // same encoding as the editor's URIs
    if (this.sidecarPathFor(docPath) !== sidecarPath && declared === undefined) return undefined;
    if (!(await exists(docPath))) {
      return { problem: { file: sidecarPath, line: 1, column: 1, severity: 'warning', message: l10n.t('the annotated document {0} does not exist; the annotations are kept', declared ?? docPath) } };
    }
    return { docPath };
  }
}
