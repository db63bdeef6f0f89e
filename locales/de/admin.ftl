## Was Administratoren sehen: die Verwaltungsseiten, ihre Formulare und Meldungen.

settings-too-long = Bitte höchstens { $max } Zeichen.
settings-single-line = Bitte eine einzelne Zeile ohne Steuerzeichen.
settings-whole-number = Bitte eine ganze Zahl von { $min } bis { $max } eingeben.
settings-header-lines-too-many = Bitte höchstens { $max } Kopfzeilen.
settings-header-line-too-long = Jede Kopfzeile darf höchstens { $max } Zeichen haben.
settings-title-required = Bitte geben Sie der Website einen Titel.
settings-timezone-unknown = Unbekannte Zeitzone „{ $zone }“; wählen Sie einen Ort wie Europe/Berlin oder UTC.
settings-choose-option = Bitte wählen Sie eine der Möglichkeiten.
settings-language-unknown = Bitte wählen Sie eine Sprache aus der Liste.

post-tag-too-long = Das Schlagwort „{ $tag }“ ist zu lang: höchstens { $max } Zeichen.
post-tag-single-line = Ein Schlagwort muss eine einzelne Zeile sein.
post-tag-empty = Das Schlagwort „{ $tag }“ braucht mindestens einen Buchstaben oder eine Ziffer.
post-tags-too-many = Ein Beitrag darf höchstens { $max } Schlagwörter haben; dieser hat { $count }.
post-title-required = Bitte geben Sie dem Beitrag einen Titel.
post-title-too-long = Der Titel darf höchstens { $max } Zeichen lang sein.
post-title-single-line = Der Titel muss eine einzelne Zeile sein.
post-body-too-long = Der Beitrag ist zu lang: höchstens { $max } KiB Text, er hat { $size } KiB.
post-status-unknown = Wählen Sie, ob der Beitrag ein Entwurf, geplant oder veröffentlicht ist.
post-slug-taken = Diese Kurzadresse hat schon der Beitrag „{ $title }“; wählen Sie eine andere.
post-slug-old-address = Diese Kurzadresse ist eine alte Adresse von „{ $title }“: Links darauf führen jetzt dorthin. Wenn Sie sie nehmen, führen sie zu diesem Beitrag.
post-slug-take-old-address = Trotzdem nehmen; alte Links führen dann nicht mehr zu „{ $title }“.

slug-empty = Die Kurzadresse darf nicht leer sein.
slug-too-long = Die Kurzadresse darf höchstens { $max } Zeichen lang sein (sie hat { $count }).
slug-invalid-character = Die Kurzadresse darf nur Kleinbuchstaben a–z, Ziffern 0–9 und Bindestriche enthalten (gefunden: { $found }).
slug-dash-at-edge = Die Kurzadresse darf nicht mit einem Bindestrich beginnen oder enden.
slug-double-dash = Die Kurzadresse darf keine zwei Bindestriche hintereinander enthalten.
slug-nothing-to-keep = Die Kurzadresse braucht mindestens einen Buchstaben oder eine Ziffer.

account-name-too-long = Der Name darf höchstens { $max } Zeichen lang sein.
account-name-single-line = Der Name muss eine einzelne Zeile sein.
account-email-invalid = Bitte geben Sie eine gültige E-Mail-Adresse ein, etwa name@example.org, oder lassen Sie das Feld leer.

privacy-address-required = Bitte geben Sie eine E-Mail-Adresse ein.
privacy-address-invalid = Bitte geben Sie eine E-Mail-Adresse ein, etwa name@example.org.
privacy-erased-nothing = Zu dieser Adresse ist nichts gespeichert; es wurde nichts gelöscht.
privacy-erased-anonymised = Personenbezogene Daten von { $count ->
    [one] { $count } Kommentar
   *[other] { $count } Kommentaren
} gelöscht (anonymisiert){ $mails ->
    [0] {""}
   *[other] , dazu { $mails } Einträge zu E-Mails an die Adresse (Antwort-Abonnements, Nachrichten, Abmeldung von allen E-Mails)
}.
privacy-erased-deleted = Personenbezogene Daten von { $count ->
    [one] { $count } Kommentar
   *[other] { $count } Kommentaren
} gelöscht (Kommentare entfernt){ $mails ->
    [0] {""}
   *[other] , dazu { $mails } Einträge zu E-Mails an die Adresse (Antwort-Abonnements, Nachrichten, Abmeldung von allen E-Mails)
}.

## Admin layout
admin-title = Verwaltung
admin-nav-comments = Kommentare
admin-nav-pending-title = Wartende Kommentare
admin-nav-pending = wartend
admin-nav-posts = Beiträge
admin-nav-pages = Seiten
admin-nav-media = Medien
admin-nav-email = E-Mail
admin-nav-settings = Einstellungen
admin-nav-privacy = Personenbezogene Daten
admin-nav-log = Moderationsprotokoll
admin-nav-import = Import
admin-nav-accounts = Konten
admin-nav-account = Konto
admin-logout = { $name } abmelden

## Login
login-title = Anmelden
login-username = Benutzername
login-password = Passwort

## Comments queue
queue-title = { $status ->
    [pending] Wartende Kommentare
    [approved] Freigegebene Kommentare
    [spam] Spam-Kommentare
   *[trash] Kommentare im Papierkorb
}
queue-one-post = Hier stehen die Kommentare zu einem Beitrag.
queue-show-all = Alle Kommentare zeigen
status-label = { $status ->
    [pending] Wartend
    [approved] Freigegeben
    [spam] Spam
   *[trash] Papierkorb
}
queue-bulk-label = Mit den ausgewählten Kommentaren:
queue-apply = Ausführen
queue-select = Auswählen
queue-author = Verfasser
queue-in-reply-to-heading = Antwort auf
queue-select-comment = Kommentar #{ $num } von { $name } auswählen
queue-site-admin = Betreiber der Website
queue-browser = Browser
queue-in-reply-to = Antwort auf #{ $num }
queue-reason = Grund: { $reason }

# Warum die Regeln einen Kommentar zurückgehalten oder als Spam abgelegt haben.
reason-honeypot = das versteckte Honeypot-Feld war ausgefüllt
reason-token-missing = ohne das Zeit-Token des Formulars gesendet
reason-token-forged = das Zeit-Token des Formulars war gefälscht
reason-too-fast = { $seconds } s nach dem Ausliefern der Seite gesendet (mindestens { $minimum } s)
reason-spam-word = unerlaubtes Wort „{ $word }“ { $field ->
        [name] im Namen
        [email] in der E-Mail-Adresse
        [website] in der Website
        [ip] in der IP-Adresse
        [user-agent] im User-Agent
       *[comment] im Kommentar
    }
