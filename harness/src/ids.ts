/**
 * `ids('1-9 21-27')` → `[1, …, 9, 21, …, 27]`: resource ids written as OAR and the scheduler
 * print them (space-separated ids and inclusive ranges), for comparing with `plan[id].resources`.
 */
export function ids(text: string): number[] {
  const out: number[] = [];
  for (const item of text.trim().split(/\s+/)) {
    if (item === '') continue;
    const m = /^(\d+)(?:-(\d+))?$/.exec(item);
    if (!m) throw new TypeError(`ids(${JSON.stringify(text)}): "${item}" is not an id or a range a-b`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a) throw new TypeError(`ids(${JSON.stringify(text)}): range ${item} runs backwards`);
    for (let i = a; i <= b; i++) out.push(i);
  }
  return out;
}
