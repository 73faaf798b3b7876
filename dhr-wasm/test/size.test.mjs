// The size of the module, measured on the browser's .wasm at gzip level 9.
// TARGET is the budget of issues 8 and 16 (120 KB gzipped). It is NOT met
// since the section 8 additions (issue 13) and the person-facing wording
// (issue 16): 134,779 bytes on 2026-12-02 (BENCHMARKS.md), and issue 16
// stays open until it is. Until then CEILING stops the module from growing
// further unnoticed: a change that passes it must still say its size. The
// referral-to-timeline route and the page's last plain words (h16page) cost
// 2,940 bytes (134,730 to 137,670, one build of each, BENCHMARKS.md): the
// ceiling moved from 136,000 to 138,000 for them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync, constants } from "node:zlib";

const TARGET = 120 * 1000;
const CEILING = 138 * 1000;

test(`the gzipped .wasm is at most ${CEILING} bytes (target ${TARGET}, not met)`, (t) => {
  const wasm = readFileSync(new URL("../pkg/wasm/dhr_wasm_bg.wasm", import.meta.url));
  const gz = gzipSync(wasm, { level: constants.Z_BEST_COMPRESSION }).length;
  const report = `dhr_wasm_bg.wasm: ${wasm.length} bytes, ${gz} bytes gzipped (ceiling ${CEILING}; target ${TARGET}: ${gz <= TARGET ? "met" : "not met"})`;
  t.diagnostic(report);
  console.log(report);
  assert.ok(gz <= CEILING, report);
});
