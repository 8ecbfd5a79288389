-- Sources of a story are looked up for every item that has alerts: without this index that is a
-- sequential scan of every item received in the retention window.
CREATE INDEX received_item_story ON received_item (story_id);

-- Delivery of alerts to webhooks and email through the outbox, storm control (rate limit with
-- digests, quiet hours), and the ordered log the live stream follows.

-- Storm control per subscription; NULL means the defaults (rate limit) or none (quiet hours).
ALTER TABLE subscription
    ADD COLUMN rate_limit_messages       INTEGER CHECK (rate_limit_messages BETWEEN 1 AND 1000),
    ADD COLUMN rate_limit_window_seconds INTEGER CHECK (rate_limit_window_seconds BETWEEN 10 AND 86400),
    ADD COLUMN quiet_start               TIME,
    ADD COLUMN quiet_end                 TIME,
    ADD COLUMN quiet_zone                VARCHAR(64);

-- Webhook and email deliveries are rows of the outbox too, one per (alert, channel), written in the
-- alert's transaction. Unlike Kafka events they are claimed with a lease (no transaction stays open
-- while a receiver answers), may be held for a digest, and carry a stable message id.
ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check
    CHECK (status IN ('pending', 'held', 'folded', 'done', 'failed', 'cancelled'));

ALTER TABLE outbox
    ADD COLUMN subscription_id UUID REFERENCES subscription (id) ON DELETE CASCADE,
    -- event: a Kafka alert event; alert: a message about one alert; digest: about several.
    ADD COLUMN kind            VARCHAR(16) NOT NULL DEFAULT 'event'
                               CHECK (kind IN ('event', 'alert', 'digest')),
    -- What the per-endpoint concurrency cap counts: the webhook URL, or the SMTP server.
    ADD COLUMN endpoint        TEXT,
    -- webhook-id (and the email's Message-ID): the same on every attempt.
    ADD COLUMN message_id      VARCHAR(64),
    ADD COLUMN lease_until     TIMESTAMP WITH TIME ZONE,
    ADD COLUMN leased_by       VARCHAR(100),
    -- Held for a digest until release_at, because of quiet-hours or rate-limit.
    ADD COLUMN release_at      TIMESTAMP WITH TIME ZONE,
    ADD COLUMN held_reason     VARCHAR(16) CHECK (held_reason IN ('quiet-hours', 'rate-limit')),
    -- A folded message went out in this digest.
    ADD COLUMN digest_id       BIGINT REFERENCES outbox (id) ON DELETE SET NULL,
    ADD COLUMN last_status     INTEGER,
    ADD COLUMN last_attempt_at TIMESTAMP WITH TIME ZONE;

-- Due messages by channel: the Kafka relay and the delivery workers each read their own channels.
DROP INDEX outbox_due;
CREATE INDEX outbox_pending ON outbox (channel, next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX outbox_held ON outbox (release_at) WHERE status = 'held';
-- One message per (alert, channel): storing an alert again never delivers it twice.
CREATE UNIQUE INDEX outbox_alert_channel ON outbox (alert_id, channel, destination) WHERE kind = 'alert';
CREATE INDEX outbox_digest ON outbox (digest_id) WHERE digest_id IS NOT NULL;
CREATE INDEX outbox_subscription_open ON outbox (subscription_id, channel, destination)
    WHERE status IN ('pending', 'held');

-- The rate limit's current window per (subscription, channel): alert transactions lock the row, so
-- that two instances storing alerts of one subscription at once still send at most N messages.
CREATE TABLE delivery_window (
    subscription_id UUID NOT NULL REFERENCES subscription (id) ON DELETE CASCADE,
    channel         VARCHAR(32) NOT NULL,
    destination     TEXT NOT NULL,
    window_start    TIMESTAMP WITH TIME ZONE NOT NULL,
    sent            INTEGER NOT NULL,
    PRIMARY KEY (subscription_id, channel, destination)
);

-- Every alert in commit order, for the live stream and its Last-Event-ID replay. Positions are taken
-- at the end of the alert's transaction under one advisory lock held until commit, so that a reader
-- who sees position n has also seen every position before it (as subscription_change does).
CREATE SEQUENCE alert_stream_position;

CREATE TABLE alert_stream (
    position BIGINT PRIMARY KEY,
    alert_id UUID NOT NULL UNIQUE REFERENCES alert (id) ON DELETE CASCADE,
    owner_id UUID NOT NULL
);

CREATE INDEX alert_stream_owner ON alert_stream (owner_id, position);

INSERT INTO alert_stream (position, alert_id, owner_id)
SELECT nextval('alert_stream_position'), id, owner_id FROM (
    SELECT id, owner_id FROM alert ORDER BY created_at, id) existing;
