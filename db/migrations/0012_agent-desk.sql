CREATE TABLE "ai_corrections" (
	"ticket_number" integer NOT NULL,
	"field" text NOT NULL,
	"value" jsonb NOT NULL,
	"ai_value" jsonb,
	"ai_source" text,
	"corrected_by" text NOT NULL,
	"corrected_by_name" text NOT NULL,
	"corrected_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ai_corrections_ticket_number_field_pk" PRIMARY KEY("ticket_number","field")
);
--> statement-breakpoint
CREATE TABLE "macros" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"body" text NOT NULL,
	"owner_id" text,
	"locale" text,
	"actions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "saved_views" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"query" text NOT NULL,
	"owner_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "contact_key" text GENERATED ALWAYS AS (case when coalesce(btrim(contact->>'email'), '') <> '' then 'email:' || lower(btrim(contact->>'email')) when regexp_replace(coalesce(contact->>'phone', ''), '[^0-9]', '', 'g') <> '' then 'phone:' || regexp_replace(contact->>'phone', '[^0-9]', '', 'g') end) STORED;--> statement-breakpoint
ALTER TABLE "macros" ADD CONSTRAINT "macros_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "macros_owner" ON "macros" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "saved_views_owner" ON "saved_views" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "tickets_contact_key" ON "tickets" USING btree ("contact_key","created_at");