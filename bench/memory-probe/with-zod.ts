import { condition } from '@temporalio/workflow';
import { z } from 'zod';
const schema = z.object({ a: z.string().min(1), b: z.enum(['x', 'y']) });
export async function probe(): Promise<void> {
  schema.parse({ a: 'q', b: 'x' });
  await condition(() => false, '1 hour');
}
