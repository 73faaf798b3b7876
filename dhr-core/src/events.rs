//! The events of a review's log (spec section 6.3) and the roles that record them.
//!
//! The vocabulary that [`rules`](crate::rules) (start and end events),
//! [`deadlines`](crate::deadlines) and [`lifecycle`](crate::lifecycle) (the
//! log) share; it depends on none of them. Also at `dhr_core::lifecycle::event`.

use crate::error::{Error, ErrorCode, Result};
use crate::json::{self, Obj};
use crate::personal::Personal;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value};

names! {
    /// Who records an event.
    pub enum Role {
        /// The police.
        Police = "police",
        /// The Community Safety Partnership.
        Csp = "csp",
        /// The domestic violence strategy group that sets up the panel.
        StrategyGroup = "strategy_group",
        /// The independent chair.
        Chair = "chair",
        /// The review panel.
        Panel = "panel",
        /// An agency's senior manager.
        AgencySeniorManager = "agency_senior_manager",
        /// The author of an agency's IMR.
        ImrAuthor = "imr_author",
        /// The Home Office (including its quality assurance panel).
        HomeOffice = "home_office",
    }
}

names! {
    /// The name of an event, without its data. Rule sets name start and end
    /// events with these strings.
    pub enum EventName {
        /// Police (or another source) notified the CSP of the death.
        Notified = "notified",
        /// The CSP decided whether to hold a review.
        Decided = "decided",
        /// The CSP told the Home Office of its decision.
        HomeOfficeInformed = "home_office_informed",
        /// The Secretary of State directed a review (s.9(2)).
        DirectedReview = "directed_review",
        /// The CSP commissioned the panel.
        PanelCommissioned = "panel_commissioned",
        /// The independent chair was appointed.
        ChairAppointed = "chair_appointed",
        /// Terms of reference agreed.
        TermsOfReferenceAgreed = "terms_of_reference_agreed",
        /// Case records secured; chronology begun.
        RecordsSecured = "records_secured",
        /// An agency's IMR commissioned.
        ImrCommissioned = "imr_commissioned",
        /// An agency's IMR submitted.
        ImrSubmitted = "imr_submitted",
        /// An agency's IMR quality-assured by its senior manager.
        ImrQualityAssured = "imr_quality_assured",
        /// An agency's staff debriefed on its IMR.
        StaffDebriefed = "staff_debriefed",
        /// An agency's IMR withdrawn.
        ImrWithdrawn = "imr_withdrawn",
        /// A single point of contact named for the family.
        FamilyContactNamed = "family_contact_named",
        /// The family given the leaflet.
        FamilyLeafletGiven = "family_leaflet_given",
        /// Advocacy offered to the family.
        AdvocacyOffered = "advocacy_offered",
        /// The family told of the review.
        FamilyInformed = "family_informed",
        /// A contact with the family logged.
        FamilyContacted = "family_contacted",
        /// The family shown the draft.
        FamilyDraftShared = "family_draft_shared",
        /// The overview report drafted.
        OverviewDrafted = "overview_drafted",
        /// The overview report quality-assured by the panel.
        OverviewQualityAssured = "overview_quality_assured",
        /// The action plan agreed.
        ActionPlanAgreed = "action_plan_agreed",
        /// One action of the plan completed.
        ActionCompleted = "action_completed",
        /// An action added to the agreed plan (spec 8.5).
        ActionAdded = "action_added",
        /// The report submitted to the Home Office.
        SubmittedToHomeOffice = "submitted_to_home_office",
        /// The Home Office QA panel's outcome.
        QaOutcome = "qa_outcome",
        /// The report published.
        Published = "published",
        /// A copy of the report sent to the Domestic Abuse Commissioner.
        CommissionerCopySent = "commissioner_copy_sent",
        /// The review paused.
        Paused = "paused",
        /// The review resumed.
        Resumed = "resumed",
        /// A correction: an earlier event counts as never recorded (spec 8.4).
        Voided = "voided",
    }
}

