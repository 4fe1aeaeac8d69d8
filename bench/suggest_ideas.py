"""Labelled idea sets for measuring suggested clusters: ideas a facilitator grouped by hand.

Written for this project (not taken from any session): the board of a partnership day on
"How might we help older people live well at home?", as pairs would put it, in their own
words. Each set maps a theme (the hand grouping) to the ideas in it; the words of an idea
are not chosen to make the theme easy to find, and some themes share words (an app for
records, an app against loneliness), as on a real board.
"""

from __future__ import annotations

ENGLISH: dict[str, list[str]] = {
    "records": [
        "One shared care record that the GP, hospital and council can all see",
        "Stop asking people to tell their story again at every appointment",
        "Let district nurses read the hospital discharge notes before the first visit",
        "Agree one consent form for sharing information between health and social care",
        "A single patient summary the person can carry on their phone",
        "Care homes should see the medication list that the pharmacy holds",
        "Data sharing agreement signed by every partner in the region",
        "Social workers cannot open NHS records: fix access rights",
        "Common identifier so records from different systems match the same person",
        "Show the family what the care plan says, with the person's permission",
        "Information governance leads meet monthly to unblock sharing",
    ],
    "transport": [
        "Free community bus to the health centre twice a week",
        "Volunteer drivers for hospital appointments in rural villages",
        "Taxi vouchers for people who cannot use public transport",
        "Book appointments around the bus timetable",
        "Patient transport that can be booked by phone, not only online",
        "Parking at the clinic is impossible: reserve spaces for frail patients",
        "Shuttle between the train station and the district hospital",
        "Pay mileage to neighbours who give lifts",
        "Bring outpatient clinics to village halls so fewer people travel",
        "Dial-a-ride service extended to evenings and weekends",
        "Wheelchair-accessible minibuses for day centre trips",
    ],
    "workforce": [
        "Pay care workers at least the real living wage",
        "Career path from home care assistant to nurse",
        "Paid travel time between home visits",
        "Recruit school leavers into care with apprenticeships",
        "Guaranteed hours instead of zero-hour contracts for carers at home",
        "Joint training days for nurses, social workers and care staff",
        "Cover the cost of driving lessons for new care workers",
        "Too many agency staff: build a local bank of care workers",
        "Recognise care work as skilled work with a national register",
        "Mentoring for new staff in their first three months",
        "Time to talk with clients, not fifteen-minute visits",
    ],
    "loneliness": [
        "Weekly lunch club in the library",
        "Befriending calls for people who live alone",
        "Intergenerational projects with the primary school",
        "Men's sheds where retired men can make things together",
        "A map of local groups and activities for older residents",
        "Social prescribing: the GP refers people to a walking group",
        "Tea dances in the community centre",
        "Train postal workers to notice when someone has not been seen for days",
        "Pen pal scheme between care home residents and students",
        "Gardening club at the allotments for people who feel isolated",
        "Nobody should spend Christmas on their own: neighbourhood invitations",
    ],
    "carers": [
        "Respite breaks so family carers can rest",
        "Carers' assessment offered within two weeks",
        "A card that tells the ambulance crew who the carer is",
        "Flexible working rights for employees who look after a parent",
        "Support groups for people caring for a partner with dementia",
        "Emergency plan if the unpaid carer falls ill",
        "Young carers need a named contact at school",
        "Carer's allowance is too low to live on",
        "Training for relatives on lifting and moving safely",
        "Sitting service for an evening off each week",
        "Ask every patient at the GP whether they look after someone",
    ],
    "discharge": [
        "Plan the return home on the first day of a hospital stay",
        "Nobody leaves the ward on a Friday evening without support in place",
        "Home from hospital team that visits within 24 hours",
        "Delayed discharges waiting for a care package: a joint fund to move faster",
        "Check the heating and food in the house before someone is sent home",
        "Discharge lounge with a named coordinator",
        "Step-down beds for people not ready to go straight home",
        "Phone call the day after leaving hospital",
        "Give the patient written instructions in plain language when they go home",
        "Pharmacist reviews medicines before discharge",
        "Reablement for six weeks after a stay on the ward",
    ],
    "digital": [
        "Tablets with video calling for people who live alone",
        "Digital skills classes at the library for over-70s",
        "Broadband vouchers for pensioners",
        "Smart speakers that remind people to take their tablets",
        "Online GP consultations must stay optional",
        "Lend devices and set them up at home",
        "Telecare sensors that detect a fall and alert family",
        "Websites in large print and simple words",
        "Digital champions in every sheltered housing scheme",
        "Help to use the NHS app",
        "A helpline for people stuck with a computer or phone",
    ],
    "housing": [
        "Grab rails and ramps fitted within a week",
        "Grants to insulate cold homes",
        "Handyperson service for small repairs",
        "Falls prevention checks of stairs, rugs and lighting",
        "More bungalows and ground-floor flats in new developments",
        "Occupational therapist assessments without a long wait",
        "Help to move to a smaller home near family",
        "Warm home discount advertised through the GP",
        "Adapt bathrooms with walk-in showers",
        "Stairlifts recycled and refitted",
        "Sheltered housing with a warden on site",
    ],
}

