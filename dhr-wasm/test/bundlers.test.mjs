// The package as a council's web developer uses it: installed (a copy of
// pkg/ in node_modules/dhr-wasm), imported by name by a tiny app, bundled by
// Vite, webpack and esbuild (devDependencies, through their JavaScript APIs),
// each bundle served from 127.0.0.1 (by a server that answers a missing file
// with index.html, as a single-page app's does, and sends the README's
// Content-Security-Policy) and loaded in headless chromium, where a real
// assessment must appear. For esbuild, which does not copy the .wasm, with
// its copy step, and without it (the clear error).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { build as viteBuild } from "vite";
import webpack from "webpack";
import { build as esbuild } from "esbuild";
import * as dhr from "../pkg/node.js";
import { launch, openPage, serve } from "./chromium.mjs";

const pkg = fileURLToPath(new URL("../pkg/", import.meta.url));

// A golden fixture's death (a former partner, abuse suspected: required).
const DEATH = JSON.parse(
  readFileSync(new URL("../../tests/fixtures/assess/connection_former_intimate_partner.json", import.meta.url), "utf8"),
).input;
const expected = dhr.assessPlain(DEATH);
const headline = dhr.headlines().outcomes[expected.outcome];

// What every app does with the API: assess, and show the outcome's headline
// and the first reason (or the error's code and message).
const SHOW = `
const death = ${JSON.stringify(DEATH)};
export function show(dhr) {
  const out = document.getElementById("out");
  const answer = dhr.assessPlain(death);
  out.dataset.outcome = answer.outcome;
  out.querySelector("h1").textContent = dhr.headlines().outcomes[answer.outcome];
  out.querySelector("p").textContent = answer.reasons[0].text;
}
export function fail(err) {
  const out = document.getElementById("out");
  out.dataset.error = err.code ?? err.name;
  out.querySelector("p").textContent = err.message;
}
`;
const BODY = '<div id="out"><h1></h1><p></p></div>';
const page = (script) =>
  `<!doctype html><html lang="en"><meta charset="utf-8"><title>App</title>${BODY}${script}</html>\n`;

let work; // node_modules/dhr-wasm and the apps
let chrome;

before(async () => {
  work = mkdtempSync(join(tmpdir(), "dhr-bundlers-"));
  cpSync(pkg, join(work, "node_modules", "dhr-wasm"), { recursive: true });
  chrome = await launch();
});

after(async () => {
  await chrome?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

function app(name, files) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "show.js"), SHOW);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

const CSP = { "Content-Security-Policy": "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'" };

/** Serve dist, open it in chromium, wait for an answer or an error; every .wasm response is recorded. */
async function load(dist) {
  const server = await serve(dist, { fallback: "index.html", headers: () => CSP });
  const { page, errors, outside } = await openPage(chrome.browser, server.origin);
  const wasm = [];
  page.on("response", (r) => {
    if (r.url().endsWith(".wasm")) wasm.push({ status: r.status(), type: r.headers()["content-type"] });
  });
  await page.goto(server.origin + "/");
  await page.locator("#out[data-outcome], #out[data-error]").waitFor({ timeout: 20000 });
  const shown = await page.evaluate(() => {
    const out = document.getElementById("out");
    return {
      outcome: out.dataset.outcome ?? null,
      error: out.dataset.error ?? null,
      headline: out.querySelector("h1").textContent,
      text: out.querySelector("p").textContent,
    };
  });
  await page.close();
  await server.close();
  return { shown, errors, outside, wasm };
}

function assertAnswered({ shown, errors, outside, wasm }) {
  assert.deepStrictEqual(shown, { outcome: expected.outcome, error: null, headline, text: expected.reasons[0].text });
  assert.deepStrictEqual(errors, []);
  assert.deepStrictEqual(outside, []);
  // The module was fetched once, as application/wasm (compiled while it downloads).
  assert.deepStrictEqual(wasm, [{ status: 200, type: "application/wasm" }]);
}

const wasmFiles = (dir) => readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith(".wasm"));

/** A main.js that imports the package (and `imports`), runs `init` as `call`, and shows the answer. */
const main = (call, imports = "") =>
  `import * as dhr from "dhr-wasm";\n${imports}import { show, fail } from "./show.js";\n` +
  `try {\n  await dhr.init(${call});\n  show(dhr);\n} catch (e) {\n  fail(e);\n}\n`;

