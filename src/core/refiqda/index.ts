/** REFI-QDA exchange (.qdc codebooks, .qdpx projects): public API. */
export * from './xml';
export * from './codebook';
export * from './project';
export * from './workspace';
