-- Schema version 12 (issue 17, item 3): after a key rotation the store's vault key is new, but
-- the keys of the email blind index and of pseudonyms are carried over (so lookups, erasure
-- records and earlier pseudonymised exports stay consistent). They are kept here, sealed under a
-- subkey of the current vault key and bound to the store id. NULL until the first rotation:
-- the keys are then derived from the vault key as before.
ALTER TABLE vault_header ADD COLUMN carried_keys BLOB;
