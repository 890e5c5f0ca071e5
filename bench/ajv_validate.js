// The ajv side of bench/validate.sh: the same schemas trackc compiles
// (exported by `cargo run --example export_schemas`), each compiled once,
// and the same per-line work: parse, pick the schema by message type and
// event name, validate the payload and the context.
"use strict";
const fs = require("fs");
const readline = require("readline");
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");

const [schemasPath, eventsPath] = process.argv.slice(2);
const schemas = JSON.parse(fs.readFileSync(schemasPath, "utf8"));
const ajv = new Ajv2020({ allErrors: false, strict: false });
addFormats(ajv);
const strip = (s) => { const c = { ...s }; delete c.$schema; return c; };
const events = new Map();
for (const [name, s] of Object.entries(schemas.events)) events.set(name, ajv.compile(strip(s)));
const identify = schemas.identify ? ajv.compile(strip(schemas.identify)) : null;
const groups = Object.values(schemas.groups).map((s) => ajv.compile(strip(s)));
const context = schemas.context ? ajv.compile(strip(schemas.context)) : null;

const counts = { valid: 0, invalid: 0, unknown: 0, skipped: 0, bad: 0 };
const rl = readline.createInterface({ input: fs.createReadStream(eventsPath), crlfDelay: Infinity });
rl.on("line", (line) => {
  if (line.trim() === "") return;
  let m;
  try { m = JSON.parse(line); } catch { counts.bad++; return; }
  if (m === null || typeof m !== "object" || Array.isArray(m)) { counts.bad++; return; }
  const type = m.type ?? (m.event !== undefined ? "track" : undefined);
  let validators;
  let payload;
  if (type === "track") {
    const v = events.get(m.event);
    if (!v) { counts.unknown++; return; }
    validators = [v]; payload = m.properties ?? {};
  } else if (type === "identify") {
    validators = identify ? [identify] : []; payload = m.traits ?? {};
  } else if (type === "group") {
    validators = groups; payload = m.traits ?? {};
  } else if (type === "page" || type === "screen" || type === "alias") {
    counts.skipped++; return;
  } else { counts.bad++; return; }
  const ok = (validators.length === 0 || validators.some((v) => v(payload)))
    && (!context || context(m.context ?? {}));
  if (ok) counts.valid++; else counts.invalid++;
});
rl.on("close", () => console.log(JSON.stringify(counts)));
