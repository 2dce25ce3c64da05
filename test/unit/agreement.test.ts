import * as assert from 'node:assert/strict';
import {
  adjudicate,
  agreementReport,
  bootstrapInterval,
  cohenKappa,
  compareAnalysts,
  fleissKappa,
  krippendorffAlpha,
  passages,
  percentAgreement,
  sectionDistance,
  unitizingAlpha,
  type CodedAnnotation,
  type Located,
  type Segment,
} from '../../src/core/agreement';
import type { Annotation } from '../../src/core/annotations';

const U = undefined;

describe('agreement: coefficients against published worked examples', () => {
  // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers, 12 units, missing data.
  const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, U, U, U];
  const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, U, 3];
  const C = [U, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, U];
  const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, U];
  const units = A.map((_, i) => [A[i], B[i], C[i], D[i]]);

  it("Krippendorff's alpha: nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797 (Krippendorff 2011)", () => {
    assert.equal(krippendorffAlpha(units, 'nominal')!.toFixed(3), '0.743');
    assert.equal(krippendorffAlpha(units, 'ordinal')!.toFixed(3), '0.815');
    assert.equal(krippendorffAlpha(units, 'interval')!.toFixed(3), '0.849');
    assert.equal(krippendorffAlpha(units, 'ratio')!.toFixed(3), '0.797');
  });

  it("Cohen's kappa: 50 cases, 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no -> p_o 0.7, p_e 0.5, kappa 0.4 (by hand)", () => {
    const cases = [
      ...Array.from({ length: 20 }, () => ['yes', 'yes']),
      ...Array.from({ length: 5 }, () => ['yes', 'no']),
      ...Array.from({ length: 10 }, () => ['no', 'yes']),
      ...Array.from({ length: 15 }, () => ['no', 'no']),
    ];
    assert.equal(percentAgreement(cases), 0.7);
    assert.ok(Math.abs(cohenKappa(cases)! - 0.4) < 1e-12);
  });

  it("Fleiss' kappa: Fleiss (1971)-style table of 10 subjects x 14 raters x 5 categories -> 0.210", () => {
    const table = [
      [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ];
    const rated = table.map((row) => row.flatMap((n, category) => Array.from({ length: n }, () => category)));
    assert.equal(fleissKappa(rated)!.toFixed(3), '0.210');
  });

  it('Krippendorff (1995) digitized example A: Cohen 0.385, alpha 0.329', () => {
    // Bertha and Bill's 24 units of continuum A, one value per unit (1: inside a unit).
    const bertha = '001111111100001111110000'.split('').map(Number);
    const bill = '000011110000000110000000'.split('').map(Number);
    const u = bertha.map((x, i) => [x, bill[i]!]);
    assert.equal(cohenKappa(u)!.toFixed(3), '0.385');
    assert.equal(krippendorffAlpha(u)!.toFixed(3), '0.329');
  });

  it('undefined coefficients are null, not NaN', () => {
    assert.equal(cohenKappa([['a', 'a'], ['a', 'a']]), null);
    assert.equal(krippendorffAlpha([['a', 'a'], ['a', 'a']]), null);
    assert.equal(krippendorffAlpha([['a', U]]), null);
    assert.equal(percentAgreement([]), null);
    assert.equal(fleissKappa([]), null);
  });
});

