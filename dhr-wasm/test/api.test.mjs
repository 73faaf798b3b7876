// The JavaScript API's own behaviour: real Error objects with code and
// path, values JSON cannot hold refused with their path, the Review class,
// both Node entries, and recovery after the module traps.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { existsSync, mkdirSync, symlinkSync } from "node:fs";
import * as dhr from "../pkg/node.js";

const require = createRequire(import.meta.url);

// Spec 6.1's example: a former partner suspected of the killing, DVCVA 2004 s.9(1)(a).
const DEATH = {
  schema_version: 1,
  reference: "STK-2024-003",
  date_of_death: "2024-03-10",
  notified_on: "2024-03-12",
  nation: "england",
  deceased: { date_of_birth: "1990-05-01", age: null, age_band: null, care_and_support_needs: null },
  manner: "homicide",
  suspects: [
    { connection: "former_intimate_partner", home_office_relationship: null, same_household: false, age: 41, abuse_suspected: true },
  ],
  abuse_indicators: ["coercive_control"],
  extensions: {},
};

// Spec 6.3's example log.
const REVIEW = {
  schema_version: 1,
  reference: "STK-2024-003",
  rules: "stockton_2011",
  death: null,
  events: [
    { on: "2024-01-31", event: "notified", by: "police" },
    { on: "2024-02-12", event: "decided", by: "csp", review: true },
    { on: "2024-05-01", event: "paused", by: "chair", reason: "criminal_proceedings" },
    { on: "2024-07-01", event: "resumed", by: "chair" },
  ],
  extensions: {},
};

const clone = (v) => structuredClone(v);

function dhrError(fn) {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof dhr.DhrError, `expected a DhrError, got ${err}`);
    assert.ok(err instanceof Error);
    assert.equal(err.name, "DhrError");
    assert.equal(typeof err.message, "string");
    return err;
  }
  assert.fail("expected a DhrError");
}

describe("errors", () => {
  test("a contradiction is a DhrError with code, path and a message that repeats no value", () => {
    const death = clone(DEATH);
    death.deceased.age = 3; // born 1990, died 2024: 33, not 3
    const err = dhrError(() => dhr.assess(death));
    assert.equal(err.code, "contradictory_facts");
    assert.match(err.path, /^deceased\./);
    assert.ok(!err.message.includes("1990-05-01"));
  });
  test("an unknown key is unknown_field at its path (a typo never becomes 'unknown')", () => {
    const death = clone(DEATH);
    death.suspects[0].abuse_suspectd = true;
    const err = dhrError(() => dhr.assess(death));
    assert.equal(err.code, "unknown_field");
    assert.equal(err.path, "suspects[0].abuse_suspectd");
  });
  test("JSON text that does not parse is invalid_json at the document", () => {
    const err = dhrError(() => dhr.assess("{"));
    assert.equal(err.code, "invalid_json");
    assert.equal(err.path, "");
  });
  test("NaN and Infinity are refused with their path, not turned into null", () => {
    const death = clone(DEATH);
    death.suspects[0].age = NaN;
    let err = dhrError(() => dhr.assess(death));
    assert.equal(err.code, "invalid_value");
    assert.equal(err.path, "suspects[0].age");
    death.suspects[0].age = 41;
    death.deceased.age = Infinity;
    err = dhrError(() => dhr.assess(death));
    assert.equal(err.path, "deceased.age");
  });
  test("a BigInt, a function and a cycle are refused", () => {
    assert.equal(dhrError(() => dhr.assess({ ...DEATH, schema_version: 1n })).path, "schema_version");
    assert.equal(dhrError(() => dhr.assess({ ...DEATH, reference: () => 1 })).code, "invalid_value");
    const cyclic = clone(DEATH);
    cyclic.extensions.self = cyclic;
    assert.equal(dhrError(() => dhr.assess(cyclic)).code, "invalid_value");
  });
  test("a Date object is not a date: dates are YYYY-MM-DD strings", () => {
    const err = dhrError(() => dhr.assess({ ...DEATH, date_of_death: new Date(Date.UTC(2024, 2, 10)) }));
    assert.equal(err.code, "invalid_date");
    assert.equal(err.path, "date_of_death");
  });
  test("nothing at all is refused, not assessed", () => {
    assert.equal(dhrError(() => dhr.assess(undefined)).code, "invalid_value");
    assert.equal(dhrError(() => dhr.assess(null)).code, "invalid_value");
  });
  test("options are checked strictly too", () => {
    let err = dhrError(() => dhr.assess(DEATH, { dardrCommencd: "2025-01-01" }));
    assert.equal(err.code, "unknown_field");
    assert.equal(err.path, "options.dardrCommencd");
    err = dhrError(() => dhr.assess(DEATH, { susrFrom: "2024-02-30" }));
    assert.equal(err.code, "invalid_date");
    assert.equal(err.path, "options.susrFrom");
    err = dhrError(() => dhr.status(REVIEW, "2024-02-20", { dueSoonDays: -1 }));
    assert.equal(err.code, "invalid_value");
    assert.equal(err.path, "options.dueSoonDays");
    err = dhrError(() => dhr.status(REVIEW, "2024-02-20", { rules: "stockton_2012" }));
    assert.equal(err.code, "unknown_rule_set");
  });
  test("the as-of date must be a real YYYY-MM-DD date", () => {
    assert.equal(dhrError(() => dhr.status(REVIEW, "2024-02-30")).code, "invalid_date");
    assert.equal(dhrError(() => dhr.status(REVIEW, "20/02/2024")).path, "asOf");
    assert.equal(dhrError(() => dhr.status(REVIEW, new Date())).code, "invalid_date");
    assert.equal(dhrError(() => dhr.status(REVIEW)).code, "missing_field");
  });
});

