-- Subscriptions and the alerts they produce.

CREATE TABLE subscription (
    id         UUID PRIMARY KEY,
    name       VARCHAR(200)  NOT NULL,
    query      VARCHAR(2000) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE alert (
    id              UUID PRIMARY KEY,
    subscription_id UUID NOT NULL REFERENCES subscription (id) ON DELETE CASCADE,
    item_id         VARCHAR(32) NOT NULL,
    title           TEXT NOT NULL,
    url             TEXT,
    source_name     TEXT,
    published_at    TIMESTAMP WITH TIME ZONE,
    severity        VARCHAR(16) NOT NULL,
    matches         JSONB NOT NULL,
    tags            JSONB NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    -- One alert per subscription and item: the consumer inserts with ON CONFLICT DO NOTHING.
    CONSTRAINT alert_subscription_item UNIQUE (subscription_id, item_id)
);

CREATE INDEX alert_subscription_created ON alert (subscription_id, created_at DESC);
CREATE INDEX alert_created_at ON alert (created_at DESC);
