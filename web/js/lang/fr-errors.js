// @ts-check
// Français : the sentence for every refusal reason of server/opera/engine/outcome.py REASONS
// (`err_<reason>`, the same placeholders), loaded at the first error. Command and setting
// names (session.configure, rank.budget …) stay as the protocol spells them.
export default /** @type {StringTable} */ ({
  // the log and the command envelope
  err_session_exists: 'Cette séance existe déjà.',
  err_unknown_entry: 'Type d’entrée inconnu.',
  err_no_sender: 'Une commande a besoin d’un expéditeur.',
  err_bad_command_id: 'Un identifiant de commande compte de 1 à 64 caractères.',
  err_no_time: 'Une commande a besoin d’une heure.',
  err_bad_seed: 'La graine d’une commande est un nombre entier.',
  err_unknown_command: 'Commande inconnue « {command} ».',
  err_args_not_object: '{command} : args doit être un objet.',
  err_bad_args: '{command} : {detail}.',
  // who may do what
  err_participants_only: 'Seuls les participants peuvent faire cela.',
  err_not_in_session: 'Vous ne faites pas partie de cette séance.',
  err_wait_for_admission: 'Merci de patienter : l’animateur va vous faire entrer.',
  err_host_only: 'Seul l’animateur peut faire cela.',
  err_host_arranges: 'Seul l’animateur organise le tableau.',
  err_board_read_only: 'Le tableau ne fait qu’afficher ; il ne peut pas agir.',
  // joining
  err_bad_participant_id:
    'Un identifiant de participant compte de 1 à 32 lettres, chiffres, - ou _.',
  err_join_needs_key: 'Pour rejoindre, il faut une clé.',
  err_name_missing: 'Indiquez un nom.',
  err_org_not_text: 'Une organisation est un texte.',
  err_join_needs_time: 'Pour rejoindre, il faut une heure.',
  err_already_joined: 'Cette personne a déjà rejoint la séance.',
  err_session_closed: 'Cette séance n’accepte plus de nouveaux participants.',
  err_too_many_participants: {
    one: 'Une séance compte au plus {n} participant.',
    many: 'Une séance compte au plus {n} participants.',
    other: 'Une séance compte au plus {n} participants.',
  },
  err_no_such_participant: 'Participant introuvable.',
  err_person_not_waiting: '{name} n’attend pas d’entrer.',
  // texts too long
  err_name_too_long: {
    one: 'Un nom compte au plus {n} caractère.',
    many: 'Un nom compte au plus {n} caractères.',
    other: 'Un nom compte au plus {n} caractères.',
  },
  err_org_too_long: {
    one: 'Une organisation compte au plus {n} caractère.',
    many: 'Une organisation compte au plus {n} caractères.',
    other: 'Une organisation compte au plus {n} caractères.',
  },
  err_idea_too_long: {
    one: 'Une idée compte au plus {n} caractère.',
    many: 'Une idée compte au plus {n} caractères.',
    other: 'Une idée compte au plus {n} caractères.',
  },
  err_answer_too_long: {
    one: 'Une réponse compte au plus {n} caractère.',
    many: 'Une réponse compte au plus {n} caractères.',
    other: 'Une réponse compte au plus {n} caractères.',
  },
  err_feedback_too_long: {
    one: 'Une phrase de retour compte au plus {n} caractère.',
    many: 'Une phrase de retour compte au plus {n} caractères.',
    other: 'Une phrase de retour compte au plus {n} caractères.',
  },
  err_label_too_long: {
    one: 'Un intitulé compte au plus {n} caractère.',
    many: 'Un intitulé compte au plus {n} caractères.',
    other: 'Un intitulé compte au plus {n} caractères.',
  },
  err_owner_too_long: {
    one: 'Le champ « Responsable » compte au plus {n} caractère.',
    many: 'Le champ « Responsable » compte au plus {n} caractères.',
    other: 'Le champ « Responsable » compte au plus {n} caractères.',
  },
  err_action_too_long: {
    one: 'Une prochaine étape compte au plus {n} caractère.',
    many: 'Une prochaine étape compte au plus {n} caractères.',
    other: 'Une prochaine étape compte au plus {n} caractères.',
  },
  err_title_too_long: {
    one: 'Un titre compte au plus {n} caractère.',
    many: 'Un titre compte au plus {n} caractères.',
    other: 'Un titre compte au plus {n} caractères.',
  },
  err_question_too_long: {
    one: 'Une question compte au plus {n} caractère.',
    many: 'Une question compte au plus {n} caractères.',
    other: 'Une question compte au plus {n} caractères.',
  },
  err_notice_too_long: {
    one: 'Une annonce compte au plus {n} caractère.',
    many: 'Une annonce compte au plus {n} caractères.',
    other: 'Une annonce compte au plus {n} caractères.',
  },
  // the wrong phase for a command
  err_timer_phase: 'Il n’y a pas de minuteur en ce moment.',
  err_shuffle_phase: 'Les binômes ne peuvent être refaits que pendant le travail en binôme.',
  err_unshuffle_phase: 'Le mélange ne peut être annulé que pendant le travail en binôme.',
  err_explain_focus_phase: 'On ne donne la parole à un binôme que pendant la présentation.',
  err_reveal_phase: 'Les totaux ne peuvent être affichés qu’à partir du vote.',
  err_cluster_phase: 'Les thèmes se créent pendant le regroupement.',
  err_place_phase: 'Les idées se placent pendant le regroupement.',
  err_hide_phase: 'Une idée ne peut être masquée qu’une fois au tableau.',
  err_groups_form_phase: 'Les groupes se forment pendant l’accueil.',
  err_group_choose_phase: 'Les groupes se choisissent pendant l’accueil.',
  err_group_move_phase: 'On ne peut changer de groupe qu’avant le travail en binôme.',
  err_plenary_focus_phase: 'On donne la parole aux groupes pendant la plénière.',
  err_idea_add_phase: 'Les idées s’écrivent pendant le travail en solo.',
  err_idea_edit_phase: 'Les idées ne peuvent être modifiées que pendant le travail en solo.',
  err_idea_delete_phase: 'Les idées ne peuvent être supprimées que pendant le travail en solo.',
  err_own_done_phase: 'On ne peut dire « J’ai terminé » que pendant le travail en solo.',
  err_pair_phase: 'Ce n’est possible que pendant le travail en binôme.',
  err_reflection_phase: 'Le bilan s’écrit pendant la phase « Bilan ».',
  err_feedback_phase: 'Les retours se donnent pendant la phase « Bilan ».',
  err_vote_phase: 'On vote pendant la phase « Vote » et la plénière.',
  err_voting_closed: 'Le vote est clos.',
  err_suggest_phase: 'Les thèmes peuvent être suggérés à partir de la présentation.',
  // the session and its phases
  err_bad_settings: 'session.configure : {detail}.',
  err_rank_setting_locked: 'rank.{setting} ne peut plus changer une fois le vote lancé.',
  err_settings_locked: 'Les réglages {section} ne peuvent plus changer une fois utilisés.',
  err_prompts_locked: 'reflect.prompts ne peut plus changer une fois le bilan lancé.',
  err_phase_passed: 'La séance a déjà dépassé la phase {phase} ; on ne revient pas en arrière.',
  err_plenary_without_groups: 'La plénière réunit les sous-groupes : cette séance n’en a pas.',
  err_timer_already_paused: 'Le minuteur est déjà en pause.',
  err_no_timer_running: 'Aucun minuteur ne tourne.',
  err_timer_not_paused: 'Le minuteur n’est pas en pause.',
  err_no_timer_to_shorten: 'Aucun minuteur ne tourne, il n’y a rien à raccourcir.',
  // breakout groups
  err_first_group_too_small: {
    one: 'Le groupe 1 aurait moins de {n} personne.',
    many: 'Le groupe 1 aurait moins de {n} personnes.',
    other: 'Le groupe 1 aurait moins de {n} personnes.',
  },
  err_group_too_small: {
    one: '{group} compte moins de {n} personne.',
    many: '{group} compte moins de {n} personnes.',
    other: '{group} compte moins de {n} personnes.',
  },
  err_groups_off: 'Les sous-groupes sont désactivés : définissez d’abord groups.size.',
  err_too_many_groups: {
    one: 'Avec {people} personnes, il peut y avoir au plus {n} groupe.',
    many: 'Avec {people} personnes, il peut y avoir au plus {n} groupes.',
    other: 'Avec {people} personnes, il peut y avoir au plus {n} groupes.',
  },
  err_groups_by_host: 'Dans cette séance, c’est l’animateur qui répartit les groupes.',
  err_groups_not_open: 'Les groupes ne sont pas encore ouverts.',
  err_no_such_group: 'Ce groupe n’existe pas.',
  err_group_full: '{group} est complet pour l’instant : choisissez un autre groupe.',
  err_no_groups_yet: 'Il n’y a pas encore de sous-groupes.',
  err_person_waiting: '{name} attend d’entrer.',
  // Own
  err_too_many_ideas: {
    one: 'Vous pouvez écrire au plus {n} idée.',
    many: 'Vous pouvez écrire au plus {n} idées.',
    other: 'Vous pouvez écrire au plus {n} idées.',
  },
  err_no_such_idea: 'Vous n’avez aucune idée avec cet identifiant.',
  // Pair
  err_nothing_to_unshuffle: 'Il n’y a aucun mélange à annuler.',
  err_unshuffle_stale:
    'Le mélange ne peut plus être annulé : les nouveaux binômes ont changé depuis (une idée écrite, une sélection, une validation, une personne retirée ou entrée).',
  err_not_in_pair: 'Vous n’êtes pas en binôme.',
  err_pool_full: {
    one: 'Un binôme peut avoir au plus {n} idée commune.',
    many: 'Un binôme peut avoir au plus {n} idées communes.',
    other: 'Un binôme peut avoir au plus {n} idées communes.',
  },
  err_shortlisted_twice: 'pair.shortlist : une idée ne peut figurer qu’une fois dans la sélection.',
  err_idea_not_in_pool: 'Cette idée ne fait pas partie des idées communes de votre binôme.',
  err_shortlist_full: {
    one: 'Une sélection compte au plus {n} idée.',
    many: 'Une sélection compte au plus {n} idées.',
    other: 'Une sélection compte au plus {n} idées.',
  },
  err_shortlist_empty: 'Choisissez une sélection avant de la valider.',
  // Explain, Rank, the plenary
  err_idea_not_on_board: 'Cette idée n’est pas au tableau.',
  err_pair_not_on_board: 'Ce binôme n’a pas de sélection au tableau.',
  err_group_not_on_board: 'Ce groupe n’a aucune idée au tableau de la plénière.',
  err_no_ballot: 'Vous n’avez pas de bulletin.',
  err_idea_cap_one: 'Vous pouvez donner au plus 1 vote à une même idée.',
  err_idea_cap: {
    one: 'Vous pouvez donner au plus {n} vote à une même idée.',
    many: 'Vous pouvez donner au plus {n} votes à une même idée.',
    other: 'Vous pouvez donner au plus {n} votes à une même idée.',
  },
  err_budget_one: 'Vous avez 1 vote en tout.',
  err_budget: {
    one: 'Vous avez {n} vote en tout.',
    many: 'Vous avez {n} votes en tout.',
    other: 'Vous avez {n} votes en tout.',
  },
  err_own_pair_cap_one: 'Vous pouvez donner au plus 1 vote aux idées de votre binôme.',
  err_own_pair_cap: {
    one: 'Vous pouvez donner au plus {n} vote aux idées de votre binôme.',
    many: 'Vous pouvez donner au plus {n} votes aux idées de votre binôme.',
    other: 'Vous pouvez donner au plus {n} votes aux idées de votre binôme.',
  },
  err_own_group_cap_one: 'Vous pouvez donner au plus 1 vote aux idées de votre groupe.',
  err_own_group_cap: {
    one: 'Vous pouvez donner au plus {n} vote aux idées de votre groupe.',
    many: 'Vous pouvez donner au plus {n} votes aux idées de votre groupe.',
    other: 'Vous pouvez donner au plus {n} votes aux idées de votre groupe.',
  },
  // Arrange
  err_listed_twice: 'cluster.create : une idée ne peut figurer qu’une fois.',
  err_too_many_clusters: {
    one: 'Il peut y avoir au plus {n} thème.',
    many: 'Il peut y avoir au plus {n} thèmes.',
    other: 'Il peut y avoir au plus {n} thèmes.',
  },
  err_cluster_update_empty:
    'cluster.update : indiquez un nom, un responsable ou une prochaine étape.',
  err_cluster_needs_label: 'cluster.update : un thème a besoin d’un nom.',
  err_no_such_cluster: 'Ce thème n’existe pas.',
  // Reflect
  err_prompt_out_of_range: 'reflection.set : prompt doit être compris entre 0 et {last}.',
  // the connection
  err_bad_frame: '{detail}',
  err_hello_again: 'hello a déjà été envoyé.',
  err_slow_down: 'Trop de messages à la fois : patientez un instant et réessayez.',
  err_storage_down:
    'Le serveur ne peut pas enregistrer pour le moment ; rien n’a été modifié. Réessayez dans un instant.',
  err_log_lost:
    'Le stockage du serveur a perdu les dernières modifications (il a redémarré sans sa dernière seconde) et la séance a été rechargée à partir de ce qu’il a conservé. Vérifiez les dernières actions ; les téléphones renvoient ce qui n’a pas été enregistré.',
  err_too_many_frames: {
    one: 'Au plus {n} trame par requête.',
    many: 'Au plus {n} trames par requête.',
    other: 'Au plus {n} trames par requête.',
  },
  // HTTP
  err_bad_body: '{detail}',
  err_body_too_large: {
    one: 'Le corps de la requête ne peut dépasser {n} octet.',
    many: 'Le corps de la requête ne peut dépasser {n} octets.',
    other: 'Le corps de la requête ne peut dépasser {n} octets.',
  },
  err_too_many_sessions: 'Trop de nouvelles séances depuis ce poste ; patientez une minute.',
  err_too_many_guesses: 'Trop de codes de séance inconnus ; patientez une minute.',
  err_no_such_session: 'Aucune séance n’a ce code.',
  err_host_token_missing: 'Envoyez la clé d’animation : Authorization: Bearer <token>.',
  err_host_token_wrong: 'Ce n’est pas la clé d’animation de cette séance.',
  err_metrics_token_missing: 'Envoyez la clé des métriques : Authorization: Bearer …',
  err_bad_export: 'Les exports sont en .csv, .md et .json.',
  err_bad_appendix: 'appendix vaut 0 ou 1.',
  err_report_link_expired:
    'Ce lien vers le compte rendu n’est pas valable ou a expiré ; rouvrez le compte rendu.',
  err_store_unreachable:
    'Le serveur n’arrive pas à joindre son stockage pour le moment ; réessayez dans un instant.',
  err_store_damaged:
    'Les données enregistrées de cette séance sont endommagées ; le journal du serveur indique comment les réparer.',
  err_http_status: '{detail}',
});
