import { describe, expect, it } from 'vitest';
import { Progress } from './progress.js';

function capture(isTTY: boolean, quiet = false) {
  let text = '';
  return { sink: { write: (t: string) => void (text += t), isTTY, quiet }, text: () => text };
}

describe('Progress', () => {
  it('not a terminal: one line per tenth passed, per config', () => {
    const c = capture(false);
    const p = new Progress(['a', 'b'], c.sink);
    for (let i = 1; i <= 20; i++) p.update(0, i, 20);
    p.update(1, 5, 20);
    p.finish();
    const lines = c.text().trimEnd().split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe('oar-sched: simulate: a: 10% (2/20 jobs)');
    expect(lines[9]).toBe('oar-sched: simulate: a: 100% (20/20 jobs)');
    expect(lines[10]).toBe('oar-sched: simulate: b: 20% (5/20 jobs)');
  });

  it('a terminal: one bar per config redrawn in place, a newline at the end', () => {
    const c = capture(true);
    const p = new Progress(['a', 'b'], c.sink);
    p.update(0, 10, 10);
    p.finish();
    expect(c.text()).toBe(`\ra [${'#'.repeat(20)}] 100%  b [${'.'.repeat(20)}]   0%\n`);
  });

  it('quiet: nothing', () => {
    const c = capture(true, true);
    const p = new Progress(['a'], c.sink);
    p.update(0, 1, 1);
    p.finish();
    expect(c.text()).toBe('');
  });
});
