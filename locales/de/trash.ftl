## Der Papierkorb: Beiträge und Seiten, die in den letzten 30 Tagen ($days) gelöscht wurden.
admin-nav-trash = Papierkorb
trash-title = Papierkorb
trash-note = Gelöschte Beiträge und Seiten. Sie sind nicht mehr auf der Website; „Wiederherstellen“ holt einen Eintrag mit seinen Kommentaren und alten Adressen zurück. Jeder wird { $days } Tage, nachdem er hierher verschoben wurde, endgültig gelöscht.
trash-none = Der Papierkorb ist leer.
trash-kind = { $kind ->
    [page] Seite
   *[other] Beitrag
}
trash-trashed-at = Hierher verschoben
trash-purge-at = Endgültig gelöscht am
trash-comments = { $count ->
    [one] 1 Kommentar
   *[other] { $count } Kommentare
}
trash-restore = Wiederherstellen
trash-delete = Endgültig löschen
trash-post-title = „{ $title }“ in den Papierkorb legen
trash-post-heading = „{ $title }“ in den Papierkorb legen?
trash-post-note = { $kind ->
    [page] Die Seite verschwindet sofort von der Website; ihre Kommentare und alten Adressen bleiben bei ihr. Sie können sie { $days } Tage lang aus dem Papierkorb wiederherstellen; danach wird sie endgültig gelöscht.
   *[other] Der Beitrag verschwindet sofort von der Website; seine Kommentare und alten Adressen bleiben bei ihm. Sie können ihn { $days } Tage lang aus dem Papierkorb wiederherstellen; danach wird er endgültig gelöscht.
}
action-move-to-trash = In den Papierkorb legen
delete-post-title = „{ $title }“ löschen
delete-post-heading = „{ $title }“ endgültig löschen?
delete-post-note = { $kind ->
    [page] Die Seite und { $count ->
        [one] ihr 1 Kommentar werden
       *[other] ihre { $count } Kommentare werden
    }
   *[other] Der Beitrag und { $count ->
        [one] sein 1 Kommentar werden
       *[other] seine { $count } Kommentare werden
    }
} endgültig entfernt; das lässt sich nicht rückgängig machen.
flash-post-trashed = „{ $title }“ liegt jetzt im Papierkorb; dort können Sie es { $days } Tage lang wiederherstellen.
flash-trash-restored = „{ $title }“ wurde wiederhergestellt.
flash-trash-restored-new-slug = Die Kurzadresse „{ $old }“ hat inzwischen ein anderer Beitrag; die neue lautet „{ $slug }“, und die alten Adressen führen weiterhin hierher.
flash-trash-restored-unscheduled = Der geplante Zeitpunkt ist verstrichen, während der Eintrag im Papierkorb lag; er ist jetzt ein Entwurf.
flash-trash-gone = Das liegt nicht mehr im Papierkorb.
preview-trashed = Im Papierkorb.
preview-trashed-note = Leser erhalten einen 404-Fehler; stellen Sie es aus dem Papierkorb wieder her, um es zu bearbeiten oder erneut zu veröffentlichen.
