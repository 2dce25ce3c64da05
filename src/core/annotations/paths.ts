/**
 * Path helpers for sidecars. They work on plain paths ('/' or '\' separated) and on URI strings
 * (`file:///...`, `vscode-vfs://...`): only the part after the last separator is a file name. URI strings are
 * parsed, joined and split by vscode-uri (as VS Code does: authority, query and percent-encoding kept right), and
 * written back encoded as VS Code writes them (`Uri.toString()`); plain paths by the '/' rules below.
 */
import { URI, Utils } from 'vscode-uri';

export const SIDECAR_SUFFIX = '.annotations.yaml';

function norm(p: string): string {
  return p.replace(/\\/g, '/');
}

/** A URI string (`scheme://...`), as the extension passes them; not a Windows drive path. */
function isUriString(p: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]+:\/\//.test(p);
}

export function dirname(p: string): string {
  if (isUriString(p)) return Utils.dirname(URI.parse(p)).toString();
  const n = norm(p);
  const i = n.lastIndexOf('/');
  return i < 0 ? '.' : i === 0 ? '/' : n.slice(0, i);
}

export function basename(p: string): string {
  if (isUriString(p)) return Utils.basename(URI.parse(p));
  const n = norm(p);
  return n.slice(n.lastIndexOf('/') + 1);
}

export function isAbsolute(p: string): boolean {
  return /^([a-zA-Z][a-zA-Z0-9+.-]+:\/\/|\/|[a-zA-Z]:[\\/])/.test(p);
}

/** Join with '/', resolving '.' and '..' segments of the appended parts. */
export function join(base: string, ...parts: string[]): string {
  if (isUriString(base)) {
    // The parts are path references: percent-encoded (as a URI writes them) or plain names (as a sidecar may);
    // both are decoded to the name they denote, as URI.parse does.
    const joined = Utils.joinPath(URI.parse(base), ...parts.map((part) => decodeGraceful(norm(part))));
    return joined.with({ path: joined.path.replace(/(.)\/+$/, '$1') }).toString();
  }
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

function decodeGraceful(s: string): string {
  return s.replace(/(%[0-9A-Fa-f]{2})+/g, (m) => {
    try {
      return decodeURIComponent(m);
    } catch {
      return m;
    }
  });
}

/**
 * Relative path from folder `from` to path `to` ('/' separators); `to` unchanged when they share no root. Between
 * two URI strings of one scheme and authority the result is a plain (decoded) path: `新闻 1.txt`, not
 * `%E6%96%B0%E9%97%BB%201.txt`, so that the CLI and other tools read a sidecar's `document.path` as the file name.
 */
export function relative(from: string, to: string): string {
  if (isUriString(from) && isUriString(to)) {
    const [f, t] = [URI.parse(from), URI.parse(to)];
    if (f.scheme !== t.scheme || f.authority !== t.authority) return to;
    return relativeSegments(f.path, t.path) ?? to;
  }
  return relativeSegments(from, to) ?? norm(to);
}

function relativeSegments(from: string, to: string): string | undefined {
  const a = norm(from).split('/').filter((s, i) => s !== '' || i === 0);
  const b = norm(to).split('/').filter((s, i) => s !== '' || i === 0);
  if (a[0] !== b[0]) return undefined;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === 0) return undefined;
  return [...Array<string>(a.length - i).fill('..'), ...b.slice(i)].join('/') || '.';
}

/** Is `p` inside folder `root`? */
export function isInside(root: string, p: string): boolean {
  const r = norm(root).replace(/\/+$/, '');
  return norm(p).startsWith(r + '/');
}
