// Shared by the browser tests and bench/page-ready.mjs (not a test file
// itself): a static server on loopback over one directory, and Debian's
// chromium, headless, driven by playwright-core.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import { tmpdir } from "node:os";
import { chromium } from "playwright-core";

export const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".cjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
};

/**
 * Serve `dir` on 127.0.0.1. With `fallback` (a file under dir), a missing
 * file is answered with that page, as a single-page app's server does.
 * `headers(path)` may add response headers (a Content-Security-Policy).
 * `only` (subdirectories of dir) limits what is served to them.
 * Returns { origin, close }.
 */
export async function serve(dir, { fallback = null, headers = () => ({}), only = null } = {}) {
  const root = normalize(dir + sep);
  const allowed = only === null ? [root] : only.map((d) => join(root, d) + sep);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://localhost");
    let path = normalize(join(root, decodeURIComponent(url.pathname)));
    if (path.endsWith(sep)) path = join(path, "index.html");
    if (req.method !== "GET" || !allowed.some((p) => path.startsWith(p))) {
      res.writeHead(404).end();
      return;
    }
    let body;
    try {
      body = await readFile(path);
    } catch {
      if (fallback === null) {
        res.writeHead(404).end();
        return;
      }
      path = join(root, fallback);
      body = await readFile(path);
    }
    res
      .writeHead(200, { "Content-Type": TYPES[extname(path)] ?? "application/octet-stream", ...headers(path) })
      .end(body);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    // The browser keeps idle connections open: end them, or close waits for them.
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      }),
  };
}

/**
 * Chromium's flags here: as root, and without the background connections
 * this machine's closed network refuses (and that slow every start).
 */
export const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Headless chromium on a fresh profile (playwright passes it as
 * --user-data-dir): { browser, close }. `options` are playwright's context
 * options (viewport, locale).
 */
export async function launch(options = {}) {
  assert.ok(existsSync(executablePath), `no browser at ${executablePath} (dhr-wasm/run-tests installs Debian's chromium)`);
  const profile = mkdtempSync(join(tmpdir(), "dhr-chromium-"));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ARGS,
    ...options,
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A new page that records script errors and requests that leave `origin`. */
export async function openPage(browser, origin) {
  const page = await browser.newPage();
  const errors = [];
  const outside = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("request", (r) => {
    if (!r.url().startsWith(origin)) outside.push(r.url());
  });
  return { page, errors, outside };
}