describe('agreement: unitizing alpha (alpha-u)', () => {
  it('distances of Krippendorff (2004: 253-254)', () => {
    assert.equal(sectionDistance(225, 70, true, 220, 80, true), 50);
    assert.equal(sectionDistance(370, 30, true, 355, 20, true), 850);
    assert.equal(sectionDistance(400, 50, false, 400, 20, true), 400);
    assert.equal(sectionDistance(5, 6, true, 4, 2, true), 26);
    assert.equal(sectionDistance(5, 6, true, 6, 4, true), 2);
    assert.equal(sectionDistance(5, 6, true, 5, 6, true), 0);
    assert.equal(sectionDistance(2, 3, false, 2, 2, true) + sectionDistance(5, 6, true, 4, 7, false), 40);
    assert.equal(sectionDistance(1, 2, true, 10, 2, true), 0, 'no overlap, no distance');
  });

  it('the example of Krippendorff (2004: 254): c D_o 0.0144, D_e 0.0532, alpha 0.7286; k alpha 1; overall 0.859', () => {
    const seg = (start: number, length: number, coder: number, category: string): Segment => ({ start: start - 150, length, coder, category });
    const study = {
      coders: 2,
      length: 300,
      segments: [seg(225, 70, 0, 'c'), seg(370, 30, 0, 'c'), seg(220, 80, 1, 'c'), seg(355, 20, 1, 'c'), seg(400, 20, 1, 'c'), seg(180, 60, 0, 'k'), seg(300, 50, 0, 'k'), seg(180, 60, 1, 'k'), seg(300, 50, 1, 'k')],
    };
    const r = unitizingAlpha(study);
    const c = r.categories.find((x) => x.category === 'c')!;
    const k = r.categories.find((x) => x.category === 'k')!;
    assert.equal(c.observed.toFixed(4), '0.0144');
    assert.equal(c.expected.toFixed(4), '0.0532');
    assert.equal(c.alpha!.toFixed(4), '0.7286');
    assert.equal(k.observed, 0);
    assert.equal(k.expected.toFixed(4), '0.0490');
    assert.equal(k.alpha, 1);
    assert.ok(Math.abs(r.alpha! - 0.8591) < 0.0005, String(r.alpha));
  });

  it('the four continua of Krippendorff (1995: 57): alpha A 0.553, B -0.926, C 0.679, D 0.066 (long continuum)', () => {
    const stretch = 50000;
    const u = (s: number, l: number, coder: number, category: string): Segment => ({ start: s * stretch, length: l * stretch, coder, category });
    const study = {
      coders: 2,
      length: 24 * stretch,
      segments: [
        u(2, 8, 0, 'A'), u(14, 6, 0, 'A'), u(4, 4, 1, 'A'), u(15, 2, 1, 'A'),
        u(0, 18, 0, 'B'), u(0, 2, 1, 'B'), u(2, 1, 1, 'B'), u(3, 1, 1, 'B'), u(4, 1, 1, 'B'), u(5, 1, 1, 'B'), u(6, 3, 1, 'B'), u(9, 1, 1, 'B'),
        u(2, 6, 0, 'C'), u(10, 2, 0, 'C'), u(14, 4, 0, 'C'), u(20, 2, 0, 'C'), u(0, 2, 1, 'C'), u(4, 4, 1, 'C'), u(10, 4, 1, 'C'), u(16, 2, 1, 'C'), u(20, 2, 1, 'C'),
        u(0, 2, 0, 'D'), u(2, 8, 0, 'D'), u(10, 4, 0, 'D'), u(14, 6, 0, 'D'), u(20, 4, 0, 'D'), u(0, 4, 1, 'D'), u(4, 4, 1, 'D'), u(8, 7, 1, 'D'), u(15, 2, 1, 'D'), u(17, 7, 1, 'D'),
      ],
    };
    const alpha = Object.fromEntries(unitizingAlpha(study).categories.map((c) => [c.category, c.alpha!]));
    // Krippendorff's published values, within the 0.02 his 1995 computation of D_e allows (see DKPro's notes).
    for (const [category, published] of [['A', 0.553], ['B', -0.926], ['C', 0.679], ['D', 0.066]] as const) {
      assert.ok(Math.abs(alpha[category]! - published) < 0.02, `${category}: ${alpha[category]} vs ${published}`);
    }
  });

  it('identical unitizing is 1; one coder marking nothing lowers it below 0.5', () => {
    const same = { coders: 2, length: 100, segments: [{ coder: 0, start: 10, length: 20, category: 'x' }, { coder: 1, start: 10, length: 20, category: 'x' }] };
    assert.equal(unitizingAlpha(same).alpha, 1);
    const missing = { coders: 2, length: 100, segments: [{ coder: 0, start: 10, length: 20, category: 'x' }] };
    assert.ok(unitizingAlpha(missing).alpha! < 0.5);
  });
});

