export { feedbackIntakeWorkflow } from './intake';
export { ticketWorkflow } from './ticket';
