/** 0: done. 1: `--check` found mismatches. 2: bad input or configuration (message on stderr). 3: internal error. */
export const EXIT_OK = 0;
export const EXIT_CHECK_FAILED = 1;
export const EXIT_USER_ERROR = 2;
export const EXIT_INTERNAL = 3;
/** `round` only: the round failed and wrote nothing. Never 1 or 2, which tell OAR's automaton what to do next. */
export const EXIT_ROUND_FAILED = 10;
