# gazette's terminal and overlay texts in English. Diagnostics' own messages
# are the English text the core writes; zh.ftl translates them by id.
severity-error = error:{" "}
severity-warning = warning:{" "}
help = help:{" "}
summary-errors = error: { $errors } error(s){ $warnings ->
    [0] {""}
   *[other] , { $warnings } warning(s)
}
summary-clean = no errors{ $warnings ->
    [0] {""}
   *[other] , { $warnings } warning(s)
}
overlay-title = gazette: the last build failed; this page shows the last good build.
ahead-title = ahead (a build on or after the day makes the change):
ahead-publishes = publishes
ahead-retires = leaves lists and feeds
untranslated = { $meaning } ({ $message })
ahead-line = {"  "}{ $day }  { $what }: { $title } ({ $source })
