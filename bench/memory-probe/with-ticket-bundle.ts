export { ticketWorkflow } from '../../workflows/ticket';
import { condition } from '@temporalio/workflow';
export async function probe(): Promise<void> {
  await condition(() => false, '1 hour');
}
