CREATE TABLE "google_locations" (
	"name" text PRIMARY KEY NOT NULL,
	"title" text,
	"address" text,
	"branch_id" text,
	"mapped_by" text,
	"mapped_at" timestamp with time zone,
	"listed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "google_locations" ADD CONSTRAINT "google_locations_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "google_locations" ADD CONSTRAINT "google_locations_mapped_by_users_id_fk" FOREIGN KEY ("mapped_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;