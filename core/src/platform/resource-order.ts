/**
 * `resourceOrder` (OAR `SCHEDULER_RESOURCE_ORDER`): an SQL `ORDER BY` list such as
 * `"switch ASC, network_address DESC, resource_id"`. The resulting position of a resource is its
 * index in the core; selection takes the lowest indices first, so this is allocation preference.
 */
import { OarSchedError } from '../errors.js';
import type { ResourceRecord } from '../model/snapshot.js';
import { reservedAttribute } from '../resources/expression/resource.js';

export interface OrderKey {
  readonly attribute: string;
  readonly descending: boolean;
}

const KEY_PATTERN = /^\s*("[^"]+"|[A-Za-z_][A-Za-z0-9_]*)\s*(ASC|DESC)?\s*$/i;

export function parseResourceOrder(text: string, where = 'config.resourceOrder'): OrderKey[] {
  const items = text.split(',');
  return items.map((item, i) => {
    const match = KEY_PATTERN.exec(item);
    if (!match) {
      throw new OarSchedError(
        'SCENARIO_INVALID',
        `${where}: item ${i + 1} "${item.trim()}" is not "<property> [ASC|DESC]"`,
      );
    }
    const attribute = match[1]!.replace(/^"|"$/g, '');
    return { attribute, descending: (match[2] ?? 'ASC').toUpperCase() === 'DESC' };
  });
}

/**
 * The reader of an order or hierarchy attribute, name resolved once: a reserved name, else the
 * property; `undefined` when the resource lacks it (SQL NULL).
 */
export function attributeReader(name: string): (r: ResourceRecord) => string | number | undefined {
  return reservedAttribute(name) ?? ((r) => r.properties[name]);
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * Resources sorted by `keys`, stable with respect to the input order. Like PostgreSQL, missing
 * values sort last in an ascending key and first in a descending one. Input already in order (the
 * usual `resource_id ASC` over resources read in id order) is returned as is, after one pass.
 */
export function sortResources(resources: readonly ResourceRecord[], keys: readonly OrderKey[]): readonly ResourceRecord[] {
  const readers = keys.map((key) => ({ valueOf: attributeReader(key.attribute), descending: key.descending }));
  const compare = (x: ResourceRecord, y: ResourceRecord): number => {
    for (let k = 0; k < readers.length; k++) {
      const { valueOf, descending } = readers[k]!;
      const a = valueOf(x);
      const b = valueOf(y);
      if (a === b) continue;
      let c: number;
      if (a === undefined || b === undefined) c = a === undefined ? 1 : -1;
      else c = compareValues(a, b);
      if (c !== 0) return descending ? -c : c;
    }
    return 0;
  };
  let inOrder = true;
  for (let i = 1; i < resources.length && inOrder; i++) inOrder = compare(resources[i - 1]!, resources[i]!) <= 0;
  if (inOrder) return resources;
  const indexed = resources.map((r, i) => ({ r, i }));
  indexed.sort((x, y) => compare(x.r, y.r) || x.i - y.i);
  return indexed.map((e) => e.r);
}
