// Types of the dhr-wasm package: the functions, and the JSON shapes of spec
// section 6 (6.1 a death, 6.2 the answer of assess, 6.3 a review, 6.4 the
// answer of status). Dates are "YYYY-MM-DD" strings, never Date objects.

/** A civil date written "YYYY-MM-DD", between 1900-01-01 and 2199-12-31. */
export type IsoDate = string;

// ---------------------------------------------------------------- errors

/** The stable error codes (the same in Rust, Python and JavaScript). */
export type ErrorCode =
  | "invalid_json"
  | "unsupported_schema_version"
  | "missing_field"
  | "unknown_field"
  | "duplicate_field"
  | "invalid_value"
  | "invalid_date"
  | "date_out_of_range"
  | "contradictory_facts"
  | "event_out_of_order"
  | "prerequisite_missing"
  | "role_not_allowed"
  | "unknown_rule_set"
  | "invalid_rule_set"
  | "ambiguous_date"
  | "usage";

/**
 * The codes only this package gives (docs/ERRORS.md, "The JavaScript
 * package's own codes"; dhr_core::catalogue::JsCode): "internal_error" when
 * the WebAssembly module stopped on a bug (it is then reset, and the next
 * call works); "not_initialised" for a call in the browser before
 * {@link init} has resolved; "wasm_load_failed" when {@link init} could not
 * fetch or compile the module (path "wasm").
 */
export type JsErrorCode = "internal_error" | "not_initialised" | "wasm_load_failed";

/** Every error thrown by this package: `code` is an {@link ErrorCode} or a {@link JsErrorCode}. */
export declare class DhrError extends Error {
  readonly name: "DhrError";
  readonly code: ErrorCode | JsErrorCode;
  /** Where the bad value is: "deceased.age", "events[3].by"; "" for the whole document. */
  readonly path: string;
  /** The message without the code and path. */
  readonly detail: string;
  /** The message for a person to read: no field paths, no snake_case (dhr_core::wording). */
  readonly plain: string;
  /** For an event a review refused: its index in the log. */
  readonly eventIndex?: number;
}

// ---------------------------------------------------------------- 6.1 a death

export type Nation = "england" | "wales" | "scotland" | "northern_ireland";
export type AgeBand = "under_16" | "16-19" | "20-24" | "25-34" | "35-44" | "45-54" | "55-64" | "65+";
export type Manner = "homicide" | "suicide" | "other" | "unknown";
export type Connection =
  | "intimate_partner"
  | "former_intimate_partner"
  | "relative"
  | "household_member"
  | "not_connected"
  | "unknown";
/** The Home Office DHR library's victim-to-perpetrator values. */
export type HomeOfficeRelationship =
  | "Boyfriend or girlfriend"
  | "Casual sexual partner"
  | "Cohabitant"
  | "Common-law spouse"
  | "Emotional rival"
  | "Ex-boyfriend or ex-girlfriend"
  | "Ex-spouse"
  | "Grandparent"
  | "Half-sibling"
  | "Other (non-relative)"
  | "Other (relative)"
  | "Parent"
  | "Sibling"
  | "Son or daughter"
  | "Spouse (incl civil partner)"
  | "Step-parent"
  | "Step-sibling"
  | "Unknown";
export type AbuseIndicator =
  | "physical_abuse"
  | "sexual_abuse"
  | "violent_or_threatening_behaviour"
  | "coercive_control"
  | "economic_abuse"
  | "emotional_abuse"
  | "neglect"
  | "stalking";

/** The deceased. All unknown (null or absent) means the age is unknown. */
export interface Deceased {
  date_of_birth?: IsoDate | null;
  /** Completed years, 0 to 130. */
  age?: number | null;
  age_band?: AgeBand | null;
  care_and_support_needs?: boolean | null;
}

