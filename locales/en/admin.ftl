## What admins see: the admin pages, their forms and messages.

settings-too-long = At most { $max } characters, please.
settings-single-line = Please use a single line without control characters.
settings-whole-number = Please enter a whole number from { $min } to { $max }.
settings-header-lines-too-many = At most { $max } header lines, please.
settings-header-line-too-long = Each header line may have at most { $max } characters.
settings-title-required = Please give the site a title.
settings-timezone-unknown = Unknown time zone "{ $zone }"; use a place like Europe/Berlin, or UTC.
settings-choose-option = Please choose one of the options.
settings-language-unknown = Please choose a language from the list.

post-tag-too-long = The tag “{ $tag }” is too long: at most { $max } characters.
post-tag-single-line = A tag must be a single line.
post-tag-empty = The tag “{ $tag }” needs at least one letter or digit.
post-tags-too-many = A post may have at most { $max } tags; this one has { $count }.
post-title-required = Please give the post a title.
post-title-too-long = The title may be at most { $max } characters.
post-title-single-line = The title must be a single line.
post-body-too-long = The post is too long: at most { $max } KiB of text, it has { $size } KiB.
post-status-unknown = Choose whether the post is a draft, scheduled or published.
post-slug-taken = This slug is already used by the post “{ $title }”; choose another.
post-slug-old-address = This slug is an old address of “{ $title }”: links to it lead there now. Taking it sends them to this post instead.
post-slug-take-old-address = Take it anyway; old links stop leading to “{ $title }”.

slug-empty = The slug must not be empty.
slug-too-long = The slug may be at most { $max } characters long (it has { $count }).
slug-invalid-character = The slug may contain only lowercase letters a–z, digits 0–9 and dashes (found { $found }).
slug-dash-at-edge = The slug must not start or end with a dash.
slug-double-dash = The slug must not contain two dashes in a row.
slug-nothing-to-keep = The slug needs at least one letter or digit.

account-name-too-long = The name may be at most { $max } characters.
account-name-single-line = The name must be a single line.
account-email-invalid = Please enter a valid email address, like name@example.org, or leave it empty.

privacy-address-required = Please enter an email address.
privacy-address-invalid = Please enter an email address, like name@example.org.
privacy-erased-nothing = Nothing is stored for that address; nothing was erased.
privacy-erased-anonymised = Erased the personal data of { $count ->
    [one] { $count } comment
   *[other] { $count } comments
} (anonymised){ $mails ->
    [0] {""}
   *[other] , and { $mails } records of mail to the address (reply subscriptions, mails, a refusal of all mail)
}.
privacy-erased-deleted = Erased the personal data of { $count ->
    [one] { $count } comment
   *[other] { $count } comments
} (deleted){ $mails ->
    [0] {""}
   *[other] , and { $mails } records of mail to the address (reply subscriptions, mails, a refusal of all mail)
}.

## Admin layout
admin-title = Admin
admin-nav-comments = Comments
admin-nav-pending-title = Pending comments
admin-nav-pending = pending
admin-nav-posts = Posts
admin-nav-pages = Pages
admin-nav-media = Media
admin-nav-email = Email
admin-nav-settings = Settings
admin-nav-privacy = Personal data
admin-nav-log = Moderation log
admin-nav-import = Import
admin-nav-accounts = Accounts
admin-nav-account = Account
admin-logout = Log out { $name }

## Login
login-title = Log in
login-username = Username
login-password = Password

## Comments queue
queue-title = { $status ->
    [pending] Pending comments
    [approved] Approved comments
    [spam] Spam comments
   *[trash] Trash comments
}
queue-one-post = Showing the comments on one post.
queue-show-all = Show all comments
status-label = { $status ->
    [pending] Pending
    [approved] Approved
    [spam] Spam
   *[trash] Trash
}
queue-bulk-label = With the selected comments:
queue-apply = Apply
queue-select = Select
queue-author = Author
queue-in-reply-to-heading = In reply to
queue-select-comment = Select comment #{ $num } by { $name }
queue-site-admin = site admin
queue-browser = Browser
queue-in-reply-to = In reply to #{ $num }
queue-reason = Reason: { $reason }

# Why the rules held a comment or filed it as spam (kept as the message and
# its values, so it reads in the site's language of the day).
reason-honeypot = the hidden honeypot field was filled in
reason-token-missing = sent without the form's timing token
reason-token-forged = the form's timing token was forged
reason-too-fast = sent { $seconds } s after the page was served (minimum { $minimum } s)
reason-spam-word = disallowed word "{ $word }" { $field ->
        [name] in the name
        [email] in the email
        [website] in the website
        [ip] in the IP address
        [user-agent] in the user agent
       *[comment] in the comment
    }
