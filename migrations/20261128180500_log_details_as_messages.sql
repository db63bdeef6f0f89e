-- The moderation log's details are kept as a message id with its values
-- (JSON), worded in the site's language when shown. Details stored as English
-- words before that are turned into messages; anything else stays as it was
-- and shows as stored.

-- "pending → approve"
UPDATE moderation_log
SET detail = json_object('id', 'log-detail-moved', 'args', json_object(
        'action', substr(detail, instr(detail, ' → ') + 3),
        'from', substr(detail, 1, instr(detail, ' → ') - 1)))
WHERE instr(detail, ' → ') > 0
  AND substr(detail, 1, instr(detail, ' → ') - 1) IN ('pending', 'approved', 'spam', 'trash')
  AND substr(detail, instr(detail, ' → ') + 3)
      IN ('approve', 'unapprove', 'spam', 'trash', 'restore', 'delete');

-- "pending → approve (from an email link)"
UPDATE moderation_log
SET detail = json_object('id', 'log-detail-moved-by-email', 'args', json_object(
        'action', substr(moved.base, instr(moved.base, ' → ') + 3),
        'from', substr(moved.base, 1, instr(moved.base, ' → ') - 1)))
FROM (
    SELECT id AS log_id, substr(detail, 1, length(detail) - 21) AS base
    FROM moderation_log
    WHERE detail LIKE '% (from an email link)'
) AS moved
WHERE moderation_log.id = moved.log_id
  AND instr(moved.base, ' → ') > 0
  AND substr(moved.base, 1, instr(moved.base, ' → ') - 1) IN ('pending', 'approved', 'spam', 'trash')
  AND substr(moved.base, instr(moved.base, ' → ') + 3)
      IN ('approve', 'unapprove', 'spam', 'trash', 'restore', 'delete');

UPDATE moderation_log
SET detail = '{"id":"log-detail-approved-with-reply","args":{}}'
WHERE detail = 'pending → approve (with a reply)';

-- "reply to #12"
UPDATE moderation_log
SET detail = json_object('id', 'log-detail-reply-to', 'args', json_object(
        'parent', CAST(substr(detail, 11) AS INTEGER)))
WHERE detail GLOB 'reply to #[0-9]*' AND substr(detail, 11) NOT GLOB '*[^0-9]*';

-- "personal data erased: 3 comments anonymised"
UPDATE moderation_log
SET detail = json_object('id', 'log-detail-erased', 'args', json_object(
        'comments', CAST(substr(detail, 23) AS INTEGER),
        'how', CASE WHEN detail LIKE '% anonymised' THEN 'anonymised' ELSE 'deleted' END))
WHERE detail GLOB 'personal data erased: [0-9]* comment anonymised'
   OR detail GLOB 'personal data erased: [0-9]* comments anonymised'
   OR detail GLOB 'personal data erased: [0-9]* comment deleted'
   OR detail GLOB 'personal data erased: [0-9]* comments deleted';
