export * from './source';
export * from './periods';
export * from './dating';
export * from './concordance';
export * from './matrix';
export * from './timeline';
export * from './network';
