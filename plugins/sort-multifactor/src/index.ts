export { default } from './plugin.js';
export {
  DEFAULT_MULTIFACTOR,
  multifactorPriority,
  orderByMultifactor,
  type MultifactorJob,
  type MultifactorParams,
} from './multifactor.js';
export { multifactorSchema } from './settings.js';
