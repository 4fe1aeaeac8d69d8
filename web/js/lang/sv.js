// @ts-check
// Svenska: the phone's strings at the lobby and in Own (later screens: sv-later.js; the same keys
// as en.js). Register: "du" throughout. The phase names are the steps of the Finland-Swedish
// OPERA material (Omedelbara egna tankar, Parets tankar, Exponera, Rangordna, Arrangera), the
// first shortened to "Egna tankar". Words: idé, par, lista (shortlist), röst, poäng, tema
// (cluster; grupp is a breakout group), processledaren (facilitator), tavlan, möte (session).
export default /** @type {StringTable} */ ({
  lang_name: 'Svenska',
  app_name: 'Opera Room',
  language: 'Språk',

  // phases
  phase_lobby: 'Lobby',
  phase_own: 'Egna tankar',
  phase_pair: 'Parets tankar',
  phase_explain: 'Exponera',
  phase_rank: 'Rangordna',
  phase_arrange: 'Arrangera',
  phase_done: 'Klart',
  phase_plenary: 'Plenum',
  phase_reflect: 'Reflektion',
  group_n: 'Grupp {n}',
  pair_n: 'Par {n}',
  phase_hint_lobby: 'Vi väntar på att alla ska gå med',
  phase_hint_own: 'Skriv dina idéer själv, i tystnad',
  phase_hint_pair: 'Kom överens om en gemensam lista i paret',
  phase_hint_explain: 'Varje par presenterar kort. Ingen debatt.',
  phase_hint_rank: 'Rösta på de idéer som betyder mest',
  phase_hint_arrange: 'Gruppera idéerna och kom överens om nästa steg',
  phase_hint_plenary: 'Alla gruppers bästa idéer: rösta över gruppgränserna',
  phase_hint_reflect: 'Några ord att ta med dig, bara för dig',
  phase_hint_done: 'Mötet är avslutat',
  announce_phase: 'Fas: {phase}. {hint}',
  announce_one_minute: 'En minut kvar',
  announce_time_up: 'Tiden är slut',
  timer_label: 'Tid kvar',
  timer_paused: 'Pausad',
  timer_none: 'Ingen timer',
  time_up: 'Tiden är ute',

  // common
  more: 'mer',
  less: 'mindre',
  reconnecting_participant: 'Ansluter igen… dina idéer finns kvar på den här telefonen',
  reconnecting: 'Ansluter igen…',
  slow_network: 'Läge för långsamt nät',
  connecting: 'Ansluter…',
  unknown_room: 'Det finns inget möte med koden {code}.',
  unknown_room_hint: 'Kontrollera koden på tavlan eller fråga processledaren.',
  go_start: 'Till startsidan',
  bad_request_close: 'Något gick fel med sidan. Ladda om den.',
  reload: 'Ladda om',
  sending: 'Skickar…',
  waiting_to_send: 'Sparat på telefonen, väntar på att skickas',
  owner: 'Ansvarig',
  action: 'Nästa steg',

  // start page
  question: 'Fråga',
  join_title: 'Gå med i ett möte',
  join: 'Gå med',

  // participant
  joining_title: 'Gå med i ”{title}”',
  your_name: 'Ditt namn',
  organisation: 'Organisation',
  organisation_hint: 'Frivilligt: vilken organisation eller vilket team kommer du från?',
  im_done: 'Jag är klar',
  org_none: 'Ingen',
  org_other: 'Annan…',
  org_yours: 'Din organisation',
  name_required: 'Skriv ditt namn, så att din partner vet vem du är.',
  joined_as: 'Du är med, {name}.',
  wait_for_start: 'Processledaren börjar snart. Håll sidan öppen.',
  waiting_admit: 'Mötet har börjat. Processledaren släpper in dig: håll sidan öppen.',
  only_you: 'Bara du ser dessa fram till Parets tankar.',
  your_idea: 'Din idé',
  add_idea: 'Lägg till idé',
  chars_count: '{n} / {max}',
  ideas_count: '{n} av {max} idéer',
  my_ideas: 'Dina idéer',
  no_ideas: 'Inga idéer än. Skriv den första här ovanför.',
  edit: 'Redigera',
  edit_idea: 'Redigera idén: {text}',
  delete: 'Ta bort',
  delete_idea: 'Ta bort idén: {text}',
  save: 'Spara',
  cancel: 'Avbryt',
  edit_text: 'Redigera din idé',
  max_ideas_reached:
    'Du har skrivit så många idéer som går. Redigera eller ta bort en för att lägga till en ny.',
  removed: 'Du är inte längre med i mötet: processledaren tog bort din plats.',
  join_again: 'Gå med som ny deltagare',
  refused: 'Inte skickat: {message}',
  record_open: 'Vad processledaren ändrade',

  // host
  online: 'ansluten',
  offline: 'frånkopplad',
  remove: 'Ta bort',

  // breakout groups (join/group.js)
  choose_group: 'Välj din grupp',
  choose_group_hint: 'En grupp med fler personer än de andra är full just nu.',
  group_size: { one: '{n} person', other: '{n} personer' },
  group_full: 'full',
  group_pair: '{pair} · med {names}',
  notice: 'Meddelande: {text}',
});