reason-moderation-word = Moderationswort „{ $word }“ { $field ->
        [name] im Namen
        [email] in der E-Mail-Adresse
        [website] in der Website
        [ip] in der IP-Adresse
        [user-agent] im User-Agent
       *[comment] im Kommentar
    }
reason-links = { $links ->
        [one] 1 Link
       *[other] { $links } Links
    } (mehr als { $limit })
reason-unknown-author = noch kein freigegebener Kommentar mit diesem Namen und dieser E-Mail-Adresse
reason-all-held = jeder Kommentar wartet auf Freigabe
queue-comment-number = Kommentar #{ $num }
queue-approve-and-reply = Freigeben und antworten
queue-to-comment-number = auf Kommentar #{ $num }
admin-edit = Bearbeiten
queue-draft = (Entwurf)
queue-on = Zu
queue-empty = { $status ->
    [pending] Keine wartenden Kommentare.
    [approved] Keine freigegebenen Kommentare.
    [spam] Keine Spam-Kommentare.
   *[trash] Keine Kommentare im Papierkorb.
}
queue-pagination = Weitere Kommentare
queue-search = Kommentare durchsuchen
queue-search-hint = Nach dem Namen, der E-Mail-Adresse oder Wörtern des Kommentars.
queue-search-button = Suchen
queue-search-clear = Alle zeigen
queue-more-than = mehr als { $count }
queue-none-found = { $status ->
    [pending] Kein wartender Kommentar passt zu „{ $search }“.
    [approved] Kein freigegebener Kommentar passt zu „{ $search }“.
    [spam] Kein Spam-Kommentar passt zu „{ $search }“.
   *[trash] Kein Kommentar im Papierkorb passt zu „{ $search }“.
}
admin-newer = Neuere
admin-older = Ältere
list-rows-shown = { $first }–{ $last } von { $total }
list-rows-shown-of-more = { $first }–{ $last } von mehr als { $total }
list-page-of = Seite { $page } von { $pages }
list-first-page = Erste
list-last-page = Letzte
action-approve = Freigeben
action-unapprove = Freigabe zurücknehmen
action-spam = Spam
action-trash = In den Papierkorb
action-not-spam = Kein Spam
action-restore = Wiederherstellen
action-delete = Endgültig löschen

## Posts list
posts-new = Neuen Beitrag schreiben
posts-pagination = Weitere Beiträge
pages-pagination = Weitere Seiten
posts-title = Titel
posts-status = Status
posts-date = Datum
posts-actions = Aktionen
posts-published = Veröffentlicht
posts-draft = Entwurf
posts-approved = { $count } freigegeben
posts-pending = { $count } wartend
admin-delete = Löschen
posts-none = Noch keine Beiträge.

## Moderation log
log-when = Wann
log-who = Wer
log-action = Aktion
log-detail = Einzelheiten
log-several = mehrere
log-deleted = (gelöscht)
log-empty = Noch nichts moderiert.
log-pagination = Weitere Einträge

## Account
account-title = Ihr Konto
account-not-saved = Ihr Konto wurde nicht gespeichert. Bitte korrigieren Sie die markierten Felder; alles Eingegebene bleibt erhalten.
account-display-name = Name über Ihren Antworten
account-display-name-hint-html = Leser sehen diesen Namen über Ihren Antworten, z. B. <em>Dr. Anna Meier</em>; Ihr Anmeldename wird nie gezeigt. Leer: Antworten tragen den Titel der Website.
account-email = E-Mail-Adresse
account-email-hint = Für Benachrichtigungen über zurückgehaltene Kommentare; nie öffentlich. Leer: keine E-Mails.
admin-save = Speichern

