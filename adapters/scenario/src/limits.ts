/**
 * Hard limits of the scenario adapter (docs/reference/scenario-format.md §13). They keep a typo
 * from turning into a crash or minutes of work: each is checked before anything walks or
 * expands the input, and exceeding one is a plain validation error.
 */

/**
 * Resources a scenario may declare in total. The engine holds one record per resource, and a
 * round over 1,000,000 of them already takes seconds and about 1 GB; a bigger count is almost
 * always a mistyped range (`"100-10000000"`).
 */
export const MAX_RESOURCES = 1_000_000;

/**
 * Levels of nested arrays/objects anywhere in the document (the document itself is level 1).
 * The deepest legitimate scenario (a quotas rule) needs about 8; deeper input would only overflow
 * the stack of recursive validation code.
 */
export const MAX_NESTING_DEPTH = 64;

/** Validation problems listed in one error; the rest are counted (`… and N more`). */
export const MAX_LISTED_PROBLEMS = 20;
