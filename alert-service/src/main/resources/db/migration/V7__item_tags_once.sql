-- The tags of an alerted item (actors and regions with their evidence, about 3 KB of JSON) are
-- stored once, not in each of its alerts: an item matches about three subscriptions under load, and
-- PostgreSQL parsed, compressed and (for the event relay) read back every copy.
CREATE TABLE alert_item (
    item_id    VARCHAR(32) PRIMARY KEY,
    tags       JSONB NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

INSERT INTO alert_item (item_id, tags, created_at)
SELECT DISTINCT ON (item_id) item_id, tags, created_at FROM alert ORDER BY item_id, created_at;

-- No foreign key from alert.item_id: it would cost every alert insert a row lock on the item. Items
-- no alert refers to any more (their subscriptions were deleted) are forgotten hourly instead.
ALTER TABLE alert DROP COLUMN tags;