## Import
import-title = Import aus WordPress
import-how = Wählen Sie in WordPress Werkzeuge → Daten exportieren → Alle Inhalte und laden Sie die Datei herunter. Dann, auf dem Rechner, auf dem Folio läuft:
import-explained = Der Probelauf zeigt, was importiert würde, und schreibt nichts. Der Import übernimmt Beiträge (veröffentlichte veröffentlicht, geplante zu ihrem Datum geplant, die im Papierkorb in den Papierkorb, die übrigen als Entwürfe), Kategorien und Schlagwörter als Schlagwörter und Kommentare mit Status und Antworten; die alten WordPress-Adressen leiten dann auf die neuen um. Wird dieselbe Datei (oder ein neuerer Export derselben Website) erneut importiert, kommt nur Neues hinzu; bereits Importiertes bleibt, wie es ist.
import-move-out-html = Zum Umzug zurück: <code>folio export wordpress site.xml</code> schreibt eine Datei, die der WordPress-Importer liest.
import-last = Letzter Import
import-from = Aus
import-none = Noch nichts importiert.
# Die Zusammenfassung eines Imports: eine Nachricht je Zeile (siehe domain::import::Summary::lines).
import-posts = Beiträge: { $count } neu ({ $published } veröffentlicht{ $scheduled ->
    [0] {""}
   *[other] , { $scheduled } geplant
}, { $drafts ->
    [one] 1 Entwurf
   *[other] { $drafts } Entwürfe
}{ $trash ->
    [0] {""}
   *[other] , { $trash } im Papierkorb
})
import-pages = Seiten: { $count } neu ({ $published } veröffentlicht{ $scheduled ->
    [0] {""}
   *[other] , { $scheduled } geplant
}, { $drafts ->
    [one] 1 Entwurf
   *[other] { $drafts } Entwürfe
}{ $trash ->
    [0] {""}
   *[other] , { $trash } im Papierkorb
})
import-drafts-by-status = davon { $count } in WordPress { $status ->
    [draft] als Entwurf
    [pending] zur Revision
    [future] geplant
    [private] privat
   *[other] mit dem Status „{ $status }“
}
import-posts-already-there = { $count ->
    [one] 1 Beitrag oder Seite
   *[other] { $count } Beiträge und Seiten
} schon früher importiert, unverändert gelassen
import-tags = Schlagwörter: { $count } neu
import-comments = Kommentare: { $count } neu ({ $pending } wartend, { $approved } freigegeben, { $spam } Spam, { $trash } im Papierkorb)
import-comments-already-there = { $count ->
    [one] 1 Kommentar
   *[other] { $count } Kommentare
} schon früher importiert, unverändert gelassen
import-threads = Diskussionen: { $replies ->
    [one] 1 Antwort
   *[other] { $replies } Antworten
}, bis zu { $depth ->
    [one] 1 Ebene
   *[other] { $depth } Ebenen
} tief
import-by-site-users = Von Benutzern der Website: { $admins } einem Folio-Admin zugeordnet; { $names } nur mit dem Namen des Autors übernommen (kein Folio-Admin mit diesem Login)
import-skipped-nothing = Übersprungen: nichts
import-skipped = Übersprungen:
import-skipped-attachments = { $count ->
    [one] 1 Anhang
   *[other] { $count } Anhänge
} (die Dateien bleiben, wo sie sind; Beiträge verlinken sie weiter)
import-skipped-items-of-type = { $count ->
    [one] 1 Eintrag
   *[other] { $count } Einträge
} vom Typ „{ $kind }“
import-skipped-items-without-type = { $count ->
    [one] 1 Eintrag
   *[other] { $count } Einträge
} ohne Beitragstyp
# Beiträge im Papierkorb kommen jetzt in den Papierkorb; der Text bleibt für Zusammenfassungen früherer Importe.
import-skipped-posts-in-trash = { $count ->
    [one] 1 Beitrag
   *[other] { $count } Beiträge
} im Papierkorb
import-skipped-posts-with-status = { $count ->
    [one] 1 Beitrag
   *[other] { $count } Beiträge
} mit dem Status „{ $kind }“
import-skipped-pingbacks = { $count ->
    [one] 1 Pingback
   *[other] { $count } Pingbacks
}
import-skipped-trackbacks = { $count ->
    [one] 1 Trackback
   *[other] { $count } Trackbacks
}
import-skipped-comments-of-type = { $count ->
    [one] 1 Kommentar
   *[other] { $count } Kommentare
} vom Typ „{ $kind }“
import-skipped-comments-on = { $count ->
    [one] 1 Kommentar
   *[other] { $count } Kommentare
} zu { $on ->
    [attachments] Anhängen
    [trash] Beiträgen im Papierkorb
    [type] Einträgen vom Typ „{ $kind }“
    [status] Beiträgen mit dem Status „{ $kind }“
   *[other] übersprungenen Einträgen
}
import-skipped-unused-terms = { $count ->
    [one] 1 Kategorie oder 1 Schlagwort
   *[other] { $count } Kategorien und Schlagwörter
}, die kein importierter Beitrag hat
import-skipped-comments-on-deleted-posts = { $count ->
    [one] 1 Kommentar
   *[other] { $count } Kommentare
} zu Beiträgen, die seit einem früheren Import in Folio gelöscht wurden
import-redirects = Weiterleitungen: { $count ->
    [one] 1 neue alte Adresse
   *[other] { $count } neue alte Adressen
}
import-site-title = Titel der Website aus dem Export übernommen: „{ $title }“
import-site-tagline = Untertitel aus dem Export übernommen: „{ $tagline }“
import-sample-removed = Der Beispielbeitrag „Welcome to Folio“ wurde entfernt (niemand hatte ihn geändert).
import-media = Medien: { $count ->
    [one] 1 Datei in die Mediathek übernommen
   *[other] { $count } Dateien in die Mediathek übernommen
}, { $already } von früher vorhanden, { $missing ->
    [0] keine fehlt
    [one] 1 war nicht zu bekommen (Beiträge verlinken /wp-content/uploads/…, das zur Datei führt, sobald ein späterer Import sie übernimmt):
   *[other] { $missing } waren nicht zu bekommen (Beiträge verlinken /wp-content/uploads/…, das zu den Dateien führt, sobald ein späterer Import sie übernimmt):
}
import-media-missing = { $url } ({ $reason ->
    [not-http] keine http- oder https-Adresse
    [status] der Server antwortete { $status }
    [unreachable] keine Antwort in der Zeit, zu viele Weiterleitungen oder die Verbindung brach ab
    [too-large] größer als die erlaubte Größe
    [not-accepted] kein JPEG, PNG, WebP, GIF oder PDF
    [not-in-folder] nicht im Medienordner
   *[outside-folder] der Pfad führt aus dem Medienordner hinaus
})
import-media-dry-run = Medien: { $count ->
    [one] 1 Datei würde in die Mediathek übernommen
   *[other] { $count } Dateien würden in die Mediathek übernommen
} (ein Probelauf holt nichts), { $already } von früher vorhanden
import-media-left-out = Medien: ausgelassen (--no-media); Beiträge verlinken weiter die Dateien der alten Website.

## Post editor
editor-edit-title = „{ $title }“ bearbeiten
editor-new = { $kind ->
    [page] Neue Seite
   *[other] Neuer Beitrag
}
editor-edit = { $kind ->
    [page] Seite bearbeiten
   *[other] Beitrag bearbeiten
}
editor-view = { $kind ->
    [page] Seite ansehen
   *[other] Beitrag ansehen
}
editor-preview-draft = Vorschau des Entwurfs
editor-preview-draft-note = (nur für Administratoren)
editor-conflict-title = { $kind ->
    [page] Diese Seite wurde geändert, seit Sie sie geöffnet haben
   *[other] Dieser Beitrag wurde geändert, seit Sie ihn geöffnet haben
}
editor-conflict = Jemand (vielleicht Sie, in einem anderen Tab) hat { $kind ->
    [page] diese Seite
   *[other] diesen Beitrag
} am { $saved } gespeichert, nachdem Sie den Editor geöffnet haben. Noch wurde nichts gespeichert. Ihre Fassung steht unten im Formular, die gespeicherte hier. Speichern Sie Ihre, um sie zu ersetzen, oder
editor-conflict-discard = verwerfen Sie Ihre und bearbeiten Sie die gespeicherte Fassung
editor-saved-version = Die gespeicherte Fassung: { $title }
editor-saved-text = Ihr Text
editor-not-saved = { $kind ->
    [page] Die Seite
   *[other] Der Beitrag
} wurde nicht gespeichert. Bitte korrigieren Sie die markierten Felder; alles Eingegebene steht unten.
page-slug-reserved = Die Adresse /{ $slug } gehört Folio selbst (oder zu alten WordPress-Links); wählen Sie für diese Seite eine andere Kurzadresse.
page-slug-imported = Die Adresse /{ $slug } ist eine alte Adresse aus dem WordPress-Import, die anderswohin führt; eine Seite dort würde sie unterbrechen. Wählen Sie eine andere Kurzadresse.
editor-preview-title = Vorschau (noch nicht gespeichert)
editor-slug = Kurzadresse
editor-slug-hint-html = { $kind ->
    [page] Die Adresse der Seite: /<em>kurzadresse</em>. Adressen, die Folio selbst verwendet (admin, posts, tags, feed, ...), sind nicht möglich.
   *[other] Die Adresse des Beitrags: /posts/<em>kurzadresse</em>.
} Leer lassen, um sie aus dem Titel zu bilden; Eingaben werden ebenso in Kleinbuchstaben, Ziffern und Bindestriche umgewandelt. Eine spätere Änderung lässt die alte Adresse weiter funktionieren.
editor-take-old-address = Diese alte Adresse eines anderen Beitrags trotzdem nehmen
editor-body = Text (Markdown)
editor-body-hint-html = Markdown: **fett**, *kursiv*, [Links](https://example.org), # Überschriften, Listen, Tabellen.{ $kind ->
    [page] {""}
   *[other] {" "}Eine Zeile <code>&lt;!-- more --&gt;</code> beendet den Auszug auf der Startseite.
}
editor-tags-hint-html = Durch Kommas getrennt, z. B. <em>Neuigkeiten, Öffnungszeiten</em>; höchstens 10. Jedes Schlagwort hat eine Seite mit seinen Beiträgen.
editor-draft = Entwurf (für Leser nicht sichtbar)
editor-allow-comments = Kommentare erlauben
editor-preview = Vorschau
admin-cancel = Abbrechen
editor-revisions = Versionen
editor-revisions-hint = Jedes Speichern wird aufbewahrt (die letzten 20). Eine Version wiederherzustellen speichert ihren Titel, Text und ihre Schlagwörter als neueste Fassung; Adresse und Status bleiben.
editor-revision-by = von { $name }
editor-revision-chars = { $count ->
    [one] { $count } Zeichen
   *[other] { $count } Zeichen
}
editor-revision-current = (aktuell)
editor-restore = Version { $num } wiederherstellen

