/**
 * The platform of one round: resources in their configured order, the id ↔ position mapping,
 * the derived sets of core §3.2 and the hierarchy of §4.1. Everything after this point works on
 * positions ("indices"); ids only reappear when results leave the core.
 */
import { OarSchedError } from '../errors.js';
import { compileExpression } from '../resources/expression/index.js';
import { filterKey, isDefaultFilter, type FilterResult, type PropertyFilter } from './property-filters.js';
import { Hierarchy, IntervalSet } from '@oar-sched/plugin-api';
import type { SchedulerConfig } from '../model/config.js';
import type { ResourceRecord } from '../model/snapshot.js';
import { AscendingSetBuilder } from './ascending-set.js';
import { IdIndex } from './id-index.js';
import { IdMap } from './id-map.js';
import { LevelBuilder } from './level-builder.js';
import { attributeReader, parseResourceOrder, sortResources } from './resource-order.js';

const USABLE_STATES: ReadonlySet<string> = new Set(['Alive', 'Absent']);

/** One property change asked for by an extra-metasched hook. */
export interface ResourcePropertyChange {
  readonly resourceId: number;
  readonly property: string;
  readonly value: string | number;
}

/** A hierarchy level being built, with the reader of its label's value. */
interface LevelInProgress {
  readonly builder: LevelBuilder;
  readonly valueOf: (r: ResourceRecord) => string | number | undefined;
}

/** Puts resource `r` at position `i` into the level's block of its value; no value, no block. */
function addToLevel(level: LevelInProgress, i: number, r: ResourceRecord): void {
  const value = level.valueOf(r);
  if (value !== undefined) level.builder.add(i, value);
}

export class Platform {
  /** Resources in index order (replaced as a whole when properties change; never frozen: hot reads). */
  #resources: readonly ResourceRecord[];
  /** A frozen copy of `#resources` for plugins, made on first use after each change. */
  #frozen: readonly ResourceRecord[] | undefined;
  /** `ids[index]` = resource id. */
  readonly ids: Int32Array;
  /** Positions → ids, interval by interval. */
  readonly idMap: IdMap;
  /** Alive or Absent resources. */
  readonly usable: IntervalSet;
  /** Usable resources of type `default`: the only ones a job without properties can get. */
  readonly defaultSet: IntervalSet;
  /** Usable resources a suspended job releases (`suspendableResourceTypes`). */
  readonly suspendableSet: IntervalSet;
  /**
   * Usable positions by `availableUpto` (ascending limits): what the initial slot set occupies
   * from each limit on (core §3.3).
   */
  readonly usableUntil: ReadonlyMap<number, IntervalSet>;
  #hierarchy: Hierarchy;
  readonly #labels: readonly string[];
  readonly #indexOfId: IdIndex;
  readonly #constraints = new Map<string, IntervalSet>();
  #evaluated: ReadonlyMap<string, FilterResult> | undefined;

  /**
   * One pass over the resources in position order builds the ids, the derived sets, the
   * availability limits and every hierarchy level (typed arrays, no per-resource objects).
   */
  constructor(resources: readonly ResourceRecord[], config: SchedulerConfig) {
    this.#resources = sortResources(resources, parseResourceOrder(config.resourceOrder));
    this.#labels = config.hierarchyLabels;
    const sorted = this.#resources;
    const n = sorted.length;
    const ids = new Int32Array(n);
    const usable = new AscendingSetBuilder();
    const defaults = new AscendingSetBuilder();
    const suspendable = new AscendingSetBuilder();
    const suspendableTypes = new Set(config.suspendableResourceTypes);
    const byLimit = new Map<number, AscendingSetBuilder>();
    let lastLimit: AscendingSetBuilder | undefined;
    let lastUpto = NaN;
    const levels = this.#levelBuilders();
    for (let i = 0; i < n; i++) {
      const r = sorted[i]!;
      ids[i] = r.id;
      if (!USABLE_STATES.has(r.state)) continue;
      usable.add(i);
      if (r.type === 'default') defaults.add(i);
      if (suspendableTypes.has(r.type)) suspendable.add(i);
      if (r.availableUpto !== lastUpto) {
        lastUpto = r.availableUpto;
        lastLimit = byLimit.get(lastUpto);
        if (!lastLimit) byLimit.set(lastUpto, (lastLimit = new AscendingSetBuilder()));
      }
      lastLimit!.add(i);
      for (let l = 0; l < levels.length; l++) addToLevel(levels[l]!, i, r);
    }
    this.ids = ids;
    this.idMap = new IdMap(ids);
    this.#indexOfId = new IdIndex(ids);
    this.usable = usable.build();
    this.defaultSet = defaults.build();
    this.suspendableSet = suspendable.build();
    this.usableUntil = new Map([...byLimit.keys()].sort((a, b) => a - b).map((t) => [t, byLimit.get(t)!.build()]));
    this.#hierarchy = new Hierarchy(levels.map((l) => l.builder.build()));
  }

  get resources(): readonly ResourceRecord[] {
    return this.#resources;
  }

