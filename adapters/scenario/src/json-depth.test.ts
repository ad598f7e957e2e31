import { describe, expect, it } from 'vitest';
import { findTooDeep } from './json-depth.js';

const nested = (levels: number) => JSON.parse(`${'{"a":'.repeat(levels - 1)}[]${'}'.repeat(levels - 1)}`) as unknown;

describe('findTooDeep', () => {
  it('accepts a value exactly at the limit and scalars', () => {
    expect(findTooDeep(nested(64), 64)).toBeUndefined();
    expect(findTooDeep(7, 1)).toBeUndefined();
  });

  it('returns the path of the first container past the limit, in document order', () => {
    expect(findTooDeep(nested(65), 64)).toEqual(Array(64).fill('a'));
    expect(findTooDeep({ x: [1, { y: {} }], z: [[[]]] }, 3)).toEqual(['x', 1, 'y']);
  });

  it('walks 1,000,000 levels without recursion', () => {
    const deep = JSON.parse(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`) as unknown;
    expect(findTooDeep(deep, 64)).toHaveLength(64);
  });
});
