import * as l10n from '@vscode/l10n';
import { ATTRIBUTIONS, CONFIDENCES, POLARITIES, type About, type Attribution, type Confidence, type Holder, type NewAnnotation, type Polarity } from '../../../core/annotations/index';
import { escapeIcons } from '../../../core/text/escape';
import { withoutBoilerplate } from '../../../core/analysis';
import { recordIndexAt } from '../../../core/corpus/model';
import type { DocumentAnalysis } from '../../../core/corpus/index';
import type { KnowledgeBase } from '../../../core/entities/knowledge';
import type { TopicSet } from '../../../core/corpus/topics';
import { decodeLineBreaks, encodeLineBreaks } from '../../../core/text/lineBreaks';
import type { Span } from '../../../core/types';
import { ENTITY_TYPE_INFO } from '../../../core/entities/types';
import { BACK, type Answer, type PickOption, type Questions } from '../../../core/prompt';
import { EDTF_DATE_HINT, isEdtfDate } from '../../../core/dates/edtf';
import type { ClaimPreset } from './presets';
import { topicName, topicOtherName } from '../../../core/corpus/topics';

/** What the claim questions produce (add) or change (edit): a new annotation without its place and author. */
export type ClaimAnswers = Omit<NewAnnotation, 'start' | 'end' | 'author'>;

/** What the questions need to make suggestions. */
export interface ClaimContext {
  /** The passage (UTF-16 range of the document text) and its text. */
  span: Span;
  quote: string;
  analysis: DocumentAnalysis;
  kb: KnowledgeBase;
  topics: TopicSet;
  /** Tags used in the workspace, most used first. */
  knownTags: string[];
  /** Tags of the last claim added: the tags field starts with them. */
  lastTags: string[];
  askIntensity: boolean;
  /** Add: the last claim added in this document (presets.ts), offered first; `label` describes it. */
  preset?: { value: ClaimPreset; label: string };
}

const STANCE_LABEL = (): Record<Polarity, string> => ({
  support: l10n.t('$(thumbsup) Support'),
  oppose: l10n.t('$(thumbsdown) Oppose'),
  neutral: l10n.t('$(circle-outline) Neutral'),
  mixed: l10n.t('$(split-horizontal) Mixed'),
});
const STANCE_DETAIL = (): Record<Polarity, string> => ({
  support: l10n.t('the holder endorses the proposition'),
  oppose: l10n.t('the holder rejects the proposition'),
  neutral: l10n.t('the holder states it without taking a side'),
  mixed: l10n.t('the holder both endorses and rejects parts of it'),
});
const INTENSITIES: Record<Polarity, number[]> = { support: [2, 1], oppose: [-2, -1], neutral: [0], mixed: [2, 1, 0, -1, -2] };
const INTENSITY_LABEL = (): Record<string, string> => ({ '2': l10n.t('strongly'), '1': l10n.t('moderately'), '0': l10n.t('neutral'), '-1': l10n.t('moderately'), '-2': l10n.t('strongly') });
const ATTRIBUTION_DETAIL = (): Record<Attribution, string> => ({
  direct: l10n.t('the holder speaks in the passage'),
  reported: l10n.t('someone reports the holder’s view'),
  inferred: l10n.t('you infer the holder’s view'),
});

