// Node's CommonJS entry: require("dhr-wasm").
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const { createApi } = require("./core.cjs");
// The same wasm-bindgen glue as the browser's (wasm/dhr_wasm.js), made
// CommonJS by dhr-wasm/build, over the package's one module file.
const glue = require("./wasm/dhr_wasm.cjs");

let compiled = null;

// The module is read and compiled on first use (synchronously: a Node
// program needs no init). Each call after a trap gets a new instance:
// __dhr_reset (appended to the glue by dhr-wasm/build) forgets the old one
// so that initSync makes another.
function load() {
  if (compiled === null) compiled = new WebAssembly.Module(readFileSync(join(__dirname, "wasm", "dhr_wasm_bg.wasm")));
  glue.__dhr_reset();
  glue.initSync({ module: compiled });
  return glue;
}

// init is there for code shared with the browser: in Node the module comes
// from the package, whatever the argument, and is ready at once.
function start() {
  return Promise.resolve();
}

module.exports = createApi(load, start);
