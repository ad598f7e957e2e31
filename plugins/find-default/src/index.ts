export { default } from './plugin.js';
export { findDefault, necessarySize } from './find-default.js';
export { selectPart } from './select-part.js';
export { firstFreeBlocks, freeBlockIndices } from './select-level.js';
