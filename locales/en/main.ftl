# Dates: $day, $month (1–12), $year, $hour and $minute (two digits), $zone ("CET").
date = { $day } { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
} { $year }
date-time = { date } at { $hour }:{ $minute } { $zone }

comment-count = { $count ->
    [one] { $count } comment
   *[other] { $count } comments
}
comment-form-heading = Leave a Reply

# The name of this language, in itself, for the settings form.
language-name = English
settings-language = Language
flash-settings-saved = Settings saved.
site-nav-label = Site
