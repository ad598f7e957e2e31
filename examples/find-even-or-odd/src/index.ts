export { default } from './plugin.js';
export { findEvenOrOdd, keepParity, parityOf } from './even-or-odd.js';
export type { Parity } from './even-or-odd.js';
