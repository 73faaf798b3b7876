// The shared golden fixtures (tests/fixtures/, read by the Rust, Python and
// JavaScript suites), through the package's Node ES module entry. Answers
// must equal the expected ones field for field; bad input must throw a
// DhrError with the expected code and path.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import * as dhr from "../pkg/node.js";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "tests", "fixtures");

function cases(dir) {
  const path = join(fixtures, dir);
  assert.ok(existsSync(path), `tests/fixtures/${dir} is missing`);
  // NAME.input.json files are bare documents for the command line's tests.
  const files = readdirSync(path)
    .filter((f) => f.endsWith(".json") && !f.endsWith(".input.json"))
    .sort();
  assert.ok(files.length > 0, `tests/fixtures/${dir} holds no fixture`);
  return files.map((f) => [f, JSON.parse(readFileSync(join(path, f), "utf8"))]);
}

/** The fixture's options (snake_case, null = default) as the JS API's options (camelCase). */
function jsOptions(options, allowed) {
  const names = {
    dardr_commenced: "dardrCommenced",
    susr_from: "susrFrom",
    due_soon_days: "dueSoonDays",
    rules: "rules",
  };
  const out = {};
  for (const [key, value] of Object.entries(options ?? {})) {
    if (key === "as_of") continue;
    assert.ok(allowed.includes(key), `fixture option ${key} is not one the JS API knows`);
    if (value !== null) out[names[key]] = value;
  }
  return out;
}

/** The document of an error fixture: raw text as a string; a JSON value as itself (a string value as its JSON text). */
function errorInput(fx) {
  if ("input_text" in fx) return fx.input_text;
  assert.ok("input" in fx, "an error fixture needs input or input_text");
  return typeof fx.input === "string" ? JSON.stringify(fx.input) : fx.input;
}

function assertThrowsDhr(fn, expected) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof dhr.DhrError, `expected a DhrError, got ${err}`);
    assert.ok(err instanceof Error);
    assert.equal(err.code, expected.code, err.message);
    if ("path" in expected) assert.equal(err.path, expected.path, err.message);
    return true;
  });
}

const ASSESS_OPTIONS = ["dardr_commenced", "susr_from"];
const STATUS_OPTIONS = ["as_of", "due_soon_days", "rules", "dardr_commenced", "susr_from"];

describe("assess fixtures", () => {
  for (const [name, fx] of cases("assess")) {
    test(name, () => {
      const answer = dhr.assess(fx.input, jsOptions(fx.options, ASSESS_OPTIONS));
      assert.deepStrictEqual(answer, fx.expected);
      // The same death as JSON text gives the same answer.
      assert.deepStrictEqual(dhr.assess(JSON.stringify(fx.input), jsOptions(fx.options, ASSESS_OPTIONS)), fx.expected);
    });
  }
  test("assessMany answers every fixture at once, in order", () => {
    const all = cases("assess").filter(([, fx]) => Object.values(fx.options ?? {}).every((v) => v === null));
    assert.ok(all.length > 0);
    const answers = dhr.assessMany(all.map(([, fx]) => fx.input));
    assert.deepStrictEqual(answers, all.map(([, fx]) => fx.expected));
  });
});

describe("assess error fixtures", () => {
  for (const [name, fx] of cases("assess_errors")) {
    test(name, () => {
      assertThrowsDhr(() => dhr.assess(errorInput(fx), jsOptions(fx.options, ASSESS_OPTIONS)), fx.expected_error);
    });
  }
});

describe("status fixtures", () => {
  for (const [name, fx] of cases("status")) {
    test(name, () => {
      const options = jsOptions(fx.options, STATUS_OPTIONS);
      const answer = dhr.status(fx.input, fx.options.as_of, options);
      assert.deepStrictEqual(answer, fx.expected);
      // The Review class: loading the log, and rebuilding it event by event,
      // gives the same answer.
      assert.deepStrictEqual(new dhr.Review(fx.input).status(fx.options.as_of, options), fx.expected);
      const { events, ...header } = fx.input;
      const review = new dhr.Review({ ...header, events: [] });
      for (const e of events) review.apply(e);
      assert.deepStrictEqual(review.events, events);
      assert.deepStrictEqual(review.status(fx.options.as_of, options), fx.expected);
    });
  }
});

describe("status error fixtures", () => {
  for (const [name, fx] of cases("status_errors")) {
    test(name, () => {
      const asOf = fx.options?.as_of ?? "2024-01-01";
      assertThrowsDhr(() => dhr.status(errorInput(fx), asOf, jsOptions(fx.options, STATUS_OPTIONS)), fx.expected_error);
    });
  }
});

describe("calendar fixtures", () => {
  const load = (name) => {
    const path = join(fixtures, "calendar", name);
    assert.ok(existsSync(path), `tests/fixtures/calendar/${name} is missing`);
    const rows = JSON.parse(readFileSync(path, "utf8"));
    assert.ok(Array.isArray(rows) && rows.length > 0);
    return rows;
  };
  const errorOf = (fn) => {
    try {
      fn();
    } catch (err) {
      assert.ok(err instanceof dhr.DhrError, `expected a DhrError, got ${err}`);
      return err.code;
    }
    return null;
  };
  test("add_months.json", () => {
    for (const row of load("add_months.json")) {
      const label = JSON.stringify(row);
      const run = () => dhr.addMonths(row.start, row.months, row.policy);
      if ("expected_error" in row) assert.equal(errorOf(run), row.expected_error, label);
      else assert.deepStrictEqual(run(), row.expected, label);
    }
  });
  test("working_days.json", () => {
    for (const row of load("working_days.json")) {
      const label = JSON.stringify(row);
      if ("days" in row) {
        const run = () => dhr.addWorkingDays(row.start, row.days, row.region);
        if ("expected_error" in row) assert.equal(errorOf(run), row.expected_error, label);
        else assert.equal(run(), row.expected, label);
      } else {
        const run = () => dhr.isWorkingDay(row.date ?? row.start, row.region);
        if ("expected_error" in row) assert.equal(errorOf(run), row.expected_error, label);
        else assert.equal(run(), row.expected, label);
      }
    }
  });
});
