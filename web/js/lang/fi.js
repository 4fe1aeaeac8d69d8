// @ts-check
// Suomi: the phone's strings at the lobby and in Own (later screens: fi-later.js; the same keys
// as en.js). Register: "sinä" throughout. Phase names are plain verbal nouns ("Oma ideointi
// alkoi", "Aloita äänestys"); a sentence that names a phase says "vaihe {phase}", so a name is
// never inflected. Words: idea, pari, yhteinen lista (shortlist), ääni, piste, teema (cluster;
// ryhmä is a breakout group), vetäjä (facilitator), taulu (board), tilaisuus (session).
export default /** @type {StringTable} */ ({
  lang_name: 'Suomi',
  app_name: 'Opera Room',
  language: 'Kieli',

  // phases
  phase_lobby: 'Aula',
  phase_own: 'Oma ideointi',
  phase_pair: 'Parityö',
  phase_explain: 'Esittely',
  phase_rank: 'Äänestys',
  phase_arrange: 'Ryhmittely',
  phase_done: 'Valmis',
  phase_plenary: 'Yhteinen osuus',
  phase_reflect: 'Pohdinta',
  group_n: 'Ryhmä {n}',
  pair_n: 'Pari {n}',
  phase_hint_lobby: 'Odotetaan, että kaikki liittyvät',
  phase_hint_own: 'Kirjoita ideasi yksin ja hiljaa',
  phase_hint_pair: 'Sovi parisi kanssa yhteinen lista',
  phase_hint_explain: 'Jokainen pari esittelee lyhyesti. Ei väittelyä.',
  phase_hint_rank: 'Äänestä tärkeimpiä ideoita',
  phase_hint_arrange: 'Ideat ryhmitellään ja sovitaan seuraavat askeleet',
  phase_hint_plenary: 'Kaikkien ryhmien parhaat ideat: äänestä niistä yhdessä',
  phase_hint_reflect: 'Muutama sana mukaan, vain sinulle',
  phase_hint_done: 'Tilaisuus on päättynyt',
  announce_phase: 'Vaihe: {phase}. {hint}',
  announce_one_minute: 'Minuutti jäljellä',
  announce_time_up: 'Aika on lopussa',
  timer_label: 'Aikaa jäljellä',
  timer_paused: 'Tauolla',
  timer_none: 'Ei ajastinta',
  time_up: 'Aika loppui',

  // common
  more: 'lisää',
  less: 'vähemmän',
  reconnecting_participant: 'Yhdistetään uudelleen… ideasi ovat tallessa tässä puhelimessa',
  reconnecting: 'Yhdistetään uudelleen…',
  slow_network: 'Hitaan verkon tila',
  connecting: 'Yhdistetään…',
  unknown_room: 'Koodilla {code} ei löydy tilaisuutta.',
  unknown_room_hint: 'Tarkista koodi taululta tai kysy vetäjältä.',
  go_start: 'Siirry etusivulle',
  bad_request_close: 'Tällä sivulla meni jotain vikaan. Lataa sivu uudelleen.',
  reload: 'Lataa uudelleen',
  sending: 'Lähetetään…',
  waiting_to_send: 'Tallessa puhelimessa, odottaa lähetystä',
  owner: 'Vastuuhenkilö',
  action: 'Seuraava askel',

  // start page
  question: 'Kysymys',
  join_title: 'Liity tilaisuuteen',
  join: 'Liity',

  // participant
  joining_title: 'Liity: ”{title}”',
  your_name: 'Nimesi',
  organisation: 'Organisaatio',
  organisation_hint: 'Vapaaehtoinen: mistä organisaatiosta tai tiimistä tulet?',
  im_done: 'Olen valmis',
  org_none: 'Ei mikään',
  org_other: 'Muu…',
  org_yours: 'Organisaatiosi',
  name_required: 'Kirjoita nimesi, jotta parisi tietää, kuka olet.',
  joined_as: 'Olet mukana, {name}.',
  wait_for_start: 'Vetäjä aloittaa pian. Pidä tämä sivu auki.',
  waiting_admit: 'Tilaisuus on jo alkanut. Vetäjä päästää sinut mukaan: pidä tämä sivu auki.',
  only_you: 'Vain sinä näet nämä parityöhön asti.',
  your_idea: 'Ideasi',
  add_idea: 'Lisää idea',
  chars_count: '{n} / {max}',
  ideas_count: '{n}/{max} ideaa',
  my_ideas: 'Omat ideasi',
  no_ideas: 'Ei vielä ideoita. Kirjoita ensimmäinen yllä.',
  edit: 'Muokkaa',
  edit_idea: 'Muokkaa ideaa: {text}',
  delete: 'Poista',
  delete_idea: 'Poista idea: {text}',
  save: 'Tallenna',
  cancel: 'Peruuta',
  edit_text: 'Muokkaa ideaasi',
  max_ideas_reached:
    'Ideoita on nyt enimmäismäärä. Muokkaa tai poista jokin, jos haluat lisätä uuden.',
  removed: 'Et ole enää mukana tilaisuudessa: vetäjä poisti paikkasi.',
  join_again: 'Liity uutena osallistujana',
  refused: 'Ei lähetetty: {message}',
  record_open: 'Mitä vetäjä muutti',

  // host
  online: 'paikalla',
  offline: 'poissa',
  remove: 'Poista',

  // breakout groups (join/group.js)
  choose_group: 'Valitse ryhmäsi',
  choose_group_hint: 'Ryhmä, jossa on muita enemmän ihmisiä, on nyt täynnä.',
  group_size: { one: '{n} henkilö', other: '{n} henkilöä' },
  group_full: 'täynnä',
  group_pair: '{pair} · kanssasi {names}',
  notice: 'Ilmoitus: {text}',
});
