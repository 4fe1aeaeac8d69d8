"""Cymraeg: the words of the report, the Markdown export and the default labels (the keys
of en.py). Register "chi", as Welsh public bodies write to the public. Counts carry the twins
Welsh's plural rules need (#zero 0, #one 1, #two 2, #few 3, #many 6; the plain key is 4, 5,
7 and up) with the noun's mutation after each numeral: 2 bwynt, 3 phwynt, 6 phwynt.
"""

WORDS: dict[str, str] = {
    # numbers, dates and times
    "num_decimal": ".",
    "num_group": ",",
    "date": "{day} {month} {year}",
    "time": "{hour}:{minute}",
    "month_1": "Ionawr",
    "month_2": "Chwefror",
    "month_3": "Mawrth",
    "month_4": "Ebrill",
    "month_5": "Mai",
    "month_6": "Mehefin",
    "month_7": "Gorffennaf",
    "month_8": "Awst",
    "month_9": "Medi",
    "month_10": "Hydref",
    "month_11": "Tachwedd",
    "month_12": "Rhagfyr",
    "list_and": "{first} a {last}",
    "list_and_vowel": "{first} ac {last}",  # before a vowel
    "label_value": "{label}: {value}",
    # the method's phases, as the record names them
    "phase_lobby": "Cyntedd",
    "phase_own": "Unigol",
    "phase_pair": "Parau",
    "phase_explain": "Cyflwyno",
    "phase_rank": "Pleidleisio",
    "phase_plenary": "Sesiwn lawn",
    "phase_arrange": "Trefnu",
    "phase_reflect": "Myfyrio",
    "phase_done": "Diwedd",
    # default labels (the host's own labels are kept as written)
    "pair_label": "Pâr {n}",
    "group_label": "Grŵp {n}",
    "default_title": "Sesiwn OPERA",
    # counts
    "people": "{n} o bobl",
    "people#zero": "{n} person",
    "people#one": "{n} person",
    "people#two": "{n} berson",
    "people#few": "{n} pherson",
    "people#many": "{n} pherson",
    "organisations": "{n} sefydliad",
    "organisations#one": "{n} sefydliad",
    "points": "{n} pwynt",
    "points#one": "{n} pwynt",
    "points#two": "{n} bwynt",
    "points#few": "{n} phwynt",
    "points#many": "{n} phwynt",
    "participants": "{n} o gyfranogwyr",
    "participants#zero": "{n} cyfranogwr",
    "participants#one": "{n} cyfranogwr",
    "participants#two": "{n} gyfranogwr",
    "participants#few": "{n} chyfranogwr",
    "participants#many": "{n} chyfranogwr",
    "pairs": "{n} pâr",
    "pairs#one": "{n} pâr",
    "pairs#two": "{n} bâr",
    "pairs#few": "{n} phâr",
    "pairs#many": "{n} phâr",
    "ideas_on_board": "{n} syniad ar y bwrdd",
    "ideas_on_board#one": "{n} syniad ar y bwrdd",
    # the report: cover and headings
    "page_title": "{title}: pecyn ar ôl y digwyddiad",
    "kicker": "Pecyn ar ôl y digwyddiad",
    "md_intro": "Pecyn ar ôl y digwyddiad, sesiwn {code}, {date}.",
    "h_question": "Y cwestiwn ffocws",
    "h_community": "Y gymuned",
    "h_learning": "Y dysgu ar y cyd",
    "h_themes": "Prif themâu",
    "h_reflections": "Myfyrdodau personol a chamau ymarferol",
    "h_feedback": "Adborth",
    "h_record": "Newidiadau'r hwylusydd",
    "h_appendix": "Atodiad: syniadau na chyrhaeddodd y bwrdd",
    "fact_date": "Dyddiad",
    "fact_code": "Cod y sesiwn",
    "fact_people": "Pobl",
    "fact_organisations": "Sefydliadau",
    "fact_written": "Syniadau a ysgrifennwyd",
    "fact_on_board": "Syniadau ar y bwrdd",
    "fact_groups": "Grwpiau",
    # the report: sentences
    "not_yet": (
        "Bydd y rhain yn cael eu hychwanegu at y pecyn pan fydd y sesiwn wedi gorffen (Diwedd)."
    ),
    "breadth": (
        "faint o sefydliadau a gefnogodd bob un (mae'r rhai â llai na 3 o bobl yma yn cyfrif "
        "gyda'i gilydd, fel un)"
    ),
    "learning_points": (
        "Y syniadau ar y bwrdd, yn eu trefn yn ôl y pwyntiau a roddodd pawb iddyn nhw, gydag "
        "ehangder eu cefnogaeth: {breadth}. Os yw syniadau'n gyfartal, daw'r un a gefnogwyd "
        "gan fwy o bleidleiswyr yn gyntaf, yna'r un a gefnogwyd gan fwy o sefydliadau."
    ),
    "learning_breadth": (
        "Y syniadau ar y bwrdd, yn eu trefn yn ôl ehangder eu cefnogaeth yn gyntaf: {breadth}; "
        "yna yn ôl y pwyntiau a roddodd pawb iddyn nhw."
    ),
    "groups_note": "Grwpiau: faint o grwpiau yr oedd eu haelodau'n cefnogi syniad y sesiwn lawn.",
    "plenary_note": (
        "Dyma bleidlais y sesiwn lawn ar syniadau gorau'r grwpiau; mae trefn pob grŵp ei hun "
        "yn dilyn."
    ),
    "no_plenary": (
        "Does dim pleidlais sesiwn lawn wedi bod: mae trefn pob grŵp ei hun yn dilyn, "
        "tudalen yr un."
    ),
    "no_ideas": "Ni chyrhaeddodd unrhyw syniad y bwrdd.",
    "no_themes": "Ni chafodd unrhyw themâu eu creu.",
    "anonymous": "Atebion pob person, heb drefn benodol a heb enwau.",
    "record_intro": (
        "Pob newid a wnaeth yr hwylusydd i'r hyn y gallai pobl ei weld neu ei wneud, yn eu "
        "trefn (amseroedd yn UTC)."
    ),
    "nothing_changed": "Ni newidiodd yr hwylusydd ddim yn ystod y sesiwn.",
    "appendix_intro": (
        "Pob syniad arall a ysgrifennwyd yn y cam Unigol neu mewn pâr, heb drefn benodol, "
        "heb awduron na pharau."
    ),
    "appendix_none": "Dim: cyrhaeddodd pob syniad y bwrdd.",
    "took_part": "Cymerodd {people} o {organisations} ran.",
    "naming_none": "{people} heb enwi sefydliad",
    "other_organisations": "Sefydliadau eraill",
    "no_organisation": "Dim sefydliad wedi'i roi",
    "merged": (
        "Mae sefydliadau â llai na {small} o bobl yma yn cael eu cyfrif gyda'i gilydd fel "
        "“{other}” ({held})."
    ),
    "group_size": "{people} o {organisations}",
    "group_all_small": "{size}, dim un â {small} o bobl neu fwy yma.",
    "group_named": "{size}: {named}.",
    # a semicolon, not "a": "a" becomes "ac" before a vowel ("ac 8 o bobl")
    "group_named_rest": "{size}: {named}; {other} o sefydliadau eraill.",
    "support": "safle {rank}, {points}, wedi'i gefnogi gan {organisations}",
    "no_scores": "Ni roddwyd unrhyw sgoriau.",
    "average": "Sgôr gyfartalog {average} allan o 5, gan {people} (1 yw gwael, 5 yw ardderchog).",
    "no_answers": "Dim atebion.",
    "in_their_words": "Yn eu geiriau eu hunain",
    "score": "Sgôr {n}",
    "owner": "Perchennog",
    "next_action": "Cam nesaf",
    "none": "dim",
    # the report: charts and tables
    "chart_organisations": "Siart: pobl o bob sefydliad (mae'r ffigurau yn y tabl isod)",
    "chart_points": (
        "Siart: pwyntiau a sefydliadau sy'n cefnogi pob syniad (mae'r cyfan yn y tabl isod)"
    ),
    "chart_caption": "Pwyntiau i bob syniad; mae pob dot yn un sefydliad sy'n ei gefnogi.",
    "chart_caption_top": (
        "Pwyntiau i bob syniad (y {n} cyntaf); mae pob dot yn un sefydliad sy'n ei gefnogi."
    ),
    "chart_scores": "Siart: faint o bobl a roddodd bob sgôr",
    "col_organisation": "Sefydliad",
    "col_people": "Pobl",
    "col_rank": "Safle",
    "col_idea": "Syniad",
    "col_points": "Pwyntiau",
    "col_ballots": "Pleidleiswyr",
    "col_organisations": "Sefydliadau",
    "col_groups": "Grwpiau",
    "col_theme": "Thema",
    "col_score": "Sgôr",
    # the Markdown export (export.md)
    "question": "Cwestiwn",
    "md_summary": "Sesiwn {code}, {date}. {participants}, {pairs}, {ideas}.",
    "ranked_ideas": "Y syniadau yn eu trefn",
    "plenary": "Sesiwn lawn",
    "group_heading": "{group} ({people})",
    "clusters": "Clystyrau",
    "no_clusters": "Ni chafodd unrhyw glystyrau eu creu.",
    "parked": "O'r neilltu",
    "rank_points": "safle {rank}, {points}",
    "reflections": "Myfyrdodau",
    "feedback": "Adborth",
    "md_average": "Cyfartaledd {average} o 5 gan {people} ({counts}).",
    "col_votes": "Pleidleisiau",
    "col_orgs": "Sefydliadau",
    "col_cluster": "Clwstwr",
    "col_pair": "Pâr",
    # the record of what the facilitator changed
    "rec_restarted": "Ailddechreuwyd y cam {phase}",
    "rec_started": "Dechreuodd y cam {phase}",
    "rec_finished": "Daeth y sesiwn i ben",
    "rec_skipping": "{said}, gan hepgor {skipped}",
    "rec_minutes_added": "Ychwanegwyd {n} munud at yr amserydd",
    "rec_minutes_added#one": "Ychwanegwyd {n} munud at yr amserydd",
    "rec_minutes_added#two": "Ychwanegwyd {n} funud at yr amserydd",
    "rec_minutes_taken": "Tynnwyd {n} munud oddi ar yr amserydd",
    "rec_minutes_taken#one": "Tynnwyd {n} munud oddi ar yr amserydd",
    "rec_minutes_taken#two": "Tynnwyd {n} funud oddi ar yr amserydd",
    "rec_seconds_added": "Ychwanegwyd {n} eiliad at yr amserydd",
    "rec_seconds_added#one": "Ychwanegwyd {n} eiliad at yr amserydd",
    "rec_seconds_taken": "Tynnwyd {n} eiliad oddi ar yr amserydd",
    "rec_seconds_taken#one": "Tynnwyd {n} eiliad oddi ar yr amserydd",
    "rec_hidden": "Cuddiwyd syniad",
    "rec_hidden_from": "Cuddiwyd un o syniadau {where}",
    "rec_removed": "Tynnwyd {n} o gyfranogwyr o'r sesiwn",
    "rec_removed#zero": "Tynnwyd {n} cyfranogwr o'r sesiwn",
    "rec_removed#one": "Tynnwyd cyfranogwr o'r sesiwn",
    "rec_removed#two": "Tynnwyd {n} gyfranogwr o'r sesiwn",
    "rec_removed#few": "Tynnwyd {n} chyfranogwr o'r sesiwn",
    "rec_removed#many": "Tynnwyd {n} chyfranogwr o'r sesiwn",
    "rec_groups_formed": "Ffurfiwyd {n} grŵp",
    "rec_moved": "Symudwyd cyfranogwr i grŵp arall ({group})",
    "rec_settings": "Newidiwyd y gosodiadau: {changed}",
    "rec_revealed": "Datgelwyd y cyfansymiau",
    "rec_plenary_revealed": "Datgelwyd cyfansymiau'r sesiwn lawn",
    "rec_notice_cleared": "Cliriwyd yr hysbysiad",
    "rec_notice_posted": "Dangoswyd hysbysiad",
    "rec_paused": "Oedwyd yr amserydd",
    "rec_resumed": "Ailddechreuwyd yr amserydd",
    "rec_shuffled": "Cymysgwyd y parau",
    "rec_unshuffled": "Dadwnaed y cymysgu",
    "rec_admitted": "Gadawyd rhywun a gyrhaeddodd yn hwyr i mewn",
    "rec_more": "Mae rhagor o newidiadau yn y ffeiliau allforio",
}
