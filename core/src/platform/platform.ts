/**
 * The platform of one round: resources in their configured order, the id ↔ position mapping,
 * the derived sets of core §3.2 and the hierarchy of §4.1. Everything after this point works on
 * positions ("indices"); ids only reappear when results leave the core.
 */
import { compileExpression } from '../resources/expression/index.js';
import { Hierarchy, IntervalSet } from '@oar-sched/plugin-api';
import type { SchedulerConfig } from '../model/config.js';
import type { ResourceRecord } from '../model/snapshot.js';
import { parseResourceOrder, resourceAttribute, sortResources } from './resource-order.js';

const USABLE_STATES: ReadonlySet<string> = new Set(['Alive', 'Absent']);

export class Platform {
  /** Resources in index order. */
  #resources: ResourceRecord[];
  /** `ids[index]` = resource id. */
  readonly ids: Int32Array;
  /** Alive or Absent resources. */
  readonly usable: IntervalSet;
  /** Usable resources of type `default`: the only ones a job without properties can get. */
  readonly defaultSet: IntervalSet;
  /** Usable resources a suspended job releases (`suspendableResourceTypes`). */
  readonly suspendableSet: IntervalSet;
  #hierarchy: Hierarchy;
  readonly #labels: readonly string[];
  readonly #indexOfId: ReadonlyMap<number, number>;
  readonly #constraints = new Map<string, IntervalSet>();

  constructor(resources: readonly ResourceRecord[], config: SchedulerConfig) {
    this.#resources = sortResources(resources, parseResourceOrder(config.resourceOrder));
    this.#labels = config.hierarchyLabels;
    this.ids = Int32Array.from(this.resources, (r) => r.id);
    this.#indexOfId = new Map(this.resources.map((r, i) => [r.id, i]));
    this.usable = this.#indicesWhere((r) => USABLE_STATES.has(r.state));
    this.defaultSet = this.usable.intersect(this.#indicesWhere((r) => r.type === 'default'));
    const suspendable = new Set(config.suspendableResourceTypes);
    this.suspendableSet = this.usable.intersect(this.#indicesWhere((r) => suspendable.has(r.type)));
    this.#hierarchy = this.#buildHierarchy();
  }

  get resources(): readonly ResourceRecord[] {
    return this.#resources;
  }

  get hierarchy(): Hierarchy {
    return this.#hierarchy;
  }

  #buildHierarchy(): Hierarchy {
    return new Hierarchy(
      this.#labels.map((label) =>
        Hierarchy.levelFromKeys(label, this.usable, (i) => {
          const value = resourceAttribute(this.#resources[i]!, label === 'id' ? 'resource_id' : label);
          return value === undefined ? undefined : `${typeof value}:${value}`;
        }),
      ),
    );
  }

  /**
   * Changes one property for the rest of the round (extra-metasched hooks). Constraints are
   * re-evaluated from then on; the hierarchy is rebuilt when the property is one of its labels.
   */
  setResourceProperty(id: number, property: string, value: string | number): void {
    const index = this.#indexOfId.get(id);
    if (index === undefined) return;
    const r = this.#resources[index]!;
    this.#resources[index] = { ...r, properties: { ...r.properties, [property]: value } };
    this.#constraints.clear();
    if (this.#labels.includes(property)) this.#hierarchy = this.#buildHierarchy();
  }

  #indicesWhere(keep: (r: ResourceRecord) => boolean): IntervalSet {
    const kept: number[] = [];
    this.resources.forEach((r, i) => keep(r) && kept.push(i));
    return IntervalSet.fromValues(kept);
  }

  /** Positions of the given ids; ids unknown to the platform are dropped. */
  indicesOfIds(ids: Iterable<number>): IntervalSet {
    const out: number[] = [];
    for (const id of ids) {
      const i = this.#indexOfId.get(id);
      if (i !== undefined) out.push(i);
    }
    return IntervalSet.fromValues(out);
  }

  /** Resource ids of a set of positions. */
  idsOf(indices: IntervalSet): IntervalSet {
    const out: number[] = [];
    for (const i of indices.values()) {
      const id = this.ids[i];
      if (id !== undefined) out.push(id);
    }
    return IntervalSet.fromValues(out);
  }

  /**
   * The constraint set of one request part (core §5): `defaultSet` when neither the job nor the
   * part says anything but `type = 'default'`, else the resources (any state, any type) for which
   * `jobExpr AND partExpr` — plain text concatenation, as OAR does — is TRUE. Cached by text.
   * Throws `OarSchedError('EXPRESSION_SYNTAX')` for an unparsable combination.
   */
  constraint(jobExpression: string, partExpression: string): IntervalSet {
    const job = jobExpression.trim();
    const part = partExpression.trim();
    if (job === '' && (part === '' || /^type\s*=\s*'default'$/.test(part))) return this.defaultSet;
    const text = job === '' ? part : part === '' ? job : `${job} AND ${part}`;
    let set = this.#constraints.get(text);
    if (!set) {
      const matches = compileExpression(text);
      set = this.#indicesWhere(matches);
      this.#constraints.set(text, set);
    }
    return set;
  }
}
