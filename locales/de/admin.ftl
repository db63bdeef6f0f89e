## Was Administratoren sehen: die Verwaltungsseiten, ihre Formulare und Meldungen.

settings-too-long = Bitte höchstens { $max } Zeichen.
settings-single-line = Bitte eine einzelne Zeile ohne Steuerzeichen.
settings-whole-number = Bitte eine ganze Zahl von { $min } bis { $max } eingeben.
settings-header-lines-too-many = Bitte höchstens { $max } Kopfzeilen.
settings-header-line-too-long = Jede Kopfzeile darf höchstens { $max } Zeichen haben.
settings-title-required = Bitte geben Sie der Website einen Titel.
settings-timezone-unknown = Unbekannte Zeitzone „{ $zone }“; wählen Sie einen Ort wie Europe/Berlin oder UTC.
settings-language-unknown = Bitte wählen Sie eine Sprache aus der Liste.

post-tag-too-long = Das Schlagwort „{ $tag }“ ist zu lang: höchstens { $max } Zeichen.
post-tag-single-line = Ein Schlagwort muss eine einzelne Zeile sein.
post-tag-empty = Das Schlagwort „{ $tag }“ braucht mindestens einen Buchstaben oder eine Ziffer.
post-tags-too-many = Ein Beitrag darf höchstens { $max } Schlagwörter haben; dieser hat { $count }.
post-title-required = Bitte geben Sie dem Beitrag einen Titel.
post-title-too-long = Der Titel darf höchstens { $max } Zeichen lang sein.
post-title-single-line = Der Titel muss eine einzelne Zeile sein.
post-body-too-long = Der Beitrag ist zu lang: höchstens { $max } KiB Text, er hat { $size } KiB.
post-status-unknown = Wählen Sie, ob der Beitrag ein Entwurf oder veröffentlicht ist.
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
} gelöscht (anonymisiert).
privacy-erased-deleted = Personenbezogene Daten von { $count ->
    [one] { $count } Kommentar
   *[other] { $count } Kommentaren
} gelöscht (Kommentare entfernt).