names! {
    /// Why a review was paused.
    pub enum PauseReason {
        /// Criminal proceedings.
        CriminalProceedings = "criminal_proceedings",
        /// Another review takes priority.
        OtherReviewPriority = "other_review_priority",
        /// Another reason.
        Other = "other",
    }
}

names! {
    /// The Home Office quality assurance panel's outcome.
    pub enum QaResult {
        /// Approved for publication.
        Approved = "approved",
        /// Approved subject to changes.
        ApprovedWithChanges = "approved_with_changes",
        /// To be resubmitted.
        Resubmit = "resubmit",
    }
}

names! {
    /// Within how long an action of the plan is to be done.
    pub enum ActionWithin {
        /// Within one month of the plan.
        OneMonth = "1_month",
        /// Within six months of the plan.
        SixMonths = "6_months",
    }
}

/// One action of an action plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Action {
    /// The caller's id of the action (`A1`).
    pub id: String,
    /// Its time limit.
    pub within: ActionWithin,
    /// The agency responsible, as the caller writes it (spec 8.5).
    pub owner: Option<String>,
}

impl Action {
    /// An action with no owner named.
    ///
    /// ```
    /// use dhr_core::lifecycle::{Action, ActionWithin};
    /// let a = Action::new("A1", ActionWithin::OneMonth);
    /// assert_eq!((a.id.as_str(), a.owner), ("A1", None));
    /// ```
    pub fn new(id: impl Into<String>, within: ActionWithin) -> Action {
        Action {
            id: id.into(),
            within,
            owner: None,
        }
    }

    fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("id".into(), Value::String(self.id.clone()));
        m.insert("within".into(), Value::String(self.within.as_str().into()));
        if let Some(o) = &self.owner {
            m.insert("owner".into(), Value::String(o.clone()));
        }
        Value::Object(m)
    }
}

/// What happened, with the event's own fields.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EventKind {
    /// See [`EventName::Notified`].
    Notified,
    /// See [`EventName::Decided`].
    Decided {
        /// Whether a review will be held.
        review: bool,
        /// The reasons (required when `review` is false). Free text.
        reasons: Option<Personal<String>>,
    },
    /// See [`EventName::HomeOfficeInformed`].
    HomeOfficeInformed,
    /// See [`EventName::DirectedReview`].
    DirectedReview,
    /// See [`EventName::PanelCommissioned`].
    PanelCommissioned,
    /// See [`EventName::ChairAppointed`].
    ChairAppointed,
    /// See [`EventName::TermsOfReferenceAgreed`].
    TermsOfReferenceAgreed {
        /// How far back agencies look.
        look_back_from: Option<NaiveDate>,
    },
    /// See [`EventName::RecordsSecured`].
    RecordsSecured,
    /// See [`EventName::ImrCommissioned`].
    ImrCommissioned {
        /// The agency.
        agency: String,
    },
    /// See [`EventName::ImrSubmitted`].
    ImrSubmitted {
        /// The agency.
        agency: String,
    },
    /// See [`EventName::ImrQualityAssured`].
    ImrQualityAssured {
        /// The agency.
        agency: String,
    },
    /// See [`EventName::StaffDebriefed`].
    StaffDebriefed {
        /// The agency.
        agency: String,
    },
    /// See [`EventName::ImrWithdrawn`].
    ImrWithdrawn {
        /// The agency.
        agency: String,
        /// Why. Free text.
        reason: Personal<String>,
    },
    /// See [`EventName::FamilyContactNamed`].
    FamilyContactNamed,
    /// See [`EventName::FamilyLeafletGiven`].
    FamilyLeafletGiven,
    /// See [`EventName::AdvocacyOffered`].
    AdvocacyOffered,
    /// See [`EventName::FamilyInformed`].
    FamilyInformed,
    /// See [`EventName::FamilyContacted`].
    FamilyContacted {
        /// A note of the contact. Free text: personal data.
        note: Option<Personal<String>>,
    },
    /// See [`EventName::FamilyDraftShared`].
    FamilyDraftShared,
    /// See [`EventName::OverviewDrafted`].
    OverviewDrafted {
        /// Why the overview went ahead while an IMR was outstanding. Free text.
        outstanding_imr_reason: Option<Personal<String>>,
    },
    /// See [`EventName::OverviewQualityAssured`].
    OverviewQualityAssured,
    /// See [`EventName::ActionPlanAgreed`].
    ActionPlanAgreed {
        /// The actions.
        actions: Vec<Action>,
    },
    /// See [`EventName::ActionCompleted`].
    ActionCompleted {
        /// The action's id.
        id: String,
    },
    /// See [`EventName::ActionAdded`].
    ActionAdded {
        /// The action added (its clock starts on the event's date).
        action: Action,
    },
    /// See [`EventName::SubmittedToHomeOffice`].
    SubmittedToHomeOffice,
    /// See [`EventName::QaOutcome`].
    QaOutcome {
        /// The outcome.
        result: QaResult,
    },
    /// See [`EventName::Published`].
    Published,
    /// See [`EventName::CommissionerCopySent`].
    CommissionerCopySent,
    /// See [`EventName::Paused`].
    Paused {
        /// Why.
        reason: PauseReason,
    },
    /// See [`EventName::Resumed`].
    Resumed,
    /// See [`EventName::Voided`].
    Voided {
        /// The index, in the stored `events` array, of the event voided.
        voids: usize,
        /// Why. Free text.
        reason: Personal<String>,
    },
}

