// The referral page in a real browser: Debian's chromium, headless, driven
// by playwright-core, the page served from localhost by a tiny server. It
// fills the form, checks the outcome and reasons against the library's own
// answer, answers the `missing` question, draws a review's timeline, and
// saves screenshots under tests/out/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as dhr from "../pkg/node.js";
import { launch, openPage as blankPage, serve } from "./chromium.mjs";

const root = fileURLToPath(new URL("..", import.meta.url)); // dhr-wasm/
const out = fileURLToPath(new URL("../../tests/out/", import.meta.url));

let site; // the static server over www/ and pkg/
let origin;
let chrome; // chromium on a fresh profile
let browser;

before(async () => {
  site = await serve(root, { only: ["www", "pkg"] });
  origin = site.origin;
  chrome = await launch({ viewport: { width: 1100, height: 900 }, locale: "en-GB" });
  browser = chrome.browser;
  await mkdir(out, { recursive: true });
});

after(async () => {
  await chrome?.close();
  await site?.close();
});

/** The page, ready, recording every request that leaves localhost and every script error. */
async function openPage() {
  const { page, outside, errors } = await blankPage(browser, origin);
  await page.goto(`${origin}/www/index.html`);
  await page.locator("body[data-ready=true]").waitFor({ timeout: 20000 });
  return { page, outside, errors };
}

// The facts typed in below, as the 6.1 document the page should send.
const DEATH = {
  schema_version: 1,
  reference: "WEB-1",
  date_of_death: "2024-03-10",
  notified_on: "2024-03-12",
  nation: "england",
  deceased: { date_of_birth: null, age: 33, age_band: null, care_and_support_needs: null },
  manner: "homicide",
  suspects: [{ connection: "former_intimate_partner", same_household: false, age: null, abuse_suspected: null }],
  abuse_indicators: ["coercive_control"],
};

// No field path, snake_case value, `deceased.` or ISO date in what a person sees.
const TECHNICAL = [/\w+\[\d+\]/, /\b[a-z]+_[a-z_]+\b/, /\bdeceased\./, /\b\d{4}-\d{2}-\d{2}\b/];

async function assertNoTechnicalText(page, what) {
  const text = await page.locator("body").innerText();
  for (const re of TECHNICAL) assert.doesNotMatch(text, re, `${what}: ${re}`);
}

async function shownReasons(page) {
  return page.locator("#reasons li").evaluateAll((lis) =>
    lis.map((li) => ({ code: li.dataset.code, text: li.firstChild.textContent, citation: li.querySelector("cite").textContent })),
  );
}