reason-moderation-word = moderation word "{ $word }" { $field ->
        [name] in the name
        [email] in the email
        [website] in the website
        [ip] in the IP address
        [user-agent] in the user agent
       *[comment] in the comment
    }
reason-links = { $links ->
        [one] 1 link
       *[other] { $links } links
    } (more than { $limit })
reason-unknown-author = no earlier approved comment from this name and email
reason-all-held = every comment waits for approval
queue-comment-number = comment #{ $num }
queue-approve-and-reply = Approve and reply
queue-to-comment-number = to comment #{ $num }
admin-edit = Edit
queue-draft = (draft)
queue-on = On
queue-empty = { $status ->
    [pending] No pending comments.
    [approved] No approved comments.
    [spam] No spam comments.
   *[trash] No trash comments.
}
queue-pagination = More comments
queue-search = Search comments
queue-search-hint = By the author's name, email address or words of the comment.
queue-search-button = Search
queue-search-clear = Show all
queue-more-than = more than { $count }
queue-none-found = { $status ->
    [pending] No pending comment matches “{ $search }”.
    [approved] No approved comment matches “{ $search }”.
    [spam] No spam comment matches “{ $search }”.
   *[trash] No comment in the trash matches “{ $search }”.
}
admin-newer = Newer
admin-older = Older
list-rows-shown = { $first }–{ $last } of { $total }
list-rows-shown-of-more = { $first }–{ $last } of more than { $total }
list-page-of = Page { $page } of { $pages }
list-first-page = First
list-last-page = Last
action-approve = Approve
action-unapprove = Unapprove
action-spam = Spam
action-trash = Trash
action-not-spam = Not spam
action-restore = Restore
action-delete = Delete permanently

## Posts list
posts-new = Write a new post
posts-pagination = More posts
pages-pagination = More pages
posts-title = Title
posts-status = Status
posts-date = Date
posts-actions = Actions
posts-published = Published
posts-draft = Draft
posts-approved = { $count } approved
posts-pending = { $count } pending
admin-delete = Delete
posts-none = No posts yet.

## Moderation log
log-when = When
log-who = Who
log-action = Action
log-detail = Detail
log-several = several
log-deleted = (deleted)
log-empty = Nothing has been moderated yet.
log-pagination = More log entries

## Account
account-title = Your account
account-not-saved = Your account was not saved. Please correct the marked fields; everything you typed is kept.
account-display-name = Name shown on your replies
account-display-name-hint-html = Readers see this name on your replies, e.g. <em>Dr. Anna Meier</em>; your login name is never shown. Empty: replies are signed with the site's title.
account-email = Email address
account-email-hint = For notifications about held comments; never shown publicly. Empty: no email.
admin-save = Save