impl EventKind {
    /// The event's name.
    pub fn name(&self) -> EventName {
        match self {
            EventKind::Notified => EventName::Notified,
            EventKind::Decided { .. } => EventName::Decided,
            EventKind::HomeOfficeInformed => EventName::HomeOfficeInformed,
            EventKind::DirectedReview => EventName::DirectedReview,
            EventKind::PanelCommissioned => EventName::PanelCommissioned,
            EventKind::ChairAppointed => EventName::ChairAppointed,
            EventKind::TermsOfReferenceAgreed { .. } => EventName::TermsOfReferenceAgreed,
            EventKind::RecordsSecured => EventName::RecordsSecured,
            EventKind::ImrCommissioned { .. } => EventName::ImrCommissioned,
            EventKind::ImrSubmitted { .. } => EventName::ImrSubmitted,
            EventKind::ImrQualityAssured { .. } => EventName::ImrQualityAssured,
            EventKind::StaffDebriefed { .. } => EventName::StaffDebriefed,
            EventKind::ImrWithdrawn { .. } => EventName::ImrWithdrawn,
            EventKind::FamilyContactNamed => EventName::FamilyContactNamed,
            EventKind::FamilyLeafletGiven => EventName::FamilyLeafletGiven,
            EventKind::AdvocacyOffered => EventName::AdvocacyOffered,
            EventKind::FamilyInformed => EventName::FamilyInformed,
            EventKind::FamilyContacted { .. } => EventName::FamilyContacted,
            EventKind::FamilyDraftShared => EventName::FamilyDraftShared,
            EventKind::OverviewDrafted { .. } => EventName::OverviewDrafted,
            EventKind::OverviewQualityAssured => EventName::OverviewQualityAssured,
            EventKind::ActionPlanAgreed { .. } => EventName::ActionPlanAgreed,
            EventKind::ActionCompleted { .. } => EventName::ActionCompleted,
            EventKind::ActionAdded { .. } => EventName::ActionAdded,
            EventKind::SubmittedToHomeOffice => EventName::SubmittedToHomeOffice,
            EventKind::QaOutcome { .. } => EventName::QaOutcome,
            EventKind::Published => EventName::Published,
            EventKind::CommissionerCopySent => EventName::CommissionerCopySent,
            EventKind::Paused { .. } => EventName::Paused,
            EventKind::Resumed => EventName::Resumed,
            EventKind::Voided { .. } => EventName::Voided,
        }
    }
}

/// One entry of a review's log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The date it happened.
    pub on: NaiveDate,
    /// Who recorded it.
    pub by: Role,
    /// What happened.
    pub kind: EventKind,
}

