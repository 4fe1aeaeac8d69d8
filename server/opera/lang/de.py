"""Deutsch: the words of the report, the Markdown export and the default labels (the keys of
en.py), in the "Sie" register of the pages; the facilitator is "die Moderation", the phases
have the pages' names. A count without a `#one` twin in English is worded so that "1" reads
right too ("Dabei waren: 1 Person aus 1 Organisation").
"""

WORDS: dict[str, str] = {
    # numbers, dates and times
    "num_decimal": ",",
    "num_group": ".",
    "date": "{day}. {month} {year}",
    "time": "{hour}:{minute}",
    "month_1": "Januar",
    "month_2": "Februar",
    "month_3": "März",
    "month_4": "April",
    "month_5": "Mai",
    "month_6": "Juni",
    "month_7": "Juli",
    "month_8": "August",
    "month_9": "September",
    "month_10": "Oktober",
    "month_11": "November",
    "month_12": "Dezember",
    "list_and": "{first} und {last}",
    "list_and_vowel": "{first} und {last}",
    "label_value": "{label}: {value}",
    # the method's phases, as the record names them
    "phase_lobby": "Ankommen",
    "phase_own": "Eigene Ideen",
    "phase_pair": "Paararbeit",
    "phase_explain": "Vorstellen",
    "phase_rank": "Bewerten",
    "phase_plenary": "Plenum",
    "phase_arrange": "Ordnen",
    "phase_reflect": "Reflexion",
    "phase_done": "Abschluss",
    # default labels (the host's own labels are kept as written)
    "pair_label": "Paar {n}",
    "group_label": "Gruppe {n}",
    "default_title": "OPERA-Sitzung",
    # counts
    "people": "{n} Personen",
    "people#one": "{n} Person",
    "organisations": "{n} Organisationen",
    "organisations#one": "{n} Organisation",
    "points": "{n} Punkte",
    "points#one": "{n} Punkt",
    "participants": "{n} Teilnehmende",
    "participants#one": "{n} Person",
    "pairs": "{n} Paare",
    "pairs#one": "{n} Paar",
    "ideas_on_board": "{n} Ideen am Board",
    "ideas_on_board#one": "{n} Idee am Board",
    # the report: cover and headings
    "page_title": "{title}: Ergebnisdokumentation",
    "kicker": "Ergebnisdokumentation",
    "md_intro": "Ergebnisdokumentation, Sitzung {code}, {date}.",
    "h_question": "Die Leitfrage",
    "h_community": "Wer dabei war",
    "h_learning": "Gemeinsame Erkenntnisse",
    "h_themes": "Zentrale Themen",
    "h_reflections": "Persönliche Reflexionen und praktische Schritte",
    "h_feedback": "Feedback",
    "h_record": "Was die Moderation geändert hat",
    "h_appendix": "Anhang: Ideen, die nicht ans Board kamen",
    "fact_date": "Datum",
    "fact_code": "Zugangscode",
    "fact_people": "Personen",
    "fact_organisations": "Organisationen",
    "fact_written": "Geschriebene Ideen",
    "fact_on_board": "Ideen am Board",
    "fact_groups": "Gruppen",
    # the report: sentences
    "not_yet": (
        "Diese Teile kommen in die Dokumentation, sobald die Sitzung beendet ist (Abschluss)."
    ),
    "breadth": (
        "wie viele Organisationen jede Idee unterstützt haben (Organisationen mit weniger als "
        "3 Personen hier zählen zusammen als eine)"
    ),
    "learning_points": (
        "Die Ideen am Board, geordnet nach den Punkten aller, mit der Breite ihrer "
        "Unterstützung: {breadth}. Bei Gleichstand kommt zuerst die Idee auf mehr "
        "Stimmzetteln, dann die von mehr Organisationen unterstützte."
    ),
    "learning_breadth": (
        "Die Ideen am Board, zuerst geordnet nach der Breite ihrer Unterstützung: {breadth}; "
        "dann nach den Punkten aller."
    ),
    "groups_note": (
        "Gruppen: aus wie vielen Gruppen Mitglieder eine Idee im Plenum unterstützt haben."
    ),
    "plenary_note": (
        "Dies ist die Abstimmung des Plenums über die besten Ideen der Gruppen; die "
        "Rangfolge jeder Gruppe folgt."
    ),
    "no_plenary": (
        "Im Plenum wurde nicht abgestimmt: Die Rangfolge jeder Gruppe folgt, je eine Seite."
    ),
    "no_ideas": "Keine Idee kam ans Board.",
    "no_themes": "Es wurden keine Themen gebildet.",
    "anonymous": "Die Antworten jeder Person, in beliebiger Reihenfolge und ohne Namen.",
    "record_intro": (
        "Jede Änderung der Moderation an dem, was die Teilnehmenden sehen oder tun konnten, "
        "der Reihe nach (Zeiten in UTC)."
    ),
    "nothing_changed": "Die Moderation hat während der Sitzung nichts geändert.",
    "appendix_intro": (
        "Alle übrigen Ideen aus „Eigene Ideen“ oder aus einem Paar, in beliebiger "
        "Reihenfolge, ohne Namen und ohne Paare."
    ),
    "appendix_none": "Keine: Jede Idee kam ans Board.",
    "took_part": "Dabei waren: {people} aus {organisations}.",
    "naming_none": "{people} ohne Angabe",
    "other_organisations": "Weitere Organisationen",
    "no_organisation": "Keine Organisation angegeben",
    "merged": (
        "Organisationen mit weniger als {small} Personen hier zählen zusammen als "
        "„{other}“ ({held})."
    ),
    "group_size": "{people} aus {organisations}",
    "group_all_small": "{size}, keine mit {small} oder mehr Personen hier.",
    "group_named": "{size}: {named}.",
    "group_named_rest": "{size}: {named} und {other} aus weiteren Organisationen.",
    "support": "Platz {rank}, {points}, unterstützt von {organisations}",
    "no_scores": "Es wurden keine Bewertungen abgegeben.",
    "average": (
        "Durchschnittliche Bewertung {average} von 5, von {people} (1 ist schlecht, "
        "5 ist ausgezeichnet)."
    ),
    "no_answers": "Keine Antworten.",
    "in_their_words": "In ihren eigenen Worten",
    "score": "Bewertung {n}",
    "owner": "Verantwortlich",
    "next_action": "Nächster Schritt",
    "none": "keine Angabe",
    # the report: charts and tables
    "chart_organisations": (
        "Diagramm: Personen je Organisation (die Tabelle darunter enthält die Zahlen)"
    ),
    "chart_points": (
        "Diagramm: Punkte und unterstützende Organisationen je Idee (die Tabelle darunter "
        "enthält alle)"
    ),
    "chart_caption": "Punkte je Idee; jeder Kreis steht für eine unterstützende Organisation.",
    "chart_caption_top": (
        "Punkte je Idee (die ersten {n}); jeder Kreis steht für eine unterstützende Organisation."
    ),
    "chart_scores": "Diagramm: wie viele Personen welche Bewertung gaben",
    "col_organisation": "Organisation",
    "col_people": "Personen",
    "col_rank": "Platz",
    "col_idea": "Idee",
    "col_points": "Punkte",
    "col_ballots": "Stimmzettel",
    "col_organisations": "Organisationen",
    "col_groups": "Gruppen",
    "col_theme": "Thema",
    "col_score": "Bewertung",
    # the Markdown export (export.md)
    "question": "Leitfrage",
    "md_summary": "Sitzung {code}, {date}. {participants}, {pairs}, {ideas}.",
    "ranked_ideas": "Ideen nach Rang",
    "plenary": "Plenum",
    "group_heading": "{group} ({people})",
    "clusters": "Cluster",
    "no_clusters": "Es wurden keine Cluster gebildet.",
    "parked": "Geparkt",
    "rank_points": "Platz {rank}, {points}",
    "reflections": "Reflexionen",
    "feedback": "Feedback",
    "md_average": "Durchschnitt {average} von 5, von {people} ({counts}).",
    "col_votes": "Stimmen",
    "col_orgs": "Org.",
    "col_cluster": "Cluster",
    "col_pair": "Paar",
    # the record of what the facilitator changed
    "rec_restarted": "Phase „{phase}“ wurde neu gestartet",
    "rec_started": "Phase „{phase}“ hat begonnen",
    "rec_finished": "Die Sitzung wurde beendet",
    "rec_skipping": "{said}, übersprungen: {skipped}",
    "rec_minutes_added": "Timer um {n} Minuten verlängert",
    "rec_minutes_added#one": "Timer um {n} Minute verlängert",
    "rec_minutes_taken": "Timer um {n} Minuten verkürzt",
    "rec_minutes_taken#one": "Timer um {n} Minute verkürzt",
    "rec_seconds_added": "Timer um {n} Sekunden verlängert",
    "rec_seconds_added#one": "Timer um {n} Sekunde verlängert",
    "rec_seconds_taken": "Timer um {n} Sekunden verkürzt",
    "rec_seconds_taken#one": "Timer um {n} Sekunde verkürzt",
    "rec_hidden": "Eine Idee wurde ausgeblendet",
    "rec_hidden_from": "Eine Idee von {where} wurde ausgeblendet",
    "rec_removed": "{n} Personen wurden entfernt",
    "rec_removed#one": "Eine Person wurde entfernt",
    "rec_groups_formed": "Gruppen gebildet: {n}",
    "rec_moved": "Eine Person wurde in {group} verschoben",
    "rec_settings": "Einstellungen geändert: {changed}",
    "rec_revealed": "Die Summen wurden aufgedeckt",
    "rec_plenary_revealed": "Die Summen des Plenums wurden aufgedeckt",
    "rec_notice_cleared": "Der Hinweis wurde entfernt",
    "rec_notice_posted": "Ein Hinweis wurde gezeigt",
    "rec_paused": "Der Timer wurde angehalten",
    "rec_resumed": "Der Timer läuft weiter",
    "rec_shuffled": "Die Paare wurden neu gemischt",
    "rec_unshuffled": "Das Mischen wurde rückgängig gemacht",
    "rec_admitted": "Eine später gekommene Person wurde hereingelassen",
    "rec_more": "Weitere Änderungen stehen im Export",
}
