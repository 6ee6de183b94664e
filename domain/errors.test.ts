import { describe, expect, it } from 'vitest';
import { DomainError, invalidFields } from './errors';

describe('invalidFields', () => {
  it('names every field in the message and keeps them in the details', () => {
    const fields = [
      { path: 'branch', message: 'unknown branch "x"' },
      { path: 'items.2.service', message: 'unknown service "y"' },
    ];
    const e = invalidFields(fields);
    expect(e).toBeInstanceOf(DomainError);
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('branch: unknown branch "x"; items.2.service: unknown service "y"');
    expect(e.details).toEqual({ fields });
  });
});
