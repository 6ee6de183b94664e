import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { acceptTotp, newTotpSecret, totpUri } from './totp';

describe('TOTP', () => {
  it('accepts the current code once, refuses a wrong or replayed one', async () => {
    const secret = newTotpSecret();
    const now = 1_800_000_000_000;
    const code = await generate({ secret, epoch: now / 1000 });
    const step = await acceptTotp(secret, code, null, now);
    expect(step).toBe(Math.floor(now / 30_000));
    expect(await acceptTotp(secret, code, step, now)).toBeNull();
    expect(await acceptTotp(secret, code === '000000' ? '111111' : '000000', null, now)).toBeNull();
    expect(await acceptTotp(secret, 'abcdef', null, now)).toBeNull();
    // A phone 30 s behind still signs in; two minutes behind does not.
    expect(await acceptTotp(secret, await generate({ secret, epoch: now / 1000 - 30 }), null, now)).not.toBeNull();
    expect(await acceptTotp(secret, await generate({ secret, epoch: now / 1000 - 120 }), null, now)).toBeNull();
    expect(totpUri(secret, 'ann@example.com')).toMatch(/^otpauth:\/\/totp\/Closeloop:ann%40example\.com\?secret=/);
  });
});
