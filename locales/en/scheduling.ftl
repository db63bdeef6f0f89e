## Scheduled posts: the editor's "Publish at", the posts list, the flash after saving.
# Times: $time ("07:00"), $day, $month, $year (for { date }), $zone ("Europe/Berlin");
# a change of the clocks that night: $from and $to ("02:00", "03:00").
editor-scheduled = Scheduled (goes public on its own at the time below)
editor-publish-at = Publish at
editor-publish-at-hint = On the site’s clocks: { $zone }. Used when the status is “Scheduled”.
editor-publish-now = Publish now (that time has passed)
schedule-time-required = Choose the date and time to publish at.
schedule-time-invalid = “{ $raw }” is not a date and time; write it like 2026-12-14 07:00.
schedule-time-skipped = There is no { $time } on { date } in { $zone }: that night the clocks go forward from { $from } to { $to }. Choose another time.
schedule-time-twice = { $time } on { date } comes twice in { $zone }: that night the clocks go back from { $from } to { $to }. Choose a time outside that hour.
schedule-time-passed = { $time } on { date } ({ $zone }) has passed. To publish it now, tick “Publish now” and save again, or choose a later time.
flash-post-scheduled = “{ $title }” will be published on { $when }.
posts-scheduled = Scheduled
posts-scheduled-for = Scheduled for { $when }
preview-scheduled-note = Only admins can see this page; readers get a 404 until then.
