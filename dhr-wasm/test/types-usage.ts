// Typed usage of the package, checked with `tsc --noEmit` (dhr-wasm/run-tests).
// Every function and every shape of spec 6.1 to 6.4 is used here; the
// lines marked as expected errors must fail to type-check, so the types are not
// looser than the contract.
import {
  assess,
  assessMany,
  status,
  Review,
  addMonths,
  addWorkingDays,
  isWorkingDay,
  ruleSet,
  headlines,
  DhrError,
  type Death,
  type Assessment,
  type Outcome,
  type ReviewDocument,
  type ReviewEvent,
  type Status,
  type Deadline,
  type DeadlineStatus,
  type MonthsLater,
  type ErrorCode,
} from "dhr-wasm";

const death: Death = {
  schema_version: 1,
  reference: "STK-2024-003",
  date_of_death: "2024-03-10",
  notified_on: "2024-03-12",
  nation: "england",
  deceased: { date_of_birth: "1990-05-01", age: null, age_band: null, care_and_support_needs: null },
  manner: "homicide",
  suspects: [
    { connection: "former_intimate_partner", home_office_relationship: null, same_household: false, age: 41, abuse_suspected: true },
    { home_office_relationship: "Ex-spouse" },
  ],
  abuse_indicators: ["coercive_control"],
  extensions: { caseSystemId: 42 },
};

const answer: Assessment = assess(death, { dardrCommenced: null, susrFrom: "2024-10-01" });
const outcome: Outcome = answer.outcome;
const missing: string[] = answer.missing;
for (const r of answer.reasons) console.log(r.code, r.text, r.citation);
for (const r of answer.related_reviews) console.log(r.kind, r.notify_by ?? "-");
const fromText: Assessment = assess(JSON.stringify(death));
const many: Assessment[] = assessMany([death, death]);

const events: ReviewEvent[] = [
  { on: "2024-01-31", event: "notified", by: "police" },
  { on: "2024-02-12", event: "decided", by: "csp", review: true },
  { on: "2024-05-01", event: "paused", by: "chair", reason: "criminal_proceedings" },
  { on: "2024-07-01", event: "resumed", by: "chair" },
  { on: "2024-08-01", event: "action_plan_agreed", by: "panel", actions: [{ id: "A1", within: "1_month" }] },
  { on: "2024-09-01", event: "qa_outcome", by: "home_office", result: "approved_with_changes" },
];
const doc: ReviewDocument = { schema_version: 1, reference: "STK-2024-003", rules: "stockton_2011", death, events };

const s: Status = status(doc, "2024-02-20", { dueSoonDays: 14, rules: "guidance_2016" });
const first: Deadline | undefined = s.deadlines[0];
const st: DeadlineStatus | undefined = first?.status;
const daysLeft: number | null | undefined = first?.days_left;
const stage: string = s.stage;
const nextBy: string[] = s.next.flatMap((n) => n.by);
const contact: boolean = s.family.contact_named;
const sameAssessment: Outcome | undefined = s.assessment?.outcome;
// Spec 8.4 to 8.7.
const owner: string | null | undefined = s.actions[0]?.owner;
const actionStatus: DeadlineStatus | undefined = s.actions[0]?.status;
const warningCode: "similar_agency_names" | undefined = s.warnings[0]?.code;
const voided: number[] = s.voided_events;
const ignored: number = s.events_after_as_of;
const correction: ReviewEvent = { on: "2024-09-02", event: "voided", by: "csp", voids: 3, reason: "keyed in error", extensions: { crm_id: 7 } };
const added: ReviewEvent = { on: "2024-09-02", event: "action_added", by: "chair", id: "A9", within: "6_months", owner: "Police" };
// @ts-expect-error a void needs its reason
const noReason: ReviewEvent = { on: "2024-09-02", event: "voided", by: "csp", voids: 3 };

const review = new Review({ reference: "R1", rules: "proposed_2024" });
review.apply({ on: "2024-01-31", event: "notified", by: "csp" }).apply({ on: "2024-02-01", event: "decided", by: "csp", review: false, reasons: "..." });
const logged: ReviewEvent[] = review.events;
const written: ReviewDocument = review.toJSON();
const again: Review = Review.fromJSON(JSON.stringify(review));
const s2: Status = again.status("2024-03-01");
const s3: Status = status(review, "2024-03-01");

const later: MonthsLater = addMonths("2024-01-31", 1, "last_day");
const clamped: boolean = later.clamped;
const due: string = addWorkingDays("2024-03-12", 5, "england_and_wales");
const open: boolean = isWorkingDay("2024-12-25");