impl EventName {
    /// The roles that may record this event (spec 6.3, column "roles"), in
    /// the table's order.
    ///
    /// ```
    /// use dhr_core::lifecycle::{EventName, Role};
    /// assert_eq!(EventName::Notified.roles(), &[Role::Police, Role::Csp]);
    /// assert_eq!(EventName::QaOutcome.roles(), &[Role::HomeOffice]);
    /// ```
    pub fn roles(self) -> &'static [Role] {
        use Role::*;
        match self {
            EventName::Notified => &[Police, Csp],
            EventName::Decided => &[Csp],
            EventName::HomeOfficeInformed => &[Csp],
            EventName::DirectedReview => &[HomeOffice],
            EventName::PanelCommissioned => &[Csp],
            EventName::ChairAppointed => &[Csp, StrategyGroup],
            EventName::TermsOfReferenceAgreed => &[Chair],
            EventName::RecordsSecured => &[Panel, Chair],
            EventName::ImrCommissioned => &[Chair, AgencySeniorManager],
            EventName::ImrSubmitted => &[ImrAuthor, AgencySeniorManager],
            EventName::ImrQualityAssured => &[AgencySeniorManager],
            EventName::StaffDebriefed => &[AgencySeniorManager],
            EventName::ImrWithdrawn => &[Chair],
            EventName::FamilyContactNamed
            | EventName::FamilyLeafletGiven
            | EventName::AdvocacyOffered
            | EventName::FamilyInformed
            | EventName::FamilyContacted => &[Panel, Chair],
            EventName::FamilyDraftShared => &[Chair],
            EventName::OverviewDrafted => &[Chair],
            EventName::OverviewQualityAssured => &[Panel],
            EventName::ActionPlanAgreed => &[Panel, Chair],
            EventName::ActionCompleted => &[Csp, Panel, AgencySeniorManager],
            EventName::ActionAdded => &[Panel, Chair],
            EventName::SubmittedToHomeOffice => &[Csp],
            EventName::QaOutcome => &[HomeOffice],
            EventName::Published => &[Csp],
            EventName::CommissionerCopySent => &[Csp],
            EventName::Paused | EventName::Resumed => &[Chair, Csp],
            EventName::Voided => &[Csp, Chair],
        }
    }

    /// The keys an event of this name may carry besides `on`, `event` and `by`.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            EventName::Decided => &["review", "reasons"],
            EventName::TermsOfReferenceAgreed => &["look_back_from"],
            EventName::ImrCommissioned
            | EventName::ImrSubmitted
            | EventName::ImrQualityAssured
            | EventName::StaffDebriefed => &["agency"],
            EventName::ImrWithdrawn => &["agency", "reason"],
            EventName::FamilyContacted => &["note"],
            EventName::OverviewDrafted => &["outstanding_imr_reason"],
            EventName::ActionPlanAgreed => &["actions"],
            EventName::ActionCompleted => &["id"],
            EventName::ActionAdded => &["id", "within", "owner"],
            EventName::Voided => &["voids", "reason"],
            EventName::QaOutcome => &["result"],
            EventName::Paused => &["reason"],
            _ => &[],
        }
    }
}

/// The keys every event may carry (`extensions`, spec 8.6, is optional).
const BASE_KEYS: [&str; 4] = ["on", "event", "by", "extensions"];

fn text_field(obj: &Obj<'_>, key: &str, required: bool) -> Result<Option<String>> {
    let value = if required {
        Some(obj.req_str(key)?)
    } else {
        obj.opt_str(key)?
    };
    match value {
        Some(s) if s.trim().is_empty() => Err(Error::new(
            ErrorCode::InvalidValue,
            obj.path_of(key),
            "this text must not be empty",
        )),
        other => Ok(other.map(str::to_string)),
    }
}

fn empty_text() -> Error {
    Error::new(ErrorCode::InvalidValue, "", "this text must not be empty")
}

