import { describe, expect, it } from 'vitest';
import { mapClaims, parseRoleMap, verifiedEmail } from './sso';

describe('OIDC claim mapping', () => {
  const mapping = { roleClaim: 'groups', roleMap: parseRoleMap('admin=cl-admins|it, manager=cl-managers, agent=cl-staff'), branchesClaim: 'branches' };

  it('takes the strongest role any claim value maps to', () => {
    expect(mapClaims({ groups: ['cl-staff', 'cl-managers'] }, mapping).role).toBe('manager');
    expect(mapClaims({ groups: 'cl-staff it' }, mapping).role).toBe('admin');
    expect(mapClaims({ groups: ['other'] }, mapping).role).toBeNull();
    expect(mapClaims({}, { ...mapping, roleClaim: null }).role).toBeNull();
  });

  it('reads branches from a list or a string, and says null when no claim is configured', () => {
    expect(mapClaims({ branches: ['north', 'main', 'north'] }, mapping).branches).toEqual(['north', 'main']);
    expect(mapClaims({ branches: 'north,main' }, mapping).branches).toEqual(['north', 'main']);
    expect(mapClaims({}, mapping).branches).toEqual([]);
    expect(mapClaims({ branches: ['x'] }, { ...mapping, branchesClaim: null }).branches).toBeNull();
  });

  it('refuses a malformed role map, naming the entry', () => {
    expect(() => parseRoleMap('owner=x')).toThrow(/owner=x/);
    expect(parseRoleMap('')).toEqual([]);
  });

  it('uses the e-mail unless the provider says it is unverified', () => {
    expect(verifiedEmail({ email: ' Ann@Example.com ' })).toBe('ann@example.com');
    expect(verifiedEmail({ email: 'ann@example.com', email_verified: false })).toBeNull();
    expect(verifiedEmail({})).toBeNull();
  });
});
