import { describe, expect, it } from 'vitest';
import { workflowCacheSize } from './worker';

const MiB = 2 ** 20;
describe('workflowCacheSize', () => {
  it('fills three quarters of the smaller of heap and machine memory, after 300 MiB, at 0.5 MiB a ticket', () => {
    expect(workflowCacheSize({ heapLimit: 4396 * MiB, machine: 24_000 * MiB })).toBe(6144); // (4396-300)·0.75/0.5
    expect(workflowCacheSize({ heapLimit: 4396 * MiB, machine: 1324 * MiB })).toBe(1536); // a 1.3 GB container
  });
  it('keeps a few even when memory is short', () => {
    expect(workflowCacheSize({ heapLimit: 256 * MiB, machine: 512 * MiB })).toBe(10);
  });
  it('sizes itself from this process by default', () => {
    expect(workflowCacheSize()).toBeGreaterThanOrEqual(10);
  });
});
