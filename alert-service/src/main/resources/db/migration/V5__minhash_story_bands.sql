-- Story candidates by text are now found by MinHash band keys of the word pairs (24 bands of 3
-- minimums, 32-bit keys) instead of 13 pieces of the SimHash, which a third of all unrelated items
-- shared. Keys of the old kind mean nothing to the new lookup: items received before this version
-- keep their stories and are still found by link, not by text.
UPDATE received_item SET bands = '{}' WHERE bands <> '{}';
COMMENT ON COLUMN received_item.bands IS
    'MinHash band keys of the text''s word pairs (StoryFingerprint.bands): copies share one';
-- Without fast update: every lookup would scan the whole pending list (up to 4 MB) for each of
-- the batch's ~1,200 keys, 0.4 s a batch; with it off an insert updates the index at once.
ALTER INDEX received_item_bands SET (fastupdate = off);