describe("assess", () => {
  test("JSON text: a byte order mark is skipped, a repeated key refused (spec 8.1)", () => {
    const death = {
      schema_version: 1, date_of_death: "2024-03-10", nation: "england",
      deceased: { age: 40 }, manner: "homicide",
      suspects: [{ connection: "intimate_partner", abuse_suspected: true }],
    };
    const text = JSON.stringify(death);
    assert.deepEqual(dhr.assess("\ufeff" + text), dhr.assess(death));
    const twice = text.replace('"abuse_suspected":true', '"abuse_suspected":true,"abuse_suspected":false');
    assert.throws(() => dhr.assess(twice), (e) =>
      e instanceof dhr.DhrError && e.code === "duplicate_field" && e.path === "suspects[0].abuse_suspected");
  });

  test("spec 6.1's example is required under s.9 and echoes the reference", () => {
    const answer = dhr.assess(DEATH);
    assert.equal(answer.outcome, "required");
    assert.equal(answer.regime, "dhr_s9");
    assert.equal(answer.reference, "STK-2024-003");
    assert.deepStrictEqual(answer.missing, []);
    assert.ok(answer.reasons.length > 0);
    for (const r of answer.reasons) assert.deepStrictEqual(Object.keys(r).sort(), ["citation", "code", "text"]);
  });
  test("an unknown fact stays unknown: abuse_suspected null asks for it", () => {
    const death = clone(DEATH);
    death.suspects[0].abuse_suspected = null;
    const answer = dhr.assess(death);
    assert.equal(answer.outcome, "needs_information");
    assert.ok(answer.missing.includes("suspects[0].abuse_suspected"));
  });
  test("the inputs are not changed", () => {
    const death = clone(DEATH);
    dhr.assess(death);
    assert.deepStrictEqual(death, DEATH);
  });
  test("assessMany gives assess's answer for each death; a bad one throws with its index", () => {
    const second = clone(DEATH);
    second.nation = "scotland";
    assert.deepStrictEqual(dhr.assessMany([DEATH, second]), [dhr.assess(DEATH), dhr.assess(second)]);
    assert.deepStrictEqual(dhr.assessMany([]), []);
    const bad = clone(DEATH);
    bad.manner = "murder";
    const err = dhrError(() => dhr.assessMany([DEATH, bad]));
    assert.equal(err.code, "invalid_value");
    assert.equal(err.path, "[1].manner");
  });
});

