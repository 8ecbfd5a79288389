-- One alert per story and subscription, the same rule as before, now kept by an index on the story
-- first: that index also serves every lookup of a story's alerts (their sources are added by
-- story), which had an index of its own. An alert is written to six indexes instead of seven.
ALTER TABLE alert ADD CONSTRAINT alert_story_subscription UNIQUE (story_id, subscription_id);
ALTER TABLE alert DROP CONSTRAINT alert_subscription_story;
DROP INDEX alert_story;