## Import
import-title = Import from WordPress
import-how = In WordPress, choose Tools → Export → All content and download the file. Then, on the machine where Folio runs:
import-explained = The dry run shows what would be imported and writes nothing. The import brings in posts (published ones published, scheduled ones scheduled at their date, those in the trash into the trash, the rest as drafts), categories and tags as tags, and comments with their status and threads; the old WordPress addresses then redirect to the new ones. Importing the same file (or a newer export of the same site) again adds only what is new and leaves everything already imported as it is.
import-move-out-html = To move out again: <code>folio export wordpress site.xml</code> writes a file that WordPress's importer reads.
import-last = Last import
import-from = From
import-none = Nothing has been imported yet.
# The summary of an import: one message per line (see domain::import::Summary::lines).
import-posts = Posts: { $count } new ({ $published } published{ $scheduled ->
    [0] {""}
   *[other] , { $scheduled } scheduled
}, { $drafts ->
    [one] 1 draft
   *[other] { $drafts } drafts
}{ $trash ->
    [0] {""}
   *[other] , { $trash } in the trash
})
import-pages = Pages: { $count } new ({ $published } published{ $scheduled ->
    [0] {""}
   *[other] , { $scheduled } scheduled
}, { $drafts ->
    [one] 1 draft
   *[other] { $drafts } drafts
}{ $trash ->
    [0] {""}
   *[other] , { $trash } in the trash
})
import-drafts-by-status = { $count } of them { $status ->
    [draft] { $count ->
        [one] a draft
       *[other] drafts
    } in WordPress
    [pending] pending review in WordPress
    [future] scheduled in WordPress
    [private] private in WordPress
   *[other] with the status “{ $status }” in WordPress
}
import-posts-already-there = { $count ->
    [one] 1 post or page
   *[other] { $count } posts and pages
} imported before, left as they are
import-tags = Tags: { $count } new
import-comments = Comments: { $count } new ({ $pending } pending, { $approved } approved, { $spam } spam, { $trash } in the trash)
import-comments-already-there = { $count ->
    [one] 1 comment
   *[other] { $count } comments
} imported before, left as they are
import-threads = Threads: { $replies ->
    [one] 1 reply
   *[other] { $replies } replies
}, up to { $depth ->
    [one] 1 level
   *[other] { $depth } levels
} deep
import-by-site-users = By the site's own users: { $admins } marked as a Folio admin's; { $names } kept with the author's name only (no Folio admin with that login)
import-skipped-nothing = Skipped: nothing
import-skipped = Skipped:
import-skipped-attachments = { $count ->
    [one] 1 attachment
   *[other] { $count } attachments
} (their files stay where they are; posts keep linking them)
import-skipped-items-of-type = { $count ->
    [one] 1 item of the type “{ $kind }”
   *[other] { $count } items of the type “{ $kind }”
}
import-skipped-items-without-type = { $count ->
    [one] 1 item without a post type
   *[other] { $count } items without a post type
}
# Posts in the trash come into the trash now; the text stays for summaries of earlier imports.
import-skipped-posts-in-trash = { $count ->
    [one] 1 post in the trash
   *[other] { $count } posts in the trash
}
import-skipped-posts-with-status = { $count ->
    [one] 1 post with the status “{ $kind }”
   *[other] { $count } posts with the status “{ $kind }”
}
import-skipped-pingbacks = { $count ->
    [one] 1 pingback
   *[other] { $count } pingbacks
}
import-skipped-trackbacks = { $count ->
    [one] 1 trackback
   *[other] { $count } trackbacks
}
import-skipped-comments-of-type = { $count ->
    [one] 1 comment of the type “{ $kind }”
   *[other] { $count } comments of the type “{ $kind }”
}
import-skipped-comments-on = { $count ->
    [one] 1 comment
   *[other] { $count } comments
} on { $on ->
    [attachments] attachments
    [trash] posts in the trash
    [type] items of the type “{ $kind }”
    [status] posts with the status “{ $kind }”
   *[other] items left out
}
import-skipped-unused-terms = { $count ->
    [one] 1 category or tag
   *[other] { $count } categories and tags
} that no imported post has
import-skipped-comments-on-deleted-posts = { $count ->
    [one] 1 comment
   *[other] { $count } comments
} on posts deleted in Folio since an earlier import
import-redirects = Redirects: { $count ->
    [one] 1 new old address
   *[other] { $count } new old addresses
}
import-site-title = Site title taken from the export: “{ $title }”
import-site-tagline = Tagline taken from the export: “{ $tagline }”
import-sample-removed = The sample post “Welcome to Folio” was removed (nobody had changed it).
import-media = Media: { $count ->
    [one] 1 file brought into the library
   *[other] { $count } files brought into the library
}, { $already } there from before, { $missing ->
    [0] none missing
    [one] 1 could not be had (its posts link /wp-content/uploads/…, which leads to it once a later import brings it in):
   *[other] { $missing } could not be had (their posts link /wp-content/uploads/…, which leads to them once a later import brings them in):
}
import-media-missing = { $url } ({ $reason ->
    [not-http] not an http or https address
    [status] the server answered { $status }
    [unreachable] no answer in time, too many redirects or the connection broke
    [too-large] larger than the size limit
    [not-accepted] not a JPEG, PNG, WebP, GIF or PDF
    [not-in-folder] not in the media folder
   *[outside-folder] its path leads out of the media folder
})
import-media-dry-run = Media: { $count ->
    [one] 1 file would be brought into the library
   *[other] { $count } files would be brought into the library
} (nothing is fetched in a dry run), { $already } there from before
import-media-left-out = Media: left out (--no-media); posts keep linking the old site's files.