/** A person whose violence, abuse or neglect may have caused the death. */
export interface Suspect {
  connection?: Connection | null;
  home_office_relationship?: HomeOfficeRelationship | null;
  same_household?: boolean | null;
  age?: number | null;
  /** Spec 8.2: the suspect's age band (read under s.8A only); must contain `age` when both are given. */
  age_band?: AgeBand | null;
  /** The death has, or appears to have, resulted from violence, abuse or neglect by this person. */
  abuse_suspected?: boolean | null;
}

/** A death: the input of {@link assess} (spec 6.1). */
export interface Death {
  schema_version: 1;
  reference?: string | null;
  date_of_death: IsoDate;
  /** When the CSP or local authority learned of the death. */
  notified_on?: IsoDate | null;
  nation: Nation;
  deceased: Deceased;
  manner: Manner;
  suspects: Suspect[];
  abuse_indicators?: AbuseIndicator[] | null;
  /** The caller's own data: kept and echoed, never read. */
  extensions?: Record<string, unknown> | null;
}

// ---------------------------------------------------------------- 6.2 the answer of assess

export type Outcome = "required" | "consider" | "not_required" | "needs_information" | "out_of_scope";
export type Regime = "dhr_s9" | "dardr_s8a" | "susr_wales" | "none";
export type RelatedReviewKind =
  | "child_safeguarding_practice_review"
  | "child_death_review"
  | "safeguarding_adults_review"
  | "susr_practice_review"
  | "offensive_weapons_homicide_review";

/** One step of the reasoning: a stable code, a sentence, the source. */
export interface Reason {
  code: string;
  text: string;
  citation: string;
}

/** Another review to flag (never decided here). */
export interface RelatedReview {
  kind: RelatedReviewKind;
  text: string;
  citation: string;
  /** Child safeguarding practice review: notify the Panel by this date (5 working days). */
  notify_by?: IsoDate | null;
  /** Child safeguarding practice review: rapid review by this date (15 working days). */
  rapid_review_by?: IsoDate | null;
}

/** The answer of {@link assess} (spec 6.2). */
export interface Assessment {
  reference: string | null;
  outcome: Outcome;
  regime: Regime;
  reasons: Reason[];
  /** Paths of the facts still to find, e.g. "suspects[0].abuse_suspected". */
  missing: string[];
  related_reviews: RelatedReview[];
  /** The receipt (spec 8.3): what produced the answer. Absent only on the
   * assessment nested in a {@link Status}, which carries the receipt. */
  engine?: Engine;
}

/** The rule set of a receipt: its id and the SHA-256 of its RFC 8785 canonical JSON. */
export interface EngineRules {
  id: string;
  /** 64 lowercase hex digits. */
  sha256: string;
}

/** The receipt of an answer (spec 8.3): the same in Rust, the command line, Python and JavaScript. */
export interface Engine {
  name: "dhr";
  /** The library version. */
  version: string;
  /** The bank-holiday data version. */
  bank_holidays: string;
  /** The rule set applied (status); null in assess. */
  rules: EngineRules | null;
  /** Every option the answer depended on, after defaults. */
  options: {
    dardr_commenced: IsoDate | null;
    susr_from: IsoDate;
    /** status only. */
    due_soon_days?: number;
  };
}

// ---------------------------------------------------------------- 6.3 a review

export type Role =
  | "police"
  | "csp"
  | "strategy_group"
  | "chair"
  | "panel"
  | "agency_senior_manager"
  | "imr_author"
  | "home_office";
export type EventName =
  | "notified"
  | "decided"
  | "home_office_informed"
  | "directed_review"
  | "panel_commissioned"
  | "chair_appointed"
  | "terms_of_reference_agreed"
  | "records_secured"
  | "imr_commissioned"
  | "imr_submitted"
  | "imr_quality_assured"
  | "staff_debriefed"
  | "imr_withdrawn"
  | "family_contact_named"
  | "family_leaflet_given"
  | "advocacy_offered"
  | "family_informed"
  | "family_contacted"
  | "family_draft_shared"
  | "overview_drafted"
  | "overview_quality_assured"
  | "action_plan_agreed"
  | "action_completed"
  | "submitted_to_home_office"
  | "qa_outcome"
  | "published"
  | "commissioner_copy_sent"
  | "paused"
  | "resumed"
  // Spec 8.5 and 8.4.
  | "action_added"
  | "voided";
