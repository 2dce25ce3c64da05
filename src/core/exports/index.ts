/** Export formats (registry.ts) and their writers. */
export * from './registry';
export { bratText, toBratAnn, bratBase, BRAT_ANNOTATION_CONF } from './brat';