## Post editor
editor-edit-title = Edit “{ $title }”
editor-new = { $kind ->
    [page] New page
   *[other] New post
}
editor-edit = { $kind ->
    [page] Edit page
   *[other] Edit post
}
editor-view = { $kind ->
    [page] View page
   *[other] View post
}
editor-preview-draft = Preview the draft
editor-preview-draft-note = (only admins can open it)
editor-conflict-title = { $kind ->
    [page] This page was changed since you opened it
   *[other] This post was changed since you opened it
}
editor-conflict = Someone (perhaps you, in another tab) saved this { $kind ->
    [page] page
   *[other] post
} at { $saved }, after you opened this editor. Nothing was saved yet. Your version is kept in the form below; the saved version is shown here. Save yours to replace it, or
editor-conflict-discard = discard yours and edit the saved version
editor-saved-version = The saved version: { $title }
editor-saved-text = Its text
editor-not-saved = { $kind ->
    [page] The page
   *[other] The post
} was not saved. Please correct the marked fields; everything you typed is kept below.
page-slug-reserved = The address /{ $slug } belongs to Folio itself (or to WordPress's old links); choose another slug for this page.
page-slug-imported = The address /{ $slug } is an old address from the WordPress import that leads elsewhere; a page there would break it. Choose another slug.
editor-preview-title = Preview (not saved yet)
editor-slug = Slug
editor-slug-hint-html = { $kind ->
    [page] The page's address: /<em>slug</em>. Addresses Folio uses itself (admin, posts, tags, feed, ...) cannot be taken.
   *[other] The post's address: /posts/<em>slug</em>.
} Leave empty to make it from the title; anything typed is made into lowercase letters, digits and dashes the same way. Changing it later keeps the old address working.
editor-take-old-address = Take this old address of another post anyway
editor-body = Text (Markdown)
editor-body-hint-html = Markdown: **bold**, *italic*, [links](https://example.org), # headings, lists, tables.{ $kind ->
    [page] {""}
   *[other] {" "}A line <code>&lt;!-- more --&gt;</code> ends the excerpt on the home page.
}
editor-tags-hint-html = Separated by commas, e.g. <em>News, Opening hours</em>; at most 10. Each tag has a page listing its posts.
editor-draft = Draft (readers do not see it)
editor-allow-comments = Allow comments
editor-preview = Preview
admin-cancel = Cancel
editor-revisions = Revisions
editor-revisions-hint = Every save is kept (the last 20). Restoring one saves its title, text and tags as the newest version; the address and status stay.
editor-revision-by = by { $name }
editor-revision-chars = { $count ->
    [one] { $count } character
   *[other] { $count } characters
}
editor-revision-current = (current)
editor-restore = Restore revision { $num }

## Post preview
preview-title = Preview “{ $title }”
preview-published-at = Published at
preview-draft = Draft — not published.
preview-draft-note = Only admins can see this page; readers get a 404 until you publish it.
preview-edit = { $kind ->
    [page] Edit this page
   *[other] Edit this post
}
## Personal data
privacy-intro = Find everything stored for a commenter's email address, to give it to them (export) or to erase it on request. Matching ignores upper and lower case.
privacy-look-up = Look up
privacy-stored-for = Stored for { $email }
privacy-count = { $count ->
    [one] { $count } comment
   *[other] { $count } comments
}, with everything stored about each.
privacy-table = Comments stored for this address
privacy-on = on
privacy-export = Export as JSON
privacy-erase-button = Erase…
privacy-nothing = Nothing is stored for this address.
privacy-mail-records = Also stored for mail to this address: { $count ->
    [one] { $count } record
   *[other] { $count } records
} (reply subscriptions, mails sent or waiting, a refusal of all mail). The export lists them; erasing removes them and cancels waiting mail.

## Delete a comment
delete-comment-title = Delete comment #{ $num }
delete-comment-heading = Delete comment #{ $num } permanently?
delete-comment-note = The comment by { $name } will be removed for good; this cannot be undone. Replies to it are kept and move up to its parent. To keep a copy, move it to the trash instead.

## Erase personal data
erase-title = Erase personal data
erase-heading = Erase the personal data of { $email }?
admin-back = Back
erase-count = { $count ->
    [one] { $count } comment is
   *[other] { $count } comments are
} stored for this address.
erase-note = Erasing replaces the name with “Anonymous” and removes the email address, website, IP address and browser; the text of the comments stays. This cannot be undone. The moderation log records that an erasure happened and how many comments it changed, not the address.
erase-delete-instead = Delete the comments instead (replies by others stay and move up)

## Edit a comment
edit-comment-title = Edit comment #{ $num }
edit-comment-not-saved = The comment was not saved. Please correct the marked fields; everything you typed is kept.
edit-comment-save = Save comment

## Reply to a comment
reply-title = Reply to comment #{ $num }
reply-pending-note = This comment is pending: replying approves it, and your reply is published at once.
reply-label = Your reply

## Send a form again after a login
send-again-title = Send your form again
send-again-send = Send it now
send-again-discard = Discard it

## Settings
settings-not-saved = The settings were not saved. Please correct the marked fields; everything you typed is kept.
settings-site = The site
settings-title = Site title
settings-tagline = Tagline
settings-header-lines = Header lines
settings-header-lines-hint = One short line each, shown at the top of every page, e.g. opening hours and your street address.
settings-timezone = Time zone
settings-posts-per-page = Posts per page
settings-comment-rules = Comment rules
settings-auto-approve = Approve comments at once from authors who already have an approved comment (same name and email)
settings-hold-links = Hold a comment for moderation if it has more than this many links
settings-moderation-words = Hold comments containing these words
settings-moderation-words-hint = One word or phrase per line; matched as whole words, ignoring case, in the comment, name, email, website, IP and browser.
settings-spam-words = Send comments containing these words to spam
settings-spam-words-hint = One word or phrase per line, matched the same way.
settings-close-after = Close comments on posts older than this many days (0 = never)
settings-thread-depth = Show replies nested at most this many levels deep
settings-retention = Keeping personal data
settings-retention-hint = An hourly task applies these. A field left empty follows the server's default, set by its operator in the environment; a number saved here wins over it.
settings-ip-days = Keep commenters' full IP addresses for this many days
settings-ip-days-hint = After that, an address is cut to its network (the last part of an IPv4 address, /24, or all but the first three groups of an IPv6 address, /48): still enough to see that comments came from one provider, no longer one household. 0 keeps addresses whole. Empty: the server's default, now { $days } days
settings-spam-days = Keep comments filed as spam for this many days
settings-spam-days-hint = Counted from the comment's date; older spam is deleted for good, with its name, email and IP address. 0 keeps spam until you delete it. Empty: the server's default, now { $days } days
settings-save = Save settings

settings-email = Email
settings-email-on-html = Email is on. Admins with an address (set yours on the <a href="/admin/account">Account</a> page) are told of new comments; readers may ask to be told of replies. <a href="/admin/email">See what was sent</a>.
settings-email-off-html = Email is off: set <code>FOLIO_SMTP_URL</code> (and, if you like, <code>FOLIO_MAIL_FROM</code>) and restart Folio. Until then nobody is told of new comments or replies.
settings-notify-admins = Email admins about
settings-notify-held = Comments held for moderation
settings-notify-all = Every comment (except spam)
settings-notify-never = Never
settings-require-consent = Commenters must agree that their data is stored as described in the privacy policy
settings-require-consent-hint = The comment form then has a required box to tick, and the time of consent is kept with each comment (and in its personal-data export).
settings-privacy-page = Privacy policy page
settings-privacy-page-none = (none)
settings-privacy-page-hint = The comment form links this page next to its notes. Write it under Pages and publish it first.
## Flash messages and refusals

flash-account-saved = Your account was saved.
# $action: approve, unapprove, spam, trash, restore, delete
flash-comment-done = Comment #{ $num } { $action ->
    [approve] approved
    [unapprove] unapproved (back to pending)
    [spam] marked as spam
    [trash] moved to the trash
    [restore] restored to pending
   *[delete] deleted permanently
}.
flash-comments-done = { $count ->
    [one] 1 comment
   *[other] { $count } comments
} { $action ->
    [approve] approved
    [unapprove] unapproved (back to pending)
    [spam] marked as spam
    [trash] moved to the trash
    [restore] restored to pending
   *[delete] deleted permanently
}.
flash-comment-missing = Comment #{ $num } does not exist (it may have been deleted); nothing was changed.
# $why: one of the refusal-… texts
flash-comment-refused = Comment #{ $num } { $why }; nothing was changed.
flash-comment-unknown = There is no comment “{ $raw }”; nothing was changed.
flash-bulk-no-action = Choose an action for the selected comments; nothing was changed.
flash-bulk-none-selected = Select at least one comment; nothing was changed.
flash-bulk-unreadable = Some selected comments could not be read; nothing was changed.
flash-bulk-skipped = Skipped:
refusal-already-approved = is already approved
refusal-in-trash = is in the trash; restore it first
refusal-not-approved = is not approved
refusal-already-spam = is already marked as spam
refusal-already-trash = is already in the trash
refusal-not-spam-or-trash = is neither spam nor in the trash
refusal-reply-needs-restore = is spam or in the trash; restore and approve it before replying
# The log's action column; an action this list lacks is shown as stored.
log-action-name = { $action ->
    [approve] approve
    [unapprove] unapprove
    [spam] spam
    [trash] trash
    [restore] restore
    [delete] delete
    [reply] reply
    [edit] edit
    [erase] erase
    [invite] invite
    [withdraw] withdraw invitation
    [join] join
    [role] change role
    [deactivate] deactivate
    [reactivate] reactivate
    [two-step-on] turn on two-step sign-in
    [two-step-off] turn off two-step sign-in
    [recovery-codes] new recovery codes
    [two-step-reset] reset two-step sign-in
    [passkey-add] add a passkey
    [passkey-remove] remove a passkey
   *[other] { $action }
}