export function parseTags(text: string): string[] {
  const out: string[] = [];
  for (const t of text.split(/[,，、;；]/)) {
    const tag = t.trim();
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

/**
 * Topics and entities for "about". Suggested first: the entities mentioned in the passage's record, then those
 * mentioned elsewhere in the document; mentions in the page boilerplate (menus, video lists, footers) do not count.
 */
function aboutOptions(ctx: ClaimContext): PickOption<About | null>[] {
  const options: PickOption<About | null>[] = [];
  const analysis = withoutBoilerplate(ctx.analysis);
  const byCount = (counts: Map<string, number>) => [...counts].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  const records = analysis.doc.records;
  const record = records[recordIndexAt(records, ctx.span.start)];
  const inRecord = record ? byCount(mentionCounts(analysis, record.span)) : [];
  const inDocument = byCount(mentionCounts(analysis, { start: 0, end: Number.MAX_SAFE_INTEGER })).filter((id) => !inRecord.includes(id));
  const mentioned = new Set<string>();
  for (const [ids, where] of [
    [inRecord, records.length > 1 ? l10n.t('mentioned in this record') : l10n.t('mentioned here')],
    [inDocument, l10n.t('mentioned in this document')],
  ] as const) {
    for (const id of ids) {
      const e = ctx.kb.get(id);
      if (!e) continue;
      mentioned.add(id);
      options.push({ label: `$(symbol-class) ${escapeIcons(e.name)}`, description: escapeIcons(l10n.t('{0} · entity {1}', e.names['zh-Hans'] ?? '', where)), value: { entity: id }, suggested: true });
    }
  }
  for (const t of ctx.topics.all()) {
    options.push({ label: `$(tag) ${escapeIcons(topicName(t.label))}`, description: escapeIcons(l10n.t('{0} · topic', topicOtherName(t.label) ?? '')), detail: t.description ? escapeIcons(t.description) : undefined, value: { topic: t.id } });
  }
  for (const e of ctx.kb.pickable()) {
    if (mentioned.has(e.id)) continue;
    options.push({ label: `$(symbol-class) ${escapeIcons(e.name)}`, description: escapeIcons(`${e.names['zh-Hans'] ?? ''} · ${ENTITY_TYPE_INFO[e.type].label()}`), value: { entity: e.id } });
  }
  options.push({ label: l10n.t('$(circle-slash) No target'), description: l10n.t('leave "about" empty'), value: null });
  return options;
}

function aboutNames(ctx: ClaimContext, option: PickOption<About | null>): string[] {
  const v = option.value;
  if (!v) return ['none', 'no target'];
  if ('topic' in v) {
    const t = ctx.topics.get(v.topic);
    return t ? [t.label.en, t.label['zh-Hans'] ?? '', t.label['zh-Hant'] ?? '', t.id, ...t.keywords] : [v.topic];
  }
  if ('entity' in v) return entityNames(ctx, v.entity);
  return [v.proposition];
}

/** Every surface form of a knowledge-base entity, for fuzzy picking (its id when unknown). */
function entityNames(ctx: ClaimContext, id: string): string[] {
  const e = ctx.kb.get(id);
  return e ? [...e.allNames(), ...e.abbr, e.id] : [id];
}

function mentionCounts(analysis: DocumentAnalysis, span: Span): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of analysis.entities) {
    if (!m.confirmed || m.end <= span.start || m.start >= span.end) continue;
    counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
  }
  return counts;
}

/** Holders: the record's authors, the Q&A commentator of the section, entities in the passage and the record. */
function holderOptions(ctx: ClaimContext): PickOption<Holder | null>[] {
  const options: PickOption<Holder | null>[] = [];
  const seen = new Set<string>();
  const add = (o: PickOption<Holder | null>) => {
    const key = JSON.stringify(o.value);
    if (seen.has(key)) return;
    seen.add(key);
    options.push(o);
  };
  const records = ctx.analysis.doc.records;
  const record = records[recordIndexAt(records, ctx.span.start)];
  const section = record?.sections?.find((s) => s.span.start <= ctx.span.start && ctx.span.start < s.span.end);
  if (section) add({ label: `$(comment) ${escapeIcons(section.holder)}`, description: l10n.t('commentator of this section'), value: { section: section.holder }, suggested: true });
  for (const author of record?.authors ?? []) add({ label: `$(person) ${escapeIcons(author)}`, description: l10n.t('author of this record'), value: { text: author }, suggested: true });
  const entity = (id: string, where: string) => {
    const e = ctx.kb.get(id);
    if (e) add({ label: `$(symbol-class) ${escapeIcons(e.name)}`, description: escapeIcons(`${e.names['zh-Hans'] ?? ''} · ${where}`), value: { entity: id }, suggested: true });
  };
  const analysis = withoutBoilerplate(ctx.analysis);
  for (const [id] of mentionCounts(ctx.analysis, ctx.span)) entity(id, l10n.t('mentioned in the passage'));
  if (record) for (const [id] of [...mentionCounts(analysis, record.span)].sort((a, b) => b[1] - a[1])) entity(id, l10n.t('mentioned in this record'));
  for (const e of ctx.kb.pickable()) {
    if (ENTITY_TYPE_INFO[e.type].holder) add({ label: `$(symbol-class) ${escapeIcons(e.name)}`, description: escapeIcons(`${e.names['zh-Hans'] ?? ''} · ${ENTITY_TYPE_INFO[e.type].label()}`), value: { entity: e.id } });
  }
  add({ label: l10n.t('$(circle-slash) No holder'), description: l10n.t('leave "holder" empty'), value: null });
  return options;
}

