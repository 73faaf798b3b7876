//! The accepted event log of a review and the state derived from it: the
//! rules of order of spec 6.3 (prerequisites, roles, dates), the stage, the
//! IMR and family tracks and the events that may come next.

use super::event::{Action, Event, EventKind, EventName, QaResult, Role};
use crate::error::{Error, ErrorCode, Result};
use crate::json;
use crate::personal::Personal;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value};

names! {
    /// How far a review has got: the furthest lifecycle event reached, in
    /// the order of spec section 3, or `closed_no_review`.
    pub enum Stage {
        /// No event yet (the CSP has not been notified).
        NotNotified = "not_notified",
        /// Stage 2: the CSP was notified.
        Notified = "notified",
        /// Stage 3: the CSP decided whether to hold a review.
        Decided = "decided",
        /// Stage 4: the Home Office was told of the decision.
        HomeOfficeInformed = "home_office_informed",
        /// The Secretary of State directed a review after a decision not to (s.9(2)).
        DirectedReview = "directed_review",
        /// Stage 5: the panel commissioned.
        PanelCommissioned = "panel_commissioned",
        /// Stage 6: the independent chair appointed.
        ChairAppointed = "chair_appointed",
        /// Stage 7: terms of reference agreed.
        TermsOfReferenceAgreed = "terms_of_reference_agreed",
        /// Stage 8: case records secured.
        RecordsSecured = "records_secured",
        /// Stage 9: at least one IMR commissioned.
        ImrCommissioned = "imr_commissioned",
        /// Stage 10: the family told of the review.
        FamilyInformed = "family_informed",
        /// Stage 13: the overview report drafted.
        OverviewDrafted = "overview_drafted",
        /// Stage 14: the overview report quality-assured by the panel.
        OverviewQualityAssured = "overview_quality_assured",
        /// Stage 15: the action plan agreed.
        ActionPlanAgreed = "action_plan_agreed",
        /// Stage 16: the report submitted to the Home Office.
        SubmittedToHomeOffice = "submitted_to_home_office",
        /// Stage 17: the Home Office QA panel gave an outcome.
        QaOutcome = "qa_outcome",
        /// Stage 18: the report published.
        Published = "published",
        /// The CSP decided not to hold a review and no review was directed.
        ClosedNoReview = "closed_no_review",
    }
}

impl Stage {
    /// The stage an event reaches, if it is one of section 3's lifecycle
    /// stages (per-agency, family-contact, action, pause and commissioner
    /// events are tracks beside the stages and reach none).
    ///
    /// ```
    /// use dhr_core::lifecycle::{EventName, Stage};
    /// assert_eq!(Stage::of_event(EventName::Published), Some(Stage::Published));
    /// assert_eq!(Stage::of_event(EventName::ImrSubmitted), None);
    /// ```
    pub fn of_event(name: EventName) -> Option<Stage> {
        Some(match name {
            EventName::Notified => Stage::Notified,
            EventName::Decided => Stage::Decided,
            EventName::HomeOfficeInformed => Stage::HomeOfficeInformed,
            EventName::DirectedReview => Stage::DirectedReview,
            EventName::PanelCommissioned => Stage::PanelCommissioned,
            EventName::ChairAppointed => Stage::ChairAppointed,
            EventName::TermsOfReferenceAgreed => Stage::TermsOfReferenceAgreed,
            EventName::RecordsSecured => Stage::RecordsSecured,
            EventName::ImrCommissioned => Stage::ImrCommissioned,
            EventName::FamilyInformed => Stage::FamilyInformed,
            EventName::OverviewDrafted => Stage::OverviewDrafted,
            EventName::OverviewQualityAssured => Stage::OverviewQualityAssured,
            EventName::ActionPlanAgreed => Stage::ActionPlanAgreed,
            EventName::SubmittedToHomeOffice => Stage::SubmittedToHomeOffice,
            EventName::QaOutcome => Stage::QaOutcome,
            EventName::Published => Stage::Published,
            _ => return None,
        })
    }
}

names! {
    /// Where an agency's IMR stands.
    pub enum ImrState {
        /// Commissioned, not yet submitted.
        Commissioned = "commissioned",
        /// Submitted by its author, not yet quality-assured.
        Submitted = "submitted",
        /// Quality-assured by the agency's senior manager.
        QualityAssured = "quality_assured",
        /// Staff debriefed on it (the end of the track).
        Debriefed = "debriefed",
        /// Withdrawn with a reason.
        Withdrawn = "withdrawn",
    }
}

impl ImrState {
    /// Whether the IMR holds up the overview report: commissioned, not
    /// withdrawn and not yet quality-assured (spec section 3).
    ///
    /// ```
    /// use dhr_core::lifecycle::ImrState;
    /// assert!(ImrState::Submitted.is_outstanding());
    /// assert!(!ImrState::Withdrawn.is_outstanding());
    /// assert!(!ImrState::QualityAssured.is_outstanding());
    /// ```
    pub fn is_outstanding(self) -> bool {
        matches!(self, ImrState::Commissioned | ImrState::Submitted)
    }
}

