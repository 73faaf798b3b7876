// Node's CommonJS entry: require("dhr-wasm").
"use strict";
const { createApi } = require("./core.cjs");

const glue = require.resolve("./node/dhr_wasm.js");

// A fresh instance each time: the wasm-bindgen glue (--target nodejs)
// instantiates the module when it is first required, so a reload drops it
// from the require cache first.
function load() {
  delete require.cache[glue];
  return require(glue);
}

module.exports = createApi(load);
