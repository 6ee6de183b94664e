-- Report columns for tickets projected before they existed. Running tickets overwrite these on their
-- next projection; closed ones keep this best reconstruction from the timeline and stored decision.
-- Durations are wall-clock here (the business-hours calendar cannot be applied in SQL).
UPDATE tickets t SET
  first_response_sla = CASE
    WHEN EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_number = t.number AND e.type = 'sla_breached' AND e.to_value = 'firstResponse') THEN 'breached'
    WHEN t.sla->'firstResponse'->>'state' = 'met' THEN 'met' END,
  resolution_sla = CASE
    WHEN EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_number = t.number AND e.type = 'sla_breached' AND e.to_value = 'resolution') THEN 'breached'
    WHEN t.sla->'resolution'->>'state' = 'met' THEN 'met' END,
  max_escalation_level = GREATEST(t.escalation_level, COALESCE((SELECT max(substr(e.to_value, 2)::int) FROM ticket_events e WHERE e.ticket_number = t.number AND e.type = 'escalated' AND e.to_value ~ '^L[0-9]+$'), 0)),
  first_response_ms = extract(epoch FROM t.first_responded_at - t.created_at) * 1000,
  resolution_ms = extract(epoch FROM t.resolved_at - t.created_at) * 1000,
  themes = COALESCE(ARRAY(SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(t.ai->'themes') = 'array' THEN t.ai->'themes' ELSE '[]'::jsonb END)), '{}'),
  repeat_detractor = COALESCE((SELECT (f.decision->>'repeatDetractor')::boolean FROM feedback f WHERE f.id = t.feedback_id), false),
  csat_sent_at = (SELECT max(e.at) FROM ticket_events e WHERE e.ticket_number = t.number AND e.type = 'csat_sent'),
  csat_answered_at = CASE WHEN t.csat_score IS NOT NULL THEN (SELECT max(e.at) FROM ticket_events e WHERE e.ticket_number = t.number AND e.type = 'csat_answered') END,
  csat_recovered = CASE WHEN t.csat_score IS NOT NULL THEN t.csat_score >= 4 END;
