## Was Leserinnen und Leser sehen: Seiten, Kommentarformular, Meldungen, Fehlerseiten.
## Leser werden gesiezt.

skip-to-content = Zum Inhalt springen
powered-by = Betrieben mit Folio
page-number = Seite { $page }
home-heading = Neueste Beiträge
home-heading-page = Beiträge, Seite { $page }
home-empty = Noch nichts veröffentlicht.
pagination-label = Weitere Beiträge
pagination-newer = Neuere Beiträge
pagination-older = Ältere Beiträge
tag-heading = Beiträge mit dem Schlagwort „{ $tag }“
tag-description = Beiträge mit dem Schlagwort „{ $tag }“ auf { $site }.
tag-pagination-label = Weitere Beiträge mit dem Schlagwort { $tag }
continue-reading = Weiterlesen
reading-minutes = { $minutes } Min. Lesezeit
post-updated = Aktualisiert
post-tags = Schlagwörter
post-comments-feed = Kommentare zu { $title }
feed-post-comments = Kommentare zu „{ $title }“
feed-tag-title = { $site }: Beiträge mit dem Schlagwort „{ $tag }“
tag-feed = Beiträge mit dem Schlagwort „{ $tag }“ (Atom-Feed)

comments-none = Noch keine Kommentare
comment-by = Kommentar von { $name }
comment-site-admin = Betreiber der Website
comment-awaiting-moderation = Ihr Kommentar wartet auf Freigabe.
comment-reply = Antworten
comment-reply-to = { $name } antworten
comment-replying-to = Antwort an { $name }.
comment-cancel-reply = Antwort abbrechen
comment-unsent-note = Ihr Kommentar wurde nicht veröffentlicht. Hier ist Ihr Text, damit Sie ihn sichern können:
comment-unsent-label = Ihr Kommentar (nicht veröffentlicht)
comment-not-posted = Ihr Kommentar wurde nicht gesendet.
comment-correct-fields = Bitte korrigieren Sie die markierten Felder; alles, was Sie eingegeben haben, bleibt erhalten.
comment-email-notes = Ihre E-Mail-Adresse wird nicht veröffentlicht.
# Vertrauenswürdiges Markup: wird unverändert ausgegeben (keine Werte darin).
comment-required-notes-html = Erforderliche Felder sind mit <span class="required">*</span> markiert.
comment-honeypot-label = Dieses Feld bitte leer lassen
comment-name-label = Name
comment-email-label = E-Mail
comment-website-label = Website
comment-body-label = Kommentar
comment-submit = Kommentar abschicken

comment-consent = Ich bin damit einverstanden, dass meine Daten wie in der Datenschutzerklärung beschrieben gespeichert werden.
comment-consent-required = Bitte stimmen Sie der Speicherung Ihrer Daten zu, sonst kann Ihr Kommentar nicht veröffentlicht werden.
comment-remember = Meinen Namen, meine E-Mail-Adresse und meine Website in diesem Browser für den nächsten Kommentar speichern.
comment-privacy-policy = Datenschutzerklärung
comment-notify-replies = Benachrichtigen Sie mich per E-Mail über Antworten
post-edit = Bearbeiten
post-edit-which = { $kind ->
    [page] diese Seite
   *[other] diesen Beitrag
}
comment-name-required = Bitte geben Sie Ihren Namen ein.
comment-name-too-long = Ihr Name darf höchstens { $max } Zeichen lang sein.
comment-name-control = Ihr Name darf keine Steuerzeichen enthalten.
comment-email-required = Bitte geben Sie Ihre E-Mail-Adresse ein.
comment-email-too-long = Ihre E-Mail-Adresse darf höchstens { $max } Zeichen lang sein.
comment-email-invalid = Bitte geben Sie eine gültige E-Mail-Adresse ein, etwa name@example.org.
comment-website-too-long = Ihre Website-Adresse darf höchstens { $max } Zeichen lang sein.
comment-website-invalid = Bitte geben Sie eine Website-Adresse ein, die mit http:// oder https:// beginnt.
comment-body-required = Bitte schreiben Sie einen Kommentar.
comment-body-too-long = Ihr Kommentar darf höchstens { $max } Zeichen lang sein; er hat { $count }.
comment-parent-gone = Der Kommentar, auf den Sie antworten, existiert nicht oder ist nicht mehr sichtbar. Ihre Antwort wurde nicht veröffentlicht.
comment-closed = Die Kommentare zu diesem Beitrag sind geschlossen.
comment-closed-page = Die Kommentare zu dieser Seite sind geschlossen.
comment-rate-limited = Sie senden Kommentare zu schnell. Bitte warten Sie einen Moment.
comment-expired = Ihre Seite war lange geöffnet; bitte prüfen Sie Ihren Kommentar und senden Sie ihn erneut.
comment-duplicate = Doppelter Kommentar: Das haben Sie offenbar schon geschrieben.
comment-not-stored = Ihr Kommentar konnte gerade nicht gespeichert werden: Die Website kann ihren Speicher nicht beschreiben. Ihr Text steht unten; bitte senden Sie ihn in einigen Minuten erneut.

