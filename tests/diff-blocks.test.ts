import { describe, expect, test } from '@jest/globals';
import { diffBlocks } from '../pipeline/transform/diff-blocks.js';

const diff = (before: string[], after: string[]) => {
  const result = diffBlocks(before, after);
  return { changes: Object.fromEntries(result.changes), removed: result.removed };
};

describe('block-level change detection', () => {
  test('nothing changed', () => {
    expect(diff(['a', 'b'], ['a', 'b'])).toEqual({ changes: {}, removed: [] });
  });

  test('an inserted block is added', () => {
    expect(diff(['a', 'c'], ['a', 'b', 'c'])).toEqual({ changes: { 1: 'added' }, removed: [] });
  });

  test('a replaced block is changed, not added and removed', () => {
    expect(diff(['a', 'b', 'c'], ['a', 'B', 'c'])).toEqual({ changes: { 1: 'changed' }, removed: [] });
  });

  test('a deleted block is removed', () => {
    expect(diff(['a', 'b', 'c'], ['a', 'c'])).toEqual({ changes: {}, removed: [1] });
  });

  test('more removed than added in one run: the surplus is removed', () => {
    expect(diff(['a', 'x', 'y', 'z', 'b'], ['a', 'X', 'b'])).toEqual({ changes: { 1: 'changed' }, removed: [2, 3] });
  });

  test('a new file: every block is added', () => {
    expect(diff([], ['a', 'b'])).toEqual({ changes: { 0: 'added', 1: 'added' }, removed: [] });
  });

  test('moved blocks count once each way', () => {
    expect(diff(['a', 'b', 'c'], ['c', 'a', 'b'])).toEqual({ changes: { 0: 'added' }, removed: [2] });
  });
});
