export { default } from './plugin.js';
export { assignDefault } from './assign-default.js';
