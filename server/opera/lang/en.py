"""English: the words of the report (report.html, report.md), the Markdown export and the
default labels, for `opera.lang`. Every other language's module has exactly these keys.

For translators:
- Keep each {name} placeholder as it is; move it where your sentence needs it.
- A key with a `#one` twin is a count: the plain key is the plural form (CLDR `other`), the
  twin the singular. Add the twins your language's plural rules need, with the CLDR category
  after the `#`: `one` (German, Finnish, Swedish; French `one` is 0 and 1), and for Welsh
  `zero`, `one`, `two`, `few` (3), `many` (6) beside the plain key. A twin may leave {n} out
  ("A participant was removed").
- `date` is a pattern of {day}, {month} (one of `month_1`..`month_12`, in the form the pattern
  needs: Finnish "joulukuuta") and {year}; `time` of {hour} and {minute}; `num_decimal` and
  `num_group` the marks of 3,5 and 1,234.
"""

WORDS: dict[str, str] = {
    # numbers, dates and times
    "num_decimal": ".",
    "num_group": ",",
    "date": "{day} {month} {year}",
    "time": "{hour}:{minute}",
    "month_1": "January",
    "month_2": "February",
    "month_3": "March",
    "month_4": "April",
    "month_5": "May",
    "month_6": "June",
    "month_7": "July",
    "month_8": "August",
    "month_9": "September",
    "month_10": "October",
    "month_11": "November",
    "month_12": "December",
    "list_and": "{first} and {last}",
    "list_and_vowel": "{first} and {last}",  # before a vowel (Welsh says "ac" there)
    "label_value": "{label}: {value}",  # a fact on one line (French spaces the colon)
    # the method's phases, as the record names them
    "phase_lobby": "Lobby",
    "phase_own": "Own",
    "phase_pair": "Pair",
    "phase_explain": "Explain",
    "phase_rank": "Rank",
    "phase_plenary": "Plenary",
    "phase_arrange": "Arrange",
    "phase_reflect": "Reflect",
    "phase_done": "Done",
    # default labels (the host's own labels are kept as written)
    "pair_label": "Pair {n}",
    "group_label": "Group {n}",
    "default_title": "OPERA session",
    # counts
    "people": "{n} people",
    "people#one": "{n} person",
    "organisations": "{n} organisations",
    "organisations#one": "{n} organisation",
    "points": "{n} points",
    "points#one": "{n} point",
    "participants": "{n} participants",
    "participants#one": "{n} participant",
    "pairs": "{n} pairs",
    "pairs#one": "{n} pair",
    "ideas_on_board": "{n} ideas on the board",
    "ideas_on_board#one": "{n} idea on the board",
    # the report: cover and headings
    "page_title": "{title}: after-event pack",
    "kicker": "After-event pack",
    "md_intro": "After-event pack, session {code}, {date}.",
    "h_question": "The focus question",
    "h_community": "The community",
    "h_learning": "The collective learning",
    "h_themes": "Key themes",
    "h_reflections": "Personal reflections and practical steps",
    "h_feedback": "Feedback",
    "h_record": "What the facilitator changed",
    "h_appendix": "Appendix: ideas that did not reach the board",
    "fact_date": "Date",
    "fact_code": "Session code",
    "fact_people": "People",
    "fact_organisations": "Organisations",
    "fact_written": "Ideas written",
    "fact_on_board": "Ideas on the board",
    "fact_groups": "Groups",
    # the report: sentences
    "not_yet": "These are added to the pack once the session is finished (Done).",
    "breadth": (
        "how many organisations backed each one (those with fewer than 3 people here count "
        "together, as one)"
    ),
    "learning_points": (
        "The ideas on the board, ranked by the points everyone gave them, with the breadth "
        "of their support: {breadth}. Ties go to the idea on more ballots, then to the one "
        "backed by more organisations."
    ),
    "learning_breadth": (
        "The ideas on the board, ranked by the breadth of their support first: {breadth}; "
        "then by the points everyone gave them."
    ),
    "groups_note": "Groups: how many groups' members backed a plenary idea.",
    "plenary_note": (
        "This is the plenary's vote on the groups' top ideas; each group's own follows."
    ),
    "no_plenary": "No plenary vote has taken place: each group's own ranking follows, a page each.",
    "no_ideas": "No ideas reached the board.",
    "no_themes": "No themes were made.",
    "anonymous": "Each person's answers, in no particular order and without names.",
    "record_intro": (
        "Every change the facilitator made to what people could see or do, in order (times in UTC)."
    ),
    "nothing_changed": "The facilitator changed nothing during the session.",
    "appendix_intro": (
        "Every other idea written in Own or in a pair, in no particular order, without "
        "authors or pairs."
    ),
    "appendix_none": "None: every idea did.",
    "took_part": "{people} from {organisations} took part.",
    "naming_none": "{people} naming none",
    "other_organisations": "Other organisations",
    "no_organisation": "No organisation given",
    "merged": (
        "Organisations with fewer than {small} people here are counted together as "
        "“{other}” ({held})."
    ),
    "group_size": "{people} from {organisations}",
    "group_all_small": "{size}, none with {small} or more people here.",
    "group_named": "{size}: {named}.",
    "group_named_rest": "{size}: {named}, and {other} from other organisations.",
    "support": "rank {rank}, {points}, backed by {organisations}",
    "no_scores": "No scores were given.",
    "average": ("Average score {average} out of 5, from {people} (1 is poor, 5 is excellent)."),
    "no_answers": "No answers.",
    "in_their_words": "In their words",
    "score": "Score {n}",
    "owner": "Owner",
    "next_action": "Next action",
    "none": "none",
    # the report: charts and tables
    "chart_organisations": "Chart: people from each organisation (the table below has the figures)",
    "chart_points": (
        "Chart: points and organisations backing each idea (the table below has them all)"
    ),
    "chart_caption": "Points per idea; each dot is one organisation backing it.",
    "chart_caption_top": (
        "Points per idea (the first {n}); each dot is one organisation backing it."
    ),
    "chart_scores": "Chart: how many people gave each score",
    "col_organisation": "Organisation",
    "col_people": "People",
    "col_rank": "Rank",
    "col_idea": "Idea",
    "col_points": "Points",
    "col_ballots": "Ballots",
    "col_organisations": "Organisations",
    "col_groups": "Groups",
    "col_theme": "Theme",
    "col_score": "Score",
    # the Markdown export (export.md)
    "question": "Question",
    "md_summary": "Session {code}, {date}. {participants}, {pairs}, {ideas}.",
    "ranked_ideas": "Ranked ideas",
    "plenary": "Plenary",
    "group_heading": "{group} ({people})",
    "clusters": "Clusters",
    "no_clusters": "No clusters were made.",
    "parked": "Parked",
    "rank_points": "rank {rank}, {points}",
    "reflections": "Reflections",
    "feedback": "Feedback",
    "md_average": "Average {average} of 5 from {people} ({counts}).",
    "col_votes": "Votes",
    "col_orgs": "Orgs",
    "col_cluster": "Cluster",
    "col_pair": "Pair",
    # the record of what the facilitator changed
    "rec_restarted": "{phase} was restarted",
    "rec_started": "{phase} started",
    "rec_finished": "The session was finished",
    "rec_skipping": "{said}, skipping {skipped}",
    "rec_minutes_added": "{n} minutes added to the timer",
    "rec_minutes_added#one": "{n} minute added to the timer",
    "rec_minutes_taken": "{n} minutes taken off the timer",
    "rec_minutes_taken#one": "{n} minute taken off the timer",
    "rec_seconds_added": "{n} seconds added to the timer",
    "rec_seconds_added#one": "{n} second added to the timer",
    "rec_seconds_taken": "{n} seconds taken off the timer",
    "rec_seconds_taken#one": "{n} second taken off the timer",
    "rec_hidden": "An idea was hidden",
    "rec_hidden_from": "An idea from {where} was hidden",
    "rec_removed": "{n} participants were removed",
    "rec_removed#one": "A participant was removed",
    "rec_groups_formed": "{n} groups were formed",
    "rec_moved": "A participant was moved to {group}",
    "rec_settings": "Settings changed: {changed}",
    "rec_revealed": "The totals were revealed",
    "rec_plenary_revealed": "The plenary totals were revealed",
    "rec_notice_cleared": "The notice was cleared",
    "rec_notice_posted": "A notice was posted",
    "rec_paused": "The timer was paused",
    "rec_resumed": "The timer was resumed",
    "rec_shuffled": "The pairs were shuffled",
    "rec_unshuffled": "The shuffle was undone",
    "rec_admitted": "A latecomer was let in",
    "rec_more": "More changes are in the export",
}
