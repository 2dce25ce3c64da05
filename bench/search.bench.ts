import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Fuse from 'fuse.js';
import { pinyin } from 'pinyin-pro';
import { parse } from 'yaml';
import { clearPinyinCache, FuzzySearch, type SearchItem } from '../src/core/search/index';
import type { BenchRow } from './row';

/**
 * Fuzzy search over 20k synthetic items with ~5 names each (simplified + traditional CJK name, pinyin-style
 * Latin name, English-style Latin name, an alias or abbreviation), against a mix of queries: full pinyin,
 * initials, CJK, Latin, typos. Also times naive Fuse.js over every name of every item for comparison.
 */

const ITEMS = 20_000;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Simplified / traditional pairs so the traditional name differs where it would in real data.
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志文斌宇浩凯晨子涵欣怡梓轩博宁东海波林雪琳晓燕春梅俊峰';
const TRANSLIT = '普京特朗拜登奥巴马默克尔马克龙约翰逊莫迪埃尔多安内塔尼亚胡泽连斯基拉夫罗夫布林肯苏利文卡梅伦戈尔巴乔夫叶利钦梅德韦杰夫蓬佩奥';
const PLACES = '北京上海广州深圳天津重庆南京武汉成都西安杭州苏州沈阳大连青岛厦门长沙郑州昆明哈尔滨';
const ORG_TAIL = ['合作组织', '委员会', '研究院', '研究中心', '大学', '基金会', '论坛', '协会', '联盟', '银行', '集团', '部'];
const T2S_PAIRS: Array<[string, string]> = [['国', '國'], ['会', '會'], ['组', '組'], ['织', '織'], ['协', '協'], ['银', '銀'], ['行', '行'], ['东', '東'], ['华', '華'], ['伟', '偉'], ['丽', '麗'], ['军', '軍'], ['马', '馬'], ['尔', '爾'], ['龙', '龍'], ['约', '約'], ['罗', '羅'], ['韦', '韋'], ['杰', '傑'], ['苏', '蘇'], ['联', '聯'], ['盟', '盟'], ['团', '團'], ['论', '論'], ['坛', '壇'], ['广', '廣'], ['庆', '慶'], ['汉', '漢'], ['阳', '陽'], ['连', '連'], ['岛', '島'], ['门', '門'], ['长', '長'], ['郑', '鄭'], ['滨', '濱']];
const TRAD = new Map(T2S_PAIRS);
const LATIN_SYL = ['ka', 'ro', 'vi', 'lan', 'mar', 'tin', 'so', 'bel', 'dra', 'ge', 'nor', 'li', 'fa', 'hu', 'sen', 'ber', 'to', 'mi', 'ra', 'chel', 'ton', 'ven', 'do', 'sky', 'na', 'rik', 'el', 'an'];

function pick<T>(r: () => number, xs: ArrayLike<T>): T {
  return xs[Math.floor(r() * xs.length)]!;
}
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const latinWord = (r: () => number, n: number) => cap(Array.from({ length: n }, () => pick(r, LATIN_SYL)).join(''));
const toTrad = (s: string) => [...s].map((c) => TRAD.get(c) ?? c).join('');

export function makeItems(n: number, seed: number): SearchItem<number>[] {
  const r = rng(seed);
  const items: SearchItem<number>[] = [];
  for (let i = 0; i < n; i++) {
    const kind = r();
    let cjk: string;
    if (kind < 0.5) cjk = pick(r, SURNAMES) + pick(r, GIVEN) + (r() < 0.6 ? pick(r, GIVEN) : '');
    else if (kind < 0.75) cjk = Array.from({ length: 2 + Math.floor(r() * 4) }, () => pick(r, TRANSLIT)).join('');
    else cjk = pick(r, PLACES.match(/../g)!) + pick(r, ORG_TAIL);
    const py = pinyin(cjk, { toneType: 'none', type: 'array' });
    const names = [cjk, toTrad(cjk)];
    if (kind < 0.5) names.push(`${cap(py.slice(1).join(''))} ${cap(py[0]!)}`);
    else names.push(cap(py.join('')));
    names.push(`${latinWord(r, 2)} ${latinWord(r, 1 + Math.floor(r() * 2))}`);
    names.push(r() < 0.5 ? names[3]!.split(' ').map((w) => w[0]).join('').toUpperCase() : cjk.slice(0, 2) + '方');
    items.push({ id: `item/${i}`, names, payload: i, weight: Math.floor(1000 * r() ** 4) });
  }
  return items;
}

