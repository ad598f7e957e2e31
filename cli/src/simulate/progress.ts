/**
 * The simulator's progress on stderr: a bar redrawn in place on a terminal (one column per
 * config), else one line each time a config passes a tenth; nothing when quiet.
 */
export interface ProgressSink {
  readonly write: (text: string) => void;
  readonly isTTY: boolean;
  readonly quiet: boolean;
}

export class Progress {
  private readonly done: number[];
  private readonly tenths: number[];
  private lastDraw = 0;

  constructor(
    private readonly names: readonly string[],
    private readonly sink: ProgressSink,
  ) {
    this.done = names.map(() => 0);
    this.tenths = names.map(() => 0);
  }

  /** Config `index` has finished `finished` of `total` jobs. */
  update(index: number, finished: number, total: number): void {
    if (this.sink.quiet) return;
    const fraction = total === 0 ? 1 : finished / total;
    this.done[index] = fraction;
    if (this.sink.isTTY) {
      const now = Date.now();
      if (now - this.lastDraw < 100 && fraction < 1) return;
      this.lastDraw = now;
      const bars = this.names.map((name, i) => {
        const f = this.done[i]!;
        const filled = Math.round(f * 20);
        return `${name} [${'#'.repeat(filled)}${'.'.repeat(20 - filled)}] ${String(Math.floor(f * 100)).padStart(3)}%`;
      });
      this.sink.write(`\r${bars.join('  ')}`);
      return;
    }
    const tenth = Math.floor(fraction * 10);
    if (tenth > this.tenths[index]!) {
      this.tenths[index] = tenth;
      this.sink.write(`oar-sched: simulate: ${this.names[index]}: ${tenth * 10}% (${finished}/${total} jobs)\n`);
    }
  }

  /** Ends the bar's line on a terminal. */
  finish(): void {
    if (!this.sink.quiet && this.sink.isTTY) this.sink.write('\n');
  }
}
