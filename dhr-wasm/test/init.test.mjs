// The browser entry's `init` in real chromium (Debian's, headless, through
// playwright-core), the package served from 127.0.0.1 by a server that, like
// a single-page app's, answers a missing file with its index page: every
// kind of argument (none, URL string, URL, Response, a promise of one,
// ArrayBuffer, typed array, WebAssembly.Module), the error before init, the
// clear error when HTML comes instead of the module (for a URL, a Response
// and bytes), an HTTP error, a failed init tried again, "dhr-wasm/auto", and
// the Content-Security-Policy rule 'wasm-unsafe-eval'.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import * as dhr from "../pkg/node.js";
import { launch, openPage, serve } from "./chromium.mjs";

const pkg = fileURLToPath(new URL("../pkg/", import.meta.url));
const WASM = "/pkg/wasm/dhr_wasm_bg.wasm";

// A golden fixture's death (a former partner, abuse suspected: required).
const DEATH = JSON.parse(
  readFileSync(new URL("../../tests/fixtures/assess/connection_former_intimate_partner.json", import.meta.url), "utf8"),
).input;

let site; // a directory: index.html, strict.html's header, pkg/
let server;
let chrome;

before(async () => {
  site = mkdtempSync(join(tmpdir(), "dhr-init-"));
  cpSync(pkg, join(site, "pkg"), { recursive: true });
  writeFileSync(join(site, "index.html"), "<!doctype html><meta charset=utf-8><title>Home</title><p>The home page</p>\n");
  writeFileSync(join(site, "strict.html"), "<!doctype html><meta charset=utf-8><title>Strict</title>\n");
  // The rule the README gives, and (strict.html) the same without it.
  const csp = (path) =>
    path.endsWith("strict.html")
      ? { "Content-Security-Policy": "default-src 'self'; script-src 'self'" }
      : { "Content-Security-Policy": "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'" };
  server = await serve(site, { fallback: "index.html", headers: csp });
  chrome = await launch();
});

after(async () => {
  await chrome?.close();
  await server?.close();
  if (site) rmSync(site, { recursive: true, force: true });
});

/**
 * Load a fresh page (a new instance of the entry), check that a call before
 * init throws not_initialised, run `init(<argument made by make>)` and then
 * assess. `make` runs in the page: (url) => the argument.
 */
async function initWith(make, { page: path = "/index.html", entry = "/pkg/browser.js" } = {}) {
  const { page, errors } = await openPage(chrome.browser, server.origin);
  await page.goto(server.origin + path);
  // The argument, made in the page (a handle: it may be a Response or a module).
  const argument = await page.evaluateHandle(make, new URL(WASM, server.origin).href);
  const result = await page.evaluate(
    async ({ argument, entry, death }) => {
      const describe = (e) => ({ name: e?.name, code: e?.code, path: e?.path, message: String(e?.message), plain: e?.plain });
      const dhr = await import(entry);
      let before = null;
      try {
        dhr.assess(death);
      } catch (e) {
        before = describe(e);
      }
      try {
        await dhr.init(argument);
      } catch (e) {
        return { before, error: describe(e), isDhrError: e instanceof dhr.DhrError };
      }
      return { before, answer: dhr.assess(death), again: await dhr.init().then(() => "resolved") };
    },
    { argument, entry, death: DEATH },
  );
  return { page, errors, result };
}

const expected = dhr.assess(DEATH);

for (const [kind, make] of [
  ["no argument (the file beside the entry)", () => undefined],
  ["an empty object", () => ({})],
  ["a URL string", (url) => ({ wasm: url })],
  ["a relative URL string", () => ({ wasm: "pkg/wasm/dhr_wasm_bg.wasm" })],
  ["a URL", (url) => ({ wasm: new URL(url) })],
  ["a Response", async (url) => ({ wasm: await fetch(url) })],
  ["a promise of a Response", (url) => ({ wasm: fetch(url) })],
  ["an ArrayBuffer", async (url) => ({ wasm: await (await fetch(url)).arrayBuffer() })],
  ["a Uint8Array", async (url) => ({ wasm: new Uint8Array(await (await fetch(url)).arrayBuffer()) })],
  ["a WebAssembly.Module", async (url) => ({ wasm: await WebAssembly.compileStreaming(fetch(url)) })],
  ["a promise of a WebAssembly.Module", (url) => ({ wasm: WebAssembly.compileStreaming(fetch(url)) })],
]) {
  test(`init with ${kind}, in chromium: before it a typed error, after it the answer`, async () => {
    const { page, errors, result } = await initWith(make);
    assert.equal(result.error, undefined, JSON.stringify(result.error));
    assert.equal(result.before.name, "DhrError");
    assert.equal(result.before.code, "not_initialised");
    assert.equal(result.before.path, "");
    assert.match(result.before.message, /await init\(\)/);
    assert.deepStrictEqual(result.answer, expected);
    assert.equal(result.again, "resolved");
    assert.deepStrictEqual(errors, []);
    await page.close();
  });
}