test("the form assesses a death, asks for the missing fact, and shows the reasons", async () => {
  const { page, outside, errors } = await openPage();
  await page.getByLabel("Your reference (optional)").fill("WEB-1");
  await page.getByLabel("Date of death").fill("2024-03-10");
  await page.getByLabel("Date the partnership learned of the death").fill("2024-03-12");
  await page.getByLabel("Where the death occurred").selectOption("england");
  await page.getByLabel("Manner of death").selectOption("homicide");
  await page.getByLabel("Age at death (completed years)").fill("33");
  await page.locator("#suspect-0-connection").selectOption("former_intimate_partner");
  await page.locator("#suspect-0-same_household").selectOption("false");
  await page.getByLabel("Controlling or coercive behaviour").check();
  // Submit from the keyboard.
  await page.locator("#assess-button").focus();
  await page.keyboard.press("Enter");

  // abuse_suspected is unknown: the answer says so and asks for it.
  const first = dhr.assess(DEATH);
  assert.equal(first.outcome, "needs_information");
  assert.ok(first.missing.includes("suspects[0].abuse_suspected"));
  await page.locator("#result[data-outcome=needs_information]").waitFor();
  assert.equal(await page.locator("#outcome").textContent(), "More information is needed");
  assert.equal(await page.locator("#question").getAttribute("data-path"), first.missing[0]);
  assert.deepStrictEqual(await shownReasons(page), dhr.assessPlain(DEATH).reasons);
  assert.doesNotMatch(await page.locator("body").innerText(), /suspects\[\d\]|[a-z]+_[a-z_]+/);

  // Answer it: yes, the death appears to have resulted from abuse by them.
  await page.screenshot({ path: join(out, "wasm-question.png"), fullPage: true });
  const question = page.locator("#question-input");
  assert.match(await page.locator("#question-field label").textContent(), /violence, abuse or neglect by person 1/);
  await question.selectOption("true");
  await page.locator("#answer-button").click();

  const second = dhr.assess({ ...DEATH, suspects: [{ ...DEATH.suspects[0], abuse_suspected: true }] });
  assert.equal(second.outcome, "required");
  await page.locator("#result[data-outcome=required]").waitFor();
  assert.equal(await page.locator("#outcome").textContent(), "A review is required");
  assert.equal(await page.locator("#question").isHidden(), true);
  assert.deepStrictEqual(
    await shownReasons(page),
    dhr.assessPlain({ ...DEATH, suspects: [{ ...DEATH.suspects[0], abuse_suspected: true }] }).reasons,
  );
  assert.ok(second.reasons.length > 0);
  // The answer was copied into the form.
  assert.equal(await page.locator("#suspect-0-abuse_suspected").inputValue(), "true");
  const kinds = await page.locator("#related-list li").evaluateAll((lis) => lis.map((li) => li.dataset.kind));
  assert.deepStrictEqual(kinds, second.related_reviews.map((r) => r.kind));
  await page.screenshot({ path: join(out, "wasm-referral.png"), fullPage: true });

  assert.deepStrictEqual(outside, [], "the page made requests outside localhost");
  assert.deepStrictEqual(errors, []);
  await page.close();
});

test("under s.8A the page asks which kinds of abuse there were, with checkboxes", async () => {
  const { page, errors } = await openPage();
  await page.getByLabel("Date of death").fill("2025-03-10");
  await page.getByLabel("Where the death occurred").selectOption("england");
  await page.getByLabel("Manner of death").selectOption("homicide");
  await page.getByLabel("Age at death (completed years)").fill("33");
  await page.locator("#suspect-0-connection").selectOption("intimate_partner");
  await page.locator("#suspect-0-age").fill("40");
  await page.locator("#suspect-0-abuse_suspected").selectOption("true");
  await page.locator("#death-form summary").click();
  await page.locator("#dardr_commenced").fill("2025-01-01");
  await page.locator("#assess-button").click();
  await page.locator("#result[data-outcome=needs_information]").waitFor();
  assert.equal(await page.locator("#question").getAttribute("data-path"), "abuse_indicators");
  await page.locator("#question-input").getByLabel("Controlling or coercive behaviour").check();
  await page.locator("#answer-button").click();
  await page.locator("#result[data-outcome=required]").waitFor();
  assert.match(await page.locator("#regime").textContent(), /s\.8A/);
  // The tick was copied into the form.
  assert.equal(await page.locator("#abuse_indicators input[value=coercive_control]").isChecked(), true);
  assert.deepStrictEqual(errors, []);
  await page.close();
});

// axe-core, run inside the page (from node_modules: no network), checks the
// page against WCAG 2.1 A and AA rules in each state the tests reach.
const axeSource = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

async function accessibilityViolations(page) {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } }),
  );
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

