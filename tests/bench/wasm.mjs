// The WebAssembly benchmark (Node): module instantiation time, assess and
// status calls per second from JavaScript through the public API of the
// dhr-wasm package, and the gzipped size of the .wasm.
//
//   node tests/bench/wasm.mjs [--n N] [--json FILE] [--cpu]
//
// --cpu times the calls in CPU time of this process (process.cpuUsage)
// instead of wall time: steadier on a shared, loaded machine, where wall
// time counts the time other processes hold the cores.
//
// Needs dhr-wasm/pkg (dhr-wasm/build). N is the number of calls per timed
// run (default 20000); each figure is the best of 5 runs. Instantiation is
// measured in fresh Node processes (V8 caches compiled modules within a
// process), so the first figure is a cold start: read, compile, instantiate.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const pkg = join(root, "dhr-wasm", "pkg");
const require = createRequire(import.meta.url);

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};

// Child mode: time one cold instantiation through the package's entry.
if (argv[0] === "--instantiate-once") {
  const t0 = performance.now();
  const dhr = require(join(pkg, "node.cjs"));
  dhr.isWorkingDay("2024-01-02"); // the first call instantiates the module
  const t1 = performance.now();
  const bytes = readFileSync(join(pkg, "wasm", "dhr_wasm_bg.wasm"));
  const t2 = performance.now();
  const mod = new WebAssembly.Module(bytes);
  const t3 = performance.now();
  process.stdout.write(JSON.stringify({ first_call_ms: t1 - t0, compile_ms: t3 - t2, imports: WebAssembly.Module.imports(mod).length }));
  process.exit(0);
}

const N = Number(opt("--n", "20000"));
const dhr = require(join(pkg, "node.cjs"));

function fixtures(dir) {
  const d = join(root, "tests", "fixtures", dir);
  return readdirSync(d)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(d, f), "utf8")));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const cpu = argv.includes("--cpu");
const nowMs = cpu
  ? () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    }
  : () => performance.now();

function best(runs, fn) {
  let bestMs = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = nowMs();
    fn();
    bestMs = Math.min(bestMs, nowMs() - t0);
  }
  return bestMs;
}

// The deaths: every golden assessment fixture with the default options.
const deaths = fixtures("assess")
  .filter((f) => f.input && typeof f.input === "object")
  .filter((f) => !f.options || Object.values(f.options).every((v) => v === null))
  .map((f) => f.input);

// The 60-event review of the Rust benchmark (dhr-core/benches/core.rs).
const full = fixtures("status").find(
  (f) => f.input && Array.isArray(f.input.events) && f.input.events.length === 31 && f.input.death,
);
let events = full.input.events.filter((e) => e.event !== "commissioner_copy_sent");
for (let a = 0; a < 10; a++) {
  const agency = `Agency ${a}`;
  events.push({ on: "2024-03-01", event: "imr_commissioned", by: "chair", agency });
  events.push({ on: "2024-04-16", event: "imr_submitted", by: "imr_author", agency });
  events.push({ on: "2024-04-23", event: "imr_quality_assured", by: "agency_senior_manager", agency });
}
events = events
  .map((e, i) => [e, i])
  .sort((x, y) => (x[0].on < y[0].on ? -1 : x[0].on > y[0].on ? 1 : x[1] - y[1]))
  .map((x) => x[0]);
const reviewDoc = { schema_version: 1, reference: "BENCH-60", rules: "stockton_2011", events };
if (events.length !== 60) throw new Error(`expected 60 events, got ${events.length}`);
const review = new dhr.Review(reviewDoc);

// Warm up, and check the answers are real.
for (const d of deaths) dhr.assess(d);
const st = dhr.status(reviewDoc, "2025-06-01");
if (!Array.isArray(st.deadlines) || st.deadlines.length === 0) throw new Error("no deadlines");

// Instantiation, in fresh processes.
const cold = [];
for (let i = 0; i < 5; i++) {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--instantiate-once"], { encoding: "utf8" });
  cold.push(JSON.parse(out));
}

const assessCalls = Math.max(deaths.length, N - (N % deaths.length));
const assessMs = best(5, () => {
  for (let i = 0; i < assessCalls; i++) dhr.assess(deaths[i % deaths.length]);
});
const manyBatch = [];
for (let i = 0; i < assessCalls; i++) manyBatch.push(deaths[i % deaths.length]);
const manyMs = best(5, () => {
  dhr.assessMany(manyBatch);
});
const statusCalls = Math.max(10, Math.floor(N / 20));
const statusMs = best(5, () => {
  for (let i = 0; i < statusCalls; i++) dhr.status(reviewDoc, "2025-06-01");
});
const reviewStatusMs = best(5, () => {
  for (let i = 0; i < statusCalls; i++) review.status("2025-06-01");
});

const wasmBytes = readFileSync(join(pkg, "wasm", "dhr_wasm_bg.wasm"));
const result = {
  node: process.version,
  clock: cpu ? "cpu" : "wall",
  wasm_bytes: wasmBytes.length,
  wasm_gzip_bytes: gzipSync(wasmBytes, { level: 9 }).length,
  instantiate_first_call_ms_median: median(cold.map((c) => c.first_call_ms)),
  instantiate_first_call_ms_max: Math.max(...cold.map((c) => c.first_call_ms)),
  compile_ms_median: median(cold.map((c) => c.compile_ms)),
  assess_calls: assessCalls,
  assess_us_per_call: (assessMs * 1000) / assessCalls,
  assess_per_second: assessCalls / (assessMs / 1000),
  assess_many_us_per_case: (manyMs * 1000) / assessCalls,
  status_calls: statusCalls,
  status_60_events_us_per_call: (statusMs * 1000) / statusCalls,
  status_60_events_per_second: statusCalls / (statusMs / 1000),
  review_status_60_events_us_per_call: (reviewStatusMs * 1000) / statusCalls,
};
const fmt = (x) => (typeof x === "number" && !Number.isInteger(x) ? x.toFixed(2) : String(x));
for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(38)} ${fmt(v)}`);
const targets = [
  ["gzipped .wasm <= 120 KB (120,000 bytes, as dhr-wasm/test/size.test.mjs counts)", result.wasm_gzip_bytes <= 120 * 1000],
  ["instantiation < 50 ms", result.instantiate_first_call_ms_median < 50],
  ["assess < 20 us per call", result.assess_us_per_call < 20],
];
for (const [name, ok] of targets) console.log(`target: ${name}: ${ok ? "met" : "NOT met"}`);
const out = opt("--json", null);
if (out) writeFileSync(out, JSON.stringify(result, null, 2) + "\n");
