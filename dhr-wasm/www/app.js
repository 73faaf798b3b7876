// The referral page: a form for the facts of a death (spec 6.1), the answer
// with its reasons (6.2), one question per missing fact, and a review's
// timeline (6.3 in, 6.4 out). All the rules are in the WebAssembly module;
// this file only reads the form and draws the answers.
const $ = (id) => document.getElementById(id);

let dhr;
try {
  dhr = await import("../pkg/browser.js");
  await dhr.init();
  // For bench/page-ready.mjs: the module fetched, compiled and wrapped.
  performance.mark("dhr-module");
} catch (err) {
  $("load-status").textContent = `The rules could not be loaded, so nothing can be checked: ${err.message}`;
  $("load-status").setAttribute("role", "alert");
  throw err;
}
// The plain variants: every sentence for a person (no field paths, no
// snake_case), written by dhr-core.
const {
  assessPlain: assess,
  statusPlain: status,
  referralReview,
  ruleSet,
  ruleSets,
  headlines,
  marks,
  plainDate,
  DhrError,
} = dhr;
const day = (iso) => plainDate(iso);

/** An element with text (never HTML: nothing typed in is ever parsed). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

// Every sentence about the law comes from dhr-core through the module: the
// outcome and regime headlines here, the rule titles from the rule set (see
// ruleTitles), the reasons, citations and explanations from the answers.
const HEADLINES = headlines();
const MARKS = marks();
// The status badges' symbols (the words are the status itself).
const STATUS_MARK = {
  met: "✓",
  met_late: "✓",
  due: "…",
  due_soon: "!",
  overdue: "✗",
  paused: "Ⅱ",
  not_started: "○",
  not_applicable: "–",
};
const capitalised = (s) => s.charAt(0).toUpperCase() + s.slice(1);

// ------------------------------------------------------------ suspects

function renumberSuspects() {
  [...$("suspects").children].forEach((fs, i) => {
    fs.querySelectorAll(".n").forEach((n) => (n.textContent = String(i + 1)));
    for (const control of fs.querySelectorAll("[data-field]")) {
      const field = control.dataset.field;
      control.id = `suspect-${i}-${field}`;
      control.dataset.path = `suspects[${i}].${field}`;
      fs.querySelector(`label[data-for="${field}"]`).setAttribute("for", control.id);
    }
  });
}

function addSuspect() {
  const fs = $("suspect-template").content.firstElementChild.cloneNode(true);
  fs.querySelector(".remove").addEventListener("click", () => {
    fs.remove();
    renumberSuspects();
    $("add-suspect").focus();
  });
  $("suspects").append(fs);
  renumberSuspects();
  return fs;
}

// ------------------------------------------------------------ reading the form

function readControl(control) {
  const v = control.value;
  if (v === "") return null;
  if (control.dataset.kind === "tri") return v === "true";
  if (control.type === "number") return Number(v);
  return v;
}

function readDeath() {
  const value = (id) => readControl($(id));
  const suspects = [...$("suspects").children].map((fs) => {
    const s = {};
    for (const c of fs.querySelectorAll("[data-field]")) s[c.dataset.field] = readControl(c);
    return s;
  });
  const indicators = [...$("abuse_indicators").querySelectorAll("input:checked")].map((c) => c.value);
  return {
    schema_version: 1,
    reference: value("reference"),
    date_of_death: value("date_of_death"),
    notified_on: value("notified_on"),
    nation: value("nation"),
    deceased: {
      date_of_birth: value("date_of_birth"),
      age: value("age"),
      age_band: value("age_band"),
      care_and_support_needs: value("care_and_support_needs"),
    },
    manner: value("manner"),
    suspects,
    abuse_indicators: indicators,
  };
}

function readOptions() {
  return { dardrCommenced: readControl($("dardr_commenced")), susrFrom: readControl($("susr_from")) };
}

// ------------------------------------------------------------ errors

function clearErrors(box) {
  box.hidden = true;
  box.textContent = "";
  document.querySelectorAll("[aria-invalid]").forEach((c) => c.removeAttribute("aria-invalid"));
}

function showError(box, err, scope = document) {
  box.hidden = false;
  box.textContent = "";
  if (!(err instanceof DhrError)) {
    box.append(el("p", {}, `Something went wrong: ${err}`));
    return;
  }
  const control = err.path ? scope.querySelector(`[data-path="${CSS.escape(err.path)}"]`) : null;
  // The message in dhr-core's person-facing words; the code and path stay
  // out of sight, for support staff (data attributes).
  box.dataset.code = err.code;
  box.dataset.path = err.path;
  box.append(el("p", {}, el("strong", {}, "Please check: "), capitalised(err.plain)));
  if (control) {
    control.setAttribute("aria-invalid", "true");
    control.setAttribute("aria-describedby", box.id);
    control.focus();
  }
}

// ------------------------------------------------------------ the answer

let skipped = new Set();

function runAssessment({ focusResult }) {
  clearErrors($("form-error"));
  let answer;
  try {
    // Today's date, from the browser's clock (the module never reads it),
    // for the warnings about dates after today.
    answer = assess(readDeath(), readOptions(), localToday());
  } catch (err) {
    $("result").hidden = true;
    showError($("form-error"), err, $("death-form"));
    return;
  }
  showAnswer(answer);
  if (focusResult) $("result").focus();
}

function showAnswer(answer) {
  $("result").hidden = false;
  $("result").dataset.outcome = answer.outcome;
  $("outcome").textContent = HEADLINES.outcomes[answer.outcome] ?? "";
  $("outcome").className = `outcome ${answer.outcome}`;
  $("regime").textContent = HEADLINES.regimes[answer.regime] ?? "";
  // Deadlines drawn for an earlier answer are gone with it.
  if ($("timeline").parentElement === $("route")) $("timeline").hidden = true;
  $("route-log").hidden = true;
  const warnings = $("warnings-list");
  warnings.textContent = "";
  for (const w of answer.warnings) warnings.append(el("li", {}, w));
  $("warnings").hidden = answer.warnings.length === 0;

  const reasons = $("reasons");
  reasons.textContent = "";
  for (const r of answer.reasons) {
    reasons.append(el("li", { "data-code": r.code }, r.text, " ", el("cite", {}, r.citation)));
  }
  const related = $("related-list");
  related.textContent = "";
  for (const r of answer.related_reviews) {
    related.append(
      el("li", { "data-kind": r.kind }, r.text, r.dates ? ` (${r.dates})` : "", " ", el("cite", {}, r.citation)),
    );
  }
  $("related").hidden = answer.related_reviews.length === 0;
  questions = new Map(answer.missing.map((p, i) => [p, answer.questions[i]]));
  askNext(answer.missing);
}

// The question for each missing fact, from dhr-core (answer.questions).
let questions = new Map();

// ------------------------------------------------------------ questions

/** The form control for a missing fact's path, adding a suspect if needed. */
function controlFor(path) {
  if (path === "suspects" && $("suspects").children.length === 0) addSuspect();
  const p = path === "suspects" ? "suspects[0].connection" : path;
  return document.querySelector(`#death-form [data-path="${CSS.escape(p)}"]`);
}