test("the page passes axe-core's WCAG 2.2 AA checks: empty, answered, with a question, with a timeline", async () => {
  const { page, errors } = await openPage();
  assert.deepStrictEqual(await accessibilityViolations(page), [], "empty form");
  await page.getByLabel("Date of death").fill("2024-03-10");
  await page.getByLabel("Where the death occurred").selectOption("england");
  await page.getByLabel("Manner of death").selectOption("homicide");
  await page.getByLabel("Age at death (completed years)").fill("33");
  await page.locator("#suspect-0-connection").selectOption("intimate_partner");
  await page.locator("#assess-button").click();
  await page.locator("#question:not([hidden])").waitFor();
  assert.deepStrictEqual(await accessibilityViolations(page), [], "with a question");
  await page.locator("#example-button").click();
  await page.getByLabel("As of", { exact: true }).fill("2024-06-01");
  await page.locator("#timeline-button").click();
  await page.locator("#timeline:not([hidden])").waitFor();
  assert.deepStrictEqual(await accessibilityViolations(page), [], "with a timeline");
  await page.locator("#review-json").fill("{");
  await page.locator("#timeline-button").click();
  await page.locator("#review-error:not([hidden])").waitFor();
  assert.deepStrictEqual(await accessibilityViolations(page), [], "with an error");
  // The check can fail: a field without its label is reported.
  await page.evaluate(() => document.querySelector('label[for="date_of_death"]').remove());
  assert.ok((await accessibilityViolations(page)).some((v) => v.startsWith("label:")));
  assert.deepStrictEqual(errors, []);
  await page.close();
});

test("bad input shows the error at its field", async () => {
  const { page, errors } = await openPage();
  await page.getByLabel("Where the death occurred").selectOption("england");
  await page.getByLabel("Manner of death").selectOption("homicide");
  await page.locator("#assess-button").click();
  // No date of death: missing_field at date_of_death, focus moves to it.
  await page.locator("#form-error:not([hidden])").waitFor();
  assert.equal(await page.locator("#form-error").getAttribute("data-code"), "missing_field");
  assert.equal(await page.locator("#form-error").getAttribute("data-path"), "date_of_death");
  assert.match(await page.locator("#form-error").textContent(), /date of death/i);
  assert.doesNotMatch(await page.locator("#form-error").textContent(), /date_of_death/);
  assert.equal(await page.evaluate(() => document.activeElement.id), "date_of_death");
  assert.equal(await page.locator("#date_of_death").getAttribute("aria-invalid"), "true");
  assert.deepStrictEqual(errors, []);
  await page.close();
});

test("a review log is drawn as a timeline of stages and deadlines", async () => {
  const { page, outside, errors } = await openPage();
  await page.locator("#example-button").click();
  const review = JSON.parse(await page.locator("#review-json").inputValue());
  for (const asOf of ["2024-02-20", "2024-06-01", "2024-09-01"]) {
    await page.getByLabel("As of", { exact: true }).fill(asOf);
    await page.locator("#timeline-button").click();
    const expected = dhr.status(review, asOf);
    await page.locator(`#timeline:not([hidden])`).waitFor();
    // Dates are shown in en-GB, as dhr-core writes them.
    await page.waitForFunction((d) => document.querySelector("#stage-as-of").textContent === d, dhr.plainDate(asOf));
    const plain = dhr.statusPlain(review, asOf);
    const shown = await page.locator("#deadlines li[data-rule]").evaluateAll((lis) =>
      lis.map((li) => ({ rule: li.dataset.rule, status: li.dataset.status })),
    );
    assert.deepStrictEqual(shown, expected.deadlines.map((d) => ({ rule: d.rule, status: d.status })), asOf);
    // The rule titles are dhr-core's (the built-in set's), not a copy in the page.
    const titles = dhr.ruleSet(review.rules).rules.map((r) => r.title.charAt(0).toUpperCase() + r.title.slice(1));
    assert.deepStrictEqual(await page.locator("#deadlines li .rule").allTextContents(), titles, asOf);
    // A date scale, a legend of the marks, and one citation per explanation.
    assert.equal(await page.locator("#deadlines li.scale .labels span").count(), 3);
    assert.deepStrictEqual(await page.locator("#marks dt").allTextContents(), ["S", "G", "L", "U", "P"]);
    for (const e of await page.locator("#deadlines .explanation").allTextContents()) {
      assert.doesNotMatch(e, /Source:/);
    }
    assert.equal(await page.locator("#stage").textContent(), plain.stage_text);
    assert.deepStrictEqual(await page.locator("#events li").allTextContents(), plain.events.map((e) => `${e.date} ${e.text}`));
    assert.equal(plain.events.length, review.events.length);
    // No raw value: no "(by csp)", no snake_case, no ISO date.
    await assertNoTechnicalText(page, `timeline as of ${asOf}`);
    if (asOf === "2024-06-01") {
      // Paused on 1 May 2024: the submission clock is stopped (spec 4.2).
      assert.ok(expected.paused);
      assert.match(await page.locator("#stage").textContent(), /paused/);
      await page.screenshot({ path: join(out, "wasm-timeline.png"), fullPage: true });
    }
  }
  // A refused log shows the error, with its path.
  const bad = structuredClone(review);
  bad.events[1].by = "police";
  await page.locator("#review-json").fill(JSON.stringify(bad));
  await page.locator("#timeline-button").click();
  await page.locator("#review-error:not([hidden])").waitFor();
  assert.equal(await page.locator("#review-error").getAttribute("data-code"), "role_not_allowed");
  assert.equal(await page.locator("#review-error").getAttribute("data-path"), "events[1].by");
  // No as-of date: dhr-core's words for it, at the field.
  await page.locator("#review-json").fill(JSON.stringify(review));
  await page.locator("#as_of").fill("");
  await page.locator("#timeline-button").click();
  await page.locator("#review-error[data-path=asOf]").waitFor();
  assert.match(await page.locator("#review-error").textContent(), /the as-of date/i);
  assert.equal(await page.evaluate(() => document.activeElement.id), "as_of");
  assert.deepStrictEqual(outside, []);
  assert.deepStrictEqual(errors, []);
  await page.close();
});

