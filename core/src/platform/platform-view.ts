/**
 * What plugins get as `ctx.platform`: a read-only facade over the round's `Platform`, so a plugin
 * (typed or not) cannot reach the engine's methods, e.g. change a property behind the back of the
 * extra-metasched buffering. Reads follow the platform as it changes between queue groups.
 */
import type { IntervalSet, PlatformView } from '@oar-sched/plugin-api';
import type { Platform } from './platform.js';

export function createPlatformView(platform: Platform): PlatformView {
  return Object.freeze({
    get resources() {
      return platform.frozenResources;
    },
    usable: platform.usable,
    defaultSet: platform.defaultSet,
    get hierarchy() {
      return platform.hierarchy;
    },
    idsOf: (positions: IntervalSet) => platform.idsOf(positions),
  });
}
