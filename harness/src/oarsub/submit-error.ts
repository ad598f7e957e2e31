/** A job submission the harness refuses, as oarsub would: the message says what is wrong and where. */
export class SubmitError extends Error {
  override readonly name = 'SubmitError';
}
