/**
 * A plugin selection written in a job type, `assign=NAME[:item…]` or `find=NAME[:item…]`
 * (core §18.1): items are split on `:`; an item with a non-empty key before its first `=` is a
 * keyword argument (the value keeps any further `=`), anything else is a positional argument kept
 * verbatim. All values are strings.
 */
export interface PluginSpec {
  readonly name: string;
  readonly args: readonly string[];
  readonly kwargs: Readonly<Record<string, string>>;
}

export function parsePluginSpec(text: string): PluginSpec {
  const [name = '', ...items] = text.split(':');
  const args: string[] = [];
  const kwargs: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq > 0) kwargs[item.slice(0, eq)] = item.slice(eq + 1);
    else args.push(item);
  }
  return { name, args, kwargs };
}