describe("Review", () => {
  test("apply appends a checked event; a refused one throws and changes nothing", () => {
    const review = new dhr.Review({ reference: "R1", rules: "stockton_2011" });
    assert.deepStrictEqual(review.events, []);
    assert.equal(review.reference, "R1");
    review.apply(REVIEW.events[0]);
    const before = review.toJSON();
    // decided by the police: only the CSP decides (spec 6.3 table).
    const err = dhrError(() => review.apply({ on: "2024-02-12", event: "decided", by: "police", review: true }));
    assert.equal(err.code, "role_not_allowed");
    assert.equal(err.path, "events[1].by");
    assert.deepStrictEqual(review.toJSON(), before);
    // Before the previous event: out of order.
    assert.equal(dhrError(() => review.apply({ on: "2024-01-30", event: "decided", by: "csp", review: true })).code, "event_out_of_order");
    assert.deepStrictEqual(review.toJSON(), before);
    review.apply(REVIEW.events[1]);
    assert.equal(review.events.length, 2);
  });
  test("toJSON round-trips, JSON.stringify writes the 6.3 document", () => {
    const review = new dhr.Review(REVIEW);
    assert.deepStrictEqual(new dhr.Review(review.toJSON()).toJSON(), review.toJSON());
    assert.deepStrictEqual(dhr.Review.fromJSON(JSON.stringify(review)).toJSON(), review.toJSON());
    assert.deepStrictEqual(new dhr.Review(review).toJSON(), review.toJSON());
  });
  test("events and toJSON are copies: changing them does not change the review", () => {
    const review = new dhr.Review(REVIEW);
    review.events.pop();
    review.toJSON().events.length = 0;
    assert.equal(review.events.length, REVIEW.events.length);
  });
  test("status through the class equals status of the document", () => {
    const review = new dhr.Review(REVIEW);
    assert.deepStrictEqual(review.status("2024-08-01"), dhr.status(REVIEW, "2024-08-01"));
    assert.deepStrictEqual(dhr.status(review, "2024-08-01"), dhr.status(JSON.stringify(REVIEW), "2024-08-01"));
  });
  test("spec 6.4's example: the first event only, as of 2024-02-20", () => {
    const answer = dhr.status({ ...REVIEW, events: REVIEW.events.slice(0, 1) }, "2024-02-20");
    assert.equal(answer.as_of, "2024-02-20");
    assert.equal(answer.stage, "notified");
    assert.equal(answer.paused, false);
    const [tor, submission] = answer.deadlines;
    // 31 Jan + 1 month: no 31 Feb, so the last day, 29 Feb 2024 (Dodds v Walker).
    assert.deepStrictEqual(
      { rule: tor.rule, from: tor.from, due: tor.due, clamped: tor.clamped, status: tor.status, days_left: tor.days_left },
      { rule: "terms_of_reference", from: "2024-01-31", due: "2024-02-29", clamped: true, status: "due_soon", days_left: 9 },
    );
    assert.equal(submission.rule, "home_office_submission");
    assert.equal(submission.status, "not_started");
    assert.deepStrictEqual(answer.next, [
      { event: "decided", by: ["csp"] },
      { event: "paused", by: ["chair", "csp"] },
    ]);
  });
  test("a bad review document is refused with the index of the event", () => {
    const bad = clone(REVIEW);
    bad.events[1].by = "police";
    const err = dhrError(() => new dhr.Review(bad));
    assert.equal(err.code, "role_not_allowed");
    assert.equal(err.path, "events[1].by");
    assert.equal(err.eventIndex, 1);
  });
});

describe("calendar", () => {
  test("corresponding date rule, spec 4.2's examples", () => {
    assert.deepStrictEqual(dhr.addMonths("1978-09-30", 4), { date: "1979-01-30", clamped: false });
    assert.deepStrictEqual(dhr.addMonths("2023-01-31", 1), { date: "2023-02-28", clamped: true });
    assert.deepStrictEqual(dhr.addMonths("2024-01-31", 1), { date: "2024-02-29", clamped: true });
    assert.deepStrictEqual(dhr.addMonths("2024-02-29", 12), { date: "2025-02-28", clamped: true });
    assert.deepStrictEqual(dhr.addMonths("2023-01-31", 2), { date: "2023-03-31", clamped: false });
    assert.deepStrictEqual(dhr.addMonths("2023-01-31", 1, "round_up"), { date: "2023-03-01", clamped: true });
    assert.equal(dhrError(() => dhr.addMonths("2023-01-31", 1, "refuse")).code, "ambiguous_date");
  });
  test("months must be a whole, non-negative number", () => {
    assert.equal(dhrError(() => dhr.addMonths("2023-01-31", -1)).path, "months");
    assert.equal(dhrError(() => dhr.addMonths("2023-01-31", 1.5)).path, "months");
    assert.equal(dhrError(() => dhr.addMonths("2023-01-31", NaN)).path, "months");
  });
  test("working days: the moved early May holiday of 2020, the 2022 spring holiday", () => {
    assert.equal(dhr.isWorkingDay("2020-05-04"), true);
    assert.equal(dhr.isWorkingDay("2020-05-08"), false);
    assert.equal(dhr.isWorkingDay("2022-06-02"), false);
    assert.equal(dhr.isWorkingDay("2022-06-03"), false);
    assert.equal(dhr.isWorkingDay("2024-03-09"), false); // a Saturday
    // Thursday 2022-06-01 + 1 working day: 2 and 3 June are holidays, then the weekend.
    assert.equal(dhr.addWorkingDays("2022-06-01", 1), "2022-06-06");
    assert.equal(dhrError(() => dhr.isWorkingDay("2024-13-01")).code, "invalid_date");
    assert.equal(dhrError(() => dhr.isWorkingDay("2024-01-01", "france")).path, "region");
  });
});

