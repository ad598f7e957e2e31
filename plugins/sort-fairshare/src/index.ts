export { default } from './plugin.js';
export {
  DEFAULT_FAIRSHARE,
  accountingSums,
  karma,
  orderByKarma,
  orderByKeys,
  type AccountingRecord,
  type AccountingSums,
  type FairshareParams,
  type KarmaJob,
} from './karma.js';
export { fairshareSchema } from './settings.js';