# The moderation log's detail: what an entry did (entries an older Folio wrote
# in English words show as written).
log-detail-moved = { $from ->
        [pending] pending
        [approved] approved
        [spam] spam
       *[trash] trash
    } → { $action ->
        [approve] approve
        [unapprove] unapprove
        [spam] spam
        [trash] trash
        [restore] restore
       *[delete] delete
    }
log-detail-moved-by-email = { log-detail-moved } (from an email link)
log-detail-approved-with-reply = pending → approve (with a reply)
log-detail-reply-to = reply to #{ $parent }
log-detail-erased = personal data erased: { $comments ->
        [one] 1 comment
       *[other] { $comments } comments
    } { $how ->
        [deleted] deleted
       *[anonymised] anonymised
    }
reply-refused = This comment { $why }.
flash-reply-approved = Comment #{ $num } approved and your reply #{ $reply } published.
flash-reply-published = Your reply #{ $reply } to comment #{ $num } is published.
flash-reply-comment-gone = Comment #{ $num } no longer exists; your reply was not posted.
flash-comment-saved = Comment #{ $num } saved.
flash-comment-gone-unsaved = Comment #{ $num } no longer exists; nothing was saved.
flash-post-published = “{ $title }” published at { $path }.
flash-post-draft = “{ $title }” saved as a draft.
flash-post-slug-made = The slug was made from what you typed: { $slug }
flash-post-deleted = “{ $title }” and its { $count } comment(s) were deleted.