/** Build `mainJs` with Vite; the dist folder must hold exactly one .wasm. */
async function viteBuilt(name, mainJs) {
  const dir = app(name, { "index.html": page('<script type="module" src="./main.js"></script>'), "main.js": mainJs });
  const dist = join(dir, "dist");
  await viteBuild({ root: dir, configFile: false, logLevel: "error", build: { outDir: dist, emptyOutDir: true } });
  assert.equal(wasmFiles(dist).length, 1, wasmFiles(dist).join(", "));
  return dist;
}

test("Vite: `await init()` with no argument; Vite copies the .wasm it finds through new URL(..., import.meta.url)", async () => {
  assertAnswered(await load(await viteBuilt("vite", main(""))));
});

test('Vite: `init({ wasm })` with the URL of "dhr-wasm/dhr_wasm_bg.wasm?url" (the package exports its .wasm)', async () => {
  const dist = await viteBuilt("vite-url", main("{ wasm }", 'import wasm from "dhr-wasm/dhr_wasm_bg.wasm?url";\n'));
  assertAnswered(await load(dist));
});

test('webpack: "dhr-wasm/auto" (top-level await); webpack copies the .wasm as an asset', async () => {
  const dir = app("webpack", {
    "main.js": 'import * as dhr from "dhr-wasm/auto";\nimport { show } from "./show.js";\nshow(dhr);\n',
  });
  const dist = join(dir, "dist");
  const stats = await new Promise((resolve, reject) =>
    webpack(
      {
        mode: "production",
        context: dir,
        entry: "./main.js",
        output: { path: dist, filename: "main.js", clean: true },
        target: "web",
        performance: { hints: false },
        infrastructureLogging: { level: "error" },
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    ),
  );
  assert.ok(!stats.hasErrors(), stats.toString("errors-only"));
  writeFileSync(join(dist, "index.html"), page('<script src="main.js"></script>'));
  assert.equal(wasmFiles(dist).length, 1, wasmFiles(dist).join(", "));
  assertAnswered(await load(dist));
});

/** Bundle `mainJs` with esbuild as `format` (iife or esm) into dist/app.js, with a page loading it. */
async function esbuilt(name, mainJs, format) {
  const dir = app(name, { "main.js": mainJs });
  const dist = join(dir, "dist");
  await esbuild({
    entryPoints: [join(dir, "main.js")],
    bundle: true,
    format,
    platform: "browser",
    outfile: join(dist, "app.js"),
    logLevel: "error",
    absWorkingDir: dir,
  });
  const script = format === "esm" ? '<script type="module" src="app.js"></script>' : '<script src="app.js"></script>';
  writeFileSync(join(dist, "index.html"), page(script));
  return dist;
}

/** esbuild's copy step (README): the package's one .wasm, to `to` under dist. */
const copyWasm = (dist, to) => {
  mkdirSync(dirname(join(dist, to)), { recursive: true });
  cpSync(join(work, "node_modules", "dhr-wasm", "wasm", "dhr_wasm_bg.wasm"), join(dist, to));
};

test("esbuild, IIFE: `init({ wasm })` with its copy step; without it, the clear error instead of a magic-word one", async () => {
  const iife = 'import * as dhr from "dhr-wasm";\nimport { show, fail } from "./show.js";\n' +
    'dhr.init({ wasm: "dhr_wasm_bg.wasm" }).then(() => show(dhr), fail);\n';
  const dist = await esbuilt("esbuild-iife", iife, "iife");
  // esbuild copies no .wasm: the server answers it with index.html.
  assert.deepStrictEqual(wasmFiles(dist), []);
  const missing = await load(dist);
  assert.equal(missing.shown.error, "wasm_load_failed");
  assert.match(missing.shown.text, /dhr_wasm_bg\.wasm is not a WebAssembly module \(Content-Type "text\/html/);
  assert.match(missing.shown.text, /copy step/);
  assert.doesNotMatch(missing.shown.text, /magic word/);
  copyWasm(dist, "dhr_wasm_bg.wasm");
  assertAnswered(await load(dist));
});

test("esbuild, ES module: `await init()` with no argument, the .wasm copied to wasm/ beside the bundle", async () => {
  const dist = await esbuilt("esbuild-esm", main(""), "esm");
  copyWasm(dist, join("wasm", "dhr_wasm_bg.wasm"));
  assertAnswered(await load(dist));
});
