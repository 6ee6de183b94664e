import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { DATA_ERROR } from '../domain/errors';
import { finalOnDataError } from './data-errors';

describe('finalOnDataError', () => {
  it('an Invalid Date the driver cannot write is final, like a data exception from Postgres', async () => {
    const project = finalOnDataError('projectTicket', async () => new Date(Number.NaN).toISOString());
    const err = await project().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err).toMatchObject({ type: DATA_ERROR, nonRetryable: true, details: [{ activity: 'projectTicket', sqlState: '22008' }] });
  });

  it('other errors stay retryable', async () => {
    const boom = finalOnDataError('projectTicket', async () => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    await expect(boom()).rejects.toBeInstanceOf(RangeError);
  });
});
