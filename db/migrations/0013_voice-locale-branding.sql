CREATE TABLE "brand_assets" (
	"name" text PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"content" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "templates" ADD COLUMN "locale" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "templates" DROP CONSTRAINT "templates_pkey";--> statement-breakpoint
ALTER TABLE "templates" ADD CONSTRAINT "templates_key_locale_pk" PRIMARY KEY("key","locale");--> statement-breakpoint
ALTER TABLE "branches" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "locale" text;