// @ts-check
// Deutsch: the sentence for every refusal reason of server/opera/engine/outcome.py REASONS
// (`err_<reason>`, the same placeholders), loaded at the first error. Command and setting
// names (session.configure, rank.budget …) stay as the protocol spells them.
export default /** @type {StringTable} */ ({
  // the log and the command envelope
  err_session_exists: 'Diese Sitzung gibt es schon.',
  err_unknown_entry: 'Unbekannte Art von Eintrag.',
  err_no_sender: 'Ein Befehl braucht einen Absender.',
  err_bad_command_id: 'Eine Befehls-ID hat 1 bis 64 Zeichen.',
  err_no_time: 'Ein Befehl braucht eine Zeitangabe.',
  err_bad_seed: 'Der Seed eines Befehls ist eine ganze Zahl.',
  err_unknown_command: 'Unbekannter Befehl „{command}“.',
  err_args_not_object: '{command}: args muss ein Objekt sein.',
  err_bad_args: '{command}: {detail}.',
  // who may do what
  err_participants_only: 'Das können nur Teilnehmende.',
  err_not_in_session: 'Sie sind nicht in dieser Sitzung.',
  err_wait_for_admission: 'Bitte warten Sie: Die Moderation lässt Sie gleich herein.',
  err_host_only: 'Das kann nur die Moderation.',
  err_host_arranges: 'Nur die Moderation ordnet das Board.',
  err_board_read_only: 'Das Board zeigt nur an; es kann nichts tun.',
  // joining
  err_bad_participant_id: 'Eine Teilnehmer-ID hat 1 bis 32 Buchstaben, Ziffern, - oder _.',
  err_join_needs_key: 'Zum Beitreten braucht es einen Schlüssel.',
  err_name_missing: 'Bitte geben Sie einen Namen an.',
  err_org_not_text: 'Eine Organisation ist ein Text.',
  err_join_needs_time: 'Zum Beitreten braucht es eine Zeitangabe.',
  err_already_joined: 'Diese Person ist schon dabei.',
  err_session_closed: 'Diese Sitzung nimmt niemanden mehr auf.',
  err_too_many_participants: 'Eine Sitzung hat höchstens {n} Teilnehmende.',
  err_no_such_participant: 'Diese Person gibt es nicht.',
  err_person_not_waiting: '{name} wartet nicht auf Einlass.',
  // texts too long
  err_name_too_long: 'Ein Name hat höchstens {n} Zeichen.',
  err_org_too_long: 'Eine Organisation hat höchstens {n} Zeichen.',
  err_idea_too_long: 'Eine Idee hat höchstens {n} Zeichen.',
  err_answer_too_long: 'Eine Antwort hat höchstens {n} Zeichen.',
  err_feedback_too_long: 'Ein Feedback-Satz hat höchstens {n} Zeichen.',
  err_label_too_long: 'Eine Überschrift hat höchstens {n} Zeichen.',
  err_owner_too_long: 'Die Angabe „Verantwortlich“ hat höchstens {n} Zeichen.',
  err_action_too_long: 'Ein nächster Schritt hat höchstens {n} Zeichen.',
  err_title_too_long: 'Ein Titel hat höchstens {n} Zeichen.',
  err_question_too_long: 'Eine Leitfrage hat höchstens {n} Zeichen.',
  err_notice_too_long: 'Ein Hinweis hat höchstens {n} Zeichen.',
  // the wrong phase for a command
  err_timer_phase: 'Gerade gibt es keinen Timer.',
  err_shuffle_phase: 'Paare lassen sich nur während der Paararbeit neu mischen.',
  err_unshuffle_phase: 'Das Mischen lässt sich nur während der Paararbeit rückgängig machen.',
  err_explain_focus_phase: 'Ein Paar lässt sich nur beim Vorstellen aufrufen.',
  err_reveal_phase: 'Die Summen lassen sich erst ab „Bewerten“ aufdecken.',
  err_cluster_phase: 'Cluster entstehen beim Ordnen.',
  err_place_phase: 'Ideen werden beim Ordnen zugeordnet.',
  err_hide_phase: 'Ideen lassen sich erst ausblenden, wenn sie am Board sind.',
  err_groups_form_phase: 'Gruppen werden beim Ankommen gebildet.',
  err_group_choose_phase: 'Gruppen werden beim Ankommen gewählt.',
  err_group_move_phase: 'Die Gruppe lässt sich nur vor der Paararbeit wechseln.',
  err_plenary_focus_phase: 'Gruppen werden im Plenum aufgerufen.',
  err_idea_add_phase: 'Ideen werden in der Phase „Eigene Ideen“ geschrieben.',
  err_idea_edit_phase: 'Ideen lassen sich nur in der Phase „Eigene Ideen“ ändern.',
  err_idea_delete_phase: 'Ideen lassen sich nur in der Phase „Eigene Ideen“ löschen.',
  err_own_done_phase: '„Ich bin fertig“ geht nur in der Phase „Eigene Ideen“.',
  err_pair_phase: 'Das geht nur während der Paararbeit.',
  err_reflection_phase: 'Reflexionen werden in der Phase „Reflexion“ geschrieben.',
  err_feedback_phase: 'Feedback wird in der Phase „Reflexion“ gegeben.',
  err_vote_phase: 'Abgestimmt wird beim Bewerten und im Plenum.',
  err_voting_closed: 'Die Abstimmung ist geschlossen.',
  err_suggest_phase: 'Cluster-Vorschläge gibt es ab dem Vorstellen.',
  // the session and its phases
  err_bad_settings: 'session.configure: {detail}.',
  err_rank_setting_locked:
    'rank.{setting} lässt sich nach dem Start von „Bewerten“ nicht mehr ändern.',
  err_settings_locked:
    'Die Einstellungen unter {section} lassen sich nicht mehr ändern, sobald sie in Gebrauch sind.',
  err_prompts_locked: 'reflect.prompts lässt sich nach dem Start der Reflexion nicht mehr ändern.',
  err_phase_passed:
    'Die Sitzung ist schon über die Phase {phase} hinaus; Phasen gehen nicht zurück.',
  err_plenary_without_groups: 'Das Plenum führt Kleingruppen zusammen: Diese Sitzung hat keine.',
  err_timer_already_paused: 'Der Timer ist schon angehalten.',
  err_no_timer_running: 'Es läuft kein Timer.',
  err_timer_not_paused: 'Der Timer ist nicht angehalten.',
  err_no_timer_to_shorten: 'Es läuft kein Timer, der sich verkürzen ließe.',
  // breakout groups
  err_first_group_too_small: {
    one: 'Gruppe 1 hätte weniger als {n} Person.',
    other: 'Gruppe 1 hätte weniger als {n} Personen.',
  },
  err_group_too_small: {
    one: '{group} hat weniger als {n} Person.',
    other: '{group} hat weniger als {n} Personen.',
  },
  err_groups_off: 'Kleingruppen sind aus: Setzen Sie zuerst groups.size.',
  err_too_many_groups: {
    one: 'Bei {people} Personen gibt es höchstens {n} Gruppe.',
    other: 'Bei {people} Personen gibt es höchstens {n} Gruppen.',
  },
  err_groups_by_host: 'In dieser Sitzung teilt die Moderation die Gruppen zu.',
  err_groups_not_open: 'Die Gruppen sind noch nicht offen.',
  err_no_such_group: 'Diese Gruppe gibt es nicht.',
  err_group_full: '{group} ist vorerst voll: Wählen Sie eine andere Gruppe.',
  err_no_groups_yet: 'Es gibt noch keine Kleingruppen.',
  err_person_waiting: '{name} wartet auf Einlass.',
  // Own
  err_too_many_ideas: {
    one: 'Sie können höchstens {n} Idee schreiben.',
    other: 'Sie können höchstens {n} Ideen schreiben.',
  },
  err_no_such_idea: 'Sie haben keine Idee mit dieser ID.',
  // Pair
  err_nothing_to_unshuffle: 'Es gibt kein Mischen, das sich rückgängig machen ließe.',
  err_unshuffle_stale:
    'Das Mischen lässt sich nicht mehr rückgängig machen: Die neuen Paare haben sich inzwischen verändert (eine Idee geschrieben, eine Auswahl, eine Bestätigung, jemand entfernt oder hereingelassen).',
  err_not_in_pair: 'Sie sind in keinem Paar.',
  err_pool_full: {
    one: 'Die gemeinsamen Ideen eines Paares fassen höchstens {n} Idee.',
    other: 'Die gemeinsamen Ideen eines Paares fassen höchstens {n} Ideen.',
  },
  err_shortlisted_twice: 'pair.shortlist: Eine Idee kann nur einmal in der Auswahl stehen.',
  err_idea_not_in_pool: 'Diese Idee gehört nicht zu den gemeinsamen Ideen Ihres Paares.',
  err_shortlist_full: {
    one: 'Eine Auswahl fasst höchstens {n} Idee.',
    other: 'Eine Auswahl fasst höchstens {n} Ideen.',
  },
  err_shortlist_empty: 'Wählen Sie Ideen aus, bevor Sie die Auswahl bestätigen.',
  // Explain, Rank, the plenary
  err_idea_not_on_board: 'Diese Idee ist nicht am Board.',
  err_pair_not_on_board: 'Dieses Paar hat keine Auswahl am Board.',
  err_group_not_on_board: 'Diese Gruppe hat keine Idee am Board des Plenums.',
  err_no_ballot: 'Sie haben keinen Stimmzettel.',
  err_idea_cap_one: 'Sie können einer Idee höchstens 1 Stimme geben.',
  err_idea_cap: {
    one: 'Sie können einer Idee höchstens {n} Stimme geben.',
    other: 'Sie können einer Idee höchstens {n} Stimmen geben.',
  },
  err_budget_one: 'Sie haben insgesamt 1 Stimme.',
  err_budget: { one: 'Sie haben insgesamt {n} Stimme.', other: 'Sie haben insgesamt {n} Stimmen.' },
  err_own_pair_cap_one: 'Sie können den Ideen Ihres eigenen Paares höchstens 1 Stimme geben.',
  err_own_pair_cap: {
    one: 'Sie können den Ideen Ihres eigenen Paares höchstens {n} Stimme geben.',
    other: 'Sie können den Ideen Ihres eigenen Paares höchstens {n} Stimmen geben.',
  },
  err_own_group_cap_one: 'Sie können den Ideen Ihrer eigenen Gruppe höchstens 1 Stimme geben.',
  err_own_group_cap: {
    one: 'Sie können den Ideen Ihrer eigenen Gruppe höchstens {n} Stimme geben.',
    other: 'Sie können den Ideen Ihrer eigenen Gruppe höchstens {n} Stimmen geben.',
  },
  // Arrange
  err_listed_twice: 'cluster.create: Eine Idee kann nur einmal aufgeführt sein.',
  err_too_many_clusters: 'Es gibt höchstens {n} Cluster.',
  err_cluster_update_empty:
    'cluster.update: Geben Sie eine Überschrift, eine verantwortliche Person oder einen nächsten Schritt an.',
  err_cluster_needs_label: 'cluster.update: Ein Cluster braucht eine Überschrift.',
  err_no_such_cluster: 'Dieses Cluster gibt es nicht.',
  // Reflect
  err_prompt_out_of_range: 'reflection.set: prompt liegt zwischen 0 und {last}.',
  // the connection
  err_bad_frame: '{detail}',
  err_hello_again: 'hello wurde schon gesendet.',
  err_slow_down:
    'Zu viele Nachrichten auf einmal: Warten Sie kurz und versuchen Sie es noch einmal.',
  err_storage_down:
    'Der Server kann gerade nicht speichern; nichts wurde geändert. Versuchen Sie es gleich noch einmal.',
  err_log_lost:
    'Der Speicher des Servers hat die letzten Änderungen verloren (er startete ohne seine letzte Sekunde neu), und die Sitzung wurde aus dem Gespeicherten neu geladen. Prüfen Sie die letzten Schritte; die Handys senden erneut, was nicht gespeichert wurde.',
  err_too_many_frames: 'Höchstens {n} Frames pro Anfrage.',
  // HTTP
  err_bad_body: '{detail}',
  err_body_too_large: 'Der Inhalt einer Anfrage darf höchstens {n} Bytes groß sein.',
  err_too_many_sessions: 'Zu viele neue Sitzungen von hier; warten Sie eine Minute.',
  err_too_many_guesses: 'Zu viele unbekannte Zugangscodes; warten Sie eine Minute.',
  err_no_such_session: 'Es gibt keine Sitzung mit diesem Code.',
  err_host_token_missing: 'Senden Sie den Moderationsschlüssel: Authorization: Bearer <token>.',
  err_host_token_wrong: 'Das ist nicht der Moderationsschlüssel dieser Sitzung.',
  err_metrics_token_missing: 'Senden Sie den Metrik-Schlüssel: Authorization: Bearer …',
  err_bad_export: 'Exporte gibt es als .csv, .md und .json.',
  err_bad_appendix: 'appendix ist 0 oder 1.',
  err_report_link_expired:
    'Dieser Link zur Dokumentation ist ungültig oder abgelaufen; öffnen Sie sie erneut.',
  err_store_unreachable:
    'Der Server erreicht seinen Speicher gerade nicht; versuchen Sie es gleich noch einmal.',
  err_store_damaged:
    'Die gespeicherten Daten dieser Sitzung sind beschädigt; das Log des Servers sagt, wie sie sich reparieren lassen.',
  err_http_status: '{detail}',
});
