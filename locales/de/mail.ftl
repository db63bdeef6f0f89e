## The pages behind the links in Folio's emails

email-link-nothing-changed = Es wurde nichts geändert.
email-link-invalid = Dieser Link ist ungültig
email-link-invalid-action = Er wurde nicht von dieser Website für Sie erstellt oder unterwegs verändert.
email-link-invalid-reader = Er wurde unterwegs verändert oder nicht von dieser Website erstellt.
email-link-expired = Dieser Link ist abgelaufen
email-link-expired-why = Links in Benachrichtigungen gelten 7 Tage; moderieren Sie den Kommentar stattdessen in der Warteschlange.
email-link-no-longer-valid = Dieser Link gilt nicht mehr
email-link-account-gone = Das Konto, an das er ging, erhält keine Benachrichtigungen mehr.
email-link-comment-gone = Diesen Kommentar gibt es nicht mehr
email-link-comment-deleted = Er wurde gelöscht.
email-link-moderated = Dieser Kommentar wurde bereits moderiert
# $status: pending, approved, spam, trash
email-link-left-queue = Er hat die Warteschlange verlassen (er ist jetzt { $status ->
    [pending] wartend
    [approved] freigegeben
    [spam] Spam
   *[trash] im Papierkorb
}), daher funktioniert dieser Link nicht mehr.
email-link-approve-heading = Diesen Kommentar freigeben?
email-link-spam-heading = Diesen Kommentar als Spam markieren?
email-link-trash-heading = Diesen Kommentar in den Papierkorb legen?
email-link-approve = Freigeben
email-link-spam = Als Spam markieren
email-link-trash = In den Papierkorb
email-link-press = Es geschieht nichts, bis Sie auf die Schaltfläche drücken.
email-link-done = Erledigt
email-link-nothing-to-change = Nichts zu ändern
email-link-subscription-gone = Der Kommentar, um den es ging, existiert nicht mehr; Sie erhalten dazu keine E-Mails.
email-link-confirm-heading = Antworten per E-Mail erhalten?
email-link-confirm-press = Drücken Sie auf die Schaltfläche, um eine E-Mail zu erhalten, sobald eine Antwort auf Ihren Kommentar zu „{ $title }“ veröffentlicht wird.
email-link-confirm-button = Ja, Antworten per E-Mail senden
email-link-ended-heading = Keine E-Mails mehr zu diesem Kommentar
email-link-ended = Sie haben gebeten, nicht über Antworten auf diesen Kommentar informiert zu werden.
email-link-confirmed-heading = Sie werden über Antworten informiert
email-link-confirmed = Wir senden Ihnen eine E-Mail, sobald eine Antwort auf Ihren Kommentar zu „{ $title }“ veröffentlicht wird.
email-link-stop-heading = E-Mails abbestellen?
email-link-stop = Sie erhalten E-Mails über Antworten auf Ihren Kommentar zu „{ $title }“.
email-link-stop-thread = Keine E-Mails mehr zu diesem Kommentar
email-link-stop-all = Keine E-Mails mehr an diese Adresse
email-link-opted-out-heading = Keine E-Mails mehr an diese Adresse
email-link-opted-out = Diese Website wird diese Adresse nicht mehr anschreiben.
email-link-unsubscribed = Sie werden nicht mehr über weitere Antworten auf diesen Kommentar informiert.
email-link-on-html = Zu <strong>{ $title }</strong>,
email-link-by = von { $name }
email-link-from = über { $ip }
email-link-personal-after-login = E-Mail-Adresse und IP-Adresse des Kommentierenden sehen Sie hier und in der Warteschlange, sobald Sie angemeldet sind.
email-link-held-because = Zurückgehalten, weil:
email-link-open-queue = Warteschlange öffnen

## The emails

mail-subject-moderate = [{ $site }] Bitte moderieren: „{ $title }“
mail-subject-new-comment = [{ $site }] Neuer Kommentar zu „{ $title }“
mail-subject-comments = [{ $site }] { $count } neue Kommentare, { $waiting } wartend
mail-subject-confirm = [{ $site }] Bitte bestätigen: Antworten auf Ihren Kommentar per E-Mail
mail-subject-reply = [{ $site }] { $name } hat auf Ihren Kommentar zu „{ $title }“ geantwortet
mail-subject-test = [{ $site }] Test-E-Mail
mail-comment-waiting = Ein neuer Kommentar auf { $site } wartet auf Ihre Freigabe.
mail-comment-posted = Ein neuer Kommentar wurde auf { $site } veröffentlicht.
mail-comments-new = { $count } neue Kommentare auf { $site }; { $waiting } davon warten auf Ihre Freigabe.
mail-post = Beitrag:
mail-author = Autor:
mail-email = E-Mail:
mail-website = Website:
mail-none = (keine)
mail-ip = IP:
mail-unknown = (unbekannt)
mail-status = Status:
mail-reason = Grund:
mail-spam = Spam
mail-trash = Papierkorb
mail-view-on-site = Auf der Website ansehen
mail-links-note = Jeder Link fragt nach, bevor sich etwas ändert. Die Links gelten 7 Tage und nur, solange der Kommentar wartet.
mail-hello = Guten Tag { $name },
mail-confirm-asked = Sie möchten per E-Mail über Antworten auf Ihren Kommentar zu „{ $title }“ auf { $site } informiert werden.
mail-confirm-link = Bitte bestätigen Sie, dass dies Ihre Adresse ist:
mail-confirm-ignore = Falls Sie dies nicht angefordert haben, ignorieren Sie diese E-Mail: Ohne Ihre Bestätigung erhalten Sie dazu keine weiteren E-Mails.
mail-reply-intro = { $name } hat auf Ihren Kommentar zu „{ $title }“ auf { $site } geantwortet:
mail-read-on-site = Auf der Website lesen
mail-reply-why = Sie erhalten diese E-Mail, weil Sie über Antworten auf Ihren Kommentar informiert werden möchten.
mail-stop-these = Diese E-Mails abbestellen
mail-test-from = Dies ist eine Test-E-Mail von { $site }
mail-test-reaches = Wenn Sie dies lesen können, erreichen Sie E-Mails von Folio.

mail-hello-plain = Guten Tag,
mail-subject-invitation = [{ $site }] Einladung: Ihr Konto
mail-invitation = Sie sind zu einem Konto auf { $site } eingeladen, mit der Rolle { $role ->
    [admin] Admin
    [editor] Redaktion
    [author] Autor/in
   *[moderator] Moderation
}.
mail-invitation-by = { $name } lädt Sie zu einem Konto auf { $site } ein, mit der Rolle { $role ->
    [admin] Admin
    [editor] Redaktion
    [author] Autor/in
   *[moderator] Moderation
}.
mail-invitation-link = Ihr Benutzername ist { $username }. Wählen Sie hier Ihr Passwort, um das Konto anzulegen:
mail-invitation-button = Passwort wählen
mail-invitation-valid = Der Link gilt einmal und { $days } Tage lang. Wenn Sie dies nicht erwartet haben, ignorieren Sie diese E-Mail: Ohne Sie geschieht nichts.
mail-subject-review = [{ $site }] Wartet auf Prüfung: „{ $title }“
mail-review = „{ $title }“ wartet auf { $site } auf Prüfung.
mail-review-by = { $name } hat „{ $title }“ auf { $site } zur Prüfung eingereicht.
mail-review-open = Lesen und veröffentlichen:
mail-review-list = Alles, was auf Prüfung wartet:
