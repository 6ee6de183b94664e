CREATE TABLE "google_reviews" (
	"review_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"stars" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
