export { planRoundActions, RESERVATION_REFUSED_MESSAGE, RESERVATION_TOO_OLD_MESSAGE } from './plan-round-actions.js';
export { RESERVATION_EXPIRED_MESSAGE } from './accepted-reservation.js';
export { plannedJobMessage, currentJobMessage, cannotScheduleMessage } from './job-message.js';
export { timesharingCompatible } from './timesharing.js';
export * from './model.js';
