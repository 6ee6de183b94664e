CREATE TABLE "collection_devices" (
	"id" text PRIMARY KEY NOT NULL,
	"point_id" text NOT NULL,
	"name" text NOT NULL,
	"pairing_code_hash" text,
	"pairing_expires_at" timestamp with time zone,
	"token_hash" text,
	"paired_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "collection_devices_pairing_code_hash_unique" UNIQUE("pairing_code_hash"),
	CONSTRAINT "collection_devices_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "collection_points" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"branch" text NOT NULL,
	"service" text,
	"capture_type" text NOT NULL,
	"texts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"comment_step" boolean DEFAULT false NOT NULL,
	"contact_step" text DEFAULT 'off' NOT NULL,
	"embed_origins" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rate_limits_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "collection_point_id" text;--> statement-breakpoint
ALTER TABLE "collection_devices" ADD CONSTRAINT "collection_devices_point_id_collection_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."collection_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "collection_devices_point" ON "collection_devices" USING btree ("point_id");--> statement-breakpoint
CREATE INDEX "rate_limits_expires_at" ON "rate_limits" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "feedback_collection_point" ON "feedback" USING btree ("collection_point_id","submitted_at");