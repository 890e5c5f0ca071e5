//! The validate report: built from a [`Tally`], printed as human text or
//! as one JSON document (documented in docs/validate.md; fields are added,
//! never renamed or removed).

use super::{LineRef, Tally, compile::Validators};
use crate::lint::util::did_you_mean;
use serde::Serialize;

#[derive(Serialize, Debug)]
pub struct Report {
    pub version: u32,
    pub inputs: Vec<String>,
    pub summary: Summary,
    /// Planned events (then identify and group calls) that were seen, in plan order.
    pub events: Vec<EventRow>,
    pub unknown_events: Vec<UnknownRow>,
    /// Most frequent first.
    pub violations: Vec<ViolationRow>,
    pub bad_lines: Vec<BadLine>,
}

#[derive(Serialize, Debug, Default)]
pub struct Summary {
    pub lines: u64,
    pub blank_lines: u64,
    /// Track, identify and group calls checked (known or unknown).
    pub events: u64,
    pub valid: u64,
    pub invalid: u64,
    pub unknown: u64,
    /// Page, screen and alias calls: the plan format has none, so they are counted and skipped.
    pub skipped: std::collections::BTreeMap<&'static str, u64>,
    /// Lines that are not JSON, not objects, not events, or too long.
    pub bad_lines: u64,
    /// Unknown events and violations past the distinct-entry cap, counted only.
    pub not_itemised: u64,
}

#[derive(Serialize, Debug)]
pub struct EventRow {
    pub name: String,
    /// `track`, `identify` or `group`.
    pub kind: &'static str,
    pub seen: u64,
    pub valid: u64,
    pub invalid: u64,
    pub deprecated: bool,
}

#[derive(Serialize, Debug, Clone)]
pub struct Location {
    pub file: String,
    pub line: u64,
    /// Which input (index into `inputs`), to order annotations by.
    #[serde(skip)]
    pub input: usize,
    /// Read from stdin (`-`): there is no file to point at.
    #[serde(skip)]
    pub stdin: bool,
}

#[derive(Serialize, Debug)]
pub struct UnknownRow {
    pub name: String,
    pub count: u64,
    pub did_you_mean: Option<String>,
    pub lines: Vec<Location>,
}

#[derive(Serialize, Debug)]
pub struct ViolationRow {
    pub event: String,
    /// `track`, `identify` or `group`.
    pub kind: &'static str,
    pub path: String,
    pub keyword: String,
    pub message: String,
    pub count: u64,
    pub lines: Vec<Location>,
}

#[derive(Serialize, Debug)]
pub struct BadLine {
    #[serde(flatten)]
    pub at: Location,
    pub reason: String,
}

