-- Stories (one alert per subscription and story), alert status and sources, the outbox that
-- publishes alert events, and the change log through which every instance follows subscriptions.

-- Every classified item received: the story it belongs to, how it was recognised, and the item
-- itself for previews. Kept for NEWSWATCH_ALERT_ITEM_RETENTION (at least the story window).
CREATE TABLE received_item (
    item_id     VARCHAR(32) PRIMARY KEY,
    story_id    UUID NOT NULL,
    link_key    VARCHAR(32),
    simhash     BIGINT,
    -- SimHash bands, each tagged with its number (band << 16 | value): near fingerprints share one.
    bands       INTEGER[] NOT NULL DEFAULT '{}',
    fetched_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    payload     JSONB NOT NULL
);

CREATE INDEX received_item_link ON received_item (link_key, fetched_at) WHERE link_key IS NOT NULL;
CREATE INDEX received_item_bands ON received_item USING GIN (bands);
CREATE INDEX received_item_received ON received_item (received_at DESC);

-- Alerts belong to a story; earlier alerts each make a story of their own.
ALTER TABLE alert ADD COLUMN story_id UUID;
UPDATE alert SET story_id = md5(item_id)::uuid;
ALTER TABLE alert ALTER COLUMN story_id SET NOT NULL;
ALTER TABLE alert ADD CONSTRAINT alert_subscription_story UNIQUE (subscription_id, story_id);
CREATE INDEX alert_story ON alert (story_id);

ALTER TABLE alert
    ADD COLUMN status          VARCHAR(16) NOT NULL DEFAULT 'NEW'
                               CHECK (status IN ('NEW', 'ACKNOWLEDGED', 'RESOLVED')),
    ADD COLUMN acknowledged_by VARCHAR(64),
    ADD COLUMN acknowledged_at TIMESTAMP WITH TIME ZONE,
    ADD COLUMN resolved_by     VARCHAR(64),
    ADD COLUMN resolved_at     TIMESTAMP WITH TIME ZONE;

CREATE INDEX alert_owner_status_created ON alert (owner_id, status, created_at DESC);

-- Every feed that carried an alert's story, the first included.
CREATE TABLE alert_source (
    alert_id     UUID NOT NULL REFERENCES alert (id) ON DELETE CASCADE,
    item_id      VARCHAR(32) NOT NULL,
    feed_id      TEXT NOT NULL,
    source_name  TEXT NOT NULL,
    url          TEXT,
    title        TEXT NOT NULL,
    published_at TIMESTAMP WITH TIME ZONE,
    added_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (alert_id, item_id)
);

INSERT INTO alert_source (alert_id, item_id, feed_id, source_name, url, title, published_at, added_at)
SELECT id, item_id, '', COALESCE(source_name, ''), url, title, published_at, created_at FROM alert;

-- Messages written in the transaction that caused them and relayed afterwards, at least once:
-- alert events to Kafka now; issue 6 adds deliveries to webhooks and email as further channels.
CREATE TABLE outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel         VARCHAR(32) NOT NULL,
    destination     TEXT NOT NULL,
    message_key     TEXT,
    payload         JSONB NOT NULL,
    alert_id        UUID REFERENCES alert (id) ON DELETE CASCADE,
    status          VARCHAR(16) NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'done', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error      TEXT,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    done_at         TIMESTAMP WITH TIME ZONE
);

CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX outbox_alert ON outbox (alert_id);
CREATE INDEX outbox_done ON outbox (done_at) WHERE status <> 'pending';

-- Every insert, update and delete of a subscription, in commit order: instances poll it and
-- update their matching index. Revisions are taken under one transaction-scoped advisory lock,
-- held until commit, so that a reader who sees revision n has also seen every revision before it.
CREATE SEQUENCE subscription_revision;

CREATE TABLE subscription_change (
    revision        BIGINT PRIMARY KEY,
    subscription_id UUID NOT NULL,
    changed_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

CREATE FUNCTION record_subscription_change() RETURNS trigger AS $$
BEGIN
    -- 0x5355424348414E47: 'SUBCHANG'; the same key SubscriptionService takes first.
    PERFORM pg_advisory_xact_lock(6004778534910905927);
    INSERT INTO subscription_change (revision, subscription_id)
    VALUES (nextval('subscription_revision'), COALESCE(NEW.id, OLD.id));
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER subscription_changed
    AFTER INSERT OR UPDATE OR DELETE ON subscription
    FOR EACH ROW EXECUTE FUNCTION record_subscription_change();

-- Takes transaction-scoped advisory locks in the order given (callers sort them), in one round trip.
CREATE FUNCTION advisory_xact_lock_all(keys BIGINT[]) RETURNS INTEGER AS $$
DECLARE
    k BIGINT;
BEGIN
    FOREACH k IN ARRAY keys LOOP
        PERFORM pg_advisory_xact_lock(k);
    END LOOP;
    RETURN cardinality(keys);
END;
$$ LANGUAGE plpgsql;