try {
  assess(death);
} catch (err) {
  if (err instanceof DhrError) {
    const code: ErrorCode | JsErrorCode = err.code;
    const path: string = err.path;
    const index: number | undefined = err.eventIndex;
    const asError: Error = err;
    console.log(code, path, index, asError.message);
  }
}

// @ts-expect-error an unknown nation
assess({ ...death, nation: "france" });
// @ts-expect-error dates are strings, not Date objects
assess({ ...death, date_of_death: new Date() });
// @ts-expect-error options are camelCase
assess(death, { dardr_commenced: "2025-01-01" });
// @ts-expect-error an unknown manner
const badManner: Death = { ...death, manner: "murder" };
// @ts-expect-error decided needs `review`
review.apply({ on: "2024-01-31", event: "decided", by: "csp" });
// @ts-expect-error an unknown role
review.apply({ on: "2024-01-31", event: "notified", by: "coroner" });
// @ts-expect-error an unknown outcome
const badOutcome: Outcome = "maybe";
// @ts-expect-error an unknown month-end policy
addMonths("2024-01-31", 1, "nearest");
// @ts-expect-error status needs the as-of date
status(doc);

console.log(outcome, missing, fromText, many, first, st, daysLeft, stage, nextBy, contact, sameAssessment);
console.log(logged, written, s2, s3, clamped, due, open, badManner, badOutcome);

const rules = ruleSet("stockton_2011");
for (const rule of rules.rules) {
  const title: string = rule.title;
  const citation: string = rule.citation;
  console.log(title, citation, rule.marks.join(""));
}
const requiredText: string = headlines().outcomes.required;
const s9Text: string = headlines().regimes.dhr_s9;
// @ts-expect-error not a built-in rule set id
ruleSet("stockton_2012");
console.log(requiredText, s9Text);

import dhr from "dhr-wasm";
const viaDefault: Assessment = dhr.assess(death);
console.log(viaDefault);

// The receipt (spec 8.3) and the schemas (spec 8.8).
import type { Engine, EngineRules } from "dhr-wasm";
import { schema, schemaNames, type SchemaName } from "dhr-wasm/schema";
const receipt: Engine = s.engine;
const applied: EngineRules | null = receipt.rules;
const hash: string | undefined = applied?.sha256;
const version: string = answer.engine?.version ?? "";
const dueSoon: number | undefined = receipt.options.due_soon_days;
const deathSchema: Record<string, unknown> = schema("death");
const first2: SchemaName | undefined = schemaNames[0];
// @ts-expect-error not a schema name
schema("deaths");
console.log(hash, version, dueSoon, deathSchema, first2);

// init (issue 16): every kind of argument, and the package's own error codes.
import { init, type InitOptions, type WasmSource, type JsErrorCode } from "dhr-wasm";
import * as auto from "dhr-wasm/auto";
const ready: Promise<void> = init();
const sources: WasmSource[] = [
  "/assets/dhr_wasm_bg.wasm",
  new URL("https://example.invalid/dhr_wasm_bg.wasm"),
  new Response(new Uint8Array(8)),
  Promise.resolve(new Response(new Uint8Array(8))),
  new ArrayBuffer(8),
  new Uint8Array(8),
];
const options: InitOptions = { wasm: sources[0] ?? null };
void init(options).then(() => auto.assess(death));
// (lib.dom's WebAssembly.Module is an empty interface, so any value type-checks
// as `wasm`; the wrong kinds are refused at run time, `invalid_value` at "wasm".)
// @ts-expect-error the source goes in { wasm }
void init("/assets/dhr_wasm_bg.wasm");
function onLoadError(err: unknown): JsErrorCode | null {
  if (err instanceof DhrError && (err.code === "not_initialised" || err.code === "wasm_load_failed")) return err.code;
  return null;
}
// @ts-expect-error not a code of the package
const notACode: JsErrorCode = "not_initialized";
console.log(ready, onLoadError, notACode);

// The referral page's calls (issue 16): plain answers, warnings for dates
// after the caller's today, and the review a referral starts.
import { assessPlain, statusPlain, referralReview, ruleSets, type PlainStatus } from "dhr-wasm";
const plainAnswer = assessPlain(death, null, "2026-12-02");
const warnings: string[] = plainAnswer.warnings;
const relatedDates: string | undefined = plainAnswer.related_reviews[0]?.dates;
const sets = ruleSets();
const started: ReviewDocument = referralReview(death, sets.default);
const plainStatus: PlainStatus = statusPlain(started, "2024-04-20");
const line: string | undefined = plainStatus.events[0]?.text;
const facts: string | undefined = plainStatus.deadlines[0]?.facts;
// @ts-expect-error not a built-in rule set id
referralReview(death, "stockton_2012");
console.log(warnings, relatedDates, plainStatus.stage_text, line, facts);