  /**
   * The resources as a frozen array, for plugins (`ctx.platform.resources`). A copy: V8 reads
   * frozen arrays more slowly, and the engine reads `resources` on hot paths.
   */
  get frozenResources(): readonly ResourceRecord[] {
    return (this.#frozen ??= Object.freeze([...this.#resources]));
  }

  get hierarchy(): Hierarchy {
    return this.#hierarchy;
  }

  #levelBuilders(): LevelInProgress[] {
    return this.#labels.map((label) => ({ builder: new LevelBuilder(label, this.#resources.length), valueOf: attributeReader(label) }));
  }

  #buildHierarchy(): Hierarchy {
    const levels = this.#levelBuilders();
    const b = this.usable.bounds;
    for (let k = 0; k < b.length; k += 2) {
      for (let i = b[k]!; i <= b[k + 1]!; i++) for (const level of levels) addToLevel(level, i, this.#resources[i]!);
    }
    return new Hierarchy(levels.map((l) => l.builder.build()));
  }

  /**
   * Applies property changes for the rest of the round (what an extra-metasched hook asked for,
   * once it returned). Constraints are re-evaluated from then on; the hierarchy is rebuilt when a
   * property is one of its labels. Returns the changes applied, in order: a change naming a
   * resource the platform does not have is left out.
   */
  setResourceProperties(changes: readonly ResourcePropertyChange[]): ResourcePropertyChange[] {
    const applied = changes.filter((c) => this.#indexOfId.has(c.resourceId));
    if (applied.length === 0) return applied;
    const resources = [...this.#resources];
    for (const { resourceId, property, value } of applied) {
      const index = this.#indexOfId.positionOf(resourceId)!;
      const r = resources[index]!;
      resources[index] = Object.freeze({ ...r, properties: Object.freeze({ ...r.properties, [property]: value }) });
    }
    this.#resources = resources;
    this.#frozen = undefined;
    this.#constraints.clear();
    if (applied.some((c) => this.#labels.includes(c.property))) this.#hierarchy = this.#buildHierarchy();
    return applied;
  }

  #indicesWhere(keep: (r: ResourceRecord) => boolean): IntervalSet {
    const kept = new AscendingSetBuilder();
    const resources = this.#resources;
    for (let i = 0; i < resources.length; i++) if (keep(resources[i]!)) kept.add(i);
    return kept.build();
  }

  /** Positions of the given ids; ids unknown to the platform are dropped. */
  indicesOfIds(ids: Iterable<number>): IntervalSet {
    const out: number[] = [];
    for (const id of ids) {
      const i = this.#indexOfId.positionOf(id);
      if (i !== undefined) out.push(i);
    }
    return IntervalSet.fromValues(out);
  }

  /** Resource ids of a set of positions (positions past the last resource are ignored). */
  idsOf(indices: IntervalSet): IntervalSet {
    return this.idMap.idsOf(indices);
  }

  /** `idsOf(indices).toString()`, without the intermediate set in the usual case. */
  idsText(indices: IntervalSet): string {
    return this.idMap.idsText(indices);
  }

  /**
   * The constraint set of one request part (core §5): `defaultSet` when neither the job nor the
   * part says anything but `type = 'default'`, else the resources (any state, any type) for which
   * `jobExpr AND partExpr` — plain text concatenation, as OAR does — is TRUE. Cached by text.
   * Throws `OarSchedError('EXPRESSION_SYNTAX')` for an unparsable combination. Once
   * `useEvaluatedFilters` was called, the filters come from there instead.
   */
  constraint(jobExpression: string, partExpression: string): IntervalSet {
    const filter = { job: jobExpression, part: partExpression };
    if (isDefaultFilter(filter)) return this.defaultSet;
    if (this.#evaluated) return this.#evaluatedConstraint(filter);
    const job = jobExpression.trim();
    const part = partExpression.trim();
    const text = job === '' ? part : part === '' ? job : `${job} AND ${part}`;
    let set = this.#constraints.get(text);
    if (!set) {
      const matches = compileExpression(text);
      set = this.#indicesWhere(matches);
      this.#constraints.set(text, set);
    }
    return set;
  }

  /**
   * Filters evaluated outside the engine (a database round, see property-filters.ts) for the jobs
   * about to be built; they replace the engine's own evaluation from now on.
   */
  useEvaluatedFilters(results: ReadonlyMap<string, FilterResult>): void {
    this.#evaluated = results;
  }

  #evaluatedConstraint(filter: PropertyFilter): IntervalSet {
    const result = this.#evaluated!.get(filterKey(filter));
    if (result === undefined) {
      throw new OarSchedError('PROPERTY_FILTER_INVALID', `the property filter was not evaluated: ${filterKey(filter).replace('\u0000', ' / ')}`);
    }
    if (!Array.isArray(result)) throw new OarSchedError('PROPERTY_FILTER_INVALID', (result as { error: string }).error);
    return this.indicesOfIds(result as readonly number[]);
  }
}
