-- Schema version 11 (issue 17, item 1): an erasure record keeps the erased subject's record id
-- beside the keyed fingerprint of their email, so a restored backup erases them again even when
-- their email was corrected after the backup, or they never had one. The id is random and
-- already named by the audit trail's entry for the erasure: nothing new about the person.
-- Records made before this version have none (NULL) and are matched by email as before.
ALTER TABLE erasures ADD COLUMN subject_id BLOB;
