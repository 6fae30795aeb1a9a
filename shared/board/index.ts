export * from './zones';
export * from './colors';
export * from './note';
export * from './meta';
export * from './migrations';
export * from './placement';
export * from './model';
