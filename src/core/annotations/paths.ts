/**
 * Path helpers for sidecars. They work on plain paths ('/' or '\' separated) and on URI strings
 * (`file:///...`, `vscode-vfs://...`): only the part after the last separator is a file name.
 */

export const SIDECAR_SUFFIX = '.annotations.yaml';

function norm(p: string): string {
  return p.replace(/\\/g, '/');
}

export function dirname(p: string): string {
  const n = norm(p);
  const i = n.lastIndexOf('/');
  return i < 0 ? '.' : i === 0 ? '/' : n.slice(0, i);
}

export function basename(p: string): string {
  const n = norm(p);
  return n.slice(n.lastIndexOf('/') + 1);
}

export function isAbsolute(p: string): boolean {
  return /^([a-zA-Z][a-zA-Z0-9+.-]+:\/\/|\/|[a-zA-Z]:[\\/])/.test(p);
}

/** Join with '/', resolving '.' and '..' segments of the appended parts. */
export function join(base: string, ...parts: string[]): string {
  const segs = norm(base).split('/');
  for (const part of parts) {
    for (const s of norm(part).split('/')) {
      if (s === '' || s === '.') continue;
      if (s === '..' && segs.length > 1 && segs[segs.length - 1] !== '..' && segs[segs.length - 1] !== '') segs.pop();
      else segs.push(s);
    }
  }
  return segs.join('/');
}

/** Relative path from folder `from` to path `to` ('/' separators); `to` unchanged when they share no root. */
export function relative(from: string, to: string): string {
  const a = norm(from).split('/').filter((s, i) => s !== '' || i === 0);
  const b = norm(to).split('/').filter((s, i) => s !== '' || i === 0);
  if (a[0] !== b[0]) return norm(to);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === 0) return norm(to);
  return [...Array<string>(a.length - i).fill('..'), ...b.slice(i)].join('/') || '.';
}

/** Is `p` inside folder `root`? */
export function isInside(root: string, p: string): boolean {
  const r = norm(root).replace(/\/+$/, '');
  return norm(p).startsWith(r + '/');
}
