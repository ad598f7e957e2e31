/** End of the scheduling horizon (inclusive), OAR's `2^31`. All times are integer seconds. */
export const MAX_TIME = 2 ** 31;

/** OAR's database default for `resources.available_upto`: available for ever. */
export const DEFAULT_AVAILABLE_UPTO = 2 ** 31 - 1;