/// One agency's IMR track (spec 6.4 `imrs`). Every date key is always
/// present, null until that step happens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Imr {
    /// The agency, as the log names it.
    pub agency: String,
    /// Where it stands.
    pub state: ImrState,
    /// When it was commissioned.
    #[serde(with = "json::date_format")]
    pub commissioned_on: NaiveDate,
    /// When it was submitted.
    #[serde(with = "json::date_format::option")]
    pub submitted_on: Option<NaiveDate>,
    /// When its senior manager quality-assured it.
    #[serde(with = "json::date_format::option")]
    pub quality_assured_on: Option<NaiveDate>,
    /// When staff were debriefed.
    #[serde(with = "json::date_format::option")]
    pub debriefed_on: Option<NaiveDate>,
    /// When it was withdrawn.
    #[serde(with = "json::date_format::option")]
    pub withdrawn_on: Option<NaiveDate>,
}

/// The family track (spec 6.4 `family`): which steps have happened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Family {
    /// A single point of contact named.
    pub contact_named: bool,
    /// The leaflet given.
    pub leaflet_given: bool,
    /// Advocacy offered.
    pub advocacy_offered: bool,
    /// The family told of the review.
    pub informed: bool,
    /// The family shown the draft report.
    pub draft_shared: bool,
}

/// An event that may come next, with the roles that may record it
/// (spec 6.4 `next`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextEvent {
    /// The event.
    pub event: EventName,
    /// The roles allowed, in the table's order.
    pub by: &'static [Role],
}

names! {
    /// The code of a status warning (spec 8.7): it refuses nothing.
    pub enum WarningCode {
        /// An agency name written differently from an earlier one but equal
        /// to it after trimming surrounding spaces and ignoring letter case.
        SimilarAgencyNames = "similar_agency_names",
    }
}

/// A warning of a status (spec 8.7 `warnings`): `{"code", "message", "path"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// What kind of warning.
    pub code: WarningCode,
    /// What it means (never quoting the caller's values).
    pub message: String,
    /// The field it is about (`events[7].agency`).
    pub path: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct State {
    last_date: Option<NaiveDate>,
    notified: bool,
    decision: Option<bool>,
    home_office_informed: bool,
    directed: bool,
    panel_commissioned: bool,
    chair_appointed: bool,
    terms_of_reference: bool,
    records_secured: bool,
    imrs: Vec<Imr>,
    family: Family,
    /// Overview drafts so far, and how many of them the panel has assured.
    drafts: u32,
    drafts_assured: u32,
    /// The draft number last shared with the family.
    draft_shared_for: u32,
    /// A `resubmit` outcome not yet followed by a new draft.
    redraft_open: bool,
    actions: Option<Vec<Action>>,
    completed: Vec<String>,
    submissions: u32,
    awaiting_outcome: bool,
    last_outcome: Option<QaResult>,
    published: bool,
    commissioner_copy_sent: bool,
    paused: bool,
    stage: Option<Stage>,
}

/// Why an event may not come next: a code, a suffix of the event's path
/// and a message (never quoting caller values).
struct Refusal {
    code: ErrorCode,
    suffix: &'static str,
    message: Why,
}

/// The message of a refusal, written out only when it becomes an error
/// (`Log::next` tries many events and only wants to know whether each is
/// refused).
enum Why {
    Text(&'static str),
    Owned(String),
    Once(EventName),
    ImrState(ImrState, &'static str),
}

impl Why {
    fn text(self) -> String {
        match self {
            Why::Text(t) => t.to_string(),
            Why::Owned(t) => t,
            Why::Once(name) => format!("{name} has already been recorded for this review"),
            Why::ImrState(state, what) => format!(
                "this agency's IMR is {}; {what}",
                state.as_str().replace('_', " ")
            ),
        }
    }
}

/// What the prerequisites of an event depend on besides its name, looked
/// up once: for `apply` from the event's fields, for `next` straight from
/// the state (no candidate events are built).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fields {
    /// Nothing beyond the name.
    Plain,
    /// An IMR event: the state of the named agency's IMR, if it has one.
    Imr(Option<ImrState>),
    /// `action_completed`: whether the plan has the id, and whether it is
    /// already completed.
    Action { planned: bool, done: bool },
    /// `overview_drafted`: whether `outstanding_imr_reason` is given.
    Drafted { reason_given: bool },
    /// `action_added`: whether its id is used by an earlier action.
    Added { used: bool },
}

fn missing(message: &'static str) -> Refusal {
    Refusal {
        code: ErrorCode::PrerequisiteMissing,
        suffix: "",
        message: Why::Text(message),
    }
}

fn need(ok: bool, message: &'static str) -> std::result::Result<(), Refusal> {
    if ok {
        Ok(())
    } else {
        Err(missing(message))
    }
}

fn once(done: bool, name: EventName) -> std::result::Result<(), Refusal> {
    if done {
        Err(Refusal {
            code: ErrorCode::PrerequisiteMissing,
            suffix: "",
            message: Why::Once(name),
        })
    } else {
        Ok(())
    }
}

impl State {
    fn closed(&self) -> bool {
        self.decision == Some(false) && !self.directed
    }

    fn imr(&self, agency: &str) -> Option<&Imr> {
        self.imrs.iter().find(|i| i.agency == agency)
    }