## Post preview
preview-title = Vorschau „{ $title }“
preview-published-at = Veröffentlicht unter
preview-draft = Entwurf – nicht veröffentlicht.
preview-draft-note = Nur Administratoren sehen diese Seite; Leser erhalten einen 404-Fehler, bis Sie den Beitrag veröffentlichen.
preview-edit = { $kind ->
    [page] Diese Seite bearbeiten
   *[other] Diesen Beitrag bearbeiten
}
## Personal data
privacy-intro = Finden Sie alles, was zur E-Mail-Adresse eines Kommentierenden gespeichert ist, um es herauszugeben (Export) oder auf Wunsch zu löschen. Groß- und Kleinschreibung zählen nicht.
privacy-look-up = Suchen
privacy-stored-for = Gespeichert zu { $email }
privacy-count = { $count ->
    [one] { $count } Kommentar
   *[other] { $count } Kommentare
}, jeweils mit allem, was dazu gespeichert ist.
privacy-table = Zu dieser Adresse gespeicherte Kommentare
privacy-on = zu
privacy-export = Als JSON exportieren
privacy-erase-button = Löschen …
privacy-nothing = Zu dieser Adresse ist nichts gespeichert.
privacy-mail-records = Außerdem für E-Mails an diese Adresse gespeichert: { $count ->
    [one] { $count } Eintrag
   *[other] { $count } Einträge
} (Antwort-Abonnements, gesendete oder wartende E-Mails, eine Abmeldung von allen E-Mails). Der Export führt sie auf; Löschen entfernt sie und verwirft wartende E-Mails.

## Delete a comment
delete-comment-title = Kommentar #{ $num } löschen
delete-comment-heading = Kommentar #{ $num } endgültig löschen?
delete-comment-note = Der Kommentar von { $name } wird endgültig entfernt; das lässt sich nicht rückgängig machen. Antworten darauf bleiben und rücken eine Ebene höher. Um eine Kopie zu behalten, legen Sie ihn stattdessen in den Papierkorb.

## Erase personal data
erase-title = Personenbezogene Daten löschen
erase-heading = Personenbezogene Daten von { $email } löschen?
admin-back = Zurück
erase-count = { $count ->
    [one] { $count } Kommentar ist
   *[other] { $count } Kommentare sind
} zu dieser Adresse gespeichert.
erase-note = Das Löschen ersetzt den Namen durch „Anonymous“ und entfernt E-Mail-Adresse, Website, IP-Adresse und Browser; der Text der Kommentare bleibt. Das lässt sich nicht rückgängig machen. Das Moderationsprotokoll vermerkt, dass gelöscht wurde und wie viele Kommentare betroffen waren, nicht die Adresse.
erase-delete-instead = Stattdessen die Kommentare löschen (Antworten anderer bleiben und rücken höher)

## Edit a comment
edit-comment-title = Kommentar #{ $num } bearbeiten
edit-comment-not-saved = Der Kommentar wurde nicht gespeichert. Bitte korrigieren Sie die markierten Felder; alles Eingegebene bleibt erhalten.
edit-comment-save = Kommentar speichern

## Reply to a comment
reply-title = Auf Kommentar #{ $num } antworten
reply-pending-note = Dieser Kommentar wartet auf Freigabe: Eine Antwort gibt ihn frei, und Ihre Antwort erscheint sofort.
reply-label = Ihre Antwort

## Send a form again after a login
send-again-title = Formular erneut senden
send-again-send = Jetzt senden
send-again-discard = Verwerfen

## Settings
settings-not-saved = Die Einstellungen wurden nicht gespeichert. Bitte korrigieren Sie die markierten Felder; alles Eingegebene bleibt erhalten.
settings-site = Die Website
settings-title = Titel der Website
settings-tagline = Untertitel
settings-header-lines = Kopfzeilen
settings-header-lines-hint = Je eine kurze Zeile, oben auf jeder Seite, z. B. Öffnungszeiten und Ihre Anschrift.
settings-timezone = Zeitzone
settings-posts-per-page = Beiträge pro Seite
settings-comment-rules = Regeln für Kommentare
settings-auto-approve = Kommentare sofort freigeben, wenn der Verfasser schon einen freigegebenen Kommentar hat (gleicher Name und gleiche E-Mail)
settings-hold-links = Einen Kommentar zur Moderation zurückhalten, wenn er mehr Links als diese Zahl hat
settings-moderation-words = Kommentare mit diesen Wörtern zurückhalten
settings-moderation-words-hint = Ein Wort oder eine Wendung pro Zeile; gesucht als ganze Wörter, ohne Rücksicht auf Groß- und Kleinschreibung, in Kommentar, Name, E-Mail, Website, IP und Browser.
settings-spam-words = Kommentare mit diesen Wörtern als Spam ablegen
settings-spam-words-hint = Ein Wort oder eine Wendung pro Zeile, ebenso gesucht.
settings-close-after = Kommentare zu Beiträgen schließen, die älter sind als so viele Tage (0 = nie)
settings-thread-depth = Antworten höchstens so viele Ebenen tief verschachtelt zeigen
settings-retention = Aufbewahrung personenbezogener Daten
settings-retention-hint = Eine stündliche Aufgabe wendet diese Fristen an. Ein leeres Feld folgt der Voreinstellung des Servers, die sein Betreiber in der Umgebung setzt; eine hier gespeicherte Zahl hat Vorrang.
settings-ip-days = Vollständige IP-Adressen der Kommentierenden so viele Tage aufbewahren
settings-ip-days-hint = Danach wird eine Adresse auf ihr Netz gekürzt (ohne den letzten Teil einer IPv4-Adresse, /24, oder nur die ersten drei Gruppen einer IPv6-Adresse, /48): genug, um zu sehen, dass Kommentare vom selben Anbieter kamen, aber nicht mehr aus einem Haushalt. 0 behält Adressen vollständig. Leer: die Voreinstellung des Servers, derzeit { $days } Tage
settings-spam-days = Als Spam abgelegte Kommentare so viele Tage aufbewahren
settings-spam-days-hint = Ab dem Datum des Kommentars gezählt; älterer Spam wird mit Name, E-Mail und IP-Adresse endgültig gelöscht. 0 behält Spam, bis Sie ihn löschen. Leer: die Voreinstellung des Servers, derzeit { $days } Tage
settings-save = Einstellungen speichern

