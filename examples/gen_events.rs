//! Deterministic generator of recorded events from a plan, for the
//! validate benchmark and tests: `cargo run --release --example gen_events
//! -- [PLAN] [COUNT] [SEED] > events.jsonl`.
//!
//! About 88% of lines are valid track, identify and group calls; the rest
//! are invalid in one known way each (wrong type, missing required property,
//! value outside an enum, a bound or a pattern, unplanned property, unknown
//! event name), plus page calls (skipped) and a few lines that are not JSON.

use serde_json::{Map, Value as Json, json};
use std::io::Write;
use trackc::model::{Format, Plan, Property, Type};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*: small, fast, and the same on every platform.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn hex(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| char::from(b"0123456789abcdef"[self.below(16) as usize]))
            .collect()
    }
}

fn value(p: &Property, r: &mut Rng) -> Json {
    if p.nullable && r.chance(10) {
        return Json::Null;
    }
    if let Some(values) = p.enum_json() {
        return values[r.below(values.len() as u64) as usize].clone();
    }
    if let Some(c) = &p.const_value {
        return c.value.clone();
    }
    if !p.examples.is_empty() && (p.pattern.is_some() || r.chance(30)) {
        return p.examples[r.below(p.examples.len() as u64) as usize]
            .value
            .clone();
    }
    let lo = p.minimum.as_ref().map_or(0.0, |m| m.value);
    let hi = p.maximum.as_ref().map_or(lo + 1000.0, |m| m.value);
    match p.ty.value {
        Type::String => match p.format.as_ref().map(|f| f.value) {
            Some(Format::Uuid) => json!(format!(
                "{}-{}-4{}-a{}-{}",
                r.hex(8),
                r.hex(4),
                r.hex(3),
                r.hex(3),
                r.hex(12)
            )),
            Some(Format::Email) => json!(format!("user{}@example.com", r.below(100_000))),
            Some(Format::Uri) => json!(format!("https://example.com/page/{}", r.below(1000))),
            Some(Format::DateTime) => json!(format!(
                "2024-05-{:02}T12:{:02}:00Z",
                1 + r.below(28),
                r.below(60)
            )),
            Some(Format::Date) => json!(format!("2024-06-{:02}", 1 + r.below(28))),
            Some(Format::Ipv4) => json!(format!("10.0.{}.{}", r.below(256), r.below(256))),
            Some(Format::Ipv6) => json!("2001:db8::1"),
            Some(Format::Hostname) => json!("app.example.com"),
            None => {
                let max = p.max_length.as_ref().map_or(24, |m| m.value.min(24)) as usize;
                let words = [
                    "Acme Ltd",
                    "Blue Fern",
                    "north",
                    "design",
                    "Quarterly retainer",
                    "x",
                ];
                let w = words[r.below(words.len() as u64) as usize];
                json!(w.chars().take(max.max(1)).collect::<String>())
            }
        },
        Type::Integer => json!(lo as i64 + r.below((hi - lo) as u64 + 1) as i64),
        Type::Number => {
            json!(((lo + (hi - lo) * (r.below(1000) as f64 / 1000.0)) * 100.0).round() / 100.0)
        }
        Type::Boolean => json!(r.chance(50)),
        Type::Datetime => json!(format!(
            "2024-05-{:02}T{:02}:{:02}:00Z",
            1 + r.below(28),
            r.below(24),
            r.below(60)
        )),
        Type::Date => json!(format!("2024-06-{:02}", 1 + r.below(28))),
        Type::Array => {
            let min = p.min_items.as_ref().map_or(0, |m| m.value);
            let max = p.max_items.as_ref().map_or(3, |m| m.value.min(3)).max(min);
            let n = min + r.below(max - min + 1);
            let mut items = Vec::new();
            for i in 0..n {
                let v = match &p.items {
                    Some(item) => value(item, r),
                    None => json!(i),
                };
                let v = match (&v, p.unique_items) {
                    (Json::String(s), true) => {
                        json!(format!("{}{i}", s.chars().take(30).collect::<String>()))
                    }
                    _ => v,
                };
                items.push(v);
            }
            Json::Array(items)
        }
        Type::Object => Json::Object(object(&p.properties, r)),
        Type::Any => json!("anything"),
    }
}