export type BuiltinRuleSetId = "stockton_2011" | "guidance_2016" | "proposed_2024";
export type PauseReason = "criminal_proceedings" | "other_review_priority" | "other";
export type QaResult = "approved" | "approved_with_changes" | "resubmit";

/** An action of an action plan. */
export interface Action {
  id: string;
  within: ActionWithin;
  /** Spec 8.5: the agency responsible (text, as `agency`). */
  owner?: string | null;
}
export type ActionWithin = "1_month" | "6_months";

interface EventBase<E extends EventName> {
  on: IsoDate;
  event: E;
  by: Role;
  /** Spec 8.6: the caller's own data (an object), kept and written back, never read. */
  extensions?: Record<string, unknown>;
}
type Plain<E extends EventName> = EventBase<E>;

/** One event of a review's log (spec 6.3), by its `event` name. */
export type ReviewEvent =
  | Plain<"notified">
  | (EventBase<"decided"> & { review: boolean; reasons?: string | null })
  | Plain<"home_office_informed">
  | Plain<"directed_review">
  | Plain<"panel_commissioned">
  | Plain<"chair_appointed">
  | (EventBase<"terms_of_reference_agreed"> & { look_back_from?: IsoDate | null })
  | Plain<"records_secured">
  | (EventBase<"imr_commissioned"> & { agency: string })
  | (EventBase<"imr_submitted"> & { agency: string })
  | (EventBase<"imr_quality_assured"> & { agency: string })
  | (EventBase<"staff_debriefed"> & { agency: string })
  | (EventBase<"imr_withdrawn"> & { agency: string; reason: string })
  | Plain<"family_contact_named">
  | Plain<"family_leaflet_given">
  | Plain<"advocacy_offered">
  | Plain<"family_informed">
  | (EventBase<"family_contacted"> & { note?: string | null })
  | Plain<"family_draft_shared">
  | (EventBase<"overview_drafted"> & { outstanding_imr_reason?: string | null })
  | Plain<"overview_quality_assured">
  | (EventBase<"action_plan_agreed"> & { actions: Action[] })
  | (EventBase<"action_completed"> & { id: string })
  | Plain<"submitted_to_home_office">
  | (EventBase<"qa_outcome"> & { result: QaResult })
  | Plain<"published">
  | Plain<"commissioner_copy_sent">
  | (EventBase<"paused"> & { reason: PauseReason })
  | Plain<"resumed">
  | (EventBase<"action_added"> & { id: string; within: ActionWithin; owner?: string | null })
  | (EventBase<"voided"> & { voids: number; reason: string });

/** A rule set in the shape of the built-in JSON files (checked by dhr-core). */
export interface RuleSetDocument {
  id: string;
  [key: string]: unknown;
}

/** A review: the input of {@link status} (spec 6.3). */
export interface ReviewDocument {
  schema_version: 1;
  reference?: string | null;
  rules: BuiltinRuleSetId | RuleSetDocument;
  death?: Death | null;
  events: ReviewEvent[];
  extensions?: Record<string, unknown> | null;
}

/** What `new Review(...)` accepts as an object: `schema_version` and `events` may be left out. */
export type ReviewInit = Omit<ReviewDocument, "schema_version" | "events"> & {
  schema_version?: 1;
  events?: ReviewEvent[];
};

// ---------------------------------------------------------------- 6.4 the answer of status

export type DeadlineStatus =
  | "met"
  | "met_late"
  | "due"
  | "due_soon"
  | "overdue"
  | "paused"
  | "not_started"
  | "not_applicable";

