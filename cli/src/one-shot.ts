/**
 * Whether this process is the `oar-sched` binary: short-lived, validating one scenario and a few
 * config objects once. Set by `main()` before any command module loads; programs that embed
 * `runCli` keep zod's defaults.
 */
let oneShot = false;

export function markOneShotProcess(): void {
  oneShot = true;
}

export function isOneShotProcess(): boolean {
  return oneShot;
}