impl Report {
    pub fn build(inputs: &[String], t: Tally, v: &Validators) -> Report {
        let names: Vec<String> = inputs
            .iter()
            .map(|s| {
                if s == "-" {
                    "<stdin>".into()
                } else {
                    s.clone()
                }
            })
            .collect();
        let loc = |l: &LineRef| Location {
            file: names.get(l.file as usize).cloned().unwrap_or_default(),
            line: l.line,
            input: l.file as usize,
            stdin: inputs.get(l.file as usize).is_some_and(|s| s == "-"),
        };
        let n = v.events.len();
        let slot_name = |slot: usize| -> (String, &'static str) {
            match slot {
                s if s < n => (v.events[s].name.clone(), "track"),
                s if s == n => ("identify".into(), "identify"),
                _ => ("group".into(), "group"),
            }
        };
        let mut summary = Summary {
            lines: t.lines,
            blank_lines: t.blank,
            skipped: t.skipped.clone(),
            bad_lines: t.bad_lines,
            not_itemised: t.unknown_overflow + t.violations_overflow,
            ..Default::default()
        };
        let mut events = Vec::new();
        for (slot, c) in t.counts.iter().enumerate() {
            if c.valid + c.invalid == 0 {
                continue;
            }
            summary.valid += c.valid;
            summary.invalid += c.invalid;
            let (name, kind) = slot_name(slot);
            events.push(EventRow {
                name,
                kind,
                seen: c.valid + c.invalid,
                valid: c.valid,
                invalid: c.invalid,
                deprecated: slot < n && v.events[slot].deprecated,
            });
        }
        summary.unknown = t.unknown.values().map(|f| f.count).sum::<u64>() + t.unknown_overflow;
        summary.events = summary.valid + summary.invalid + summary.unknown;
        let planned: Vec<&str> = v.events.iter().map(|e| e.name.as_str()).collect();
        let mut unknown_events: Vec<UnknownRow> = t
            .unknown
            .iter()
            .map(|(name, f)| UnknownRow {
                name: name.clone(),
                count: f.count,
                did_you_mean: nearest(name, &planned),
                lines: f.lines.iter().map(loc).collect(),
            })
            .collect();
        unknown_events.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        let mut violations: Vec<ViolationRow> = t
            .violations
            .iter()
            .map(|(k, f)| ViolationRow {
                event: slot_name(k.slot).0,
                kind: slot_name(k.slot).1,
                path: k.path.clone(),
                keyword: k.keyword.clone(),
                message: f.message.clone(),
                count: f.count,
                lines: f.lines.iter().map(loc).collect(),
            })
            .collect();
        violations.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| a.event.cmp(&b.event))
                .then_with(|| a.path.cmp(&b.path))
                .then_with(|| a.keyword.cmp(&b.keyword))
        });
        let bad_lines = t
            .bad_examples
            .iter()
            .map(|(l, reason)| BadLine {
                at: loc(l),
                reason: reason.clone(),
            })
            .collect();
        Report {
            version: 1,
            inputs: names,
            summary,
            events,
            unknown_events,
            violations,
            bad_lines,
        }
    }

    /// Did the data fail? Unknown events count unless `allow_unknown`.
    pub fn failed(&self, allow_unknown: bool) -> bool {
        self.summary.invalid > 0
            || self.summary.bad_lines > 0
            || (!allow_unknown && self.summary.unknown > 0)
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// `top` limits the violations listed (the JSON report has them all).
    pub fn to_human(&self, top: usize) -> String {
        let mut o = String::new();
        let s = &self.summary;
        o.push_str(&format!(
            "{} read from {}\n",
            count(s.lines, "line", "lines"),
            self.inputs.join(", ")
        ));
        o.push_str(&format!(
            "{}: {} valid, {} invalid, {} unknown\n",
            count(s.events, "event", "events"),
            thousands(s.valid),
            thousands(s.invalid),
            thousands(s.unknown)
        ));
        if !s.skipped.is_empty() {
            let parts: Vec<String> = s
                .skipped
                .iter()
                .map(|(k, n)| format!("{} {k}", thousands(*n)))
                .collect();
            o.push_str(&format!(
                "skipped (not in the plan format): {}\n",
                parts.join(", ")
            ));
        }
        if s.bad_lines > 0 {
            o.push_str(&if s.bad_lines == 1 {
                "1 line is not an event\n".to_string()
            } else {
                format!("{} lines are not events\n", thousands(s.bad_lines))
            });
        }
        if !self.events.is_empty() {
            let w = self
                .events
                .iter()
                .map(|e| e.name.chars().count())
                .max()
                .unwrap_or(0)
                .max(5);
            o.push_str(&format!(
                "\n{:<w$}  {:>10}  {:>10}  {:>10}\n",
                "event", "seen", "valid", "invalid"
            ));
            for e in &self.events {
                let name = shown_event(&e.name, e.kind);
                o.push_str(&format!(
                    "{:<w$}  {:>10}  {:>10}  {:>10}{}\n",
                    name,
                    thousands(e.seen),
                    thousands(e.valid),
                    thousands(e.invalid),
                    if e.deprecated { "  deprecated" } else { "" }
                ));
            }
        }
        if !self.unknown_events.is_empty() {
            o.push_str("\nunknown events (not in the plan)\n");
            for u in &self.unknown_events {
                o.push_str(&format!(
                    "  {:>10}  {}",
                    thousands(u.count),
                    crate::draft::emit::inline_str(&u.name)
                ));
                if let Some(h) = &u.did_you_mean {
                    o.push_str(&format!("  did you mean `{h}`?"));
                }
                o.push_str(&format!("  {}\n", lines_text(&u.lines, self.inputs.len())));
            }
        }
        if !self.violations.is_empty() {
            o.push_str("\nmost frequent violations\n");
            for v in self.violations.iter().take(top) {
                o.push_str(&format!(
                    "  {:>10}  {} > {}: {} [{}]  {}\n",
                    thousands(v.count),
                    shown_event(&v.event, v.kind),
                    v.path,
                    v.message,
                    v.keyword,
                    lines_text(&v.lines, self.inputs.len())
                ));
            }
            if self.violations.len() > top {
                o.push_str(&format!(
                    "  ... and {} more kinds (--format json lists them all)\n",
                    self.violations.len() - top
                ));
            }
        }
        if !self.bad_lines.is_empty() {
            o.push_str("\nlines that are not events\n");
            for b in &self.bad_lines {
                o.push_str(&format!("  {}:{}: {}\n", b.at.file, b.at.line, b.reason));
            }
            let more = s.bad_lines.saturating_sub(self.bad_lines.len() as u64);
            if more > 0 {
                o.push_str(&format!("  ... and {} more\n", thousands(more)));
            }
        }
        if s.not_itemised > 0 {
            o.push_str(&format!(
                "\n{} unknown events or violations past the first {} distinct kinds were counted, not listed\n",
                thousands(s.not_itemised),
                super::MAX_DISTINCT
            ));
        }
        o
    }
}

/// Identify and group calls are shown as `(identify)`, `(group)`.
pub(super) fn shown_event(name: &str, kind: &str) -> String {
    match kind {
        "track" => name.to_string(),
        k => format!("({k})"),
    }
}

/// The planned event closest to an unknown name: same name after folding
/// case and separators first, then a small edit distance.
fn nearest(name: &str, planned: &[&str]) -> Option<String> {
    let folded = crate::lint::util::fold(name);
    if let Some(p) = planned
        .iter()
        .find(|p| crate::lint::util::fold(p) == folded)
    {
        return Some(p.to_string());
    }
    did_you_mean(name, planned.iter().copied()).map(str::to_string)
}

fn lines_text(lines: &[Location], inputs: usize) -> String {
    if lines.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = lines
        .iter()
        .map(|l| {
            if inputs > 1 {
                format!("{}:{}", l.file, l.line)
            } else {
                l.line.to_string()
            }
        })
        .collect();
    format!("(line {})", parts.join(", "))
}

/// `1 line`, `2 lines`, `1,000 lines`.
pub fn count(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
