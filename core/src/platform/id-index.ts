/**
 * Resource id → position, for ids coming into the round (running jobs' resources, filters
 * evaluated by a database). Ids are usually dense (1…n), so a typed array indexed by id is used
 * when it is at most a few times larger than the platform; a map otherwise. A repeated id maps to
 * its last position.
 */
export class IdIndex {
  readonly #dense: Int32Array | undefined;
  readonly #sparse: Map<number, number> | undefined;

  constructor(ids: Int32Array) {
    let max = -1;
    let min = 0;
    for (let p = 0; p < ids.length; p++) {
      if (ids[p]! > max) max = ids[p]!;
      if (ids[p]! < min) min = ids[p]!;
    }
    if (min >= 0 && max < 4 * ids.length + 1024) {
      const dense = new Int32Array(max + 1).fill(-1);
      for (let p = 0; p < ids.length; p++) dense[ids[p]!] = p;
      this.#dense = dense;
    } else {
      this.#sparse = new Map();
      for (let p = 0; p < ids.length; p++) this.#sparse.set(ids[p]!, p);
    }
  }

  /** Position of `id`, or `undefined` when the platform has no such resource. */
  positionOf(id: number): number | undefined {
    if (this.#dense) {
      const p = Number.isInteger(id) && id >= 0 && id < this.#dense.length ? this.#dense[id]! : -1;
      return p >= 0 ? p : undefined;
    }
    return this.#sparse!.get(id);
  }

  has(id: number): boolean {
    return this.positionOf(id) !== undefined;
  }
}
