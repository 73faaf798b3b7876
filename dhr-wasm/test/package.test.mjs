// The package's shape: one .wasm used by every entry, the fields and
// conditions of package.json, no internal exports, the entry without
// top-level await, the JavaScript-only error codes documented in
// docs/ERRORS.md, and its size (recorded in BENCHMARKS.md, not asserted).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { gzipSync, constants } from "node:zlib";
import * as node from "../pkg/node.js";

const require = createRequire(import.meta.url);
const pkgDir = fileURLToPath(new URL("../pkg/", import.meta.url));
const manifest = require("../pkg/package.json");

// A golden fixture's death (a former partner, abuse suspected: required).
const DEATH = JSON.parse(
  readFileSync(new URL("../../tests/fixtures/assess/connection_former_intimate_partner.json", import.meta.url), "utf8"),
).input;

function files(dir, base = "") {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name), `${base}${d.name}/`) : [`${base}${d.name}`],
  );
}

test("the package holds one .wasm, which package.json's files and exports name", () => {
  const all = files(pkgDir);
  assert.deepStrictEqual(all.filter((f) => f.endsWith(".wasm")), ["wasm/dhr_wasm_bg.wasm"]);
  assert.ok(manifest.files.includes("wasm/"));
  assert.equal(manifest.exports["./dhr_wasm_bg.wasm"], "./wasm/dhr_wasm_bg.wasm");
  // Every file of the package is listed in `files` (else npm would leave it out).
  for (const f of all) {
    if (f === "package.json") continue;
    assert.ok(manifest.files.some((entry) => (entry.endsWith("/") ? f.startsWith(entry) : f === entry)), f);
  }
  const bytes = all.reduce((n, f) => n + statSync(join(pkgDir, f)).size, 0);
  const wasm = readFileSync(join(pkgDir, "wasm/dhr_wasm_bg.wasm"));
  const gz = gzipSync(wasm, { level: constants.Z_BEST_COMPRESSION }).length;
  const report = `package: ${all.length} files, ${bytes} bytes unpacked; dhr_wasm_bg.wasm ${wasm.length} bytes, ${gz} gzipped`;
  console.log(report);
});

