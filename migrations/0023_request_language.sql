-- Schema version 23 (issue 20, item 4): the language a request's letters are written in.
--
-- A language preference can say something about the person (where they come from, what they
-- speak at home), so it is sealed like the requester's own words: bound to the request's id,
-- NULL until recorded (then the letters default to English), and cleared when the person is
-- erased.
ALTER TABLE requests ADD COLUMN language BLOB;
