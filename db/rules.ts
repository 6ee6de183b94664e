// Generation rules as stored: the definition (trigger, condition, scope, outcome) in jsonb beside the
// name, the active flag and the evaluation position; each row read back through ruleSchema.
import { asc, eq, sql } from 'drizzle-orm';
import { ruleSchema, type Rule, type RuleDefinition } from '../domain/rules';
import type { Db } from './client';
import { rules } from './schema';

export const ruleFromRow = (r: typeof rules.$inferSelect): Rule => ruleSchema.parse({ ...(r.definition as object), id: r.id, name: r.name, active: r.active, position: r.position });

/** Every rule in evaluation order. */
export async function listRules(db: Pick<Db, 'select'>): Promise<Rule[]> {
  return (await db.select().from(rules).orderBy(asc(rules.position))).map(ruleFromRow);
}

/** The rules the intake evaluates, in order. */
export async function activeRules(db: Pick<Db, 'select'>): Promise<Rule[]> {
  return (await db.select().from(rules).where(eq(rules.active, true)).orderBy(asc(rules.position))).map(ruleFromRow);
}

export interface StoredRule {
  name: string;
  active: boolean;
  definition: RuleDefinition;
}

/** Adds a rule at the end of the order. */
export async function insertRule(db: Db, id: string, rule: StoredRule): Promise<Rule> {
  const [{ next }] = await db.select({ next: sql<number>`coalesce(max(${rules.position}), 0)::int + 1` }).from(rules);
  const [row] = await db.insert(rules).values({ id, ...rule, position: Number(next) }).returning();
  return ruleFromRow(row);
}

/** The replaced rule, or null when there is none. */
export async function replaceRule(db: Db, id: string, rule: StoredRule): Promise<Rule | null> {
  const [row] = await db.update(rules).set({ ...rule, updatedAt: new Date() }).where(eq(rules.id, id)).returning();
  return row ? ruleFromRow(row) : null;
}

/** False when there is no such rule. */
export async function deleteRule(db: Db, id: string): Promise<boolean> {
  return (await db.delete(rules).where(eq(rules.id, id)).returning()).length > 0;
}

/** Sets the evaluation order when `ids` lists every rule exactly once; else changes nothing. */
export async function reorderRules(db: Db, ids: string[]): Promise<{ reordered: boolean; rules: number }> {
  return db.transaction(async (tx) => {
    const existing = (await tx.select({ id: rules.id }).from(rules).for('update')).map((r) => r.id).sort();
    if (ids.length !== existing.length || [...ids].sort().some((id, i) => id !== existing[i])) return { reordered: false, rules: existing.length };
    for (const [i, id] of ids.entries()) await tx.update(rules).set({ position: i + 1 }).where(eq(rules.id, id));
    return { reordered: true, rules: existing.length };
  });
}