fn object(props: &[Property], r: &mut Rng) -> Map<String, Json> {
    let mut m = Map::new();
    for p in props {
        if p.required || r.chance(70) {
            m.insert(p.name.value.clone(), value(p, r));
        }
    }
    m
}

/// Breaks a valid payload in one way; returns false when it could not.
fn break_payload(props: &[Property], payload: &mut Map<String, Json>, r: &mut Rng) -> bool {
    if props.is_empty() {
        payload.insert("unplanned".into(), json!(1));
        return true;
    }
    let p = &props[r.below(props.len() as u64) as usize];
    let name = p.name.value.clone();
    match r.below(5) {
        0 => {
            let wrong = if p.ty.value.is_stringy() {
                json!(42)
            } else {
                json!("42")
            };
            payload.insert(name, wrong);
        }
        1 if p.required => {
            payload.remove(&name);
        }
        2 if p.enum_values.is_some() => {
            payload.insert(name, json!("not-in-enum"));
        }
        3 if p.minimum.is_some() => {
            payload.insert(
                name,
                json!(p.minimum.as_ref().map_or(0.0, |m| m.value) as i64 - 1),
            );
        }
        3 if p.pattern.is_some() || p.format.is_some() => {
            payload.insert(name, json!("does not match"));
        }
        _ => {
            payload.insert("unplanned_property".into(), json!(true));
        }
    }
    true
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let plan_path = args.first().map_or("plans/invoicely", String::as_str);
    let count: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(42);
    let loaded = match trackc::load::load(std::path::Path::new(plan_path)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    let plan: Plan = loaded.plan;
    let mut r = Rng(seed.max(1) ^ 0x9E37_79B9_7F4A_7C15);
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, out.lock());
    let empty = Vec::new();
    let identify = plan.identify.as_ref().map_or(&empty, |t| &t.properties);
    let group = plan.groups.first().map_or(&empty, |g| &g.properties);
    let context = plan.context.as_ref().map_or(&empty, |t| &t.properties);
    for i in 0..count {
        let roll = r.below(1000);
        if roll < 2 {
            let _ = writeln!(out, "{{\"type\": \"track\", \"event\": \"Broken Line\", ");
            continue;
        }
        let mut msg = Map::new();
        let (kind, props): (&str, &Vec<Property>) = if roll < 30 {
            ("page", &empty)
        } else if roll < 80 {
            ("identify", identify)
        } else if roll < 100 {
            ("group", group)
        } else {
            let e = &plan.events[r.below(plan.events.len() as u64) as usize];
            let name = if r.chance(2) {
                format!("{}s", e.name.value)
            } else {
                e.name.value.clone()
            };
            msg.insert("event".into(), json!(name));
            ("track", &e.properties)
        };
        msg.insert("type".into(), json!(kind));
        let mut payload = object(props, &mut r);
        if kind != "page" && r.chance(10) {
            break_payload(props, &mut payload, &mut r);
        }
        let field = if matches!(kind, "identify" | "group") {
            "traits"
        } else {
            "properties"
        };
        msg.insert(field.into(), Json::Object(payload));
        if kind == "group" {
            msg.insert("groupId".into(), json!(format!("grp_{}", r.hex(8))));
        }
        let mut ctx = object(context, &mut r);
        ctx.insert(
            "library".into(),
            json!({"name": "analytics.js", "version": "5.2.0"}),
        );
        msg.insert("context".into(), Json::Object(ctx));
        msg.insert("userId".into(), json!(format!("usr_{}", r.hex(10))));
        msg.insert(
            "anonymousId".into(),
            json!(format!("{}-{}", r.hex(8), r.hex(4))),
        );
        msg.insert("messageId".into(), json!(format!("msg_{i}")));
        msg.insert(
            "timestamp".into(),
            json!(format!(
                "2024-05-{:02}T10:{:02}:00.000Z",
                1 + r.below(28),
                r.below(60)
            )),
        );
        let _ = serde_json::to_writer(&mut out, &Json::Object(msg));
        let _ = out.write_all(b"\n");
    }
    let _ = out.flush();
}