describe('agreement: bootstrap intervals', () => {
  it('are reproducible for a seed and contain the point estimate', () => {
    const units = Array.from({ length: 60 }, (_, i) => [i % 3 === 0 ? 'a' : 'b', i % 5 === 0 ? 'a' : 'b']);
    const first = bootstrapInterval(units, cohenKappa, { resamples: 400, seed: 7 })!;
    const again = bootstrapInterval(units, cohenKappa, { resamples: 400, seed: 7 })!;
    assert.deepEqual(first, again);
    const k = cohenKappa(units)!;
    assert.ok(first.low <= k && k <= first.high, `${first.low} <= ${k} <= ${first.high}`);
    assert.equal(bootstrapInterval(units.slice(0, 1), cohenKappa), null);
  });
});

function coded(author: string, start: number, end: number, polarity: string, codes: string[] = [], intensity?: number, document = 'doc.txt'): CodedAnnotation {
  return { id: `${author}-${start}`, document, author, start, end, polarity, codes, ...(intensity !== undefined ? { intensity } : {}) };
}

describe('agreement: annotations to units', () => {
  // Four passages: agree (oppose), disagree (support/oppose), agree (neutral), only alice (support).
  const two = [
    coded('alice', 0, 10, 'oppose', ['red-line'], -2), coded('bob', 2, 12, 'oppose', ['red-line'], -1),
    coded('alice', 20, 30, 'support', ['sanctions'], 1), coded('bob', 20, 30, 'oppose', ['sanctions', 'red-line'], -1),
    coded('alice', 40, 50, 'neutral', [], 0), coded('bob', 41, 49, 'neutral', [], 0),
    coded('alice', 60, 70, 'support', ['sanctions'], 2),
  ];

  it('passages are the overlapping annotations of all analysts', () => {
    const ps = passages(two, ['alice', 'bob']);
    assert.deepEqual(ps.map((p) => [p.start, p.end, p.byCoder.map((l) => l.length)]), [[0, 12, [1, 1]], [20, 30, [1, 1]], [40, 50, [1, 1]], [60, 70, [1, 0]]]);
  });

  it('by stance: hand-computed percent 0.5 and Cohen kappa 0.385 (p_e 3/16), per polarity and pairwise', () => {
    const r = agreementReport(two, [{ path: 'doc.txt', length: 100 }], { by: 'stance', resamples: 0 });
    assert.deepEqual(r.coders, ['alice', 'bob']);
    assert.equal(r.overall.units, 4);
    assert.equal(r.overall.percentAgreement, 0.5);
    assert.equal(r.overall.cohenKappa!.toFixed(4), ((0.5 - 3 / 16) / (1 - 3 / 16)).toFixed(4));
    assert.equal(r.pairwise.length, 1);
    assert.equal(r.pairwise[0]!.cohenKappa, r.overall.cohenKappa);
    assert.deepEqual(r.categories.map((c) => c.category), ['neutral', 'oppose', 'support']);
    // neutral: both agree on passage 3 and on its absence elsewhere
    assert.equal(r.categories[0]!.figures.percentAgreement, 1);
    assert.ok(r.overall.alphaU !== null && r.overall.alphaU < 1);
    assert.ok(r.overall.krippendorffAlphaInterval !== undefined);
    assert.deepEqual(r.overall.intervals, {});
  });

  it('by code: per code binary decisions, pooled overall', () => {
    const r = agreementReport(two, [{ path: 'doc.txt', length: 100 }], { by: 'code', resamples: 0 });
    assert.deepEqual(r.categories.map((c) => [c.category, c.segments, c.figures.percentAgreement]), [
      ['red-line', 3, 0.75],
      ['sanctions', 3, 0.75],
    ]);
    assert.equal(r.overall.units, 8);
    assert.equal(r.overall.percentAgreement, 0.75);
  });

  it('three analysts: Fleiss and alpha defined, Cohen null overall but given per pair; the curator is left out', () => {
    const three = [...two, coded('carol', 0, 10, 'oppose'), coded('carol', 20, 30, 'support'), coded('carol', 40, 50, 'neutral'), coded('curation', 20, 30, 'support')];
    const r = agreementReport(three, [{ path: 'doc.txt', length: 100 }], { by: 'stance', resamples: 200 });
    assert.deepEqual(r.coders, ['alice', 'bob', 'carol']);
    assert.equal(r.overall.cohenKappa, null);
    assert.ok(r.overall.fleissKappa !== null);
    assert.ok(r.overall.krippendorffAlpha !== null);
    assert.deepEqual(r.pairwise.map((p) => p.coders.join('/')), ['alice/bob', 'alice/carol', 'bob/carol']);
    const iv = r.overall.intervals.krippendorffAlpha!;
    assert.ok(iv.low <= r.overall.krippendorffAlpha! && r.overall.krippendorffAlpha! <= iv.high);
  });

  it('one analyst: a note, no coefficients', () => {
    const r = agreementReport(two.filter((a) => a.author === 'alice'), [], { by: 'stance' });
    assert.equal(r.overall.krippendorffAlpha, null);
    assert.match(r.notes[0]!, /at least two analysts; found 1 \(alice\)/);
  });
});

