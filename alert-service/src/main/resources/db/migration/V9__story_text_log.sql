-- Text candidates are found in memory: every instance keeps the band keys of the texts received last
-- (StoryTextIndex) and reads what any instance stored since from this log, in commit order. The band
-- table cost 24 index insertions an item and an index lookup of every band key of every batch: with
-- the candidates' rows, half of PostgreSQL's statement time. A log row is written at the end of the
-- item's transaction under the lock that numbers the alert stream, so that an instance that has read
-- position n has read every position before it.
CREATE SEQUENCE story_text_position;

CREATE TABLE story_text (
    position    BIGINT PRIMARY KEY,
    item_id     VARCHAR(32) NOT NULL,
    story_id    UUID NOT NULL,
    fetched_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    simhash     BIGINT NOT NULL,
    bands       INTEGER[] NOT NULL
);

COMMENT ON TABLE story_text IS
    'Text keys of received items in commit order (StoryRepository): read into memory by every instance';

INSERT INTO story_text (position, item_id, story_id, fetched_at, received_at, simhash, bands)
SELECT nextval('story_text_position'), item_id, story_id, fetched_at, received_at, simhash, bands
FROM (SELECT item_id, story_id, fetched_at, received_at, simhash, bands FROM received_item
      WHERE simhash IS NOT NULL AND cardinality(bands) > 0
      ORDER BY received_at, item_id) existing;

-- The item keeps its link key (looked up in PostgreSQL); its text keys live in the log only.
DROP TABLE received_item_band;
ALTER TABLE received_item DROP COLUMN bands, DROP COLUMN simhash;
