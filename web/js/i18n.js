// @ts-check
// Every visible string the phone shows, in one place per language (the start page's and the
// console's own are in strings-wide.js, which only those pages load). German and Finnish can
// follow with the same keys; `t()` falls back to English for a missing key. Put each new language in its own
// module (strings-de.js, strings-fi.js) and load it with a dynamic import() before the first
// render: the participant page must stay under 100 KB (HTML + CSS + JS), and English alone
// already takes about 10 KB of it.
// Values are plain strings with {name} placeholders, or functions of the variables
// (for plurals).

/** @param {number} n @param {string} one @param {string} many */
export const plural = (n, one, many) => (n === 1 ? one : many).replace('{n}', String(n));

/** @type {StringTable} */
export const en = {
  app_name: 'Opera Room',
  lang: 'en',

  // phases
  phase_lobby: 'Lobby',
  phase_own: 'Own',
  phase_pair: 'Pair',
  phase_explain: 'Explain',
  phase_rank: 'Rank',
  phase_arrange: 'Arrange',
  phase_done: 'Done',
  phase_plenary: 'Plenary',
  phase_reflect: 'Reflect',
  start_phase_reflect: 'Start Reflect',
  have_reflected: '{done} of {of} have reflected',
  group_n: 'Group {n}',
  phase_hint_lobby: 'Waiting for everyone to join',
  phase_hint_own: 'Write your ideas alone, in silence',
  phase_hint_pair: 'Agree on a shared shortlist in your pair',
  phase_hint_explain: 'Each pair presents briefly. No debate.',
  phase_hint_rank: 'Vote for the ideas that matter most',
  phase_hint_arrange: 'Group the ideas and agree next steps',
  phase_hint_plenary: "Every group's best ideas: vote across groups",
  phase_hint_reflect: 'A few words to take away, for you alone',
  phase_hint_done: 'The session has finished',
  announce_phase: 'Phase: {phase}. {hint}',
  announce_one_minute: 'One minute left',
  announce_time_up: 'Time is up',
  timer_label: 'Time left',
  timer_paused: 'Paused',
  timer_none: 'No timer',
  time_up: "Time's up",

  // common
  more: 'more',
  less: 'less',
  reconnecting_participant: 'Reconnecting… your ideas are safe on this phone',
  reconnecting: 'Reconnecting…',
  slow_network: 'Slow network mode',
  connecting: 'Connecting…',
  unknown_room: 'There is no session with the code {code}.',
  unknown_room_hint: 'Check the code on the board, or ask the facilitator.',
  go_start: 'Go to the start page',
  bad_request_close: 'Something went wrong with this page. Please reload it.',
  reload: 'Reload',
  sending: 'Sending…',
  waiting_to_send: 'Saved on this phone, waiting to send',
  room_code: 'Room code',
  join_at: 'Join at',
  qr_alt: 'QR code to join this session',
  your_pair: 'Your pair',
  points: (v) => plural(v.n, '{n} point', '{n} points'),
  rank_n: '#{n}',
  not_placed: 'Not placed yet',
  parked: 'Parked (no votes)',
  owner: 'Owner',
  action: 'Next action',
  owner_value: 'Owner: {value}',
  action_value: 'Next: {value}',
  no_ideas_yet: 'No ideas on the board yet.',
  hidden_idea: 'Hidden',

  // start page
  question: 'Question',
  join_title: 'Join a session',
  join: 'Join',

  // participant
  joining_title: 'Join “{title}”',
  your_name: 'Your name',
  organisation: 'Organisation',
  organisation_hint: 'Optional: which organisation or team are you from?',
  im_done: 'I’m done',
  org_none: 'None',
  org_other: 'Other…',
  org_yours: 'Your organisation',
  name_required: 'Please write your name, so your partner knows who you are.',
  joined_as: 'You are in, {name}.',
  wait_for_start: 'The facilitator will start soon. Keep this page open.',
  waiting_admit: 'The session has started. The facilitator will let you in: keep this page open.',
  only_you: 'Only you can see these until Pair.',
  your_idea: 'Your idea',
  add_idea: 'Add idea',
  chars_count: '{n} / {max}',
  ideas_count: '{n} of {max} ideas',
  my_ideas: 'Your ideas',
  no_ideas: 'No ideas yet. Write the first one above.',
  edit: 'Edit',
  edit_idea: 'Edit idea: {text}',
  delete: 'Delete',
  delete_idea: 'Delete idea: {text}',
  save: 'Save',
  cancel: 'Cancel',
  edit_text: 'Edit your idea',
  max_ideas_reached: 'You have written the most ideas allowed. Edit or delete one to add another.',
  you_are_with: 'You are with {names}',
  and: ' and ',
  no_pair: 'You are not in a pair this round.',
  no_pair_hint: 'Stay on this page; you will see the board and can vote later.',
  pool: 'Your shared ideas',
  pool_hint: 'Tick the ideas to put on your shortlist (at most {max}).',
  shortlist: 'Your shortlist',
  shortlist_empty: 'Nothing on the shortlist yet.',
  move_up: 'Move up: {text}',
  move_down: 'Move down: {text}',
  shared_idea: 'Shared idea',
  shared_idea_hint: 'Write a new or merged idea together.',
  add_to_pool: 'Add to pool',
  confirm_shortlist: 'Confirm shortlist',
  shortlist_confirmed: 'You confirmed this shortlist',
  you_confirmed: 'You confirmed the shortlist.',
  partner_confirmed: '{name} confirmed.',
  partner_waiting: 'Waiting for {name} to confirm.',
  pair_confirmed: 'Your shortlist is final. It goes on the board in Explain.',
  changes_clear: 'Any change clears the confirmations.',
  speaking_now: 'Speaking now',
  explain_wait: 'The facilitator will spotlight each pair in turn.',
  votes_left: (v) => plural(v.n, '{n} vote left', '{n} votes left'),
  rank_rule: (v) =>
    plural(
      v.n,
      "At most {n} vote for your own pair's ideas.",
      "At most {n} votes for your own pair's ideas.",
    ),
  rank_rule_person: (v) =>
    plural(v.n, 'At most {n} vote for your own ideas.', 'At most {n} votes for your own ideas.'),
  rank_shared: (v) =>
    v.n > 1
      ? 'You and your partners share these votes.'
      : 'You and your partner share these votes.',
  vote_for: 'Vote for {text}',
  remove_vote: 'Remove vote for {text}',
  vote: 'Vote',
  arrange_watch: 'Watch the board: the ideas are being grouped.',
  arrange_together:
    'Group the ideas together: start a cluster with a label, then move each idea into one.',
  create_cluster: 'Create cluster',
  cluster_label: 'Cluster label',
  move_to: 'Move to…',
  move_idea_to: 'Move “{text}” to',
  done_thanks: 'Thank you for taking part!',
  done_result: 'The result',
  done_wait: 'The facilitator will share the result.',
  removed: 'You are no longer in this session. The facilitator removed this place.',
  join_again: 'Join as someone new',
  refused: 'Not sent: {message}',
  record_open: 'What the facilitator changed',

  // board
  people_joined: (v) => plural(v.n, '{n} person has joined', '{n} people have joined'),
  have_written: '{done} of {of} have written',
  pairs_confirmed: '{done} of {of} pairs confirmed',
  pairs_spoken: '{done} of {of} pairs have presented',
  have_voted: '{done} of {of} have voted',
  ideas_placed: '{done} of {of} ideas placed',
  people_online: '{done} of {of} here',
  light_theme: 'Light theme',
  dark_theme: 'Dark theme',
  results: 'Results',
  up_next: 'Up next',

  // host
  online: 'online',
  offline: 'offline',
  remove: 'Remove',
  backing: (v) =>
    `${plural(v.votes, 'backed by {n} ballot', 'backed by {n} ballots')} ${plural(v.orgs, 'from {n} organisation', 'from {n} organisations')}`,
};

/** @type {Record<string, StringTable>} */
export const strings = { en };

let current = en;

/** @param {string} lang */
export function setLanguage(lang) {
  current = strings[lang] || en;
  const code = current.lang;
  document.documentElement.lang = typeof code === 'string' && code ? code : 'en';
}

/**
 * The string `key` in the current language (English if it has none; the key itself if
 * English has none either), its {name} placeholders filled from `vars`.
 * @param {string} key
 * @param {Vars} [vars]
 * @returns {string}
 */
export function t(key, vars = {}) {
  const s = key in current ? current[key] : en[key];
  if (s === undefined) return key;
  if (typeof s === 'function') return s(vars);
  return s.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}