// /pkg/wasm/no_such_file.wasm is missing: the server answers it with index.html.
for (const [kind, make, subject] of [
  ["a URL", () => ({ wasm: "/pkg/wasm/no_such_file.wasm" }), /no_such_file\.wasm is not a WebAssembly module \(Content-Type "text\/html/],
  ["a Response", async () => ({ wasm: await fetch("/pkg/wasm/no_such_file.wasm") }), /no_such_file\.wasm is not a WebAssembly module \(Content-Type "text\/html/],
  ["bytes", async () => ({ wasm: await (await fetch("/pkg/wasm/no_such_file.wasm")).arrayBuffer() }), /the bytes given are not a WebAssembly module/],
]) {
  test(`init with ${kind} that gives an HTML page: a clear error, not "magic word"; init can be tried again`, async () => {
    const { page, result } = await initWith(make);
    assert.ok(result.isDhrError, JSON.stringify(result));
    assert.equal(result.error.code, "wasm_load_failed");
    assert.equal(result.error.path, "wasm");
    assert.match(result.error.message, subject);
    assert.match(result.error.message, /it starts "<!doctype html>/);
    assert.match(result.error.message, /application\/wasm/);
    assert.match(result.error.message, /copy step/);
    assert.doesNotMatch(result.error.message, /magic word/);
    assert.doesNotMatch(result.error.plain, /wasm|_/);
    // The same page, a second init with the right file: it works.
    const retried = await page.evaluate(
      async ({ wasm, death }) => {
        const dhr = await import("/pkg/browser.js");
        await dhr.init({ wasm });
        return dhr.assess(death);
      },
      { wasm: WASM, death: DEATH },
    );
    assert.deepStrictEqual(retried, expected);
    await page.close();
  });
}

test("init: an HTTP error names the URL and the status", async () => {
  const { page, errors } = await openPage(chrome.browser, server.origin);
  await page.route("**/gone.wasm", (route) => route.fulfill({ status: 404, body: "" }));
  await page.goto(server.origin + "/index.html");
  const error = await page.evaluate(async () => {
    const dhr = await import("/pkg/browser.js");
    return dhr.init({ wasm: "/gone.wasm" }).then(
      () => null,
      (e) => ({ code: e.code, path: e.path, message: e.message }),
    );
  });
  assert.equal(error.code, "wasm_load_failed");
  assert.equal(error.path, "wasm");
  assert.match(error.message, /\/gone\.wasm: HTTP 404/);
  assert.ok(errors.every((e) => /404/.test(e)), errors.join("\n"));
  await page.close();
});

test("init: an argument of another kind is refused with its path", async () => {
  for (const make of [() => ({ wasm: 42 }), () => ({ wasm: {} }), () => "pkg/wasm/dhr_wasm_bg.wasm"]) {
    const { page, result } = await initWith(make);
    assert.equal(result.error.code, "invalid_value", JSON.stringify(result));
    assert.equal(result.error.path, make.toString().includes("wasm:") ? "wasm" : "options");
    await page.close();
  }
});

test("init: a WebAssembly module that is not dhr's fails in init, not in the first call", async () => {
  // The smallest valid module: no imports, no exports.
  const { page, result } = await initWith(() => ({ wasm: new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]) }));
  assert.equal(result.error?.code, "wasm_load_failed", JSON.stringify(result));
  assert.match(result.error.message, /could not be instantiated/);
  await page.close();
});

test('"dhr-wasm/auto" is ready on import (top-level await); its init resolves at once', async () => {
  const { page, errors } = await openPage(chrome.browser, server.origin);
  await page.goto(server.origin + "/index.html");
  const answer = await page.evaluate(async (death) => {
    const dhr = await import("/pkg/auto.js");
    const first = dhr.assess(death);
    await dhr.init({ wasm: "/not/used.wasm" });
    return first;
  }, DEATH);
  assert.deepStrictEqual(answer, expected);
  assert.deepStrictEqual(errors, []);
  await page.close();
});

test("the browser entry exports the public API only, as Node's entries do", async () => {
  const { page } = await openPage(chrome.browser, server.origin);
  await page.goto(server.origin + "/index.html");
  const [names, defaults] = await page.evaluate(async () => {
    const dhr = await import("/pkg/browser.js");
    return [Object.keys(dhr).sort(), Object.keys(dhr.default).sort()];
  });
  const node = Object.keys(dhr).sort();
  assert.deepStrictEqual(names, node);
  assert.deepStrictEqual(defaults, Object.keys(dhr.default).sort());
  assert.ok(names.every((n) => !n.startsWith("_")), names.join(", "));
  await page.close();
});

test("a Content-Security-Policy without 'wasm-unsafe-eval' stops the module, with init's error", async () => {
  const { page } = await openPage(chrome.browser, server.origin);
  await page.goto(server.origin + "/strict.html");
  const error = await page.evaluate(async () => {
    const dhr = await import("/pkg/browser.js");
    return dhr.init().then(
      () => null,
      (e) => ({ code: e.code, message: e.message }),
    );
  });
  assert.equal(error?.code, "wasm_load_failed", JSON.stringify(error));
  assert.match(error.message, /unsafe-eval/);
  await page.close();
});
