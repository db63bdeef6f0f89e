## Geplante Beiträge: „Veröffentlichen am“ im Editor, die Beitragsliste, die Meldung nach dem Speichern.
editor-scheduled = Geplant (erscheint von selbst zur unten angegebenen Zeit)
editor-publish-at = Veröffentlichen am
editor-publish-at-hint = Nach der Uhr der Website: { $zone }. Gilt, wenn der Status „Geplant“ ist.
editor-publish-now = Jetzt veröffentlichen (die Zeit ist schon vorbei)
schedule-time-required = Wählen Sie Datum und Uhrzeit der Veröffentlichung.
schedule-time-invalid = „{ $raw }“ ist kein Datum mit Uhrzeit; schreiben Sie es etwa so: 2026-12-14 07:00.
schedule-time-skipped = { $time } Uhr am { date } gibt es in { $zone } nicht: In dieser Nacht werden die Uhren von { $from } auf { $to } Uhr vorgestellt. Wählen Sie eine andere Uhrzeit.
schedule-time-twice = { $time } Uhr am { date } gibt es in { $zone } zweimal: In dieser Nacht werden die Uhren von { $from } auf { $to } Uhr zurückgestellt. Wählen Sie eine Uhrzeit außerhalb dieser Stunde.
schedule-time-passed = { $time } Uhr am { date } ({ $zone }) ist schon vorbei. Um jetzt zu veröffentlichen, kreuzen Sie „Jetzt veröffentlichen“ an und speichern Sie erneut, oder wählen Sie eine spätere Zeit.
flash-post-scheduled = „{ $title }“ wird am { $when } veröffentlicht.
posts-scheduled = Geplant
posts-scheduled-for = Geplant für { $when }
preview-scheduled-note = Nur Administratoren sehen diese Seite; Leser erhalten bis dahin einen 404-Fehler.