test("in the browser too, a trap resets the module and the next call works", async () => {
  const { page, errors } = await openPage();
  const result = await page.evaluate(async (death) => {
    const dhr = await import("../pkg/browser.js");
    const before = JSON.stringify(dhr.assess(death));
    let code = null;
    try {
      dhr.default[Symbol.for("dhr-wasm.testing")].trap();
    } catch (e) {
      code = `${e.name}:${e.code}:${e.cause instanceof WebAssembly.RuntimeError}`;
    }
    return { code, same: JSON.stringify(dhr.assess(death)) === before };
  }, DEATH);
  assert.deepStrictEqual(result, { code: "DhrError:internal_error:true", same: true });
  assert.deepStrictEqual(errors, []);
  await page.close();
});

test("the page fits 390 px and 1280 px with no sideways scroll, and no nation is chosen for the referrer", async () => {
  for (const width of [390, 1280]) {
    const { page, errors } = await openPage();
    await page.setViewportSize({ width, height: 900 });
    // No default nation: the referrer must choose, and is told so.
    assert.equal(await page.locator("#nation").inputValue(), "");
    await page.locator("#add-suspect").click();
    await page.locator("#suspect-1-connection").selectOption("household_member");
    const [scroll, client] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    assert.ok(scroll <= client, `${width} px: the page is ${scroll} px wide`);
    // Checkboxes are at least 24 px (WCAG 2.2 target size).
    const box = await page.locator("#abuse_indicators input").first().boundingBox();
    assert.ok(box.width >= 24 && box.height >= 24, JSON.stringify(box));
    await page.locator("#assess-button").click();
    await page.locator("#form-error:not([hidden])").waitFor();
    assert.equal(await page.locator("#form-error").getAttribute("data-path"), "date_of_death");
    await page.screenshot({ path: join(out, `wasm-page-${width}.png`), fullPage: true });
    assert.deepStrictEqual(await accessibilityViolations(page), [], `${width} px, with an error`);
    assert.deepStrictEqual(errors, []);
    await page.close();
  }
});

