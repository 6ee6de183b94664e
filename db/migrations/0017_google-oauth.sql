CREATE TABLE "google_connection" (
	"id" text PRIMARY KEY NOT NULL,
	"refresh_token_enc" text NOT NULL,
	"scope" text,
	"status" text NOT NULL,
	"error" text,
	"connected_by" text,
	"connected_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "google_oauth_states" (
	"id" text PRIMARY KEY NOT NULL,
	"code_verifier" text NOT NULL,
	"user_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
