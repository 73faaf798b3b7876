// The browser entry (ES module): import { init, assess } from "dhr-wasm".
//
// Importing it loads nothing: `await init()` fetches and compiles the
// module (wasm/dhr_wasm_bg.wasm beside this file), or `await init({ wasm })`
// takes it from where the page says: a URL (string or URL), a Response (or
// a promise of one), its bytes (ArrayBuffer or typed array) or a compiled
// WebAssembly.Module. Until then every function throws DhrError
// `not_initialised`. "dhr-wasm/auto" is this entry with `await init()` done
// on import (a top-level await), for pages that need nothing else.
//
// Each instance is made synchronously from the compiled module, so that
// after a trap the wrapper can replace the instance inside the failed
// call's successor.
import { createApi } from "./core.js";
import * as glue from "./wasm/dhr_wasm.js";

let compiled = null; // the WebAssembly.Module, once init has succeeded
let pending = null; // the init under way

function load() {
  if (compiled === null) return null;
  // __dhr_reset is appended to the wasm-bindgen glue by dhr-wasm/build: it
  // forgets the old instance so that initSync makes a new one.
  glue.__dhr_reset();
  glue.initSync({ module: compiled });
  return glue;
}

function start(options, DhrError) {
  if (compiled !== null) return Promise.resolve();
  if (pending === null) {
    pending = prepare(options, DhrError).then(
      (module) => {
        compiled = module;
        pending = null;
      },
      (err) => {
        pending = null; // a failed init may be tried again
        throw err;
      },
    );
  }
  return pending;
}

async function prepare(options, DhrError) {
  const failed = (detail, cause) =>
    new DhrError("wasm_load_failed", "wasm", detail, undefined, cause === undefined ? undefined : { cause }, PLAIN);
  if (options !== undefined && options !== null && (typeof options !== "object" || Array.isArray(options))) {
    throw new DhrError(
      "invalid_value",
      "options",
      "init takes nothing, or an object such as { wasm: url }",
    );
  }
  let source = options?.wasm ?? undefined;
  // The literal form lets Vite and webpack see the file and copy it.
  if (source === undefined || source === null) source = new URL("./wasm/dhr_wasm_bg.wasm", import.meta.url);
  let module;
  try {
    module = await compile(await source, failed, DhrError);
  } catch (err) {
    if (err instanceof DhrError) throw err;
    throw failed(`the module could not be loaded: ${err?.message ?? err}`, err);
  }
  // One instance now, so that a module that does not fit (another version's
  // file) fails here and not in the first call.
  try {
    glue.__dhr_reset();
    glue.initSync({ module });
  } catch (cause) {
    glue.__dhr_reset();
    throw failed(
      `the module could not be instantiated (${cause?.message ?? cause}): is it the dhr_wasm_bg.wasm of this version of the package?`,
      cause,
    );
  }
  return module;
}

const PLAIN = "The checking rules could not be loaded, so nothing can be checked.";
const HINT =
  "The server probably answered a missing file with a page: copy the package's wasm/dhr_wasm_bg.wasm " +
  "where the page can fetch it (for esbuild, a copy step; see the package's README) and serve it as application/wasm.";

async function compile(source, failed, DhrError) {
  if (source instanceof WebAssembly.Module) return source;
  if (typeof source === "string" || source instanceof URL) {
    let response;
    try {
      response = await fetch(source);
    } catch (cause) {
      throw failed(`cannot fetch ${source}: ${cause?.message ?? cause}`, cause);
    }
    return fromResponse(response, String(source), failed);
  }
  if (isResponse(source)) return fromResponse(source, source.url || "the Response given", failed);
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    const bytes =
      source instanceof ArrayBuffer ? new Uint8Array(source) : new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
    checkMagic(bytes, "the bytes given are", "", failed);
    return WebAssembly.compile(bytes);
  }
  throw new DhrError(
    "invalid_value",
    "wasm",
    "expected a URL (string or URL), a Response or a promise of one, bytes (ArrayBuffer or typed array) or a WebAssembly.Module",
  );
}

function isResponse(value) {
  if (typeof Response !== "undefined" && value instanceof Response) return true;
  return value !== null && typeof value === "object" && typeof value.arrayBuffer === "function" && typeof value.headers?.get === "function";
}

async function fromResponse(response, where, failed) {
  if (!response.ok) throw failed(`cannot load ${where}: HTTP ${response.status}`);
  const type = response.headers.get("Content-Type") ?? "";
  if (typeof WebAssembly.compileStreaming === "function" && type.split(";")[0].trim() === "application/wasm") {
    try {
      return await WebAssembly.compileStreaming(response);
    } catch (cause) {
      throw failed(`${where} is not a WebAssembly module this browser can compile: ${cause?.message ?? cause}`, cause);
    }
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  checkMagic(bytes, `${where} is`, ` (Content-Type "${type}")`, failed);
  return WebAssembly.compile(bytes);
}

// A server that answers a missing file with its index page sends HTML: say
// so, instead of WebAssembly's "expected magic word 00 61 73 6d".
function checkMagic(bytes, subject, served, failed) {
  if (bytes[0] === 0x00 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d) return;
  const start = JSON.stringify(new TextDecoder().decode(bytes.slice(0, 15)));
  throw failed(`${subject} not a WebAssembly module${served}; it starts ${start}. ${HINT}`);
}

const api = createApi(load, start);
export const {
  init,
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
