// OIDC sign-ins under way (PKCE verifier and nonce by the hash of the state), taken once.
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from './client';
import { oidcLogins } from './schema';

export async function rememberOidcLogin(db: Db, values: typeof oidcLogins.$inferInsert): Promise<void> {
  // Abandoned sign-ins are cleared as new ones start.
  await db.delete(oidcLogins).where(lt(oidcLogins.expiresAt, new Date()));
  await db.insert(oidcLogins).values(values);
}

/** The live sign-in with this id, deleted as it is read (a state is good for one callback). */
export async function takeOidcLogin(db: Db, id: string): Promise<typeof oidcLogins.$inferSelect | undefined> {
  const [row] = await db.delete(oidcLogins).where(and(eq(oidcLogins.id, id), gt(oidcLogins.expiresAt, new Date()))).returning();
  return row;
}