GERMAN: dict[str, list[str]] = {
    "akte": [
        "Eine gemeinsame Patientenakte für Hausarzt, Klinik und Pflegedienst",
        "Der Pflegedienst soll den Entlassbrief vor dem ersten Besuch lesen können",
        "Einheitliche Einwilligung zum Datenaustausch zwischen Gesundheit und Sozialamt",
        "Medikamentenplan digital für alle Beteiligten sichtbar",
        "Nicht bei jedem Termin die ganze Geschichte neu erzählen müssen",
        "Angehörige sehen den Pflegeplan, wenn die Person zustimmt",
        "Datenschutzbeauftragte treffen sich regelmäßig, um den Austausch zu ermöglichen",
    ],
    "fahrt": [
        "Kostenloser Bürgerbus zum Ärztehaus",
        "Ehrenamtliche Fahrer für Arzttermine auf dem Land",
        "Taxigutscheine für Menschen, die keinen Bus nutzen können",
        "Termine nach dem Busfahrplan vergeben",
        "Reservierte Parkplätze an der Praxis für gebrechliche Patienten",
        "Sprechstunden im Dorfgemeinschaftshaus, damit weniger Leute fahren müssen",
        "Rufbus auch abends und am Wochenende",
    ],
    "personal": [
        "Pflegekräfte besser bezahlen",
        "Fahrzeit zwischen den Hausbesuchen als Arbeitszeit bezahlen",
        "Ausbildung in der Pflege für Schulabgänger attraktiver machen",
        "Feste Stunden statt Minijobs in der ambulanten Pflege",
        "Gemeinsame Fortbildungen für Pflegekräfte und Sozialarbeiter",
        "Zu viele Leiharbeitskräfte: einen eigenen Springerpool aufbauen",
        "Mehr Zeit für Gespräche statt Minutenpflege",
    ],
    "einsamkeit": [
        "Wöchentlicher Mittagstisch in der Bibliothek",
        "Besuchsdienst für Menschen, die allein leben",
        "Gemeinsame Projekte mit der Grundschule",
        "Eine Übersicht aller Gruppen und Treffs im Stadtteil",
        "Der Hausarzt verschreibt eine Wandergruppe",
        "Tanznachmittag im Gemeindezentrum",
        "Niemand soll Weihnachten allein verbringen: Einladungen aus der Nachbarschaft",
    ],
    "angehoerige": [
        "Verhinderungspflege, damit pflegende Angehörige sich erholen können",
        "Notfallplan, wenn die pflegende Tochter selbst krank wird",
        "Selbsthilfegruppen für Angehörige von Menschen mit Demenz",
        "Flexible Arbeitszeiten für Beschäftigte, die ihre Eltern pflegen",
        "Kurse für Angehörige zum rückenschonenden Heben",
        "Ein freier Abend pro Woche durch einen Betreuungsdienst",
        "Das Pflegegeld reicht nicht zum Leben",
    ],
    "wohnen": [
        "Haltegriffe und Rampen innerhalb einer Woche einbauen",
        "Zuschüsse für die Dämmung kalter Wohnungen",
        "Hausmeisterdienst für kleine Reparaturen",
        "Sturzprävention: Treppen, Teppiche und Licht prüfen",
        "Mehr barrierefreie Wohnungen im Erdgeschoss bauen",
        "Bodengleiche Duschen im Bad nachrüsten",
        "Betreutes Wohnen mit Ansprechpartner vor Ort",
    ],
}

