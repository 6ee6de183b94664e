import type { Client } from '@temporalio/client';
import type { Db } from '../db/client';
import type { ApiScope, ApiTokenKind } from '../domain/api-tokens';
import type { Role } from '../domain/types';
import type { Config } from '../platform/config';
import type { LiveHub } from './live/hub';

/** What the API needs from the process: the read model, Temporal, and the validated config. */
export interface ApiDeps {
  db: Db;
  temporal: Client;
  /** This process's live fan-out (GET /events answers 503 without it). */
  live?: LiveHub;
  config: Pick<Config, 'TEMPORAL_TASK_QUEUE' | 'TEMPORAL_NAMESPACE' | 'SESSION_TTL_HOURS' | 'publicUrl' | 'temporalUiUrl' | 'TWILIO_AUTH_TOKEN' | 'MAIL_FROM' | 'mailDomain' | 'MAIL_ATTACHMENT_MAX_BYTES' | 'webhooks' | 'oidc'> &
    Partial<Pick<Config, 'devMailbox' | 'slackEnabled' | 'COLLECT_RATE_PER_POINT' | 'COLLECT_RATE_PER_IP' | 'TRUST_PROXY_HOPS' | 'google' | 'googleOAuth' | 'googleApis' | 'HSTS_MAX_AGE'>>;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  branches: string[];
  /** Set when the caller came with an API token instead of a session. */
  token?: { id: string; kind: ApiTokenKind; scopes: ApiScope[] };
}

export type AppEnv = {
  Variables: {
    deps: ApiDeps;
    user: SessionUser;
    sessionId: string;
  };
};