/** One time limit of the rule set, as of the date asked. */
export interface Deadline {
  rule: string;
  from: IsoDate | null;
  due: IsoDate | null;
  /** The due date was moved to the last day of a shorter month. */
  clamped: boolean;
  paused_days: number;
  status: DeadlineStatus;
  days_left: number | null;
  days_late: number | null;
  citation: string;
  explanation: string;
}

/** One agency's individual management review. */
export interface ImrEntry {
  agency: string;
  state: string;
  commissioned_on: IsoDate | null;
  [key: string]: unknown;
}

/** The family track. */
export interface FamilyTrack {
  contact_named: boolean;
  leaflet_given: boolean;
  advocacy_offered: boolean;
  informed: boolean;
  draft_shared: boolean;
}

/** An event that may come next, with the roles allowed to record it. */
export interface NextEvent {
  event: EventName;
  by: Role[];
}

/** One action with its own deadline (spec 8.5 `actions`). */
export interface ActionStatus {
  id: string;
  within: ActionWithin;
  owner: string | null;
  from: IsoDate | null;
  due: IsoDate | null;
  clamped: boolean;
  paused_days: number;
  status: DeadlineStatus;
  days_left: number | null;
  days_late: number | null;
  completed_on: IsoDate | null;
}

export type WarningCode = "similar_agency_names";

/** A warning of a status (spec 8.7): it refuses nothing. */
export interface StatusWarning {
  code: WarningCode;
  message: string;
  /** The field it is about: `events[7].agency`, `events[9].actions[0].owner`, `events[11].owner`. */
  path: string;
}

/** The answer of {@link status} (spec 6.4). */
export interface Status {
  reference: string | null;
  as_of: IsoDate;
  stage: EventName | "closed_no_review";
  paused: boolean;
  deadlines: Deadline[];
  /** Spec 8.5: each action, in the order agreed, then added. */
  actions: ActionStatus[];
  imrs: ImrEntry[];
  family: FamilyTrack;
  next: NextEvent[];
  /** Spec 8.4: the indices of the voided events, ascending. */
  voided_events: number[];
  /** Spec 8.7: how many events are dated after the as-of date, and so ignored. */
  events_after_as_of: number;
  /** Spec 8.7: warnings, in the order of the events. */
  warnings: StatusWarning[];
  /** When the review holds its death: the assessment of it (without `engine`). */
  assessment?: Assessment;
  /** The receipt (spec 8.3): the rule set applied (id and hash) and the options. */
  engine: Engine;
}

// ---------------------------------------------------------------- options

/** Options of {@link assess} and {@link assessMany}. */
export interface AssessOptions {
  /** When s.8A DVCVA (Victims and Prisoners Act 2024 s.19) commenced; default: not commenced. */
  dardrCommenced?: IsoDate | null;
  /** Start of Single Unified Safeguarding Reviews in Wales; default 2024-10-01. */
  susrFrom?: IsoDate | null;
}

/** Options of {@link status}. */
export interface StatusOptions extends AssessOptions {
  /** `due_soon` when this many days or fewer are left; default 14. */
  dueSoonDays?: number | null;
  /** A rule set to use instead of the review's own: a built-in id or a rule-set object. */
  rules?: BuiltinRuleSetId | RuleSetDocument | null;
}

export type MonthEndPolicy = "last_day" | "round_up" | "refuse";
export type Region = "england_and_wales" | "scotland" | "northern_ireland";

/** A date some months later, and whether it was clamped to a month end. */
export interface MonthsLater {
  date: IsoDate;
  clamped: boolean;
}

// ---------------------------------------------------------------- functions

/**
 * Where {@link init} gets the WebAssembly module: its URL (string, resolved
 * against the page, or URL), a `Response` (or a promise of one, such as
 * `fetch(url)`), its bytes, or a module compiled already.
 */
