/**
 * How often a Chinese form is used as an ordinary word (not inside a name), measured on annotated running text:
 * the train splits of the Chinese NER sets (MSRA, People's Daily 1998; shared/data/ner, see its README), about
 * 3 million characters of news in which every person, place and organisation is marked. The dev splits, on which
 * `npm run eval:ner` and scripts/eval-knowledge.ts measure, are never read here.
 *
 * A generated name (a county, a transliteration) is left out when the text uses its characters mostly away from
 * names, or across the start of a name: 大峡谷, 新天地 (a new world), 对马 in 对马克思主义. A form the text never contains is
 * kept (the filter only removes what it has seen used as an ordinary word). Used by scripts/generate-knowledge.ts;
 * nothing here is bundled.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fold } from '../src/core/text/fold';

interface Gold {
  start: number;
  end: number;
  type: string;
}

export interface FormUse {
  /** Occurrences in the text. */
  total: number;
  /**
   * Occurrences used as (part of) a name: inside one annotated name (开封 in 开封市), or covering whole names and no
   * part of another (宁波市 over the name 宁波: the sets cut names differently). An occurrence that starts or ends
   * inside a name and runs past it (东区 in 山东|区域) is a false compound, not a name use.
   */
  inName: number;
  /**
   * Occurrences that begin inside a name that started before them (廷布 in 阿根廷|布宜诺斯艾利斯): the recogniser,
   * leftmost first, takes that name and never sees them; neither a name use nor an ordinary one.
   */
  shadowed: number;
  /** Occurrences that are exactly one annotated name, by its type (德班 marked LOC: attested as a whole place name). */
  exact: Record<string, number>;
}

/** The folders tried for the NER sets when none is given: beside the repository (as CI lays it out), then /work. */
export function nerDataDir(root: string, given?: string): string | undefined {
  const candidates = [given, process.env.CORPUS_LENS_NER_DATA, path.join(root, '..', 'shared', 'data', 'ner'), '/work/shared/data/ner'];
  return candidates.find((d): d is string => !!d && fs.existsSync(path.join(d, 'zh-msra', 'train.jsonl')));
}

export class OrdinaryUse {
  /** All train sentences, folded, joined by '\n'. */
  private readonly text: string;
  /** For each code unit of `text`, the index of the annotated name it lies in, or -1. */
  private readonly nameAt: Int32Array;
  /** Start offsets of every character bigram (folded), for finding a form's occurrences. */
  private readonly bigrams = new Map<string, number[]>();
  private readonly cache = new Map<string, FormUse>();
  /** The type of each annotated name (PER, LOC, ORG), by index. */
  private readonly types: string[];
  readonly characters: number;

