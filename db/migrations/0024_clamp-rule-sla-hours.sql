-- Rules saved before SLA hours were capped at 87 600 (ten years, domain/ticket-schemas.ts) would no
-- longer parse and would stop every intake; clamp such stored values to the cap.
UPDATE "rules" SET "definition" = jsonb_set("definition", '{outcome,sla,firstResponseHours}', '87600')
  WHERE jsonb_typeof("definition" #> '{outcome,sla,firstResponseHours}') = 'number' AND ("definition" #>> '{outcome,sla,firstResponseHours}')::float8 > 87600;
--> statement-breakpoint
UPDATE "rules" SET "definition" = jsonb_set("definition", '{outcome,sla,resolutionHours}', '87600')
  WHERE jsonb_typeof("definition" #> '{outcome,sla,resolutionHours}') = 'number' AND ("definition" #>> '{outcome,sla,resolutionHours}')::float8 > 87600;
--> statement-breakpoint
UPDATE "rules" SET "definition" = jsonb_set("definition", '{outcome,sla,nextReplyHours}', '87600')
  WHERE jsonb_typeof("definition" #> '{outcome,sla,nextReplyHours}') = 'number' AND ("definition" #>> '{outcome,sla,nextReplyHours}')::float8 > 87600;
--> statement-breakpoint
UPDATE "rules" SET "definition" = jsonb_set("definition", '{outcome,escalationChain}', (
    SELECT jsonb_agg(CASE WHEN jsonb_typeof(l -> 'afterHours') = 'number' AND (l ->> 'afterHours')::float8 > 87600
                          THEN jsonb_set(l, '{afterHours}', '87600') ELSE l END ORDER BY ord)
    FROM jsonb_array_elements("definition" #> '{outcome,escalationChain}') WITH ORDINALITY AS e(l, ord)))
  WHERE jsonb_typeof("definition" #> '{outcome,escalationChain}') = 'array'
    AND EXISTS (SELECT 1 FROM jsonb_array_elements("definition" #> '{outcome,escalationChain}') AS x(l)
                WHERE jsonb_typeof(l -> 'afterHours') = 'number' AND (l ->> 'afterHours')::float8 > 87600);
