// @ts-check
// Suomi: the record ("Mitä vetäjä muutti"), breadth of support and the rank order (the same
// keys as en-record.js). Labels such as {pair} and {group} come after a colon or in
// brackets, so they are never inflected.
export default /** @type {StringTable} */ ({
  record_title: 'Mitä vetäjä muutti',
  record_intro:
    'Kaikki vetäjän tekemät muutokset, jotka vaikuttivat siihen, mitä näet tai voit tehdä, järjestyksessä.',
  record_empty: 'Mitään ei ole vielä muutettu.',
  record_close: 'Sulje',
  record_phase: '{phase} alkoi',
  record_phase_skipped: '{phase} alkoi, ohitettiin: {skipped}',
  record_phase_restarted: '{phase} aloitettiin uudelleen',
  record_finished: 'Tilaisuus lopetettiin',
  record_finished_skipped: 'Tilaisuus lopetettiin, ohitettiin: {skipped}',
  'record_timer.pause': 'Ajastin pysäytettiin',
  'record_timer.resume': 'Ajastin käynnistettiin uudelleen',
  'record_timer.add': 'Ajastimeen lisättiin {amount}',
  record_timer_take: 'Ajastimesta vähennettiin {amount}',
  record_minutes: { one: '{n} minuutti', other: '{n} minuuttia' },
  record_seconds: { one: '{n} sekunti', other: '{n} sekuntia' },
  'record_pairs.shuffle': 'Parit arvottiin uudelleen',
  'record_pairs.unshuffle': 'Parien arvonta peruttiin',
  record_hide: 'Idea piilotettiin',
  record_hide_pair: 'Idea piilotettiin: {pair}',
  record_hide_group: 'Idea piilotettiin: {pair} ({group})',
  'record_participant.remove': {
    one: 'Osallistuja poistettiin',
    other: '{n} osallistujaa poistettiin',
  },
  'record_participant.admit': 'Myöhästynyt päästettiin mukaan',
  'record_groups.form': { one: 'Muodostettiin {n} ryhmä', other: 'Muodostettiin {n} ryhmää' },
  'record_group.move': 'Osallistuja siirrettiin toiseen ryhmään: {group}',
  'record_session.configure': 'Asetuksia muutettiin: {changed}',
  record_path_title: 'otsikko',
  record_path_question: 'kysymys',
  'record_rank.reveal': 'Tulokset näytettiin',
  record_reveal_plenary: 'Yhteisen osuuden tulokset näytettiin',
  'record_notice.set': 'Ilmoitus julkaistiin',
  record_notice_cleared: 'Ilmoitus poistettiin',
  record_more: 'Loput muutokset löytyvät vientitiedostosta',
  record_unknown: 'Vetäjän tekemä muutos',

  backed_by_orgs: { one: 'tukena {n} organisaatio', other: 'tukena {n} organisaatiota' },
  backed_by_groups: { one: 'tukena {n} ryhmä', other: 'tukena {n} ryhmää' },
  rank_order: 'Järjestä ideat',
  rank_order_points: 'Pisteiden mukaan (perinteinen)',
  rank_order_breadth: 'Tuen laajuuden mukaan: ensin organisaatiot, sitten pisteet',
});
