/** Stance/claim annotations in sidecar YAML files: public API. */
export * from './schema';
export * from './parse';
export * from './serialize';
export * from './anchoring';
export * from './state';
export * from './store';
export { resolveAll, reanchoredMessage } from './resolve';
export * from './export';
export * from './merge';
export * from './markers';
export { sha256Hex } from './sha256';
export { SIDECAR_SUFFIX } from './paths';