export type WasmSource =
  | string
  | URL
  | Response
  | PromiseLike<Response>
  | ArrayBuffer
  | ArrayBufferView
  | WebAssembly.Module
  | PromiseLike<WebAssembly.Module>;

/** The argument of {@link init}. */
export interface InitOptions {
  /** Default: the package's wasm/dhr_wasm_bg.wasm, beside the entry (`new URL(..., import.meta.url)`). */
  wasm?: WasmSource | null;
}

/**
 * Load the WebAssembly module. In the browser entry ("dhr-wasm"), call it
 * once and await it before any other function (which until then throws
 * `not_initialised`); a second call resolves when the first one has, and a
 * failed one (`wasm_load_failed`, path "wasm", with the reason: an HTTP
 * error, or a page served instead of the module) may be tried again. In
 * Node and with "dhr-wasm/auto" the module is loaded already: it resolves at
 * once, whatever the argument.
 */
export declare function init(options?: (InitOptions & object) | null): Promise<void>;

/** Whether a death must be reviewed: the 6.2 answer. `death` may be JSON text. Throws {@link DhrError}. */
export declare function assess(death: Death | string, options?: AssessOptions | null): Assessment;

/**
 * Assess many deaths: one answer each, in order. A bad death throws a
 * {@link DhrError} whose path starts with its index ("[2].deceased.age").
 */
export declare function assessMany(deaths: Death[] | string, options?: AssessOptions | null): Assessment[];

/** The status of a review as of a "YYYY-MM-DD" date: the 6.4 answer. */
export declare function status(
  review: Review | ReviewDocument | string,
  asOf: IsoDate,
  options?: StatusOptions | null,
): Status;

/** An assessment for a person to read: plain reasons, and a question per missing fact. */
export interface PlainAssessment extends Assessment {
  /** One question per entry of `missing`, in its order. */
  questions: string[];
  /** One sentence for each date of the death after `today` (empty without `today`). */
  warnings: string[];
  /** Each related review with `dates`, its dates in words ("" when none). */
  related_reviews: (RelatedReview & { dates: string })[];
}

/**
 * As {@link assess}, with each reason's text for a person to read (dhr_core::wording),
 * and warnings for dates after `today` (the caller's date: the module never reads the clock).
 */
export declare function assessPlain(
  death: Death | string,
  options?: AssessOptions | null,
  today?: IsoDate,
): PlainAssessment;

/** A status for a person to read: the words beside the codes, and the log in words. */
export interface PlainStatus extends Status {
  /** The stage in words, with ", paused" when paused. */
  stage_text: string;
  deadlines: (Status["deadlines"][number] & {
    /** The status in words ("due soon"). */
    status_text: string;
    /** The dates and counts in words ("from 31 January 2024, due 29 February 2024, 9 days left"). */
    facts: string;
  })[];
  next: (Status["next"][number] & { text: string })[];
  /** The review's events in words, in the log's order; `counted` false after the as-of date. */
  events: { on: IsoDate; date: string; text: string; counted: boolean }[];
}

/** As {@link status}, for a person to read: plain explanations (no "Source:"), words beside the codes. */
export declare function statusPlain(
  review: Review | ReviewDocument | string,
  asOf: IsoDate,
  options?: StatusOptions | null,
): PlainStatus;

/**
 * The review (6.3) a referral starts: the death document and its notification
 * on `notified_on`, recorded by the partnership. Throws DhrError
 * `missing_field` at `notified_on` without it, `invalid_value` at `nation`
 * for a death out of scope.
 */
export declare function referralReview(death: Death | string, rules?: BuiltinRuleSetId | RuleSetDocument): ReviewDocument;

/** The built-in rule sets' ids, and the one used when none is named. */
export declare function ruleSets(): { ids: BuiltinRuleSetId[]; default: BuiltinRuleSetId };

/** A "YYYY-MM-DD" date in en-GB words: "29 February 2024". */
export declare function plainDate(date: IsoDate): string;

