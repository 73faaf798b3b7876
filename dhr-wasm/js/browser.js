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
const compiled =
  typeof WebAssembly.compileStreaming === "function" &&
  (response.headers.get("Content-Type") ?? "").startsWith("application/wasm")
    ? await WebAssembly.compileStreaming(response)
    : await WebAssembly.compile(await response.arrayBuffer());

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
