export { default } from './plugin.js';
export {
  DEFAULT_MULTIFACTOR,
  multifactorPriority,
  multifactorTerms,
  orderByMultifactor,
  type MultifactorJob,
  type MultifactorParams,
  type MultifactorTerms,
} from './multifactor.js';
export { multifactorSchema } from './settings.js';
