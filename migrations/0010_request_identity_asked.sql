-- Schema version 10 (issue 16, item 3): the day identity or clarification was asked for.
-- Only a request for identity that was actually sent restarts a GDPR clock when the answer
-- arrives, and the new start is never earlier than the day it was asked (Art. 12(6); EDPB
-- Guidelines 01/2022 § 159). A plain date, nothing personal.
ALTER TABLE requests ADD COLUMN identity_asked_on TEXT;

-- Requests that were asked for identity before this version: the day of the last step into
-- "awaiting identity" (the day it was recorded, the best the history holds). A clock_start
-- recorded without any such step (the old "identity received / start work" with nothing asked)
-- is left as it was and no longer moves the deadline.
UPDATE requests
SET identity_asked_on = (
    SELECT substr(MAX(s.at), 1, 10)
    FROM request_steps s
    WHERE s.request_id = requests.id AND s.to_state = 'awaiting-identity'
);
