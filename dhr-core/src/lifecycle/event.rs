//! The events of a review's log (spec section 6.3) and the roles that record them.

use crate::personal::Personal;
use chrono::NaiveDate;
use serde::Serialize;

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
            EventKind::SubmittedToHomeOffice => EventName::SubmittedToHomeOffice,
            EventKind::QaOutcome { .. } => EventName::QaOutcome,
            EventKind::Published => EventName::Published,
            EventKind::CommissionerCopySent => EventName::CommissionerCopySent,
            EventKind::Paused { .. } => EventName::Paused,
            EventKind::Resumed => EventName::Resumed,
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
