import { describe, expect, it } from 'vitest';
import { parseResourceRequest, parseResourceRequests } from './resource-request.js';

const LABELS = ['resource_id', 'network_address', 'cpu', 'core'];
const opts = { labels: LABELS, columns: [...LABELS, 'gpu', 'host', 'mem'] };
const level = (label: string, value: number) => ({ label, value });

describe('parseResourceRequest: what oarsub writes', () => {
  it.each([
    ['/nodes=2/core=4,walltime=1:0:0', 3600, [{ property: '', levels: [level('network_address', 2), level('core', 4)] }]],
    ['/host=1', 3600, [{ property: '', levels: [level('network_address', 1)] }]],
    ['nodes=3', 3600, [{ property: '', levels: [level('network_address', 3)] }]],
    ['/resource_id=4,walltime=0:1:0', 60, [{ property: '', levels: [level('resource_id', 4)] }]],
    ['/cpu=1/core=2/', 3600, [{ property: '', levels: [level('cpu', 1), level('core', 2)] }]],
    ['walltime=2', 7200, [{ property: '', levels: [level('resource_id', 1)] }]],
    ['walltime=1:30', 5400, [{ property: '', levels: [level('resource_id', 1)] }]],
    ['/core=ALL', 3600, [{ property: '', levels: [level('core', -1)] }]],
    ['/core=BEST', 3600, [{ property: '', levels: [level('core', -2)] }]],
    ['/core=HALF_BEST', 3600, [{ property: '', levels: [level('core', -3)] }]],
    [
      "{gpu='YES'}/nodes=1/core=2+{gpu = 'NO'}/core=8, walltime = 0:0:90",
      90,
      [
        { property: "gpu='YES'", levels: [level('network_address', 1), level('core', 2)] },
        { property: "gpu = 'NO'", levels: [level('core', 8)] },
      ],
    ],
    ['{resource_id IN (1,2,3) AND mem > 2}/resource_id=2', 3600, [{ property: 'resource_id IN (1,2,3) AND mem > 2', levels: [level('resource_id', 2)] }]],
    ["{network_address LIKE '%/x+y}'}/core=1", 3600, [{ property: "network_address LIKE '%/x+y}'", levels: [level('core', 1)] }]],
  ])('%s', (text, walltime, groups) => {
    expect(parseResourceRequest(text, opts)).toEqual({ walltime, groups });
  });

  it('no -l: /resource_id=1 for one hour (OARSUB_DEFAULT_RESOURCES, DEFAULT_JOB_WALLTIME)', () => {
    expect(parseResourceRequests([], opts)).toEqual([{ walltime: 3600, groups: [{ property: '', levels: [level('resource_id', 1)] }] }]);
  });

  it('several -l: one moldable each, in order', () => {
    expect(parseResourceRequests(['/nodes=2,walltime=1:0:0', '/nodes=1,walltime=2:0:0'], opts).map((m) => [m.walltime, m.groups[0]!.levels[0]!.value])).toEqual([
      [3600, 2],
      [7200, 1],
    ]);
  });

  it('the default walltime can be changed', () => {
    expect(parseResourceRequest('/nodes=1', { ...opts, defaultWalltime: 60 }).walltime).toBe(60);
  });

  it('host is a label of its own when the hierarchy has one', () => {
    expect(parseResourceRequest('/host=1', { labels: [...LABELS, 'host'] }).groups[0]!.levels).toEqual([level('host', 1)]);
  });
});

describe('parseResourceRequest: errors say what and where', () => {
  it.each([
    ['/nodes=two', '-l "/nodes=two": "two" is not a count (expected a positive integer, ALL, BEST or HALF_BEST) at /nodes=two'],
    ['/nodes=0', '"0" is not a count (expected a positive integer, ALL, BEST or HALF_BEST) at /nodes=0'],
    ['/nodes=-1', '"-1" is not a count'],
    ['/core=best', '"best" is not a count'],
    ['/core=99999999999', '"99999999999" is not a count'],
    ['/nodes=', '"" is not a count'],
    ['/gpus=2', '-l "/gpus=2": unknown resource label "gpus" (known: resource_id, network_address (or nodes), cpu, core) at /gpus=2'],
    ['/gpu=2', '"gpu" is a resources column but not a hierarchy label (hierarchyLabels: resource_id, network_address (or nodes), cpu, core); add it to hierarchyLabels to request it at /gpu=2'],
    ['/nodes', 'expected label=count at /nodes'],
    ['/=2', 'missing resource label before = at /=2'],
    ['/nodes=1/nodes=2', 'label network_address appears twice in one part at /nodes=1/nodes=2'],
    ['{gpu=1', 'unclosed { at {gpu=1'],
    ['{}/nodes=1', 'empty property filter {} at {}/nodes=1'],
    ["{gpu='YES'}", "no resource level (expected /label=count) at {gpu='YES'}"],
    ['/nodes=1+', 'no resource level (expected /label=count) at (empty)'],
    ['', 'empty resource request at (empty)'],
    ['/nodes=1,walltime=1:x', '"1:x" is not a walltime (expected H, H:M or H:M:S, e.g. 1:30:0) at walltime=1:x'],
    ['/nodes=1,walltime=1:0:0:0', '"1:0:0:0" is not a walltime'],
    ['/nodes=1,walltime=', '"" is not a walltime'],
    ['/nodes=1,walltime=0', 'the walltime must be longer than 0 s at walltime=0'],
    ['/nodes=1,walltime=1,walltime=2', 'walltime is given twice at walltime=2'],
    ['/nodes=1,mem=2', 'unexpected "mem=2" (only walltime=… may follow the resources) at mem=2'],
    ['nodes, walltime=1', 'expected /label=count or {property}/label=count at nodes'],
  ])('%s', (text, message) => {
    expect(() => parseResourceRequest(text, opts)).toThrow(message);
  });

  it('is a SubmitError', () => {
    expect(() => parseResourceRequest('/nodes=two', opts)).toThrow(expect.objectContaining({ name: 'SubmitError' }));
  });
});
