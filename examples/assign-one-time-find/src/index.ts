export { default } from './plugin.js';
export { assignOneTimeFind, assignOneTimeFindMld, earlierFinish } from './one-time-find.js';