settings-email = E-Mail
settings-email-on-html = E-Mail ist eingeschaltet. Administratoren mit einer Adresse (Ihre legen Sie auf der Seite <a href="/admin/account">Konto</a> fest) werden über neue Kommentare benachrichtigt; Leser können sich über Antworten benachrichtigen lassen. <a href="/admin/email">Gesendete E-Mails ansehen</a>.
settings-email-off-html = E-Mail ist ausgeschaltet: Setzen Sie <code>FOLIO_SMTP_URL</code> (und, wenn Sie möchten, <code>FOLIO_MAIL_FROM</code>) und starten Sie Folio neu. Bis dahin wird niemand über neue Kommentare oder Antworten benachrichtigt.
settings-notify-admins = Administratoren per E-Mail benachrichtigen über
settings-notify-held = Zur Moderation zurückgehaltene Kommentare
settings-notify-all = Jeden Kommentar (außer Spam)
settings-notify-never = Nie
settings-require-consent = Kommentierende müssen der Speicherung ihrer Daten gemäß der Datenschutzerklärung zustimmen
settings-require-consent-hint = Das Kommentarformular hat dann ein Pflicht-Kästchen zum Ankreuzen, und der Zeitpunkt der Zustimmung wird mit jedem Kommentar gespeichert (und in seinem Datenexport).
settings-privacy-page = Seite mit der Datenschutzerklärung
settings-privacy-page-none = (keine)
settings-privacy-page-hint = Das Kommentarformular verlinkt diese Seite neben seinen Hinweisen. Schreiben und veröffentlichen Sie sie zuerst unter Seiten.
## Hinweise nach Aktionen und Ablehnungen

flash-account-saved = Ihr Konto wurde gespeichert.
flash-comment-done = Kommentar #{ $num } { $action ->
    [approve] freigegeben
    [unapprove] zurückgezogen (wartet wieder)
    [spam] als Spam markiert
    [trash] in den Papierkorb gelegt
    [restore] wiederhergestellt (wartet)
   *[delete] endgültig gelöscht
}.
flash-comments-done = { $count ->
    [one] 1 Kommentar
   *[other] { $count } Kommentare
} { $action ->
    [approve] freigegeben
    [unapprove] zurückgezogen (warten wieder)
    [spam] als Spam markiert
    [trash] in den Papierkorb gelegt
    [restore] wiederhergestellt (warten)
   *[delete] endgültig gelöscht
}.
flash-comment-missing = Kommentar #{ $num } existiert nicht (vielleicht wurde er gelöscht); nichts wurde geändert.
flash-comment-refused = Kommentar #{ $num } { $why }; nichts wurde geändert.
flash-comment-unknown = Es gibt keinen Kommentar „{ $raw }“; nichts wurde geändert.
flash-bulk-no-action = Wählen Sie eine Aktion für die ausgewählten Kommentare; nichts wurde geändert.
flash-bulk-none-selected = Wählen Sie mindestens einen Kommentar aus; nichts wurde geändert.
flash-bulk-unreadable = Einige ausgewählte Kommentare waren nicht lesbar; nichts wurde geändert.
flash-bulk-skipped = Übersprungen:
refusal-already-approved = ist bereits freigegeben
refusal-in-trash = liegt im Papierkorb; stellen Sie ihn zuerst wieder her
refusal-not-approved = ist nicht freigegeben
refusal-already-spam = ist bereits als Spam markiert
refusal-already-trash = liegt bereits im Papierkorb
refusal-not-spam-or-trash = ist weder Spam noch im Papierkorb
refusal-reply-needs-restore = ist Spam oder liegt im Papierkorb; stellen Sie ihn wieder her und geben Sie ihn frei, bevor Sie antworten
log-action-name = { $action ->
    [approve] freigegeben
    [unapprove] zurückgezogen
    [spam] Spam
    [trash] Papierkorb
    [restore] wiederhergestellt
    [delete] gelöscht
    [reply] geantwortet
    [edit] bearbeitet
    [erase] Daten gelöscht
    [invite] eingeladen
    [withdraw] Einladung zurückgezogen
    [join] beigetreten
    [role] Rolle geändert
    [deactivate] deaktiviert
    [reactivate] reaktiviert
    [two-step-on] Zwei-Schritt-Anmeldung eingeschaltet
    [two-step-off] Zwei-Schritt-Anmeldung ausgeschaltet
    [recovery-codes] neue Wiederherstellungscodes
    [two-step-reset] Zwei-Schritt-Anmeldung zurückgesetzt
    [passkey-add] Passkey hinzugefügt
    [passkey-remove] Passkey entfernt
   *[other] { $action }
}

# Die Einzelheiten im Moderationsprotokoll.
log-detail-moved = { $from ->
        [pending] Wartend
        [approved] Freigegeben
        [spam] Spam
       *[trash] Papierkorb
    } → { $action ->
        [approve] freigegeben
        [unapprove] zurückgezogen
        [spam] Spam
        [trash] Papierkorb
        [restore] wiederhergestellt
       *[delete] gelöscht
    }
log-detail-moved-by-email = { log-detail-moved } (über einen Link in einer E-Mail)
log-detail-approved-with-reply = Wartend → freigegeben (mit einer Antwort)
log-detail-reply-to = Antwort auf #{ $parent }
log-detail-erased = Personenbezogene Daten gelöscht: { $comments ->
        [one] 1 Kommentar
       *[other] { $comments } Kommentare
    } { $how ->
        [deleted] gelöscht
       *[anonymised] anonymisiert
    }
