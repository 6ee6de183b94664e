export { followUpIntakeWorkflow } from './follow-up';
export { feedbackIntakeWorkflow } from './intake';
export { ticketWorkflow } from './ticket';