test("a server that answers the .wasm with an HTML page gets a clear error, not a magic-word message", async () => {
  const page = await browser.newPage();
  await page.route("**/dhr_wasm_bg.wasm", (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>Home</title>" }),
  );
  await page.goto(`${origin}/www/index.html`);
  await page.waitForFunction(() => /could not be loaded/.test(document.querySelector("#load-status").textContent));
  const text = await page.locator("#load-status").textContent();
  assert.match(text, /is not a WebAssembly module/);
  assert.match(text, /text\/html/);
  assert.match(text, /application\/wasm/);
  assert.doesNotMatch(text, /magic word/);
  await page.close();
});

// ------------------------------------------------------------ keyboard only
//
// The five referral walks of issue 16, each filled with keyboard events only
// (Tab to reach a field, typing, arrow keys for selects, space for
// checkboxes, Enter to submit), then checked against the library's own
// answer for the same facts.

/** Press Tab until the element matching `selector` has the focus. */
async function tabTo(page, selector) {
  for (let i = 0; i < 150; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press("Tab");
  }
  assert.fail(`Tab never reached ${selector}`);
}

/** Choose a select's option with the arrow keys. */
async function chooseByKeys(page, selector, value) {
  await tabTo(page, selector);
  await page.keyboard.press("Home");
  for (let i = 0; i < 20; i++) {
    if ((await page.locator(selector).inputValue()) === value) return;
    await page.keyboard.press("ArrowDown");
  }
  assert.fail(`no option ${value} in ${selector}`);
}

/**
 * The order of a date field's parts, which follows the browser's own
 * language (Debian's chromium ships en-US only: month first), found by
 * typing into a scratch field outside the form.
 */
async function dateOrder(page) {
  await page.evaluate(() => {
    const i = document.createElement("input");
    i.type = "date";
    i.id = "date-order-probe";
    document.body.append(i);
    i.focus();
  });
  await page.keyboard.type("01022000");
  const v = await page.evaluate(() => {
    const i = document.getElementById("date-order-probe");
    const value = i.value;
    i.remove();
    return value;
  });
  if (v === "2000-02-01") return "dmy";
  if (v === "2000-01-02") return "mdy";
  assert.fail(`a date field read 01022000 as ${v}`);
}

/** The keys to type for a date, in the order of the page's date fields. */
async function dateKeys(page, iso) {
  const [y, m, d] = iso.split("-");
  page.dateOrder ??= await dateOrder(page);
  return page.dateOrder === "dmy" ? `${d}${m}${y}` : `${m}${d}${y}`;
}

/** Type a date into a date field, its parts in the field's order. */
async function dateByKeys(page, selector, iso) {
  const keys = await dateKeys(page, iso);
  await tabTo(page, selector);
  await page.keyboard.type(keys);
  assert.equal(await page.locator(selector).inputValue(), iso, selector);
}

async function typeByKeys(page, selector, text) {
  await tabTo(page, selector);
  await page.keyboard.type(text);
}

/**
 * Fill the form from `facts`, by keyboard, in the form's tab order: `facts`
 * maps a control's id to the value to enter; `ticks` lists the abuse
 * indicators to tick. Then submit with Enter on the button.
 */
async function fillByKeys(page, facts, ticks = []) {
  const ids = await page
    .locator("#death-form [id]")
    .evaluateAll((els, wanted) => els.map((e) => e.id).filter((id) => wanted.includes(id)), Object.keys(facts));
  for (const id of ids) {
    const selector = `#${id}`;
    const kind = await page.locator(selector).evaluate((e) => (e.tagName === "SELECT" ? "select" : e.type));
    if (kind === "select") await chooseByKeys(page, selector, facts[id]);
    else if (kind === "date") await dateByKeys(page, selector, facts[id]);
    else await typeByKeys(page, selector, facts[id]);
  }
  for (const value of ticks) {
    const selector = `#abuse_indicators input[value="${value}"]`;
    await tabTo(page, selector);
    await page.keyboard.press("Space");
    assert.equal(await page.locator(selector).isChecked(), true, value);
  }
  await tabTo(page, "#assess-button");
  await page.keyboard.press("Enter");
}

/** The 6.1 document of `facts` (the controls' ids above), as the page reads it. */
function deathOf(facts, ticks = []) {
  const v = (id) => (facts[id] === undefined ? null : facts[id]);
  const tri = (id) => (facts[id] === undefined ? null : facts[id] === "true");
  const num = (id) => (facts[id] === undefined ? null : Number(facts[id]));
  return {
    schema_version: 1,
    reference: null,
    date_of_death: v("date_of_death"),
    notified_on: v("notified_on"),
    nation: v("nation"),
    deceased: {
      date_of_birth: v("date_of_birth"),
      age: num("age"),
      age_band: v("age_band"),
      care_and_support_needs: tri("care_and_support_needs"),
    },
    manner: facts.manner ?? "unknown",
    suspects: [
      {
        connection: v("suspect-0-connection"),
        same_household: tri("suspect-0-same_household"),
        age: num("suspect-0-age"),
        abuse_suspected: tri("suspect-0-abuse_suspected"),
      },
    ],
    abuse_indicators: ticks,
  };
}

const WALKS = [
  {
    name: "partner-homicide",
    outcome: "required",
    facts: {
      date_of_death: "2024-03-10",
      notified_on: "2024-03-12",
      nation: "england",
      manner: "homicide",
      age: "33",
      "suspect-0-connection": "intimate_partner",
      "suspect-0-same_household": "true",
      "suspect-0-age": "35",
      "suspect-0-abuse_suspected": "true",
    },
    ticks: ["physical_abuse", "coercive_control"],
  },
  {
    name: "suicide-abuse-unknown",
    // The suicide rule: a review to consider, with what to find out.
    outcome: "consider",
    facts: {
      date_of_death: "2024-05-02",
      notified_on: "2024-05-07",
      nation: "wales",
      manner: "suicide",
      age: "41",
      "suspect-0-connection": "former_intimate_partner",
      "suspect-0-same_household": "false",
      "suspect-0-age": "44",
    },
  },
  {
    name: "fifteen-year-old",
    outcome: "not_required",
    facts: {
      date_of_death: "2024-02-01",
      notified_on: "2024-02-02",
      nation: "england",
      manner: "homicide",
      age: "15",
      "suspect-0-connection": "relative",
      "suspect-0-same_household": "true",
      "suspect-0-age": "40",
      "suspect-0-abuse_suspected": "true",
    },
  },
  {
    name: "scotland",
    outcome: "out_of_scope",
    facts: { date_of_death: "2024-04-20", nation: "scotland", manner: "homicide", age: "50" },
  },
  {
    name: "age-unknown",
    outcome: "needs_information",
    facts: {
      date_of_death: "2024-06-15",
      notified_on: "2024-06-17",
      nation: "england",
      manner: "homicide",
      "suspect-0-connection": "intimate_partner",
      "suspect-0-same_household": "true",
      "suspect-0-age": "30",
      "suspect-0-abuse_suspected": "true",
    },
    // The question is for the age: answered by typing an age, and Enter.
    answer: { path: "deceased.age", keys: ["3", "4"], then: "required" },
  },
];

for (const walk of WALKS) {
  test(`keyboard only: the ${walk.name} referral`, async () => {
    const { page, outside, errors } = await openPage();
    await fillByKeys(page, walk.facts, walk.ticks);
    const death = deathOf(walk.facts, walk.ticks);
    const expected = dhr.assessPlain(death);
    assert.equal(expected.outcome, walk.outcome, "the library's answer for the walk");
    await page.locator(`#result[data-outcome=${walk.outcome}]`).waitFor();
    assert.equal(await page.locator("#outcome").textContent(), dhr.headlines().outcomes[walk.outcome]);
    assert.deepStrictEqual(await shownReasons(page), expected.reasons);
    // The focus moved to the answer, for a screen reader to read it.
    assert.equal(await page.evaluate(() => document.activeElement.id), "result");
    await assertNoTechnicalText(page, walk.name);
    if (walk.answer) {
      assert.equal(await page.locator("#question").getAttribute("data-path"), walk.answer.path);
      assert.equal(await page.locator("#question-field label").textContent(), expected.questions[0]);
      // Into the question's field, an age typed, and Enter.
      await tabTo(page, "#question-input");
      for (const k of walk.answer.keys) await page.keyboard.press(k);
      await page.keyboard.press("Enter");
      await page.locator(`#result[data-outcome=${walk.answer.then}]`).waitFor();
      const answered = dhr.assessPlain({ ...death, deceased: { ...death.deceased, age: 34 } });
      assert.equal(answered.outcome, walk.answer.then);
      assert.deepStrictEqual(await shownReasons(page), answered.reasons);
      await assertNoTechnicalText(page, `${walk.name}, answered`);
    }
    await page.screenshot({ path: join(out, `wasm-walk-${walk.name}.png`), fullPage: true });
    assert.deepStrictEqual(outside, []);
    assert.deepStrictEqual(errors, []);
    await page.close();
  });
}

// ------------------------------------------------------------ referral to timeline

test("after an assessment, the deadlines that run from the notification, by keyboard, at 390 and 1280 px", async () => {
  const walk = WALKS[0];
  const death = deathOf(walk.facts, walk.ticks);
  for (const width of [390, 1280]) {
    const { page, outside, errors } = await openPage();
    await page.setViewportSize({ width, height: 900 });
    await fillByKeys(page, walk.facts, walk.ticks);
    await page.locator("#result[data-outcome=required]").waitFor();
    // The rule sets are dhr-core's built-in ones, its default first.
    const sets = dhr.ruleSets();
    const offered = await page.locator("#route-rules option").evaluateAll((os) => os.map((o) => o.value));
    assert.deepStrictEqual(offered, [sets.default, ...sets.ids.filter((i) => i !== sets.default)]);
    // The as-of date is shown, today by default, and can be changed.
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    });
    assert.equal(await page.locator("#route-as-of").inputValue(), today);
    for (const [rules, asOf] of [
      ["guidance_2016", "2024-03-30"],
      ["stockton_2011", "2024-04-20"],
    ]) {
      const keys = await dateKeys(page, asOf);
      await chooseByKeys(page, "#route-rules", rules);
      // The date field's parts, typed over.
      await page.keyboard.press("Tab");
      await page.keyboard.type(keys);
      assert.equal(await page.locator("#route-as-of").inputValue(), asOf);
      await tabTo(page, "#route-button");
      await page.keyboard.press("Enter");
      // The log is dhr-core's (referralReview), its status dhr-core's.
      const review = dhr.referralReview(death, rules);
      assert.deepStrictEqual(review.events, [{ on: death.notified_on, event: "notified", by: "csp" }]);
      const expected = dhr.statusPlain(review, asOf);
      await page.waitForFunction((d) => document.querySelector("#stage-as-of").textContent === d, dhr.plainDate(asOf));
      assert.equal(await page.evaluate(() => document.activeElement.id), "timeline");
      assert.equal(await page.locator("#route #timeline").count(), 1, "the timeline is under the route's form");
      assert.equal(await page.locator("#stage").textContent(), expected.stage_text);
      const shown = await page.locator("#deadlines li[data-rule]").evaluateAll((lis) =>
        lis.map((li) => ({
          rule: li.dataset.rule,
          status: li.dataset.status,
          facts: li.querySelector(".facts").textContent,
          cites: li.querySelectorAll("cite").length,
        })),
      );
      assert.deepStrictEqual(
        shown,
        expected.deadlines.map((d) => ({ rule: d.rule, status: d.status, facts: d.facts, cites: 1 })),
        `${rules} as of ${asOf}`,
      );
      // The first rule runs from the notification: it has a bar and a due date.
      assert.equal(expected.deadlines[0].from, death.notified_on);
      assert.ok(expected.deadlines[0].due);
      assert.equal(await page.locator("#deadlines li[data-rule] .bar").first().count(), 1);
      // A date scale with a tick for each of its dates.
      assert.equal(await page.locator("#deadlines li.scale .labels span").count(), 3);
      assert.equal(await page.locator("#deadlines li.scale .tick").count(), 3);
      assert.deepStrictEqual(await page.locator("#events li").allTextContents(), expected.events.map((e) => `${e.date} ${e.text}`));
      assert.equal(JSON.parse(await page.locator("#route-log-json").textContent()).rules, rules);
      await assertNoTechnicalText(page, `${rules} at ${width} px`);
      await tabTo(page, "#route-rules");
    }
    const [scroll, client] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    assert.ok(scroll <= client, `${width} px: the page is ${scroll} px wide`);
    await page.screenshot({ path: join(out, `wasm-route-${width}.png`), fullPage: true });
    await page.locator("#timeline").screenshot({ path: join(out, `wasm-route-timeline-${width}.png`) });
    assert.deepStrictEqual(await accessibilityViolations(page), [], `${width} px, with the deadlines`);
    assert.deepStrictEqual(outside, []);
    assert.deepStrictEqual(errors, []);
    await page.close();
  }
});

