"""The Python side of bench/validate.sh: jsonschema with the same schemas,
each validator built once with format checking, and the same per-line work
as trackc and the ajv script."""
import json
import sys

import jsonschema

schemas_path, events_path = sys.argv[1:3]
with open(schemas_path) as f:
    schemas = json.load(f)


def build(s):
    cls = jsonschema.validators.validator_for(s)
    return cls(s, format_checker=cls.FORMAT_CHECKER)


events = {name: build(s) for name, s in schemas["events"].items()}
identify = build(schemas["identify"]) if schemas.get("identify") else None
groups = [build(s) for s in schemas["groups"].values()]
context = build(schemas["context"]) if schemas.get("context") else None

counts = {"valid": 0, "invalid": 0, "unknown": 0, "skipped": 0, "bad": 0}
with open(events_path, "rb") as f:
    for line in f:
        if not line.strip():
            continue
        try:
            m = json.loads(line)
        except ValueError:
            counts["bad"] += 1
            continue
        if not isinstance(m, dict):
            counts["bad"] += 1
            continue
        kind = m.get("type") or ("track" if "event" in m else None)
        if kind == "track":
            v = events.get(m.get("event"))
            if v is None:
                counts["unknown"] += 1
                continue
            validators, payload = [v], m.get("properties") or {}
        elif kind == "identify":
            validators, payload = ([identify] if identify else []), m.get("traits") or {}
        elif kind == "group":
            validators, payload = groups, m.get("traits") or {}
        elif kind in ("page", "screen", "alias"):
            counts["skipped"] += 1
            continue
        else:
            counts["bad"] += 1
            continue
        ok = (not validators or any(v.is_valid(payload) for v in validators)) and (
            context is None or context.is_valid(m.get("context") or {})
        )
        counts["valid" if ok else "invalid"] += 1
print(json.dumps(counts))
