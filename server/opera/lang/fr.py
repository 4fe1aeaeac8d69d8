"""Français : the words of the report, the Markdown export and the default labels (the keys
of en.py), with "vous" and "l'animateur" as on the pages, and the pages' phase names. French
spacing: U+00A0 before a colon and inside « », U+202F before ; ! ? and between thousands.
A count without a `#one` twin in English is worded so that "1" reads right too
("Groupes formés : 1").
"""

WORDS: dict[str, str] = {
    # numbers, dates and times
    "num_decimal": ",",
    "num_group": "\u202f",
    "date": "{day} {month} {year}",
    "time": "{hour}\u00a0h\u00a0{minute}",
    "month_1": "janvier",
    "month_2": "février",
    "month_3": "mars",
    "month_4": "avril",
    "month_5": "mai",
    "month_6": "juin",
    "month_7": "juillet",
    "month_8": "août",
    "month_9": "septembre",
    "month_10": "octobre",
    "month_11": "novembre",
    "month_12": "décembre",
    "list_and": "{first} et {last}",
    "list_and_vowel": "{first} et {last}",
    "label_value": "{label}\u00a0: {value}",
    # the method's phases, as the record names them
    "phase_lobby": "Accueil",
    "phase_own": "En solo",
    "phase_pair": "En binôme",
    "phase_explain": "Présentation",
    "phase_rank": "Vote",
    "phase_plenary": "Plénière",
    "phase_arrange": "Regroupement",
    "phase_reflect": "Bilan",
    "phase_done": "Terminé",
    # default labels (the host's own labels are kept as written)
    "pair_label": "Binôme {n}",
    "group_label": "Groupe {n}",
    "default_title": "Séance OPERA",
    # counts
    "people": "{n} personnes",
    "people#one": "{n} personne",
    "organisations": "{n} organisations",
    "organisations#one": "{n} organisation",
    "points": "{n} points",
    "points#one": "{n} point",
    "participants": "{n} participants",
    "participants#one": "{n} participant",
    "pairs": "{n} binômes",
    "pairs#one": "{n} binôme",
    "ideas_on_board": "{n} idées au tableau",
    "ideas_on_board#one": "{n} idée au tableau",
    # the report: cover and headings
    "page_title": "{title}\u00a0: compte rendu",
    "kicker": "Compte rendu",
    "md_intro": "Compte rendu, séance {code}, {date}.",
    "h_question": "La question posée",
    "h_community": "Qui était là",
    "h_learning": "Les enseignements collectifs",
    "h_themes": "Les grands thèmes",
    "h_reflections": "Bilans personnels et étapes concrètes",
    "h_feedback": "Retours",
    "h_record": "Ce que l’animateur a modifié",
    "h_appendix": "Annexe\u00a0: les idées qui ne sont pas arrivées au tableau",
    "fact_date": "Date",
    "fact_code": "Code de la séance",
    "fact_people": "Personnes",
    "fact_organisations": "Organisations",
    "fact_written": "Idées écrites",
    "fact_on_board": "Idées au tableau",
    "fact_groups": "Groupes",
    # the report: sentences
    "not_yet": "Ces éléments s’ajoutent au compte rendu une fois la séance terminée (Terminé).",
    "breadth": (
        "le nombre d’organisations qui ont soutenu chacune (celles qui avaient moins de "
        "3 personnes présentes comptent ensemble, comme une seule)"
    ),
    "learning_points": (
        "Les idées au tableau, classées selon les points donnés par tous, avec l’ampleur de "
        "leur soutien\u00a0: {breadth}. À égalité, l’idée présente sur le plus de bulletins passe "
        "devant, puis celle soutenue par le plus d’organisations."
    ),
    "learning_breadth": (
        "Les idées au tableau, classées d’abord selon l’ampleur de leur soutien\u00a0: "
        "{breadth}\u202f; puis selon les points donnés par tous."
    ),
    "groups_note": (
        "Groupes\u00a0: le nombre de groupes dont des membres ont soutenu une idée de la plénière."
    ),
    "plenary_note": (
        "Voici le vote de la plénière sur les meilleures idées des groupes\u202f; le classement "
        "propre à chaque groupe suit."
    ),
    "no_plenary": (
        "Aucun vote en plénière n’a eu lieu\u00a0: le classement de chaque groupe suit, une page "
        "par groupe."
    ),
    "no_ideas": "Aucune idée n’est arrivée au tableau.",
    "no_themes": "Aucun thème n’a été créé.",
    "anonymous": "Les réponses de chaque personne, dans le désordre et sans les noms.",
    "record_intro": (
        "Chaque modification faite par l’animateur à ce que les participants pouvaient voir ou "
        "faire, dans l’ordre (heures en UTC)."
    ),
    "nothing_changed": "L’animateur n’a rien modifié pendant la séance.",
    "appendix_intro": (
        "Toutes les autres idées écrites en solo ou en binôme, dans le désordre, sans auteurs "
        "ni binômes."
    ),
    "appendix_none": "Aucune\u00a0: toutes les idées y sont arrivées.",
    "took_part": "Ont participé\u00a0: {people} de {organisations}.",
    "naming_none": "{people} sans organisation indiquée",
    "other_organisations": "Autres organisations",
    "no_organisation": "Aucune organisation indiquée",
    "merged": (
        "Les organisations qui avaient moins de {small} personnes présentes sont comptées "
        "ensemble sous «\u00a0{other}\u00a0» ({held})."
    ),
    "group_size": "{people} de {organisations}",
    "group_all_small": "{size}, aucune avec {small} personnes présentes ou plus.",
    "group_named": "{size}\u00a0: {named}.",
    "group_named_rest": "{size}\u00a0: {named}, et {other} d’autres organisations.",
    "support": "rang {rank}, {points}, soutenue par {organisations}",
    "no_scores": "Aucune note n’a été donnée.",
    "average": "Note moyenne {average} sur 5, donnée par {people} (1 = mauvais, 5 = excellent).",
    "no_answers": "Aucune réponse.",
    "in_their_words": "Avec leurs mots",
    "score": "Note {n}",
    "owner": "Responsable",
    "next_action": "Prochaine étape",
    "none": "aucun",
    # the report: charts and tables
    "chart_organisations": (
        "Graphique\u00a0: personnes de chaque organisation (le tableau ci-dessous donne "
        "les chiffres)"
    ),
    "chart_points": (
        "Graphique\u00a0: points et organisations qui soutiennent chaque idée (le tableau "
        "ci-dessous les donne toutes)"
    ),
    "chart_caption": "Points par idée\u202f; chaque pastille est une organisation qui la soutient.",
    "chart_caption_top": (
        "Points par idée (les {n} premières)\u202f; chaque pastille est une organisation qui la "
        "soutient."
    ),
    "chart_scores": "Graphique\u00a0: combien de personnes ont donné chaque note",
    "col_organisation": "Organisation",
    "col_people": "Personnes",
    "col_rank": "Rang",
    "col_idea": "Idée",
    "col_points": "Points",
    "col_ballots": "Bulletins",
    "col_organisations": "Organisations",
    "col_groups": "Groupes",
    "col_theme": "Thème",
    "col_score": "Note",
    # the Markdown export (export.md)
    "question": "Question",
    "md_summary": "Séance {code}, {date}. {participants}, {pairs}, {ideas}.",
    "ranked_ideas": "Idées classées",
    "plenary": "Plénière",
    "group_heading": "{group} ({people})",
    "clusters": "Thèmes",
    "no_clusters": "Aucun thème n’a été créé.",
    "parked": "Mises de côté",
    "rank_points": "rang {rank}, {points}",
    "reflections": "Bilans",
    "feedback": "Retours",
    "md_average": "Moyenne {average} sur 5, par {people} ({counts}).",
    "col_votes": "Votes",
    "col_orgs": "Org.",
    "col_cluster": "Thème",
    "col_pair": "Binôme",
    # the record of what the facilitator changed
    "rec_restarted": "La phase «\u00a0{phase}\u00a0» a été relancée",
    "rec_started": "Début de la phase «\u00a0{phase}\u00a0»",
    "rec_finished": "La séance a été terminée",
    "rec_skipping": "{said} (phases sautées\u00a0: {skipped})",
    "rec_minutes_added": "Ajout de {n} minutes au minuteur",
    "rec_minutes_added#one": "Ajout de {n} minute au minuteur",
    "rec_minutes_taken": "Retrait de {n} minutes au minuteur",
    "rec_minutes_taken#one": "Retrait de {n} minute au minuteur",
    "rec_seconds_added": "Ajout de {n} secondes au minuteur",
    "rec_seconds_added#one": "Ajout de {n} seconde au minuteur",
    "rec_seconds_taken": "Retrait de {n} secondes au minuteur",
    "rec_seconds_taken#one": "Retrait de {n} seconde au minuteur",
    "rec_hidden": "Une idée a été masquée",
    "rec_hidden_from": "Une idée de {where} a été masquée",
    "rec_removed": "{n} personnes ont été retirées",
    "rec_removed#one": "Une personne a été retirée",
    "rec_groups_formed": "Groupes formés\u00a0: {n}",
    "rec_moved": "Une personne a été déplacée vers {group}",
    "rec_settings": "Réglages modifiés\u00a0: {changed}",
    "rec_revealed": "Les totaux ont été affichés",
    "rec_plenary_revealed": "Les totaux de la plénière ont été affichés",
    "rec_notice_cleared": "L’annonce a été effacée",
    "rec_notice_posted": "Une annonce a été affichée",
    "rec_paused": "Le minuteur a été mis en pause",
    "rec_resumed": "Le minuteur a repris",
    "rec_shuffled": "Les binômes ont été refaits",
    "rec_unshuffled": "Les binômes précédents ont été rétablis",
    "rec_admitted": "Une personne arrivée en retard a pu entrer",
    "rec_more": "Les autres changements figurent dans l’export",
}
