-- Scheduled polling: per-feed interval, next poll time, enabled or disabled and why, and leases so
-- that several instances share the feeds without polling one twice.

ALTER TABLE feed
    ADD COLUMN poll_interval_seconds INTEGER NOT NULL DEFAULT 300,
    ADD COLUMN next_poll_at          TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    ADD COLUMN enabled               BOOLEAN NOT NULL DEFAULT TRUE,
    ADD COLUMN disabled_reason       VARCHAR(500),
    ADD COLUMN last_success_at       TIMESTAMP WITH TIME ZONE,
    ADD COLUMN last_polled_by        VARCHAR(100),
    -- The instance polling the feed right now, until when; an expired lease is free to take.
    ADD COLUMN lease_owner           VARCHAR(100),
    ADD COLUMN lease_until           TIMESTAMP WITH TIME ZONE;

-- What the scheduler asks for on every tick: enabled feeds whose time has come.
CREATE INDEX feed_due ON feed (next_poll_at) WHERE enabled;

-- Retention counts from the last poll that still found the item in its feed, so an item that stays
-- in its feed for longer than the retention window is never forgotten and published again.
ALTER TABLE seen_item ADD COLUMN last_seen_at TIMESTAMP WITH TIME ZONE;
UPDATE seen_item SET last_seen_at = first_seen_at;
ALTER TABLE seen_item ALTER COLUMN last_seen_at SET NOT NULL;
CREATE INDEX seen_item_last_seen_at ON seen_item (last_seen_at);
