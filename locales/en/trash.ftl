## The trash: posts and pages deleted in the last 30 days ($days), off the site until restored.
admin-nav-trash = Trash
trash-title = Trash
trash-note = Posts and pages that were deleted. They are off the site; “Restore” brings one back with its comments and old addresses. Each is deleted for good { $days } days after it was moved here.
trash-none = The trash is empty.
trash-kind = { $kind ->
    [page] Page
   *[other] Post
}
trash-trashed-at = Moved here
trash-purge-at = Deleted for good on
trash-comments = { $count ->
    [one] 1 comment
   *[other] { $count } comments
}
trash-restore = Restore
trash-delete = Delete permanently
trash-post-title = Move “{ $title }” to the trash
trash-post-heading = Move “{ $title }” to the trash?
trash-post-note = { $kind ->
    [page] The page
   *[other] The post
} leaves the site at once; { $count ->
    [one] its comment and
   *[other] its { $count } comments and
} its old addresses stay with it. You can restore it from the trash for { $days } days; then it is deleted for good.
action-move-to-trash = Move to trash
delete-post-title = Delete “{ $title }”
delete-post-heading = Delete “{ $title }” permanently?
delete-post-note = { $kind ->
    [page] The page
   *[other] The post
} and { $count ->
    [one] its 1 comment
   *[other] its { $count } comments
} will be removed for good; this cannot be undone.
flash-post-trashed = “{ $title }” was moved to the trash; you can restore it from there for { $days } days.
flash-trash-restored = “{ $title }” was restored.
flash-trash-restored-new-slug = Another post took its slug “{ $old }” meanwhile, so its slug is now “{ $slug }”; its old addresses lead to it.
flash-trash-restored-unscheduled = Its publication time passed while it was in the trash, so it is a draft now.
flash-trash-gone = That is no longer in the trash.
preview-trashed = In the trash.
preview-trashed-note = Readers get a 404; restore it from the trash to edit or publish it again.