function holderNames(ctx: ClaimContext, option: PickOption<Holder | null>): string[] {
  const v = option.value;
  if (!v) return ['none', 'no holder'];
  if ('entity' in v) return entityNames(ctx, v.entity);
  return 'text' in v ? [v.text] : [v.section];
}

/**
 * The option list with the current value first, suggested and marked current (editing): Enter with nothing typed
 * then keeps it, whether it is in the list (perhaps beyond what the list shows), or not at all (a free-text
 * holder, a proposition, an entity or topic no longer known, a section of another record).
 */
export function withCurrent<T>(options: PickOption<T>[], current: T | undefined, label: (value: T) => string): PickOption<T>[] {
  if (current === undefined) return options;
  const want = JSON.stringify(current);
  const i = options.findIndex((o) => JSON.stringify(o.value) === want);
  const found = i >= 0 ? options[i]! : undefined;
  const first: PickOption<T> = found
    ? { ...found, description: `current · ${found.description ?? ''}`.replace(/ · $/, ''), suggested: true }
    : { label: label(current), description: l10n.t('current'), value: current, suggested: true };
  return [first, ...options.filter((_, k) => k !== i)];
}

function aboutCurrentLabel(ctx: ClaimContext, about: About | null): string {
  if (!about) return '$(circle-slash) No target';
  if ('proposition' in about) return `$(symbol-string) Proposition: “${about.proposition}”`;
  if ('topic' in about) {
    const t = ctx.topics.get(about.topic);
    return `$(tag) ${t ? topicName(t.label) : about.topic}`;
  }
  return `$(symbol-class) ${ctx.kb.get(about.entity)?.name ?? about.entity}`;
}

function holderCurrentLabel(ctx: ClaimContext, holder: Holder | null): string {
  if (!holder) return '$(circle-slash) No holder';
  if ('entity' in holder) return `$(symbol-class) ${ctx.kb.get(holder.entity)?.name ?? holder.entity}`;
  return 'text' in holder ? `$(person) ${holder.text}` : `$(comment) ${holder.section}`;
}

type Draft = Partial<ClaimAnswers> & { claim: string };
type Step = (n: number, total: number) => Promise<Answer<unknown>>;

/**
 * The claim questions as a multi-step quick input with Back. Add: claim, stance, intensity (if enabled),
 * about, holder, confidence, tags, note. Edit adds attribution and when. Returns undefined when cancelled.
 */