  constructor(files: string[]) {
    const parts: string[] = [];
    const spans: Array<[number, number]> = [];
    const types: string[] = [];
    let at = 0;
    for (const file of files) {
      for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const rec = JSON.parse(line) as { text: string; entities: Gold[] };
        parts.push(rec.text);
        for (const g of rec.entities) {
          spans.push([at + g.start, at + g.end]);
          types.push(g.type);
        }
        at += rec.text.length + 1;
      }
    }
    this.types = types;
    this.text = fold(parts.join('\n'));
    this.characters = this.text.length;
    this.nameAt = new Int32Array(this.text.length).fill(-1);
    spans.forEach(([s, e], i) => this.nameAt.fill(i, s, e));
    for (let i = 0; i + 1 < this.text.length; i++) {
      const b = this.text.slice(i, i + 2);
      const list = this.bigrams.get(b);
      if (list) list.push(i);
      else this.bigrams.set(b, [i]);
    }
  }

  /** The train splits of the Chinese NER sets in `dir`. */
  static fromNerData(dir: string): OrdinaryUse {
    return new OrdinaryUse(['zh-msra', 'zh-pd1998'].map((s) => path.join(dir, s, 'train.jsonl')));
  }

  /** Occurrences of a form (folded) and how many of them lie inside an annotated name. */
  use(form: string): FormUse {
    const f = fold(form);
    const cached = this.cache.get(f);
    if (cached) return cached;
    const out: FormUse = { total: 0, inName: 0, shadowed: 0, exact: {} };
    if (f.length >= 2) {
      for (const p of this.bigrams.get(f.slice(0, 2)) ?? []) {
        if (!this.text.startsWith(f, p)) continue;
        out.total++;
        const use = this.useAt(p, p + f.length);
        if (use === 'name') out.inName++;
        if (use === 'name' && this.isWholeName(p, p + f.length)) {
          const type = this.types[this.nameAt[p]!]!;
          out.exact[type] = (out.exact[type] ?? 0) + 1;
        }
        else if (use === 'shadowed') out.shadowed++;
      }
    }
    this.cache.set(f, out);
    return out;
  }

  private isWholeName(start: number, end: number): boolean {
    const n = this.nameAt[start]!;
    return n >= 0 && this.nameAt[end - 1] === n && (start === 0 || this.nameAt[start - 1] !== n) && (end === this.nameAt.length || this.nameAt[end] !== n);
  }

  private useAt(start: number, end: number): 'name' | 'ordinary' | 'shadowed' {
    const at = this.nameAt;
    const first = at[start]!;
    const last = at[end - 1]!;
    if (first >= 0 && first === last && at.subarray(start, end).every((n) => n === first)) return 'name';
    // Begins inside a name begun before it and runs out of it: that name is matched first.
    if (first >= 0 && start > 0 && at[start - 1] === first) return 'shadowed';
    // Begins before a name and ends inside it (对马 in 对|马克思主义): it would take the name's first characters.
    if (last >= 0 && end < at.length && at[end] === last) return 'ordinary';
    return at.subarray(start, end).some((n) => n >= 0) ? 'name' : 'ordinary';
  }

  /**
   * True when the text uses the form as an ordinary word or into a name at least twice, and so at least as
   * often as as a name (a real name of the news nearly always is, or is part of, an annotated name). Meant for the
   * types the sets annotate (persons, places, organisations; events, treaties and works are not marked there) and
   * for short forms (two or three characters), which the sets do not always mark when they are part of a longer
   * expression (黄土高原, 世界卫生大会 are left unmarked).
   */
  isOrdinary(form: string): boolean {
    const u = this.use(form);
    const outside = u.total - u.inName - u.shadowed;
    return outside >= 2 && outside >= u.inName;
  }
}

/**
 * How English news uses a capitalised word: inside person names or inside place names, counted on the part of the
 * GMB set that trained the English tagger (en-gmb/dev.jsonl, sentences gmb-00001 .. gmb-17999; `npm run eval:ner`
 * scores gmb-18000 on). A one-word English name of a generated place that the text mostly uses in persons' names
 * (Paul, Lori, Duarte: divisions of Cape Verde, Armenia, the Dominican Republic) is left out.
 */
export class EnglishNameUse {
  private readonly person = new Map<string, number>();
  private readonly place = new Map<string, number>();

  constructor(file: string) {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const rec = JSON.parse(line) as { id: string; text: string; entities: Gold[] };
      if (Number(rec.id.slice(4)) >= 18000) continue;
      for (const g of rec.entities) {
        const into = g.type === 'PER' ? this.person : g.type === 'GEO' || g.type === 'GPE' ? this.place : undefined;
        if (!into) continue;
        for (const w of rec.text.slice(g.start, g.end).split(/\s+/)) if (w) into.set(w, (into.get(w) ?? 0) + 1);
      }
    }
  }

  static fromNerData(dir: string): EnglishNameUse {
    return new EnglishNameUse(path.join(dir, 'en-gmb', 'dev.jsonl'));
  }

  /** True when the word is seen in persons' names at least as often as in places' names. */
  mostlyPerson(word: string): boolean {
    const p = this.person.get(word) ?? 0;
    return p > 0 && p >= (this.place.get(word) ?? 0);
  }
}
