import { describe, expect, it } from 'vitest';
import { parseDate, parseDuration } from './duration.js';
import { shellWords } from './shell-words.js';
import { parseSubmitLine, toJobInsert, type SubmitOptions } from './submit-options.js';

const context = { labels: ['resource_id', 'network_address', 'cpu', 'core'], timeZone: 'UTC', now: 1_000_000 };

describe('shellWords', () => {
  it.each([
    ['a b  c', ['a', 'b', 'c']],
    [`-l "/nodes=2,walltime=1:0:0" -p "gpu='YES'"`, ['-l', '/nodes=2,walltime=1:0:0', '-p', "gpu='YES'"]],
    [`-p 'a "b"' x\\ y`, ['-p', 'a "b"', 'x y']],
    [`"a\\"b\\\\c\\n"`, ['a"b\\c\\n']],
    [`pre"mid"'post'`, ['premidpost']],
    [`''`, ['']],
    ['', []],
  ])('%j', (line, words) => {
    expect(shellWords(line)).toEqual(words);
  });

  it.each([
    [`-p "a`, 'unterminated " quote at column 4'],
    [`-p 'a`, "unterminated ' quote at column 4"],
    ['a \\', 'trailing backslash'],
  ])('%j throws', (line, message) => {
    expect(() => shellWords(line)).toThrow(message);
  });
});

