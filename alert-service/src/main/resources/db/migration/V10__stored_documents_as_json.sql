-- A received item's payload and an alerted item's tags are documents written once and read back
-- whole, never searched inside: stored as json (the text, checked to be JSON) instead of jsonb, whose
-- conversion into its binary form cost PostgreSQL about 9 microseconds a kilobyte on every insert
-- (a received item and its tags are 2 to 8 KB). Reading them back as text is cheaper too.
ALTER TABLE received_item ALTER COLUMN payload TYPE json USING CAST(payload AS json);
ALTER TABLE alert_item ALTER COLUMN tags TYPE json USING CAST(tags AS json);
