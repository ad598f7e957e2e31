/**
 * `@oar-sched/notify`: the notifications a meta-scheduler round sends once its transaction has
 * committed (spec §13): launch orders to the launcher and commands to the central automaton over
 * ZeroMQ PUSH, answers to a waiting oarsub as TCP text. `Notifier` is the port the round talks
 * to; `OarNotifier` sends for real, `RecordingNotifier` records for tests and the harness. No
 * notification throws or holds the process past its bound; see `Notifier` and the README.
 */
export type { Notifier, NotifyResult, NotifyTarget, NotifyLogger } from './notifier.js';
export { OarNotifier } from './oar-notifier.js';
export type { OarNotifierOptions } from './oar-notifier.js';
export { RecordingNotifier } from './recording-notifier.js';
export type { NotifyCall, RecordedCall, FailureRule, RecordingNotifierOptions } from './recording-notifier.js';
export { DEFAULT_NOTIFIER_CONFIG, notifierConfigFromOarConf, resolveNotifierConfig } from './config.js';
export type { OarNotifierConfig } from './config.js';
export {
  BAD_JOB,
  GOOD_RESERVATION,
  automatonFrame,
  automatonMessage,
  formatOarDate,
  jobErrorLines,
  launchFrame,
  launchMessage,
  parseInfoType,
  pythonJsonDumps,
  reservationAcceptedLines,
  startPredictionLine,
} from './messages.js';
export type { AutomatonCommand, AutomatonMessage, AutomatonOptions, LaunchMessage, OarsubAddress } from './messages.js';
export type { ZeromqLoader, ZeromqModule } from './zmq-push.js';
