// "dhr-wasm/auto": the browser entry, loaded on import (a top-level await),
// for a page that needs nothing else:
//   import { assess } from "dhr-wasm/auto";
// It fetches wasm/dhr_wasm_bg.wasm beside browser.js; to load it from
// elsewhere, or from a bundle format without top-level await (esbuild's
// IIFE), import "dhr-wasm" and call `await init({ wasm })` instead.
import api from "./browser.js";

await api.init();

export * from "./browser.js";
export default api;