describe("rule sets and headlines come from dhr-core", () => {
  test("ruleSet gives every rule's title and the citation its deadlines carry", () => {
    for (const id of ["stockton_2011", "guidance_2016", "proposed_2024"]) {
      const set = dhr.ruleSet(id);
      assert.equal(set.id, id);
      const answer = dhr.status({ ...REVIEW, rules: id }, "2024-09-01");
      assert.deepStrictEqual(set.rules.map((r) => r.id), answer.deadlines.map((d) => d.rule), id);
      for (const [i, d] of answer.deadlines.entries()) {
        assert.equal(set.rules[i].citation, d.citation, `${id} ${d.rule}`);
        // The explanation opens with the rule's title (spec 4.2).
        const t = set.rules[i].title;
        assert.ok(d.explanation.startsWith(t.charAt(0).toUpperCase() + t.slice(1)), d.explanation);
      }
    }
    const unknown = dhrError(() => dhr.ruleSet("stockton_2012"));
    assert.deepStrictEqual([unknown.code, unknown.path], ["unknown_rule_set", "id"]);
    assert.equal(dhrError(() => dhr.ruleSet(7)).path, "id");
  });
  test("headlines name every outcome and regime an answer can give", () => {
    const h = dhr.headlines();
    assert.deepStrictEqual(Object.keys(h), ["outcomes", "regimes"]);
    assert.deepStrictEqual(Object.keys(h.outcomes), ["required", "consider", "not_required", "needs_information", "out_of_scope"]);
    assert.deepStrictEqual(Object.keys(h.regimes), ["dhr_s9", "dardr_s8a", "susr_wales", "none"]);
    const answer = dhr.assess(DEATH);
    assert.equal(h.outcomes[answer.outcome], "A review is required");
    assert.match(h.regimes[answer.regime], /DVCVA 2004 s\.9$/);
  });
  test("referralReview starts the log a referral begins; ruleSets lists the built-in sets", () => {
    const sets = dhr.ruleSets();
    assert.deepStrictEqual(sets.ids, ["stockton_2011", "guidance_2016", "proposed_2024"]);
    assert.ok(sets.ids.includes(sets.default));
    const review = dhr.referralReview(DEATH, "guidance_2016");
    assert.equal(review.rules, "guidance_2016");
    assert.equal(review.reference, DEATH.reference);
    assert.deepStrictEqual(review.events, [{ on: DEATH.notified_on, event: "notified", by: "csp" }]);
    assert.equal(dhr.referralReview(DEATH).rules, sets.default);
    // Its status counts the decision from the notification, and carries the assessment.
    const s = dhr.statusPlain(review, "2024-03-20");
    assert.deepStrictEqual([s.deadlines[0].rule, s.deadlines[0].from, s.deadlines[0].due], ["decision", "2024-03-12", "2024-04-12"]);
    assert.equal(s.assessment.outcome, "required");
    assert.deepStrictEqual(s.events.map((e) => e.text), ["notified, by the partnership"]);
    const none = dhrError(() => dhr.referralReview({ ...DEATH, notified_on: null }));
    assert.deepStrictEqual([none.code, none.path], ["missing_field", "notified_on"]);
    assert.doesNotMatch(none.plain, /notified_on/);
    const scot = dhrError(() => dhr.referralReview({ ...DEATH, nation: "scotland" }));
    assert.deepStrictEqual([scot.code, scot.path], ["invalid_value", "nation"]);
    assert.equal(dhrError(() => dhr.referralReview(DEATH, "stockton_2012")).path, "rules");
    // A missing as-of date is named in words.
    const asOf = dhrError(() => dhr.statusPlain(review, ""));
    assert.deepStrictEqual([asOf.path, asOf.plain.startsWith("the as-of date")], ["asOf", true]);
  });
  test("assessPlain warns of dates after the caller's today, and only then", () => {
    const later = { ...DEATH, date_of_death: "2030-01-02", notified_on: "2030-01-03" };
    assert.deepStrictEqual(dhr.assessPlain(later).warnings, []);
    const w = dhr.assessPlain(later, undefined, "2026-12-02").warnings;
    assert.equal(w.length, 2);
    assert.match(w[0], /2 January 2030.*after today, 2 December 2026/);
    assert.deepStrictEqual(dhr.assessPlain(DEATH, undefined, "2026-12-02").warnings, []);
    assert.equal(dhrError(() => dhr.assessPlain(DEATH, undefined, "2026-13-01")).path, "today");
  });
  test("the page's script holds no sentence of the law: no citation, no rule title", () => {
    const app = require("node:fs").readFileSync(new URL("../www/app.js", import.meta.url), "utf8");
    for (const copied of ["DVCVA", "s.8A", "Home Office", "Terms of reference", "A review is required", "Safeguarding"]) {
      assert.ok(!app.includes(copied), copied);
    }
  });
});

