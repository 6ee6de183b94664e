// Every side effect the workflows may ask for, built from the process's dependencies.
import type { WebClient } from '@slack/web-api';
import type { Db } from '../db/client';
import { createAiActivities, type AiConfig } from './ai/analyse';
import { createCustomerMailActivities } from './customer-mail';
import { createFollowUpActivities } from './follow-up';
import { createIntakeActivities } from './intake';
import type { Mailer } from './mailer';
import { createNotifyActivities } from './notify';
import { createProjectionActivities } from './projection';
import { createGoogleReviewActivities, type GoogleBusinessDeps } from './google-reviews';

export interface ActivityDeps {
  db: Db;
  mailer: Mailer;
  slack: WebClient | null;
  ai: AiConfig | null;
  publicUrl: string;
  mailDomain: string;
  /** Google reviews bridge; absent when GOOGLE_BUSINESS_* is not configured. */
  google?: GoogleBusinessDeps | null;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...createIntakeActivities(deps.db),
    ...createFollowUpActivities(deps.db),
    ...createProjectionActivities(deps.db),
    ...createNotifyActivities(deps),
    ...createCustomerMailActivities(deps),
    ...createAiActivities(deps),
    ...createGoogleReviewActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
