// What the workflow bundle evaluates is paid for in every cached workflow (bench/workflow-memory.ts):
// zod alone made a cached ticket cost several times a bare workflow. The workflows import only
// zod-free domain modules (domain/ticket, ticket-commands, vocabulary, business-time, …).
import { describe, expect, it } from 'vitest';
import { workflowBundle } from '../support/temporal';

const HEAVY = ['zod', 'i18next', 'drizzle-orm', 'pg', '@electric-sql/pglite', 'nodemailer'];

describe('the workflow bundle', () => {
  it('carries no heavy module', () => {
    const { code } = workflowBundle();
    const modules = [...code.matchAll(/^\/\*\*\*\/ "\.\/node_modules\/((?:@[^/"]+\/)?[^/"]+)\//gm)].map((m) => m[1]);
    expect(modules).toContain('@temporalio/workflow'); // the pattern still finds modules
    expect([...new Set(modules)].filter((m) => HEAVY.includes(m))).toEqual([]);
    const domain = [...code.matchAll(/^\/\*\*\*\/ "\.\/domain\/([^"]+)"/gm)].map((m) => m[1]);
    expect(domain).toContain('ticket-commands.ts');
    expect(domain).not.toContain('types.ts'); // its zod schemas came along with it
  });
});
