export { followUpIntakeWorkflow } from './follow-up';
export { feedbackIntakeWorkflow } from './intake';
export { ticketWorkflow } from './ticket';
export { googleReviewsWorkflow } from './google-reviews';
export { webhookDispatcherWorkflow } from './webhook-dispatcher';
export { notificationDigestWorkflow } from './notification-digest';