FINNISH: dict[str, list[str]] = {
    "tiedot": [
        "Yhteinen potilastieto terveyskeskukselle, sairaalalle ja kotihoidolle",
        "Kotihoito näkee sairaalan kotiutusohjeet ennen ensimmäistä käyntiä",
        "Yksi suostumus tietojen jakamiseen sosiaali- ja terveyspalveluiden välillä",
        "Lääkelista näkyy kaikille hoitoon osallistuville",
        "Ei tarvitse kertoa omaa tarinaa uudelleen jokaisella käynnillä",
        "Omaiset näkevät hoitosuunnitelman asiakkaan luvalla",
        "Tietosuojavastaavat tapaavat kuukausittain ja poistavat esteitä tiedon kululta",
    ],
    "kuljetus": [
        "Ilmainen palvelulinja terveysasemalle kahdesti viikossa",
        "Vapaaehtoiset kuljettajat vievät maaseudun vanhuksia lääkäriin",
        "Taksisetelit niille, jotka eivät pääse bussiin",
        "Vastaanottoajat sovitetaan bussiaikatauluun",
        "Pysäköintipaikkoja terveysaseman ovelle huonokuntoisille",
        "Lääkärin vastaanotto kylätalolla, niin harvempi joutuu matkustamaan",
        "Kutsutaksi myös iltaisin ja viikonloppuisin",
    ],
    "henkilosto": [
        "Hoitajille parempi palkka",
        "Kotikäyntien väliset matka-ajat maksetaan työaikana",
        "Oppisopimuskoulutus lähihoitajaksi nuorille",
        "Vakituiset työsuhteet nollatuntisopimusten sijaan",
        "Yhteiset koulutuspäivät hoitajille ja sosiaalityöntekijöille",
        "Liikaa vuokratyövoimaa: oma varahenkilöstö",
        "Aikaa keskustella asiakkaan kanssa eikä vain vartin käyntejä",
    ],
    "yksinaisyys": [
        "Viikoittainen lounaskerho kirjastossa",
        "Ystäväpalvelu yksin asuville",
        "Yhteisiä projekteja alakoulun kanssa",
        "Kartta alueen kerhoista ja harrastuksista ikäihmisille",
        "Lääkäri voi ohjata ihmisen kävelyryhmään",
        "Tanssiiltapäivät asukastalolla",
        "Kenenkään ei pitäisi viettää joulua yksin: naapuruston kutsut",
    ],
    "omaishoito": [
        "Vapaapäiviä omaishoitajille, jotta he jaksavat",
        "Varasuunnitelma, jos omaishoitaja itse sairastuu",
        "Vertaistukiryhmät muistisairaan puolison hoitajille",
        "Joustavat työajat työntekijöille, jotka hoitavat vanhempaansa",
        "Omaisille koulutusta turvalliseen nostamiseen ja siirtämiseen",
        "Sijaishoitaja yhdeksi illaksi viikossa",
        "Omaishoidon tuki on liian pieni",
    ],
    "asuminen": [
        "Tukikahvat ja luiskat asennetaan viikon sisällä",
        "Avustuksia kylmien asuntojen lämmöneristykseen",
        "Talkkaripalvelu pieniin korjauksiin",
        "Kaatumisten ehkäisy: portaat, matot ja valaistus tarkistetaan",
        "Lisää esteettömiä asuntoja maantasoon",
        "Kylpyhuoneen remontti: kynnyksetön suihku",
        "Palveluasuminen, jossa henkilökunta on paikalla",
    ],
}

# Held out: written before the method's parameters were chosen on the three sets above, and
# never used to choose them; a different question ("How might our town cut its carbon
# emissions by 2030?"), to show how far the choice carries over.
HELD_OUT: dict[str, list[str]] = {
    "travel": [
        "Protected cycle lanes on the main roads into the centre",
        "Cheaper bus fares, paid for by a workplace parking levy",
        "School streets closed to cars at drop-off and pick-up",
        "Electric car club bays in every neighbourhood",
        "More charging points for electric vehicles at supermarkets",
        "Safe bike parking at the railway station",
        "A later last bus so people can leave the car at home",
    ],
    "homes": [
        "Free loft and cavity wall insulation for low-income households",
        "Heat pump advice from someone who has fitted one",
        "Draught-proofing volunteers for older neighbours",
        "Landlords must bring rented flats up to energy rating C",
        "Thermal imaging walks to show where houses lose heat",
        "Bulk buying of triple glazing to bring the price down",
        "Smart thermostats lent by the library",
    ],
    "waste": [
        "Food waste collections from every flat, not only houses",
        "Repair cafe once a month in the market hall",
        "Refill shops for washing-up liquid and dry foods",
        "Ban single-use cups at council events",
        "Compost bins at half price",
        "A tool library so not every household buys a drill",
        "Supermarkets give unsold food to community fridges",
    ],
    "nature": [
        "Plant a tree for every child born in the town",
        "Turn grass verges into wildflower meadows",
        "Community orchards on unused council land",
        "Protect the peat bog from drainage",
        "Green roofs on bus shelters",
        "Daylight the culverted river through the park",
        "Hedgerows instead of fences in new estates",
    ],
    "power": [
        "Solar panels on every school roof",
        "A community-owned wind turbine on the ridge",
        "Solar canopies over the leisure centre car park",
        "Local energy cooperative that residents can invest in",
        "Battery storage next to the substation",
        "Heat network from the sewage works to the hospital",
        "Let households sell spare solar power to their neighbours",
    ],
    "council": [
        "Council pension fund divests from fossil fuels",
        "Every council decision carries a carbon impact note",
        "Buy from local suppliers to cut delivery miles",
        "Switch the council fleet to electric vans",
        "Publish the town's emissions every year",
        "A citizens' assembly on the climate plan",
        "Climate training for every councillor and officer",
    ],
}