test("Node's entries read the package's one .wasm: no other module file, no second glue", () => {
  const cjs = readFileSync(join(pkgDir, "node.cjs"), "utf8");
  assert.match(cjs, /"wasm", "dhr_wasm_bg\.wasm"/);
  assert.match(cjs, /require\("\.\/wasm\/dhr_wasm\.cjs"\)/);
  const esmGlue = readFileSync(join(pkgDir, "wasm/dhr_wasm.js"), "utf8");
  const cjsGlue = readFileSync(join(pkgDir, "wasm/dhr_wasm.cjs"), "utf8");
  // The CommonJS glue is the ES module's code (same functions).
  const fns = (text) => [...text.matchAll(/^(?:export )?function (\w+)\(/gm)].map((m) => m[1]).sort();
  assert.deepStrictEqual(fns(cjsGlue), fns(esmGlue));
});

test("package.json: main, module, browser, types, and exports conditions for node, browser, import, require, default", () => {
  assert.equal(manifest.main, "./node.cjs");
  assert.equal(manifest.module, "./browser.js");
  assert.equal(manifest.browser, "./browser.js");
  assert.equal(manifest.types, "./dhr.d.ts");
  for (const [entry, browserFile] of [
    [".", "./browser.js"],
    ["./auto", "./auto.js"],
  ]) {
    const e = manifest.exports[entry];
    assert.deepStrictEqual(Object.keys(e), ["browser", "node", "import", "require", "default"], entry);
    assert.equal(e.browser.default, browserFile);
    assert.equal(e.node.import.default, "./node.js");
    assert.equal(e.node.require.default, "./node.cjs");
    assert.equal(e.import.default, browserFile);
    assert.equal(e.require.default, "./node.cjs");
    assert.equal(e.default.default, browserFile);
    for (const branch of [e.browser, e.node.import, e.import, e.default]) assert.equal(branch.types, "./dhr.d.ts");
    for (const branch of [e.node.require, e.require]) assert.equal(branch.types, "./dhr.d.cts");
  }
  // Every file named by a field or a condition is in the package.
  const leaves = (v) => (typeof v === "string" ? [v] : Object.values(v).flatMap(leaves));
  const named = [manifest.main, manifest.module, manifest.browser, manifest.types, ...leaves(manifest.exports)];
  assert.ok(named.length > 20);
  for (const f of named.filter((f) => !f.includes("*"))) statSync(join(pkgDir, f));
});

test("no internal exports: every entry exports exactly the declared API", async () => {
  const browser = await import("../pkg/browser.js");
  const cjs = require("../pkg/node.cjs");
  const declared = [...readFileSync(join(pkgDir, "dhr.d.ts"), "utf8").matchAll(/^export declare (?:function|class) (\w+)/gm)]
    .map((m) => m[1])
    .sort();
  assert.ok(declared.includes("init"));
  for (const [name, names] of [
    ["node.js", Object.keys(node).filter((k) => k !== "default")],
    ["node.cjs", Object.keys(cjs)],
    ["browser.js", Object.keys(browser).filter((k) => k !== "default")],
    ["browser.js default", Object.keys(browser.default)],
  ]) {
    assert.deepStrictEqual(names.sort(), declared, name);
  }
  assert.equal(cjs.__testing, undefined);
  assert.equal(browser.__dhr_reset, undefined);
});

test("the browser entry has no top-level await: it imports at once, and a call before init is a typed error", async () => {
  for (const f of ["browser.js", "core.js", "wasm/dhr_wasm.js"]) {
    const text = readFileSync(join(pkgDir, f), "utf8");
    assert.doesNotMatch(text, /^(?:const \w+ = |let \w+ = )?await /m, f);
  }
  // A fresh copy of the entry (a query makes a new module instance).
  const browser = await import(`../pkg/browser.js?before-init`);
  let caught;
  try {
    browser.assess(DEATH);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof browser.DhrError);
  assert.equal(caught.code, "not_initialised");
  assert.equal(caught.path, "");
  assert.doesNotMatch(caught.plain, /init|_/);
});

test("init in Node's entry resolves at once; the browser entry's init takes bytes and a compiled module here too", async () => {
  assert.equal(await node.init(), undefined);
  assert.deepStrictEqual(node.assess(DEATH).outcome, "required");
  const bytes = readFileSync(join(pkgDir, "wasm/dhr_wasm_bg.wasm"));
  const a = await import(`../pkg/browser.js?bytes`);
  await a.init({ wasm: bytes });
  assert.deepStrictEqual(a.assess(DEATH), node.assess(DEATH));
  const b = await import(`../pkg/browser.js?module`);
  await b.init({ wasm: new WebAssembly.Module(bytes) });
  assert.deepStrictEqual(b.assess(DEATH), node.assess(DEATH));
  const c = await import(`../pkg/browser.js?response`);
  await c.init({ wasm: new Response(bytes, { headers: { "Content-Type": "application/wasm" } }) });
  assert.deepStrictEqual(c.assess(DEATH), node.assess(DEATH));
  const d = await import(`../pkg/browser.js?html`);
  const html = new Response("<!doctype html><title>Home</title>", { headers: { "Content-Type": "text/html" } });
  await assert.rejects(d.init({ wasm: html }), (e) => e.code === "wasm_load_failed" && /not a WebAssembly module/.test(e.message));
  // The trap reset works in the browser entry's glue too.
  const trap = () => a.default[Symbol.for("dhr-wasm.testing")].trap();
  assert.throws(trap, (e) => e.code === "internal_error" && e.cause instanceof WebAssembly.RuntimeError);
  assert.deepStrictEqual(a.assess(DEATH), node.assess(DEATH));
});

test("the package's own error codes are in dhr-core's catalogue (docs/ERRORS.md) and in dhr.d.ts", () => {
  const errors = readFileSync(new URL("../../docs/ERRORS.md", import.meta.url), "utf8");
  const section = errors.slice(errors.indexOf("## The JavaScript package's own codes"));
  assert.ok(section.length > 40, "docs/ERRORS.md has no section for the JavaScript package's codes");
  const documented = [...section.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]);
  const dts = readFileSync(join(pkgDir, "dhr.d.ts"), "utf8");
  const typed = dts.match(/export type JsErrorCode = ([^;]+);/)[1].match(/"(\w+)"/g).map((s) => JSON.parse(s));
  assert.deepStrictEqual(documented, typed);
  assert.deepStrictEqual(typed, ["internal_error", "not_initialised", "wasm_load_failed"]);
});
