# Zwei-Schritt-Anmeldung: der Code nach dem Passwort, die Authenticator-App, Wiederherstellungscodes.
login-code-title = Ihr zweiter Schritt
login-code = Code
login-code-hint = Die sechs Ziffern, die Ihre Authenticator-App jetzt zeigt, oder einer Ihrer Wiederherstellungscodes.
login-code-invalid = Dieser Code stimmt nicht (oder wurde schon verwendet). { $then }
login-code-start-again = Neu mit dem Passwort beginnen
login-code-passkey-only = Der zweite Schritt dieses Kontos ist einer seiner Passkeys, und Ihr Browser braucht dafür JavaScript. Verloren? Ein Administrator kann die Zwei-Schritt-Anmeldung des Kontos zurücksetzen.
two-step-title = Zwei-Schritt-Anmeldung
two-step-intro = Nach Ihrem Passwort fragt Folio nach einem Code aus einer App auf Ihrem Telefon; ein erratenes oder gestohlenes Passwort allein genügt dann niemandem.
two-step-totp-on = Eine Authenticator-App ist eingerichtet.
two-step-totp-off = Es ist keine Authenticator-App eingerichtet.
two-step-recovery-left = { $count ->
    [one] Ein Wiederherstellungscode ist übrig.
   *[other] { $count } Wiederherstellungscodes sind übrig.
}
two-step-totp-set-up = Authenticator-App einrichten
two-step-totp-remove = Authenticator-App ausschalten
two-step-new-codes = Neue Wiederherstellungscodes
totp-setup-title = Authenticator-App einrichten
totp-setup-scan = Scannen Sie diesen QR-Code mit einer Authenticator-App (etwa Aegis, FreeOTP, Google Authenticator oder 1Password).
totp-setup-qr-alt = QR-Code für die Authenticator-App
totp-setup-or-type = Oder geben Sie diesen Schlüssel in der App ein:
totp-setup-uri = Die Adresse im QR-Code:
totp-setup-code-hint = Die sechs Ziffern, die die App jetzt zeigt.
totp-setup-confirm = Bestätigen und einschalten
totp-setup-wrong-code = Dieser Code stimmt nicht. Prüfen Sie, ob die Uhr des Telefons richtig geht, und geben Sie den Code ein, den die App jetzt zeigt.
totp-setup-cancel = Abbrechen
recovery-codes-title = Ihre Wiederherstellungscodes
totp-on = Die Zwei-Schritt-Anmeldung ist eingeschaltet. Ab jetzt fragt Folio nach Ihrem Passwort nach einem Code.
recovery-codes-new = Diese neuen Wiederherstellungscodes ersetzen die alten, die nicht mehr gelten.
recovery-codes-once = Bewahren Sie diese Codes sicher und getrennt von Ihrem Telefon auf: Jeder gilt einmal anstelle eines Codes, falls das Telefon verloren geht. Sie werden nur jetzt angezeigt.
recovery-codes-done = Ich habe sie aufbewahrt
flash-totp-already-on = Eine Authenticator-App ist bereits eingerichtet; schalten Sie sie zuerst aus, um eine andere einzurichten.
flash-totp-off = Die Authenticator-App ist ausgeschaltet; ihre Wiederherstellungscodes gelten nicht mehr.
log-detail-whose = { $username }
accounts-two-step-on = Zwei-Schritt-Anmeldung an
accounts-reset-two-step = Zwei-Schritt-Anmeldung zurücksetzen
flash-two-step-reset = Die zweiten Faktoren von { $name } sind entfernt und alle Sitzungen von { $name } beendet: { $name } meldet sich nur mit dem Passwort an und kann die Zwei-Schritt-Anmeldung neu einrichten.
devices-title = Angemeldete Geräte
devices-browser = Browser
devices-ip = IP-Adresse
devices-last-used = Zuletzt benutzt
devices-unknown-browser = Ein unbekannter Browser
devices-this-one = (dieses Gerät)
devices-sign-out = Abmelden
devices-sign-out-others = Überall sonst abmelden
flash-device-signed-out = Dieses Gerät ist abgemeldet.
flash-device-gone = Dieses Gerät war bereits abgemeldet.
flash-devices-signed-out = { $count ->
    [0] Kein anderes Gerät war angemeldet.
    [one] Ein anderes Gerät ist abgemeldet.
   *[other] { $count } andere Geräte sind abgemeldet.
}
two-step-required = Diese Website verlangt für jedes Konto die Zwei-Schritt-Anmeldung. Richten Sie sie hier ein, bevor Sie fortfahren: Die anderen Verwaltungsseiten öffnen sich, sobald sie eingeschaltet ist.
settings-sign-in = Anmeldung
settings-require-two-step = Zwei-Schritt-Anmeldung für jedes Konto verlangen
settings-require-two-step-hint = Ein Konto ohne Authenticator-App und ohne Passkey wird direkt nach der Anmeldung zur Einrichtung geführt, vor jeder anderen Verwaltungsseite.
login-passkey = Mit einem Passkey anmelden
passkey-failed = Der Passkey hat nicht geantwortet (abgebrochen oder nicht für diese Website). Versuchen Sie es erneut oder melden Sie sich mit Ihrem Passwort an.
passkey-busy = Gerade laufen zu viele Anmeldungen mit einem Passkey. Versuchen Sie es in einigen Minuten erneut oder melden Sie sich mit Ihrem Passwort an.
passkey-refused = Dieser Passkey wurde nicht angenommen. Melden Sie sich mit Ihrem Passwort an oder versuchen Sie den Passkey erneut.
passkeys-title = Passkeys
passkeys-intro = Ein Passkey meldet Sie mit Ihrem Telefon, Laptop oder Sicherheitsschlüssel (Fingerabdruck, Gesicht oder PIN) statt mit dem Passwort an: nichts zu tippen, nichts abzufischen. Zum Hinzufügen ist JavaScript nötig.
passkeys-added = hinzugefügt
passkeys-last-used = zuletzt benutzt
passkeys-never-used = noch nicht benutzt
passkeys-remove = Entfernen
passkeys-name = Name des neuen Passkeys
passkeys-name-hint = Damit Sie sie unterscheiden können, etwa „Laptop“ oder „Telefon“.
passkeys-add = Passkey hinzufügen
flash-passkey-added = Der Passkey „{ $name }“ ist hinzugefügt: „Mit einem Passkey anmelden“ auf der Anmeldeseite verwendet ihn.
flash-passkey-known = Dieser Passkey ist bereits hinzugefügt.
flash-passkey-removed = Der Passkey ist entfernt; er meldet nicht mehr an.
flash-passkey-gone = Dieser Passkey war bereits entfernt.
log-detail-passkey = Passkey „{ $name }“