describe('parseDuration / parseDate', () => {
  it.each([
    ['1', 3600],
    ['1:30', 5400],
    ['0:0:90', 90],
    ['2:00:00', 7200],
    ['x', undefined],
    ['1:2:3:4', undefined],
    ['-1', undefined],
    ['', undefined],
  ])('parseDuration(%j) = %s', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each([
    ['2026-12-01 10:00:00', 'UTC', Date.UTC(2026, 11, 1, 10) / 1000],
    ['2026-12-01 10:00', 'UTC', Date.UTC(2026, 11, 1, 10) / 1000],
    ['2026-12-01', 'UTC', Date.UTC(2026, 11, 1) / 1000],
    ['2026-12-01 10:00:00', 'Europe/Paris', Date.UTC(2026, 11, 1, 9) / 1000],
    ['2026-07-01 10:00:00', 'Europe/Paris', Date.UTC(2026, 6, 1, 8) / 1000],
    ['2026-02-30 10:00:00', 'UTC', undefined],
    ['2026-12-01 25:00:00', 'UTC', undefined],
    ['tomorrow', 'UTC', undefined],
  ])('parseDate(%j, %s)', (text, zone, epoch) => {
    expect(parseDate(text, zone)).toBe(epoch);
  });
});

describe('parseSubmitLine', () => {
  it('reads every option of the brief', () => {
    expect(
      parseSubmitLine(
        `-l "/nodes=2/core=4,walltime=1:0:0" -q default -t besteffort --project p -n name -u alice -p "gpu='YES'" -r "2026-12-01 10:00:00" -a 12 -t container -t inner=5 -t find=contiguous_1h`,
      ),
    ).toEqual({
      l: ['/nodes=2/core=4,walltime=1:0:0'],
      q: 'default',
      t: ['besteffort', 'container', 'inner=5', 'find=contiguous_1h'],
      project: 'p',
      n: 'name',
      user: 'alice',
      p: "gpu='YES'",
      r: '2026-12-01 10:00:00',
      a: [12],
    });
  });

  it.each<[string, SubmitOptions]>([
    ['--resource=/nodes=1 --queue=admin --type=deploy', { l: ['/nodes=1'], q: 'admin', t: ['deploy'] }],
    ['-l /nodes=1 -l /nodes=2', { l: ['/nodes=1', '/nodes=2'] }],
    ['-qadmin -tdeploy', { q: 'admin', t: ['deploy'] }],
    ['--anterior 3 -a 4 --hold', { a: [3, 4], hold: true }],
    ['-l /nodes=1 ./run.sh --fast 3', { l: ['/nodes=1'], command: './run.sh --fast 3' }],
    ['', {}],
  ])('%j', (line, options) => {
    expect(parseSubmitLine(line)).toEqual(options);
  });

  it.each([
    ['-x 1', 'unknown option "-x" in: -x 1 (known: -l, --resource, -t, --type, -q, --queue'],
    ['--walltime 1', 'unknown option "--walltime"'],
    ['-l', '-l needs a value in: -l'],
    ['-q a -q b', '-q/--queue is given twice in: -q a -q b'],
    ['-a x', '-a "x": expected a job id (a whole number)'],
    ['--hold=yes', '--hold takes no value'],
    ['-p "a', 'unterminated " quote'],
  ])('%j throws', (line, message) => {
    expect(() => parseSubmitLine(line)).toThrow(message);
  });
});

describe('toJobInsert', () => {
  it('defaults: queue default, /resource_id=1 for an hour, submitted now', () => {
    expect(toJobInsert({}, context)).toMatchObject({
      queue: 'default',
      properties: '',
      types: [],
      dependencies: [],
      submissionTime: 1_000_000,
      moldables: [{ walltime: 3600, groups: [{ property: '', levels: [{ label: 'resource_id', value: 1 }] }] }],
    });
  });

  it('besteffort: the type picks the queue, the queue adds the type (OAR admission rules)', () => {
    expect(toJobInsert({ t: 'besteffort' }, context)).toMatchObject({ queue: 'besteffort', types: ['besteffort'] });
    expect(toJobInsert({ q: 'besteffort' }, context)).toMatchObject({ queue: 'besteffort', types: ['besteffort'] });
    expect(toJobInsert({ q: 'default', t: 'besteffort' }, context)).toMatchObject({ queue: 'default', types: ['besteffort'] });
  });

  it('a reservation: toSchedule at its start', () => {
    expect(toJobInsert({ r: '1970-01-12 14:00:00' }, context)).toMatchObject({ reservation: 'toSchedule', startTime: 1_000_800 });
    expect(toJobInsert({ r: 2_000_000 }, context)).toMatchObject({ reservation: 'toSchedule', startTime: 2_000_000 });
  });

  it('a running job: state, start, moldable and resources', () => {
    expect(toJobInsert({ l: ['/nodes=1', '/nodes=2'], running: { start: 999_000, resources: [1, 2], moldable: 1 } }, context)).toMatchObject({
      state: 'Running',
      startTime: 999_000,
      assignedMoldable: 1,
      assignedResources: [1, 2],
    });
  });

  it('the rest maps to columns', () => {
    expect(toJobInsert({ n: 'j', project: 'p', user: 'u', p: "gpu='YES'", a: [3, 4], hold: true, command: 'x', submissionTime: 5 }, context, 'oarsub x')).toMatchObject({
      name: 'j',
      project: 'p',
      user: 'u',
      properties: "gpu='YES'",
      dependencies: [3, 4],
      state: 'Hold',
      command: 'x',
      submissionTime: 5,
      initialRequest: 'oarsub x',
    });
  });

  it.each<[SubmitOptions, string]>([
    [{ r: 'next week' }, '-r "next week": expected a date "YYYY-MM-DD HH:MM:SS" (time zone UTC) or epoch seconds'],
    [{ r: -5 }, '-r -5: expected whole epoch seconds'],
    [{ submissionTime: 'x' }, 'submissionTime "x": expected a date'],
    [{ a: 0 }, '-a 0: expected a job id (a positive whole number)'],
    [{ q: '' }, '-q "": empty queue name'],
    [{ t: '' }, '-t "": empty job type'],
    [{ l: '/gpus=1' }, 'unknown resource label "gpus"'],
    [{ r: 5, running: { start: 1, resources: [1] } }, 'running and -r cannot both be given'],
    [{ running: { start: 1, resources: [] } }, 'running.resources: a running job needs resource ids'],
  ])('%j throws', (options, message) => {
    expect(() => toJobInsert(options, context)).toThrow(message);
  });
});
