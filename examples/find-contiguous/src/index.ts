export { default } from './plugin.js';
export { bestFitRun, contiguousNecessarySize, contiguousRequest, findContiguous, findContiguousSorted, firstFitRun } from './contiguous.js';
