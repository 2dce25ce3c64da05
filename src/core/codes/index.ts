/** Codes, coded segments, retrieval, document variables and memos: public API. */
export * from './codebook';
export * from './codebookEdits';
export * from './segments';
export * from './segmentStore';
export * from './retrieve';
export * from './variables';
export * from './migrate';
export * from './memos';
export * from './autocode';
export * from './metadata';
export * from './segmentMerge';