login-invalid = Invalid username or password. { $then }
login-locked = Too many failed logins; try again in { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}.
login-attempts-left = { $count ->
    [one] { $count } attempt
   *[other] { $count } attempts
} left before logins are locked for { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}.
login-session-ended = Your session ended before this was sent, so nothing was saved yet. Log in again: what you sent is kept and comes back for you to send.
login-logged-out = You are logged out.
login-send-again = You are logged in again. What you sent before has not been saved yet: check it and send it.
form-stale = This form was opened in a session that has ended, so nothing was changed. Check what you sent below and send it again.

pages-intro-html = Pages are for what does not date: an Impressum, a privacy policy, contact details. Each lives at its own address, <em>/slug</em>, and is not on the home page nor in the feed.
pages-new = Write a new page
pages-nav-place = Place in the navigation
pages-nav-place-of = Place of “{ $title }” in the navigation
pages-nav-hint = The site navigation, shown at the top of every page, lists the published pages that have a place, lowest number first. Leave the place empty to keep a page out of it.
pages-nav-save = Save the navigation
pages-none = No pages yet.
pages-nav-saved = The site navigation was saved.
pages-nav-not-saved = The navigation was not saved. { $why }
pages-nav-position-invalid = “{ $raw }” is not a position: type a whole number from 1 to 999, or leave it empty.

account-locks-html = <a href="/admin/locks">Login locks</a>: see and lift the locks after failed logins.
locks-title = Login locks
locks-intro-html = After too many wrong passwords an account, or the address they came from, is locked for a while. Lift a lock here when a colleague is locked out; <code>folio admin passwd</code> lifts an account's lock too.
locks-lock = { $what }: { $failures ->
    [one] { $failures } failed login
   *[other] { $failures } failed logins
}, locked for { $minutes ->
    [one] { $minutes } more minute
   *[other] { $minutes } more minutes
}.
locks-lift = Lift the lock
locks-lift-on = on { $what }
locks-none = No login is locked now.
locks-account = the account { $name }
locks-address = the address { $address }
locks-flash-lifted = Lifted the lock on { $what }.
locks-flash-ended = That lock had already ended.

outbox-off-html = Email is off: set <code>FOLIO_SMTP_URL</code> (see the README) and restart Folio. Nothing is queued while it is off.
outbox-to = to { $recipient }
outbox-about-comment = , about comment #{ $num }
outbox-status = Status:
outbox-queued-at = queued { $when }
outbox-sent-at = sent { $when }
outbox-next-try = next try { $when }
outbox-attempts = { $count ->
    [one] { $count } attempt
   *[other] { $count } attempts
}
outbox-last-error = Last error:
outbox-error-refused = The mail server refused it: { $detail }
outbox-error-connection = Folio could not talk to the mail server: { $detail }
outbox-error-timeout = The mail server did not answer within { $seconds } seconds (timed out).
outbox-error-build = Folio could not put the email together: { $detail }
outbox-cancelled-comment-deleted = Not sent: the comment was deleted.
outbox-cancelled-subscription-gone = Not sent: the subscription is gone.
outbox-cancelled-unsubscribed = Not sent: the reader unsubscribed.
outbox-cancelled-reply-unapproved = Not sent: the reply is no longer approved.
outbox-cancelled-not-needed = Not sent: no longer needed.
outbox-cancelled-opted-out = Not sent: the address asked for no more mail.
outbox-retry = Retry now
outbox-drop = Drop
outbox-none = No email yet.
outbox-kind-comment = New comment (to an admin)
outbox-kind-confirm = Confirm reply notifications (to a reader)
outbox-kind-reply = A reply (to a reader)
outbox-kind-other = Email
outbox-status-queued = queued
outbox-status-sent = sent
outbox-status-failed = failed
outbox-status-cancelled = cancelled
outbox-flash-retry = Email #{ $num } will be tried again now.
outbox-flash-not-retried = Email #{ $num } is not waiting or failed; nothing was changed.
outbox-flash-dropped = Email #{ $num } was dropped.
outbox-flash-no-mail = There is no email #{ $num }; nothing was changed.
outbox-test-mail-off = Email is off: set FOLIO_SMTP_URL and restart Folio to send email.
outbox-test-no-address = Your account has no email address yet: set one on the Account page first.
outbox-test-sent = A test email was sent to { $address }.
outbox-test-failed = The test email could not be sent: { $failure }
outbox-test-button = Send a test email
outbox-test-to-own = to your own address.