/// A problem with an event's own fields, found by [`Event::problem`]: the
/// key (and, under `actions`, the action's index, the problem being its
/// `id`) and the error, its path written by [`Problem::at`].
pub(crate) struct Problem {
    key: &'static str,
    action: Option<(usize, &'static str)>,
    error: Error,
}

impl Problem {
    /// The error, with its path under the event's `path` (`events[3]`).
    pub(crate) fn at(self, path: &str) -> Error {
        let mut p = json::child(path, self.key);
        if let Some((i, sub)) = self.action {
            p = json::child(&json::item(&p, i), sub);
        }
        Error::new(self.error.code(), p, self.error.message())
    }
}

impl Event {
    /// A new event.
    ///
    /// ```
    /// use dhr_core::lifecycle::{Event, EventKind, Role};
    /// use chrono::NaiveDate;
    /// let e = Event::new(NaiveDate::from_ymd_opt(2024, 1, 31).unwrap(), Role::Police, EventKind::Notified);
    /// assert_eq!(e.name().as_str(), "notified");
    /// ```
    pub fn new(on: NaiveDate, by: Role, kind: EventKind) -> Event {
        Event { on, by, kind }
    }

    /// The event's name.
    pub fn name(&self) -> EventName {
        self.kind.name()
    }

    /// Read one event of the interchange format (spec 6.3) found at `path`
    /// (`events[3]`). Checks the fields only: whether the event may come
    /// next, and from whom, is for [`Review::apply`](crate::lifecycle::Review::apply).
    ///
    /// ```
    /// use dhr_core::lifecycle::{Event, EventName, Role};
    /// let v = serde_json::json!({"on": "2024-02-12", "event": "decided", "by": "csp", "review": true});
    /// let e = Event::from_value(&v, "events[1]").unwrap();
    /// assert_eq!((e.name(), e.by), (EventName::Decided, Role::Csp));
    ///
    /// let bad = serde_json::json!({"on": "2024-02-12", "event": "decided", "by": "csp", "review": false});
    /// let err = Event::from_value(&bad, "events[1]").unwrap_err();
    /// assert_eq!((err.code().as_str(), err.path()), ("missing_field", "events[1].reasons"));
    /// ```
    pub fn from_value(value: &Value, path: &str) -> Result<Event> {
        Event::read(value, path).map(|(e, _)| e)
    }

