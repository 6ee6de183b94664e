// First start on an empty database: an admin, an intake key and a demo rule, so the loop works at once.
import { randomUUID } from 'node:crypto';
import { count, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { branches, intakeKeys, rules, services, settings, taxonomyEntries, users } from '../db/schema';
import { DEFAULT_THEMES, type ThemeData } from '../domain/themes';
import { hashPassword, newIntakeKey, newToken, sha256 } from './security';

export interface BootstrapResult {
  seeded: boolean;
  adminEmail?: string;
  generatedPassword?: string;
  generatedIntakeKey?: string;
}

export const DEMO_RULE_DEFINITION = {
  trigger: { buckets: ['smile_negative', 'star_1_2', 'nps_detractor'], keywords: [] },
  condition: 'always',
  scope: { branches: [], services: [] },
  outcome: {
    kind: 'recovery',
    priority: 'high',
    escalationChain: [] as Array<{ level: number; afterHours: number; users: Array<{ userId: string; channel: 'email' | 'slack' }> }>,
    pool: [] as string[],
    strategy: 'round_robin',
    csatSurvey: true,
  },
};

export async function bootstrap(
  db: Db,
  opts: { adminEmail: string; adminPassword?: string; intakeKey?: string },
): Promise<BootstrapResult> {
  const password = opts.adminPassword ?? newToken(12);
  const adminId = randomUUID();
  const key = opts.intakeKey ? { key: opts.intakeKey, prefix: opts.intakeKey.slice(0, 12), keyHash: sha256(opts.intakeKey) } : newIntakeKey();
  const passwordHash = await hashPassword(password);
  const seeded = await db.transaction(async (tx) => {
    // API and worker processes may start together on an empty database: one seeds, the other sees it.
    await tx.execute(sql`select pg_advisory_xact_lock(72710002)`);
    const [{ n }] = await tx.select({ n: count() }).from(users);
    if (Number(n) > 0) return false;
    await tx.insert(users).values({ id: adminId, email: opts.adminEmail.toLowerCase(), name: 'Admin', passwordHash, role: 'admin', branches: ['main'] });
    await tx.insert(intakeKeys).values({ id: randomUUID(), name: 'Default intake key', channel: null, keyHash: key.keyHash, prefix: key.prefix });
    await tx.insert(branches).values({ id: 'main', name: 'Main branch' }).onConflictDoNothing();
    await tx.insert(services).values({ id: 'general', name: 'General' }).onConflictDoNothing();
    const chain = [{ level: 1, afterHours: 2, users: [{ userId: adminId, channel: 'email' as const }] }];
    await tx.insert(rules).values({
      id: randomUUID(),
      name: 'Detractors open a recovery ticket',
      position: 1,
      active: true,
      definition: { ...DEMO_RULE_DEFINITION, outcome: { ...DEMO_RULE_DEFINITION.outcome, pool: [adminId], escalationChain: chain } },
    });
    const taxonomy: Array<[string, 'root_cause' | 'action' | 'csat_reason']> = [
      ['Long waiting time', 'root_cause'],
      ['Staff behaviour', 'root_cause'],
      ['Product defect', 'root_cause'],
      ['Billing error', 'root_cause'],
      ['Apology and explanation', 'action'],
      ['Refund or credit', 'action'],
      ['Replacement', 'action'],
      ['Process changed', 'action'],
      ['Problem not solved', 'csat_reason'],
      ['Too slow', 'csat_reason'],
    ];
    await tx.insert(taxonomyEntries).values(taxonomy.map(([name, kind]) => ({ id: randomUUID(), kind, name })));
    return true;
  });
  await seedDefaultThemes(db);
  if (!seeded) return { seeded: false };
  return {
    seeded: true,
    adminEmail: opts.adminEmail,
    generatedPassword: opts.adminPassword ? undefined : password,
    generatedIntakeKey: opts.intakeKey ? undefined : key.key,
  };
}

const THEMES_SEEDED = 'ai.themes_seeded';

/**
 * The default AI theme list, once per database (on first start, or on the first start after an upgrade
 * that introduced themes). A marker keeps themes an admin deleted from coming back.
 */
export async function seedDefaultThemes(db: Db): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(72710002)`);
    const marked = await tx.insert(settings).values({ key: THEMES_SEEDED, value: true }).onConflictDoNothing().returning({ key: settings.key });
    if (!marked.length) return false;
    const existing = new Set((await tx.select({ name: taxonomyEntries.name }).from(taxonomyEntries).where(eq(taxonomyEntries.kind, 'theme'))).map((r) => r.name.toLowerCase()));
    const now = Date.now();
    const rows = DEFAULT_THEMES.filter((t) => !existing.has(t.name.toLowerCase())).map((t, i) => ({
      id: randomUUID(),
      kind: 'theme' as const,
      name: t.name,
      data: { keywords: t.keywords, action: t.action ?? null } satisfies ThemeData,
      createdAt: new Date(now + i), // list order is tie-break order
    }));
    if (rows.length) await tx.insert(taxonomyEntries).values(rows);
    return true;
  });
}
