// The JavaScript face of dhr (spec section 6) over its WebAssembly module.
//
// One source for every entry point: the browser imports it as an ES module,
// Node's require() gets core.cjs, which dhr-wasm/build makes from this file
// by turning its one export into module.exports. So: no imports here, and
// exactly one `export`.
//
// `load()` returns the exports of a fresh instance of the module, or null
// when the entry has no module yet (the browser entry before `init`): then
// every call throws DhrError `not_initialised`. Every call
// sends JSON text and gets back an envelope, {"ok": answer} or {"error":
// {code, message, path, event_index?}}. The module keeps no state between
// calls (a Review is its 6.3 document, held here), so when a call traps (a
// bug: panics abort, and nothing in dhr-core panics on input) the instance is
// dropped and the next call gets a new one; nothing is lost.

//
// `start(options, DhrError)` is the entry's `init`: the browser's fetches and
// compiles the module; Node's resolves at once (it reads the module's file
// on first use).
export function createApi(load, start) {
  /** An error of dhr: a real Error with a stable `code` and a `path`. */
  class DhrError extends Error {
    constructor(code, path, detail, eventIndex, options, plain) {
      super(`${code} at ${path === "" ? "(document)" : path}: ${detail}`, options);
      this.name = "DhrError";
      /** One of dhr_core::ErrorCode's strings, or "internal_error". */
      this.code = code;
      /** Where the bad value is: `deceased.age`, `events[3].by`, "" for the document. */
      this.path = path;
      /** The message without the code and path. */
      this.detail = detail;
      /** The message for a person to read: no field paths, no snake_case. */
      this.plain = plain ?? detail;
      if (eventIndex !== undefined && eventIndex !== null) {
        /** For an event a review refused, its index in the log. */
        this.eventIndex = eventIndex;
      }
    }
  }

  let raw = null;

  function call(name, ...texts) {
    if (raw === null) {
      let fresh;
      try {
        fresh = load();
      } catch (cause) {
        throw new DhrError(
          "internal_error",
          "",
          "the WebAssembly module could not be instantiated (a bug in dhr, please report it)",
          undefined,
          { cause },
        );
      }
      if (fresh === null) {
        throw new DhrError(
          "not_initialised",
          "",
          'the WebAssembly module is not loaded yet: call `await init()` (from "dhr-wasm") once before ' +
            'any other function, or import "dhr-wasm/auto", which waits for it',
          undefined,
          undefined,
          "The checking rules have not been loaded yet.",
        );
      }
      raw = fresh;
    }
    let out;
    try {
      out = raw[name](...texts);
    } catch (cause) {
      // A trap (RuntimeError: unreachable, after a Rust panic or abort) or
      // a stack overflow: the instance's memory may be inconsistent. Drop it;
      // the next call instantiates the module again.
      raw = null;
      throw new DhrError(
        "internal_error",
        "",
        "the WebAssembly module stopped on an internal error (a bug in dhr, please report it); it has been reset and can be used again",
        undefined,
        { cause },
      );
    }
    const envelope = JSON.parse(out);
    if (envelope.error !== undefined) {
      const e = envelope.error;
      throw new DhrError(e.code, e.path, e.message, e.event_index, undefined, e.plain);
    }
    return envelope.ok;
  }

  // JSON text of a value given by the caller: a string is taken as JSON text
  // as it is; anything else is written with JSON.stringify, refusing what
  // JSON cannot hold (NaN, Infinity, BigInt, functions, cycles) with the path
  // of the offending value, instead of letting it become null or vanish.
  function jsonText(value, base) {
    if (typeof value === "string") return value;
    return jsonOf(value, base);
  }

  function jsonOf(value, base) {
    const paths = new WeakMap();
    let text;
    try {
      text = JSON.stringify(value, function (key, v) {
        const parent = paths.get(this);
        let path;
        if (parent === undefined) path = base;
        else if (Array.isArray(this)) path = `${parent}[${key}]`;
        else path = parent === "" ? key : `${parent}.${key}`;
        if (typeof v === "number" && !Number.isFinite(v)) {
          throw new DhrError("invalid_value", path, "expected a finite number");
        }
        if (typeof v === "bigint" || typeof v === "function" || typeof v === "symbol") {
          throw new DhrError("invalid_value", path, `a ${typeof v} cannot be written as JSON`);
        }
        if (v !== null && typeof v === "object") paths.set(v, path);
        return v;
      });
    } catch (err) {
      if (err instanceof DhrError) throw err;
      throw new DhrError(
        "invalid_value",
        base,
        "the value cannot be written as JSON (it may refer to itself)",
        undefined,
        { cause: err },
      );
    }
    return text === undefined ? "null" : text;
  }

  // The args of assess and assessMany: `{}` without options (what
  // jsonOf({ options: undefined }) writes), without the walk.
  function assessArgs(options) {
    return options === undefined ? "{}" : jsonOf({ options }, "");
  }

  /** Assess a death (a 6.1 object, or its JSON text): the 6.2 answer. */
  function assess(death, options) {
    return call("assess", jsonText(death, ""), assessArgs(options));
  }

  /**
   * As assess, for a person to read: plain reasons, `questions` beside
   * `missing`, and `warnings` for dates after `today` (a "YYYY-MM-DD" the
   * caller gives: the module never reads the clock).
   */
  function assessPlain(death, options, today) {
    return call("assess_plain", jsonText(death, ""), jsonOf({ options, today }, ""));
  }

  /** The review (6.3) a referral starts: the death and its notification; `rules` a built-in id or a rule set. */
  function referralReview(death, rules) {
    return call("referral_review", jsonText(death, ""), jsonOf({ rules }, ""));
  }

  /** The built-in rule sets' ids, and the default one: {ids, default}. */
  function ruleSets() {
    return call("rule_sets");
  }

  /** A "YYYY-MM-DD" date in en-GB words ("29 February 2024"). */
  function plainDate(date) {
    return call("plain_date", jsonOf({ date }, ""));
  }

  /** Assess many deaths (an array, or its JSON text): one answer each, in order. */
  function assessMany(deaths, options) {
    return call("assess_many", jsonText(deaths, ""), assessArgs(options));
  }

  /** The status of a review (a Review, a 6.3 object or its JSON text) as of a "YYYY-MM-DD" date: the 6.4 answer. */
  function status(review, asOf, options) {
    const text = review instanceof Review ? JSON.stringify(review.toJSON()) : jsonText(review, "");
    return call("status", text, jsonOf({ asOf, options }, ""));
  }

  /** As status, with each deadline's explanation for a person to read. */
  function statusPlain(review, asOf, options) {
    const text = review instanceof Review ? JSON.stringify(review.toJSON()) : jsonText(review, "");
    return call("status_plain", text, jsonOf({ asOf, options }, ""));
  }

  /**
   * A review: its 6.3 document, grown one event at a time. Every event is
   * checked by dhr-core; a refused event throws and leaves the review as it
   * was.
   */
  class Review {
    #doc;

    /**
     * `review`: a 6.3 document (object or JSON text) or another Review. In
     * an object, `schema_version` defaults to 1 and `events` to [] , so
     * `new Review({ rules: "guidance_2016" })` starts an empty log.
     */
    constructor(review) {
      let text;
      if (review instanceof Review) text = JSON.stringify(review.toJSON());
      else if (review !== null && typeof review === "object" && !Array.isArray(review)) {
        text = jsonOf({ schema_version: 1, events: [], ...review }, "");
      } else text = jsonText(review, "");
      this.#doc = call("review_load", text);
    }

    /** A review from its JSON text (the 6.3 document). */
    static fromJSON(text) {
      return new Review(text);
    }

    /** Append one event (an object); throws DhrError (path `events[N]...`) if refused. */
    apply(event) {
      const index = this.#doc.events.length;
      this.#doc = call(
        "review_apply",
        JSON.stringify(this.#doc),
        jsonText(event, `events[${index}]`),
      );
      return this;
    }

    /** The events so far (a copy). */
    get events() {
      return structuredClone(this.#doc.events);
    }

    /** The caller's reference, or null. */
    get reference() {
      return this.#doc.reference ?? null;
    }

    /** The 6.3 document (a copy); JSON.stringify(review) writes it. */
    toJSON() {
      return structuredClone(this.#doc);
    }

    /** The status as of a "YYYY-MM-DD" date (6.4). */
    status(asOf, options) {
      return status(this, asOf, options);
    }
  }

  /** `months` calendar months after `start` (corresponding date rule): {date, clamped}. */
  function addMonths(start, months, policy) {
    return call("add_months", jsonOf({ start, months, policy }, ""));
  }

  /** The `days`-th working day after `start` (start excluded). */
  function addWorkingDays(start, days, region) {
    return call("add_working_days", jsonOf({ start, days, region }, ""));
  }

  /** Whether `date` is a working day (not a weekend or bank holiday). */
  function isWorkingDay(date, region) {
    return call("is_working_day", jsonOf({ date, region }, ""));
  }

  /** A built-in rule set (its JSON file: every rule's title, period, citation and marks). */
  function ruleSet(id) {
    return call("rule_set", jsonOf({ id }, ""));
  }

  /** The sentence for each outcome and regime of an answer: {outcomes, regimes}. */
  function headlines() {
    return call("headlines");
  }

  /** The meaning of each confidence mark (S, G, L, U, P), for a legend. */
  function marks() {
    return call("marks");
  }

  /** Load the module (the browser entry); resolves when every other function can be called. */
  function init(options) {
    return start(options, DhrError);
  }

  const api = {
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
  };
  // For dhr's own tests of the recovery after a trap: not an export, not in
  // the types, not enumerable (Object.keys(api) is the public surface).
  Object.defineProperty(api, Symbol.for("dhr-wasm.testing"), {
    value: { trap: () => call("__dhr_trap") },
  });
  return api;
}