    /// [`Event::from_value`], with the event's own `extensions` (spec 8.6:
    /// an object, kept and written back, never read), `None` when absent.
    ///
    /// ```
    /// use dhr_core::lifecycle::Event;
    /// let v = serde_json::json!({"on": "2024-01-31", "event": "notified", "by": "police",
    ///                            "extensions": {"crm_id": "E-17"}});
    /// let (_, ext) = Event::read(&v, "events[0]").unwrap();
    /// assert_eq!(ext.unwrap()["crm_id"], "E-17");
    /// let bad = serde_json::json!({"on": "2024-01-31", "event": "notified", "by": "police", "extensions": 3});
    /// assert_eq!(Event::read(&bad, "events[0]").unwrap_err().path(), "events[0].extensions");
    /// ```
    pub fn read(value: &Value, path: &str) -> Result<(Event, Option<Map<String, Value>>)> {
        let map = value.as_object().ok_or_else(|| {
            Error::new(
                ErrorCode::InvalidValue,
                path,
                format!("expected an event object, found {}", json::type_name(value)),
            )
        })?;
        let name_value = match json::lookup(map, "event") {
            None | Some(Value::Null) => {
                return Err(Error::new(
                    ErrorCode::MissingField,
                    json::child(path, "event"),
                    "this field is required",
                ))
            }
            Some(v) => v,
        };
        // The path is written only when the name is refused.
        let name = match name_value.as_str().and_then(EventName::from_str) {
            Some(name) => name,
            None => json::enum_value(
                name_value,
                &json::child(path, "event"),
                EventName::from_str,
                EventName::NAMES,
            )?,
        };
        let mut allowed: Vec<&str> = BASE_KEYS.to_vec();
        allowed.extend_from_slice(name.fields());
        let obj = Obj::new(value, path, &allowed)?;
        let on = obj.req_date("on")?;
        let by = obj.req_enum("by", Role::from_str, Role::NAMES)?;
        let personal = |s: Option<String>| s.map(Personal::new);
        let kind = match name {
            EventName::Notified => EventKind::Notified,
            EventName::Decided => {
                let review = obj.req_bool("review")?;
                let reasons = text_field(&obj, "reasons", !review)?;
                EventKind::Decided {
                    review,
                    reasons: personal(reasons),
                }
            }
            EventName::HomeOfficeInformed => EventKind::HomeOfficeInformed,
            EventName::DirectedReview => EventKind::DirectedReview,
            EventName::PanelCommissioned => EventKind::PanelCommissioned,
            EventName::ChairAppointed => EventKind::ChairAppointed,
            EventName::TermsOfReferenceAgreed => EventKind::TermsOfReferenceAgreed {
                look_back_from: obj.opt_date("look_back_from")?,
            },
            EventName::RecordsSecured => EventKind::RecordsSecured,
            EventName::ImrCommissioned => EventKind::ImrCommissioned {
                agency: agency(&obj)?,
            },
            EventName::ImrSubmitted => EventKind::ImrSubmitted {
                agency: agency(&obj)?,
            },
            EventName::ImrQualityAssured => EventKind::ImrQualityAssured {
                agency: agency(&obj)?,
            },
            EventName::StaffDebriefed => EventKind::StaffDebriefed {
                agency: agency(&obj)?,
            },
            EventName::ImrWithdrawn => {
                let agency = agency(&obj)?;
                let reason = text_field(&obj, "reason", true)?.unwrap_or_default();
                EventKind::ImrWithdrawn {
                    agency,
                    reason: Personal::new(reason),
                }
            }
            EventName::FamilyContactNamed => EventKind::FamilyContactNamed,
            EventName::FamilyLeafletGiven => EventKind::FamilyLeafletGiven,
            EventName::AdvocacyOffered => EventKind::AdvocacyOffered,
            EventName::FamilyInformed => EventKind::FamilyInformed,
            EventName::FamilyContacted => EventKind::FamilyContacted {
                note: personal(text_field(&obj, "note", false)?),
            },
            EventName::FamilyDraftShared => EventKind::FamilyDraftShared,
            EventName::OverviewDrafted => EventKind::OverviewDrafted {
                outstanding_imr_reason: personal(text_field(
                    &obj,
                    "outstanding_imr_reason",
                    false,
                )?),
            },
            EventName::OverviewQualityAssured => EventKind::OverviewQualityAssured,
            EventName::ActionPlanAgreed => {
                let items = obj.req_array("actions")?;
                let apath = obj.path_of("actions");
                let mut actions: Vec<Action> = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let ipath = json::item(&apath, i);
                    let a = Obj::new(item, &ipath, &["id", "within", "owner"])?;
                    let id = text_field(&a, "id", true)?.unwrap_or_default();
                    if actions.iter().any(|x| x.id == id) {
                        return Err(Error::new(
                            ErrorCode::InvalidValue,
                            a.path_of("id"),
                            "this action id is used twice in the plan",
                        ));
                    }
                    actions.push(read_action(&a, id)?);
                }
                EventKind::ActionPlanAgreed { actions }
            }
            EventName::ActionCompleted => EventKind::ActionCompleted {
                id: text_field(&obj, "id", true)?.unwrap_or_default(),
            },
            EventName::ActionAdded => {
                let id = text_field(&obj, "id", true)?.unwrap_or_default();
                EventKind::ActionAdded {
                    action: read_action(&obj, id)?,
                }
            }
            EventName::Voided => {
                let voids = match obj.req("voids")? {
                    Value::Number(n) => n.as_u64().and_then(|n| usize::try_from(n).ok()),
                    _ => None,
                }
                .ok_or_else(|| {
                    Error::new(
                        ErrorCode::InvalidValue,
                        obj.path_of("voids"),
                        "expected the index of an earlier event (an integer, 0 or more)",
                    )
                })?;
                let reason = text_field(&obj, "reason", true)?.unwrap_or_default();
                EventKind::Voided {
                    voids,
                    reason: Personal::new(reason),
                }
            }
            EventName::SubmittedToHomeOffice => EventKind::SubmittedToHomeOffice,
            EventName::QaOutcome => EventKind::QaOutcome {
                result: obj.req_enum("result", QaResult::from_str, QaResult::NAMES)?,
            },
            EventName::Published => EventKind::Published,
            EventName::CommissionerCopySent => EventKind::CommissionerCopySent,
            EventName::Paused => EventKind::Paused {
                reason: obj.req_enum("reason", PauseReason::from_str, PauseReason::NAMES)?,
            },
            EventName::Resumed => EventKind::Resumed,
        };
        let extensions = obj.opt_object("extensions")?.cloned();
        Ok((Event { on, by, kind }, extensions))
    }