describe("entries", () => {
  test("require() and import give the same API and the same DhrError class", () => {
    const cjs = require("../pkg/node.cjs");
    assert.equal(cjs.assess, dhr.assess);
    assert.equal(cjs.DhrError, dhr.DhrError);
    assert.deepStrictEqual(cjs.assess(DEATH), dhr.assess(DEATH));
  });
  test("the declarations (dhr.d.ts) name exactly the functions and classes exported", () => {
    const dts = require("node:fs").readFileSync(new URL("../pkg/dhr.d.ts", import.meta.url), "utf8");
    const declared = [...dts.matchAll(/^export declare (?:function|class) (\w+)/gm)].map((m) => m[1]).sort();
    const exported = Object.keys(dhr).filter((k) => k !== "default").sort();
    assert.deepStrictEqual(declared, exported);
    for (const name of exported) assert.equal(typeof dhr[name], "function", name);
  });
  test("by its name, the package resolves through its exports map for require and import", async () => {
    // test/node_modules/dhr-wasm -> pkg/, as an installed package would be.
    mkdirSync(new URL("./node_modules/", import.meta.url), { recursive: true });
    const link = new URL("./node_modules/dhr-wasm", import.meta.url);
    if (!existsSync(link)) symlinkSync("../../pkg", link, "dir");
    const byRequire = createRequire(import.meta.url)("dhr-wasm");
    const byImport = await import("dhr-wasm");
    assert.equal(byRequire.assess, dhr.assess);
    assert.equal(byImport.assess, dhr.assess);
    assert.equal(byImport.default, byRequire);
  });
  test("the package's exports map names both Node entries and the browser entry", () => {
    const pkg = require("../pkg/package.json");
    const dot = pkg.exports["."];
    assert.equal(dot.node.require.default, "./node.cjs");
    assert.equal(dot.node.import.default, "./node.js");
    assert.equal(dot.browser.default, "./browser.js");
  });
});

describe("a trap does not leave the module unusable", () => {
  test("after a trap the call throws internal_error and the next call works", () => {
    const expected = dhr.assess(DEATH);
    for (let i = 0; i < 20; i++) {
      const err = dhrError(() => dhr.default[Symbol.for("dhr-wasm.testing")].trap());
      assert.equal(err.code, "internal_error");
      assert.ok(err.cause instanceof WebAssembly.RuntimeError, String(err.cause));
      assert.deepStrictEqual(dhr.assess(DEATH), expected);
    }
  });
  test("a Review survives a trap: its log lives in JavaScript", () => {
    const review = new dhr.Review(REVIEW);
    const before = review.status("2024-08-01");
    dhrError(() => dhr.default[Symbol.for("dhr-wasm.testing")].trap());
    assert.deepStrictEqual(review.status("2024-08-01"), before);
    review.apply({ on: "2024-08-02", event: "panel_commissioned", by: "csp" });
    assert.equal(review.events.length, REVIEW.events.length + 1);
  });
});
