export { default } from './plugin.js';
export { CALLED, logCall, markFirstDeployable } from './hooks.js';
