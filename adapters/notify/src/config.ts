import { OarSchedError } from '@oar-sched/core';

/** Where the real notifier sends, and how long one notification may take. */
export interface OarNotifierConfig {
  /** `SERVER_HOSTNAME`: host of the central automaton's appendice socket. */
  readonly serverHostname: string;
  /** `APPENDICE_SERVER_PORT`: its port. */
  readonly appendiceServerPort: number;
  /** `BIPBIP_COMMANDER_SERVER`: host of the launcher. */
  readonly bipbipCommanderServer: string;
  /** `BIPBIP_COMMANDER_PORT`: its port. */
  readonly bipbipCommanderPort: number;
  /** Upper bound (ms) on one notification, waiting for a busy endpoint included. */
  readonly timeoutMs: number;
}

/** The reference's defaults (spec §2), and a 2 s bound per notification. */
export const DEFAULT_NOTIFIER_CONFIG: OarNotifierConfig = Object.freeze({
  serverHostname: 'localhost',
  appendiceServerPort: 6670,
  bipbipCommanderServer: 'localhost',
  bipbipCommanderPort: 6671,
  timeoutMs: 2000,
});

/**
 * The notifier's config from `oar.conf` keys (values may be strings or numbers, quotes already
 * stripped; missing or empty keys take the defaults). `timeoutMs` is ours, not OAR's.
 * Throws `OarSchedError` `CONFIG_INVALID` for a port or timeout that is not a positive integer.
 */
export function notifierConfigFromOarConf(conf: Readonly<Record<string, string | number | undefined>>, timeoutMs?: number): OarNotifierConfig {
  const text = (key: string, fallback: string) => {
    const v = conf[key];
    return v === undefined || String(v).trim() === '' ? fallback : String(v).trim();
  };
  return resolveNotifierConfig({
    serverHostname: text('SERVER_HOSTNAME', DEFAULT_NOTIFIER_CONFIG.serverHostname),
    appendiceServerPort: port('APPENDICE_SERVER_PORT', text('APPENDICE_SERVER_PORT', String(DEFAULT_NOTIFIER_CONFIG.appendiceServerPort))),
    bipbipCommanderServer: text('BIPBIP_COMMANDER_SERVER', DEFAULT_NOTIFIER_CONFIG.bipbipCommanderServer),
    bipbipCommanderPort: port('BIPBIP_COMMANDER_PORT', text('BIPBIP_COMMANDER_PORT', String(DEFAULT_NOTIFIER_CONFIG.bipbipCommanderPort))),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
}

/** Defaults for what is missing, then checks every field. Throws `OarSchedError` `CONFIG_INVALID`. */
export function resolveNotifierConfig(partial: Partial<OarNotifierConfig> = {}): OarNotifierConfig {
  const config = { ...DEFAULT_NOTIFIER_CONFIG, ...definedOnly(partial) };
  for (const key of ['appendiceServerPort', 'bipbipCommanderPort'] as const) port(key, config[key]);
  for (const key of ['serverHostname', 'bipbipCommanderServer'] as const) {
    if (typeof config[key] !== 'string' || config[key].trim() === '') {
      throw new OarSchedError('CONFIG_INVALID', `notifier ${key} must be a host name, got ${JSON.stringify(config[key])}`);
    }
  }
  if (!Number.isSafeInteger(config.timeoutMs) || config.timeoutMs <= 0) {
    throw new OarSchedError('CONFIG_INVALID', `notifier timeoutMs must be a positive integer (milliseconds), got ${JSON.stringify(config.timeoutMs)}`);
  }
  return Object.freeze(config);
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function port(key: string, value: unknown): number {
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 65535) {
    throw new OarSchedError('CONFIG_INVALID', `notifier ${key} must be a port number (1..65535), got ${JSON.stringify(value)}`);
  }
  return n;
}