export async function askClaim(prompter: Questions, ctx: ClaimContext, mode: 'add' | 'edit', initial?: ClaimAnswers): Promise<ClaimAnswers | undefined> {
  const title = mode === 'add' ? l10n.t('Add Claim') : l10n.t('Edit Annotation');
  const draft: Draft = initial ? { ...initial } : { claim: ctx.quote.replace(/\s+/g, ' ').trim() };
  const keep = <T>(answer: Answer<T>, set: (v: T) => void): Answer<T> => {
    if (answer !== undefined && answer !== BACK) set(answer);
    return answer;
  };
  /** An input accepted as it was shown leaves the field exactly as it was (no trimming, splitting or re-joining). */
  const keepInput = (answer: Answer<string>, shown: string, set: (v: string) => void): Answer<string> => keep(answer, (v) => v !== shown && set(v));
  const steps: Step[] = [
    (n, total) =>
      prompter
        .input({ id: 'claim', title, step: n, totalSteps: total, value: draft.claim, prompt: l10n.t('The proposition the passage asserts, in your words'), validate: (v) => (v.trim() ? undefined : l10n.t('The claim must not be empty')) })
        .then((a) => keepInput(a, draft.claim, (v) => (draft.claim = v.trim()))),
  ];
  // Add with a preset: Enter takes the last claim's answers and finishes; "answer each" pre-selects them.
  let finish = false;
  const preset = mode === 'add' ? ctx.preset : undefined;
  if (preset) {
    steps.push((n, total) =>
      prompter
        .pick<'same' | 'ask'>({
          id: 'preset',
          title,
          step: n,
          totalSteps: total,
          placeholder: l10n.t('Same stance, holder and target as the last claim in this document?'),
          options: [
            { label: l10n.t('$(history) As the last claim here'), description: preset.label, value: 'same', suggested: true },
            { label: l10n.t('$(list-ordered) Answer each question'), description: l10n.t("the last claim's answers pre-selected"), value: 'ask' },
          ],
        })
        .then((a) => {
          finish = a === 'same';
          if (a === 'same' || a === 'ask') {
            const p = preset.value;
            draft.stance ??= p.stance;
            if (p.about && !('about' in draft && draft.about)) draft.about = p.about;
            if (p.holder && !draft.holder) draft.holder = p.holder;
            if (p.confidence && !draft.confidence) draft.confidence = p.confidence;
            if (p.tags && !draft.tags) draft.tags = [...p.tags];
            if (p.codes && !draft.codes) draft.codes = [...p.codes];
          }
          return a;
        }),
    );
  }
  steps.push(
    (n, total) =>
      prompter
        .pick<Polarity>({
          id: 'stance',
          title,
          step: n,
          totalSteps: total,
          placeholder: l10n.t('Stance of the holder towards the claim'),
          options: POLARITIES.map((p) => ({ label: STANCE_LABEL()[p], description: STANCE_DETAIL()[p], value: p })),
          active: draft.stance?.polarity,
        })
        .then((a) =>
          keep(a, (p) => {
            if (draft.stance?.polarity === p) return; // unchanged: the intensity stays as it is
            const intensity = draft.stance?.intensity;
            draft.stance = intensity !== undefined && INTENSITIES[p].includes(intensity) ? { polarity: p, intensity } : { polarity: p };
          }),
        ),
  );
  if (ctx.askIntensity) {
    steps.push((n, total) => {
      const polarity = draft.stance!.polarity;
      return prompter
        .pick<number | null>({
          id: 'intensity',
          title,
          step: n,
          totalSteps: total,
          placeholder: l10n.t('Intensity of the {0} stance (-2..+2), or skip', polarity),
          options: withCurrent<number | null>(
            [
              ...INTENSITIES[polarity].map((i) => ({ label: `${i > 0 ? '+' : ''}${i}`, description: INTENSITY_LABEL()[String(i)], value: i })),
              { label: l10n.t('$(debug-step-over) Skip'), description: l10n.t('no intensity'), value: null },
            ],
            // the current intensity, while the polarity is the annotation's own
            mode === 'edit' && draft.stance?.polarity === initial?.stance.polarity ? (draft.stance?.intensity ?? null) : undefined,
            (i) => (i === null ? '$(debug-step-over) Skip' : `${i > 0 ? '+' : ''}${i}`),
          ),
          active: draft.stance?.intensity ?? null,
        })
        .then((a) => keep(a, (i) => (draft.stance = i === null ? { polarity } : { polarity, intensity: i })));
    });
  }
  steps.push(
    (n, total) => {
      const about = draft.about;
      return prompter
        .pick<About | null>({
          id: 'about',
          title,
          step: n,
          totalSteps: total,
          placeholder: l10n.t('What the claim is about: a topic, an entity, or type a proposition'),
          // Editing: the current target first (a proposition too: typing starts a new one).
          options: withCurrent(aboutOptions(ctx), mode === 'edit' ? (about ?? null) : preset && about ? about : undefined, (v) => aboutCurrentLabel(ctx, v)),
          names: (o) => aboutNames(ctx, o),
          freeText: { label: (t) => `$(add) Proposition: “${escapeIcons(t)}”`, value: (t) => ({ proposition: t }) },
          active: about ?? null,
        })
        .then((a) => keep(a, (v) => (draft.about = v ?? undefined)));
    },
    (n, total) => {
      const holder = draft.holder;
      return prompter
        .pick<Holder | null>({
          id: 'holder',
          title,
          step: n,
          totalSteps: total,
          placeholder: l10n.t('Who holds this view: an author, a commentator, an entity, or type a name'),
          options: withCurrent(holderOptions(ctx), mode === 'edit' ? (holder ?? null) : preset && holder ? holder : undefined, (v) => holderCurrentLabel(ctx, v)),
          names: (o) => holderNames(ctx, o),
          freeText: { label: (t) => `$(person-add) Holder: “${escapeIcons(t)}”`, value: (t) => ({ text: t }) },
          active: holder ?? null,
        })
        .then((a) => keep(a, (v) => (draft.holder = v ?? undefined)));
    },
  );
  if (mode === 'edit') {
    steps.push(
      (n, total) =>
        prompter
          .pick<Attribution | null>({
            id: 'attribution',
            title,
            step: n,
            totalSteps: total,
            placeholder: l10n.t('How the view is attributed to the holder'),
            options: withCurrent<Attribution | null>(
              [...ATTRIBUTIONS.map((a) => ({ label: a, description: ATTRIBUTION_DETAIL()[a], value: a })), { label: l10n.t('$(circle-slash) Not specified'), value: null }],
              draft.attribution ?? null,
              (v) => v ?? l10n.t('$(circle-slash) Not specified'),
            ),
            active: draft.attribution ?? null,
          })
          .then((a) => keep(a, (v) => (draft.attribution = v ?? undefined))),
      (n, total) =>
        prompter
          .input({
            id: 'when',
            title,
            step: n,
            totalSteps: total,
            value: draft.when ?? '',
            prompt: l10n.t('When the holder made the claim: YYYY, YYYY-MM or YYYY-MM-DD (empty: not specified)'),
            validate: (v) => (!v.trim() || isEdtfDate(v.trim()) ? undefined : EDTF_DATE_HINT),
          })
          .then((a) => keepInput(a, draft.when ?? '', (v) => (draft.when = v.trim() || undefined))),
    );
  }
  steps.push(
    (n, total) => {
      // Adding: medium is the default. Editing a claim without a confidence: "not specified" stays unless chosen.
      const unset = mode === 'edit' && draft.confidence === undefined;
      return prompter
        .pick<Confidence | null>({
          id: 'confidence',
          title,
          step: n,
          totalSteps: total,
          placeholder: l10n.t('Your confidence in this reading'),
          options: [...CONFIDENCES.map((c) => ({ label: c, value: c })), ...(unset ? [{ label: l10n.t('$(circle-slash) Not specified'), value: null }] : [])],
          active: draft.confidence ?? (unset ? null : 'medium'),
        })
        .then((a) => keep(a, (v) => (draft.confidence = v ?? undefined)));
    },
    (n, total) => {
      const shown = (draft.tags ?? (mode === 'add' ? ctx.lastTags : [])).join(', ');
      return prompter
        .input({
          id: 'tags',
          title,
          step: n,
          totalSteps: total,
          value: shown,
          prompt: ctx.knownTags.length ? l10n.t('Tags, comma-separated (optional). Used before: {0}', ctx.knownTags.slice(0, 15).join(', ')) : l10n.t('Tags, comma-separated (optional)'),
        })
        .then((a) =>
          keep(a, (v) => {
            // Editing, accepted as shown: the tags stay as they are (a tag may itself contain a separator).
            if (v === shown && draft.tags !== undefined) return;
            const tags = parseTags(v);
            draft.tags = tags.length ? tags : undefined;
          }),
        );
    },
    (n, total) => {
      // A single-line box: line breaks are shown (and typed) as \n, and turned back on accept.
      const shown = encodeLineBreaks(draft.note ?? '');
      return prompter
        .input({
          id: 'note',
          title,
          step: n,
          totalSteps: total,
          value: shown,
          prompt: l10n.t('Note (optional). Type \\n for a line break'),
        })
        .then((a) => keepInput(a, shown, (v) => (draft.note = v.trim() ? decodeLineBreaks(v) : undefined)));
    },
  );
  let i = 0;
  while (i < steps.length) {
    const answer = await steps[i]!(i + 1, steps.length);
    if (answer === undefined) return undefined;
    if (finish && answer !== BACK) break;
    i = answer === BACK ? Math.max(0, i - 1) : i + 1;
  }
  if (!draft.stance) return undefined;
  return { ...draft, stance: draft.stance };
}

/** JSON with sorted keys, without undefined fields and empty lists: equal for equal answers. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (Array.isArray(v)) return v.length ? v : undefined;
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)));
    return v;
  });
}

/** Whether edited answers say the same as the annotation's current ones (nothing to write). */
export function sameAnswers(a: ClaimAnswers, b: ClaimAnswers): boolean {
  return canonical(a) === canonical(b);
}
