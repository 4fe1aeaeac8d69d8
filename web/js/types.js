// @ts-check
// Every type the pages share, as JSDoc: the wire contract (docs/protocol.md), the page and its
// screens' state. For `tsc --checkJs` only: no page loads this file, and having no import or
// export it is a script, so its typedefs are global and modules name them without importing
// (the phone's page weight is counted in bytes; see tests/e2e/test_client.py).

/**
 * @typedef {'lobby' | 'own' | 'pair' | 'explain' | 'rank' | 'plenary' | 'arrange' | 'reflect' | 'done'} PhaseName
 * @typedef {{name: PhaseName, ends_at: number | null, paused_left: number | null}} Phase
 * @typedef {{id: string, name: string, org?: string | null}} Member
 * @typedef {{id: string, text: string, pending?: string}} OwnIdea
 *   `pending`: the id of the command whose effect this shows before its ack (pending.js)
 * @typedef {{
 *   id: string, label: string, members: Member[], confirmed: boolean, group_id?: string | null
 * }} Pair
 * @typedef {{
 *   id: string, text: string, pair_id: string, points: number | null, rank: number | null,
 *   cluster_id: string | null, hidden?: boolean, votes?: number, orgs?: number,
 *   group_id?: string | null, group_rank?: number | null, place?: number | null
 * }} Idea
 * @typedef {{
 *   id: string, label: string, idea_ids: string[], owner: string | null, action: string | null
 * }} Cluster
 * @typedef {{
 *   id: string, members: Member[], pool: OwnIdea[], shortlist: string[], confirmed: string[],
 *   label?: string
 * }} MyPair
 * @typedef {{
 *   id: string, name: string, org: string | null, ideas: OwnIdea[], pair: MyPair | null,
 *   votes: Record<string, number>, votes_left: number, waiting?: boolean, own_done?: boolean,
 *   group?: {id: string, label: string} | null,
 *   reflections?: Record<string, string>, feedback?: {score: number | null, text: string} | null
 * }} Me
 *   `reflections`: the answers by prompt number; `feedback`: the one-tap feedback
 * @typedef {{
 *   id: string, name: string, org: string | null, online: boolean, done?: boolean,
 *   waiting?: boolean, group_id?: string | null, ideas?: number, own_done?: boolean
 * }} Person
 * @typedef {{
 *   id: string, label: string, size: number, progress: {done: number, of: number} | null,
 *   explain?: {order: string[], current: string | null, ends_at: number | null}
 * }} Group
 * @typedef {{
 *   own: {minutes: number, max_ideas: number, max_chars: number},
 *   pair: {minutes: number, shortlist_max: number, mix_orgs: boolean},
 *   explain: {seconds_per_pair: number},
 *   rank: {
 *     minutes: number, voter: 'pair' | 'person', budget: number | string,
 *     max_per_idea: number, own_pair_max: number
 *   },
 *   arrange: {minutes: number, by: 'host' | 'everyone'},
 *   anonymous: boolean,
 *   groups?: {size: number, assign: 'mix' | 'choose'},
 *   plenary?: {top: number, budget: number | string, own_group_max: number, minutes: number},
 *   reflect?: {minutes: number, prompts: string[]},
 *   [more: string]: unknown
 * }} Settings
 * @typedef {{
 *   session: {
 *     code: string, title: string, question: string, settings: Settings,
 *     notice?: {text: string, at: number} | null
 *   },
 *   phase: Phase,
 *   participants: {total: number, online: number, list?: Person[]},
 *   progress?: {done: number, of: number, finished?: number},
 *   pairs?: Pair[],
 *   ideas?: Idea[],
 *   clusters?: Cluster[],
 *   explain?: {order: string[], current: string | null, ends_at?: number | null},
 *   groups?: Group[],
 *   plenary?: {current: string | null} | null,
 *   rank?: {revealed: boolean},
 *   record?: RecordEntry[],
 *   me?: Me
 * }} View
 * @typedef {{kind: string, at: number, [param: string]: any}} RecordEntry one host action
 *   (docs/protocol.md, "The record of host actions"); the params are JSON of the kind's shape
 */

