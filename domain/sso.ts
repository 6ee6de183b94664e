// OpenID Connect sign-in: what the identity provider's claims mean here. The role comes from a claim
// (a string or a list, e.g. groups) through OIDC_ROLE_MAP, the branches from another claim. Pure.
import type { Role } from './types';

/** The claim mapping in OIDC_* variables (platform/config.ts validates it once). */
export interface ClaimMapping {
  roleClaim: string | null;
  /** Claim value → role; the strongest matching role wins. */
  roleMap: Array<{ role: Role; value: string }>;
  branchesClaim: string | null;
}

const STRENGTH: Record<Role, number> = { agent: 1, manager: 2, admin: 3 };

/** "admin=cl-admins|it-ops, manager=cl-managers, agent=cl-staff" → pairs; throws naming a bad entry. */
export function parseRoleMap(value: string | undefined): ClaimMapping['roleMap'] {
  const out: ClaimMapping['roleMap'] = [];
  for (const raw of (value ?? '').split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const m = /^(agent|manager|admin)\s*=\s*(.+)$/.exec(entry);
    if (!m) throw new Error(`"${entry}" is not role=value (role: agent, manager or admin)`);
    for (const v of m[2].split('|')) if (v.trim()) out.push({ role: m[1] as Role, value: v.trim() });
  }
  return out;
}

const values = (claim: unknown): string[] => (Array.isArray(claim) ? claim.filter((v): v is string => typeof v === 'string') : typeof claim === 'string' ? claim.split(/[\s,]+/).filter(Boolean) : []);

/** What the claims say: a role (null when no role claim is configured or nothing matches) and branches
 * (null when no branches claim is configured). */
export function mapClaims(claims: Record<string, unknown>, m: ClaimMapping): { role: Role | null; branches: string[] | null } {
  let role: Role | null = null;
  if (m.roleClaim) {
    const have = new Set(values(claims[m.roleClaim]));
    for (const r of m.roleMap) if (have.has(r.value) && (role === null || STRENGTH[r.role] > STRENGTH[role])) role = r.role;
  }
  return { role, branches: m.branchesClaim ? [...new Set(values(claims[m.branchesClaim]))] : null };
}

/** The identity's e-mail, when the provider vouches for it (email_verified is not false). */
export function verifiedEmail(claims: Record<string, unknown>): string | null {
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  return email && claims.email_verified !== false ? email : null;
}
