import type * as vscode from 'vscode';
import type { AgreementReport, Comparison, ComparedPassage, Figures, Located } from '../../../core/agreement';
import { aboutText, holderText } from '../../../core/annotations/export';
import { count } from '../../../core/text/plural';
import { html, page } from './html';

const FIGURES: Array<[keyof Figures['intervals'], string, string]> = [
  ['percentAgreement', 'Percent', 'share of agreeing analyst pairs per passage'],
  ['cohenKappa', "Cohen's κ", 'two analysts, chance-corrected'],
  ['fleissKappa', "Fleiss' κ", 'any number of analysts'],
  ['krippendorffAlpha', "Krippendorff's α", 'nominal, chance-corrected'],
  ['alphaU', 'α-u', 'unitizing: where the passages begin and end'],
];

function value(f: Figures, key: keyof Figures['intervals']): string {
  const v = f[key];
  if (v === null || v === undefined) return '<span class="muted" title="undefined for these data">n/a</span>';
  const iv = f.intervals[key];
  return `${v.toFixed(3)}${iv ? `<br><span class="ci" title="95% bootstrap interval (${iv.samples} resamples)">[${iv.low.toFixed(3)}, ${iv.high.toFixed(3)}]</span>` : ''}`;
}

export function renderReport(webview: vscode.Webview, report: AgreementReport): string {
  const what = report.by === 'stance' ? 'stance' : 'code';
  const head = `<tr><th scope="col">${report.by === 'stance' ? 'Polarity' : 'Code'}</th><th scope="col">Segments</th><th scope="col">Units</th>${FIGURES.map(([, label, title]) => `<th scope="col" title="${html(title)}">${html(label)}</th>`).join('')}</tr>`;
  const row = (label: string, segments: string, f: Figures, strong = false) =>
    `<tr>${strong ? `<th scope="row">${html(label)}</th>` : `<td>${html(label)}</td>`}<td class="num">${segments}</td><td class="num">${f.units}</td>${FIGURES.map(([key]) => `<td class="num">${value(f, key)}</td>`).join('')}</tr>`;
  const rows = [row('Overall', String(report.annotations), report.overall, true), ...report.categories.map((c) => row(c.category, String(c.segments), c.figures))].join('\n');
  const intensity =
    report.by === 'stance'
      ? `<p>Stance intensity (−2…+2): Krippendorff's α ordinal <b>${report.overall.krippendorffAlphaOrdinal?.toFixed(3) ?? 'n/a'}</b>, interval <b>${report.overall.krippendorffAlphaInterval?.toFixed(3) ?? 'n/a'}</b>.</p>`
      : '';
  const pairs = report.pairwise.length
    ? `<h2>Pairs of analysts</h2><table aria-label="Agreement of each pair of analysts"><tr><th scope="col">Analysts</th><th scope="col">Units</th><th scope="col">Percent</th><th scope="col">Cohen's κ</th></tr>${report.pairwise
        .map((p) => `<tr><td>${html(p.coders.join(' / '))}</td><td class="num">${p.units}</td><td class="num">${p.percentAgreement?.toFixed(3) ?? 'n/a'}</td><td class="num">${p.cohenKappa?.toFixed(3) ?? 'n/a'}</td></tr>`)
        .join('')}</table>`
    : '';
  const notes = report.notes.length ? `<h2>Notes</h2><ul>${report.notes.map((n) => `<li>${html(n)}</li>`).join('')}</ul>` : '';
  const body = `<h1>Agreement by ${what}</h1>
<p>${count(report.coders.length, 'analyst')} (${html(report.coders.join(', '))}) · ${count(report.documents, 'document')} · ${count(report.annotations, 'annotation')}. Units are passages: the overlapping annotations of all analysts; an analyst who annotated nothing there counts as "${report.by === 'stance' ? 'no stance' : 'not coded'}". Intervals: 95% bootstrap.</p>
<div class="toolbar"><button class="primary" data-msg="again">Measure Again…</button><button data-msg="compare">Compare Two Analysts…</button><button data-msg="saveJson">Save as JSON…</button></div>
<table aria-label="Agreement overall and per ${what}">${head}
${rows}</table>
${intensity}
${pairs}
${notes}`;
  const script = `const vscode = acquireVsCodeApi();
for (const b of document.querySelectorAll('button[data-msg]')) b.addEventListener('click', () => vscode.postMessage({ type: b.dataset.msg }));`;
  return page(webview, 'Agreement', body, script);
}

function reading(l: Located | undefined): string {
  if (!l) return '<span class="muted">—</span>';
  const a = l.annotation;
  const parts = [
    `<b>${html(a.stance.polarity)}${a.stance.intensity !== undefined ? ` ${a.stance.intensity > 0 ? '+' : ''}${a.stance.intensity}` : ''}</b> ${html(a.claim)}`,
    a.tags?.length ? `codes: ${html(a.tags.join(', '))}` : '',
    a.about ? `about: ${html(aboutText(a.about))}` : '',
    a.holder ? `holder: ${html(holderText(a.holder))}` : '',
  ].filter(Boolean);
  return parts.join('<br>');
}