## The media library
media-file = File
media-file-hint = JPEG, PNG, WebP, GIF or PDF, at most { $max } MB each; several at once are fine. Photos are turned upright and lose their camera data (EXIF, GPS position) before anyone sees them.
media-alt = Alternative text
media-alt-hint = What the picture shows, for people who cannot see it (read aloud by screen readers). Leave it empty only for a decorative picture.
media-title = Title
media-upload = Upload
media-search = Search by name
media-search-button = Search
media-none = No media yet: upload pictures or PDFs above.
media-none-found = Nothing in the library is called “{ $search }”.
media-pagination = More media
media-animated = animated
media-no-alt = No alternative text
media-used-in = Used in:
media-unused = Not used in any post or page.
media-markdown = Markdown to put it in a post
media-back = Back to the library
media-open-pdf = Open { $name }
media-copies = Copies readers get
media-delete-title = Delete { $name }?
media-delete-in-use = { $count ->
    [one] This file is used in a post or page, where it will no longer show:
   *[other] This file is used in { $count } posts and pages, where it will no longer show:
}
media-delete-unused = No post or page uses it.
media-nothing-stored = Nothing was stored.
media-refused-type = “{ $name }” is not a JPEG, PNG, WebP, GIF or PDF file (judged by its content, not its name), so it was refused.
media-refused-size = “{ $name }” is larger than { $max } MB, the largest file allowed.
media-refused-pixels = “{ $name }” claims { $width } × { $height } pixels, more than the { $max } megapixels allowed.
media-refused-unreadable = “{ $name }” could not be read as a picture; it may be damaged.
media-refused-no-file = Choose a file to upload.
media-refused-too-many = At most { $max } files can be uploaded at once.
media-text-too-long = At most { $max } characters.
flash-media-uploaded = { $count ->
    [0] Nothing new was added.
    [one] Uploaded one file.
   *[other] Uploaded { $count } files.
}
flash-media-already = “{ $name }” was in the library already.
flash-media-saved = Saved “{ $name }”.
flash-media-deleted = Deleted “{ $name }”.
editor-insert-image = Insert image
editor-insert-image-hint = Copy an item’s Markdown into the text, or press “Insert” to put it where the cursor is. The words between the brackets are the alternative text that screen readers say.
editor-insert = Insert
editor-insert-all = All media
editor-images-without-alt = { $count ->
    [one] An image in the text has no alternative text (the words between ![ and ]): people who cannot see it learn nothing of it.
   *[other] { $count } images in the text have no alternative text (the words between ![ and ]): people who cannot see them learn nothing of them.
}
editor-images-decorative = The images without alternative text are only decorative: publish anyway