    /// The facts the prerequisites of `kind` depend on besides its name.
    fn fields(&self, kind: &EventKind) -> Fields {
        match kind {
            EventKind::ImrCommissioned { agency }
            | EventKind::ImrSubmitted { agency }
            | EventKind::ImrQualityAssured { agency }
            | EventKind::StaffDebriefed { agency }
            | EventKind::ImrWithdrawn { agency, .. } => {
                Fields::Imr(self.imr(agency).map(|i| i.state))
            }
            EventKind::ActionCompleted { id } => Fields::Action {
                planned: self.actions.iter().flatten().any(|a| &a.id == id),
                done: self.completed.contains(id),
            },
            EventKind::OverviewDrafted {
                outstanding_imr_reason,
            } => Fields::Drafted {
                reason_given: outstanding_imr_reason.is_some(),
            },
            EventKind::ActionAdded { action } => Fields::Added {
                used: self.actions.iter().flatten().any(|a| a.id == action.id),
            },
            _ => Fields::Plain,
        }
    }

    /// Whether some event of `name` would pass the prerequisites: tried
    /// with every value of its fields that can make a difference (each
    /// state an IMR of the log is in, a new agency, each action of the
    /// plan, `outstanding_imr_reason` given).
    fn allows(&self, name: EventName) -> bool {
        let ok = |f: Fields| self.prerequisites(name, f).is_ok();
        match name {
            EventName::ImrCommissioned => ok(Fields::Imr(None)),
            EventName::ImrSubmitted
            | EventName::ImrQualityAssured
            | EventName::StaffDebriefed
            | EventName::ImrWithdrawn => ImrState::ALL
                .iter()
                .filter(|s| self.imrs.iter().any(|i| i.state == **s))
                .any(|s| ok(Fields::Imr(Some(*s)))),
            EventName::ActionCompleted => self.actions.iter().flatten().any(|a| {
                ok(Fields::Action {
                    planned: true,
                    done: self.completed.contains(&a.id),
                })
            }),
            EventName::OverviewDrafted => ok(Fields::Drafted { reason_given: true }),
            EventName::ActionAdded => ok(Fields::Added { used: false }),
            // A correction is never offered as a next step (spec 8.4).
            EventName::Voided => false,
            _ => ok(Fields::Plain),
        }
    }

    fn imr_in(
        imr: Option<ImrState>,
        states: &[ImrState],
        what: &'static str,
    ) -> std::result::Result<(), Refusal> {
        match imr {
            None => Err(missing(
                "no IMR has been commissioned from this agency (imr_commissioned must come first)",
            )),
            Some(s) if states.contains(&s) => Ok(()),
            Some(s) => Err(Refusal {
                code: ErrorCode::PrerequisiteMissing,
                suffix: "",
                message: Why::ImrState(s, what),
            }),
        }
    }

