/**
 * The `sorting` section of the scheduler configuration as a sorting plugin sees it: the policy
 * name, the OAR3-compatible `custom` selection, and one section per policy that declares
 * settings (`fairshare`, `multifactor`, …), each validated by the schema its plugin registered
 * (`api.sortingSettings`) and with its defaults applied.
 */
export interface SortingSettings {
  /** Name of the `jobsSorting` policy in use (`FIFO`, `FAIRSHARE`, `MULTIFACTOR`, `CUSTOM`, or any registered name). */
  readonly policy: string;
  /** With policy `CUSTOM` (OAR3's spelling): the registered name and its free-form config string. */
  readonly custom?: { readonly name: string; readonly config: string } | undefined;
  /** Policy sections, as validated by the schema their plugin registered. */
  readonly [section: string]: unknown;
}
