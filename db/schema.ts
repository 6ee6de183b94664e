// The read model. The ticket workflow is the authority for a ticket's state; these tables are
// projections for lists, search and analytics, plus the admin-managed configuration.
import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { Sentiment, Urgency } from '../domain/ai';
import type { AiCorrectionField } from '../domain/ai-correction';
import type { MacroActions } from '../domain/macros';
import type { TicketInput, TimelineEventType } from '../domain/ticket';
import type { AiView, SlaOutcome, SlaView } from '../domain/ticket-view';
import type { ContactStep, PointTexts } from '../domain/collection-point';
import type { ApiScope, ApiTokenKind } from '../domain/api-tokens';
import type { WebhookEvent, WebhookEventType } from '../domain/webhooks';
import type { NotificationKind, NotificationPreferences } from '../domain/notifications';
import type { CaptureType, Channel, Contact, Priority, Role, TicketKind, TicketStatus } from '../domain/types';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v), // node-postgres gives a Buffer, PGlite a Uint8Array
});
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const ticketNumberSeq = pgSequence('ticket_number_seq', { startWith: 1000 });

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role').notNull().$type<Role>(),
  branches: jsonb('branches').$type<string[]>().notNull().default([]),
  available: boolean('available').notNull().default(true),
  capacity: integer('capacity'),
  slackTarget: text('slack_target'),
  active: boolean('active').notNull().default(true),
  createdAt: ts('created_at').notNull().defaultNow(),
  oidcSubject: text('oidc_subject').unique(), // `sub` of the user's identity at the OIDC provider, linked on first SSO sign-in
  // Optional TOTP second factor (RFC 6238): the base32 secret once confirmed, the one being enrolled,
  // and the last time step a code was accepted for (a code is good once).
  totpSecret: text('totp_secret'),
  totpPending: text('totp_pending'),
  totpLastStep: integer('totp_last_step'),
});

export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(), // sha256 of the cookie token
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  csrfToken: text('csrf_token').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
});

export const intakeKeys = pgTable('intake_keys', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  channel: text('channel').$type<Channel>(), // null = any channel
  keyHash: text('key_hash').notNull().unique(),
  prefix: text('prefix').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  revokedAt: ts('revoked_at'),
});

export const branches = pgTable('branches', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  calendarId: text('calendar_id'),
  locale: text('locale'), // customer-facing default language (domain/i18n); null = English
});

export const services = pgTable('services', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
});

export const calendars = pgTable('calendars', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull(),
  weekly: jsonb('weekly').notNull(),
  holidays: jsonb('holidays').$type<string[]>().notNull().default([]),
});

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
});