/**
 * A command as the page keeps it until its ack (socket.js queues it, pending.js shows it).
 * @typedef {{id: string, name: string, args: Record<string, any>, at?: number}} Command
 * @typedef {'participant' | 'host' | 'board'} Role
 * @typedef {'connecting' | 'open' | 'reconnecting' | 'offline' | 'closed'} Status
 * @typedef {'bad_request' | 'revoked' | 'unknown_room' | 'no_token' | 'deleted'} Fatal
 */

/**
 * Frames from the server.
 * @typedef {{type: 'welcome', role: Role, you?: {id: string, token: string, name: string},
 *   server_time: number}} WelcomeFrame
 * @typedef {{type: 'state', seq: number, view: View}} StateFrame
 * @typedef {{op: string, path: string, from?: string, value?: any}} PatchOp
 * @typedef {{type: 'patch', seq: number, ops: PatchOp[]}} PatchFrame
 * @typedef {{type: 'ack', id: string, seq: number}} AckFrame
 * @typedef {{
 *   type: 'error', id?: string, code: string, message: string, reason?: string, vars?: Vars
 * }} ErrorFrame
 *   `reason` and `vars`: the refusal's key and values, worded by the page (i18n.js refusalText)
 * @typedef {WelcomeFrame | StateFrame | PatchFrame | AckFrame | ErrorFrame} Frame
 */

/**
 * What dom.js's h() builds from: event handlers by event type, attributes (null, undefined and
 * false leave one out, true sets it empty; `class` may be a list with falsy items left out,
 * `style` sets CSS properties, `key` is the morph key, `value` and `checked` the control's
 * state), and children (nested lists flattened; null, undefined and booleans left out).
 * @typedef {Record<string, (event: Event) => void>} Handlers
 * @typedef {string | number | boolean | null | undefined} AttrValue
 * @typedef {{
 *   on?: Handlers | null, class?: AttrValue | AttrValue[], style?: Record<string, string | number>,
 *   [name: string]: AttrValue | AttrValue[] | Handlers | Record<string, string | number> | null
 * }} Attrs
 * @typedef {Node | string | number | boolean | null | undefined} Leaf
 * @typedef {Leaf | (Leaf | Leaf[])[]} Child two levels of lists at most (JSDoc typedefs
 *   cannot name themselves)
 */

/**
 * The variables of a t() string: its {name} placeholders' values (counts, names, labels; the
 * callers' values are of many kinds); `n` also picks a plural object's form.
 * @typedef {Record<string, any>} Vars
 * @typedef {string | Partial<Record<Intl.LDMLPluralRule, string>> & {other: string}} Phrase
 *   a string table's entry: a string, or a plural object keyed by CLDR plural category
 * @typedef {Record<string, Phrase>} StringTable
 */

/**
 * What a RoomSocket is given (socket.js); `on` is what happens at each event.
 * @typedef {object} SocketOptions
 * @property {string} code
 * @property {Role} role
 * @property {string | null} [token]
 * @property {string | null} [name]
 * @property {string | null} [org]
 * @property {Storage | null} [store]
 * @property {SocketEvents} [on]
 * @typedef {object} SocketEvents
 * @property {(view: View) => void} [view] the view with the pending commands not applied
 * @property {(status: Status) => void} [status]
 * @property {(frame: WelcomeFrame) => void} [welcome]
 * @property {(cmd: Command, frame: AckFrame) => void} [ack]
 * @property {(cmd: Command, frame: ErrorFrame) => void} [refused]
 * @property {(frame: ErrorFrame) => void} [notice] a refusal of no command of ours
 * @property {(reason: Fatal, code: number) => void} [fatal]
 */

