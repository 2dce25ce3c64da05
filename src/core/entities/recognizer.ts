/**
 * CJK-first entity recogniser over the knowledge base.
 *
 * `find(text)` folds the text once (traditional -> simplified, full-width -> half-width, Latin lower case; the fold
 * is length-preserving, so every offset found in the folded text is an offset into the original) and scans it
 * left to right on char codes:
 *
 *  1. Names and aliases (trie, leftmost-longest). A name that starts (ends) with a Latin letter or digit needs a
 *     word boundary before (after) it: SCOPE is not SCO, Trumpet is not Trump, (USA) and U.S. work. CJK names need
 *     no boundary.
 *  2. Abbreviation compounds: a run of >= 2 one-character abbreviations, optionally joined by 、, is split into its
 *     members (美俄关系 -> US + Russia, 中俄美三角, 美英法, 美、俄); a single abbreviation counts only before a
 *     suffix such as 方 军 外长 总统 政府 (美财政部, 俄军). A full name starting at the same position wins when it is
 *     at least as long (中美洲 is Central America), a run stops before a position where a full name starts
 *     (中俄美国 -> 中俄 + 美国), and known words never become members (美元, 中东, 加强, 以及, 比如, 新的 ...).
 *  3. Candidates the knowledge base does not know (`confirmed: false`, id `candidate:<folded text>`): 《...》
 *     titles (type treaty when the title ends in 条约/协定/协议/公约/宪章/议定书/备忘录/Treaty..., else other),
 *     transliterated names with a middle dot (尤里·乌沙科夫; also ・ • ‧), a title followed by a 2-4 character
 *     name (研究员赵隆, 总统马克龙) and an author before a citation at the start of a line (张耀 《国际观察》2006).
 *     A candidate never overlaps a confirmed mention.
 *
 * Mentions are returned sorted by start and never overlap.
 */
import { fold } from '../text/fold';
import type { EntityMention, EntityType } from '../types';
import { Corrections } from './corrections';
import * as forms from './forms';
import type { KnowledgeBase } from './knowledge';
import { recognizerTables, type RecognizerTables } from './recognizer-tables';
import { Trie } from './trie';
import { LineCache } from './line-cache';
import { bundledTaggers, bundledTaggersDecoded, type TaggedSpan, type Taggers } from './tagger-models';
import type { ZhTagger } from './tagger';
import { trimSpan } from '../text/space';
import { lowerBoundBy, upperBound } from '../sorted';
import * as words from './words';

// Local bindings (module members compiled to CommonJS are getters, read in the scan loops: the flags and character
// classes of forms.ts were 4-5% of find() under tsx in a profile).
const { FLAG_CAPITAL, FLAG_DEMONYM, FLAG_LEFT, FLAG_PART, FLAG_RIGHT, FLAG_TAGGED, FLAG_UPPER, isLower, isUpper, isWordChar } = forms;
const {
  ABBREVIATION_SUFFIXES,
  FALSE_COMPOUND_WORDS,
  NOT_NAME_WORDS,
  LEFT_BOUND_WORDS,
  BLOCKING_WORDS,
  NO_SINGLE_ABBREVIATIONS,
  NAME_TITLES,
  TREATY_ENDINGS,
  SURNAMES,
  COMPOUND_SURNAMES,
  TRANSLITERATION,
  MIDDLE_DOTS,
  NAME_STOP_WORDS,
  ORGANIZATION_HEADS,
  ORGANIZATION_MODIFIERS,
  NAME_END_WORDS,
  NAME_CROSSING_WORDS,
  DIRECTION_AREA_WORDS,
  NOT_STATE_WORDS,
  TOWARDS_WORDS,
  NAME_ABBREVIATIONS,
  ENGLISH_TITLE_WORDS,
  ENGLISH_OFFICE_WORDS,
  ENGLISH_PERSON_TITLES,
  ENGLISH_TREATY_ENDINGS,
  ENGLISH_CREED_WORDS,
  ENGLISH_ORGANIZATION_HEADS,
  ENGLISH_ORGANIZATION_LAST_WORDS,
  ENGLISH_PLACE_KIND_WORDS,
  VESSEL_WORDS,
  SURNAME_ADDRESS_WORDS,
  ORGANIZATION_TITLE_ENDINGS,
  NAME_TRAILING_VERBS,
  GENERIC_INSTITUTION_WORDS,
  OCCASION_ENDINGS,
  PLACE_AFTER_WORDS,
  MILITARY_RANKS,
} = words;

const GENERIC_WORDS = new Set(GENERIC_INSTITUTION_WORDS);
/** Single characters of PLACE_AFTER_WORDS that start an office or a word instead before these (市长, 省委, 州政府 is a place's). */
const NOT_PLACE_AFTER = '长委民议务立';
/** First words of a two-word English place that no personal name starts with (El Fasher, Port Sudan, Lake Chad). */
const PLACE_FIRST_WORDS = new Set(['el', 'los', 'las', 'port', 'fort', 'mount', 'lake', 'cape', 'san', 'santa', 'sao']);

// ---------------------------------------------------------------------------------------------------------------

