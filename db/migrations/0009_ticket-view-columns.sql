ALTER TABLE "tickets" ADD COLUMN "escalation_exhausted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "resolution_note" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "linked_ticket_number" integer;