function questionText(path) {
  return questions.get(path) ?? "";
}

let asking = null;

function askNext(missing) {
  const open = missing.filter((p) => !skipped.has(p));
  const still = $("still-missing-list");
  still.textContent = "";
  for (const p of missing.filter((p) => skipped.has(p))) still.append(el("li", {}, questionText(p)));
  $("still-missing").hidden = still.children.length === 0;

  const box = $("question-field");
  box.textContent = "";
  asking = null;
  if (open.length === 0) {
    $("question").hidden = true;
    return;
  }
  const path = open[0];
  const control = controlFor(path);
  if (!control) {
    $("question").hidden = true;
    return;
  }
  asking = { path, control };
  const copy = control.cloneNode(true);
  copy.removeAttribute("data-path");
  copy.removeAttribute("aria-invalid");
  if (control.matches("input, select, textarea")) {
    copy.id = "question-input";
    copy.value = control.value;
    box.append(el("label", { for: "question-input" }, questionText(path)), copy);
  } else {
    // A group of checkboxes (abuse_indicators): the same boxes, in a fieldset.
    copy.id = "question-input";
    copy.tabIndex = -1;
    copy.querySelectorAll("input").forEach((c, i) => (c.checked = control.querySelectorAll("input")[i].checked));
    box.append(el("fieldset", {}, el("legend", {}, questionText(path)), copy));
  }
  $("question-count").textContent =
    open.length === 1 ? "One fact decides the answer." : `${open.length} facts are still open; here is the first.`;
  $("question").hidden = false;
  $("question").dataset.path = path;
}

