ALTER TABLE "notifications" ADD COLUMN "attempt" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "sending_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "message_id" text;