// The production dependencies (what the bundles ship), in place of `npm audit --omit=dev`, whose advisories
// endpoint the registry mirror here refuses (405). Lists every package that is not dev-only in package-lock.json
// (name, version, licence, the path that pulls it in) and checks, offline:
//   - the licence is one of ALLOWED (permissive, compatible with shipping inside a MIT-licensed .vsix);
//   - the lock has an sha512 integrity for it (npm ci verifies the tarball against it) and no install script;
//   - the copy in node_modules is the locked version, with the same licence in its own package.json;
//   - ThirdPartyNotices.txt names it (the notice shipped in the .vsix).
// It does NOT check security advisories: that needs the registry's audit service (run `npm audit --omit=dev`
// where it answers). usage: node scripts/deps-report.mjs [--check] [--json]   (--check: exit 1 on a problem)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = join(fileURLToPath(import.meta.url), '..', '..');
export const ALLOWED = new Set(['MIT', 'ISC', 'BSD-2-Clause', 'BSD-3-Clause', 'Apache-2.0', '0BSD', 'Python-2.0', 'MIT AND Apache-2.0', 'CC0-1.0', 'BlueOak-1.0.0']);

/** The production packages of the lock, with what is wrong with each. */
export function productionDependencies(repo = REPO) {
  const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8'));
  const notices = readFileSync(join(repo, 'ThirdPartyNotices.txt'), 'utf8');
  const packages = lock.packages ?? {};
  const rows = [];
  for (const [where, entry] of Object.entries(packages)) {
    if (!where || entry.dev || entry.devOptional || entry.link) continue;
    const name = entry.name ?? where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const problems = [];
    const license = typeof entry.license === 'string' ? entry.license : undefined;
    if (!license) problems.push('no licence in package-lock.json');
    else if (!ALLOWED.has(license)) problems.push(`licence ${license} is not in the allowed list`);
    if (!/^sha512-/.test(entry.integrity ?? '')) problems.push('no sha512 integrity in package-lock.json');
    if (entry.hasInstallScript) problems.push('has an install script');
    const manifest = join(repo, where, 'package.json');
    if (!existsSync(manifest)) problems.push(`not installed (${where}): run npm ci`);
    else {
      const installed = JSON.parse(readFileSync(manifest, 'utf8'));
      if (installed.version !== entry.version) problems.push(`installed ${installed.version}, locked ${entry.version}`);
      const own = typeof installed.license === 'string' ? installed.license : installed.license?.type;
      if (own && license && own !== license) problems.push(`its package.json says ${own}, the lock ${license}`);
    }
    const named = new RegExp(`(^|[\\s(,])${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}([\\s),.]|$)`, 'm');
    if (!named.test(notices)) problems.push('not named in ThirdPartyNotices.txt');
    rows.push({ name, version: entry.version, license: license ?? '?', path: where, problems });
  }
  return rows.sort((a, b) => (a.path < b.path ? -1 : 1));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = productionDependencies();
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
  else {
    const width = Math.max(...rows.map((r) => `${r.name}@${r.version}`.length));
    for (const r of rows) console.log(`${`${r.name}@${r.version}`.padEnd(width)}  ${r.license.padEnd(18)}  ${r.problems.length ? `PROBLEM: ${r.problems.join('; ')}` : 'ok'}`);
    const bad = rows.filter((r) => r.problems.length);
    console.log(`\n${rows.length} production packages (bundled into dist/), ${bad.length} with a problem. Licences: ${[...new Set(rows.map((r) => r.license))].sort().join(', ')}.`);
    console.log('Not checked: security advisories (the registry audit service is not reachable here; run `npm audit --omit=dev` where it is).');
  }
  if (process.argv.includes('--check') && rows.some((r) => r.problems.length)) process.exit(1);
}
