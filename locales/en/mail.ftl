## The pages behind the links in Folio's emails

email-link-nothing-changed = Nothing was changed.
email-link-invalid = This link is not valid
email-link-invalid-action = It was not made by this site for you, or it was changed on the way.
email-link-invalid-reader = It was changed on the way, or not made by this site.
email-link-expired = This link has expired
email-link-expired-why = Links in notification emails work for 7 days; moderate the comment in the queue instead.
email-link-no-longer-valid = This link is no longer valid
email-link-account-gone = The account it was sent to no longer receives notifications.
email-link-comment-gone = This comment no longer exists
email-link-comment-deleted = It was deleted.
email-link-moderated = This comment has already been moderated
# $status: pending, approved, spam, trash
email-link-left-queue = It has left the queue (it is now { $status ->
    [pending] pending
    [approved] approved
    [spam] spam
   *[trash] in the trash
}), so this link no longer works.
email-link-approve-heading = Approve this comment?
email-link-spam-heading = Mark this comment as spam?
email-link-trash-heading = Move this comment to the trash?
email-link-approve = Approve
email-link-spam = Mark as spam
email-link-trash = Move to the trash
email-link-press = Nothing happens until you press the button.
email-link-done = Done
email-link-nothing-to-change = Nothing to change
email-link-subscription-gone = The comment this was about no longer exists, so you will get no mail about it.
email-link-confirm-heading = Email me replies?
email-link-confirm-press = Press the button to get an email whenever a reply to your comment on “{ $title }” is published.
email-link-confirm-button = Yes, email me replies
email-link-ended-heading = No more email about this comment
email-link-ended = You asked not to be told of replies to this comment.
email-link-confirmed-heading = You will be told of replies
email-link-confirmed = We will email you when a reply to your comment on “{ $title }” is published.
email-link-stop-heading = Stop email?
email-link-stop = You get email about replies to your comment on “{ $title }”.
email-link-stop-thread = Stop email about this comment
email-link-stop-all = Stop all mail to this address
email-link-opted-out-heading = No more mail to this address
email-link-opted-out = This site will not email this address again.
email-link-unsubscribed = You will not be told of further replies to this comment.
email-link-on-html = On <strong>{ $title }</strong>,
email-link-by = by { $name }
email-link-from = from { $ip }
email-link-personal-after-login = The commenter's email address and IP address are shown here and in the queue once you are signed in.
email-link-held-because = Held because:
email-link-open-queue = Open the queue

## The emails

mail-subject-moderate = [{ $site }] Please moderate: "{ $title }"
mail-subject-new-comment = [{ $site }] New comment on "{ $title }"
mail-subject-comments = [{ $site }] { $count } new comments, { $waiting } waiting
mail-subject-confirm = [{ $site }] Please confirm: replies to your comment by email
mail-subject-reply = [{ $site }] { $name } replied to your comment on "{ $title }"
mail-subject-test = [{ $site }] Test email
mail-comment-waiting = A new comment is waiting for your approval on { $site }.
mail-comment-posted = A new comment was posted on { $site }.
mail-comments-new = { $count } new comments on { $site }; { $waiting } of them waiting for your approval.
mail-post = Post:
mail-author = Author:
mail-email = Email:
mail-website = Website:
mail-none = (none)
mail-ip = IP:
mail-unknown = (unknown)
mail-status = Status:
mail-reason = Reason:
mail-spam = Spam
mail-trash = Trash
mail-view-on-site = View it on the site
mail-links-note = Each link asks you to confirm before anything changes. They work for 7 days, and only while the comment waits.
mail-hello = Hello { $name },
mail-confirm-asked = you asked to be told by email of replies to your comment on “{ $title }” at { $site }.
mail-confirm-link = Please confirm that this is your address:
mail-confirm-ignore = If you did not ask for this, ignore this mail: without your confirmation you will get no further mail about it.
mail-reply-intro = { $name } replied to your comment on “{ $title }” at { $site }:
mail-read-on-site = Read it on the site
mail-reply-why = You get this mail because you asked to be told of replies to your comment.
mail-stop-these = Stop these mails
mail-test-from = This is a test email from { $site }
mail-test-reaches = If you can read this, email from Folio reaches you.

mail-hello-plain = Hello,
mail-subject-invitation = [{ $site }] You are invited: your account
mail-invitation = You are invited to an account on { $site } as { $role ->
    [admin] an admin
    [editor] an editor
    [author] an author
   *[moderator] a moderator
}.
mail-invitation-by = { $name } invites you to an account on { $site } as { $role ->
    [admin] an admin
    [editor] an editor
    [author] an author
   *[moderator] a moderator
}.
mail-invitation-link = Your login name is { $username }. Choose your password here to make the account:
mail-invitation-button = Choose your password
mail-invitation-valid = The link works once, for { $days } days. If you did not expect this, ignore this email: nothing happens without you.
mail-subject-review = [{ $site }] Waiting for review: "{ $title }"
mail-review = “{ $title }” waits for review on { $site }.
mail-review-by = { $name } sent “{ $title }” for review on { $site }.
mail-review-open = Read it and publish it:
mail-review-list = Everything waiting for review:
