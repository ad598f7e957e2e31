export { default } from './plugin.js';
export { assignCoorm, findCoorm } from './coorm.js';
