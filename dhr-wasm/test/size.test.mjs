// The size of the module, measured on the browser's .wasm at gzip level 9,
// against the budget of issues 8 and 16: 120 KB gzipped. Met again on
// 2026-12-02 at 119,890 bytes (BENCHMARKS.md, "WebAssembly size"): the bank
// holidays as compact tables written by dhr-core/build.rs, one member and
// item loop in the reader, a plain key list for repeated keys, and
// `extensions` and `abuse_indicators` read through the tree reader. A change
// that passes the budget must find the bytes elsewhere (BENCHMARKS.md lists
// what is left).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync, constants } from "node:zlib";

const BUDGET = 120 * 1000;

test(`the gzipped .wasm is at most ${BUDGET} bytes`, (t) => {
  const wasm = readFileSync(new URL("../pkg/wasm/dhr_wasm_bg.wasm", import.meta.url));
  const gz = gzipSync(wasm, { level: constants.Z_BEST_COMPRESSION }).length;
  const report = `dhr_wasm_bg.wasm: ${wasm.length} bytes, ${gz} bytes gzipped (budget ${BUDGET}, ${BUDGET - gz} to spare)`;
  t.diagnostic(report);
  console.log(report);
  assert.ok(gz <= BUDGET, report);
});