export const rules = pgTable('rules', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  active: boolean('active').notNull().default(true),
  position: integer('position').notNull(),
  definition: jsonb('definition').notNull(), // trigger, condition, scope, outcome (domain/rules.ts)
  rrCursor: integer('rr_cursor').notNull().default(-1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const feedback = pgTable(
  'feedback',
  {
    id: text('id').primaryKey(),
    channel: text('channel').notNull().$type<Channel>(),
    externalId: text('external_id'),
    type: text('type').notNull().$type<CaptureType>(),
    score: integer('score').notNull(),
    comment: text('comment'),
    contact: jsonb('contact').$type<Contact>().notNull().default({}),
    contactKey: text('contact_key'),
    branch: text('branch'),
    service: text('service'),
    submittedAt: ts('submitted_at').notNull(),
    receivedAt: ts('received_at').notNull().defaultNow(),
    ruleId: text('rule_id'),
    outcome: text('outcome'), // 'ticket' | 'no_match' | null while being evaluated
    ticketNumber: integer('ticket_number'),
    assigneeId: text('assignee_id'),
    decision: jsonb('decision').$type<TicketInput>(), // what the rules produced, so a retried evaluation is stable
    collectionPointId: text('collection_point_id'), // kiosk / QR / widget it came from (collection_points.id)
    locale: text('locale'), // the customer's language (BCP 47) when the channel knew it
  },
  (t) => [
    uniqueIndex('feedback_channel_external_id').on(t.channel, t.externalId),
    index('feedback_collection_point').on(t.collectionPointId, t.submittedAt),
    index('feedback_contact_key').on(t.contactKey, t.submittedAt),
    index('feedback_submitted_at').on(t.submittedAt),
  ],
);

/** Google reviews bridge: per location, the newest review change already examined (next poll starts there). */
export const googleReviewSync = pgTable('google_review_sync', {
  location: text('location').primaryKey(), // accounts/{accountId}/locations/{locationId}
  watermark: ts('watermark').notNull(),
  polledAt: ts('polled_at').notNull(),
});

/** Every low Google review the poll turned into feedback: its full resource name (the reply endpoint
 * needs the location, which the feedback row does not keep) and the rating last seen, so a later change
 * of rating is noticed once. */
export const googleReviews = pgTable('google_reviews', {
  reviewId: text('review_id').primaryKey(),
  name: text('name').notNull(), // accounts/{a}/locations/{l}/reviews/{reviewId}
  stars: integer('stars').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/** The Google account an admin connected (one per installation): its refresh token encrypted at rest
 * (platform/secret-box.ts), and whether Google still honours it. */
export const googleConnection = pgTable('google_connection', {
  id: text('id').primaryKey(), // 'default'
  refreshTokenEnc: text('refresh_token_enc').notNull(),
  scope: text('scope'),
  status: text('status').notNull().$type<'connected' | 'reconnect_required'>(),
  error: text('error'),
  connectedBy: text('connected_by'),
  connectedAt: ts('connected_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/** Google Business Profile locations as last listed from the API (title, address) and the branch an admin
 * mapped each to. `mappedAt` null: listed but never decided (GOOGLE_BUSINESS_LOCATIONS still applies);
 * decided with `branchId` null: not mapped, its reviews are not read. */
export const googleLocations = pgTable('google_locations', {
  name: text('name').primaryKey(), // accounts/{accountId}/locations/{locationId}
  title: text('title'),
  address: text('address'),
  branchId: text('branch_id').references(() => branches.id, { onDelete: 'set null' }),
  mappedBy: text('mapped_by').references(() => users.id, { onDelete: 'set null' }),
  mappedAt: ts('mapped_at'),
  listedAt: ts('listed_at'),
});

/** Google connections under way (PKCE verifier by the hash of the state), taken once. */
export const googleOauthStates = pgTable('google_oauth_states', {
  id: text('id').primaryKey(), // sha256 of the state
  codeVerifier: text('code_verifier').notNull(),
  userId: text('user_id').notNull(),
  expiresAt: ts('expires_at').notNull(),
});

export const tickets = pgTable(
  'tickets',
  {
    number: integer('number').primaryKey(),
    workflowId: text('workflow_id').notNull().unique(),
    feedbackId: text('feedback_id'),
    status: text('status').notNull().$type<TicketStatus>(),
    priority: text('priority').notNull().$type<Priority>(),
    kind: text('kind').notNull().$type<TicketKind>(),
    channel: text('channel').$type<Channel>(),
    captureType: text('capture_type').$type<CaptureType>(),
    score: integer('score'),
    branch: text('branch'),
    service: text('service'),
    ruleId: text('rule_id'),
    assigneeId: text('assignee_id'),
    escalationLevel: integer('escalation_level').notNull().default(0),
    escalationExhausted: boolean('escalation_exhausted').notNull().default(false),
    breached: boolean('breached').notNull().default(false),
    sla: jsonb('sla').$type<SlaView>().notNull(),
    firstResponseDueAt: ts('first_response_due_at'),
    resolutionDueAt: ts('resolution_due_at'),
    title: text('title').notNull(),
    comment: text('comment'),
    contact: jsonb('contact').$type<Contact>().notNull().default({}),
    ai: jsonb('ai').$type<AiView>(), // as projected; analyses stored before today's shape are read through upgradeAnalysis
    sentiment: text('sentiment').$type<Sentiment>(),
    urgency: text('urgency').$type<Urgency>(),
    churnRisk: doublePrecision('churn_risk'),
    rootCauseId: text('root_cause_id'),
    actionId: text('action_id'),
    resolutionNote: text('resolution_note'),
    csatScore: integer('csat_score'),
    reopenCount: integer('reopen_count').notNull().default(0),
    linkedTicketNumber: integer('linked_ticket_number'), // the closed ticket this one follows up
    replyToken: text('reply_token'), // plus-address token of the ticket's Reply-To (null for older tickets)
    locale: text('locale'), // the customer's language (BCP 47); null: unknown (and for older tickets)
    version: integer('version').notNull().default(0), // workflow state version: newer projections win
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    firstRespondedAt: ts('first_responded_at'),
    resolvedAt: ts('resolved_at'),
    closedAt: ts('closed_at'),
    // Report facts (TicketView.metrics, csat): one column each so the measures stay plain SQL.
    firstResponseMs: doublePrecision('first_response_ms'), // business ms, creation → first public reply
    resolutionMs: doublePrecision('resolution_ms'), // business ms, creation → resolution
    firstResponseSla: text('first_response_sla').$type<NonNullable<SlaOutcome['firstResponse']>>(),
    resolutionSla: text('resolution_sla').$type<NonNullable<SlaOutcome['resolution']>>(),
    maxEscalationLevel: integer('max_escalation_level').notNull().default(0),
    repeatDetractor: boolean('repeat_detractor').notNull().default(false),
    themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
    csatSentAt: ts('csat_sent_at'),
    csatAnsweredAt: ts('csat_answered_at'),
    csatRecovered: boolean('csat_recovered'),
    search: tsvector('search').generatedAlwaysAs(
      sql`to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(comment, ''))`,
    ),
    // domain/feedback.ts contactKey() in SQL (a test keeps the two equal): the customer context finds a
    // contact's tickets by it, whichever way they were opened (feedback, follow-up, e-mail).
    contactKey: text('contact_key').generatedAlwaysAs(
      sql`case when coalesce(btrim(contact->>'email'), '') <> '' then 'email:' || lower(btrim(contact->>'email')) when regexp_replace(coalesce(contact->>'phone', ''), '[^0-9]', '', 'g') <> '' then 'phone:' || regexp_replace(contact->>'phone', '[^0-9]', '', 'g') end`,
    ),
  },
  (t) => [
    index('tickets_status').on(t.status),
    index('tickets_branch').on(t.branch),
    index('tickets_assignee').on(t.assigneeId),
    index('tickets_created_at').on(t.createdAt),
    // Reports also read two covering indexes on created_at and resolved_at (custom migration
    // analytics-report-indexes: drizzle cannot express INCLUDE).
    index('tickets_resolution_due').on(t.resolutionDueAt),
    index('tickets_search').using('gin', t.search),
    uniqueIndex('tickets_reply_token').on(t.replyToken),
    index('tickets_contact_key').on(t.contactKey, t.createdAt),
  ],
);

export const ticketEvents = pgTable(
  'ticket_events',
  {
    ticketNumber: integer('ticket_number').notNull(),
    seq: integer('seq').notNull(),
    type: text('type').notNull().$type<TimelineEventType>(),
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    at: ts('at').notNull(),
    from: text('from_value'),
    to: text('to_value'),
    reason: text('reason'),
    data: jsonb('data').$type<Record<string, unknown>>(),
  },
  (t) => [
    primaryKey({ columns: [t.ticketNumber, t.seq] }),
    // Promoter activation looks up each promoter ticket's advocacy ask.
    index('ticket_events_advocacy_ask').on(t.ticketNumber, t.at).where(sql`type = 'advocacy_ask' and (data->>'sent')::boolean`),
  ],
);

// Embeddings of each ticket's redacted text, for similar-ticket ranking. Plain real[] (no pgvector
// needed): candidates come from full-text and theme matches and are re-ranked by cosine in the activity.
export const ticketEmbeddings = pgTable('ticket_embeddings', {
  ticketNumber: integer('ticket_number').primaryKey(),
  model: text('model').notNull(),
  vector: real('vector').array().notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const taxonomyEntries = pgTable('taxonomy_entries', {
  id: text('id').primaryKey(),
  kind: text('kind').notNull().$type<'root_cause' | 'action' | 'csat_reason' | 'theme'>(),
  name: text('name').notNull(),
  data: jsonb('data'),
  retiredAt: ts('retired_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const notifications = pgTable('notifications', {
  key: text('key').primaryKey(), // idempotency key: never sent twice for the same event
  ticketNumber: integer('ticket_number'),
  channel: text('channel').notNull(),
  target: text('target').notNull(),
  status: text('status').notNull(), // 'pending' | 'sending' | 'sent' | 'failed' | 'unconfirmed' (activities/outbox.ts)
  sentAt: ts('sent_at'),
  payload: jsonb('payload'),
  error: text('error'), // why the last attempt failed, for the admin
  // The attempt that is (or was) sending it, since when (database clock) and the Message-ID it sends
  // under: a retry waits for a live earlier attempt instead of sending a second copy (activities/outbox.ts).
  attempt: text('attempt'),
  sendingAt: ts('sending_at'),
  messageId: text('message_id'),
});

/** An admin's edit of a mail template in one locale (staff templates: locale 'en' only). */
export const templates = pgTable(
  'templates',
  {
    key: text('key').notNull(),
    locale: text('locale').notNull().default('en'),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.key, t.locale] })],
);

/** Uploaded branding images (the logo), kept in Postgres so every process serves them. */
export const brandAssets = pgTable('brand_assets', {
  name: text('name').primaryKey(), // 'logo'
  contentType: text('content_type').notNull(),
  content: bytea('content').notNull(),
  sha256: text('sha256').notNull(), // cache key in the public URL
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Files that came with customer mail, and each mail's raw original. Kept in Postgres so every stateless process can serve them;
 * one over the size cap is listed (name, type, size) without its content. */
export const ticketAttachments = pgTable(
  'ticket_attachments',
  {
    id: text('id').primaryKey(), // derived from the mail's Message-ID and the part's position: a redelivery adds nothing
    ticketNumber: integer('ticket_number').notNull(),
    messageId: text('message_id').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    content: bytea('content'), // null when over the cap
    // 'original': the whole raw message as it arrived (message/rfc822), so nothing a customer sent is lost
    // even where reading their words out of it went wrong.
    kind: text('kind', { enum: ['attachment', 'original'] }).notNull().default('attachment'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('ticket_attachments_ticket').on(t.ticketNumber)],
);

/** Embedded mode: every message the app sent to the built-in SMTP server, raw as it was received, and
 * the answers written "as the customer" on the admin page. */
export const devMailbox = pgTable(
  'dev_mailbox',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    direction: text('direction').notNull().$type<'sent' | 'answered'>(), // sent by the app, or answered as the customer
    messageId: text('message_id'),
    envelopeFrom: text('envelope_from'),
    envelopeTo: jsonb('envelope_to').$type<string[]>().notNull(),
    subject: text('subject'),
    raw: bytea('raw').notNull(),
    receivedAt: ts('received_at').notNull().defaultNow(),
  },
  (t) => [index('dev_mailbox_received_at').on(t.receivedAt)],
);

export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    success: boolean('success').notNull(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('login_attempts_email_at').on(t.email, t.at), index('login_attempts_ip_at').on(t.ip, t.at)],
);

/** Saved pivot reports (definition = the query body of POST /reports/query), shared by name or role. */
export const savedReports = pgTable(
  'saved_reports',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    description: text('description'),
    definition: jsonb('definition').notNull(),
    ownerId: text('owner_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    sharedWithUsers: jsonb('shared_with_users').$type<string[]>().notNull().default([]),
    sharedWithRoles: jsonb('shared_with_roles').$type<Role[]>().notNull().default([]),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('saved_reports_owner').on(t.ownerId)],
);

/** Canned replies: shared (ownerId null, admins edit them) or personal. The body may use placeholders
 * (domain/macros.ts); the actions are applied as the usual ticket commands. */
export const macros = pgTable(
  'macros',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    body: text('body').notNull(),
    ownerId: text('owner_id').references(() => users.id, { onDelete: 'cascade' }), // null = shared
    locale: text('locale'), // null = any language; per-locale macros come with the customer-facing i18n
    actions: jsonb('actions').$type<MacroActions>().notNull().default({}),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('macros_owner').on(t.ownerId)],
);

/** Saved board views: the board's filters and sort as a query string; shared (ownerId null) or personal. */
export const savedViews = pgTable(
  'saved_views',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    query: text('query').notNull(), // canonical (domain/saved-views.ts), "assignee=me" stays symbolic
    ownerId: text('owner_id').references(() => users.id, { onDelete: 'cascade' }), // null = shared by an admin
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('saved_views_owner').on(t.ownerId)],
);

/** An agent's correction of the analysis (sentiment, themes) of a ticket: the latest per field wins,
 * a new analysis never overwrites it, and with the analyser's own answer beside it the rows are labels. */
export const aiCorrections = pgTable(
  'ai_corrections',
  {
    ticketNumber: integer('ticket_number').notNull(),
    field: text('field').notNull().$type<AiCorrectionField>(),
    value: jsonb('value').$type<string | string[]>().notNull(),
    aiValue: jsonb('ai_value').$type<string | string[] | null>(), // what the analyser had said
    aiSource: text('ai_source').$type<AiView['source']>(),
    correctedBy: text('corrected_by').notNull(),
    correctedByName: text('corrected_by_name').notNull(),
    correctedAt: ts('corrected_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ticketNumber, t.field] })],
);

/** Request counts per key and fixed window, shared by every API process (api/rate-limit.ts). */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').notNull(),
    windowStart: ts('window_start').notNull(),
    count: integer('count').notNull(),
    expiresAt: ts('expires_at').notNull(), // window end: the row is swept after it
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index('rate_limits_expires_at').on(t.expiresAt)],
);

/** Where customers answer: a kiosk, a printed QR code, a widget, a campaign link (domain/collection-point.ts). */
export const collectionPoints = pgTable('collection_points', {
  id: text('id').primaryKey(), // random, public: it is in the point's URLs and QR code
  name: text('name').notNull(),
  branch: text('branch').notNull(),
  service: text('service'),
  captureType: text('capture_type').notNull().$type<CaptureType>(),
  texts: jsonb('texts').$type<Record<string, PointTexts>>().notNull().default({}),
  commentStep: boolean('comment_step').notNull().default(false),
  contactStep: text('contact_step').notNull().$type<ContactStep>().default('off'),
  embedOrigins: jsonb('embed_origins').$type<string[]>().notNull().default([]),
  active: boolean('active').notNull().default(true),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Kiosks paired with a point: a one-time pairing code (hashed, short-lived) becomes a device token (hashed). */
export const collectionDevices = pgTable(
  'collection_devices',
  {
    id: text('id').primaryKey(),
    pointId: text('point_id')
      .notNull()
      .references(() => collectionPoints.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    pairingCodeHash: text('pairing_code_hash').unique(), // cleared once used
    pairingExpiresAt: ts('pairing_expires_at'),
    tokenHash: text('token_hash').unique(),
    pairedAt: ts('paired_at'),
    lastSeenAt: ts('last_seen_at'),
    revokedAt: ts('revoked_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('collection_devices_point').on(t.pointId)],
);

/** API tokens: personal (act as their owner, within their scopes) or service (an integration, all branches,
 * within their scopes). Only the SHA-256 of the secret is kept. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').notNull().$type<ApiTokenKind>(),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }), // the owner of a personal token
    createdBy: text('created_by').notNull(),
    scopes: jsonb('scopes').$type<ApiScope[]>().notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    prefix: text('prefix').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at'),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('api_tokens_user').on(t.userId)],
);

/** An OIDC sign-in under way: the PKCE verifier and nonce, keyed by the hash of the state (also the
 * browser's cookie), so any API process can finish it. Single use, short-lived. */
export const oidcLogins = pgTable('oidc_logins', {
  id: text('id').primaryKey(), // sha256 of the state
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  expiresAt: ts('expires_at').notNull(),
});

/** Outbound webhook subscriptions (admin). The secret signs every delivery; during a rotation the previous
 * one signs too until `previousSecretUntil`. A paused subscription keeps collecting events. */
export const webhookSubscriptions = pgTable('webhook_subscriptions', {
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  description: text('description').notNull().default(''),
  events: jsonb('events').$type<WebhookEventType[]>().notNull(),
  secret: text('secret').notNull(),
  previousSecret: text('previous_secret'),
  previousSecretUntil: ts('previous_secret_until'),
  status: text('status').notNull().$type<'active' | 'paused'>().default('active'),
  pausedAt: ts('paused_at'),
  pauseReason: text('pause_reason'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** The webhook outbox: one row per (subscription, event), written in the transaction that records the
 * event, so nothing is lost and a retried projection adds nothing. Delivered in `seq` order per
 * partition (a ticket, or one feedback). */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    subscriptionId: text('subscription_id').notNull().references(() => webhookSubscriptions.id, { onDelete: 'cascade' }),
    id: text('id').notNull(), // the event id the receiver dedupes on
    type: text('type').notNull().$type<WebhookEventType>(),
    partitionKey: text('partition_key').notNull(),
    seq: integer('seq').notNull(),
    payload: jsonb('payload').$type<WebhookEvent>().notNull(), // the body, as delivered
    status: text('status').notNull().$type<'pending' | 'delivered'>().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    deliveredAt: ts('delivered_at'),
  },
  (t) => [
    primaryKey({ columns: [t.subscriptionId, t.id] }),
    index('webhook_events_pending').on(t.subscriptionId, t.createdAt, t.partitionKey, t.seq).where(sql`status = 'pending'`),
    index('webhook_events_recent').on(t.subscriptionId, t.createdAt),
  ],
);

/** Every delivery attempt, for the admin's delivery log. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    subscriptionId: text('subscription_id').notNull().references(() => webhookSubscriptions.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull(),
    attempt: integer('attempt').notNull(),
    ok: boolean('ok').notNull(),
    responseCode: integer('response_code'),
    latencyMs: integer('latency_ms').notNull(),
    error: text('error'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('webhook_deliveries_event').on(t.subscriptionId, t.eventId, t.at)],
);

/** Ids of the live channel's messages (db/live-channel.ts): one order every API process agrees on, for Last-Event-ID. */
export const liveEventSeq = pgSequence('live_event_seq');

/** An agent's notifications, made by the ticket's side effects: one per (source event, user), so a retry adds none. */
export const agentNotifications = pgTable(
  'agent_notifications',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull().$type<NotificationKind>(),
    /** What caused it, e.g. `ticket:1001:7` (ticket 1001, timeline seq 7). */
    sourceKey: text('source_key').notNull(),
    ticketNumber: integer('ticket_number'),
    title: text('title').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    readAt: ts('read_at'),
    emailedAt: ts('emailed_at'),
    /** Handed on (domain/notification-handoff.ts): the user it was meant for, who was unavailable or deactivated. */
    onBehalfOf: text('on_behalf_of').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('agent_notifications_source_user').on(t.sourceKey, t.userId), index('agent_notifications_user_created').on(t.userId, t.createdAt)],
);

/** A user's choice of channel per notification kind (no row: the defaults of domain/notifications.ts). */
export const notificationPreferences = pgTable('notification_preferences', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  preferences: jsonb('preferences').notNull().$type<NotificationPreferences>(),
  /** Local hour (0–23) of the optional daily digest (domain/notification-digest.ts); null: none. */
  digestHour: integer('digest_hour'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** One row per user and local day the digest was considered: the key that makes it once a day. */
export const notificationDigests = pgTable(
  'notification_digests',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    day: text('day').notNull(), // YYYY-MM-DD in the digest's time zone
    claimedAt: ts('claimed_at').notNull().defaultNow(),
    /** null: nothing to say that day (no mail). */
    sentAt: ts('sent_at'),
    unreadCount: integer('unread_count').notNull().default(0),
    atRiskCount: integer('at_risk_count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);
