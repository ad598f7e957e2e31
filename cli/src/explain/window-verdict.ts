/**
 * Why a window where enough blocks are free by count was still not taken: what the engine's find
 * and quota check said about it (search-probe in core ran them on the window's free set, the one
 * the job's search saw), with the find's refusal put into words by counting per level
 * (level-shortfall.ts).
 */
import type { ProbedWindow } from '@oar-sched/core';
import type { IntervalSet, QuotaRuleDetails, RequestPart } from '@oar-sched/plugin-api';
import { levelShortfall, type LevelCount, type PartShape } from './level-shortfall.js';

export interface FindRefusal {
  /** The find that was called (`default`, or the job's `find=`). */
  readonly find: string;
  /** Another request part, when it is that one whose counts fall short rather than this one. */
  readonly part?: number | undefined;
  /** The counts per level, top-down, of the part that falls short; absent when no count explains the refusal. */
  readonly levels?: readonly LevelCount[] | undefined;
  /** The find threw this. */
  readonly error?: string | undefined;
}

export interface WindowVerdict {
  /** The find and the quotas both accept the window. */
  readonly accepted: boolean;
  /** Set when the find returned nothing. */
  readonly find?: FindRefusal | undefined;
  /**
   * Set when a quota rule refused the window: counted with the default resources the find
   * returned or, when it returned none, with the fewest it could return.
   */
  readonly quota?: QuotaRuleDetails | undefined;
}

export interface VerdictInput {
  readonly findName: string;
  readonly parts: readonly RequestPart[];
  /** Part `p`'s level tables (`undefined`: no count explains it), made on first use. */
  shape(p: number): PartShape | undefined;
}

/** The verdict for part `partIndex` of a window. */
export function windowVerdict(window: ProbedWindow, input: VerdictInput, partIndex: number): WindowVerdict {
  const quota = window.quota?.details?.rule;
  if (window.resources !== null) return { accepted: quota === undefined, quota };
  return { accepted: false, find: findRefusal(window.available, window.findError, input, partIndex), quota };
}

function findRefusal(available: IntervalSet, error: string | undefined, input: VerdictInput, partIndex: number): FindRefusal {
  // This part first: when it falls short that is the answer for it; else the first part that does.
  const order = [partIndex, ...input.parts.keys()].filter((p, i, all) => all.indexOf(p) === i);
  for (const p of order) {
    const shape = input.shape(p);
    if (!shape) continue;
    const levels = levelShortfall(shape, available.intersect(input.parts[p]!.constraint));
    if (levels) return { find: input.findName, part: p === partIndex ? undefined : p, levels, error };
  }
  return { find: input.findName, error };
}
