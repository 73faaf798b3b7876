// The receipt (spec 8.3) and the JSON Schemas (spec 8.8) through the npm
// package: the receipt is the one every other binding gives (the shared
// golden answers carry it, and the hash is recomputed here from the rule
// set written back, by RFC 8785 on its values: strings, integers, booleans,
// arrays and objects with ASCII keys); every shared fixture document and
// every answer validates with ajv (draft 2020-12); mutated documents are
// refused by the schema and by dhr.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import * as dhr from "../pkg/node.js";
import { schema, schemaNames } from "../pkg/schema.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const fixtures = join(root, "tests", "fixtures");
const read = (p) => JSON.parse(readFileSync(p, "utf8"));

/** RFC 8785 for values without numbers other than integers. */
function canonical(v) {
  if (Array.isArray(v)) return "[" + v.map(canonical).join(",") + "]";
  if (v !== null && typeof v === "object") {
    return "{" + Object.keys(v).sort().map((k) => JSON.stringify(k) + ":" + canonical(v[k])).join(",") + "}";
  }
  return JSON.stringify(v);
}
const sha256 = (v) => createHash("sha256").update(canonical(v), "utf8").digest("hex");

function validators() {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, validateFormats: false });
  for (const name of schemaNames) ajv.addSchema(schema(name));
  const get = (name) => ajv.getSchema(schema(name).$id);
  return Object.fromEntries(schemaNames.map((n) => [n, get(n)]));
}

function assertValid(v, doc, what) {
  assert.ok(v(doc), `${what}: ${JSON.stringify(v.errors)}`);
}

test("the schemas are the repository files, in the package as files too", () => {
  const require = createRequire(import.meta.url);
  const cjs = require("../pkg/schema.cjs");
  assert.deepEqual(schemaNames, ["death", "review", "rule_set", "assessment", "status", "error"]);
  for (const name of schemaNames) {
    const repo = read(join(root, "docs", "schema", `${name}.json`));
    assert.deepEqual(schema(name), repo);
    assert.deepEqual(cjs.schema(name), repo);
    assert.deepEqual(read(join(here, "..", "pkg", "schema", `${name}.json`)), repo);
  }
  assert.throws(() => schema("deaths"), RangeError);
  // A fresh copy each time.
  schema("death").title = "changed";
  assert.notEqual(schema("death").title, "changed");
});

test("the receipt: version, data, the rule set applied and its hash", () => {
  const fx = read(join(fixtures, "status", "custom_rules_option.json"));
  const opts = { rules: fx.options.rules };
  const s = dhr.status(fx.input, fx.options.as_of, opts);
  assert.deepEqual(s.engine, fx.expected.engine);
  const rs = new dhr.Review({ rules: fx.options.rules }).toJSON().rules;
  assert.equal(s.engine.rules.sha256, sha256(rs));
  assert.equal(s.engine.rules.id, fx.options.rules.id);
  const own = dhr.status(fx.input, fx.options.as_of);
  const builtin = dhr.ruleSet(own.engine.rules.id);
  assert.equal(own.engine.rules.sha256, sha256(builtin));
  const a = dhr.assess(read(join(fixtures, "assess", "spec_6_1.input.json")));
  assert.equal(a.engine.version, s.engine.version);
  assert.equal(a.engine.rules, null);
  assert.deepEqual(a.engine.options, { dardr_commenced: null, susr_from: "2024-10-01" });
  const pkg = read(join(here, "..", "pkg", "package.json"));
  assert.equal(a.engine.version, pkg.version);
});

function answered() {
  const out = [];
  for (const dir of readdirSync(fixtures, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const f of readdirSync(join(fixtures, dir.name)).filter((f) => f.endsWith(".json")).sort()) {
      const fx = read(join(fixtures, dir.name, f));
      if (fx && typeof fx === "object" && "input" in fx && "expected" in fx) out.push([`${dir.name}/${f}`, fx]);
    }
  }
  return out;
}

test("every fixture document, expected answer and JavaScript answer validates", () => {
  const v = validators();
  let n = 0;
  for (const [name, fx] of answered()) {
    const o = fx.options ?? {};
    if ("events" in fx.input) {
      assertValid(v.review, fx.input, name);
      assertValid(v.status, fx.expected, name);
      const js = {};
      if (o.due_soon_days != null) js.dueSoonDays = o.due_soon_days;
      if (o.rules != null) js.rules = o.rules;
      if (o.dardr_commenced != null) js.dardrCommenced = o.dardr_commenced;
      if (o.susr_from != null) js.susrFrom = o.susr_from;
      assertValid(v.status, dhr.status(fx.input, o.as_of, js), name);
      n++;
    } else if ("date_of_death" in fx.input) {
      assertValid(v.death, fx.input, name);
      assertValid(v.assessment, fx.expected, name);
      const js = {};
      if (o.dardr_commenced != null) js.dardrCommenced = o.dardr_commenced;
      if (o.susr_from != null) js.susrFrom = o.susr_from;
      assertValid(v.assessment, dhr.assess(fx.input, js), name);
      n++;
    }
  }
  assert.ok(n >= 45, `${n}`);
  for (const f of readdirSync(join(fixtures, "v1")).filter((f) => f.endsWith(".json"))) {
    const doc = read(join(fixtures, "v1", f));
    assertValid("events" in doc ? v.review : v.death, doc, f);
  }
});

test("the schemas refuse mutated documents, as dhr does", () => {
  const v = validators();
  const cases = [
    ["death", ["colour"], "red"],
    ["death", ["nation"], "france"],
    ["death", ["manner"], "meteor"],
    ["death", ["date_of_death"], "2024-3-10"],
    ["death", ["date_of_death"], undefined],
    ["death", ["deceased", "age"], 40.5],
    ["death", ["suspects", 0, "same_household"], "no"],
    ["review", ["events", 0, "by"], "mayor"],
    ["review", ["events", 0, "on"], "31/01/2024"],
    ["review", ["events", 1, "review"], undefined],
    ["review", ["rules"], 7],
  ];
  for (const [name, path, value] of cases) {
    const doc = read(join(fixtures, "v1", name === "death" ? "death_full.json" : "review_full.json"));
    let t = doc;
    for (const k of path.slice(0, -1)) t = t[k];
    if (value === undefined) delete t[path.at(-1)];
    else t[path.at(-1)] = value;
    assert.equal(v[name](doc), false, `${name} ${path.join(".")}`);
    assert.throws(() => (name === "death" ? dhr.assess(doc) : dhr.status(doc, "2026-01-01")), dhr.DhrError, `${name} ${path.join(".")}`);
  }
  for (const e of [{ error: { code: "usage", message: "m", path: "--as-of" } }]) assertValid(v.error, e, "usage");
  assert.equal(v.error({ error: { code: "oops", message: "m", path: "" } }), false);
});
