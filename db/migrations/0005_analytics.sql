CREATE TABLE "saved_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"definition" jsonb NOT NULL,
	"owner_id" text NOT NULL,
	"shared_with_users" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"shared_with_roles" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "first_response_ms" double precision;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "resolution_ms" double precision;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "first_response_sla" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "resolution_sla" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "max_escalation_level" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "repeat_detractor" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "themes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "csat_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "csat_answered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "csat_recovered" boolean;--> statement-breakpoint
ALTER TABLE "saved_reports" ADD CONSTRAINT "saved_reports_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "saved_reports_owner" ON "saved_reports" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "ticket_events_advocacy_ask" ON "ticket_events" USING btree ("ticket_number","at") WHERE type = 'advocacy_ask' and (data->>'sent')::boolean;