export function makeQueries(items: SearchItem<number>[], seed: number): Array<{ kind: string; q: string }> {
  const r = rng(seed);
  const out: Array<{ kind: string; q: string }> = [];
  for (let i = 0; i < 100; i++) {
    const it = pick(r, items);
    const cjk = it.names[0]!;
    const py = pinyin(cjk, { toneType: 'none', type: 'array' });
    const latin = it.names[3]!;
    out.push({ kind: 'pinyin', q: py.join('').slice(0, 3 + Math.floor(r() * 8)) });
    out.push({ kind: 'initials', q: py.map((s) => s[0]).join('') });
    out.push({ kind: 'cjk', q: r() < 0.5 ? cjk : it.names[1]!.slice(0, 2) });
    out.push({ kind: 'latin', q: latin.split(' ')[r() < 0.5 ? 0 : 1]!.toLowerCase().slice(0, 3 + Math.floor(r() * 6)) });
    const w = latin.replace(' ', '');
    const at = 1 + Math.floor(r() * (w.length - 2));
    out.push({ kind: 'typo', q: (w.slice(0, at) + w[at] + w.slice(at)).toLowerCase() });
  }
  return out;
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const gc = (globalThis as { gc?: () => void }).gc;

export async function run(): Promise<BenchRow[]> {
  const items = makeItems(ITEMS, 42);
  const queries = makeQueries(items, 7);
  const names = items.reduce((n, it) => n + it.names.length, 0);

  const ti = performance.now();
  new FuzzySearch(items.slice(0, 1)); // loads opencc-js and pinyin-pro data
  const initMs = performance.now() - ti;
  gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const search = new FuzzySearch(items);
  const coldMs = performance.now() - t0;
  gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
  // Warm code, names never seen (no cached keys): two fresh item sets.
  const fresh: number[] = [];
  const freshCpu: number[] = [];
  for (const seed of [43, 44]) {
    const other = makeItems(ITEMS, seed);
    const cpu = process.cpuUsage();
    const t = performance.now();
    new FuzzySearch(other);
    fresh.push(performance.now() - t);
    const u = process.cpuUsage(cpu);
    freshCpu.push((u.user + u.system) / 1000);
  }
  const warmMs = Math.min(...fresh);
  const warmCpuMs = Math.min(...freshCpu);
  // Rebuild of the same items (every corpus change; names' keys are cached).
  const tr = performance.now();
  new FuzzySearch(items);
  const rebuildMs = performance.now() - tr;
  // The bundled knowledge base, from scratch, if present.
  let kb: { entities: number; names: number; ms: number; cpuMs: number } | undefined;
  const kbFile = path.join(__dirname, '../data/knowledge.yaml');
  if (fs.existsSync(kbFile)) {
    clearPinyinCache();
    const entities = (parse(fs.readFileSync(kbFile, 'utf8')) as { entities: Array<{ id: string; names?: Record<string, string>; aliases?: string[] }> }).entities;
    const kbItems = entities.map((e) => ({ id: e.id, names: [e.names?.en, e.names?.['zh-Hans'], e.names?.['zh-Hant'], ...(e.aliases ?? [])].filter((n): n is string => typeof n === 'string'), payload: e.id }));
    const cpu = process.cpuUsage();
    const t = performance.now();
    new FuzzySearch(kbItems);
    const u = process.cpuUsage(cpu);
    kb = { entities: kbItems.length, names: kbItems.reduce((n, it) => n + it.names.length, 0), ms: performance.now() - t, cpuMs: (u.user + u.system) / 1000 };
  }

  for (const { q } of queries.slice(0, 50)) search.search(q); // warm-up
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const byKind = new Map<string, number[]>();
  for (const { kind, q } of queries) {
    const cpu = process.cpuUsage();
    const s = performance.now();
    search.search(q, 50);
    const dt = performance.now() - s;
    const u = process.cpuUsage(cpu);
    cpuTimes.push((u.user + u.system) / 1000);
    times.push(dt);
    byKind.set(kind, [...(byKind.get(kind) ?? []), dt]);
  }

  // Incremental: update 100 items (new names) and remove 100.
  const tu = performance.now();
  for (let i = 0; i < 100; i++) search.update({ ...items[i]!, names: [...items[i]!.names, `Alias ${i}`] });
  for (let i = 100; i < 200; i++) search.remove(items[i]!.id);
  const updateMs = (performance.now() - tu) / 200;

  // Naive: Fuse.js over every name of every item, no prefilter.
  const naive = new Fuse(items, { keys: ['names'], includeScore: true, ignoreLocation: true, threshold: 0.4 });
  const naiveTimes: number[] = [];
  for (const { q } of queries.filter((_, i) => i % 25 === 0)) {
    const s = performance.now();
    naive.search(q, { limit: 50 });
    naiveTimes.push(performance.now() - s);
  }

  const p50 = percentile(times, 50);
  const p95 = percentile(times, 95);
  const perK = warmMs / (ITEMS / 1000);
  const rows: Array<{ name: string; value: number; unit: string; target?: string; ok?: boolean }> = [
    { name: 'search: machine load average (1 min) during the run', value: +os.loadavg()[0]!.toFixed(1), unit: 'load' },
    { name: 'search: first item in process (library init: opencc-js, pinyin-pro)', value: Math.round(initMs), unit: 'ms' },
    { name: `search: first build in process, ${ITEMS} items / ${names} names`, value: Math.round(coldMs), unit: 'ms' },
    { name: 'search: build per 1k items (new names, warm code; best of 2)', value: +perK.toFixed(1), unit: 'ms', target: '< 50 ms', ok: perK < 50 },
    { name: 'search: build per 1k items (new names, warm code, CPU time)', value: +(warmCpuMs / (ITEMS / 1000)).toFixed(1), unit: 'ms' },
    { name: 'search: rebuild per 1k items (same names, keys cached)', value: +(rebuildMs / (ITEMS / 1000)).toFixed(1), unit: 'ms' },
    ...(kb
      ? [
          { name: `search: build bundled knowledge base from scratch (${kb.entities} entities, ${kb.names} names), per 1k entities`, value: +((kb.ms / kb.entities) * 1000).toFixed(1), unit: 'ms' },
          { name: 'search: same, CPU time', value: +((kb.cpuMs / kb.entities) * 1000).toFixed(1), unit: 'ms' },
        ]
      : []),
    { name: 'search: index heap', value: +heapMb.toFixed(1), unit: 'MiB' },
    { name: `search: query p50 (${queries.length} mixed queries)`, value: +p50.toFixed(2), unit: 'ms', target: '< 10 ms', ok: p50 < 10 },
    { name: 'search: query p95', value: +p95.toFixed(2), unit: 'ms', target: '< 10 ms', ok: p95 < 10 },
    { name: 'search: query p95 CPU time', value: +percentile(cpuTimes, 95).toFixed(2), unit: 'ms' },
    { name: 'search: query max', value: +Math.max(...times).toFixed(2), unit: 'ms' },
  ];
  for (const [kind, ts] of byKind) rows.push({ name: `search: query p95 ${kind}`, value: +percentile(ts, 95).toFixed(2), unit: 'ms' });
  rows.push({ name: 'search: update/remove one item', value: +updateMs.toFixed(3), unit: 'ms' });
  rows.push({ name: 'search: naive Fuse over all names p50', value: +percentile(naiveTimes, 50).toFixed(1), unit: 'ms' });
  return rows;
}
