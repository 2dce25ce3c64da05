/**
 * The one table of entity types. Everything that lists the types (the knowledge-file schema, correction rules,
 * highlight settings and colours, the Entities tree, hover cards, Go to Symbol, the pickers) reads it, so adding a
 * type is one entry here plus its colour and highlight setting in package.json (test/unit/manifest.test.ts fails
 * when they are missing). Pure data (the texts through @vscode/l10n, English unless the extension configured a
 * bundle): no imports of the project, so every module can use it without a cycle.
 */
import * as l10n from '@vscode/l10n';

/** How the adapter shows and uses one entity type. The texts are functions: in the interface's language at the time. */
export interface EntityTypeInfo {
  /** Singular, in hover cards: "Person", "Treaty / agreement". */
  label: () => string;
  /** Plural, the group of the Entities tree: "People". */
  plural: () => string;
  /** In Toggle Highlights by Type: "Treaties and agreements". */
  highlightLabel: () => string;
  /** What the type covers, in Add to Knowledge Base. */
  hint: () => string;
  /** Codicon of the Entities tree group. */
  icon: string;
  /** vscode.SymbolKind member for Go to Symbol in Workspace. */
  symbol: 'Constant' | 'Namespace' | 'Class' | 'Interface' | 'Struct' | 'Event' | 'Variable';
  /** Offered as a claim holder (someone who can hold a stance) in Add Claim. */
  holder: boolean;
}

/** In the order the types are listed everywhere (pickers, tree groups, settings). */
export const ENTITY_TYPE_INFO = {
  person: { label: () => l10n.t('Person'), plural: () => l10n.t('People'), highlightLabel: () => l10n.t('People'), hint: () => l10n.t('a head of state, minister, scholar, commentator...'), icon: 'person', symbol: 'Constant', holder: true },
  country: { label: () => l10n.t('Country'), plural: () => l10n.t('Countries'), highlightLabel: () => l10n.t('Countries'), hint: () => l10n.t('a state, including disputed and historic ones'), icon: 'globe', symbol: 'Namespace', holder: true },
  organization: { label: () => l10n.t('Organisation'), plural: () => l10n.t('Organisations'), highlightLabel: () => l10n.t('Organisations'), hint: () => l10n.t('an international organisation, ministry, company, media outlet...'), icon: 'organization', symbol: 'Class', holder: true },
  treaty: { label: () => l10n.t('Treaty / agreement'), plural: () => l10n.t('Treaties'), highlightLabel: () => l10n.t('Treaties and agreements'), hint: () => l10n.t('a treaty, agreement or named document'), icon: 'law', symbol: 'Interface', holder: false },
  place: { label: () => l10n.t('Place'), plural: () => l10n.t('Places'), highlightLabel: () => l10n.t('Places'), hint: () => l10n.t('a city, region, sea...'), icon: 'location', symbol: 'Struct', holder: false },
  event: { label: () => l10n.t('Event'), plural: () => l10n.t('Events'), highlightLabel: () => l10n.t('Events'), hint: () => l10n.t('a summit, war, crisis...'), icon: 'calendar', symbol: 'Event', holder: false },
  other: { label: () => l10n.t('Other'), plural: () => l10n.t('Other'), highlightLabel: () => l10n.t('Other entities'), hint: () => l10n.t('anything else'), icon: 'symbol-misc', symbol: 'Variable', holder: false },
} as const satisfies Record<string, EntityTypeInfo>;

export type EntityType = keyof typeof ENTITY_TYPE_INFO;

/** The types, in table order. */
export const ENTITY_TYPES = Object.keys(ENTITY_TYPE_INFO) as readonly EntityType[] as readonly [EntityType, ...EntityType[]];

export function isEntityType(value: unknown): value is EntityType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ENTITY_TYPE_INFO, value);
}

/** The table entry of a type; undefined for a string that is not one (a type read from an old cache or a file). */
export function entityTypeInfo(type: string): EntityTypeInfo | undefined {
  return isEntityType(type) ? ENTITY_TYPE_INFO[type] : undefined;
}
