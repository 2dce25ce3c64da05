import * as l10n from '@vscode/l10n';
import type * as vscode from 'vscode';
import type { AgreementReport, Comparison, ComparedPassage, Figures, Located } from '../../../core/agreement';
import { aboutText, holderText } from '../../../core/annotations/export';
import { count } from '../../l10n';
import { html, page } from './html';

/** The agreement figures: key, column name, what it measures (the column's tooltip). */
const FIGURES = (): Array<[keyof Figures['intervals'], string, string]> => [
  ['percentAgreement', l10n.t('Percent'), l10n.t('share of agreeing analyst pairs per passage')],
  ['cohenKappa', l10n.t("Cohen's κ"), l10n.t('two analysts, chance-corrected')],
  ['fleissKappa', l10n.t("Fleiss' κ"), l10n.t('any number of analysts')],
  ['krippendorffAlpha', l10n.t("Krippendorff's α"), l10n.t('nominal, chance-corrected')],
  ['alphaU', 'α-u', l10n.t('unitizing: where the passages begin and end')],
];
const NA = () => l10n.t('n/a');

function value(f: Figures, key: keyof Figures['intervals']): string {
  const v = f[key];
  if (v === null || v === undefined) return `<span class="muted" title="${html(l10n.t('undefined for these data'))}">${html(NA())}</span>`;
  const iv = f.intervals[key];
  return `${v.toFixed(3)}${iv ? `<br><span class="ci" title="${html(l10n.t('95% bootstrap interval ({0} resamples)', iv.samples))}">[${iv.low.toFixed(3)}, ${iv.high.toFixed(3)}]</span>` : ''}`;
}

export function renderReport(webview: vscode.Webview, report: AgreementReport): string {
  const stance = report.by === 'stance';
  const figures = FIGURES();
  const head = `<tr><th scope="col">${html(stance ? l10n.t('Polarity') : l10n.t('Code'))}</th><th scope="col">${html(l10n.t('Segments'))}</th><th scope="col">${html(l10n.t('Units'))}</th>${figures.map(([, label, title]) => `<th scope="col" title="${html(title)}">${html(label)}</th>`).join('')}</tr>`;
  const row = (label: string, segments: string, f: Figures, strong = false) =>
    `<tr>${strong ? `<th scope="row">${html(label)}</th>` : `<td>${html(label)}</td>`}<td class="num">${segments}</td><td class="num">${f.units}</td>${figures.map(([key]) => `<td class="num">${value(f, key)}</td>`).join('')}</tr>`;
  const rows = [row(l10n.t('Overall'), String(report.annotations), report.overall, true), ...report.categories.map((c) => row(stance ? (POLARITY()[c.category] ?? c.category) : c.category, String(c.segments), c.figures))].join('\n');
  const intensity = stance
    ? `<p>${html(l10n.t("Stance intensity (−2…+2): Krippendorff's α ordinal {0}, interval {1}.", report.overall.krippendorffAlphaOrdinal?.toFixed(3) ?? NA(), report.overall.krippendorffAlphaInterval?.toFixed(3) ?? NA()))}</p>`
    : '';
  const pairs = report.pairwise.length
    ? `<h2>${html(l10n.t('Pairs of analysts'))}</h2><table aria-label="${html(l10n.t('Agreement of each pair of analysts'))}"><tr><th scope="col">${html(l10n.t('Analysts'))}</th><th scope="col">${html(l10n.t('Units'))}</th><th scope="col">${html(l10n.t('Percent'))}</th><th scope="col">${html(l10n.t("Cohen's κ"))}</th></tr>${report.pairwise
        .map((p) => `<tr><td>${html(p.coders.join(' / '))}</td><td class="num">${p.units}</td><td class="num">${p.percentAgreement?.toFixed(3) ?? html(NA())}</td><td class="num">${p.cohenKappa?.toFixed(3) ?? html(NA())}</td></tr>`)
        .join('')}</table>`
    : '';
  const notes = report.notes.length ? `<h2>${html(l10n.t('Notes'))}</h2><ul>${report.notes.map((n) => `<li>${html(n)}</li>`).join('')}</ul>` : '';
  const summary = l10n.t('{0} ({1}) · {2} · {3}.', count(report.coders.length, 'analyst'), report.coders.join(', '), count(report.documents, 'document'), count(report.annotations, 'annotation'));
  const units = stance
    ? l10n.t('Units are passages: the overlapping annotations of all analysts; an analyst who annotated nothing there counts as "no stance". Intervals: 95% bootstrap.')
    : l10n.t('Units are passages: the overlapping annotations of all analysts; an analyst who annotated nothing there counts as "not coded". Intervals: 95% bootstrap.');
  const body = `<h1>${html(stance ? l10n.t('Agreement by stance') : l10n.t('Agreement by code'))}</h1>
<p>${html(summary)} ${html(units)}</p>
<div class="toolbar"><button class="primary" data-msg="again">${html(l10n.t('Measure Again…'))}</button><button data-msg="compare">${html(l10n.t('Compare Two Analysts…'))}</button><button data-msg="saveJson">${html(l10n.t('Save as JSON…'))}</button></div>
<table aria-label="${html(stance ? l10n.t('Agreement overall and per stance') : l10n.t('Agreement overall and per code'))}">${head}
${rows}</table>
${intensity}
${pairs}
${notes}`;
  const script = `const vscode = acquireVsCodeApi();
for (const b of document.querySelectorAll('button[data-msg]')) b.addEventListener('click', () => vscode.postMessage({ type: b.dataset.msg }));`;
  return page(webview, l10n.t('Agreement'), body, script);
}

