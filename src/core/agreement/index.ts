/** Inter-coder agreement, comparison and adjudication of several analysts' annotations: public API. */
export * from './stats';
export * from './study';
export * from './compare';
