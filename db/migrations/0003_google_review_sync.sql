CREATE TABLE "google_review_sync" (
	"location" text PRIMARY KEY NOT NULL,
	"watermark" timestamp with time zone NOT NULL,
	"polled_at" timestamp with time zone NOT NULL
);