# Roles and accounts.
role-name = { $role ->
    [admin] Admin
    [editor] Editor
    [author] Author
   *[moderator] Moderator
}
role-what = { $role ->
    [admin] An admin may do everything: settings, accounts, email, import, personal data, and all an editor does.
    [editor] An editor writes and publishes posts and pages, manages the media library, moderates comments and reads the log.
    [author] An author writes posts and uploads pictures and files, but does not publish: “Submit for review” hands a post to the editors and admins, who publish it. An author sees and changes only their own posts.
   *[moderator] A moderator works through the comment queue, replies to comments and reads the log; nothing else.
}
role-not-permitted = Your account's role does not allow this, so nothing was changed.
login-deactivated = This account is deactivated. An admin of this site can reactivate it.
login-account-ready = Your account is ready. Sign in with your login name and the password you chose.
accounts-name = Account
accounts-role = Role
accounts-role-of = Role of { $name }
accounts-of = of { $name }
accounts-change-role = Change role
accounts-last-login = Last sign-in
accounts-never = never
accounts-state = State
accounts-active = Active
accounts-deactivated = Deactivated
accounts-you = (you)
accounts-deactivate = Deactivate
accounts-reactivate = Reactivate
accounts-deactivate-hint = Deactivating an account signs it out everywhere at once and keeps it from signing in until it is reactivated; its posts and replies stay. The last active admin can be neither deactivated nor given another role.
accounts-pagination = More accounts
accounts-invitations = Invitations not yet accepted
accounts-invited-by = invited by { $name }
accounts-invitation-until = The link works until
accounts-invitation-expired = The link has run out; withdraw it and invite again.
accounts-withdraw = Withdraw
accounts-invite = Invite someone
accounts-invite-intro-mail = They get an email with a link that works once, for 7 days, where they choose their password.
accounts-invite-intro-no-mail = Email is off, so the link (which works once, for 7 days) is shown to you here after inviting: pass it on yourself.
accounts-not-invited = Nobody was invited. Please correct the marked fields; everything you typed is kept.
accounts-username-hint = The name they sign in with: letters, digits, “.”, “_” and “-”. Never shown publicly.
accounts-display-name = Name shown on their replies
accounts-display-name-hint = Optional: the name readers see over their replies. They can change it later.
accounts-send-invitation = Invite
accounts-link-title = The invitation link
accounts-link-intro = The invitation is made. Email is off, so pass this link on yourself (in person, or in a message only they read).
accounts-link-label = Link for the new account
accounts-link-hint = It works once, for 7 days. It is shown only now: Folio keeps only a fingerprint of it.
account-email-required = Please enter the address the invitation goes to.
account-username-invalid = A login name has 1 to { $max } letters, digits, “.”, “_” or “-”.
account-role-unknown = Please choose one of the roles.
account-username-taken = There is already an account or an open invitation called “{ $name }”.
account-last-admin = { $name } is the last active admin: give another account the admin role first. Nothing was changed.
flash-invitation-sent = { $name } is invited; the link goes to { $email }.
flash-invitation-withdrawn = The invitation is withdrawn; its link no longer works.
flash-account-role = { $name } is now { $role ->
    [admin] an admin
    [editor] an editor
    [author] an author
   *[moderator] a moderator
}.
flash-account-deactivated = { $name } is deactivated and signed out everywhere.
flash-account-reactivated = { $name } can sign in again.
flash-account-unchanged = Nothing to change for { $name }.
log-detail-account = { $username } ({ $role ->
        [admin] Admin
        [editor] Editor
        [author] Author
       *[moderator] Moderator
    })
log-detail-role = { $username }: { $from ->
        [admin] Admin
        [editor] Editor
        [author] Author
       *[moderator] Moderator
    } → { $to ->
        [admin] Admin
        [editor] Editor
        [author] Author
       *[moderator] Moderator
    }
invitation-title = Your invitation
invitation-intro = You are invited to { $site } as { $role ->
    [admin] an admin
    [editor] an editor
    [author] an author
   *[moderator] a moderator
}.
invitation-from = { $name } sent the invitation.
invitation-until = Choose your password to make your account. This link works until { $when }, once.
invitation-not-accepted = Your account was not made yet. Please correct the marked fields.
invitation-password = Password
invitation-password-hint = At least { $min } characters; a few unrelated words make a good one.
invitation-password-again = Password again
invitation-accept = Make my account
invitation-gone = This invitation link no longer works: it was used already, withdrawn, or has run out. Ask an admin of the site for a new invitation.
invitation-username-taken = Someone took the login name “{ $name }” meanwhile, so no account was made. Ask an admin for an invitation with another name.
password-too-short = The password must be at least { $min } characters long.
password-too-long = The password must be at most { $max } characters long.
password-only-spaces = The password must not be only spaces.
password-mismatch = The two passwords differ.
editor-submit-for-review = Submit for review
editor-submit-for-review-hint = An editor or admin reads it and publishes it.
editor-waiting-for-review = Its author sent it for review: publish it, or keep it a draft.
posts-author = Author
posts-author-unknown = not known
posts-by = by { $name }
posts-in-review = Waiting for review
posts-waiting-for-review = Waiting for review
flash-post-submitted = “{ $title }” is sent for review; an editor or admin will publish it.
outbox-kind-invitation = An invitation (to a new account)
outbox-kind-review = A post waiting for review (to an editor or admin)
outbox-cancelled-invitation-gone = Not sent: the invitation was accepted, withdrawn or has run out.
outbox-cancelled-link-forgotten = Not sent: the link is no longer known (it is forgotten once its mail fails for good); invite again.
outbox-cancelled-review-done = Not sent: the post is no longer waiting for review.