reply-refused = Dieser Kommentar { $why }.
flash-reply-approved = Kommentar #{ $num } freigegeben und Ihre Antwort #{ $reply } veröffentlicht.
flash-reply-published = Ihre Antwort #{ $reply } auf Kommentar #{ $num } ist veröffentlicht.
flash-reply-comment-gone = Kommentar #{ $num } existiert nicht mehr; Ihre Antwort wurde nicht veröffentlicht.
flash-comment-saved = Kommentar #{ $num } gespeichert.
flash-comment-gone-unsaved = Kommentar #{ $num } existiert nicht mehr; nichts wurde gespeichert.
flash-post-published = „{ $title }“ veröffentlicht unter { $path }.
flash-post-draft = „{ $title }“ als Entwurf gespeichert.
flash-post-slug-made = Die Kurzadresse wurde aus Ihrer Eingabe gebildet: { $slug }
flash-post-deleted = „{ $title }“ und { $count ->
    [one] sein { $count } Kommentar wurden
   *[other] seine { $count } Kommentare wurden
} gelöscht.

login-invalid = Benutzername oder Passwort ist falsch. { $then }
login-locked = Zu viele fehlgeschlagene Anmeldungen; versuchen Sie es in { $minutes ->
    [one] { $minutes } Minute
   *[other] { $minutes } Minuten
} erneut.
login-attempts-left = Noch { $count ->
    [one] { $count } Versuch
   *[other] { $count } Versuche
}, dann werden Anmeldungen für { $minutes ->
    [one] { $minutes } Minute
   *[other] { $minutes } Minuten
} gesperrt.
login-session-ended = Ihre Sitzung ist abgelaufen, bevor dies gesendet wurde; noch wurde nichts gespeichert. Melden Sie sich erneut an: Was Sie gesendet haben, bleibt erhalten und wird Ihnen wieder zum Senden angezeigt.
login-logged-out = Sie sind abgemeldet.
login-send-again = Sie sind wieder angemeldet. Was Sie zuvor gesendet haben, ist noch nicht gespeichert: Prüfen Sie es und senden Sie es ab.
form-stale = Dieses Formular wurde in einer inzwischen beendeten Sitzung geöffnet; nichts wurde geändert. Prüfen Sie unten, was Sie gesendet haben, und senden Sie es erneut.

pages-intro-html = Seiten sind für das, was nicht veraltet: ein Impressum, eine Datenschutzerklärung, Kontaktangaben. Jede hat ihre eigene Adresse, <em>/kurzadresse</em>, und erscheint weder auf der Startseite noch im Feed.
pages-new = Neue Seite schreiben
pages-nav-place = Platz in der Navigation
pages-nav-place-of = Platz von „{ $title }“ in der Navigation
pages-nav-hint = Die Navigation oben auf jeder Seite führt die veröffentlichten Seiten mit einem Platz auf, die kleinste Zahl zuerst. Lassen Sie den Platz leer, damit eine Seite nicht darin erscheint.
pages-nav-save = Navigation speichern
pages-none = Noch keine Seiten.
pages-nav-saved = Die Navigation wurde gespeichert.
pages-nav-not-saved = Die Navigation wurde nicht gespeichert. { $why }
pages-nav-position-invalid = „{ $raw }“ ist kein Platz: Geben Sie eine ganze Zahl von 1 bis 999 ein oder lassen Sie das Feld leer.

account-locks-html = <a href="/admin/locks">Anmeldesperren</a>: Sperren nach fehlgeschlagenen Anmeldungen ansehen und aufheben.
locks-title = Anmeldesperren
locks-intro-html = Nach zu vielen falschen Passwörtern wird ein Konto oder die Adresse, von der sie kamen, eine Weile gesperrt. Heben Sie hier eine Sperre auf, wenn jemand aus Ihrem Team ausgesperrt ist; auch <code>folio admin passwd</code> hebt die Sperre eines Kontos auf.
locks-lock = { $what }: { $failures ->
    [one] { $failures } fehlgeschlagene Anmeldung
   *[other] { $failures } fehlgeschlagene Anmeldungen
}, gesperrt für { $minutes ->
    [one] noch { $minutes } Minute
   *[other] noch { $minutes } Minuten
}.
locks-lift = Sperre aufheben
locks-lift-on = für { $what }
locks-none = Zurzeit ist keine Anmeldung gesperrt.
locks-account = Konto { $name }
locks-address = Adresse { $address }
locks-flash-lifted = Die Sperre für { $what } wurde aufgehoben.
locks-flash-ended = Diese Sperre war bereits abgelaufen.

outbox-off-html = E-Mail ist ausgeschaltet: Setzen Sie <code>FOLIO_SMTP_URL</code> (siehe README) und starten Sie Folio neu. Solange sie aus ist, wird nichts eingereiht.
outbox-to = an { $recipient }
outbox-about-comment = , zu Kommentar #{ $num }
outbox-status = Stand:
outbox-queued-at = eingereiht { $when }
outbox-sent-at = gesendet { $when }
outbox-next-try = nächster Versuch { $when }
outbox-attempts = { $count ->
    [one] { $count } Versuch
   *[other] { $count } Versuche
}
outbox-last-error = Letzter Fehler:
outbox-error-refused = Der Mailserver hat sie abgelehnt: { $detail }
outbox-error-connection = Folio konnte sich nicht mit dem Mailserver verständigen: { $detail }
outbox-error-timeout = Der Mailserver hat nicht innerhalb von { $seconds } Sekunden geantwortet (Zeitüberschreitung).
outbox-error-build = Folio konnte die E-Mail nicht zusammenstellen: { $detail }
outbox-cancelled-comment-deleted = Nicht gesendet: Der Kommentar wurde gelöscht.
outbox-cancelled-subscription-gone = Nicht gesendet: Das Abonnement besteht nicht mehr.
outbox-cancelled-unsubscribed = Nicht gesendet: Die Leserin oder der Leser hat abbestellt.
outbox-cancelled-reply-unapproved = Nicht gesendet: Die Antwort ist nicht mehr freigegeben.
outbox-cancelled-not-needed = Nicht gesendet: nicht mehr nötig.
outbox-cancelled-opted-out = Nicht gesendet: Die Adresse möchte keine E-Mails mehr.
outbox-retry = Jetzt erneut versuchen
outbox-drop = Verwerfen
outbox-none = Noch keine E-Mails.
outbox-kind-comment = Neuer Kommentar (an einen Admin)
outbox-kind-confirm = Antwortbenachrichtigungen bestätigen (an einen Leser)
outbox-kind-reply = Eine Antwort (an einen Leser)
outbox-kind-other = E-Mail
outbox-status-queued = wartend
outbox-status-sent = gesendet
outbox-status-failed = fehlgeschlagen
outbox-status-cancelled = abgebrochen
outbox-flash-retry = E-Mail #{ $num } wird jetzt erneut versucht.
outbox-flash-not-retried = E-Mail #{ $num } wartet nicht und ist nicht fehlgeschlagen; nichts wurde geändert.
outbox-flash-dropped = E-Mail #{ $num } wurde verworfen.
outbox-flash-no-mail = Es gibt keine E-Mail #{ $num }; nichts wurde geändert.
outbox-test-mail-off = E-Mail ist ausgeschaltet: Setzen Sie FOLIO_SMTP_URL und starten Sie Folio neu, um E-Mails zu senden.
outbox-test-no-address = Ihr Konto hat noch keine E-Mail-Adresse: Tragen Sie zuerst auf der Seite „Konto“ eine ein.
outbox-test-sent = Eine Test-E-Mail wurde an { $address } gesendet.
outbox-test-failed = Die Test-E-Mail konnte nicht gesendet werden: { $failure }
outbox-test-button = Test-E-Mail senden
outbox-test-to-own = an Ihre eigene Adresse.

