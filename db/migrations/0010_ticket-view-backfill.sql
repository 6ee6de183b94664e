-- The ticket view's columns for tickets projected before they existed (0009). Running tickets overwrite
-- them on their next projection; ended ones keep this reconstruction from the stored decision and the
-- timeline (the exhausted chain counts only since the latest reopen, which resets it).
UPDATE tickets t SET
  linked_ticket_number = (SELECT (f.decision->>'linkedTicketNumber')::int FROM feedback f WHERE f.id = t.feedback_id),
  resolution_note = (SELECT e.data->>'note' FROM ticket_events e WHERE e.ticket_number = t.number AND e.type = 'resolved' ORDER BY e.seq DESC LIMIT 1),
  escalation_exhausted = EXISTS (
    SELECT 1 FROM ticket_events e WHERE e.ticket_number = t.number AND e.type = 'escalation_exhausted'
      AND e.seq > COALESCE((SELECT max(r.seq) FROM ticket_events r WHERE r.ticket_number = t.number AND r.type = 'reopened'), 0));
