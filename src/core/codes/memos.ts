/**
 * Memos: Markdown files under `.corpus-lens/memos/`, one per subject, the path telling what it is about:
 * `project.md` (the project memo), `document/<document path>.md`, `code/<code id>.md`, `entity/<entity id>.md`
 * (entity ids contain a slash: `entity/person/vladimir-putin.md`), `topic/<topic id>.md`. Any other `.md` file
 * there is a free project memo named by its path.
 */
import type { MemoSubject } from '../refiqda/project';

export const MEMOS_FOLDER = '.corpus-lens/memos';

/** Path of a subject's memo, relative to the memos folder. */
export function memoPath(subject: MemoSubject): string {
  switch (subject.kind) {
    case 'project':
      return 'project.md';
    case 'document':
      return `document/${subject.path.replace(/\\/g, '/').replace(/^\/+/, '')}.md`;
    case 'code':
      return `code/${subject.id}.md`;
    case 'entity':
      return `entity/${subject.id}.md`;
    case 'topic':
      return `topic/${subject.id}.md`;
  }
}

/** Subject and name of a memo file (relative to the memos folder, '/' separators); undefined for a non-.md file. */
export function memoSubject(relPath: string): { subject: MemoSubject; name: string } | undefined {
  const p = relPath.replace(/\\/g, '/').replace(/^\/+/, '');
  if (!p.endsWith('.md') || p.split('/').some((s) => s === '..' || s === '')) return undefined;
  const body = p.slice(0, -3);
  const [head, ...rest] = body.split('/');
  const tail = rest.join('/');
  if (body === 'project') return { subject: { kind: 'project' }, name: 'project' };
  if (tail && head === 'document') return { subject: { kind: 'document', path: tail }, name: body };
  if (tail && head === 'code') return { subject: { kind: 'code', id: tail }, name: body };
  if (tail && head === 'entity') return { subject: { kind: 'entity', id: tail }, name: body };
  if (tail && head === 'topic') return { subject: { kind: 'topic', id: tail }, name: body };
  return { subject: { kind: 'project' }, name: body };
}

/** A new memo's text: a heading naming its subject. */
export function memoTemplate(subject: MemoSubject, title: string): string {
  const what = subject.kind === 'project' ? 'Project memo' : `Memo on ${subject.kind} ${title}`;
  return `# ${what}\n\n`;
}