    /// The prerequisites of spec 6.3 for an event of `name` with `fields`,
    /// given the log so far.
    fn prerequisites(&self, name: EventName, fields: Fields) -> std::result::Result<(), Refusal> {
        let imr = match fields {
            Fields::Imr(state) => state,
            _ => None,
        };
        if name == EventName::Notified {
            return need(
                !self.notified,
                "notified must be the first event of the log, and only once",
            );
        }
        need(self.notified, "notified must be the first event of the log")?;
        if self.closed()
            && !matches!(
                name,
                EventName::HomeOfficeInformed | EventName::DirectedReview
            )
        {
            return Err(missing(
                "after a decision not to review, only home_office_informed and directed_review may follow",
            ));
        }
        match name {
            EventName::Notified => Ok(()),
            EventName::Decided => once(self.decision.is_some(), name),
            EventName::HomeOfficeInformed => {
                need(self.decision.is_some(), "requires decided")?;
                once(self.home_office_informed, name)
            }
            EventName::DirectedReview => {
                need(
                    self.decision == Some(false),
                    "requires decided with review false (a direction under s.9(2) follows a decision not to review)",
                )?;
                once(self.directed, name)
            }
            EventName::PanelCommissioned => {
                need(
                    self.decision == Some(true) || self.directed,
                    "requires decided with review true, or directed_review",
                )?;
                once(self.panel_commissioned, name)
            }
            EventName::ChairAppointed => {
                need(self.panel_commissioned, "requires panel_commissioned")?;
                once(self.chair_appointed, name)
            }
            EventName::TermsOfReferenceAgreed => {
                need(self.chair_appointed, "requires chair_appointed")?;
                once(self.terms_of_reference, name)
            }
            EventName::RecordsSecured => {
                need(
                    self.terms_of_reference,
                    "requires terms_of_reference_agreed",
                )?;
                once(self.records_secured, name)
            }
            EventName::ImrCommissioned => {
                need(
                    self.terms_of_reference,
                    "requires terms_of_reference_agreed",
                )?;
                need(
                    imr.is_none(),
                    "an IMR has already been commissioned from this agency",
                )
            }
            EventName::ImrSubmitted => State::imr_in(
                imr,
                &[ImrState::Commissioned],
                "imr_submitted requires an IMR commissioned and not yet submitted or withdrawn",
            ),
            EventName::ImrQualityAssured => State::imr_in(
                imr,
                &[ImrState::Submitted],
                "imr_quality_assured requires the IMR submitted and not yet quality-assured",
            ),
            EventName::StaffDebriefed => State::imr_in(
                imr,
                &[ImrState::QualityAssured],
                "staff_debriefed requires the IMR quality-assured and staff not yet debriefed",
            ),
            EventName::ImrWithdrawn => State::imr_in(
                imr,
                &[ImrState::Commissioned, ImrState::Submitted],
                "only an IMR not yet quality-assured can be withdrawn",
            ),
            EventName::FamilyContactNamed => {
                need(self.chair_appointed, "requires chair_appointed")?;
                once(self.family.contact_named, name)
            }
            EventName::FamilyLeafletGiven => {
                need(self.chair_appointed, "requires chair_appointed")?;
                once(self.family.leaflet_given, name)
            }
            EventName::AdvocacyOffered => {
                need(self.chair_appointed, "requires chair_appointed")?;
                once(self.family.advocacy_offered, name)
            }
            EventName::FamilyInformed => {
                need(self.chair_appointed, "requires chair_appointed")?;
                once(self.family.informed, name)
            }
            EventName::FamilyContacted => need(self.family.informed, "requires family_informed"),
            EventName::FamilyDraftShared => {
                need(self.drafts > 0, "requires overview_drafted")?;
                need(
                    self.draft_shared_for < self.drafts,
                    "the latest draft has already been shared with the family",
                )
            }
            EventName::OverviewDrafted => {
                need(
                    self.terms_of_reference,
                    "requires terms_of_reference_agreed",
                )?;
                need(
                    self.drafts == 0 || self.redraft_open,
                    "the overview has already been drafted (it may be redrafted only after a resubmit outcome)",
                )?;
                if fields != (Fields::Drafted { reason_given: true })
                    && self.imrs.iter().any(|i| i.state.is_outstanding())
                {
                    return Err(missing(
                        "a commissioned IMR is outstanding (not quality-assured or withdrawn); give outstanding_imr_reason to draft the overview without it",
                    ));
                }
                Ok(())
            }
            EventName::OverviewQualityAssured => {
                need(self.drafts > 0, "requires overview_drafted")?;
                need(
                    self.drafts_assured < self.drafts,
                    "the latest draft has already been quality-assured",
                )
            }
            EventName::ActionPlanAgreed => {
                need(self.drafts_assured > 0, "requires overview_quality_assured")?;
                once(self.actions.is_some(), name)
            }
            EventName::ActionCompleted => {
                let (planned, done) = match fields {
                    Fields::Action { planned, done } => (planned, done),
                    _ => (false, false),
                };
                need(self.actions.is_some(), "requires action_plan_agreed")?;
                need(
                    planned,
                    "no action with this id was agreed in the plan or added since",
                )?;
                need(!done, "this action has already been completed")
            }
            EventName::ActionAdded => {
                need(self.actions.is_some(), "requires action_plan_agreed")?;
                need(
                    fields != (Fields::Added { used: true }),
                    "this action id is already used by the plan or an earlier action_added",
                )
            }
            // A void's own prerequisite (the log stays valid without the
            // event it voids) is judged by the log, which holds the events.
            EventName::Voided => Ok(()),
            EventName::SubmittedToHomeOffice => {
                need(
                    self.drafts_assured > 0 && self.drafts_assured == self.drafts,
                    "requires overview_quality_assured (of the latest draft)",
                )?;
                need(self.actions.is_some(), "requires action_plan_agreed")?;
                need(
                    !self.awaiting_outcome,
                    "the report is already with the Home Office awaiting its qa_outcome",
                )?;
                need(
                    self.submissions == 0 || self.last_outcome == Some(QaResult::Resubmit),
                    "the report may be submitted again only after a resubmit outcome",
                )
            }
            EventName::QaOutcome => need(
                self.awaiting_outcome,
                "requires submitted_to_home_office (with no outcome yet)",
            ),
            EventName::Published => {
                need(
                    matches!(
                        self.last_outcome,
                        Some(QaResult::Approved | QaResult::ApprovedWithChanges)
                    ) && !self.awaiting_outcome,
                    "requires a qa_outcome of approved or approved_with_changes",
                )?;
                once(self.published, name)
            }
            EventName::CommissionerCopySent => {
                need(self.drafts_assured > 0, "requires overview_quality_assured")?;
                once(self.commissioner_copy_sent, name)
            }
            EventName::Paused => need(!self.paused, "the review is already paused"),
            EventName::Resumed => need(self.paused, "the review is not paused"),
        }
    }

    fn check(&self, event: &Event) -> std::result::Result<(), Refusal> {
        let name = event.name();
        // A void's date is the day the correction was recorded: it is not
        // judged against the other events' order (spec 8.4).
        if let (Some(last), false) = (self.last_date, name == EventName::Voided) {
            if event.on < last {
                return Err(Refusal {
                    code: ErrorCode::EventOutOfOrder,
                    suffix: "",
                    message: Why::Text("this event is dated before the event it follows; events must be in date order"),
                });
            }
        }
        if !name.roles().contains(&event.by) {
            let roles: Vec<&str> = name.roles().iter().map(|r| r.as_str()).collect();
            return Err(Refusal {
                code: ErrorCode::RoleNotAllowed,
                suffix: ".by",
                message: Why::Owned(format!(
                    "{} may not record {name}; allowed: {}",
                    event.by,
                    roles.join(", ")
                )),
            });
        }
        if name == EventName::Voided {
            return Ok(());
        }
        self.prerequisites(name, self.fields(&event.kind))
    }

