/**
 * Nesting depth of a parsed JSON value, measured without recursion: zod, the config merge and the
 * quotas parser all recurse, so a document nested 50,000 levels deep must be refused before any
 * of them sees it, by code that cannot overflow the stack itself.
 */

interface Frame {
  readonly value: object;
  readonly depth: number;
  readonly key: PropertyKey | undefined;
  readonly parent: Frame | undefined;
}

/**
 * The path of the first array/object nested deeper than `limit` levels (the value itself is
 * level 1), or `undefined` when the value stays within the limit. Depth-first, in document order.
 */
export function findTooDeep(value: unknown, limit: number): PropertyKey[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const stack: Frame[] = [{ value, depth: 1, key: undefined, parent: undefined }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.depth > limit) return pathOf(frame);
    const children: Frame[] = [];
    const push = (child: unknown, key: PropertyKey) => {
      if (typeof child === 'object' && child !== null) children.push({ value: child, depth: frame.depth + 1, key, parent: frame });
    };
    if (Array.isArray(frame.value)) frame.value.forEach((child, i) => push(child, i));
    else for (const [key, child] of Object.entries(frame.value)) push(child, key);
    // Reversed, so that the first child is popped first (document order).
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return undefined;
}

function pathOf(frame: Frame): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let f: Frame | undefined = frame; f?.key !== undefined; f = f.parent) path.push(f.key);
  return path.reverse();
}