const STATUS_LABEL: Record<ComparedPassage['status'], string> = { same: 'same', different: 'different', 'only-a': 'only A', 'only-b': 'only B' };

export function renderComparison(webview: vscode.Webview, comparison: Comparison, text: string, document: string): string {
  const [a, b] = comparison.analysts;
  const rows = comparison.passages
    .map((p, i) => {
      const quote = text.slice(p.start, p.end).replace(/\s+/g, ' ');
      const shown = quote.length > 160 ? quote.slice(0, 160) + '…' : quote;
      const curated = p.curated.length
        ? `<div class="curated">curated: ${p.curated.map((c) => html(c.annotation.curation?.decision ?? 'curation')).join(', ')}</div>`
        : '';
      const diff = p.differences.length ? `<div class="muted">differs in ${html(p.differences.join(', '))}</div>` : '';
      const actions = [
        p.a.length ? `<button data-decide="accept-a" data-passage="${i}" title="Accept ${html(a)}'s reading" aria-label="Accept ${html(a)}'s reading of passage ${i + 1}">Accept A</button>` : '',
        p.b.length ? `<button data-decide="accept-b" data-passage="${i}" title="Accept ${html(b)}'s reading" aria-label="Accept ${html(b)}'s reading of passage ${i + 1}">Accept B</button>` : '',
        p.a.length && p.b.length ? `<button data-decide="merge" data-passage="${i}" title="A's reading with the codes of both" aria-label="Merge both readings of passage ${i + 1}">Merge</button>` : '',
        `<button data-decide="disagreement" data-passage="${i}" title="Record the passage as disputed" aria-label="Mark passage ${i + 1} as a disagreement">Dispute</button>`,
      ].join('');
      return `<tr data-status="${p.status}">
<td class="num">${i + 1}</td>
<td><span class="status ${p.status}">${STATUS_LABEL[p.status]}</span>${diff}${curated}<div class="actions" role="group" aria-label="Adjudicate passage ${i + 1}">${actions}</div></td>
<td class="quote"><a href="#" data-open="${i}" data-side="a" title="Open the passage in the editor">“${html(shown)}”</a></td>
<td class="reading">${reading(p.a[0])}${p.a.length > 1 ? `<div class="muted">+${p.a.length - 1} more</div>` : ''}</td>
<td class="reading">${reading(p.b[0])}${p.b.length > 1 ? `<div class="muted">+${p.b.length - 1} more</div>` : ''}</td></tr>`;
    })
    .join('\n');
  const c = comparison.counts;
  const filters = (['same', 'different', 'only-a', 'only-b'] as const)
    .map((s) => `<label><input type="checkbox" data-filter="${s}" checked> ${STATUS_LABEL[s]} (${c[s]})</label>`)
    .join('');
  const body = `<h1>${html(a)} / ${html(b)} — ${html(document)}</h1>
<p>${comparison.passages.length} passages: ${c.same} same, ${c.different} different, ${c['only-a']} only ${html(a)}, ${c['only-b']} only ${html(b)}. Adjudicating writes a new annotation by <b>curation</b>; the analysts' annotations are never changed.</p>
<div class="toolbar" role="group" aria-label="Show passages">${filters}</div>
<table aria-label="Passages of ${html(a)} and ${html(b)}"><tr><th scope="col">#</th><th scope="col">Status · adjudicate</th><th scope="col">Passage</th><th scope="col">${html(a)} (A)</th><th scope="col">${html(b)} (B)</th></tr>
${rows}</table>`;
  const script = `const vscode = acquireVsCodeApi();
const state = vscode.getState() || { hidden: [] };
const apply = () => {
  for (const box of document.querySelectorAll('input[data-filter]')) box.checked = !state.hidden.includes(box.dataset.filter);
  for (const row of document.querySelectorAll('tr[data-status]')) row.hidden = state.hidden.includes(row.dataset.status);
};
for (const box of document.querySelectorAll('input[data-filter]')) box.addEventListener('change', () => {
  state.hidden = [...document.querySelectorAll('input[data-filter]')].filter((b) => !b.checked).map((b) => b.dataset.filter);
  vscode.setState(state);
  apply();
});
for (const b of document.querySelectorAll('button[data-decide]')) b.addEventListener('click', () => vscode.postMessage({ type: 'decide', passage: Number(b.dataset.passage), decision: b.dataset.decide }));
for (const l of document.querySelectorAll('a[data-open]')) l.addEventListener('click', (e) => { e.preventDefault(); vscode.postMessage({ type: 'open', passage: Number(l.dataset.open), side: l.dataset.side }); });
apply();`;
  return page(webview, `Compare ${a} / ${b}`, body, script);
}
