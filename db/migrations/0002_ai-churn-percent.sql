-- Churn risk became an integer percentage (was a 0–1 fraction) and AI results gained free `tags`.
-- Rows analysed before that have no `tags`: scale their churn risk once. Idempotent.
UPDATE "tickets"
SET "churn_risk" = round("churn_risk" * 100),
    "ai" = jsonb_set(
      jsonb_set("ai", '{churnRisk}', to_jsonb(round(coalesce(("ai"->>'churnRisk')::numeric, 0) * 100))),
      '{tags}', '[]'::jsonb)
WHERE "ai" IS NOT NULL AND jsonb_typeof("ai") = 'object' AND NOT ("ai" ? 'tags');
