/**
 * The records a plugin sees, as plain data: a resource, a job as submitted, an accounting
 * window. Adapters fill them (from a scenario file or the OAR database); the engine reads them.
 * Resource ids here are database ids; the sets hooks exchange are positions (see views.ts).
 */
export type ResourceState = 'Alive' | 'Absent' | 'Suspected' | 'Dead';

export interface ResourceRecord {
  readonly id: number;
  readonly state: ResourceState;
  readonly type: string;
  readonly availableUpto: number;
  readonly properties: Readonly<Record<string, string | number>>;
}

/** One level of a hierarchical request, e.g. `node=2`. Negative counts are the special forms. */
export interface LevelRequest {
  readonly level: string;
  readonly count: number | 'ALL' | 'BEST' | 'HALF_BEST';
}

/** One `+`-separated part of a request: levels coarse to fine, and its own property filter. */
export interface RequestPartRecord {
  readonly levels: readonly LevelRequest[];
  readonly property: string;
}

export interface MoldableRecord {
  /** Requested walltime in seconds, without the job security time. */
  readonly walltime: number;
  readonly request: readonly RequestPartRecord[];
}

export type ReservationStatus = 'None' | 'toSchedule' | 'Scheduled';

export interface JobRecord {
  readonly id: number;
  readonly name: string | null;
  readonly user: string;
  readonly project: string;
  readonly queue: string;
  readonly state: string;
  readonly reservation: ReservationStatus;
  /** Actual or planned start (pre-occupying jobs), requested start (reservations). */
  readonly startTime: number | undefined;
  /** Resource ids held by a pre-occupying job. */
  readonly resources: readonly number[] | undefined;
  readonly moldableIndex: number;
  readonly suspendedDuration: number;
  readonly exitCode: number | null;
  readonly submissionTime: number;
  readonly qos: number;
  readonly nice: number;
  /** Job types in declaration order; valueless types map to `""`. */
  readonly types: Readonly<Record<string, string>>;
  readonly properties: string;
  readonly moldables: readonly MoldableRecord[];
  readonly dependencies: readonly number[];
}

export interface AccountingRecord {
  readonly windowStart: number;
  readonly windowStop: number;
  readonly user: string;
  readonly project: string;
  readonly queue: string;
  readonly consumptionType: 'ASKED' | 'USED';
  readonly consumption: number;
}
