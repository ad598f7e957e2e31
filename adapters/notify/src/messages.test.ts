/**
 * The texts of spec §13, §7.4, §9.1 as OAR 3 writes them. Expected values were produced with the
 * reference's own calls (Python 3 `json.dumps`, `time.strftime("%F %T", time.localtime(t))` under
 * `TZ=...`), not derived from this code.
 */
import { describe, expect, it } from 'vitest';
import { OarSchedError } from '@oar-sched/core';
import {
  automatonFrame,
  automatonMessage,
  formatOarDate,
  jobErrorLines,
  launchFrame,
  launchMessage,
  parseInfoType,
  pythonJsonDumps,
  reservationAcceptedLines,
  startPredictionLine,
} from './messages.js';
import { DEFAULT_NOTIFIER_CONFIG, notifierConfigFromOarConf, resolveNotifierConfig } from './config.js';

describe('ZeroMQ frames (pyzmq send_json = json.dumps)', () => {
  it('launch order: meta_sched.notify_to_run_job', () => {
    expect(launchMessage(42)).toEqual({ job_id: 42, cmd: 'OARRUN', args: [] });
    expect(launchFrame(42)).toBe('{"job_id": 42, "cmd": "OARRUN", "args": []}');
  });

  it('automaton command: tools.notify_almighty, job_id and args only when truthy', () => {
    expect(automatonFrame('ChState')).toBe('{"cmd": "ChState"}');
    expect(automatonFrame('Qdel')).toBe('{"cmd": "Qdel"}');
    expect(automatonFrame('Qdel', { jobId: 0, args: [] })).toBe('{"cmd": "Qdel"}');
    expect(automatonMessage('Qdel', { jobId: 0, args: [] })).toEqual({ cmd: 'Qdel' });
    expect(automatonFrame('Qdel', { jobId: 5, args: ['a b', 'é'] })).toBe('{"cmd": "Qdel", "job_id": 5, "args": ["a b", "\\u00e9"]}');
  });

  it('escapes as Python json.dumps with ensure_ascii', () => {
    expect(pythonJsonDumps('\x7f\x01\n\t"\\é😀')).toBe('"\\u007f\\u0001\\n\\t\\"\\\\\\u00e9\\ud83d\\ude00"');
    expect(pythonJsonDumps({ a: [1, 'x'], b: {} })).toBe('{"a": [1, "x"], "b": {}}');
  });

  it('refuses what the reference would write differently (floats)', () => {
    expect(() => pythonJsonDumps(1.5)).toThrow(TypeError);
  });
});

describe('oarsub lines', () => {
  it('GOOD RESERVATION; message then BAD JOB', () => {
    expect(reservationAcceptedLines()).toEqual(['GOOD RESERVATION']);
    expect(jobErrorLines('This advance reservation cannot run')).toEqual(['This advance reservation cannot run', 'BAD JOB']);
  });

  it('start prediction: [<now>] Start prediction: <start> (<message>)', () => {
    expect(startPredictionLine(1_000_000_000, 1_000_000_060, 'R=4,W=0:1:0,J=I,Q=default', 'Europe/Paris')).toBe(
      '[2001-09-09 03:46:40] Start prediction: 2001-09-09 03:47:40 (R=4,W=0:1:0,J=I,Q=default)',
    );
  });
});

describe('formatOarDate = local_to_sql: strftime("%F %T", localtime(t))', () => {
  it.each([
    [0, 'UTC', '1970-01-01 00:00:00'],
    [0, 'Europe/Paris', '1970-01-01 01:00:00'],
    [1_000_000_000, 'Europe/Paris', '2001-09-09 03:46:40'],
    [1_751_328_000, 'Europe/Paris', '2025-07-01 02:00:00'],
    [1_751_328_000, 'America/New_York', '2025-06-30 20:00:00'],
    [1_743_296_399, 'Europe/Paris', '2025-03-30 01:59:59'],
    [1_743_296_400, 'Europe/Paris', '2025-03-30 03:00:00'],
    [1_743_296_400.9, 'Europe/Paris', '2025-03-30 03:00:00'],
  ])('%s in %s is %s', (t, zone, text) => {
    expect(formatOarDate(t, zone)).toBe(text);
  });

  it('uses the process zone when none is given', () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(formatOarDate(1_751_328_000)).toBe(formatOarDate(1_751_328_000, zone));
  });

  it('refuses an unknown zone with a config error', () => {
    expect(() => formatOarDate(0, 'Mars/Olympus')).toThrow(OarSchedError);
    try {
      formatOarDate(0, 'Mars/Olympus');
    } catch (e) {
      expect((e as OarSchedError).code).toBe('CONFIG_INVALID');
    }
  });
});

describe('parseInfoType', () => {
  it.each([
    ['node1:4242', { host: 'node1', port: 4242 }],
    ['127.0.0.1:65535', { host: '127.0.0.1', port: 65535 }],
    ['[::1]:1234', { host: '::1', port: 1234 }],
  ])('%s', (text, address) => {
    expect(parseInfoType(text)).toEqual(address);
  });

  it.each([[''], [null], ['node1'], [':80'], ['node1:'], ['node1:0'], ['node1:70000'], ['node1:8a']])('%s is a reason, not an exception', (text) => {
    expect(typeof parseInfoType(text)).toBe('string');
  });
});

describe('notifier config', () => {
  it('defaults are the reference ones (spec §2)', () => {
    expect(resolveNotifierConfig()).toEqual({
      serverHostname: 'localhost',
      appendiceServerPort: 6670,
      bipbipCommanderServer: 'localhost',
      bipbipCommanderPort: 6671,
      timeoutMs: 2000,
    });
    expect(notifierConfigFromOarConf({})).toEqual(DEFAULT_NOTIFIER_CONFIG);
  });

  it('reads oar.conf keys, numbers as strings or numbers', () => {
    expect(
      notifierConfigFromOarConf({ SERVER_HOSTNAME: 'server', APPENDICE_SERVER_PORT: '7000', BIPBIP_COMMANDER_SERVER: 'launcher', BIPBIP_COMMANDER_PORT: 7001 }, 500),
    ).toEqual({ serverHostname: 'server', appendiceServerPort: 7000, bipbipCommanderServer: 'launcher', bipbipCommanderPort: 7001, timeoutMs: 500 });
  });

  it.each([
    [{ APPENDICE_SERVER_PORT: 'abc' }],
    [{ BIPBIP_COMMANDER_PORT: '0' }],
    [{ BIPBIP_COMMANDER_PORT: 70000 }],
  ])('refuses %j with CONFIG_INVALID', (conf) => {
    expect(() => notifierConfigFromOarConf(conf)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('refuses a bad timeout or host', () => {
    expect(() => resolveNotifierConfig({ timeoutMs: 0 })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => resolveNotifierConfig({ serverHostname: ' ' })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
