"""Suomi: the words of the report, the Markdown export and the default labels (the keys of
en.py). Counted nouns take the partitive after a number ("5 pistettä"), the `#one` twin the
nominative ("1 piste"). A sentence that uses a count in a case of its own is worded so the
count phrase stays as it is ("tukena 3 organisaatiota", not "3 organisaatiosta").
"""

WORDS: dict[str, str] = {
    # numbers, dates and times
    "num_decimal": ",",
    "num_group": "\u00a0",
    "date": "{day}. {month} {year}",
    "time": "{hour}.{minute}",
    "month_1": "tammikuuta",
    "month_2": "helmikuuta",
    "month_3": "maaliskuuta",
    "month_4": "huhtikuuta",
    "month_5": "toukokuuta",
    "month_6": "kesäkuuta",
    "month_7": "heinäkuuta",
    "month_8": "elokuuta",
    "month_9": "syyskuuta",
    "month_10": "lokakuuta",
    "month_11": "marraskuuta",
    "month_12": "joulukuuta",
    "list_and": "{first} ja {last}",
    "list_and_vowel": "{first} ja {last}",
    "label_value": "{label}: {value}",
    # the method's phases, as the record names them (the same as the pages')
    "phase_lobby": "Aula",
    "phase_own": "Oma ideointi",
    "phase_pair": "Parityö",
    "phase_explain": "Esittely",
    "phase_rank": "Äänestys",
    "phase_plenary": "Yhteinen osuus",
    "phase_arrange": "Ryhmittely",
    "phase_reflect": "Pohdinta",
    "phase_done": "Valmis",
    # default labels (the host's own labels are kept as written)
    "pair_label": "Pari {n}",
    "group_label": "Ryhmä {n}",
    "default_title": "OPERA-tilaisuus",
    # counts
    "people": "{n} henkilöä",
    "people#one": "{n} henkilö",
    "organisations": "{n} organisaatiota",
    "organisations#one": "{n} organisaatio",
    "points": "{n} pistettä",
    "points#one": "{n} piste",
    "participants": "{n} osallistujaa",
    "participants#one": "{n} osallistuja",
    "pairs": "{n} paria",
    "pairs#one": "{n} pari",
    "ideas_on_board": "{n} ideaa taululla",
    "ideas_on_board#one": "{n} idea taululla",
    # the report: cover and headings
    "page_title": "{title}: tilaisuuden koonti",
    "kicker": "Tilaisuuden koonti",
    "md_intro": "Koonti tilaisuudesta {code}, {date}.",
    "h_question": "Keskeinen kysymys",
    "h_community": "Yhteisö",
    "h_learning": "Yhteinen oppiminen",
    "h_themes": "Keskeiset teemat",
    "h_reflections": "Henkilökohtaiset pohdinnat ja käytännön askeleet",
    "h_feedback": "Palaute",
    "h_record": "Mitä vetäjä muutti",
    "h_appendix": "Liite: ideat, jotka eivät päässeet taululle",
    "fact_date": "Päivämäärä",
    "fact_code": "Tilaisuuden koodi",
    "fact_people": "Osallistujat",
    "fact_organisations": "Organisaatiot",
    "fact_written": "Kirjoitetut ideat",
    "fact_on_board": "Ideat taululla",
    "fact_groups": "Ryhmät",
    # the report: sentences
    "not_yet": "Nämä lisätään koontiin, kun tilaisuus on päättynyt (Valmis).",
    "breadth": (
        "kuinka moni organisaatio tuki kutakin ideaa (ne, joista paikalla oli alle 3 henkilöä, "
        "lasketaan yhdessä yhdeksi)"
    ),
    "learning_points": (
        "Taululle päässeet ideat kaikkien antamien pisteiden mukaisessa järjestyksessä, tuen "
        "laajuus mukana: {breadth}. Tasatilanteessa edelle menee idea, jota äänesti useampi, "
        "sitten idea, jota tuki useampi organisaatio."
    ),
    "learning_breadth": (
        "Taululle päässeet ideat järjestettynä ensin tuen laajuuden mukaan: {breadth}; sitten "
        "kaikkien antamien pisteiden mukaan."
    ),
    "groups_note": "Ryhmät: kuinka monen ryhmän jäsenet tukivat yhteisen osuuden ideaa.",
    "plenary_note": (
        "Tämä on yhteisen osuuden äänestys ryhmien parhaista ideoista; kunkin ryhmän oma tulos "
        "seuraa."
    ),
    "no_plenary": (
        "Yhteistä äänestystä ei pidetty: kunkin ryhmän oma järjestys seuraa, kukin omalla "
        "sivullaan."
    ),
    "no_ideas": "Yksikään idea ei päässyt taululle.",
    "no_themes": "Teemoja ei tehty.",
    "anonymous": "Jokaisen vastaukset vapaassa järjestyksessä ja ilman nimiä.",
    "record_intro": (
        "Kaikki vetäjän tekemät muutokset siihen, mitä osallistujat näkivät tai pystyivät "
        "tekemään, järjestyksessä (ajat UTC-aikaa)."
    ),
    "nothing_changed": "Vetäjä ei muuttanut mitään tilaisuuden aikana.",
    "appendix_intro": (
        "Kaikki muut omassa ideoinnissa tai parityössä kirjoitetut ideat vapaassa "
        "järjestyksessä, ilman kirjoittajia ja pareja."
    ),
    "appendix_none": "Ei yhtään: kaikki ideat pääsivät taululle.",
    "took_part": "Mukana oli {people}; edustettuna oli {organisations}.",
    "naming_none": "{people} ilman organisaatiota",
    "other_organisations": "Muut organisaatiot",
    "no_organisation": "Organisaatiota ei annettu",
    "merged": (
        "Organisaatiot, joista paikalla oli alle {small} henkilöä, lasketaan yhteen nimellä "
        "”{other}” ({held})."
    ),
    "group_size": "{people}, {organisations}",
    "group_all_small": "{size}; mistään organisaatiosta ei ollut paikalla {small} henkilöä.",
    "group_named": "{size}: {named}.",
    "group_named_rest": "{size}: {named} sekä muista organisaatioista {other}.",
    "support": "sija {rank}, {points}, tukena {organisations}",
    "no_scores": "Arvioita ei annettu.",
    "average": "Keskiarvo {average}/5; arvion antoi {people} (1 on heikko, 5 erinomainen).",
    "no_answers": "Ei vastauksia.",
    "in_their_words": "Omin sanoin",
    "score": "Arvio {n}",
    "owner": "Vastuuhenkilö",
    "next_action": "Seuraava askel",
    "none": "ei ole",
    # the report: charts and tables
    "chart_organisations": (
        "Kaavio: osallistujat organisaatioittain (luvut ovat alla olevassa taulukossa)"
    ),
    "chart_points": (
        "Kaavio: kunkin idean pisteet ja sitä tukeneet organisaatiot (kaikki ovat alla "
        "olevassa taulukossa)"
    ),
    "chart_caption": "Pisteet ideoittain; jokainen täplä on yksi ideaa tukenut organisaatio.",
    "chart_caption_top": (
        "Pisteet ideoittain (ensimmäiset {n}); jokainen täplä on yksi ideaa tukenut organisaatio."
    ),
    "chart_scores": "Kaavio: kuinka moni antoi minkäkin arvion",
    "col_organisation": "Organisaatio",
    "col_people": "Henkilöt",
    "col_rank": "Sija",
    "col_idea": "Idea",
    "col_points": "Pisteet",
    "col_ballots": "Äänestäjät",
    "col_organisations": "Organisaatiot",
    "col_groups": "Ryhmät",
    "col_theme": "Teema",
    "col_score": "Arvio",
    # the Markdown export (export.md)
    "question": "Kysymys",
    "md_summary": "Tilaisuus {code}, {date}. {participants}, {pairs}, {ideas}.",
    "ranked_ideas": "Ideat järjestyksessä",
    "plenary": "Yhteinen osuus",
    "group_heading": "{group} ({people})",
    "clusters": "Teemat",
    "no_clusters": "Teemoja ei tehty.",
    "parked": "Sivussa",
    "rank_points": "sija {rank}, {points}",
    "reflections": "Pohdinnat",
    "feedback": "Palaute",
    "md_average": "Keskiarvo {average}/5; arvion antoi {people} ({counts}).",
    "col_votes": "Äänet",
    "col_orgs": "Org.",
    "col_cluster": "Teema",
    "col_pair": "Pari",
    # the record of what the facilitator changed
    "rec_restarted": "{phase} aloitettiin uudelleen",
    "rec_started": "{phase} alkoi",
    "rec_finished": "Tilaisuus lopetettiin",
    "rec_skipping": "{said}, ohitettiin: {skipped}",
    "rec_minutes_added": "Ajastimeen lisättiin {n} minuuttia",
    "rec_minutes_added#one": "Ajastimeen lisättiin {n} minuutti",
    "rec_minutes_taken": "Ajastimesta vähennettiin {n} minuuttia",
    "rec_minutes_taken#one": "Ajastimesta vähennettiin {n} minuutti",
    "rec_seconds_added": "Ajastimeen lisättiin {n} sekuntia",
    "rec_seconds_added#one": "Ajastimeen lisättiin {n} sekunti",
    "rec_seconds_taken": "Ajastimesta vähennettiin {n} sekuntia",
    "rec_seconds_taken#one": "Ajastimesta vähennettiin {n} sekunti",
    "rec_hidden": "Idea piilotettiin",
    "rec_hidden_from": "Idea piilotettiin: {where}",
    "rec_removed": "{n} osallistujaa poistettiin",
    "rec_removed#one": "Osallistuja poistettiin",
    "rec_groups_formed": "Ryhmät muodostettiin ({n})",
    "rec_moved": "Osallistuja siirrettiin toiseen ryhmään: {group}",
    "rec_settings": "Asetuksia muutettiin: {changed}",
    "rec_revealed": "Tulokset näytettiin",
    "rec_plenary_revealed": "Yhteisen osuuden tulokset näytettiin",
    "rec_notice_cleared": "Ilmoitus poistettiin",
    "rec_notice_posted": "Ilmoitus julkaistiin",
    "rec_paused": "Ajastin pysäytettiin",
    "rec_resumed": "Ajastin käynnistettiin uudelleen",
    "rec_shuffled": "Parit arvottiin uudelleen",
    "rec_unshuffled": "Parien arvonta peruttiin",
    "rec_admitted": "Myöhästynyt päästettiin mukaan",
    "rec_more": "Loput muutokset löytyvät vientitiedostosta",
}
