-- An alert's own item is its first source: kept in the alert's row (which had everything but the
-- feed) instead of a row of its own in alert_source, which now holds the other copies of the story
-- only. Most stories come from one feed: an alert is one row, one index entry and one foreign-key
-- check cheaper to store. The sources of an alert read as before, its own item first.
ALTER TABLE alert ADD COLUMN feed_id TEXT;

UPDATE alert a SET feed_id = s.feed_id
FROM alert_source s
WHERE s.alert_id = a.id AND s.item_id = a.item_id;

-- an alert whose own source row is missing (none should be) keeps an unknown feed
UPDATE alert SET feed_id = '' WHERE feed_id IS NULL;
ALTER TABLE alert ALTER COLUMN feed_id SET NOT NULL;

DELETE FROM alert_source s
USING alert a
WHERE s.alert_id = a.id AND s.item_id = a.item_id;
