export { default } from './plugin.js';
export { FIXED_POSITIONS, findBegin } from './begin.js';
