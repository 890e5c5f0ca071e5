// Preloaded into Typewriter (node --require) by bench/emitters.sh so the
// timings measure code generation, not Typewriter's usage telemetry: every
// run posts a "command run" event to api.segment.io and waits for it.
// Typewriter 7 (analytics-node 3) retries with backoff when the network is
// unreachable, as here: a 3-event plan took 2.3 s wall for 1.2 s of CPU, and
// one run 22 s. Events are dropped instead.
"use strict";
const path = require("path");
const from = { paths: [__dirname, path.join(__dirname, "node_modules", "typewriter7")] };

function tryRequire(name) {
  try {
    return require(require.resolve(name, from));
  } catch {
    return undefined;
  }
}

// Typewriter 8+: @segment/analytics-node.
const next = tryRequire("@segment/analytics-node");
if (next && next.Analytics) {
  const p = next.Analytics.prototype;
  for (const m of ["track", "identify", "page", "screen", "group", "alias"]) {
    p[m] = function (_message, callback) {
      if (typeof callback === "function") setImmediate(callback);
    };
  }
  p.flush = async function () {};
  p.closeAndFlush = async function () {};
}

// Typewriter 7: analytics-node 3.x.
const legacy = tryRequire("analytics-node");
if (typeof legacy === "function") {
  legacy.prototype.enqueue = function (_type, _message, callback) {
    if (typeof callback === "function") setImmediate(callback);
  };
  legacy.prototype.flush = function (callback) {
    if (typeof callback === "function") setImmediate(callback);
    return Promise.resolve();
  };
}