function isCjk(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

function charSet(chars: string): Uint8Array {
  const set = new Uint8Array(65536);
  for (let i = 0; i < chars.length; i++) set[chars.charCodeAt(i)] = 1;
  return set;
}

function wordTrie(words: readonly string[]): Trie {
  const t = new Trie();
  for (const w of words) t.add(fold(w), w.length);
  return t.compile();
}

/** Does the original text at [start, end) respect the case flags of the form? */
function caseMatches(text: string, start: number, end: number, flags: number): boolean {
  if (flags & FLAG_UPPER) {
    for (let i = start; i < end; i++) if (isLower(text.charCodeAt(i))) return false;
    return true;
  }
  if (flags & FLAG_CAPITAL) return isUpper(text.charCodeAt(start));
  return true;
}

// Shared, immutable helpers (built once per process).
let shared:
  | {
      suffixes: Trie;
      falseWords: Trie;
      leftBound: Set<number>;
      noSingle: Uint8Array;
      titles: Trie;
      notNames: Trie;
      nameStops: Trie;
      surnames: Uint8Array;
      compoundSurnames: Set<number>;
      translit: Uint8Array;
      blocking: Trie;
      orgHeads: Trie;
      orgModifiers: Trie;
      endWords: Trie;
      crossing: Trie;
      directionArea: Trie;
      notState: Trie;
      towards: Trie;
      address: Trie;
    }
  | undefined;

function helpers(): NonNullable<typeof shared> {
  if (shared) return shared;
  const leftBound = new Set<number>();
  for (const w of LEFT_BOUND_WORDS) leftBound.add(w.charCodeAt(0) * 65536 + w.charCodeAt(1));
  const compoundSurnames = new Set<number>();
  for (const w of COMPOUND_SURNAMES) compoundSurnames.add(w.charCodeAt(0) * 65536 + w.charCodeAt(1));
  shared = {
    suffixes: wordTrie(ABBREVIATION_SUFFIXES),
    falseWords: wordTrie(FALSE_COMPOUND_WORDS),
    notNames: wordTrie(NOT_NAME_WORDS),
    leftBound,
    noSingle: charSet(NO_SINGLE_ABBREVIATIONS),
    titles: wordTrie(NAME_TITLES),
    nameStops: wordTrie(NAME_STOP_WORDS),
    surnames: charSet(SURNAMES),
    compoundSurnames,
    translit: charSet(TRANSLITERATION),
    blocking: wordTrie(BLOCKING_WORDS),
    orgHeads: wordTrie(ORGANIZATION_HEADS),
    orgModifiers: wordTrie(ORGANIZATION_MODIFIERS),
    endWords: wordTrie(NAME_END_WORDS),
    crossing: wordTrie(NAME_CROSSING_WORDS),
    directionArea: wordTrie(DIRECTION_AREA_WORDS),
    notState: wordTrie(NOT_STATE_WORDS),
    towards: wordTrie(TOWARDS_WORDS),
    address: wordTrie([...SURNAME_ADDRESS_WORDS, ...NAME_TITLES]),
  };
  return shared;
}

interface Candidate {
  start: number;
  end: number;
  type: EntityType;
  /** Found by the statistical tagger (else by a rule: 《》 title, middle dot, title + name). */
  tagged?: boolean;
  /** A transliterated name joined by middle dots (弗拉基米尔·帕德里诺). */
  dotted?: boolean;
  /** The known entity of a one-character place the tagger proposes: its abbreviation (墨 for Mexico in 墨政府). */
  abbreviates?: number;
  /** Proposed by the English tagger on a line written in title case (a headline: `titleCaseLine`). */
  headline?: boolean;
}

export interface RecognizerOptions {
  /**
   * Statistical taggers for names the knowledge base does not know (default: the bundled Chinese and English
   * models). `false` turns them off (only the rule-based candidates remain).
   */
  taggers?: Taggers | false;
  /**
   * Lines whose tagged spans are kept for when the same line comes again (boilerplate, headers, a document
   * analysed again after an edit elsewhere in it), per tagger; default 4096, 0: none (`LineCache`).
   */
  lineCache?: number;
}

const TAG_TYPE: Record<TaggedSpan['type'], EntityType> = { PER: 'person', LOC: 'place', ORG: 'organization' };

/** Types whose mentions may hold inner members (美国国务院 holds 美国; persons and countries hold none). */
const NESTING_TYPES = new Set<EntityType>(['organization', 'treaty', 'event', 'other', 'place']);

export class EntityRecognizer {
  private readonly names: Trie;
  /** Per trie value (surface form): entity index and boundary flags. */
  private readonly formEntity: ArrayLike<number>;
  private readonly formFlags: ArrayLike<number>;
  /** Whether any entity has tagged names (`taggedName` looks them up for the candidates). */
  private readonly hasTagged: boolean;
  /** Entity index of each abbreviation character, -1 for none. */
  private readonly abbrEntity: Int32Array;
  private readonly entityIds: readonly string[];
  private readonly entityTypes: readonly EntityType[];
  /** The country an organisation belongs to (`country:` in the knowledge base), by entity index. */
  private readonly entityCountry: ReadonlyArray<string | undefined>;
  private readonly ends: Int32Array;
  private readonly values: Int32Array;
  private readonly scratchEnds = new Int32Array(16);
  private readonly scratchValues = new Int32Array(16);
  private readonly h = helpers();
  /** The taggers: given, bundled (decoded on the first `find`, not at construction), or none. */
  private taggerOption: Taggers | false | undefined;
  private get taggers(): Taggers | undefined {
    if (this.taggerOption === undefined) this.taggerOption = bundledTaggers();
    return this.taggerOption || undefined;
  }
  /** False while `find` would first decode the bundled tagger models (the first analysis of a process). */
  get taggersReady(): boolean {
    return this.taggerOption !== undefined || bundledTaggersDecoded();
  }

  /**
   * This recogniser without its taggers (sharing everything else): the knowledge base's names, the rule-based
   * candidates and the corrections, for a first rendering before the tagger models are decoded.
   */
  withoutTaggers(): EntityRecognizer {
    const copy = Object.assign(Object.create(EntityRecognizer.prototype) as EntityRecognizer, this);
    copy.taggerOption = false;
    return copy;
  }

  /** CONTEXT_COMPOUNDS with entity indices (value: index into ctxMembers). */
  private readonly ctx: Trie;
  private readonly ctxMembers: RecognizerTables['ctxMembers'];
  /** Bare surnames: trie value -> persons. */
  private readonly formParts: RecognizerTables['formParts'];
  /** Entity of the last accepted `nameAt` match. */
  private lastEntity = -1;

  private readonly corrections: Corrections | undefined;

  /** Abbreviation character -> candidate entity indices (SHARED_ABBREVIATIONS). */
  private readonly shared: RecognizerTables['shared'];

  constructor(kb: KnowledgeBase, options: RecognizerOptions = {}) {
    this.taggerOption = options.taggers;
    this.zhLines = new LineCache(options.lineCache);
    this.enLines = new LineCache(options.lineCache);
    // Packed by the build for the bundled knowledge base (views of one buffer), else computed (recognizer-tables.ts).
    const t = recognizerTables(kb);
    this.entityIds = t.entityIds;
    this.entityTypes = t.entityTypes;
    this.entityCountry = t.entityCountry;
    this.entityIndex = t.entityIndex;
    this.abbrEntity = t.abbrEntity;
    this.names = t.names;
    this.formEntity = t.formEntity;
    this.formFlags = t.formFlags;
    this.hasTagged = t.hasTagged;
    this.formParts = t.formParts;
    this.ctx = t.ctx;
    this.ctxMembers = t.ctxMembers;
    this.shared = t.shared;
    this.corrections = kb.rules.length ? new Corrections(kb) : undefined;
    const depth = Math.max(1, this.names.longest);
    this.ends = new Int32Array(depth);
    this.values = new Int32Array(depth);
  }

  /**
   * Mentions in `text`, sorted by start, non-overlapping at the top level; the workspace's correction rules
   * applied. A mention whose name contains other names keeps them as `members` (美国国务院: the Department of
   * State, with the United States inside).
   */
  find(text: string): EntityMention[] {
    const found = this.findUncorrected(text);
    return this.corrections ? this.corrections.apply(text, found) : found;
  }

  /**
   * The knowledge base's names in `text`, before candidates and corrections: what the English tagger is given
   * (scripts/train-ner.ts trains it on the same).
   */
  knownNames(text: string): EntityMention[] {
    const f = fold(text);
    return this.findConfirmed(text, f, 0, f.length, false);
  }

  private findUncorrected(text: string): EntityMention[] {
    const f = fold(text);
    const confirmed = this.findConfirmed(text, f, 0, f.length, false);
    for (const m of confirmed) this.addMembers(text, f, m);
    const candidates = this.findCandidates(text, f, confirmed);
    if (candidates.length === 0) return this.stateOrganizations(text, f, confirmed);
    // Candidates that hold confirmed mentions take them as members; a tagged person or place made only of
    // abbreviation characters replaces them (英拉 is a person, not England; 加德满都 a city, not Germany).
    const absorbed = new Set<EntityMention>();
    const kept: EntityMention[] = [];
    for (const c of candidates) {
      const inside = overlapping(confirmed, c);
      if (inside.some((m) => m.start < c.start || m.end > c.end || absorbed.has(m))) continue;
      const known = c.abbreviates ?? this.taggedName(f, c.start, c.end, c.type);
      if (known >= 0) {
        // A tagged name of the knowledge base, proposed here as a whole: that entity, whatever it holds.
        kept.push({ kind: 'entity', start: c.start, end: c.end, text: text.slice(c.start, c.end), entityId: this.entityIds[known]!, type: this.entityTypes[known]!, confirmed: true, via: c.abbreviates === undefined ? 'alias' : 'abbreviation' });
        for (const m of inside) absorbed.add(m);
        continue;
      }
      const outer: EntityMention = {
        kind: 'entity',
        start: c.start,
        end: c.end,
        text: text.slice(c.start, c.end),
        entityId: 'candidate:' + f.slice(c.start, c.end),
        type: c.type,
        confirmed: false,
        via: 'candidate',
      };
      if (inside.length > 0) {
        // Nothing but confirmed mentions (俄委 = Russia + Venezuela): no candidate around them.
        if (onlyBetween(f, c, inside)) continue;
        const nests = NESTING_TYPES.has(c.type) && c.type !== 'place';
        const onlyAbbreviations = inside.every((m) => m.via === 'abbreviation');
        // A person candidate (tagged, dotted or after a title) written in transliteration throughout is one foreign
        // name, not the shorter known names glued inside it (莱斯 in 格莱斯顿 is no Condoleezza Rice, 德里 in 摩德里奇
        // no New Delhi).
        const longerName = c.type === 'person' && this.longerTransliteration(f, c, inside);
        // A tagged span around a known person is that person plus noise ("Later Kim Jong Un"): the person stays.
        if (c.tagged && !longerName && inside.some((m) => m.type === 'person')) continue;
        if (nests) {
          const members = inside.filter((m) => !ownHeadWord(f, c, m, inside));
          outer.members = members.flatMap((m) => [stripMembers(m), ...(m.members ?? [])]);
          if (!outer.members.length) delete outer.members;
        } else if (longerName) {
          // The foreign name replaces the names inside it.
        } else if (c.dotted && inside.every((m) => m.type !== 'person' && !wholePart(f, c, m))) {
          // A name inside one part of a transliterated name is no name (德里 in 弗拉基米尔·帕德里诺).
        } else if (!(c.tagged && onlyAbbreviations && (c.type === 'person' || c.type === 'place') && this.foreignName(f, c, inside, confirmed)) && !(c.tagged && this.surnameAndPlace(f, c, inside))) continue;
        for (const m of inside) absorbed.add(m);
      }
      kept.push(outer);
    }
    const out = absorbed.size ? confirmed.filter((m) => !absorbed.has(m)) : confirmed.slice();
    for (const k of kept) out.push(k);
    out.sort((a, b) => a.start - b.start);
    return candidateSurnames(text, f, appositions(text, f, this.stateOrganizations(text, f, this.countryThenOrganization(text, f, out))));
  }

  /**
   * An English country name or adjective written just before an organisation ("the Turkish Foreign Ministry",
   * "the U.S. State Department") is part of that organisation's name: one organisation mention with the country
   * as its inner member, as 美国国务院 is. A candidate organisation takes any country before it; a known one only
   * its own (State Department is the United States'). Not across a possessive ("Iraq's Interior Ministry": two
   * names) nor anything but one space.
   */
  private countryThenOrganization(text: string, f: string, found: EntityMention[]): EntityMention[] {
    let out: EntityMention[] | undefined;
    for (let k = 0; k < found.length; k++) {
      const m = found[k]!;
      const o = found[k + 1];
      const joins =
        o !== undefined &&
        m.type === 'country' &&
        o.type === 'organization' &&
        o.start === m.end + 1 &&
        f.charCodeAt(m.end) === 0x20 &&
        isWordChar(f.charCodeAt(m.start)) &&
        isUpper(text.charCodeAt(o.start)) &&
        (!o.confirmed || this.entityCountry[this.entityIndex.get(o.entityId) ?? -1] === m.entityId);
      if (!joins) {
        out?.push(m);
        continue;
      }
      out ??= found.slice(0, k);
      const members = [stripMembers(m), ...(o.members ?? [])];
      const text2 = text.slice(m.start, o.end);
      out.push(o.confirmed ? { ...o, start: m.start, text: text2, members } : { ...o, start: m.start, text: text2, entityId: 'candidate:' + f.slice(m.start, o.end), members });
      k++;
    }
    return out ?? found;
  }

  /**
   * A state's organisations (ORGANIZATION_HEADS): a country mention followed by an organisation word, optionally
   * after a modifier (英国皇家海军), becomes one organisation candidate with the country as its member; a name that
   * runs from a country into such a word (中国海 in 中国海警) is the country's organisation instead. An
   * organisation whose member runs into its own head word (以色列国 in 以色列国防军) takes the shorter name.
   */
  private stateOrganizations(text: string, f: string, found: EntityMention[]): EntityMention[] {
    let out: EntityMention[] | undefined;
    for (let k = 0; k < found.length; k++) {
      const m = found[k]!;
      const next = found[k + 1]?.start ?? f.length;
      let country: EntityMention | undefined;
      let headEnd = -1;
      if (m.type === 'country') {
        headEnd = this.organizationHead(f, m.end, next);
        if (headEnd > 0) country = stripMembers(m);
      } else if (m.type === 'organization') {
        if (m.members?.length) this.trimMembersAtHead(text, f, m);
      }
      if (headEnd < 0 && m.end - m.start >= 3 && m.type !== 'person' && m.type !== 'organization') {
        // 中国海警, 以色列国防军: the name 中国海 (以色列国) runs into 海警 (国防军); the country is a country name that
        // ends where the word starts.
        for (let p = m.end - 1; p > m.start && headEnd < 0; p--) {
          const end = this.organizationHead(f, p, next);
          if (end < m.end) continue;
          const inner = this.findConfirmed(text, f, m.start, p, true, true);
          if (inner.length === 1 && inner[0]!.type === 'country' && inner[0]!.start === m.start && inner[0]!.end === p) {
            country = inner[0]!;
            headEnd = end;
          }
        }
      }
      if (!country || headEnd < 0) {
        out?.push(m);
        continue;
      }
      out ??= found.slice(0, k);
      out.push({
        kind: 'entity',
        start: m.start,
        end: headEnd,
        text: text.slice(m.start, headEnd),
        entityId: 'candidate:' + f.slice(m.start, headEnd),
        type: 'organization',
        confirmed: false,
        via: 'candidate',
        members: [country],
      });
    }
    return out ?? found;
  }

  /**
   * End of an organisation word (after an optional modifier) that starts at `i` and ends at or before `limit`
   * (the next mention), or -1.
   */
  private organizationHead(f: string, i: number, limit: number): number {
    const h = this.h;
    let at = i;
    if (h.orgModifiers.startsWith(f.charCodeAt(at))) {
      const k = h.orgModifiers.matchAt(f, at, this.scratchEnds, this.scratchValues);
      if (k > 0) at = this.scratchEnds[k - 1]!;
    }
    for (const start of at === i ? [i] : [at, i]) {
      if (!h.orgHeads.startsWith(f.charCodeAt(start))) continue;
      const k = h.orgHeads.matchAt(f, start, this.scratchEnds, this.scratchValues);
      for (let j = k - 1; j >= 0; j--) {
        const end = this.scratchEnds[j]!;
        // (A ministry followed by 长 is a minister's title: 泰国外交部长 names Thailand, not its ministry.)
        if (end <= limit && !(f.charCodeAt(end - 1) === 0x90e8 /* 部 */ && f.charCodeAt(end) === 0x957f) /* 长 */) return end;
      }
    }
    return -1;
  }

  /**
   * Members of an organisation that run into one of its organisation words (以色列国 in 以色列国防军, 中国海 in
   * 中国海关总署) give way to the names before that word.
   */
  private trimMembersAtHead(text: string, f: string, m: EntityMention): void {
    let changed = false;
    const out: EntityMention[] = [];
    for (const x of m.members!) {
      let cut = -1;
      for (let p = x.start + 1; p < x.end && cut < 0; p++) if (this.organizationHead(f, p, m.end) > x.end) cut = p;
      if (cut < 0) out.push(x);
      else {
        changed = true;
        out.push(...this.findConfirmed(text, f, x.start, cut, true, true));
      }
    }
    if (!changed) return;
    // The names found again may be members already (中国, a member of the dropped 中国海): each one once.
    m.members = out.filter((x, i) => out.findIndex((o) => o.start === x.start && o.end === x.end && o.entityId === x.entityId) === i).sort((a, b) => a.start - b.start);
  }


  /**
   * May a tagged name replace the abbreviations inside it (英拉 is a person, not England)? Only when it is written
   * in transliteration characters throughout and no abbreviation inside continues a run outside it (俄乌边境 keeps
   * Russia + Ukraine).
   */
  private foreignName(f: string, c: Candidate, inside: EntityMention[], confirmed: EntityMention[]): boolean {
    for (let k = c.start; k < c.end; k++) if (this.h.translit[f.charCodeAt(k)] !== 1) return false;
    for (const m of inside) {
      if (m.start === c.start && confirmed.some((x) => x.end === m.start && x.via === 'abbreviation')) return false;
      if (m.end === c.end && confirmed.some((x) => x.start === m.end && x.via === 'abbreviation')) return false;
    }
    return true;
  }

  /**
   * Is the person candidate `c` a longer transliterated name around the known names inside it? It is written in
   * transliteration characters (and middle dots) throughout, and each name inside is a two-character person (a
   * surname: 莱斯, 克里) or a place of at most three characters (德里, 帕斯) that runs into the transliteration
   * characters around it without a middle dot (莫拉+莱斯, 摩+德里+奇), or a place that is a whole part of a dotted
   * name (帕斯 in 海梅·帕斯·萨莫拉). A country or an abbreviation inside, or a person's full name (阿萨德 in
   * 巴沙尔阿萨德), keeps the known name.
   */
  private longerTransliteration(f: string, c: Candidate, inside: EntityMention[]): boolean {
    const t = this.h.translit;
    let dotted = false;
    for (let k = c.start; k < c.end; k++) {
      const ch = f.charCodeAt(k);
      if (ch === 0xb7) dotted = true;
      else if (t[ch] !== 1) return false;
    }
    return inside.every((m) => {
      const n = m.end - m.start;
      if (m.via === 'abbreviation' || c.end - c.start < n + 2) return false;
      if (!(m.type === 'person' && n === 2) && !(m.type === 'place' && n <= 3)) return false;
      const glued = (m.start > c.start && t[f.charCodeAt(m.start - 1)] === 1) || (m.end < c.end && t[f.charCodeAt(m.end)] === 1);
      return glued || (dotted && m.type === 'place' && wholePart(f, c, m));
    });
  }

  /**
   * Is a tagged person a surname and a two-character place name (许银川 is a chess player, not Yinchuan; 欧阳长春)?
   * The tagger read the whole name from its context; the place is the given name.
   */
  private surnameAndPlace(f: string, c: Candidate, inside: EntityMention[]): boolean {
    if (c.type !== 'person' || inside.length !== 1) return false;
    const m = inside[0]!;
    if (m.type !== 'place' || m.end !== c.end || m.end - m.start !== 2) return false;
    const n = m.start - c.start;
    if (n === 1) return this.h.surnames[f.charCodeAt(c.start)] === 1;
    return n === 2 && this.h.compoundSurnames.has(f.charCodeAt(c.start) * 65536 + f.charCodeAt(c.start + 1));
  }

  /**
   * The entity of a tagged name (`tagged:` in the knowledge base, FLAG_TAGGED) spelt exactly f[start, end), of a
   * type the candidate's type allows (a place candidate: a place or a country), or -1.
   */
  private taggedName(f: string, start: number, end: number, type: EntityType): number {
    if (!this.hasTagged) return -1;
    const k = this.names.matchAt(f, start, this.ends, this.values);
    for (let j = k - 1; j >= 0; j--) {
      if (this.ends[j] !== end) continue;
      const form = this.values[j]!;
      if ((this.formFlags[form]! & FLAG_TAGGED) === 0) return -1;
      const e = this.formEntity[form]!;
      return compatibleTypes(type, this.entityTypes[e]!) ? e : -1;
    }
    return -1;
  }

  /** Inner members of a confirmed mention of a nesting type (美国国务院 -> 美国; 俄格军事冲突 -> 俄, 格). */
  private addMembers(text: string, f: string, m: EntityMention): void {
    if (m.end - m.start < 3 || !NESTING_TYPES.has(m.type)) return;
    this.skipEntity = this.entityIndex.get(m.entityId) ?? -1;
    // A name ending where the mention ends is its head word (国务院 in 美国国务院), not a member.
    // An organisation of a known country holds no other country's one-character abbreviation: 法新社 is
    // France's news agency, its 新 is no Singapore.
    const country = this.entityCountry[this.skipEntity];
    // A known place's name holds no one-character abbreviations (中沙群岛 is the Macclesfield Bank, not China and
    // Saudi Arabia; 西沙, 南沙): its full names inside stay members (台湾海峡 holds 台湾).
    const place = m.type === 'place' && m.confirmed;
    const inner = this.findConfirmed(text, f, m.start, m.end, true).filter(
      (x) =>
        x.entityId !== m.entityId &&
        x.end < m.end &&
        !(x.via === 'abbreviation' && (place || (country && x.entityId !== country))) &&
        !(place && this.namedAfter(f, m, x)) &&
        !(place && this.insideTransliteration(f, m, x)),
    );
    this.skipEntity = -1;
    if (inner.length) m.members = inner;
  }

  /**
   * True when the name `x` inside the known place `m` is part of a longer transliteration there: made of
   * transliteration characters and next to another inside `m` (克里 in 克里米亚半岛 is no John Kerry; 巴西 in 巴西利亚
   * no Brazil). Only in places: in an organisation the next character often starts a word (苏丹武装部队).
   */
  private insideTransliteration(f: string, m: EntityMention, x: EntityMention): boolean {
    const t = this.h.translit;
    if (x.end - x.start < 2) return false;
    for (let k = x.start; k < x.end; k++) if (t[f.charCodeAt(k)] !== 1) return false;
    return (x.end < m.end && t[f.charCodeAt(x.end)] === 1) || (x.start > m.start && t[f.charCodeAt(x.start - 1)] === 1);
  }

  /**
   * True when the place or country `x` inside the known place `m` is the name `m` is named after, not a mention of
   * it: after a direction at its start (北达尔富尔州 holds no Darfur, 南科尔多凡州 no Kordofan, 东耶路撒冷 no
   * Jerusalem), or a country before 半岛 (朝鲜半岛, the Korean peninsula, holds no North Korea). 台湾海峡 keeps 台湾.
   */
  private namedAfter(f: string, m: EntityMention, x: EntityMention): boolean {
    if (x.type !== 'place' && x.type !== 'country') return false;
    if (x.start === m.start + 1 && '东西南北中'.includes(f.charAt(m.start))) return true;
    return x.type === 'country' && x.start === m.start && f.startsWith('半岛', x.end) && x.end + 2 === m.end;
  }

  // -------------------------------------------------------------------------------------------------------------

  /** Longest accepted name match at `i` (end offset, or -1); the form index goes to `this.lastForm`. */
  private lastForm = -1;
  /** End of the range being scanned (members: the outer mention's end) and the span to skip (the outer itself). */
  private limit = 0;
  private skipStart = -1;
  private skipEnd = -1;
  /** Entity whose names are not matched in the current scan (the outer mention's own entity). */
  private skipEntity = -1;
  private readonly entityIndex: ReadonlyMap<string, number>;
  /** Entities already named in full in the current scan, with the offset (bare surnames, shared abbreviations). */
  private readonly named = new Map<number, number>();
  /**
   * Blocking words of the current scan (BLOCKING_WORDS): sorted, not overlapping, found once per text (the scans of
   * members and organisation heads reuse them); their starts and ends in typed arrays, `blockCount` of them, looked
   * up by `upperBound` over the typed starts (no closure per character, as `spanIndexAt` over objects had).
   */
  private blockStart = new Int32Array(16);
  private blockEnd = new Int32Array(16);
  private blockCount = 0;

  /** The blocking words of `f` (leftmost-longest, as `Trie.findAll`) into blockStart / blockEnd. */
  private findBlocks(f: string): void {
    const trie = this.h.blocking;
    const ends = this.scratchEnds;
    const values = this.scratchValues;
    let count = 0;
    for (let i = 0; i < f.length; ) {
      if (!trie.startsWith(f.charCodeAt(i))) {
        i++;
        continue;
      }
      const k = trie.matchAt(f, i, ends, values);
      if (k === 0) {
        i++;
        continue;
      }
      if (count === this.blockStart.length) {
        const starts = new Int32Array(count * 2);
        starts.set(this.blockStart);
        this.blockStart = starts;
        const blockEnds = new Int32Array(count * 2);
        blockEnds.set(this.blockEnd);
        this.blockEnd = blockEnds;
      }
      this.blockStart[count] = i;
      this.blockEnd[count] = ends[k - 1]!;
      count++;
      i = ends[k - 1]!;
    }
    this.blockCount = count;
  }

  /** End of the blocking word holding offset `i` (-1 when none). */
  private blockEndAt(i: number): number {
    // The last block starting at or before i, if it holds i.
    const lo = upperBound(this.blockStart, i, 0, this.blockCount);
    return lo > 0 && i < this.blockEnd[lo - 1]! ? this.blockEnd[lo - 1]! : -1;
  }
  private nameAt(text: string, f: string, i: number): number {
    const k = this.names.matchAt(f, i, this.ends, this.values);
    for (let j = k - 1; j >= 0; j--) {
      const end = this.ends[j]!;
      if (end > this.limit || (i === this.skipStart && end === this.skipEnd)) continue;
      const form = this.values[j]!;
      if (this.formEntity[form] === this.skipEntity) continue;
      const flags = this.formFlags[form]!;
      if ((flags & FLAG_TAGGED) !== 0) continue;
      if ((flags & FLAG_RIGHT) !== 0 && end < f.length && (isWordChar(f.charCodeAt(end)) || apostropheWord(f, end))) continue;
      if ((flags & FLAG_CAPITAL) !== 0 && !caseMatches(text, i, end, FLAG_CAPITAL)) continue;
      if ((flags & FLAG_UPPER) !== 0 && !caseMatches(text, i, end, FLAG_UPPER)) continue;
      let entity = this.formEntity[form]!;
      if ((flags & FLAG_PART) !== 0) {
        // The person of this surname named in full last (Kim after Kim Jong Un), none: not a mention.
        entity = -1;
        let at = -1;
        for (const p of this.formParts.get(form) ?? []) {
          const pos = this.named.get(p);
          if (pos !== undefined && pos > at) {
            at = pos;
            entity = p;
          }
        }
        if (entity < 0) continue;
      }
      if (this.blockCount && (flags & FLAG_LEFT) === 0) {
        const b = this.blockEndAt(i);
        if (b > 0 && end < b) continue;
      }
      if (this.longerWordAt(f, i, end)) continue;
      if (i > 0 && this.crossesIntoWord(f, i, end)) continue;
      this.lastForm = form;
      this.lastEntity = entity;
      return end;
    }
    return -1;
  }

  /**
   * True when the name [i, end) (i > 0) is read across a word boundary: after an abbreviation, its last character
   * starts a NAME_CROSSING_WORDS word (美韩正在); or it starts with the direction of 以东/以西/以南/以北 followed by a
   * DIRECTION_AREA_WORDS word (以东海域).
   */
  private crossesIntoWord(f: string, i: number, end: number): boolean {
    const h = this.h;
    if (end - i >= 2 && this.abbrEntity[f.charCodeAt(i - 1)]! >= 0 && this.wordAt(h.crossing, f, end - 1)) return true;
    const d = f.charCodeAt(i);
    return f.charCodeAt(i - 1) === 0x4ee5 /* 以 */ && (d === 0x4e1c || d === 0x897f || d === 0x5357 || d === 0x5317) /* 东西南北 */ && i + 1 < f.length && this.wordAt(h.directionArea, f, i + 1);
  }

  /** True when an ordinary word longer than the name [i, end) starts at `i` (NOT_NAME_WORDS). */
  private longerWordAt(f: string, i: number, end: number): boolean {
    const trie = this.h.notNames;
    if (!trie.startsWith(f.charCodeAt(i))) return false;
    const k = trie.matchAt(f, i, this.scratchEnds, this.scratchValues);
    return k > 0 && this.scratchEnds[k - 1]! > end;
  }

  /** True when a suffix longer than one character (国会, 国务院) starts at `i`. */
  private longSuffixAt(f: string, i: number): boolean {
    const k = this.h.suffixes.matchAt(f, i, this.scratchEnds, this.scratchValues);
    return k > 0 && this.scratchEnds[k - 1]! > i + 1;
  }

  /** True when a title of NAME_TITLES (发言人, 总统) ends right before `i`. */
  private titleEndsAt(f: string, i: number): boolean {
    const trie = this.h.titles;
    for (let start = Math.max(0, i - 5); start <= i - 2; start++) {
      if (!trie.startsWith(f.charCodeAt(start))) continue;
      const k = trie.matchAt(f, start, this.scratchEnds, this.scratchValues);
      for (let j = 0; j < k; j++) if (this.scratchEnds[j] === i) return true;
    }
    return false;
  }

  /** True when a word from `trie` starts at `i` in `f`. */
  private wordAt(trie: Trie, f: string, i: number): boolean {
    return trie.startsWith(f.charCodeAt(i)) && trie.matchAt(f, i, this.scratchEnds, this.scratchValues) > 0;
  }

  /**
   * Knowledge-base names and abbreviations in f[from, to). `inner`: the scan of a mention's inside for its members
   * (the mention itself, [from, to), is not matched again unless `whole`: a name that covers the range counts).
   */
  private findConfirmed(text: string, f: string, from: number, to: number, inner: boolean, whole = false): EntityMention[] {
    const out: EntityMention[] = [];
    const n = to;
    const names = this.names;
    const abbr = this.abbrEntity;
    const saved = [this.limit, this.skipStart, this.skipEnd] as const;
    this.limit = to;
    this.skipStart = inner && !whole ? from : -1;
    this.skipEnd = inner && !whole ? to : -1;
    if (!inner) {
      this.named.clear();
      this.findBlocks(f);
    }
    let i = from;
    while (i < n) {
      const c = f.charCodeAt(i);
      const hasName = names.startsWith(c);
      let ab = abbr[c]!;
      // A shared abbreviation that is no country's by default (阿, 摩) counts after the document has named one of its
      // countries in full, alone before a suffix (阿国 after 阿尔及利亚, 摩国 after 摩尔多瓦), never in a run.
      const byDocument = ab < 0 && !inner && this.shared.has(c);
      if (byDocument) ab = this.resolveShared(c, -1);
      if (this.ctx.startsWith(c)) {
        const taken = this.contextCompound(text, f, i, out);
        if (taken > 0) {
          i = taken;
          continue;
        }
      }
      if (!hasName && ab < 0) {
        if (isWordChar(c)) {
          // Skip the rest of a Latin word: no name may start inside it.
          i++;
          while (i < n && isWordChar(f.charCodeAt(i))) i++;
        } else i++;
        continue;
      }
      if (isWordChar(c) && i > 0 && isWordChar(f.charCodeAt(i - 1))) {
        i++;
        continue;
      }
      let nameEnd = hasName ? this.nameAt(text, f, i) : -1;
      const form = this.lastForm;
      const nameEntity = this.lastEntity;
      // Inside a blocking word (发展中国家, 朝日新闻) only a name that covers the rest of the word counts.
      const blockEnd = this.blockCount ? this.blockEndAt(i) : -1;
      if (blockEnd > 0 && nameEnd < blockEnd) {
        nameEnd = -1;
        i = blockEnd;
        continue;
      }
      if (ab >= 0 && blockEnd < 0) {
        const taken = this.abbreviations(text, f, i, nameEnd, out, byDocument);
        if (taken > 0) {
          i = taken;
          continue;
        }
      }
      if (nameEnd > 0) {
        let e = nameEntity;
        // A known short form of a shared abbreviation (巴方, 阿方) is resolved as the abbreviation is.
        if (nameEnd - i === 2 && this.shared.get(c)?.includes(e) && this.wordAt(this.h.suffixes, f, i + 1)) e = this.resolveShared(c, e);
        const flags = this.formFlags[form]!;
        const m: EntityMention = {
          kind: 'entity',
          start: i,
          end: nameEnd,
          text: text.slice(i, nameEnd),
          entityId: this.entityIds[e]!,
          type: this.entityTypes[e]!,
          confirmed: true,
          via: 'alias',
        };
        if (flags & FLAG_DEMONYM) m.demonym = true;
        else if (!inner && (flags & FLAG_PART) === 0) this.named.set(e, i);
        out.push(m);
        i = nameEnd;
        continue;
      }
      if (isWordChar(c)) {
        i++;
        while (i < n && isWordChar(f.charCodeAt(i))) i++;
      } else i++;
    }
    [this.limit, this.skipStart, this.skipEnd] = saved;
    return out;
  }

  /**
   * Abbreviation run or single abbreviation + suffix at `i`. Emits the members and returns the offset after the
   * run, or 0 when nothing is taken here (the caller then tries the name match, if any).
   */
  private abbreviations(text: string, f: string, i: number, nameEnd: number, out: EntityMention[], alone = false): number {
    const h = this.h;
    const n = this.limit;
    const abbr = this.abbrEntity;
    // Part of the word before it (所以, 其中, 参加) or of a known word (美元, 中东, 加强)?
    if (i > 0 && h.leftBound.has(f.charCodeAt(i - 1) * 65536 + f.charCodeAt(i))) return 0;
    if (this.wordAt(h.falseWords, f, i)) return 0;
    const members = this.scratchMembers;
    members.length = 0;
    members.push(i);
    let j = i + 1;
    while (j < n && !alone) {
      let k = j;
      if (f.charCodeAt(k) === 0x3001 /* 、 */) k++;
      if (k >= n || abbr[f.charCodeAt(k)]! < 0) break;
      if (this.wordAt(h.falseWords, f, k)) break;
      if (this.blockCount && this.blockEndAt(k) > 0) break;
      if (this.nameLongAt(text, f, k)) break;
      members.push(k);
      j = k + 1;
    }
    // All members and the next character are transliteration characters: a foreign name (奥巴马, 伊德利卜).
    if (members.length >= 2) {
      const after = members[members.length - 1]! + 1;
      if (members.every((m) => h.translit[f.charCodeAt(m)] === 1)) {
        if (after < n && h.translit[f.charCodeAt(after)] === 1) return 0;
        // After a title that introduces a name (发言人巴加埃, 总统阿雷巴洛): a person's name, not countries (none of
        // its characters starts a run).
        if (after === i + members.length && nameEnd < after && this.titleEndsAt(f, i)) return after;
      }
    }
    // A trailing ambiguous member (俄美新战略: 新 is "new") is not part of the run.
    // (Inside a known name, 俄格军事冲突, the run is taken as it is.)
    while (this.skipStart < 0 && members.length >= 2 && h.noSingle[f.charCodeAt(members[members.length - 1]!)] === 1) members.pop();
    let end: number;
    if (members.length >= 2) {
      end = members[members.length - 1]! + 1;
    } else {
      if (h.noSingle[f.charCodeAt(i)] === 1) return 0;
      if (i + 1 >= n || !this.wordAt(h.suffixes, f, i + 1)) return 0;
      // 国 alone as the suffix (巴国, 菲国), not a word of the nation (以国家, 非国际).
      if (f.charCodeAt(i + 1) === 0x56fd /* 国 */ && this.wordAt(h.notState, f, i + 1) && !this.longSuffixAt(f, i + 1)) return 0;
      end = i + 1;
    }
    // A full name starting here wins when it is at least as long as the abbreviation run.
    if (nameEnd >= end) return 0;
    for (const m of members) {
      const e = this.resolveShared(f.charCodeAt(m), abbr[f.charCodeAt(m)]!);
      if (e < 0) return 0;
      out.push({
        kind: 'entity',
        start: m,
        end: m + 1,
        text: text.slice(m, m + 1),
        entityId: this.entityIds[e]!,
        type: this.entityTypes[e]!,
        confirmed: true,
        via: 'abbreviation',
      });
    }
    return end;
  }

  private readonly scratchMembers: number[] = [];

  /** The entity of a shared abbreviation (巴): the candidate named last in the text so far, else `fallback`. */
  private resolveShared(c: number, fallback: number): number {
    const ids = this.shared.get(c);
    if (!ids) return fallback;
    let best = fallback;
    let at = -1;
    for (const id of ids) {
      const p = this.named.get(id);
      if (p !== undefined && p > at) {
        at = p;
        best = id;
      }
    }
    return best;
  }

  /**
   * A context compound at `i` (访华, 援乌, 以巴, 委方): emits its members and returns the offset after it, or 0.
   * Not taken inside a word (所以巴...), inside a blocking word, or where a longer name starts at a member (华盛顿,
   * 华为).
   */
  private contextCompound(text: string, f: string, i: number, out: EntityMention[]): number {
    const k = this.ctx.matchAt(f, i, this.scratchEnds, this.scratchValues);
    if (k === 0) return 0;
    const end = this.scratchEnds[k - 1]!;
    if (end > this.limit) return 0;
    const parts = this.ctxMembers[this.scratchValues[k - 1]!]!;
    const h = this.h;
    if (i > 0 && h.leftBound.has(f.charCodeAt(i - 1) * 65536 + f.charCodeAt(i))) return 0;
    if (this.blockCount && this.blockEndAt(i) > 0) return 0;
    for (const [o] of parts) {
      const p = i + o;
      if (this.blockCount && this.blockEndAt(p) > end) return 0;
      if (this.names.startsWith(f.charCodeAt(p))) {
        const nameEnd = this.nameAt(text, f, p);
        if (nameEnd > end || (o === 0 && nameEnd >= end)) return 0;
      }
    }
    for (const [o, l, e] of parts) {
      out.push({
        kind: 'entity',
        start: i + o,
        end: i + o + l,
        text: text.slice(i + o, i + o + l),
        entityId: this.entityIds[e]!,
        type: this.entityTypes[e]!,
        confirmed: true,
        via: 'abbreviation',
      });
    }
    return end;
  }

  /** True when a name of two or more units starts at `k` (a run of abbreviations stops before it). */
  private nameLongAt(text: string, f: string, k: number): boolean {
    if (!this.names.startsWith(f.charCodeAt(k))) return false;
    const end = this.nameAt(text, f, k);
    return end - k >= 2;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Candidates

  /**
   * Candidates by rule (《》 titles, middle dots, title + name) and by the taggers, sorted by start, not overlapping
   * each other (rules first, then the longer). Overlaps with confirmed mentions are resolved by `find`.
   */
  private findCandidates(text: string, f: string, confirmed: EntityMention[]): Candidate[] {
    const found: Candidate[] = [];
    this.titleCandidates(f, found);
    quotedOrganizations(f, found);
    resolutions(text, f, confirmed, found);
    this.dotCandidates(f, found);
    this.titleNameCandidates(f, found);
    shipCandidates(f, found);
    const rules = found.length;
    if (this.taggers) this.taggedCandidates(text, f, confirmed, found);
    if (found.length === 0) return found;
    // The English tagger's names on a line in title case only as far as the text writes them outside such lines
    // (`headlineName`). (The rule-based candidates, first in `found`, are never dropped here.)
    if (found.some((c) => c.headline)) {
      const kept: Candidate[] = [];
      for (const c of found) {
        const k = c.headline ? headlineName(text, f, c) : c;
        if (k) kept.push(k);
      }
      if (kept.length === 0) return kept;
      found.length = 0;
      for (const c of kept) found.push(c);
    }
    // The longer first (a tagged 别尔德穆哈梅多夫 over the title rule's 别尔德穆), rules first among equals.
    const rank = found.map((_, i) => (i < rules ? 0 : 1));
    const order = found.map((_, i) => i).sort((a, b) => found[b]!.end - found[b]!.start - (found[a]!.end - found[a]!.start) || rank[a]! - rank[b]!);
    const taken: Candidate[] = [];
    for (const i of order) {
      const c = found[i]!;
      if (taken.some((t) => t.start < c.end && c.start < t.end)) continue;
      taken.push(c);
    }
    return taken.sort((a, b) => a.start - b.start);
  }

  /**
   * Names proposed by the statistical taggers: the Chinese one on each line holding CJK text (folded), the
   * English one on each line holding a capital letter and no CJK (original case). A tagged span that is itself a
   * knowledge-base mention adds nothing.
   */
  private taggedCandidates(text: string, f: string, confirmed: EntityMention[], out: Candidate[]): void {
    const taggers = this.taggers!;
    const n = f.length;
    let lineStart = 0;
    let ci = 0;
    while (lineStart < n) {
      let lineEnd = f.indexOf('\n', lineStart);
      if (lineEnd < 0) lineEnd = n;
      let cjk = false;
      let capital = false;
      for (let k = lineStart; k < lineEnd; k++) {
        const c = text.charCodeAt(k);
        if (c >= 0x3400 && isCjk(c)) {
          cjk = true;
          break;
        }
        if (c >= 65 && c <= 90) capital = true;
      }
      let spans: TaggedSpan[] = [];
      if (cjk && taggers.zh) spans = this.zhLine(taggers, text, f, lineStart, lineEnd);
      else if (capital && taggers.en) spans = this.enLine(taggers, text, lineStart, lineEnd, confirmed);
      const headline = !cjk && spans.length > 0 && titleCaseLine(text, lineStart, lineEnd);
      for (const t of spans) {
        // A name neither starts nor ends with white space (a tagger may run a name on over a space).
        const capital = cjk ? t : fromCapital(text, t);
        let whole = capital && trimmedSpan(f, capital);
        if (whole && !cjk) whole = possessed(f, whole, confirmed, ci);
        if (whole && !cjk && whole.type !== 'ORG') whole = beforeNumber(f, titledPerson(text, f, whole));
        if (whole && cjk) whole = this.cjkTrimmed(f, whole);
        if (!whole) continue;
        for (const s of !cjk && whole.type === 'ORG' ? officeSplit(text, f, whole) : [whole]) {
          while (ci < confirmed.length && confirmed[ci]!.end <= s.start) ci++;
          const m = confirmed[ci];
          if (m && m.start === s.start && m.end === s.end) continue;
          const addressed = cjk && s.end - s.start === 1 && s.type === 'PER' && this.addressedSurname(f, s.start);
          const abbreviates = cjk && s.end - s.start === 1 && s.type === 'LOC' ? this.abbreviatedPlace(f, s.start) : -1;
          if (abbreviates >= 0) {
            out.push({ start: s.start, end: s.end, type: this.entityTypes[abbreviates]!, tagged: true, abbreviates });
            continue;
          }
          if (s.end - s.start < 2 && !addressed) continue;
          let end = s.end;
          if (cjk && s.type !== 'ORG' && !addressed) end = this.transliterationEnd(f, s.start, s.end, lineEnd);
          // A name does not end inside a word (南海部署 is no organisation 南海部: 部署 is one word).
          if (cjk && s.end < lineEnd && this.wordAt(this.h.endWords, f, s.end - 1)) continue;
          if (coordinatesKnown(f, s.start, end, confirmed, ci)) continue;
          // The bare surname of a known person not named in full before (Biden): a person, whatever the tagger says.
          const form = this.names.get(f.slice(s.start, end));
          const surname = form >= 0 && (this.formFlags[form]! & FLAG_PART) !== 0;
          let type: EntityType = surname ? 'person' : TAG_TYPE[s.type];
          if (cjk && GENERIC_WORDS.has(f.slice(s.start, end))) continue;
          if (cjk) {
            if (vesselAt(f, s.start, end)) type = 'other';
            else if (type === 'person') {
              // A word that makes the name a place, after it or begun in its last character (阿巴桑南部: 阿巴桑 南部).
              const cut = end - s.start > 3 ? this.placeWordAt(f, end - 1) : -1;
              if (cut > end) end--;
              if (cut > end || this.placeWordAt(f, end) > end) type = 'place';
            }
          } else {
            const typed = englishType(f, s.start, end, type, !surname);
            if (!typed) continue;
            type = typed;
          }
          out.push(headline ? { start: s.start, end, type, tagged: true, headline } : { start: s.start, end, type, tagged: true });
        }
      }
      lineStart = lineEnd + 1;
    }
  }

  /**
   * The Chinese tagger's spans on the line [from, to) (`zhSpans`), through the cache of lines: they are a function
   * of the line's text alone (its folded text is the fold of it, character by character).
   */
  private zhLine(taggers: Taggers, text: string, f: string, from: number, to: number): TaggedSpan[] {
    const cache = this.zhLines;
    if (!cache.fits(to - from)) return zhSpans(taggers.zh!, text, f, from, to);
    const key = text.slice(from, to);
    let rel = cache.get(key);
    if (rel === undefined) {
      rel = packSpans(zhSpans(taggers.zh!, text, f, from, to), from);
      cache.set(key, rel);
    }
    return unpackSpans(rel, from);
  }

  /**
   * The English tagger's spans on the line [from, to), through the cache of lines: a function of the line's text
   * and of the knowledge base's names on it (their offsets in the line and types, what `knownCodes` reads), which
   * the key holds after the line (a line holds no line feed).
   */
  private enLine(taggers: Taggers, text: string, from: number, to: number, confirmed: readonly EntityMention[]): TaggedSpan[] {
    const knownFrom = lowerBoundBy(confirmed, from + 1, (m) => m.end);
    const cache = this.enLines;
    if (!cache.fits(to - from)) return taggers.en!.tag(text, from, to, confirmed, knownFrom);
    let key = text.slice(from, to);
    for (let k = knownFrom; k < confirmed.length && confirmed[k]!.start < to; k++) {
      const m = confirmed[k]!;
      key += `\n${m.start - from} ${m.end - from} ${m.type}`;
    }
    let rel = cache.get(key);
    if (rel === undefined) {
      rel = packSpans(taggers.en!.tag(text, from, to, confirmed, knownFrom), from);
      cache.set(key, rel);
    }
    return unpackSpans(rel, from);
  }

  /** The taggers' spans of recent lines (relative to the line, `packSpans`), by line. */
  private readonly zhLines: LineCache<Int32Array>;
  private readonly enLines: LineCache<Int32Array>;

  /**
   * A Chinese tagged span without what the tagger ran into: a title after an organisation (中国海军大校 is 中国海军
   * and a rank; 海军大 of 海军大校 is 海军), a verb of saying after a name (培尼亚重申); undefined for an
   * organisation that is an occasion it holds (国庆酒会). What is left must keep two characters.
   */
  private cjkTrimmed(f: string, span: TaggedSpan): TaggedSpan | undefined {
    const ship = shipNameAround(f, span);
    if (ship) return ship;
    const name = f.slice(span.start, span.end);
    if (span.type === 'ORG') {
      if (OCCASION_ENDINGS.some((w) => name.endsWith(w))) return undefined;
      // The title may end the span or run on into the start of the name after it (海军大校田 of 海军大校田军里).
      const title = titleInside(name);
      if (title >= 2) return { ...span, end: span.start + title };
      // A service cut inside its rank (中国海军大 of 中国海军大校); a bare service before a rank is the person's title
      // (海军大校: navy senior colonel), no mention of the service.
      if (name.length >= 3 && name.charCodeAt(name.length - 2) === 0x519b /* 军 */ && MILITARY_RANKS.some((r) => f.startsWith(r, span.end - 1))) {
        return name.length === 3 ? undefined : { ...span, end: span.end - 1 };
      }
      return span;
    }
    const verb = longestEnding(name, NAME_TRAILING_VERBS);
    if (verb > 0 && name.length - verb >= 2) return { ...span, end: span.end - verb };
    return span;
  }

  /** The end of a word that makes a name a place (南部, 一带, 市) written at `at`, else -1. */
  private placeWordAt(f: string, at: number): number {
    for (const w of PLACE_AFTER_WORDS) {
      if (!f.startsWith(w, at)) continue;
      if (w.length === 1 && NOT_PLACE_AFTER.includes(f.charAt(at + 1))) continue;
      return at + w.length;
    }
    return -1;
  }

  /**
   * The country or place a one-character place name at `at` abbreviates (its one-character abbreviation in the
   * knowledge base, or a tagged name of one character), or -1. Only for a place the tagger proposes: alone, most of
   * these characters are ordinary words (墨, 新, 京), so the scan takes them only before a suffix (美方, 俄军).
   */
  private abbreviatedPlace(f: string, at: number): number {
    const h = this.h;
    // Not the end of the word before it (所以, 其中), nor before a word it modifies (中英文: Chinese and English).
    // (Unlike the scan, a pair such as 以中 is left to the tagger, which reads 以 as Israel or "with" from context.)
    if (at > 0 && h.leftBound.has(f.charCodeAt(at - 1) * 65536 + f.charCodeAt(at))) return -1;
    if (at + 1 < f.length && this.wordAt(h.falseWords, f, at + 1)) return -1;
    // Nor 朝 "towards" before a direction (朝东北方向).
    if (this.wordAt(h.towards, f, at)) return -1;
    const e = this.abbrEntity[f.charCodeAt(at)]!;
    if (e >= 0) return this.entityTypes[e] === 'country' || this.entityTypes[e] === 'place' ? e : -1;
    return this.taggedName(f, at, at + 1, 'place');
  }

  /**
   * Is the character at `at` a surname addressed as a person: after 老, 小 or 姓 (老王, 小李, 姓薛), or before a form
   * of address or a title (王先生, 李老师, 刘某, 张教授)? The tagger's one-character persons are kept only there.
   */
  private addressedSurname(f: string, at: number): boolean {
    const h = this.h;
    if (h.surnames[f.charCodeAt(at)] !== 1) return false;
    const before = f.charCodeAt(at - 1);
    if (before === 0x8001 /* 老 */ || before === 0x5c0f /* 小 */ || before === 0x59d3 /* 姓 */) return true;
    const next = f.charCodeAt(at + 1);
    return h.address.startsWith(next) && h.address.matchAt(f, at + 1, this.scratchEnds, this.scratchValues) > 0;
  }

  /**
   * A tagged name made only of transliteration characters is kept whole: it runs on over the transliteration
   * characters that follow (艾哈迈迪内贾德, not 艾哈迈), up to 12 characters and not into a stop word (说, 在 ...).
   */
  private transliterationEnd(f: string, start: number, end: number, limit: number): number {
    const h = this.h;
    for (let k = start; k < end; k++) if (h.translit[f.charCodeAt(k)] !== 1) return end;
    let e = end;
    while (e < limit && e - start < 12 && h.translit[f.charCodeAt(e)] === 1) {
      if (h.nameStops.startsWith(f.charCodeAt(e)) && h.nameStops.matchAt(f, e, this.scratchEnds, this.scratchValues) > 0) break;
      if (this.names.startsWith(f.charCodeAt(e)) && this.nameLongAt(f, f, e)) break;
      e++;
    }
    return e;
  }

  /** 《...》 titles on one line (inner text), and an author name before a citation at the start of a line. */
  private titleCandidates(f: string, out: Candidate[]): void {
    let from = 0;
    for (;;) {
      const open = f.indexOf('《', from);
      if (open < 0) return;
      let close = open + 1;
      const limit = Math.min(f.length, open + 81);
      while (close < limit) {
        const c = f.charCodeAt(close);
        if (c === 0x300b /* 》 */ || c === 10 || c === 13 || c === 0x300a) break;
        close++;
      }
      from = open + 1;
      if (close >= limit || f.charCodeAt(close) !== 0x300b) continue;
      const start = open + 1;
      if (close - start < 2) continue;
      const inner = f.slice(start, close).trimEnd();
      const type: EntityType = TREATY_ENDINGS.some((e) => inner.endsWith(e)) ? 'treaty' : 'other';
      out.push({ start, end: close, type });
      this.authorBefore(f, open, close, out);
      from = close + 1;
    }
  }

  /** 张耀 《国际观察》2006 — a 2-4 character name at the start of a line, spaces, a title, then a year digit. */
  private authorBefore(f: string, open: number, close: number, out: Candidate[]): void {
    const next = f.charCodeAt(close + 1);
    if (!(next >= 48 && next <= 57)) return;
    let j = open - 1;
    let spaces = 0;
    while (j >= 0 && (f.charCodeAt(j) === 32 || f.charCodeAt(j) === 9)) {
      j--;
      spaces++;
    }
    if (spaces === 0) return;
    const end = j + 1;
    while (j >= 0 && isCjk(f.charCodeAt(j)) && end - j <= 4) j--;
    const start = j + 1;
    if (end - start < 2 || end - start > 4) return;
    if (j >= 0 && f.charCodeAt(j) !== 10 && f.charCodeAt(j) !== 13 && f.charCodeAt(j) !== 32) return;
    if (!this.h.surnames[f.charCodeAt(start)] && !this.h.compoundSurnames.has(f.charCodeAt(start) * 65536 + f.charCodeAt(start + 1))) return;
    out.push({ start, end, type: 'person' });
  }

  /** Transliterated names joined by a middle dot: 尤里·乌沙科夫, 巴沙尔·阿萨德. */
  private dotCandidates(f: string, out: Candidate[]): void {
    const translit = this.h.translit;
    for (const dot of MIDDLE_DOTS) {
      const ch = String.fromCharCode(dot);
      let from = 0;
      for (;;) {
        const at = f.indexOf(ch, from);
        if (at < 0) break;
        from = at + 1;
        // Left part: transliteration characters, at most 6.
        let s = at;
        while (s > 0 && at - s < 6 && translit[f.charCodeAt(s - 1)] === 1) s--;
        if (s === at) continue;
        // Right part(s): parts joined by further dots.
        let e = at;
        for (;;) {
          let k = e + 1;
          while (k < f.length && k - e - 1 < 6 && translit[f.charCodeAt(k)] === 1) k++;
          if (k === e + 1) break;
          e = k;
          if (e < f.length && MIDDLE_DOTS.includes(f.charCodeAt(e))) continue;
          break;
        }
        if (e === at) continue;
        out.push({ start: s, end: e, type: 'person', dotted: true });
        from = e;
      }
    }
  }

  /** A title followed by a 2-4 character name: 研究员赵隆, 总统马克龙, 记者杨臻. */
  private titleNameCandidates(f: string, out: Candidate[]): void {
    const h = this.h;
    const ends = this.scratchEnds;
    const values = this.scratchValues;
    for (const title of NAME_TITLES) {
      let from = 0;
      for (;;) {
        const at = f.indexOf(title, from);
        if (at < 0) break;
        from = at + 1;
        // Only the longest title ending here (副总统 contains 总统): skip if a longer title matches at an earlier start.
        const start = at + title.length;
        if (start >= f.length) break;
        const first = f.charCodeAt(start);
        if (!isCjk(first)) continue;
        const compound = start + 1 < f.length && h.compoundSurnames.has(first * 65536 + f.charCodeAt(start + 1));
        const surname = compound || h.surnames[first] === 1;
        const foreign = h.translit[first] === 1;
        if (!surname && !foreign) continue;
        if (h.nameStops.startsWith(first) && h.nameStops.matchAt(f, start, ends, values) > 0) continue;
        // Chinese names: 2-3 characters (4 with a compound surname); transliterations: up to 4 transliteration chars.
        const max = compound ? 4 : surname ? 3 : 4;
        let end = start + 1;
        while (end < f.length && end - start < max) {
          const c = f.charCodeAt(end);
          if (!isCjk(c)) break;
          if (h.nameStops.startsWith(c) && h.nameStops.matchAt(f, end, ends, values) > 0) break;
          if (!surname && h.translit[c] !== 1) break;
          end++;
        }
        if (end - start < 2) continue;
        out.push({ start, end, type: 'person' });
      }
    }
  }
}

/**
 * Units of context the Chinese tagger reads on each side of a stretch of CJK text (see `zhSpans`). Its features see
 * two units each side; the rest is for the decoding, whose labels inside the stretch no longer depend on where the
 * line is cut beyond that: over the NER sets (68,428 lines; MSRA and People's Daily train and dev, GMB dev, the
 * samples), tagging the stretches with 8 units each side gave the same spans as tagging whole lines, with 4 it did
 * not (19 lines, Latin names written in full-width letters: ｋｎｏｗｈｏｗ, Ｃｉｓｃｏ).
 */
const ZH_CONTEXT = 16;

/**
 * The Chinese tagger's names on the line f[from, to): the tagger runs over the stretches around the line's CJK
 * characters (with ZH_CONTEXT units each side), not over the long runs without any between them (an English
 * abstract with a Chinese title on the same line: half the units of such a corpus, tagged for nothing). A line
 * whose CJK characters are never that far apart is tagged whole, as before.
 */
export function zhSpans(zh: ZhTagger, text: string, f: string, from: number, to: number): TaggedSpan[] {
  let out: TaggedSpan[] | undefined;
  let k = from;
  while (k < to) {
    while (k < to && !isCjk(text.charCodeAt(k))) k++;
    if (k >= to) break;
    let last = k;
    let j = k + 1;
    for (; j < to; j++) {
      if (isCjk(text.charCodeAt(j))) last = j;
      else if (j - last > 2 * ZH_CONTEXT) break;
    }
    const start = Math.max(from, k - ZH_CONTEXT);
    const end = Math.min(to, last + 1 + ZH_CONTEXT);
    if (start === from && end === to) return zh.tag(f, from, to);
    const spans = zh.tag(f, start, end);
    if (out) for (const s of spans) out.push(s);
    else out = spans;
    k = j;
  }
  return out ?? [];
}

const TAG_TYPES: readonly TaggedSpan['type'][] = ['PER', 'LOC', 'ORG'];

/** Spans as (start - from, end - from, type) triples. */
export function packSpans(spans: readonly TaggedSpan[], from: number): Int32Array {
  const out = new Int32Array(spans.length * 3);
  for (let k = 0; k < spans.length; k++) {
    const s = spans[k]!;
    out[3 * k] = s.start - from;
    out[3 * k + 1] = s.end - from;
    out[3 * k + 2] = TAG_TYPES.indexOf(s.type);
  }
  return out;
}

/** The spans of `packSpans`, at `from` (new objects). */
export function unpackSpans(packed: Int32Array, from: number): TaggedSpan[] {
  const out: TaggedSpan[] = [];
  for (let k = 0; k < packed.length; k += 3) out.push({ start: packed[k]! + from, end: packed[k + 1]! + from, type: TAG_TYPES[packed[k + 2]!]! });
  return out;
}

/**
 * The surname of a person the document names in full, as a candidate (Hans Grundberg; 汉斯·格伦德伯格), is that
 * person where it comes alone later: a later candidate of that text becomes the person (a tagger may have typed
 * the bare word as an organisation), and so does every later occurrence where nothing else was found. Known
 * names keep their link (a surname that is also a country or a known person stays that).
 */
function candidateSurnames(text: string, f: string, found: EntityMention[]): EntityMention[] {
  let bySurname: Map<string, EntityMention> | undefined;
  for (const m of found) {
    if (m.confirmed || m.type !== 'person') continue;
    const name = f.slice(m.start, m.end);
    const latin = /^[a-z][a-z'-]*(?: [a-z][a-z'.-]*)* ([a-z][a-z'-]{2,})$/.exec(name);
    const dotted = latin ? undefined : /[·•・.]([\u3400-\u9fff]{2,})$/.exec(name);
    const surname = latin?.[1] ?? dotted?.[1];
    if (!surname || bySurname?.has(surname)) continue;
    // Latin: the surname must be written with a capital in the full name (van, al- and de stay particles).
    if (latin && !isUpper(text.charCodeAt(m.end - surname.length))) continue;
    (bySurname ??= new Map()).set(surname, m);
  }
  if (!bySurname) return found;
  let out = found;
  for (const [surname, person] of bySurname) {
    const latin = isWordChar(surname.charCodeAt(0));
    for (let at = f.indexOf(surname, person.end); at >= 0; at = f.indexOf(surname, at + surname.length)) {
      const end = at + surname.length;
      if (latin && (insideWord(f, at, end) || !isUpper(text.charCodeAt(at)))) continue;
      const inside = overlapping(out, { start: at, end });
      if (inside.length === 0) {
        // A Chinese surname of two characters may be part of another word (阿里 in 阿里巴巴): only the tagger's own.
        if (!latin && surname.length < 3) continue;
        if (out === found) out = found.slice();
        out.splice(lowerBoundBy(out, at, (x) => x.start), 0, { kind: 'entity', start: at, end, text: text.slice(at, end), entityId: person.entityId, type: 'person', confirmed: false, via: 'candidate' });
      } else if (inside.length === 1 && inside[0]!.start === at && inside[0]!.end === end && !inside[0]!.confirmed) {
        if (out === found) out = found.slice();
        out[out.indexOf(inside[0]!)] = { ...inside[0]!, entityId: person.entityId, type: 'person' };
      }
    }
  }
  return out;
}

/**
 * Names the document itself links: a candidate followed by a known name in brackets (柏罕（Abdel Fattah
 * al-Burhan）, 穆罕默德．沙尔曼（Mohammed bin Salman）, 阿联（UAE）) is that entity, and so is every other
 * candidate of the same text in the document. Only where the types agree (a place may be a country).
 */
function appositions(text: string, f: string, found: EntityMention[]): EntityMention[] {
  let linked: Map<string, EntityMention> | undefined;
  for (let k = 0; k + 1 < found.length; k++) {
    const c = found[k]!;
    const m = found[k + 1]!;
    if (c.confirmed || !m.confirmed || m.demonym || !compatibleTypes(c.type, m.type)) continue;
    let i = c.end;
    while (i < m.start && f.charCodeAt(i) === 0x20) i++;
    if (f.charCodeAt(i) !== 0x28) continue; // "(" (full-width brackets fold to ASCII)
    i++;
    while (i < m.start && f.charCodeAt(i) === 0x20) i++;
    if (i !== m.start) continue;
    let j = m.end;
    while (j < f.length && f.charCodeAt(j) === 0x20) j++;
    const close = f.charCodeAt(j);
    // The bracket holds that name only, or the name then a comma or semicolon (（Massad Boulos，...）).
    if (close !== 0x29 && close !== 0x2c && close !== 0x3b && close !== 0x3001) continue;
    (linked ??= new Map()).set(c.entityId, m);
  }
  if (!linked) return found;
  const out = found.map((c) => {
    const m = c.confirmed ? undefined : linked.get(c.entityId);
    return m ? { ...c, entityId: m.entityId, type: m.type, confirmed: true, via: 'alias' as const } : c;
  });
  // The same name elsewhere in the text, where nothing else was found (the tagger need not propose it again).
  for (const [id, m] of linked) {
    const surface = id.slice('candidate:'.length);
    if (surface.length < 2) continue;
    for (let at = f.indexOf(surface); at >= 0; at = f.indexOf(surface, at + surface.length)) {
      const end = at + surface.length;
      if (isWordChar(f.charCodeAt(at)) && insideWord(f, at, end)) continue;
      if (overlapping(out, { start: at, end }).length) continue;
      out.splice(lowerBoundBy(out, at, (x) => x.start), 0, { kind: 'entity', start: at, end, text: text.slice(at, end), entityId: m.entityId, type: m.type, confirmed: true, via: 'alias' });
    }
  }
  return out;
}

function compatibleTypes(candidate: EntityType, known: EntityType): boolean {
  return candidate === known || (candidate === 'place' && known === 'country');
}

/**
 * Is the candidate `c` nothing but the confirmed mentions `inside` (sorted) and what is no word between them: spaces,
 * punctuation ("U.N.-African Union": the U.N. and the African Union, no third name)?
 */
function onlyBetween(f: string, c: { start: number; end: number }, inside: readonly EntityMention[]): boolean {
  let at = c.start;
  for (const m of [...inside, { start: c.end, end: c.end }]) {
    for (let k = at; k < m.start; k++) if (isWordChar(f.charCodeAt(k)) || isCjk(f.charCodeAt(k))) return false;
    at = Math.max(at, m.end);
  }
  return true;
}

/** Is `m` one whole part of the dotted name `c` (叙利亚 in 叙利亚·大马士革)? */
/**
 * Is the known organisation `m` the head word of the candidate organisation `c` (README: a name ending where the
 * outer ends is its head word, not a member)? It ends `c`, and words that no mention inside covers come before it:
 * the candidate is another organisation (the Christian Democratic Party is not the Democratic Party, 伊朗最高国家安全
 * 委员会 not the US National Security Council). A country right before it stays with it ("U.S. Department of State").
 */
function ownHeadWord(f: string, c: { start: number; end: number }, m: EntityMention, inside: readonly EntityMention[]): boolean {
  if (m.type !== 'organization' || m.end !== c.end || m.start <= c.start) return false;
  let from = c.start;
  for (const x of inside) if (x !== m && x.end <= m.start && x.end > from) from = x.end;
  for (let k = from; k < m.start; k++) {
    const ch = f.charCodeAt(k);
    if (isWordChar(ch) || (ch >= 0x3400 && ch <= 0x9fff) || (ch >= 0xf900 && ch <= 0xfaff)) return true;
  }
  return false;
}

function wholePart(f: string, c: { start: number; end: number }, m: { start: number; end: number }): boolean {
  const startsPart = m.start === c.start || MIDDLE_DOTS.includes(f.charCodeAt(m.start - 1));
  const endsPart = m.end === c.end || MIDDLE_DOTS.includes(f.charCodeAt(m.end));
  return startsPart && endsPart;
}

/** Does f[at, end) touch a Latin letter or digit on either side (part of a longer word)? */
function insideWord(f: string, at: number, end: number): boolean {
  return (at > 0 && isWordChar(f.charCodeAt(at - 1))) || (end < f.length && isWordChar(f.charCodeAt(end)));
}

/** The mentions of a start-sorted, non-overlapping list that overlap [c.start, c.end). */
function overlapping(sorted: EntityMention[], c: { start: number; end: number }): EntityMention[] {
  const lo = lowerBoundBy(sorted, c.start + 1, (m) => m.end);
  const out: EntityMention[] = [];
  for (let i = lo; i < sorted.length && sorted[i]!.start < c.end; i++) out.push(sorted[i]!);
  return out;
}

function stripMembers(m: EntityMention): EntityMention {
  if (!m.members) return m;
  const copy = { ...m };
  delete copy.members;
  return copy;
}

/** Does a sentence start at `at` (the text's start, or after a line break or a full stop, ! or ? and spaces)? */
function sentenceStart(f: string, at: number): boolean {
  let k = at - 1;
  while (k >= 0 && (f.charCodeAt(k) === 0x20 || f.charCodeAt(k) === 0x22 || f.charCodeAt(k) === 0x201c)) k--;
  if (k < 0) return true;
  const c = f.charCodeAt(k);
  return c === 0x0a || c === 0x0d || ((c === 0x2e || c === 0x21 || c === 0x3f) && k < at - 1);
}

/** An apostrophe followed by a word that is not the possessive 's: Xi'an, O'Brien (not Putin's). */
function apostropheWord(f: string, at: number): boolean {
  const c = f.charCodeAt(at);
  if (c !== 39 && c !== 0x2019) return false;
  const next = f.charCodeAt(at + 1);
  if (!isWordChar(next)) return false;
  if (next === 115 /* s */ && !isWordChar(f.charCodeAt(at + 2))) return false;
  return true;
}

/** `span` without white space at either end (folded text: U+3000 is a space there), or undefined if nothing is left. */
function trimmedSpan(f: string, span: TaggedSpan): TaggedSpan | undefined {
  let { start, end } = trimSpan(f, span.start, span.end);
  // A name holds no quotation mark or bracket it does not close (美军驱逐舰「希金斯号」 is no organisation 美军驱逐舰「希金斯).
  const cut = unclosedAt(f, start, end);
  if (cut === start) start++;
  else if (cut > start) end = cut;
  if (cut >= 0 && unclosedAt(f, start, end) >= 0) return undefined;
  // An article before an English name is not part of it (The Associated Press), nor is a full stop or a comma
  // after it (Nizar Awadallah.), except after an initial or an abbreviation (Ferdinand Marcos Jr., U.S.).
  if (end - start > 6 && f.startsWith('the ', start)) start += 4;
  const last = f.charCodeAt(end - 1);
  if ((last === 0x2e || last === 0x2c) && end - start > 2) {
    const word = /([a-z]+)$/.exec(f.slice(Math.max(start, end - 8), end - 1))?.[1] ?? '';
    if (last === 0x2c || (word.length > 1 && !NAME_ABBREVIATIONS.has(word))) end--;
  }
  // Titles alone are no names (the tagger's "Prime" of "Prime Minister Sheikh ...").
  // (Every title word starts with a Latin letter: a span that does not is no title.)
  const first = f.charCodeAt(start);
  if (first >= 97 && first <= 122) {
    // (A title's possessive is the title: "Secretary-General's".)
    const ws = f.slice(start, end).split(' ').map((w) => w.replace(/\.$/, '').replace(/['\u2019]s$/, ''));
    // (After an honorific, a word that is no office is the name: "Mrs. King", not "Mr. President".)
    const named = ws.length >= 2 && HONORIFICS.has(ws[0]!) && !ws.slice(1).some((w) => ENGLISH_PERSON_TITLES.has(w) || ENGLISH_OFFICE_WORDS.has(w));
    if (!named && ws.every((w) => ENGLISH_TITLE_WORDS.has(w) || ENGLISH_OFFICE_WORDS.has(w))) return undefined;
    // One generic word of an institution that starts a sentence is capitalised as the sentence is ("Army units
    // moved ..."), not as a name; nor is a portfolio before a minister's title ("Commerce Minister", "Interior
    // Minister": the title, not a ministry).
    if (ws.length === 1 && GENERIC_WORDS.has(ws[0]!) && sentenceStart(f, start)) return undefined;
    if (ws.length === 1 && /^ ministers?\b/.test(f.slice(end, end + 11))) return undefined;
    // A reference to a part of a text is no name (Article VI, Section 232, Chapter VII).
    if (ws.length === 2 && LEGAL_PARTS.has(ws[0]!) && /^([0-9]+[a-z]?|[ivxlc]+)$/.test(ws[1]!)) return undefined;
    // Generic words of an institution, ending in a plural, are no name either (Member States; not the Federation Council).
    if (ws.length >= 2 && ws.every((w) => GENERIC_WORDS.has(w)) && ws[ws.length - 1]!.endsWith('s')) return undefined;
    // A person is no coordination: "Maroš Šefčovič and Commerce" is Maroš Šefčovič.
    if (span.type === 'PER') {
      const and = f.indexOf(' and ', start);
      if (and > start && and < end) end = and;
    }
    // A span runs over no sentence end: "Rubio. Later" is Rubio (not after an initial or an abbreviation: U.S. Navy).
    for (let k = start + 2; k < end - 1; k++) {
      if (f.charCodeAt(k) !== 0x2e || f.charCodeAt(k + 1) !== 0x20) continue;
      const word = /([a-z]+)$/.exec(f.slice(Math.max(start, k - 8), k))?.[1] ?? '';
      if (word.length > 1 && !NAME_ABBREVIATIONS.has(word) && !ENGLISH_TITLE_WORDS.has(word)) {
        end = k;
        break;
      }
    }
  }

  if (start >= end) return undefined;
  return start === span.start && end === span.end ? span : { ...span, start, end };
}

/**
 * Where a title of ORGANIZATION_TITLE_ENDINGS starts in the Chinese organisation `name`, when it ends the name or
 * only up to four characters of a name follow it (not an office or a body: 秘书长办公室, 大使馆, 主席团), else -1.
 * The last such title.
 */
function titleInside(name: string): number {
  let best = -1;
  for (const t of ORGANIZATION_TITLE_ENDINGS) {
    const at = name.lastIndexOf(t);
    if (at < 2 || at <= best) continue;
    const rest = name.length - at - t.length;
    if (rest > 4 || (rest > 0 && /[室厅处府部局会馆团组院议级]/.test(name.slice(at + t.length)))) continue;
    best = at;
  }
  return best;
}

/** A word for a ship, a name (in quotation marks or not), then 号 (驱逐舰格雷夫利号, 货轮“银河领袖”号; not 号召, 号称). */
const SHIP_NAME = /(?:航空母舰|航母|潜艇|[舰轮船艇])[“「『]?([\u3400-\u9fff·a-z0-9]{2,10}?)([”」』]?)号(?![召称令码])/g;

/**
 * The ship's name a Chinese tagged span overlaps, written after a word for a ship and before 号 (the tagger's
 * 美军驱逐舰格雷夫利号 or 拉布 of 驱逐舰拉布恩号: the ship 格雷夫利, 拉布恩), or undefined.
 */
function shipNameAround(f: string, span: TaggedSpan): TaggedSpan | undefined {
  const lo = Math.max(0, span.start - 6);
  const window = f.slice(lo, Math.min(f.length, span.end + 12));
  if (!window.includes('号')) return undefined;
  for (const m of window.matchAll(SHIP_NAME)) {
    const start = lo + m.index + m[0].length - 1 - m[2]!.length - m[1]!.length;
    const end = start + m[1]!.length;
    if (start < span.end && span.start < end && shipName(m[1]!)) return { ...span, start, end };
  }
  return undefined;
}

/** May `name` before 号 be a ship's: not a number (二十五号), nor the end of another word (编号, 舷号, 型号), no function word? */
function shipName(name: string): boolean {
  return !/[编舷番型信口字代账序〇零一二三四五六七八九十百千两0-9]$/.test(name) && !/[的了在是和与及将被把向对从为]/.test(name);
}

/**
 * Ships named after a word for a ship and before 号 (货轮银河领袖号, 驱逐舰格雷夫利号), as vessels (type other);
 * not where 号 ends another word (编号, 舷号, 型号, 信号) or a number (船板胡同二十五号), nor a name with a function
 * word (的, 了, 在).
 */
function shipCandidates(f: string, out: Candidate[]): void {
  if (!f.includes('号')) return;
  for (const m of f.matchAll(SHIP_NAME)) {
    const name = m[1]!;
    if (!shipName(name)) continue;
    const start = m.index + m[0].length - 1 - m[2]!.length - name.length;
    out.push({ start, end: start + name.length, type: 'other' });
  }
}

/** Characters of a word for a ship (驱逐舰, 货轮, 油轮, 渔船, 潜艇, 航母) before or after a ship's name and its 号. */
const SHIP_CHARS = '舰轮船艇';

/**
 * Is the Chinese name f[start, end) a ship's: followed by 号 (not 号召, 号称) after a word for a ship (驱逐舰卡尼号)
 * or before one (辽宁号航母), or ending in 号 and such a word itself (辽宁号航母)? A vessel is typed other.
 */
function vesselAt(f: string, start: number, end: number): boolean {
  const ship = (k: number) => SHIP_CHARS.includes(f.charAt(k)) || f.startsWith('航母', k);
  if (/号(?:航母|[舰轮船艇])$/.test(f.slice(start, end))) return true;
  if (f.charCodeAt(end) !== 0x53f7 /* 号 */ || '召称令码'.includes(f.charAt(end + 1))) return false;
  return ship(start - 1) || f.startsWith('航母', start - 2) || ship(end + 1);
}

/** The length of the longest of `endings` that `name` ends with (0 when none). */
function longestEnding(name: string, endings: readonly string[]): number {
  let best = 0;
  for (const e of endings) if (e.length > best && name.endsWith(e)) best = e.length;
  return best;
}

/** The words of f[start, end) (split at spaces), with their offsets. */
function spanWords(f: string, start: number, end: number): Array<{ start: number; end: number; w: string }> {
  const words: Array<{ start: number; end: number; w: string }> = [];
  for (const m of f.slice(start, end).matchAll(/\S+/g)) words.push({ start: start + m.index, end: start + m.index + m[0].length, w: m[0].replace(/\.$/, '') });
  return words;
}

/**
 * An English tagged span that starts with a person's title (President Trump, Captain Ibrahim Traore, Deputy
 * Prosecutor Nazhat Shameem Khan): the person after the title run, whatever type the tagger gave the whole. The
 * run is of title words (ENGLISH_TITLE_WORDS, ENGLISH_OFFICE_WORDS) and holds a person's title
 * (ENGLISH_PERSON_TITLES: not General Assembly, State Department, Foreign Ministry); a capitalised word follows it.
 */
function titledPerson(text: string, f: string, span: TaggedSpan): TaggedSpan {
  const words = spanWords(f, span.start, span.end);
  let k = 0;
  let person = false;
  while (k < words.length && (ENGLISH_TITLE_WORDS.has(words[k]!.w) || ENGLISH_OFFICE_WORDS.has(words[k]!.w))) {
    if (ENGLISH_PERSON_TITLES.has(words[k]!.w)) person = true;
    k++;
  }
  if (k === 0 || !person || k >= words.length) return span;
  const rest = words[k]!;
  if (!isUpper(text.charCodeAt(rest.start)) || OFFICE_FUNCTION_WORDS.has(rest.w)) return span;
  return { start: rest.start, end: span.end, type: 'PER' };
}

/** Lower-case particles that begin names (al-Zarqawi, al Qaida, bin Laden, de Mistura, van Rompuy). */
const NAME_PARTICLES = new Set(['al', 'el', 'ad', 'as', 'ash', 'at', 'bin', 'ibn', 'bint', 'de', 'da', 'das', 'dos', 'do', 'di', 'del', 'della', 'der', 'den', 'van', 'von', 'ten', 'ter', 'la', 'le', 'du', 'des', 'y']);

/**
 * An English tagged name begins with a capital: lower-case words before the first capitalised one are cut off
 * ("oil-rich Abyei", "western Aceh", "and Kurds"), and a span of lower-case words only is none ("mid-1980s",
 * "second-in-command", a web address); a word with a capital inside it stays (eBay, anti-THAKSIN), and so does a
 * name's particle (al-Zarqawi, al Qaida, bin Laden).
 */
function fromCapital(text: string, span: TaggedSpan): TaggedSpan | undefined {
  let k = span.start;
  for (;;) {
    if (k >= span.end) return undefined;
    const c = text.charCodeAt(k);
    if (!isLower(c)) return k === span.start ? span : { ...span, start: k };
    let e = k;
    let capital = false;
    while (e < span.end && text.charCodeAt(e) !== 0x20) {
      if (isUpper(text.charCodeAt(e))) capital = true;
      e++;
    }
    const word = /^[a-z]+/.exec(text.slice(k, e))?.[0] ?? '';
    if (capital || NAME_PARTICLES.has(word)) return k === span.start ? span : { ...span, start: k };
    // On to the next word (over spaces and punctuation: "second-in-command, General" is no name either).
    k = e;
    while (k < span.end && !isWordChar(text.charCodeAt(k))) k++;
  }
}

/**
 * An English person or place the tagger ran into a number ("Ferrer 6-3", "Britain, 06-Apr") ends before the first
 * word holding a digit: no personal or place name is written with one. Undefined when that is its first word.
 */
function beforeNumber(f: string, span: TaggedSpan): TaggedSpan | undefined {
  let wordStart = span.start;
  for (let k = span.start; k < span.end; k++) {
    const c = f.charCodeAt(k);
    if (c === 0x20) wordStart = k + 1;
    else if (c >= 48 && c <= 57) {
      let end = wordStart;
      while (end > span.start && (f.charCodeAt(end - 1) === 0x20 || f.charCodeAt(end - 1) === 0x2c)) end--;
      return end > span.start ? { ...span, end } : undefined;
    }
  }
  return span;
}

/**
 * The type of an English candidate, from its own words and the word before it: a name ending in a treaty word is
 * a treaty (the Jeddah Declaration, the Code of Conduct); a name after a word for a ship or a flag (the cargo ship
 * Galaxy Leader, USS Carney, the Liberian-flagged Magic Seas) or in apposition to one (Eternity C, a bulk carrier)
 * is a vessel, typed other; a "person" whose first word starts no personal name is a place
 * (El Fasher, Port Sudan). For the tagger's persons and places (`englishRetyped`): none for a creed, a faith or a
 * group's name; an organisation for a name ending in an organisation's head word; a place
 * for a person after a word for a kind of place or a preposition of place; a person for a place before ", who";
 * a person for an organisation after an honorific or before a possessive and a word for a relative (`personContext`).
 */
function englishType(f: string, start: number, end: number, type: EntityType, retype = true): EntityType | undefined {
  const words = spanWords(f, start, end);
  if (words.length >= 2 && ENGLISH_TREATY_ENDINGS.has(words[words.length - 1]!.w)) return 'treaty';
  let k = start;
  while (k > 0 && f.charCodeAt(k - 1) === 0x20) k--;
  let b = k;
  while (b > 0 && isWordChar(f.charCodeAt(b - 1))) b--;
  if (b < k && (VESSEL_WORDS.has(f.slice(b, k)) || f.slice(Math.max(0, k - 8), k) === '-flagged')) return 'other';
  // In apposition to a ship ("Magic Seas, a Liberian-flagged bulk carrier").
  // The head of the noun phrase is its last word: before punctuation, the end of the line or a preposition.
  const after = /^,\s+(?:a|an|the)\s+(?:[a-z-]+\s+){0,3}?([a-z]+)(?=\s*(?:[,.;:)]|$)|\s+(?:of|in|from|with|carrying|bound|owned|operated)\b)/.exec(f.slice(end, end + 60));
  if (after && VESSEL_WORDS.has(after[1]!) && after[1]!.length > 3) return 'other';
  if (words.length >= 2 && VESSEL_WORDS.has(words[0]!.w) && words[0]!.w.length <= 3) return 'other';
  if (type === 'person' && words.length >= 2 && PLACE_FIRST_WORDS.has(words[0]!.w)) return 'place';
  // The head word of an organisation ends the name: Patriotic Bloc, Appellate Body, Our Party, Polisario Front.
  if (type !== 'organization' && words.length >= 2 && ENGLISH_ORGANIZATION_LAST_WORDS.has(words[words.length - 1]!.w)) return 'organization';
  // (A known person's bare surname keeps its type: only the tagger's own types are read again.)
  if (!retype) return type;
  if (type === 'person' || type === 'place') return englishRetyped(f, start, end, words, type);
  return type === 'organization' && personContext(f, start, end, false) ? 'person' : type;
}

/**
 * Words for a settlement that a place's name is written in apposition to ("the capital, Baku,", "a village, Majdal
 * Shams,"); not a region or a province, which a person's office names ("the governor of Balkh province, Atta
 * Mohammed").
 */
const SETTLEMENT_WORDS = new Set(['capital', 'town', 'city', 'village', 'villages', 'island', 'port', 'suburb', 'neighborhood', 'neighbourhood', 'settlement']);

/** Prepositions after which an English name is a place, not a person ("in Naypyidaw", "near Spin Boldak"). */
const PLACE_PREPOSITIONS = new Set(['in', 'near', 'outside', 'inside', 'across', 'throughout']);

/**
 * The English tagger's person or place `words` (f[start, end)) retyped from the words themselves and the words
 * around them, or undefined when it is no name:
 *  - one word of a creed, a faith or a group (ENGLISH_CREED_WORDS; -ism, -ist, -ists: Judaism, Maoist) is no person
 *    and no place;
 *  - two or more words ending in an organisation's head word (ENGLISH_ORGANIZATION_HEADS) are an organisation
 *    (Mahee Worldwide Ventures); not a place ending in "Bank" (the Left Bank);
 *  - a person after a word for a kind of place and "of" or a comma ("the town of X", "the capital, X") or after a
 *    preposition of place ("in X", not before a possessive: "in Obama's speech") is a place;
 *  - a place after an honorific, before "who" or before a possessive and a word for a relative is a person
 *    ("Moya, who was trying ...", "Gamal's wife"; `personContext`).
 */
function englishRetyped(f: string, start: number, end: number, words: ReadonlyArray<{ w: string }>, type: EntityType): EntityType | undefined {
  const last = words[words.length - 1]!.w;
  if (words.length === 1 && (ENGLISH_CREED_WORDS.has(last) || (last.length > 5 && (last.endsWith('ism') || last.endsWith('ist') || last.endsWith('ists'))))) return undefined;
  if (words.length >= 2 && ENGLISH_ORGANIZATION_HEADS.has(last) && !(type === 'place' && last === 'bank')) return 'organization';
  if (placeContext(f, start, end)) return 'place';
  return type === 'place' && personContext(f, start, end, true) ? 'person' : type;
}

/** Words for a relative: a name followed by its possessive and one of these is a person's ("Gamal's wife"). */
const KIN_WORDS = new Set(['wife', 'husband', 'son', 'daughter', 'sons', 'daughters', 'brother', 'sister', 'father', 'mother', 'widow', 'widower', 'grandson', 'granddaughter', 'nephew', 'niece', 'cousin', 'uncle', 'aunt', 'parents', 'children', 'family']);
/** Honorifics before a person's name (folded, full stop left out). */
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'madam', 'mme']);

/**
 * Is the English name f[start, end) written where a person is: after an honorific ("Mr. X"), before "who" or
 * "whose" ("X, who fled in March"), or before a possessive and a word for a relative ("X's wife")?
 */
function personContext(f: string, start: number, end: number, who: boolean): boolean {
  // (Char by char: this runs for every tagged place and organisation.)
  let k = start;
  while (k > 0 && f.charCodeAt(k - 1) === 0x20) k--;
  if (k < start && f.charCodeAt(k - 1) === 0x2e) k--;
  let b = k;
  while (b > 0 && k - b <= 5 && isLower(f.charCodeAt(b - 1))) b--;
  if (b < k && k - b <= 5 && (b === 0 || !isWordChar(f.charCodeAt(b - 1))) && HONORIFICS.has(f.slice(b, k))) return true;
  let a = end;
  while (f.charCodeAt(a) === 0x20) a++;
  const c = f.charCodeAt(a);
  if (c === 39 || c === 0x2019) {
    a++;
    if (f.charCodeAt(a) === 115 /* s */) a++;
    if (f.charCodeAt(a) !== 0x20) return false;
    while (f.charCodeAt(a) === 0x20) a++;
    let e = a;
    while (isLower(f.charCodeAt(e))) e++;
    return e > a && !isWordChar(f.charCodeAt(e)) && KIN_WORDS.has(f.slice(a, e));
  }
  if (!who) return false;
  if (c === 0x2c) {
    a++;
    while (f.charCodeAt(a) === 0x20) a++;
  }
  if (!f.startsWith('who', a)) return false;
  const next = f.charCodeAt(a + 3);
  return !isWordChar(next) || (f.startsWith('se', a + 3) && !isWordChar(f.charCodeAt(a + 5)));
}

/**
 * Is the English name f[start, end) written where a place is: after a word for a kind of place and "of" ("the town
 * of X"), in apposition to a settlement ("the capital, X," but not "in the town, X said"), or after a preposition of place
 * ("in X"; not before a possessive, "in Obama's speech")?
 */
function placeContext(f: string, start: number, end: number): boolean {
  const before = wordBefore(f, start);
  if (!before) return false;
  if (before.comma) return SETTLEMENT_WORDS.has(before.w) && /^\s*(?:[,.;:)]|$)/.test(f.slice(end, end + 3));
  if (PLACE_PREPOSITIONS.has(before.w)) return !possessiveAt(f, end);
  if (before.w !== 'of') return false;
  const kind = wordBefore(f, before.start);
  return kind !== undefined && !kind.comma && ENGLISH_PLACE_KIND_WORDS.has(kind.w);
}

/**
 * The word before offset `at` in the folded text (over spaces and at most one comma: `comma` tells whether there
 * was one), or undefined at the start of the text or after other punctuation.
 */
function wordBefore(f: string, at: number): { w: string; start: number; comma: boolean } | undefined {
  let k = at;
  while (k > 0 && f.charCodeAt(k - 1) === 0x20) k--;
  let comma = false;
  if (k > 0 && f.charCodeAt(k - 1) === 0x2c) {
    comma = true;
    k--;
    while (k > 0 && f.charCodeAt(k - 1) === 0x20) k--;
  }
  let b = k;
  while (b > 0 && isWordChar(f.charCodeAt(b - 1))) b--;
  return b < k ? { w: f.slice(b, k), start: b, comma } : undefined;
}

/** Does a possessive ('s, ’s or a lone apostrophe) follow offset `at` (over spaces)? */
function possessiveAt(f: string, at: number): boolean {
  let k = at;
  while (f.charCodeAt(k) === 0x20) k++;
  const c = f.charCodeAt(k);
  return c === 39 || c === 0x2019;
}

/**
 * The name after a possessive in an English tagged span whose possessor is a known name: "the U.N.'s International
 * Maritime Organization" and "Saddam Hussein's Baath Party" are two names, the possessor known on its own. A
 * possessive after an unknown word stays inside (Macy's Thanksgiving Parade, Moody's Investors Service).
 */
function possessed(f: string, span: TaggedSpan, confirmed: readonly EntityMention[], from: number): TaggedSpan | undefined {
  let start = span.start;
  for (let i = from; i < confirmed.length && confirmed[i]!.start < span.end; i++) {
    const m = confirmed[i]!;
    if (m.end <= start || m.start < span.start) continue;
    let k = m.end;
    while (f.charCodeAt(k) === 0x20) k++;
    const c = f.charCodeAt(k);
    if ((c !== 39 && c !== 0x2019) || f.charCodeAt(k + 1) !== 115 /* s */ || isWordChar(f.charCodeAt(k + 2))) continue;
    k += 2;
    while (f.charCodeAt(k) === 0x20) k++;
    if (k >= span.end) return undefined; // the possessor alone ("Iran 's")
    start = k;
  }
  return start === span.start ? span : { ...span, start };
}

/**
 * An English organisation span without the office title it runs into: "U.N. Special Envoy" is the U.N. and a title,
 * "U.N. Special Envoy Staffan de Mistura" the U.N., a title and a person. The span is cut at its first run of
 * title words that holds an office (ENGLISH_OFFICE_WORDS): the organisation before it (none when the run starts
 * the span) and, when capitalised words follow, a person after it. Not after a function word (the Office of the
 * President is one name).
 */
function officeSplit(text: string, f: string, span: TaggedSpan): TaggedSpan[] {
  const words: Array<{ start: number; end: number; w: string }> = [];
  for (const m of f.slice(span.start, span.end).matchAll(/\S+/g)) words.push({ start: span.start + m.index, end: span.start + m.index + m[0].length, w: m[0] });
  const j = words.findIndex((x) => ENGLISH_OFFICE_WORDS.has(x.w));
  if (j < 0) return [span];
  let k = j;
  while (k > 0 && (ENGLISH_TITLE_WORDS.has(words[k - 1]!.w) || ENGLISH_OFFICE_WORDS.has(words[k - 1]!.w))) k--;
  if (k > 0 && OFFICE_FUNCTION_WORDS.has(words[k - 1]!.w)) return [span];
  const out: TaggedSpan[] = [];
  if (k > 0) out.push({ ...span, end: words[k - 1]!.end });
  // The person after the office, past the rest of the title (Director General Rafael Grossi: not "General ...").
  let r = j + 1;
  while (r < words.length && (ENGLISH_TITLE_WORDS.has(words[r]!.w) || ENGLISH_OFFICE_WORDS.has(words[r]!.w))) r++;
  const rest = words[r];
  if (rest && isUpper(text.charCodeAt(rest.start))) {
    // (One person, not a coordination: "Commissioner Maroš Šefčovič and Commerce" is Maroš Šefčovič.)
    const and = f.indexOf(' and ', rest.start);
    out.push({ start: rest.start, end: and > rest.start && and < span.end ? and : span.end, type: 'PER' });
  }
  return out;
}

/**
 * A numbered resolution (第2231号决议, Resolution 2231) is a treaty candidate, with the body that adopted it when its
 * known name comes right before (安理会第2231号决议, Security Council Resolution 1701: the body is its member). In
 * English the word needs its capital, or the body before it ("Council resolution 2231").
 */
function resolutions(text: string, f: string, confirmed: readonly EntityMention[], out: Candidate[]): void {
  const body = (at: number) => {
    const k = lowerBoundBy(confirmed, at, (m) => m.end);
    const m = confirmed[k];
    return m && m.end === at && m.type === 'organization' ? m : undefined;
  };
  if (f.indexOf('号决议') >= 0) for (const r of f.matchAll(/第\s*[0-9]{2,4}\s*号决议/g)) {
    const start = r.index;
    out.push({ start: body(start)?.start ?? start, end: start + r[0].length, type: 'treaty' });
  }
  if (f.indexOf('resolution ') >= 0) for (const r of f.matchAll(/\bresolution ([0-9]{2,4})\b(?!\s*(?:votes?|members|people|%))/g)) {
    const start = r.index;
    const before = start > 0 && f.charCodeAt(start - 1) === 0x20 ? body(start - 1) : undefined;
    if (!before && text.charCodeAt(start) !== 0x52 /* R */) continue;
    out.push({ start: before?.start ?? start, end: start + r[0].length, type: 'treaty' });
  }
}

/** Quotation marks around a Chinese name (folded text), opening and closing. */
const QUOTE_PAIRS: ReadonlyArray<readonly [number, number]> = [
  [0x300c, 0x300d], // 「」
  [0x300e, 0x300f], // 『』
  [0x201c, 0x201d], // “”
];
/** Words that end the name of a party or a bloc (folded): 行动与团结党, 爱国阵营, 波利萨里奥阵线, 自由联盟. */
const PARTY_ENDINGS = ['党', '阵营', '阵线', '联盟', '同盟', '集团'];
/** First characters of a quoted phrase that is no party's name: pronouns and determiners (我们党, 该联盟, 这个集团). */
const NOT_PARTY_STARTS = '我你他她它本该这那此全各某其每';
/** Characters before 党 that make it an object (治党, 建党, 入党, 在党) and before a bloc word (结成联盟, 加入集团). */
const PARTY_OBJECT_VERBS = '在治建入爱管兴强护立救拥退反';
const BLOC_OBJECT_VERBS = '入成加组建';

/**
 * A party or a bloc named in quotation marks (「行动与团结党」, “爱国者集团”, 「民族阵线」): the quoted text, 2-12 more
 * characters (CJK, digits, middle dots) before a PARTY_ENDINGS word, is an organisation candidate. News writes the
 * names of foreign parties and electoral blocs this way; the tagger misses those it cannot read as Chinese words
 * (与, 和 inside the name).
 */
function quotedOrganizations(f: string, out: Candidate[]): void {
  for (const [open, close] of QUOTE_PAIRS) {
    for (let at = f.indexOf(String.fromCharCode(open)); at >= 0; at = f.indexOf(String.fromCharCode(open), at + 1)) {
      const start = at + 1;
      let end = start;
      while (end < f.length && end - start <= 16) {
        const c = f.charCodeAt(end);
        if (!(isCjk(c) || (c >= 48 && c <= 57) || c === 0xb7)) break;
        end++;
      }
      if (end >= f.length || f.charCodeAt(end) !== close) continue;
      const name = f.slice(start, end);
      const ending = PARTY_ENDINGS.find((e) => name.endsWith(e));
      if (!ending || name.length - ending.length < 2 || name.length - ending.length > 12) continue;
      // (Not a pronoun's or a determiner's: 「我们党」, “该联盟”; nor a slogan with the party as its object: “从严治党”,
      // “关键在党”, “结成联盟”.)
      if (NOT_PARTY_STARTS.includes(name.charAt(0))) continue;
      if ((ending === '党' ? PARTY_OBJECT_VERBS : BLOC_OBJECT_VERBS).includes(name.charAt(name.length - ending.length - 1))) continue;
      out.push({ start, end, type: 'organization' });
    }
  }
}

/** First words of a reference to a part of a text (Article VI, Chapter VII): no name. */
const LEGAL_PARTS = new Set(['article', 'articles', 'section', 'chapter', 'paragraph', 'clause', 'annex', 'part', 'title']);

const OFFICE_FUNCTION_WORDS = new Set(['of', 'the', 'for', 'and', "'s", '&']);

/** Opening and closing quotation marks and brackets (folded text: full-width brackets are ASCII here). */
const OPENERS = '「『“《〈([【〔';
const CLOSERS = '」』”》〉)]】〕';
/** Per code unit: 1 + its index in OPENERS, or -(1 + its index in CLOSERS), else 0. */
const BRACKET = (() => {
  const t = new Int8Array(65536);
  for (let k = 0; k < OPENERS.length; k++) {
    t[OPENERS.charCodeAt(k)] = k + 1;
    t[CLOSERS.charCodeAt(k)] = -(k + 1);
  }
  return t;
})();

/** The first quotation mark or bracket in f[start, end) not closed (opened) inside it, or -1. */
function unclosedAt(f: string, start: number, end: number): number {
  let open: number[] | undefined;
  for (let k = start; k < end; k++) {
    const b = BRACKET[f.charCodeAt(k)]!;
    if (b > 0) (open ??= []).push(k);
    else if (b < 0) {
      const at = open?.pop();
      if (at === undefined || BRACKET[f.charCodeAt(at)] !== -b) return at ?? k;
    }
  }
  return open?.length ? open[0]! : -1;
}

/** Lower-case words of a headline in title case (articles, conjunctions, short prepositions). */
const HEADLINE_SMALL_WORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'nor', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'from', 'as', 'vs',
  'via', 'into', 'onto', 'over', 'after', 'amid', 'about', 'up', 'off', 'per', 'than', 'upon', 'out', 'is', 'are', 'be',
]);