    /// Record an event already checked.
    fn record(&mut self, event: &Event) {
        if let EventKind::Voided { .. } = event.kind {
            return;
        }
        let on = event.on;
        self.last_date = Some(on);
        match &event.kind {
            EventKind::Notified => self.notified = true,
            EventKind::Decided { review, .. } => self.decision = Some(*review),
            EventKind::HomeOfficeInformed => self.home_office_informed = true,
            EventKind::DirectedReview => self.directed = true,
            EventKind::PanelCommissioned => self.panel_commissioned = true,
            EventKind::ChairAppointed => self.chair_appointed = true,
            EventKind::TermsOfReferenceAgreed { .. } => self.terms_of_reference = true,
            EventKind::RecordsSecured => self.records_secured = true,
            EventKind::ImrCommissioned { agency } => self.imrs.push(Imr {
                agency: agency.clone(),
                state: ImrState::Commissioned,
                commissioned_on: on,
                submitted_on: None,
                quality_assured_on: None,
                debriefed_on: None,
                withdrawn_on: None,
            }),
            EventKind::ImrSubmitted { agency } => self.update_imr(agency, |i| {
                i.state = ImrState::Submitted;
                i.submitted_on = Some(on);
            }),
            EventKind::ImrQualityAssured { agency } => self.update_imr(agency, |i| {
                i.state = ImrState::QualityAssured;
                i.quality_assured_on = Some(on);
            }),
            EventKind::StaffDebriefed { agency } => self.update_imr(agency, |i| {
                i.state = ImrState::Debriefed;
                i.debriefed_on = Some(on);
            }),
            EventKind::ImrWithdrawn { agency, .. } => self.update_imr(agency, |i| {
                i.state = ImrState::Withdrawn;
                i.withdrawn_on = Some(on);
            }),
            EventKind::FamilyContactNamed => self.family.contact_named = true,
            EventKind::FamilyLeafletGiven => self.family.leaflet_given = true,
            EventKind::AdvocacyOffered => self.family.advocacy_offered = true,
            EventKind::FamilyInformed => self.family.informed = true,
            EventKind::FamilyContacted { .. } => {}
            EventKind::FamilyDraftShared => {
                self.family.draft_shared = true;
                self.draft_shared_for = self.drafts;
            }
            EventKind::OverviewDrafted { .. } => {
                self.drafts += 1;
                self.redraft_open = false;
            }
            EventKind::OverviewQualityAssured => self.drafts_assured = self.drafts,
            EventKind::ActionPlanAgreed { actions } => self.actions = Some(actions.clone()),
            EventKind::ActionCompleted { id } => self.completed.push(id.clone()),
            EventKind::ActionAdded { action } => {
                if let Some(list) = self.actions.as_mut() {
                    list.push(action.clone());
                }
            }
            EventKind::Voided { .. } => {}
            EventKind::SubmittedToHomeOffice => {
                self.submissions += 1;
                self.awaiting_outcome = true;
                self.redraft_open = false;
            }
            EventKind::QaOutcome { result } => {
                self.awaiting_outcome = false;
                self.last_outcome = Some(*result);
                self.redraft_open = *result == QaResult::Resubmit;
            }
            EventKind::Published => self.published = true,
            EventKind::CommissionerCopySent => self.commissioner_copy_sent = true,
            EventKind::Paused { .. } => self.paused = true,
            EventKind::Resumed => self.paused = false,
        }
        if let Some(stage) = Stage::of_event(event.name()) {
            if self.stage.is_none_or(|s| stage > s) {
                self.stage = Some(stage);
            }
        }
    }

    fn update_imr(&mut self, agency: &str, f: impl FnOnce(&mut Imr)) {
        if let Some(i) = self.imrs.iter_mut().find(|i| i.agency == agency) {
            f(i);
        }
    }
}

/// An accepted event log: every event in it passed the rules of order of
/// spec 6.3 when it was applied, so the log replays to the same state.
///
/// [`Review`](super::Review) wraps a `Log` with the review's header (rule
/// set, death, reference); the log alone answers "where are we?".
///
/// ```
/// use dhr_core::lifecycle::{Event, EventKind, Log, Role, Stage};
/// use chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
/// let mut log = Log::new();
/// log.apply(Event::new(d(1, 31), Role::Police, EventKind::Notified)).unwrap();
/// // Only the CSP decides.
/// let err = log
///     .apply(Event::new(d(2, 12), Role::Police, EventKind::Decided { review: true, reasons: None }))
///     .unwrap_err();
/// assert_eq!((err.code().as_str(), err.path()), ("role_not_allowed", "events[1].by"));
/// assert_eq!(log.events().len(), 1);
/// assert_eq!(log.stage(), Stage::Notified);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Log {
    /// Every event as stored, voided events and voids included.
    events: Vec<Event>,
    /// Each event's own `extensions` (spec 8.6), as given.
    extensions: Vec<Option<Personal<Map<String, Value>>>>,
    /// The indices of the voided events, ascending (spec 8.4).
    voided: Vec<usize>,
    /// The state of the corrected log: the events neither voided nor voids.
    state: State,
}

/// The first event of `events` (not voided, not a void, not `skip`) that a
/// replay in order refuses: its index and why; or the state they make.
fn replay<'a>(
    events: impl Iterator<Item = (usize, &'a Event)>,
) -> std::result::Result<State, (usize, Refusal)> {
    let mut state = State::default();
    for (i, e) in events {
        state.check(e).map_err(|r| (i, r))?;
        state.record(e);
    }
    Ok(state)
}