form-refused = Dieses Formular ist abgelaufen oder kam nicht von dieser Website; es wurde nichts geändert. Gehen Sie zurück, laden Sie die Seite neu und versuchen Sie es noch einmal.
form-unreadable = Das Formular konnte nicht gelesen werden.

error-back-home = Zurück zur Startseite
error-400-heading = Ungültige Anfrage
error-400 = Die Anfrage war nicht verständlich. Bitte gehen Sie zurück und versuchen Sie es erneut.
error-403-heading = Nicht erlaubt
error-403 = Das dürfen Sie nicht.
error-404-heading = Seite nicht gefunden
error-404 = Unter dieser Adresse gibt es keine Seite. Vielleicht wurde sie verschoben, oder es gab sie nie.
error-405-heading = Nicht erlaubt
error-405 = Diese Adresse nimmt diese Art von Anfrage nicht an.
error-408-heading = Zeitüberschreitung
error-408 = Ihre Daten kamen nicht vollständig an. Bitte gehen Sie zurück und senden Sie sie erneut.
error-409-heading = Konflikt
error-409 = Das ging nicht, weil sich inzwischen etwas geändert hat.
error-413-heading = Zu groß
error-413 = Was Sie gesendet haben, ist zu groß. Ein Kommentar darf höchstens 5.000 Zeichen lang sein.
error-431-heading = Anfrage zu groß
error-431 = Die Kopfzeilen der Anfrage sind zu groß. Bitte laden Sie die Seite neu; hilft das nicht, löschen Sie die Cookies dieser Website.
error-429-heading = Zu viele Anfragen
error-429 = Sie senden Anfragen zu schnell. Bitte warten Sie einen Moment und versuchen Sie es erneut.
error-503-heading = Nicht verfügbar
error-503 = Die Website ist kurz nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.
error-500-heading = Etwas ist schiefgegangen
error-500 = Entschuldigung, bei uns ist etwas schiefgegangen. Bitte versuchen Sie es später erneut.
error-other-heading = Anfrage abgelehnt
error-other = Die Anfrage konnte nicht ausgeführt werden.

search-title = Suche
search-title-for = Suchergebnisse für „{ $query }“
search-label = Website durchsuchen
search-button = Suchen
search-count = { $count ->
    [0] Nichts gefunden für „{ $query }“. Versuchen Sie andere oder weniger Wörter.
    [one] Ein Ergebnis für „{ $query }“.
   *[other] { $count } Ergebnisse für „{ $query }“.
}
search-no-words = Geben Sie ein oder mehrere Wörter ein, nach denen gesucht werden soll.
search-pagination = Weitere Ergebnisse
search-previous = Vorherige Ergebnisse
search-next = Weitere Ergebnisse