test("without a notification date, or for Scotland, the route says why, in dhr-core's words, at the field", async () => {
  const { page, errors } = await openPage();
  const facts = { ...WALKS[0].facts };
  delete facts.notified_on;
  await fillByKeys(page, facts);
  await page.locator("#result:not([hidden])").waitFor();
  await tabTo(page, "#route-button");
  await page.keyboard.press("Enter");
  await page.locator("#route-error:not([hidden])").waitFor();
  assert.equal(await page.locator("#route-error").getAttribute("data-path"), "notified_on");
  let err;
  try {
    dhr.referralReview(deathOf(facts));
  } catch (e) {
    err = e;
  }
  assert.equal(err.code, "missing_field");
  assert.ok((await page.locator("#route-error").textContent()).includes(err.plain.slice(1)));
  assert.equal(await page.evaluate(() => document.activeElement.id), "notified_on");
  await assertNoTechnicalText(page, "no notification date");
  assert.deepStrictEqual(await accessibilityViolations(page), [], "with the route's error");
  // Scotland: out of scope, said at the nation (before the missing date).
  await chooseByKeys(page, "#nation", "scotland");
  await tabTo(page, "#assess-button");
  await page.keyboard.press("Enter");
  await page.locator("#result[data-outcome=out_of_scope]").waitFor();
  await tabTo(page, "#route-button");
  await page.keyboard.press("Enter");
  await page.locator("#route-error[data-path=nation]").waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), "nation");
  await assertNoTechnicalText(page, "Scotland");
  assert.deepStrictEqual(errors, []);
  await page.close();
});

test("a date of death after today is warned about, in dhr-core's words, with today's date from the browser", async () => {
  const { page, errors } = await openPage();
  const facts = { ...WALKS[0].facts, date_of_death: "2031-03-10", notified_on: "2031-03-12" };
  await fillByKeys(page, facts, WALKS[0].ticks);
  await page.locator("#result:not([hidden])").waitFor();
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  });
  const expected = dhr.assessPlain(deathOf(facts, WALKS[0].ticks), undefined, today).warnings;
  assert.equal(expected.length, 2);
  assert.match(expected[0], /10 March 2031/);
  assert.deepStrictEqual(await page.locator("#warnings-list li").allTextContents(), expected);
  assert.equal(await page.locator("#warnings").isVisible(), true);
  // A past date: no warning.
  await page.locator("#date_of_death").fill("2024-03-10");
  await page.locator("#notified_on").fill("2024-03-12");
  await page.locator("#assess-button").click();
  await page.waitForFunction(() => document.querySelector("#warnings").hidden);
  assert.deepStrictEqual(dhr.assessPlain(deathOf({ ...facts, date_of_death: "2024-03-10", notified_on: "2024-03-12" }), undefined, today).warnings, []);
  assert.deepStrictEqual(errors, []);
  await page.close();
});