# Also held out, written after the parameters were chosen: smaller Swedish and French boards
# on the first question, to show the stems, stop words and word weights of those languages.
SWEDISH: dict[str, list[str]] = {
    "resor": [
        "Gratis buss till vårdcentralen två gånger i veckan",
        "Frivilliga förare som kör äldre till läkaren på landsbygden",
        "Taxiresor för dem som inte kan åka kollektivt",
        "Boka tider efter bussens tidtabell",
        "Färdtjänst även på kvällar och helger",
        "Mottagning i bygdegården så att färre behöver resa",
    ],
    "personal": [
        "Högre lön för undersköterskor i hemtjänsten",
        "Restiden mellan hembesöken ska räknas som arbetstid",
        "Fasta anställningar i stället för timanställningar",
        "Gemensamma utbildningsdagar för sjuksköterskor och biståndshandläggare",
        "För många inhyrda vikarier: bygg en egen bemanningspool",
        "Mer tid för samtal i stället för korta besök",
    ],
    "ensamhet": [
        "Lunchträffar varje vecka på biblioteket",
        "Besöksvänner för dem som bor ensamma",
        "Projekt tillsammans med grundskolan",
        "En karta över föreningar och aktiviteter för seniorer",
        "Läkaren kan skriva ut en promenadgrupp",
        "Ingen ska behöva fira jul ensam: inbjudningar från grannar",
    ],
    "anhoriga": [
        "Avlösning så att anhöriga som vårdar kan vila",
        "En plan för när den anhöriga själv blir sjuk",
        "Samtalsgrupper för anhöriga till personer med demens",
        "Flexibla arbetstider för den som vårdar en förälder",
        "Kurser för anhöriga i att lyfta och flytta säkert",
        "En ledig kväll i veckan med hjälp av avlösarservice",
    ],
}

FRENCH: dict[str, list[str]] = {
    "transport": [
        "Une navette gratuite vers le centre de santé deux fois par semaine",
        "Des chauffeurs bénévoles pour conduire les aînés chez le médecin à la campagne",
        "Des bons de taxi pour ceux qui ne peuvent pas prendre le bus",
        "Fixer les rendez-vous selon les horaires du bus",
        "Le transport à la demande aussi le soir et le week-end",
        "Des consultations à la salle des fêtes pour que moins de gens se déplacent",
    ],
    "personnel": [
        "Mieux payer les aides à domicile",
        "Compter le temps de trajet entre les visites comme du temps de travail",
        "Des contrats stables au lieu des temps partiels subis",
        "Des formations communes pour infirmières et travailleurs sociaux",
        "Trop d'intérimaires : créer notre propre équipe de remplacement",
        "Du temps pour parler avec les personnes, pas des visites de quinze minutes",
    ],
    "isolement": [
        "Un déjeuner chaque semaine à la médiathèque",
        "Des visites de bénévoles pour les personnes qui vivent seules",
        "Des projets avec l'école primaire",
        "Une carte des associations et des activités pour les seniors",
        "Le médecin peut prescrire un groupe de marche",
        "Personne ne doit passer Noël seul : des invitations entre voisins",
    ],
    "aidants": [
        "Du répit pour que les aidants familiaux puissent se reposer",
        "Un plan de secours si l'aidant tombe malade",
        "Des groupes de parole pour les proches de personnes atteintes de démence",
        "Des horaires souples pour les salariés qui s'occupent d'un parent",
        "Former les proches à porter et déplacer sans se blesser",
        "Une soirée libre par semaine grâce à un service de garde",
    ],
}

SETS: dict[str, dict[str, list[str]]] = {"en": ENGLISH, "de": GERMAN, "fi": FINNISH}
ALL_SETS: dict[str, dict[str, list[str]]] = {
    **SETS,
    "en-held-out": HELD_OUT,
    "sv": SWEDISH,
    "fr": FRENCH,
}


def labelled(language: str) -> tuple[list[str], list[str]]:
    """The idea texts of a set (a key of ALL_SETS) and, for each, its theme, in theme order."""
    texts: list[str] = []
    themes: list[str] = []
    for theme, ideas in ALL_SETS[language].items():
        texts += ideas
        themes += [theme] * len(ideas)
    return texts, themes
