## What readers see: the pages, the comment form and its messages, error pages.

skip-to-content = Skip to content
powered-by = Powered by Folio
page-number = Page { $page }
home-heading = Latest posts
home-heading-page = Posts, page { $page }
home-empty = Nothing has been published yet.
pagination-label = More posts
pagination-newer = Newer posts
pagination-older = Older posts
tag-heading = Posts tagged “{ $tag }”
tag-description = Posts tagged “{ $tag }” on { $site }.
tag-pagination-label = More posts tagged { $tag }
continue-reading = Continue reading
reading-minutes = { $minutes } min read
post-updated = Updated
post-tags = Tags
post-comments-feed = Comments on { $title }
feed-post-comments = Comments on “{ $title }”
feed-tag-title = { $site }: posts tagged “{ $tag }”
tag-feed = Posts tagged “{ $tag }” (Atom feed)

comments-none = No comments yet
comment-by = Comment by { $name }
comment-site-admin = Site admin
comment-awaiting-moderation = Your comment is awaiting moderation.
comment-reply = Reply
comment-reply-to = Reply to { $name }
comment-replying-to = Replying to { $name }.
comment-cancel-reply = Cancel reply
comment-unsent-note = Your comment was not posted. Here is what you wrote, so that you can keep a copy:
comment-unsent-label = Your comment (not posted)
comment-not-posted = Your comment was not posted.
comment-correct-fields = Please correct the marked fields below; everything you typed is kept.
comment-email-notes = Your email address will not be published.
# Trusted markup: shown as it is (no values in it).
comment-required-notes-html = Required fields are marked <span class="required">*</span>
comment-honeypot-label = Leave this field empty
comment-name-label = Name
comment-email-label = Email
comment-website-label = Website
comment-body-label = Comment
comment-submit = Post Comment

comment-consent = I agree that my data is stored as described in the privacy policy.
comment-consent-required = Please agree to how your data is stored, or your comment cannot be posted.
comment-remember = Save my name, email, and website in this browser for the next time I comment.
comment-privacy-policy = Privacy policy
comment-notify-replies = Notify me of replies by email
post-edit = Edit
post-edit-which = { $kind ->
    [page] this page
   *[other] this post
}
comment-name-required = Please enter your name.
comment-name-too-long = Your name must be at most { $max } characters.
comment-name-control = Your name must not contain control characters.
comment-email-required = Please enter your email address.
comment-email-too-long = Your email address must be at most { $max } characters.
comment-email-invalid = Please enter a valid email address, like name@example.org.
comment-website-too-long = Your website address must be at most { $max } characters.
comment-website-invalid = Please enter a website address starting with http:// or https://.
comment-body-required = Please write a comment.
comment-body-too-long = Your comment must be at most { $max } characters; it has { $count }.
comment-parent-gone = The comment you are replying to does not exist or is no longer visible. Your reply was not posted.
comment-closed = Comments are closed on this post.
comment-closed-page = Comments are closed on this page.
comment-rate-limited = You are posting comments too quickly. Slow down.
comment-expired = Your page was open a long time; please check your comment and send it again.
comment-duplicate = Duplicate comment detected; it looks as though you've already said that!
comment-not-stored = Your comment could not be saved just now: the site cannot write to its storage. Your text is kept below; please send it again in a few minutes.

form-refused = This form has expired or was not sent from this site, so nothing was changed. Go back, reload the page and try again.
form-unreadable = The form could not be read.

error-back-home = Back to the home page
error-400-heading = Bad request
error-400 = The request could not be understood. Please go back and try again.
error-403-heading = Not allowed
error-403 = You are not allowed to do that.
error-404-heading = Page not found
error-404 = There is no page at this address. It may have moved, or never existed.
error-405-heading = Not allowed
error-405 = This address does not accept that kind of request.
error-408-heading = Request timed out
error-408 = What you sent stopped arriving before it was complete. Please go back and send it again.
error-409-heading = Conflict
error-409 = That could not be done because something changed meanwhile.
error-413-heading = Too large
error-413 = What you sent is too large. A comment may be at most 5,000 characters.
error-431-heading = Request too large
error-431 = The request's headers are too large. Please reload the page; if that does not help, remove this site's cookies.
error-429-heading = Too many requests
error-429 = You are sending requests too quickly. Please wait a moment and try again.
error-503-heading = Unavailable
error-503 = The site is unavailable for a moment. Please try again shortly.
error-500-heading = Something went wrong
error-500 = Sorry, something went wrong on our side. Please try again later.
error-other-heading = Request refused
error-other = The request could not be completed.

search-title = Search
search-title-for = Search results for “{ $query }”
search-label = Search the site
search-button = Search
search-count = { $count ->
    [0] Nothing found for “{ $query }”. Try other or fewer words.
    [one] One result for “{ $query }”.
   *[other] { $count } results for “{ $query }”.
}
search-no-words = Type one or more words to search for.
search-pagination = More results
search-previous = Previous results
search-next = More results
