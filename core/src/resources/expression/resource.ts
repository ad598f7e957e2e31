/** What a constraint expression can see of one resource (scheduler-core §3.1). */
export interface ResourceAttributes {
  /** Names `resource_id` and `id`. */
  readonly id: number;
  /** Name `type`. */
  readonly type: string;
  /** Name `state`. */
  readonly state: string;
  /** Name `available_upto`. */
  readonly availableUpto: number;
  /** Any other name; an absent key is SQL NULL. The reserved names above are never looked up here. */
  readonly properties: Readonly<Record<string, string | number>>;
}

/** True only when the expression is TRUE for the resource (FALSE and UNKNOWN both reject it). */
export type ResourcePredicate = (resource: ResourceAttributes) => boolean;

/**
 * The reader of a reserved name (`resource_id`/`id`, `type`, `state`, `available_upto`), or
 * `undefined` for any other name (a property: its readers differ on what a missing key is).
 */
export function reservedAttribute(name: string): ((r: ResourceAttributes) => string | number) | undefined {
  switch (name) {
    case 'resource_id':
    case 'id':
      return (r) => r.id;
    case 'type':
      return (r) => r.type;
    case 'state':
      return (r) => r.state;
    case 'available_upto':
      return (r) => r.availableUpto;
    default:
      return undefined;
  }
}