/**
 * @template S
 * @typedef {object} Page
 * @property {string} code the room code, from the address
 * @property {S} state the page's own UI state (drafts, open menus, confirmations)
 * @property {View | null} view the view as the server last sent it (no pending commands)
 * @property {Status} status
 * @property {Fatal | null} fatal why the page cannot go on, if it cannot
 * @property {import('./socket.js').RoomSocket | null} socket
 * @property {(message: string) => void} announce
 * @property {() => void} render draw soon (many calls, one drawing)
 * @property {(name: string, args?: Record<string, any>) => void} send
 * @property {(hello?: {name: string, org: string}) => void} connect
 * @property {() => number} now the server's clock, in seconds
 * @property {(id: string) => string} pendingLabel "Sending…" or, offline, "Waiting to send"
 */

/**
 * @template S
 * @typedef {object} PageOptions
 * @property {Role} role
 * @property {S} state
 * @property {(view: View | null, page: Page<S>) => Node} draw `view` has the pending commands
 *   applied (pending.js); null until the first state arrives
 * @property {string | null} [token]
 * @property {Storage | null} [store] where the command queue survives a reload
 * @property {(root: Element, change: () => void) => void} [flip] how cards that move are
 *   animated (ui/flip.js; the phone leaves it out)
 * @property {boolean} [connect] false: the page connects later (the phone's join form)
 * @property {() => void} [onTimeUp]
 * @property {{
 *   view?: (view: View, before: View | null) => void,
 *   welcome?: (frame: WelcomeFrame) => void,
 *   refused?: (cmd: Command, err: ErrorFrame) => void,
 *   notice?: (err: ErrorFrame) => void,
 *   fatal?: (reason: Fatal) => void,
 * }} [on] what the page adds to the common handling of each event
 */

/**
 * @typedef {object} JoinState
 * @property {{title: string, question: string, orgs?: string[]} | null} info
 *   GET /api/sessions/{code}
 * @property {string} [orgPick] the organisation picker's choice ("\u0000" for "Other…")
 * @property {boolean} joining the join form was sent, no view yet
 * @property {string} joinError
 * @property {boolean} expanded the question shown whole
 * @property {string | null} editing the idea being edited
 * @property {string | null} menu the idea whose "Move to…" list is open
 * @property {Record<string, string>} refusals area ('own', 'pair', 'arrange', 'global') or
 *   idea id -> the server's message
 * @property {string | null} shake the idea whose vote was just refused
 * @property {{idea: string, shared: string, edit: string}} drafts typed text, kept on reload
 */

/**
 * @typedef {object} HostState
 * @property {string | null} token the host key (for the downloads)
 * @property {boolean} expanded the question shown whole
 * @property {number | null} minutes the host's timer for the next phase, if changed
 * @property {boolean} sound chime at time up
 * @property {boolean} timeUp the header flashes
 * @property {string | null} confirm the button asking "really?": 'remove:<pid>' | 'hide:<idea>'
 * @property {string} filter the people list's search
 * @property {string | null} menu the idea whose "Move to…" menu is open
 * @property {{id: string} | null} drag the card being dragged
 * @property {string} notice the last refusal
 * @property {boolean} editingQuestion
 * @property {boolean} copied the join link was just copied
 * @property {string} downloadError
 * @property {boolean} appendix the pack adds the ideas that did not reach the board
 * @property {string} deleteError
 * @property {string | null} openGroup the group card opened
 * @property {string} groupSort 'number' | 'progress'
 * @property {number | null} groupCount the host's count for groups.form, if changed
 * @property {boolean} phaseMenu the later phases' menu is open
 * @property {boolean} undo the last shuffle may still be undone (pairs.unshuffle)
 * @property {boolean} copyFailed the clipboard refused: the link is selected instead
 * @property {{loopback: boolean, urls: string[]} | null} reach can phones open the join
 *   link (GET /api/sessions/{code}: join_loopback, phone_urls)
 */

/**
 * @typedef {Page<JoinState>} JoinUi the phone's `ui`
 * @typedef {Page<HostState>} HostUi the console's `ui`
 * @typedef {Page<{}>} BoardUi the board's `ui`
 */