impl Log {
    /// An empty log.
    pub fn new() -> Log {
        Log::default()
    }

    /// Replay `events` in order; the first refused event is the error
    /// (with its index).
    ///
    /// ```
    /// use dhr_core::lifecycle::{Event, EventKind, Log, Role};
    /// use chrono::NaiveDate;
    /// let on = NaiveDate::from_ymd_opt(2024, 1, 31).unwrap();
    /// let err = Log::from_events(vec![Event::new(on, Role::Csp, EventKind::PanelCommissioned)]).unwrap_err();
    /// assert_eq!((err.code().as_str(), err.event_index()), ("prerequisite_missing", Some(0)));
    /// ```
    pub fn from_events(events: Vec<Event>) -> Result<Log> {
        let mut log = Log::new();
        for event in events {
            log.apply(event)?;
        }
        Ok(log)
    }

    /// Append an event if the rules of order allow it. On error the log is
    /// unchanged and the error carries the event's index (`events[N]`).
    ///
    /// A `voided` event (spec 8.4) is checked in this order: its `voids`
    /// names an earlier event that is neither a void nor already voided
    /// (else `invalid_value` at `events[N].voids`); its role; then the
    /// events before it, without the one it voids, must replay (else
    /// `prerequisite_missing` at `events[N]`, naming the first that would
    /// be refused).
    ///
    /// ```
    /// use dhr_core::lifecycle::{Event, EventKind, Log, Role, Stage};
    /// use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
    /// let mut log = Log::new();
    /// log.apply(Event::new(d(1, 31), Role::Police, EventKind::Notified))?;
    /// let reasons = Some(String::from("keyed in error").into());
    /// log.apply(Event::new(d(2, 12), Role::Csp, EventKind::Decided { review: false, reasons }))?;
    /// assert_eq!(log.stage(), Stage::ClosedNoReview);
    /// let void = EventKind::Voided { voids: 1, reason: String::from("wrong decision keyed").into() };
    /// log.apply(Event::new(d(2, 13), Role::Csp, void))?;
    /// assert_eq!((log.stage(), log.voided()), (Stage::Notified, &[1][..]));
    /// // The notification cannot be voided: the void of the decision is not
    /// // at stake, but nothing else may come before notified.
    /// log.apply(Event::new(d(2, 13), Role::Csp, EventKind::Decided { review: true, reasons: None }))?;
    /// let void = EventKind::Voided { voids: 0, reason: String::from("x").into() };
    /// let err = log.apply(Event::new(d(2, 14), Role::Csp, void)).unwrap_err();
    /// assert_eq!((err.code().as_str(), err.path()), ("prerequisite_missing", "events[4]"));
    /// assert!(err.message().contains("events[3]"));
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn apply(&mut self, event: Event) -> Result<()> {
        self.apply_with(event, None)
    }

    /// [`Log::apply`], keeping the event's own `extensions` (spec 8.6) to
    /// be written back with it.
    pub fn apply_with(
        &mut self,
        event: Event,
        extensions: Option<Map<String, Value>>,
    ) -> Result<()> {
        // The path is written only for an error.
        let index = self.events.len();
        let path = || json::item("events", index);
        if let Some(p) = event.problem() {
            return Err(p.at(&path()).at_event(index));
        }
        let refused = |r: Refusal| {
            Error::new(r.code, format!("{}{}", path(), r.suffix), r.message.text()).at_event(index)
        };
        let voided = if let EventKind::Voided { voids, .. } = event.kind {
            self.check_voids(voids, index)?;
            self.state.check(&event).map_err(refused)?;
            // Kept ascending by inserting in place (no sort: smaller in wasm).
            let mut voided = self.voided.clone();
            let at = voided.binary_search(&voids).unwrap_or_else(|i| i);
            voided.insert(at, voids);
            match replay(self.active_in(&voided)) {
                Ok(state) => self.state = state,
                Err((j, r)) => {
                    let name = self.events.get(j).map_or(EventName::Voided, Event::name);
                    return Err(Error::new(
                        ErrorCode::PrerequisiteMissing,
                        path(),
                        format!(
                            "voiding events[{voids}] would leave events[{j}] ({name}) refused: {}",
                            r.message.text()
                        ),
                    )
                    .at_event(index));
                }
            }
            Some(voided)
        } else {
            self.state.check(&event).map_err(refused)?;
            self.state.record(&event);
            None
        };
        if let Some(v) = voided {
            self.voided = v;
        }
        self.events.push(event);
        self.extensions.push(extensions.map(Personal::new));
        Ok(())
    }

    /// The field checks of a void's `voids` (spec 8.4).
    fn check_voids(&self, voids: usize, index: usize) -> Result<()> {
        let message = if voids > index {
            Some("no event has this index: a void names an earlier event of the log")
        } else if voids == index {
            Some("a void cannot name itself: it names an earlier event of the log")
        } else if self
            .events
            .get(voids)
            .is_some_and(|e| e.name() == EventName::Voided)
        {
            Some("this index names a voided event (a correction); a void cannot be voided")
        } else if self.voided.binary_search(&voids).is_ok() {
            Some("the event at this index has already been voided")
        } else {
            None
        };
        match message {
            Some(m) => Err(Error::new(
                ErrorCode::InvalidValue,
                json::child(&json::item("events", index), "voids"),
                m,
            )
            .at_event(index)),
            None => Ok(()),
        }
    }