## Die Mediathek
media-file = Datei
media-file-hint = JPEG, PNG, WebP, GIF oder PDF, je höchstens { $max } MB; mehrere auf einmal sind möglich. Fotos werden aufgerichtet und verlieren ihre Kameradaten (EXIF, GPS-Position), bevor jemand sie sieht.
media-alt = Alternativtext
media-alt-hint = Was das Bild zeigt, für Menschen, die es nicht sehen können (Screenreader lesen ihn vor). Lassen Sie ihn nur bei einem rein dekorativen Bild leer.
media-title = Titel
media-upload = Hochladen
media-search = Nach Namen suchen
media-search-button = Suchen
media-none = Noch keine Medien: Laden Sie oben Bilder oder PDFs hoch.
media-none-found = In der Mediathek heißt nichts „{ $search }“.
media-pagination = Weitere Medien
media-animated = animiert
media-no-alt = Kein Alternativtext
media-used-in = Verwendet in:
media-unused = In keinem Beitrag und keiner Seite verwendet.
media-markdown = Markdown, um es in einen Beitrag zu setzen
media-back = Zurück zur Mediathek
media-open-pdf = { $name } öffnen
media-copies = Kopien, die Leser erhalten
media-delete-title = { $name } löschen?
media-delete-in-use = { $count ->
    [one] Diese Datei wird in einem Beitrag oder einer Seite verwendet und wird dort nicht mehr angezeigt:
   *[other] Diese Datei wird in { $count } Beiträgen und Seiten verwendet und wird dort nicht mehr angezeigt:
}
media-delete-unused = Kein Beitrag und keine Seite verwendet sie.
media-nothing-stored = Es wurde nichts gespeichert.
media-refused-type = „{ $name }“ ist keine JPEG-, PNG-, WebP-, GIF- oder PDF-Datei (nach ihrem Inhalt beurteilt, nicht nach ihrem Namen) und wurde daher abgelehnt.
media-refused-size = „{ $name }“ ist größer als { $max } MB, die größte erlaubte Datei.
media-refused-pixels = „{ $name }“ gibt { $width } × { $height } Pixel an, mehr als die erlaubten { $max } Megapixel.
media-refused-unreadable = „{ $name }“ konnte nicht als Bild gelesen werden; die Datei ist vielleicht beschädigt.
media-refused-no-file = Wählen Sie eine Datei zum Hochladen.
media-refused-too-many = Es können höchstens { $max } Dateien auf einmal hochgeladen werden.
media-text-too-long = Höchstens { $max } Zeichen.
flash-media-uploaded = { $count ->
    [0] Es wurde nichts Neues hinzugefügt.
    [one] Eine Datei hochgeladen.
   *[other] { $count } Dateien hochgeladen.
}
flash-media-already = „{ $name }“ war bereits in der Mediathek.
flash-media-saved = „{ $name }“ gespeichert.
flash-media-deleted = „{ $name }“ gelöscht.
editor-insert-image = Bild einfügen
editor-insert-image-hint = Kopieren Sie das Markdown eines Eintrags in den Text oder drücken Sie „Einfügen“, um es an der Stelle des Cursors einzusetzen. Die Wörter zwischen den Klammern sind der Alternativtext, den Screenreader vorlesen.
editor-insert = Einfügen
editor-insert-all = Alle Medien
editor-images-without-alt = { $count ->
    [one] Ein Bild im Text hat keinen Alternativtext (die Wörter zwischen ![ und ]): Wer es nicht sehen kann, erfährt nichts darüber.
   *[other] { $count } Bilder im Text haben keinen Alternativtext (die Wörter zwischen ![ und ]): Wer sie nicht sehen kann, erfährt nichts darüber.
}
editor-images-decorative = Die Bilder ohne Alternativtext sind nur dekorativ: trotzdem veröffentlichen

