date = { $day }. { $month ->
    [1] Januar
    [2] Februar
    [3] März
    [4] April
    [5] Mai
    [6] Juni
    [7] Juli
    [8] August
    [9] September
    [10] Oktober
    [11] November
   *[12] Dezember
} { $year }
date-time = { date }, { $hour }:{ $minute } { $zone }

comment-count = { $count ->
    [one] { $count } Kommentar
   *[other] { $count } Kommentare
}
comment-form-heading = Schreiben Sie einen Kommentar

language-name = Deutsch
settings-language = Sprache
flash-settings-saved = Einstellungen gespeichert.
site-nav-label = Website