/**
 * Is text[from, to) one line in title case, as headlines are written: at least four capitalised words, and no
 * lower-case word but articles, conjunctions and short prepositions ("Floods Hit Korvala Province as President Vows
 * to Rebuild")? A sentence has lower-case words of its own ("Kaja Kallas met Rubio."); a line in capitals has no
 * lower-case word either and counts too.
 */
export function titleCaseLine(text: string, from: number, to: number): boolean {
  let capitals = 0;
  let k = from;
  while (k < to) {
    while (k < to && !isWordChar(text.charCodeAt(k))) k++;
    const start = k;
    while (k < to && text.charCodeAt(k) !== 0x20 && text.charCodeAt(k) !== 0x09) k++;
    if (start >= to) break;
    const c = text.charCodeAt(start);
    if (isUpper(c)) capitals++;
    else if (isLower(c)) {
      let e = start;
      while (e < k && isLower(text.charCodeAt(e))) e++;
      if (!HEADLINE_SMALL_WORDS.has(text.slice(start, e))) return false;
    }
  }
  return capitals >= 4;
}

/**
 * What is left of the English tagger's candidate `c` on a line in title case: in a headline every word is
 * capitalised ("Floods Hit Korvala Province as President Vows to Rebuild"), so the tagger reads ordinary words as
 * names. The candidate is kept as far as the text writes it outside such lines (the article under the headline):
 * the whole, else its longest run of words written there ("Andris Velkovs" of the tagger's "Andris Velkovs Calls"),
 * else nothing.
 */