    /// Check the event's own fields, as [`Event::from_value`] does for JSON:
    /// dates in range, required text present and not empty, action ids
    /// unique. `path` is the event's path (`events[3]`).
    ///
    /// ```
    /// use dhr_core::lifecycle::{Event, EventKind, Role};
    /// use chrono::NaiveDate;
    /// let on = NaiveDate::from_ymd_opt(2024, 2, 12).unwrap();
    /// let e = Event::new(on, Role::Csp, EventKind::Decided { review: false, reasons: None });
    /// assert_eq!(e.validate("events[1]").unwrap_err().path(), "events[1].reasons");
    /// ```
    pub fn validate(&self, path: &str) -> Result<()> {
        match self.problem() {
            None => Ok(()),
            Some(p) => Err(p.at(path)),
        }
    }

    /// The first problem with the event's own fields, its path left to be
    /// written only when there is one ([`Event::validate`]; the log checks
    /// every event it applies).
    pub(crate) fn problem(&self) -> Option<Problem> {
        let key = |key: &'static str, error: Error| Problem {
            key,
            action: None,
            error,
        };
        let text =
            |value: &str, k: &'static str| value.trim().is_empty().then(|| key(k, empty_text()));
        if let Err(e) = json::check_range(self.on, "") {
            return Some(key("on", e));
        }
        match &self.kind {
            EventKind::Decided { review, reasons } => match reasons {
                Some(r) => text(r.expose(), "reasons"),
                None if !review => Some(key(
                    "reasons",
                    Error::new(
                        ErrorCode::MissingField,
                        "",
                        "a decision not to review must give its reasons",
                    ),
                )),
                None => None,
            },
            EventKind::TermsOfReferenceAgreed {
                look_back_from: Some(d),
            } => json::check_range(*d, "")
                .err()
                .map(|e| key("look_back_from", e)),
            EventKind::ImrCommissioned { agency }
            | EventKind::ImrSubmitted { agency }
            | EventKind::ImrQualityAssured { agency }
            | EventKind::StaffDebriefed { agency } => text(agency, "agency"),
            EventKind::ImrWithdrawn { agency, reason } => {
                text(agency, "agency").or_else(|| text(reason.expose(), "reason"))
            }
            EventKind::FamilyContacted { note: Some(n) } => text(n.expose(), "note"),
            EventKind::OverviewDrafted {
                outstanding_imr_reason: Some(r),
            } => text(r.expose(), "outstanding_imr_reason"),
            EventKind::ActionPlanAgreed { actions } => {
                actions.iter().enumerate().find_map(|(i, a)| {
                    let (sub, error) = if a.id.trim().is_empty() {
                        ("id", empty_text())
                    } else if actions.iter().take(i).any(|x| x.id == a.id) {
                        (
                            "id",
                            Error::new(
                                ErrorCode::InvalidValue,
                                "",
                                "this action id is used twice in the plan",
                            ),
                        )
                    } else if a.owner.as_deref().is_some_and(|o| o.trim().is_empty()) {
                        ("owner", empty_text())
                    } else {
                        return None;
                    };
                    Some(Problem {
                        key: "actions",
                        action: Some((i, sub)),
                        error,
                    })
                })
            }
            EventKind::ActionCompleted { id } => text(id, "id"),
            EventKind::ActionAdded { action } => text(&action.id, "id")
                .or_else(|| action.owner.as_deref().and_then(|o| text(o, "owner"))),
            EventKind::Voided { reason, .. } => text(reason.expose(), "reason"),
            _ => None,
        }
    }

    /// The event in the interchange format (spec 6.3). Optional fields that
    /// are absent are left out.
    ///
    /// ```
    /// use dhr_core::lifecycle::{Event, EventKind, Role, PauseReason};
    /// use chrono::NaiveDate;
    /// let on = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
    /// let e = Event::new(on, Role::Chair, EventKind::Paused { reason: PauseReason::CriminalProceedings });
    /// assert_eq!(e.to_value(), serde_json::json!(
    ///     {"on": "2024-05-01", "event": "paused", "by": "chair", "reason": "criminal_proceedings"}));
    /// ```
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("on".into(), Value::String(json::fmt_date(self.on)));
        m.insert("event".into(), Value::String(self.name().as_str().into()));
        m.insert("by".into(), Value::String(self.by.as_str().into()));
        let mut put = |k: &str, v: Value| {
            m.insert(k.to_string(), v);
        };
        let text = |s: &str| Value::String(s.to_string());
        match &self.kind {
            EventKind::Decided { review, reasons } => {
                put("review", Value::Bool(*review));
                if let Some(r) = reasons {
                    put("reasons", text(r.expose()));
                }
            }
            EventKind::TermsOfReferenceAgreed { look_back_from } => {
                if let Some(d) = look_back_from {
                    put("look_back_from", Value::String(json::fmt_date(*d)));
                }
            }
            EventKind::ImrCommissioned { agency }
            | EventKind::ImrSubmitted { agency }
            | EventKind::ImrQualityAssured { agency }
            | EventKind::StaffDebriefed { agency } => put("agency", text(agency)),
            EventKind::ImrWithdrawn { agency, reason } => {
                put("agency", text(agency));
                put("reason", text(reason.expose()));
            }
            EventKind::FamilyContacted { note } => {
                if let Some(n) = note {
                    put("note", text(n.expose()));
                }
            }
            EventKind::OverviewDrafted {
                outstanding_imr_reason,
            } => {
                if let Some(r) = outstanding_imr_reason {
                    put("outstanding_imr_reason", text(r.expose()));
                }
            }
            EventKind::ActionPlanAgreed { actions } => {
                let items = actions.iter().map(Action::to_value).collect();
                put("actions", Value::Array(items));
            }
            EventKind::ActionCompleted { id } => put("id", text(id)),
            EventKind::ActionAdded { action } => {
                if let Value::Object(a) = action.to_value() {
                    for (k, v) in a {
                        put(&k, v);
                    }
                }
            }
            EventKind::Voided { voids, reason } => {
                put("voids", Value::from(*voids));
                put("reason", text(reason.expose()));
            }
            EventKind::QaOutcome { result } => put("result", text(result.as_str())),
            EventKind::Paused { reason } => put("reason", text(reason.as_str())),
            EventKind::Notified
            | EventKind::HomeOfficeInformed
            | EventKind::DirectedReview
            | EventKind::PanelCommissioned
            | EventKind::ChairAppointed
            | EventKind::RecordsSecured
            | EventKind::FamilyContactNamed
            | EventKind::FamilyLeafletGiven
            | EventKind::AdvocacyOffered
            | EventKind::FamilyInformed
            | EventKind::FamilyDraftShared
            | EventKind::OverviewQualityAssured
            | EventKind::SubmittedToHomeOffice
            | EventKind::Published
            | EventKind::CommissionerCopySent
            | EventKind::Resumed => {}
        }
        Value::Object(m)
    }
}

/// An action's `within` and `owner` (its `id` already read), from a plan's
/// item or an `action_added` event.
fn read_action(obj: &Obj<'_>, id: String) -> Result<Action> {
    let within = obj.req_enum("within", ActionWithin::from_str, ActionWithin::NAMES)?;
    let owner = text_field(obj, "owner", false)?;
    Ok(Action { id, within, owner })
}

fn agency(obj: &Obj<'_>) -> Result<String> {
    Ok(text_field(obj, "agency", true)?.unwrap_or_default())
}
