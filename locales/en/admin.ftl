## What admins see: the admin pages, their forms and messages.

settings-too-long = At most { $max } characters, please.
settings-single-line = Please use a single line without control characters.
settings-whole-number = Please enter a whole number from { $min } to { $max }.
settings-header-lines-too-many = At most { $max } header lines, please.
settings-header-line-too-long = Each header line may have at most { $max } characters.
settings-title-required = Please give the site a title.
settings-timezone-unknown = Unknown time zone "{ $zone }"; use a place like Europe/Berlin, or UTC.
settings-language-unknown = Please choose a language from the list.

post-tag-too-long = The tag “{ $tag }” is too long: at most { $max } characters.
post-tag-single-line = A tag must be a single line.
post-tag-empty = The tag “{ $tag }” needs at least one letter or digit.
post-tags-too-many = A post may have at most { $max } tags; this one has { $count }.
post-title-required = Please give the post a title.
post-title-too-long = The title may be at most { $max } characters.
post-title-single-line = The title must be a single line.
post-body-too-long = The post is too long: at most { $max } KiB of text, it has { $size } KiB.
post-status-unknown = Choose whether the post is a draft or published.
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
} (anonymised).
privacy-erased-deleted = Erased the personal data of { $count ->
    [one] { $count } comment
   *[other] { $count } comments
} (deleted).
