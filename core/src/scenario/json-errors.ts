/** `JSON.parse` with an error that says line and column, not a byte offset. */
export function parseJsonWithPosition(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    const position = /position (\d+)/.exec(raw);
    if (!position) return { ok: false, message: raw };
    const offset = Number(position[1]);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    const what = raw.replace(/\s*in JSON at position \d+.*$/, '').replace(/,? ?"[^"]*"? is not valid JSON$/, '');
    return { ok: false, message: `${what} at line ${line}, column ${column}` };
  }
}
