/** 0: done. 1: `--check` found mismatches. 2: bad input or configuration (message on stderr). 3: internal error. */
export const EXIT_OK = 0;
export const EXIT_CHECK_FAILED = 1;
export const EXIT_USER_ERROR = 2;
export const EXIT_INTERNAL = 3;
