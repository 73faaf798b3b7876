// The size budget of the module (issue 8): at most 120 KB gzipped, measured
// on the browser's .wasm at gzip level 9.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync, constants } from "node:zlib";

const BUDGET = 120 * 1000;

test(`the gzipped .wasm is at most ${BUDGET} bytes`, (t) => {
  const wasm = readFileSync(new URL("../pkg/web/dhr_wasm_bg.wasm", import.meta.url));
  const gz = gzipSync(wasm, { level: constants.Z_BEST_COMPRESSION }).length;
  const report = `dhr_wasm_bg.wasm: ${wasm.length} bytes, ${gz} bytes gzipped (budget ${BUDGET})`;
  t.diagnostic(report);
  console.log(report);
  assert.ok(gz <= BUDGET, report);
  // Node's copy is the same module.
  const node = readFileSync(new URL("../pkg/node/dhr_wasm_bg.wasm", import.meta.url));
  assert.equal(node.length, wasm.length);
});
