export { default } from './plugin.js';
export { basePriority, parseNumber, parseSettings, sortSimplePriority, waitingBonus } from './simple-priority.js';
export type { SimplePrioritySettings } from './simple-priority.js';
