// @ts-check
// English: the strings of the record ("What the facilitator changed"), of breadth of support
// and of the rank order, loaded when ui/record.js, ui/breadth.js or ui/order.js first loads
// (the phone fetches those only when needed). Each record entry is {kind, at, ...params} from
// the server (docs/protocol.md, "The record"); the params hold labels, counts, phase names
// and setting paths, never a name. Same form as en.js.
export default /** @type {StringTable} */ ({
  record_title: 'What the facilitator changed',
  record_intro: 'Everything the facilitator did that changed what you see or can do, in order.',
  record_empty: 'Nothing has been changed so far.',
  record_close: 'Close',
  record_phase: '{phase} started',
  record_phase_skipped: '{phase} started, skipping {skipped}',
  record_phase_restarted: '{phase} was restarted',
  record_finished: 'The session was finished',
  record_finished_skipped: 'The session was finished, skipping {skipped}',
  'record_timer.pause': 'The timer was paused',
  'record_timer.resume': 'The timer was resumed',
  'record_timer.add': '{amount} added to the timer',
  record_timer_take: '{amount} taken off the timer',
  record_minutes: { one: '{n} minute', other: '{n} minutes' },
  record_seconds: { one: '{n} second', other: '{n} seconds' },
  'record_pairs.shuffle': 'The pairs were shuffled',
  'record_pairs.unshuffle': 'The shuffle was undone',
  record_hide: 'An idea was hidden',
  record_hide_pair: 'An idea from {pair} was hidden',
  record_hide_group: 'An idea from {pair} ({group}) was hidden',
  'record_participant.remove': {
    one: 'A participant was removed',
    other: '{n} participants were removed',
  },
  'record_participant.admit': 'A latecomer was let in',
  'record_groups.form': { one: '{n} group was formed', other: '{n} groups were formed' },
  'record_group.move': 'A participant was moved to {group}',
  'record_session.configure': 'Settings changed: {changed}',
  record_path_title: 'the title',
  record_path_question: 'the question',
  'record_rank.reveal': 'The totals were revealed',
  record_reveal_plenary: 'The plenary totals were revealed',
  'record_notice.set': 'A notice was posted',
  record_notice_cleared: 'The notice was cleared',
  record_more: 'More changes are in the export',
  record_unknown: 'A change the facilitator made',

  backed_by_orgs: { one: 'backed by {n} organisation', other: 'backed by {n} organisations' },
  backed_by_groups: { one: 'backed in {n} group', other: 'backed in {n} groups' },
  rank_order: 'Rank ideas by',
  rank_order_points: 'Points (classic)',
  rank_order_breadth: 'Breadth: organisations first, then points',
});