# Rollen und Konten.
role-name = { $role ->
    [admin] Admin
    [editor] Redaktion
    [author] Autor/in
   *[moderator] Moderation
}
role-what = { $role ->
    [admin] Ein Admin darf alles: Einstellungen, Konten, E-Mail, Import, personenbezogene Daten und alles, was die Redaktion darf.
    [editor] Die Redaktion schreibt und veröffentlicht Beiträge und Seiten, verwaltet die Mediathek, moderiert Kommentare und liest das Protokoll.
    [author] Autorinnen und Autoren schreiben Beiträge und laden Bilder und Dateien hoch, veröffentlichen aber nicht: „Zur Prüfung einreichen“ übergibt einen Beitrag an Redaktion und Admins, die ihn veröffentlichen. Sie sehen und ändern nur ihre eigenen Beiträge.
   *[moderator] Die Moderation bearbeitet die Kommentare, antwortet darauf und liest das Protokoll; sonst nichts.
}
role-not-permitted = Die Rolle Ihres Kontos erlaubt dies nicht; es wurde nichts geändert.
login-deactivated = Dieses Konto ist deaktiviert. Ein Admin dieser Website kann es wieder aktivieren.
login-account-ready = Ihr Konto ist eingerichtet. Melden Sie sich mit Ihrem Benutzernamen und dem gewählten Passwort an.
accounts-name = Konto
accounts-role = Rolle
accounts-role-of = Rolle von { $name }
accounts-of = von { $name }
accounts-change-role = Rolle ändern
accounts-last-login = Letzte Anmeldung
accounts-never = nie
accounts-state = Zustand
accounts-active = Aktiv
accounts-deactivated = Deaktiviert
accounts-you = (Sie)
accounts-deactivate = Deaktivieren
accounts-reactivate = Wieder aktivieren
accounts-deactivate-hint = Ein deaktiviertes Konto wird sofort überall abgemeldet und kann sich nicht mehr anmelden, bis es wieder aktiviert wird; seine Beiträge und Antworten bleiben. Der letzte aktive Admin kann weder deaktiviert werden noch eine andere Rolle erhalten.
accounts-pagination = Weitere Konten
accounts-invitations = Noch nicht angenommene Einladungen
accounts-invited-by = eingeladen von { $name }
accounts-invitation-until = Der Link gilt bis
accounts-invitation-expired = Der Link ist abgelaufen; ziehen Sie die Einladung zurück und laden Sie erneut ein.
accounts-withdraw = Zurückziehen
accounts-invite = Jemanden einladen
accounts-invite-intro-mail = Die Person erhält eine E-Mail mit einem Link, der einmal und 7 Tage lang gilt; dort wählt sie ihr Passwort.
accounts-invite-intro-no-mail = E-Mail ist ausgeschaltet; der Link (einmal und 7 Tage lang gültig) wird Ihnen deshalb nach dem Einladen hier angezeigt. Geben Sie ihn selbst weiter.
accounts-not-invited = Es wurde niemand eingeladen. Bitte korrigieren Sie die markierten Felder; alles Eingegebene bleibt erhalten.
accounts-username-hint = Der Name für die Anmeldung: Buchstaben, Ziffern, „.“, „_“ und „-“. Wird nie öffentlich gezeigt.
accounts-display-name = Name über den Antworten dieser Person
accounts-display-name-hint = Freiwillig: der Name, den Leser über den Antworten sehen. Er lässt sich später ändern.
accounts-send-invitation = Einladen
accounts-link-title = Der Einladungslink
accounts-link-intro = Die Einladung ist angelegt. E-Mail ist ausgeschaltet; geben Sie diesen Link bitte selbst weiter (persönlich oder in einer Nachricht, die nur die Person liest).
accounts-link-label = Link für das neue Konto
accounts-link-hint = Er gilt einmal und 7 Tage lang. Er wird nur jetzt angezeigt: Folio speichert nur einen Fingerabdruck davon.
account-email-required = Bitte geben Sie die Adresse ein, an die die Einladung geht.
account-username-invalid = Ein Benutzername hat 1 bis { $max } Buchstaben, Ziffern, „.“, „_“ oder „-“.
account-role-unknown = Bitte wählen Sie eine der Rollen.
account-username-taken = Es gibt bereits ein Konto oder eine offene Einladung namens „{ $name }“.
account-last-admin = { $name } ist der letzte aktive Admin: Geben Sie zuerst einem anderen Konto die Rolle Admin. Es wurde nichts geändert.
flash-invitation-sent = { $name } ist eingeladen; der Link geht an { $email }.
flash-invitation-withdrawn = Die Einladung ist zurückgezogen; ihr Link gilt nicht mehr.
flash-account-role = { $name } hat jetzt die Rolle { $role ->
    [admin] Admin
    [editor] Redaktion
    [author] Autor/in
   *[moderator] Moderation
}.
flash-account-deactivated = { $name } ist deaktiviert und überall abgemeldet.
flash-account-reactivated = { $name } kann sich wieder anmelden.
flash-account-unchanged = Für { $name } gibt es nichts zu ändern.
log-detail-account = { $username } ({ $role ->
        [admin] Admin
        [editor] Redaktion
        [author] Autor/in
       *[moderator] Moderation
    })
log-detail-role = { $username }: { $from ->
        [admin] Admin
        [editor] Redaktion
        [author] Autor/in
       *[moderator] Moderation
    } → { $to ->
        [admin] Admin
        [editor] Redaktion
        [author] Autor/in
       *[moderator] Moderation
    }
invitation-title = Ihre Einladung
invitation-intro = Sie sind zu { $site } eingeladen, mit der Rolle { $role ->
    [admin] Admin
    [editor] Redaktion
    [author] Autor/in
   *[moderator] Moderation
}.
invitation-from = Die Einladung kommt von { $name }.
invitation-until = Wählen Sie Ihr Passwort, um Ihr Konto anzulegen. Dieser Link gilt bis { $when }, einmal.
invitation-not-accepted = Ihr Konto wurde noch nicht angelegt. Bitte korrigieren Sie die markierten Felder.
invitation-password = Passwort
invitation-password-hint = Mindestens { $min } Zeichen; einige unzusammenhängende Wörter ergeben ein gutes.
invitation-password-again = Passwort wiederholen
invitation-accept = Mein Konto anlegen
invitation-gone = Dieser Einladungslink gilt nicht mehr: Er wurde schon benutzt, zurückgezogen oder ist abgelaufen. Bitten Sie einen Admin der Website um eine neue Einladung.
invitation-username-taken = Der Benutzername „{ $name }“ wurde inzwischen vergeben; es wurde kein Konto angelegt. Bitten Sie einen Admin um eine Einladung mit einem anderen Namen.
password-too-short = Das Passwort muss mindestens { $min } Zeichen lang sein.
password-too-long = Das Passwort darf höchstens { $max } Zeichen lang sein.
password-only-spaces = Das Passwort darf nicht nur aus Leerzeichen bestehen.
password-mismatch = Die beiden Passwörter stimmen nicht überein.
editor-submit-for-review = Zur Prüfung einreichen
editor-submit-for-review-hint = Die Redaktion oder ein Admin liest ihn und veröffentlicht ihn.
editor-waiting-for-review = Der Autor oder die Autorin hat ihn zur Prüfung eingereicht: Veröffentlichen Sie ihn, oder lassen Sie ihn als Entwurf.
posts-author = Autor/in
posts-author-unknown = unbekannt
posts-by = von { $name }
posts-in-review = Wartet auf Prüfung
posts-waiting-for-review = Warten auf Prüfung
flash-post-submitted = „{ $title }“ ist zur Prüfung eingereicht; die Redaktion oder ein Admin veröffentlicht ihn.
outbox-kind-invitation = Eine Einladung (an ein neues Konto)
outbox-kind-review = Ein Beitrag wartet auf Prüfung (an Redaktion oder Admin)
outbox-cancelled-invitation-gone = Nicht gesendet: Die Einladung wurde angenommen, zurückgezogen oder ist abgelaufen.
outbox-cancelled-link-forgotten = Nicht gesendet: Der Link ist nicht mehr bekannt (er wird vergessen, sobald seine E-Mail endgültig scheitert); laden Sie erneut ein.
outbox-cancelled-review-done = Nicht gesendet: Der Beitrag wartet nicht mehr auf Prüfung.
