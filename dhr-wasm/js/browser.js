// The browser entry (ES module): import { assess } from "dhr-wasm".
//
// The module is fetched and compiled once, when this file is imported (a
// top-level await: importers wait until it is ready). Each instance is made
// synchronously from the compiled module, so that after a trap the wrapper
// can replace the instance inside the failed call's successor.
import { createApi } from "./core.js";
import * as glue from "./web/dhr_wasm.js";

const url = new URL("./web/dhr_wasm_bg.wasm", import.meta.url);
const response = await fetch(url);
if (!response.ok) throw new Error(`dhr-wasm: cannot load ${url}: HTTP ${response.status}`);
const type = response.headers.get("Content-Type") ?? "";
let compiled;
if (typeof WebAssembly.compileStreaming === "function" && type.startsWith("application/wasm")) {
  compiled = await WebAssembly.compileStreaming(response);
} else {
  const bytes = new Uint8Array(await response.arrayBuffer());
  // A server that answers a missing file with its index page sends HTML:
  // say so, instead of WebAssembly's "expected magic word 00 61 73 6d".
  if (!(bytes[0] === 0x00 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d)) {
    throw new Error(
      `dhr-wasm: ${url} is not a WebAssembly module (Content-Type "${type}"; ` +
        `it starts ${JSON.stringify(new TextDecoder().decode(bytes.slice(0, 15)))}). ` +
        "The server probably answered a missing file with a page: copy the package's web/dhr_wasm_bg.wasm " +
        "beside browser.js (for esbuild, a copy step) and serve it as application/wasm.",
    );
  }
  compiled = await WebAssembly.compile(bytes);
}

function load() {
  // __dhr_reset is appended to the wasm-bindgen glue by dhr-wasm/build: it
  // forgets the old instance so that initSync makes a new one.
  glue.__dhr_reset();
  glue.initSync({ module: compiled });
  return glue;
}

const api = createApi(load);
export const {
  assess,
  assessPlain,
  assessMany,
  status,
  statusPlain,
  plainDate,
  referralReview,
  ruleSets,
  Review,
  addMonths,
  addWorkingDays,
  isWorkingDay,
  ruleSet,
  headlines,
  marks,
  DhrError,
} = api;
export default api;