function answerQuestion(event) {
  event.preventDefault();
  if (!asking) return;
  const input = $("question-input");
  if (input.matches("input, select, textarea")) {
    asking.control.value = input.value;
    if (input.value === "") skipped.add(asking.path);
  } else {
    const boxes = [...input.querySelectorAll("input")];
    asking.control.querySelectorAll("input").forEach((c, i) => (c.checked = boxes[i].checked));
    if (!boxes.some((c) => c.checked)) skipped.add(asking.path);
  }
  runAssessment({ focusResult: false });
  focusQuestionOrResult();
}

function skipQuestion() {
  if (!asking) return;
  skipped.add(asking.path);
  runAssessment({ focusResult: false });
  focusQuestionOrResult();
}

function focusQuestionOrResult() {
  const q = $("question-input");
  if (!$("question").hidden && q) (q.matches("input, select, textarea") ? q : q.querySelector("input") ?? q).focus();
  else $("result").focus();
}

// ------------------------------------------------------------ timeline

const EXAMPLE = {
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

function localToday() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Days since 1970-01-01 of a "YYYY-MM-DD" date, in UTC (no time zone shift). */
function dayNumber(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86400000;
}

function showTimeline(event) {
  event.preventDefault();
  clearErrors($("review-error"));
  const text = $("review-json").value;
  const asOf = $("as_of").value;
  let answer;
  let review;
  try {
    answer = status(text, asOf);
    review = JSON.parse(text);
  } catch (err) {
    $("timeline").hidden = true;
    const box = $("review-error");
    if (err instanceof DhrError && err.path === "asOf") {
      showError(box, err);
      $("as_of").setAttribute("aria-invalid", "true");
      $("as_of").focus();
    } else {
      showError(box, err);
      $("review-json").setAttribute("aria-invalid", "true");
      $("review-json").focus();
    }
    return;
  }
  $("review-error").after($("timeline"));
  drawTimeline(answer, ruleInfo(review.rules));
  $("timeline").focus();
}

// ------------------------------------------------------------ referral to timeline

/** The built-in rule sets, by their titles (dhr-core's), default first. */
function fillRuleSets() {
  const { ids, default: first } = ruleSets();
  const select = $("route-rules");
  for (const id of [first, ...ids.filter((i) => i !== first)]) {
    select.append(el("option", { value: id }, capitalised(ruleSet(id).title)));
  }
}

/**
 * The deadlines that run from the referral's notification: dhr-core makes
 * the review log the referral starts (the death and its notification), the
 * timeline section shows it and draws its status.
 */
function showRoute(event) {
  event.preventDefault();
  clearErrors($("route-error"));
  const asOf = $("route-as-of").value;
  let review;
  let answer;
  try {
    review = referralReview(readDeath(), $("route-rules").value);
    answer = status(review, asOf);
  } catch (err) {
    if (err instanceof DhrError && err.path === "asOf") {
      showError($("route-error"), err);
      $("route-as-of").setAttribute("aria-invalid", "true");
      $("route-as-of").focus();
    } else showError($("route-error"), err, $("death-form"));
    return;
  }
  // The timeline moves here, under the form that drew it.
  $("route").append($("timeline"));
  $("route-log-json").textContent = JSON.stringify(review, null, 2);
  $("route-log").hidden = false;
  drawTimeline(answer, ruleInfo(review.rules));
  $("timeline").focus();
}

/**
 * Each rule's title and marks by its id: from dhr-core's built-in set when
 * the review names one, else from the review's own set (which status() has
 * checked).
 */
function ruleInfo(rules) {
  let set = rules;
  if (typeof rules === "string") {
    try {
      set = ruleSet(rules);
    } catch {
      set = null;
    }
  }
  const list = Array.isArray(set?.rules) ? set.rules : [];
  return new Map(list.map((r) => [r.id, r]));
}

function drawTimeline(answer, rules) {
  $("timeline").hidden = false;
  $("stage-as-of").textContent = day(answer.as_of);
  $("stage").textContent = answer.stage_text;

  // One scale for every bar: from the earliest start to the latest due date
  // or the as-of date, whichever is later.
  const days = [dayNumber(answer.as_of)];
  for (const d of answer.deadlines) {
    if (d.from) days.push(dayNumber(d.from));
    if (d.due) days.push(dayNumber(d.due));
  }
  const lo = Math.min(...days);
  const hi = Math.max(...days);
  const pct = (iso) => (hi === lo ? 0 : ((dayNumber(iso) - lo) / (hi - lo)) * 100);

  const list = $("deadlines");
  list.textContent = "";
  // The date scale: the first and last days of the bars, and the middle,
  // each with a tick at its place on the bars.
  const scale = el("li", { class: "scale", "aria-hidden": "true" });
  const labels = el("div", { class: "labels" });
  const ticks = el("div", { class: "ticks" });
  for (const n of [lo, (lo + hi) / 2, hi]) {
    const d = new Date(Math.round(n) * 86400000).toISOString().slice(0, 10);
    labels.append(el("span", {}, day(d)));
    const tick = el("span", { class: "tick" });
    tick.style.left = `${pct(d)}%`;
    ticks.append(tick);
  }
  scale.append(labels, ticks);
  list.append(scale);
  const legend = $("marks");
  legend.textContent = "";
  for (const [m, meaning] of Object.entries(MARKS)) legend.append(el("dt", {}, m), el("dd", {}, meaning));
  for (const d of answer.deadlines) {
    const rule = rules.get(d.rule);
    const track = el("div", { class: "track", "aria-hidden": "true" });
    if (d.from && d.due) {
      const left = pct(d.from);
      const bar = el("span", { class: `bar ${d.status}` });
      bar.style.left = `${left}%`;
      bar.style.width = `${Math.max(pct(d.due) - left, 0.5)}%`;
      track.append(bar);
    }
    const mark = el("span", { class: "asof" });
    mark.style.left = `${pct(answer.as_of)}%`;
    track.append(mark);
    list.append(
      el(
        "li",
        { "data-rule": d.rule, "data-status": d.status },
        el("span", { class: "rule" }, capitalised(rule?.title ?? "")),
        " ",
        el("span", { class: `badge ${d.status}` }, `${STATUS_MARK[d.status] ?? ""} ${d.status_text}`.trim()),
        " ",
        el("span", { class: "facts" }, d.facts),
        track,
        el(
          "p",
          { class: "explanation" },
          d.explanation,
          " ",
          el("cite", {}, d.citation, rule?.marks?.length ? ` [${rule.marks.join(", ")}]` : ""),
        ),
      ),
    );
  }

  const evs = $("events");
  evs.textContent = "";
  for (const e of answer.events) {
    evs.append(
      el("li", { class: e.counted ? "" : "later" }, el("time", { datetime: e.on }, e.date), " ", e.text),
    );
  }
  const next = $("next");
  next.textContent = "";
  for (const n of answer.next) next.append(el("li", {}, n.text));
}

async function openFile() {
  const file = $("review-file").files[0];
  if (file) $("review-json").value = await file.text();
}

// ------------------------------------------------------------ start

function start() {
  $("add-suspect").addEventListener("click", () => {
    const fs = addSuspect();
    fs.querySelector("select").focus();
  });
  addSuspect();
  $("death-form").addEventListener("submit", (event) => {
    event.preventDefault();
    skipped = new Set();
    runAssessment({ focusResult: true });
  });
  $("question-form").addEventListener("submit", answerQuestion);
  $("skip-button").addEventListener("click", skipQuestion);
  $("review-form").addEventListener("submit", showTimeline);
  $("review-file").addEventListener("change", openFile);
  $("example-button").addEventListener("click", () => {
    $("review-json").value = JSON.stringify(EXAMPLE, null, 2);
    $("as_of").value = "2024-02-20";
    $("review-json").focus();
  });
  $("as_of").value = localToday();
  $("route-as-of").value = localToday();
  fillRuleSets();
  $("route-form").addEventListener("submit", showRoute);
  $("load-status").textContent = "Ready.";
  document.body.dataset.ready = "true";
  performance.mark("dhr-ready");
}

start();
