"""Svenska: the words of the report, the Markdown export and the default labels (the keys of
en.py). The phases keep their Finland-Swedish OPERA step names, as on the pages. A count
without a `#one` twin in English is worded so that "1" reads right too ("Grupper bildades: 1").
"""

WORDS: dict[str, str] = {
    # numbers, dates and times
    "num_decimal": ",",
    "num_group": "\u00a0",
    "date": "{day} {month} {year}",
    "time": "{hour}:{minute}",
    "month_1": "januari",
    "month_2": "februari",
    "month_3": "mars",
    "month_4": "april",
    "month_5": "maj",
    "month_6": "juni",
    "month_7": "juli",
    "month_8": "augusti",
    "month_9": "september",
    "month_10": "oktober",
    "month_11": "november",
    "month_12": "december",
    "list_and": "{first} och {last}",
    "list_and_vowel": "{first} och {last}",
    "label_value": "{label}: {value}",
    # the method's phases, as the record names them (the same as the pages')
    "phase_lobby": "Lobby",
    "phase_own": "Egna tankar",
    "phase_pair": "Parets tankar",
    "phase_explain": "Exponera",
    "phase_rank": "Rangordna",
    "phase_plenary": "Plenum",
    "phase_arrange": "Arrangera",
    "phase_reflect": "Reflektion",
    "phase_done": "Klart",
    # default labels (the host's own labels are kept as written)
    "pair_label": "Par {n}",
    "group_label": "Grupp {n}",
    "default_title": "OPERA-möte",
    # counts
    "people": "{n} personer",
    "people#one": "{n} person",
    "organisations": "{n} organisationer",
    "organisations#one": "{n} organisation",
    "points": "{n} poäng",
    "points#one": "{n} poäng",
    "participants": "{n} deltagare",
    "participants#one": "{n} deltagare",
    "pairs": "{n} par",
    "pairs#one": "{n} par",
    "ideas_on_board": "{n} idéer på tavlan",
    "ideas_on_board#one": "{n} idé på tavlan",
    # the report: cover and headings
    "page_title": "{title}: sammanställning efter mötet",
    "kicker": "Sammanställning efter mötet",
    "md_intro": "Sammanställning efter mötet, möte {code}, {date}.",
    "h_question": "Fokusfrågan",
    "h_community": "Gemenskapen",
    "h_learning": "Det gemensamma lärandet",
    "h_themes": "Viktiga teman",
    "h_reflections": "Personliga reflektioner och praktiska steg",
    "h_feedback": "Feedback",
    "h_record": "Vad processledaren ändrade",
    "h_appendix": "Bilaga: idéer som inte kom upp på tavlan",
    "fact_date": "Datum",
    "fact_code": "Mötets kod",
    "fact_people": "Personer",
    "fact_organisations": "Organisationer",
    "fact_written": "Skrivna idéer",
    "fact_on_board": "Idéer på tavlan",
    "fact_groups": "Grupper",
    # the report: sentences
    "not_yet": "De läggs till i sammanställningen när mötet är avslutat (Klart).",
    "breadth": (
        "hur många organisationer som stödde var och en (de med färre än 3 personer här räknas "
        "tillsammans, som en)"
    ),
    "learning_points": (
        "Idéerna på tavlan, rangordnade efter de poäng alla gav dem, med hur brett stödet var: "
        "{breadth}. Vid lika poäng går idén med fler röstsedlar först, sedan den som stöds av "
        "fler organisationer."
    ),
    "learning_breadth": (
        "Idéerna på tavlan, rangordnade först efter hur brett stödet var: {breadth}; sedan "
        "efter de poäng alla gav dem."
    ),
    "groups_note": "Grupper: hur många gruppers medlemmar som stödde en idé i plenum.",
    "plenary_note": (
        "Det här är plenums röstning om gruppernas bästa idéer; varje grupps egen följer."
    ),
    "no_plenary": (
        "Ingen röstning i plenum har hållits: varje grupps egen rangordning följer, en sida var."
    ),
    "no_ideas": "Inga idéer kom upp på tavlan.",
    "no_themes": "Inga teman skapades.",
    "anonymous": "Varje persons svar, i ingen särskild ordning och utan namn.",
    "record_intro": (
        "Varje ändring processledaren gjorde av vad deltagarna kunde se eller göra, i tur och "
        "ordning (tider i UTC)."
    ),
    "nothing_changed": "Processledaren ändrade ingenting under mötet.",
    "appendix_intro": (
        "Alla andra idéer som skrevs under Egna tankar eller i ett par, i ingen särskild "
        "ordning, utan upphovspersoner eller par."
    ),
    "appendix_none": "Inga: alla idéer kom upp på tavlan.",
    "took_part": "{people} från {organisations} deltog.",
    "naming_none": "{people} utan angiven organisation",
    "other_organisations": "Andra organisationer",
    "no_organisation": "Ingen organisation angiven",
    "merged": (
        "Organisationer med färre än {small} personer här räknas tillsammans som "
        "”{other}” ({held})."
    ),
    "group_size": "{people} från {organisations}",
    "group_all_small": "{size}, ingen med {small} eller fler personer här.",
    "group_named": "{size}: {named}.",
    "group_named_rest": "{size}: {named} och {other} från andra organisationer.",
    "support": "plats {rank}, {points}, stöd från {organisations}",
    "no_scores": "Inga betyg gavs.",
    "average": "Medelbetyg {average} av 5, från {people} (1 är dåligt, 5 är utmärkt).",
    "no_answers": "Inga svar.",
    "in_their_words": "Med deras egna ord",
    "score": "Betyg {n}",
    "owner": "Ansvarig",
    "next_action": "Nästa steg",
    "none": "ingen",
    # the report: charts and tables
    "chart_organisations": (
        "Diagram: personer från varje organisation (tabellen nedan har siffrorna)"
    ),
    "chart_points": (
        "Diagram: poäng och organisationer som stöder varje idé (tabellen nedan har alla)"
    ),
    "chart_caption": "Poäng per idé; varje prick är en organisation som stöder den.",
    "chart_caption_top": (
        "Poäng per idé (de första {n}); varje prick är en organisation som stöder den."
    ),
    "chart_scores": "Diagram: hur många som gav varje betyg",
    "col_organisation": "Organisation",
    "col_people": "Personer",
    "col_rank": "Plats",
    "col_idea": "Idé",
    "col_points": "Poäng",
    "col_ballots": "Röstsedlar",
    "col_organisations": "Organisationer",
    "col_groups": "Grupper",
    "col_theme": "Tema",
    "col_score": "Betyg",
    # the Markdown export (export.md)
    "question": "Fråga",
    "md_summary": "Möte {code}, {date}. {participants}, {pairs}, {ideas}.",
    "ranked_ideas": "Rangordnade idéer",
    "plenary": "Plenum",
    "group_heading": "{group} ({people})",
    "clusters": "Teman",
    "no_clusters": "Inga teman skapades.",
    "parked": "Parkerade",
    "rank_points": "plats {rank}, {points}",
    "reflections": "Reflektioner",
    "feedback": "Feedback",
    "md_average": "Medel {average} av 5 från {people} ({counts}).",
    "col_votes": "Röster",
    "col_orgs": "Org.",
    "col_cluster": "Tema",
    "col_pair": "Par",
    # the record of what the facilitator changed
    "rec_restarted": "{phase} startades om",
    "rec_started": "{phase} startade",
    "rec_finished": "Mötet avslutades",
    "rec_skipping": "{said}, {skipped} hoppades över",
    "rec_minutes_added": "{n} minuter lades till på timern",
    "rec_minutes_added#one": "{n} minut lades till på timern",
    "rec_minutes_taken": "{n} minuter drogs av från timern",
    "rec_minutes_taken#one": "{n} minut drogs av från timern",
    "rec_seconds_added": "{n} sekunder lades till på timern",
    "rec_seconds_added#one": "{n} sekund lades till på timern",
    "rec_seconds_taken": "{n} sekunder drogs av från timern",
    "rec_seconds_taken#one": "{n} sekund drogs av från timern",
    "rec_hidden": "En idé doldes",
    "rec_hidden_from": "En idé från {where} doldes",
    "rec_removed": "{n} deltagare togs bort",
    "rec_removed#one": "En deltagare togs bort",
    "rec_groups_formed": "Grupper bildades: {n}",
    "rec_moved": "En deltagare flyttades till {group}",
    "rec_settings": "Inställningar ändrades: {changed}",
    "rec_revealed": "Summorna visades",
    "rec_plenary_revealed": "Summorna från plenum visades",
    "rec_notice_cleared": "Meddelandet togs bort",
    "rec_notice_posted": "Ett meddelande visades",
    "rec_paused": "Timern pausades",
    "rec_resumed": "Timern startades igen",
    "rec_shuffled": "Paren lottades om",
    "rec_unshuffled": "Omlottningen ångrades",
    "rec_admitted": "En som kom sent släpptes in",
    "rec_more": "Fler ändringar finns i exporten",
}
