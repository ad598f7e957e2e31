export { default } from './plugin.js';
export { leastAvailableBlock } from './local-block.js';
export { findLocal, findResourceNhLocal, resourceHierarchiesScatteredLocal, resourceNhLocal } from './local.js';