    /// The events that count, given the voided indices: neither voided
    /// nor voids, each with its stored index.
    fn active_in<'a>(&'a self, voided: &'a [usize]) -> impl Iterator<Item = (usize, &'a Event)> {
        self.events
            .iter()
            .enumerate()
            .filter(move |(i, e)| e.name() != EventName::Voided && voided.binary_search(i).is_err())
    }

    /// The events that count (spec 8.4): neither voided nor voids, each
    /// with its index in the stored `events` array, in stored order (which
    /// is date order).
    pub fn active(&self) -> impl Iterator<Item = (usize, &Event)> {
        self.active_in(&self.voided)
    }

    /// The indices of the voided events, ascending (spec 8.4 `voided_events`).
    pub fn voided(&self) -> &[usize] {
        &self.voided
    }

    /// The indices of the events that do not count: the voided events and
    /// the voids, ascending.
    pub fn uncounted(&self) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .events
            .iter()
            .enumerate()
            .filter(|(i, e)| e.name() == EventName::Voided || self.voided.binary_search(i).is_ok())
            .map(|(i, _)| i)
            .collect();
        out.dedup();
        out
    }

    /// Each event's own `extensions` (spec 8.6), in stored order.
    pub fn extensions(&self) -> &[Option<Personal<Map<String, Value>>>] {
        &self.extensions
    }

    /// The events, in the order applied (voided events and voids included:
    /// see [`Log::active`]).
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The log as it stood at the end of `as_of`: events dated after it
    /// are left out.
    ///
    /// ```
    /// use dhr_core::lifecycle::{Event, EventKind, Log, PauseReason, Role};
    /// use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
    /// let log = Log::from_events(vec![
    ///     Event::new(d(1, 31), Role::Police, EventKind::Notified),
    ///     Event::new(d(5, 1), Role::Chair, EventKind::Paused { reason: PauseReason::CriminalProceedings }),
    /// ])?;
    /// assert!(log.paused());
    /// assert!(!log.as_of(d(4, 30)).paused());
    /// assert_eq!(log.as_of(d(4, 30)).events().len(), 1);
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    ///
    /// A voided event counts as never recorded, whatever the as-of date
    /// (spec 8.4): the log as of a date holds the events that count, dated
    /// on or before it (without voids, so its indices are its own).
    pub fn as_of(&self, as_of: NaiveDate) -> Log {
        let mut log = Log::new();
        for (i, event) in self.active().take_while(|(_, e)| e.on <= as_of) {
            // A prefix of the corrected log is accepted: record directly.
            log.state.record(event);
            log.events.push(event.clone());
            log.extensions
                .push(self.extensions.get(i).cloned().unwrap_or_default());
        }
        log
    }

    /// The furthest lifecycle stage reached, or `closed_no_review`.
    ///
    /// ```
    /// use dhr_core::lifecycle::{Event, EventKind, Log, Role, Stage};
    /// use chrono::NaiveDate;
    /// let on = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
    /// let reasons = Some(String::from("reviewed as a safeguarding adults review").into());
    /// let log = Log::from_events(vec![
    ///     Event::new(on, Role::Csp, EventKind::Notified),
    ///     Event::new(on, Role::Csp, EventKind::Decided { review: false, reasons }),
    /// ])?;
    /// assert_eq!(log.stage(), Stage::ClosedNoReview);
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn stage(&self) -> Stage {
        if self.state.closed() {
            return Stage::ClosedNoReview;
        }
        self.state.stage.unwrap_or(Stage::NotNotified)
    }

    /// Whether the review is paused (a `paused` event not yet resumed).
    pub fn paused(&self) -> bool {
        self.state.paused
    }

    /// Whether the CSP decided to review: `None` before `decided`. A
    /// direction under s.9(2) does not change the recorded decision.
    pub fn decision(&self) -> Option<bool> {
        self.state.decision
    }

    /// The IMR of each agency, in the order they were commissioned.
    pub fn imrs(&self) -> &[Imr] {
        &self.state.imrs
    }

    /// The family track.
    pub fn family(&self) -> Family {
        self.state.family
    }

    /// The actions of the agreed plan, each with whether it is completed.
    pub fn actions(&self) -> Vec<(&Action, bool)> {
        self.state
            .actions
            .iter()
            .flatten()
            .map(|a| (a, self.state.completed.contains(&a.id)))
            .collect()
    }

    /// The latest Home Office QA outcome, if any.
    pub fn qa_outcome(&self) -> Option<QaResult> {
        self.state.last_outcome
    }

    /// The events that may come next, in the order of the spec's table,
    /// each with the roles allowed. An event is listed when some values of
    /// its fields would be accepted (an agency or action id the log names,
    /// a new agency, `outstanding_imr_reason` given).
    ///
    /// ```
    /// use dhr_core::lifecycle::{Event, EventKind, Log, Role};
    /// use chrono::NaiveDate;
    /// let on = NaiveDate::from_ymd_opt(2024, 1, 31).unwrap();
    /// let log = Log::from_events(vec![Event::new(on, Role::Police, EventKind::Notified)])?;
    /// let next: Vec<&str> = log.next().iter().map(|n| n.event.as_str()).collect();
    /// assert_eq!(next, ["decided", "paused"]);
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn next(&self) -> Vec<NextEvent> {
        EventName::ALL
            .iter()
            .filter(|name| self.state.allows(**name))
            .map(|name| NextEvent {
                event: *name,
                by: name.roles(),
            })
            .collect()
    }

    /// The warnings of spec 8.7 as of a date, in the order of the events
    /// (and of the actions in a plan): one `similar_agency_names` for each
    /// agency name (an IMR's `agency`, an action's `owner`) written
    /// differently from the first spelling of that name in the log, but
    /// equal to it after trimming surrounding spaces and ignoring letter
    /// case. Voided events, voids
    /// and events after `as_of` are left out.
    ///
    /// ```
    /// use dhr_core::lifecycle::Review;
    /// use chrono::NaiveDate;
    /// let review = Review::from_json(r#"{"schema_version": 1, "rules": "stockton_2011", "events": [
    ///   {"on": "2024-01-31", "event": "notified", "by": "police"},
    ///   {"on": "2024-02-12", "event": "decided", "by": "csp", "review": true},
    ///   {"on": "2024-02-14", "event": "panel_commissioned", "by": "csp"},
    ///   {"on": "2024-02-15", "event": "chair_appointed", "by": "csp"},
    ///   {"on": "2024-03-01", "event": "terms_of_reference_agreed", "by": "chair"},
    ///   {"on": "2024-03-02", "event": "imr_commissioned", "by": "chair", "agency": "Police"},
    ///   {"on": "2024-03-02", "event": "imr_commissioned", "by": "chair", "agency": "police "}]}"#)?;
    /// let w = review.log().warnings(NaiveDate::from_ymd_opt(2024, 3, 2).unwrap());
    /// assert_eq!((w[0].code.as_str(), w[0].path.as_str()), ("similar_agency_names", "events[6].agency"));
    /// assert!(review.log().warnings(NaiveDate::from_ymd_opt(2024, 3, 1).unwrap()).is_empty());
    /// # Ok::<(), dhr_core::Error>(())
    /// ```
    pub fn warnings<'a>(&'a self, as_of: NaiveDate) -> Vec<Warning> {
        // Where a name is written: the event, and the action within a plan.
        // Its path is written only for a warning (nearly every log has none).
        #[derive(Clone, Copy)]
        enum At {
            Agency(usize),
            Owner(usize),
            PlanOwner(usize, usize),
        }
        let path = |at: At| match at {
            At::Agency(i) => json::child(&json::item("events", i), "agency"),
            At::Owner(i) => json::child(&json::item("events", i), "owner"),
            At::PlanOwner(i, k) => json::child(
                &json::item(&json::child(&json::item("events", i), "actions"), k),
                "owner",
            ),
        };
        // Each name as first spelt, its folded hash, and where. The hash
        // (FNV-1a over the trimmed, ASCII-lowercased bytes) lets a name be
        // matched against the earlier ones without a text comparison each.
        let fold_hash = |t: &str| {
            t.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3)
            })
        };
        let mut seen: Vec<(u64, &str, &str, At)> = Vec::new();
        let mut out = Vec::new();
        let mut check = |name: &'a str, at: At| {
            // ASCII case folding: Unicode tables would cost 8 KB of the
            // gzipped WebAssembly module (README). Compared with the first
            // spelling of the name: the events that use it are not
            // flagged, each event that uses another is.
            let trimmed = name.trim();
            let hash = fold_hash(trimmed);
            match seen
                .iter()
                .find(|(h, _, t, _)| *h == hash && t.eq_ignore_ascii_case(trimmed))
            {
                Some((_, first, _, earlier)) if *first != name => {
                    let earlier = path(*earlier);
                    out.push(Warning {
                        code: WarningCode::SimilarAgencyNames,
                        message: format!(
                            "this agency name differs from the one at {earlier} only in surrounding \
                             spaces or letter case; agency names are matched exactly as written, \
                             so the two are counted as different agencies"
                        ),
                        path: path(at),
                    });
                }
                Some(_) => {}
                None => seen.push((hash, name, trimmed, at)),
            }
        };
        for (i, e) in self.active().filter(|(_, e)| e.on <= as_of) {
            match &e.kind {
                EventKind::ImrCommissioned { agency }
                | EventKind::ImrSubmitted { agency }
                | EventKind::ImrQualityAssured { agency }
                | EventKind::StaffDebriefed { agency }
                | EventKind::ImrWithdrawn { agency, .. } => check(agency, At::Agency(i)),
                EventKind::ActionPlanAgreed { actions } => {
                    for (k, a) in actions.iter().enumerate() {
                        if let Some(o) = &a.owner {
                            check(o, At::PlanOwner(i, k));
                        }
                    }
                }
                EventKind::ActionAdded { action } => {
                    if let Some(o) = &action.owner {
                        check(o, At::Owner(i));
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// The log in the interchange format: an array of events.
    pub fn to_value(&self) -> Value {
        Value::Array(
            self.events
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let mut v = e.to_value();
                    if let (Value::Object(m), Some(Some(x))) = (&mut v, self.extensions.get(i)) {
                        m.insert("extensions".into(), Value::Object(x.expose().clone()));
                    }
                    v
                })
                .collect(),
        )
    }
}