function located(author: string, start: number, end: number, polarity: Annotation['stance']['polarity'], extra: Partial<Annotation> = {}): Located {
  const annotation = {
    id: `${author}-${start}`,
    target: { selector: [{ type: 'TextQuoteSelector' as const, exact: 'x'.repeat(end - start) }] },
    claim: `${author} reads ${polarity}`,
    stance: { polarity },
    author,
    created: '2026-12-01T00:00:00Z',
    modified: '2026-12-01T00:00:00Z',
    ...extra,
  } as Annotation;
  return { annotation, start, end };
}

describe('agreement: compare and adjudicate', () => {
  const list = [
    located('alice', 0, 10, 'oppose', { tags: ['red-line'] }), located('bob', 0, 10, 'oppose', { tags: ['red-line'] }),
    located('alice', 20, 30, 'support', { tags: ['a'], holder: { text: 'Kirby' } }), located('bob', 22, 30, 'oppose', { tags: ['b'] }),
    located('alice', 40, 50, 'neutral'),
    located('bob', 60, 70, 'mixed'),
    located('carol', 0, 10, 'support'),
  ];

  it('passage by passage: same, different (with the fields), only one of them', () => {
    const c = compareAnalysts(list, 'alice', 'bob');
    assert.deepEqual(c.passages.map((p) => p.status), ['same', 'different', 'only-a', 'only-b']);
    assert.deepEqual(c.passages[1]!.differences, ['span', 'stance', 'codes', 'holder']);
    assert.deepEqual(c.counts, { same: 1, different: 1, 'only-a': 1, 'only-b': 1 });
  });

  it('adjudication writes a curation annotation that names its sources and leaves the originals alone', () => {
    const p = compareAnalysts(list, 'alice', 'bob').passages[1]!;
    const acceptB = adjudicate(p, 'accept-b', 'dana');
    assert.equal(acceptB.author, 'curation');
    assert.equal(acceptB.stance.polarity, 'oppose');
    assert.deepEqual([acceptB.start, acceptB.end], [22, 30]);
    assert.deepEqual(acceptB.curation, { decision: 'accept-b', sources: ['alice-20', 'bob-22'], by: 'dana' });
    const merged = adjudicate(p, 'merge', 'dana');
    assert.deepEqual(merged.tags, ['a', 'b']);
    assert.deepEqual([merged.start, merged.end], [20, 30]);
    assert.deepEqual(merged.holder, { text: 'Kirby' });
    const disputed = adjudicate(p, 'disagreement', 'dana');
    assert.equal(disputed.stance.polarity, 'mixed');
    assert.match(disputed.note!, /^Disputed\.\nalice: support — alice reads support\nbob: oppose — bob reads oppose$/);
    assert.equal(list[2]!.annotation.stance.polarity, 'support', 'originals unchanged');
  });

  it('a passage that already has a curation annotation lists it', () => {
    const curated = located('curation', 20, 30, 'support');
    const c = compareAnalysts([...list, curated], 'alice', 'bob');
    assert.equal(c.passages[1]!.curated.length, 1);
    assert.equal(c.passages.length, 4);
  });
});