/** The meaning of each confidence mark, for a legend (dhr_core::Mark::meaning). */
export declare function marks(): Record<"S" | "G" | "L" | "U" | "P", string>;

/**
 * A review's event log. Each event is checked against the lifecycle (order,
 * prerequisites, roles); a refused event throws and leaves the review as it was.
 */
export declare class Review {
  /** From a 6.3 document (object or JSON text) or another Review. */
  constructor(review: ReviewInit | ReviewDocument | Review | string);
  /** From the JSON text of a 6.3 document. */
  static fromJSON(text: string): Review;
  /** Append one event; returns this review. */
  apply(event: ReviewEvent): this;
  /** The events so far (a copy). */
  readonly events: ReviewEvent[];
  /** The caller's reference, or null. */
  readonly reference: string | null;
  /** The 6.3 document (a copy). */
  toJSON(): ReviewDocument;
  /** The status as of a "YYYY-MM-DD" date. */
  status(asOf: IsoDate, options?: StatusOptions | null): Status;
}

/**
 * `months` calendar months after `start` by the corresponding date rule;
 * `clamped` says the day was moved to the month's last day. Policy
 * "round_up" gives the 1st of the next month instead, "refuse" throws
 * `ambiguous_date`. Default "last_day".
 */
export declare function addMonths(start: IsoDate, months: number, policy?: MonthEndPolicy | null): MonthsLater;

/** The `days`-th working day after `start` (start excluded). Default region england_and_wales. */
export declare function addWorkingDays(start: IsoDate, days: number, region?: Region | null): IsoDate;

/** Whether `date` is a working day in `region` (default england_and_wales). */
export declare function isWorkingDay(date: IsoDate, region?: Region | null): boolean;

/** One rule of a rule set, as dhr-core holds it (the built-in JSON files' shape). */
export interface Rule {
  id: string;
  /** What the deadline is for, in lower case ("terms of reference agreed"). */
  title: string;
  start: string[];
  start_occurrence: "first" | "last";
  end: string;
  actions?: "1_month" | "6_months";
  period: { unit: "months" | "days" | "working_days" | "next_qa_panel_meeting"; count?: number; region?: Region };
  policy: MonthEndPolicy;
  pausable: boolean;
  /** The rule's source. */
  citation: string;
  /** The confidence marks of spec 4.1. */
  marks: ("L" | "G" | "P" | "S" | "U")[];
  note?: string;
}

/** A built-in rule set with every rule's title and citation. */
export interface RuleSet {
  id: BuiltinRuleSetId | string;
  title: string;
  source?: string;
  qa_panel_meetings: IsoDate[];
  rules: Rule[];
}

/** A built-in rule set by its id; an unknown id throws `unknown_rule_set` (path "id"). */
export declare function ruleSet(id: BuiltinRuleSetId): RuleSet;

/** The sentence for a person for each outcome and regime of an {@link Assessment}. */
export interface Headlines {
  outcomes: Record<Outcome, string>;
  regimes: Record<Regime, string>;
}

/** The headlines of answers, written by dhr-core (`dhr_core::report`). */
export declare function headlines(): Headlines;

/** Everything above as one object (the default export). */
declare const dhr: {
  init: typeof init;
  assess: typeof assess;
  assessPlain: typeof assessPlain;
  assessMany: typeof assessMany;
  status: typeof status;
  statusPlain: typeof statusPlain;
  plainDate: typeof plainDate;
  referralReview: typeof referralReview;
  ruleSets: typeof ruleSets;
  marks: typeof marks;
  Review: typeof Review;
  addMonths: typeof addMonths;
  addWorkingDays: typeof addWorkingDays;
  isWorkingDay: typeof isWorkingDay;
  ruleSet: typeof ruleSet;
  headlines: typeof headlines;
  DhrError: typeof DhrError;
};
export default dhr;