function reading(l: Located | undefined): string {
  if (!l) return '<span class="muted">—</span>';
  const a = l.annotation;
  const parts = [
    `<b>${html(POLARITY()[a.stance.polarity] ?? a.stance.polarity)}${a.stance.intensity !== undefined ? ` ${a.stance.intensity > 0 ? '+' : ''}${a.stance.intensity}` : ''}</b> ${html(a.claim)}`,
    a.tags?.length ? html(l10n.t('codes: {0}', a.tags.join(', '))) : '',
    a.about ? html(l10n.t('about: {0}', aboutText(a.about))) : '',
    a.holder ? html(l10n.t('holder: {0}', holderText(a.holder))) : '',
  ].filter(Boolean);
  return parts.join('<br>');
}

const STATUS_LABEL = (): Record<ComparedPassage['status'], string> => ({ same: l10n.t('same'), different: l10n.t('different'), 'only-a': l10n.t('only A'), 'only-b': l10n.t('only B') });
const POLARITY = (): Record<string, string> => ({ support: l10n.t('support'), oppose: l10n.t('oppose'), neutral: l10n.t('neutral'), mixed: l10n.t('mixed') });

export function renderComparison(webview: vscode.Webview, comparison: Comparison, text: string, document: string): string {
  const [a, b] = comparison.analysts;
  const status = STATUS_LABEL();
  const rows = comparison.passages
    .map((p, i) => {
      const quote = text.slice(p.start, p.end).replace(/\s+/g, ' ');
      const shown = quote.length > 160 ? quote.slice(0, 160) + '…' : quote;
      const curated = p.curated.length
        ? `<div class="curated">${html(l10n.t('curated: {0}', p.curated.map((c) => c.annotation.curation?.decision ?? l10n.t('curation')).join(', ')))}</div>`
        : '';
      const diff = p.differences.length ? `<div class="muted">${html(l10n.t('differs in {0}', p.differences.join(', ')))}</div>` : '';
      const n = i + 1;
      const actions = [
        p.a.length ? `<button data-decide="accept-a" data-passage="${i}" title="${html(l10n.t("Accept {0}'s reading", a))}" aria-label="${html(l10n.t("Accept {0}'s reading of passage {1}", a, n))}">${html(l10n.t('Accept A'))}</button>` : '',
        p.b.length ? `<button data-decide="accept-b" data-passage="${i}" title="${html(l10n.t("Accept {0}'s reading", b))}" aria-label="${html(l10n.t("Accept {0}'s reading of passage {1}", b, n))}">${html(l10n.t('Accept B'))}</button>` : '',
        p.a.length && p.b.length ? `<button data-decide="merge" data-passage="${i}" title="${html(l10n.t("A's reading with the codes of both"))}" aria-label="${html(l10n.t('Merge both readings of passage {0}', n))}">${html(l10n.t('Merge'))}</button>` : '',
        `<button data-decide="disagreement" data-passage="${i}" title="${html(l10n.t('Record the passage as disputed'))}" aria-label="${html(l10n.t('Mark passage {0} as a disagreement', n))}">${html(l10n.t('Dispute'))}</button>`,
      ].join('');
      const more = (k: number) => (k > 1 ? `<div class="muted">${html(l10n.t('+{0} more', k - 1))}</div>` : '');
      return `<tr data-status="${p.status}">
<td class="num">${n}</td>
<td><span class="status ${p.status}">${html(status[p.status])}</span>${diff}${curated}<div class="actions" role="group" aria-label="${html(l10n.t('Adjudicate passage {0}', n))}">${actions}</div></td>
<td class="quote"><a href="#" data-open="${i}" data-side="a" title="${html(l10n.t('Open the passage in the editor'))}">“${html(shown)}”</a></td>
<td class="reading">${reading(p.a[0])}${more(p.a.length)}</td>
<td class="reading">${reading(p.b[0])}${more(p.b.length)}</td></tr>`;
    })
    .join('\n');
  const c = comparison.counts;
  const filters = (['same', 'different', 'only-a', 'only-b'] as const)
    .map((s) => `<label><input type="checkbox" data-filter="${s}" checked> ${html(status[s])} (${c[s]})</label>`)
    .join('');
  const body = `<h1>${html(a)} / ${html(b)} — ${html(document)}</h1>
<p>${html(l10n.t('{0} passages: {1} same, {2} different, {3} only {4}, {5} only {6}.', comparison.passages.length, c.same, c.different, c['only-a'], a, c['only-b'], b))} ${html(l10n.t("Adjudicating writes a new annotation by curation; the analysts' annotations are never changed."))}</p>
<div class="toolbar" role="group" aria-label="${html(l10n.t('Show passages'))}">${filters}</div>
<table aria-label="${html(l10n.t('Passages of {0} and {1}', a, b))}"><tr><th scope="col">#</th><th scope="col">${html(l10n.t('Status · adjudicate'))}</th><th scope="col">${html(l10n.t('Passage'))}</th><th scope="col">${html(a)} (A)</th><th scope="col">${html(b)} (B)</th></tr>
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
  return page(webview, l10n.t('Compare {0} / {1}', a, b), body, script);
}
