// The referral page's time to ready in headless chromium (issue 16): from
// navigation start to the form usable, i.e. the WebAssembly module fetched
// and compiled, the wrapper loaded and the form set up (app.js marks
// "dhr-module" when the module is imported and "dhr-ready" when the form is
// ready; both are read from the page's own performance timeline, so the
// figure is the browser's, not this script's).
//
//   node bench/page-ready.mjs [--n 15] [--json FILE]
//
// Each cold run is a new browser context (empty HTTP and code caches); each
// warm run reloads the page in the context of the run before it. A reported
// figure, never asserted: the machine's load moves it (BENCHMARKS.md).
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { ARGS, executablePath, serve } from "../test/chromium.mjs";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? dflt : args[i + 1];
};
const n = Number(opt("n", "15"));
const jsonOut = opt("json", null);

const root = fileURLToPath(new URL("..", import.meta.url)); // dhr-wasm/
const site = await serve(root, { only: ["www", "pkg"] });
const url = `${site.origin}/www/index.html`;

const browser = await chromium.launch({ executablePath, headless: true, args: ARGS });

async function timings(page) {
  await page.locator("body[data-ready=true]").waitFor({ timeout: 30000 });
  return page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
    const nav = performance.getEntriesByType("navigation")[0];
    return { module: at("dhr-module"), ready: at("dhr-ready"), dom_content_loaded: nav.domContentLoadedEventEnd };
  });
}

const version = browser.version();
const cold = [];
const warm = [];
for (let i = 0; i < n; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  cold.push(await timings(page));
  await page.reload();
  warm.push(await timings(page));
  await context.close();
}
await browser.close();
await site.close();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const summary = (runs) =>
  Object.fromEntries(
    ["module", "ready", "dom_content_loaded"].map((k) => {
      const xs = runs.map((r) => r[k]);
      return [k, { median_ms: +median(xs).toFixed(1), min_ms: +Math.min(...xs).toFixed(1), max_ms: +Math.max(...xs).toFixed(1) }];
    }),
  );
const result = { runs: n, chromium: version, cold: summary(cold), warm: summary(warm) };
const wasm = (await readFile(join(root, "pkg/wasm/dhr_wasm_bg.wasm"))).length;
result.wasm_bytes = wasm;
console.log(JSON.stringify(result, null, 2));
if (jsonOut) await writeFile(jsonOut, JSON.stringify(result, null, 2) + "\n");
