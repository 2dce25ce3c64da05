/** Stance/claim annotations in sidecar YAML files: public API. */
export * from './schema';
export * from './anchoring';
export * from './store';
export * from './export';
export * from './merge';
export * from './markers';
export { sha256Hex } from './sha256';
export { SIDECAR_SUFFIX } from './paths';