function headlineName(text: string, f: string, c: Candidate): Candidate | undefined {
  if (writtenOutsideHeadlines(text, f, c.start, c.end)) return c;
  const words = spanWords(f, c.start, c.end);
  for (let n = words.length - 1; n >= 1; n--) {
    for (let i = 0; i + n <= words.length; i++) {
      const start = words[i]!.start;
      const end = words[i + n - 1]!.end;
      if (writtenOutsideHeadlines(text, f, start, end)) return { ...c, start, end, headline: undefined };
    }
  }
  return undefined;
}

/**
 * Is text[start, end) written, with the same letters and case, not inside a longer word and not at the start of a
 * sentence (where any word is capitalised), on a line of `text` that is not in title case?
 */
function writtenOutsideHeadlines(text: string, f: string, start: number, end: number): boolean {
  const name = text.slice(start, end);
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if (at === start || insideWord(text, at, at + name.length) || sentenceStart(f, at)) continue;
    const lineStart = text.lastIndexOf('\n', at) + 1;
    let lineEnd = text.indexOf('\n', at);
    if (lineEnd < 0) lineEnd = text.length;
    if (!titleCaseLine(text, lineStart, lineEnd)) return true;
  }
  return false;
}

/** What may join two names in a list: a comma or a conjunction (folded text), with spaces, and an article. */
const COORDINATION = /^\s*(?:,|，|、|;|&|and|or|和|与|及|或|以及)?\s*(?:,|and|or)?\s*(?:the\s+)?$/;

/**
 * A tagged span made only of two or more knowledge-base mentions joined by commas or conjunctions ("Egypt and
 * Qatar", 美国和俄罗斯) is a list, not a name: the known mentions stand on their own. (A name with a conjunction
 * of unknown words, "Ministry of Industry and Trade", is kept.)
 */
export function coordinatesKnown(f: string, start: number, end: number, confirmed: readonly EntityMention[], from: number): boolean {
  let at = start;
  let known = 0;
  for (let i = from; i < confirmed.length; i++) {
    const m = confirmed[i]!;
    if (m.start >= end) break;
    if (m.end <= start) continue;
    if (m.start < start || m.end > end) return false;
    if (!COORDINATION.test(f.slice(at, m.start)) || (known === 0 && m.start !== start)) return false;
    at = m.end;
    known++;
  }
  return known >= 2 && at === end;
}
