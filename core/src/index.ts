export { IntervalSet } from './interval-set/interval-set.js';
