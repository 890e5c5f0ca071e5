//! `trackc validate`: recorded events (JSON Lines) checked against the plan.
//!
//! Pipeline: a reader thread cuts the inputs into batches of whole lines
//! (bounded in bytes, so memory stays constant whatever the input size);
//! worker threads parse and validate batches with validators compiled once
//! ([`compile`]); the calling thread merges each batch's [`Tally`] strictly
//! in batch order. Merging in input order is what keeps the report
//! deterministic: example line numbers are always the first ones in the
//! input, and capped lists keep the same entries on every run.

pub mod annotate;
pub mod compile;
pub mod report;
pub mod schema;

use crate::jsonl::{LineMeta, Lines};
use crate::wire::{self, Kind, LineProblem};
use compile::Validators;
use indexmap::IndexMap;
use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::Value as Json;
use std::collections::BTreeMap;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

pub use compile::compile_validators;
pub use report::Report;

/// Distinct unknown event names, and distinct violation kinds, kept with
/// their own counts; beyond this they are only counted (hostile input with
/// a new event name on every line must not grow memory without bound).
pub const MAX_DISTINCT: usize = 10_000;

/// A batch is cut after this many bytes of lines (or [`BATCH_LINES`] lines).
const BATCH_BYTES: usize = 1 << 20;
const BATCH_LINES: usize = 8192;

pub struct Options {
    pub max_examples: usize,
    /// Threads that validate; 1 validates on the calling thread.
    pub jobs: usize,
    pub progress: Option<indicatif::ProgressBar>,
}

/// A line in one of the inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineRef {
    pub file: u32,
    pub line: u64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub valid: u64,
    pub invalid: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ViolationKey {
    /// The slot of the event (see [`Tally::counts`]).
    pub slot: usize,
    /// `amount_cents`, `viewer.device`, `tags[]`, `context.app_version`.
    pub path: String,
    pub keyword: String,
}

#[derive(Clone, Debug, Default)]
pub struct Found {
    pub count: u64,
    /// From the first occurrence in the input.
    pub message: String,
    pub lines: Vec<LineRef>,
}

/// What a run (or one batch) found. Slots: planned events in plan order,
/// then identify, then group.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    pub lines: u64,
    pub blank: u64,
    pub counts: Vec<Counts>,
    pub skipped: BTreeMap<&'static str, u64>,
    pub unknown: IndexMap<String, Found>,
    pub unknown_overflow: u64,
    pub violations: IndexMap<ViolationKey, Found>,
    pub violations_overflow: u64,
    pub bad_lines: u64,
    pub bad_examples: Vec<(LineRef, String)>,
}

impl Tally {
    fn new(slots: usize) -> Tally {
        Tally {
            counts: vec![Counts::default(); slots],
            ..Default::default()
        }
    }

    /// Adds a later batch's tally; `later` must cover lines after `self`'s.
    pub fn merge(&mut self, later: Tally, max_examples: usize) {
        self.lines += later.lines;
        self.blank += later.blank;
        for (a, b) in self.counts.iter_mut().zip(&later.counts) {
            a.valid += b.valid;
            a.invalid += b.invalid;
        }
        for (k, n) in later.skipped {
            *self.skipped.entry(k).or_default() += n;
        }
        self.unknown_overflow += later.unknown_overflow;
        merge_found(
            &mut self.unknown,
            later.unknown,
            max_examples,
            &mut self.unknown_overflow,
        );
        self.violations_overflow += later.violations_overflow;
        merge_found(
            &mut self.violations,
            later.violations,
            max_examples,
            &mut self.violations_overflow,
        );
        self.bad_lines += later.bad_lines;
        for b in later.bad_examples {
            if self.bad_examples.len() < max_examples {
                self.bad_examples.push(b);
            }
        }
    }
}

fn merge_found<K: std::hash::Hash + Eq>(
    into: &mut IndexMap<K, Found>,
    from: IndexMap<K, Found>,
    max_examples: usize,
    overflow: &mut u64,
) {
    for (k, f) in from {
        if let Some(have) = into.get_mut(&k) {
            have.count += f.count;
            for l in f.lines {
                if have.lines.len() < max_examples {
                    have.lines.push(l);
                }
            }
        } else if into.len() < MAX_DISTINCT {
            into.insert(k, f);
        } else {
            *overflow += f.count;
        }
    }
}

/// Validates every input in order and returns the merged tally.
pub fn run(inputs: &[String], v: &Validators, opts: &Options) -> Result<Tally, String> {
    let slots = v.events.len() + 2;
    let checker = Checker {
        v,
        max_examples: opts.max_examples,
        empty: Json::Object(Default::default()),
    };
    let mut total = Tally::new(slots);
    if opts.jobs <= 1 {
        read_batches(inputs, opts, |batch| {
            total.merge(checker.batch(&batch, slots), opts.max_examples);
            true
        })?;
        return Ok(total);
    }
    let (batch_tx, batch_rx) = mpsc::sync_channel::<Batch>(opts.jobs * 2);
    let (result_tx, result_rx) = mpsc::channel::<(u64, Tally)>();
    let batch_rx = Arc::new(Mutex::new(batch_rx));
    std::thread::scope(|s| {
        let reader = s.spawn(move || read_batches(inputs, opts, |b| batch_tx.send(b).is_ok()));
        for _ in 0..opts.jobs {
            let rx = Arc::clone(&batch_rx);
            let tx = result_tx.clone();
            let checker = &checker;
            s.spawn(move || {
                loop {
                    let next = match rx.lock() {
                        Ok(guard) => guard.recv(),
                        Err(_) => return,
                    };
                    let Ok(batch) = next else { return };
                    let t = checker.batch(&batch, slots);
                    if tx.send((batch.index, t)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(result_tx);
        let mut pending = BTreeMap::new();
        let mut next = 0u64;
        for (index, t) in result_rx {
            pending.insert(index, t);
            while let Some(t) = pending.remove(&next) {
                total.merge(t, opts.max_examples);
                next += 1;
            }
        }
        match reader.join() {
            Ok(r) => r,
            Err(_) => Err("the reader thread panicked".into()),
        }
    })?;
    Ok(total)
}

struct Batch {
    index: u64,
    file: u32,
    buf: Vec<u8>,
    lines: Vec<(LineMeta, usize, usize)>,
}

/// Cuts the inputs into batches and hands each to `sink` (which returns
/// false to stop early).
fn read_batches(
    inputs: &[String],
    opts: &Options,
    mut sink: impl FnMut(Batch) -> bool,
) -> Result<(), String> {
    let mut index = 0u64;
    for (file, spec) in inputs.iter().enumerate() {
        let input = crate::jsonl::open(spec, opts.progress.clone())?;
        let mut lines = Lines::new(input.reader);
        let new_batch = |index: u64| Batch {
            index,
            file: file as u32,
            buf: Vec::with_capacity(BATCH_BYTES + 4096),
            lines: Vec::new(),
        };
        let mut batch = new_batch(index);
        loop {
            let start = batch.buf.len();
            let meta = lines
                .next_into(&mut batch.buf)
                .map_err(|e| format!("{}: {e}", input.name))?;
            let Some(meta) = meta else { break };
            batch.lines.push((meta, start, batch.buf.len()));
            if batch.buf.len() >= BATCH_BYTES || batch.lines.len() >= BATCH_LINES {
                index += 1;
                let full = std::mem::replace(&mut batch, new_batch(index));
                if !sink(full) {
                    return Ok(());
                }
            }
        }
        if !batch.lines.is_empty() {
            index += 1;
            if !sink(batch) {
                return Ok(());
            }
        }
    }
    Ok(())
}

struct Checker<'v> {
    v: &'v Validators,
    max_examples: usize,
    empty: Json,
}

impl Checker<'_> {
    fn batch(&self, b: &Batch, slots: usize) -> Tally {
        let mut t = Tally::new(slots);
        for &(meta, start, end) in &b.lines {
            let at = LineRef {
                file: b.file,
                line: meta.number,
            };
            t.lines += 1;
            if meta.too_long {
                self.bad(&mut t, at, LineProblem::TooLong(meta.len));
                continue;
            }
            self.line(&mut t, at, &b.buf[start..end]);
        }
        t
    }

    fn bad(&self, t: &mut Tally, at: LineRef, p: LineProblem) {
        t.bad_lines += 1;
        if t.bad_examples.len() < self.max_examples {
            t.bad_examples.push((at, p.describe()));
        }
    }

    fn line(&self, t: &mut Tally, at: LineRef, line: &[u8]) {
        let msg = match wire::parse(line) {
            Ok(m) => m,
            Err(LineProblem::Blank) => {
                t.blank += 1;
                return;
            }
            Err(p) => return self.bad(t, at, p),
        };
        let n = self.v.events.len();
        let (slot, validators): (usize, &[Validator]) = match msg.kind {
            Kind::Page | Kind::Screen | Kind::Alias => {
                *t.skipped.entry(msg.kind.as_str()).or_default() += 1;
                return;
            }
            Kind::Track => {
                let name = msg.event.as_deref().unwrap_or_default();
                match self.v.by_name.get(name) {
                    Some(&i) => (i, std::slice::from_ref(&self.v.events[i].validator)),
                    None => {
                        self.unknown(t, name, at);
                        return;
                    }
                }
            }
            Kind::Identify => (n, self.v.identify.as_slice()),
            Kind::Group => (n + 1, self.v.groups.as_slice()),
        };
        let payload = match &msg.payload {
            Some(Json::Null) | None => &self.empty,
            Some(p) => p,
        };
        let context = match &msg.context {
            Some(Json::Null) | None => &self.empty,
            Some(c) => c,
        };
        let payload_ok = validators.is_empty() || validators.iter().any(|v| v.is_valid(payload));
        // Context properties accompany track calls (as the emitters send
        // them); identify and group calls are not held to them.
        let context_validator = self.v.context.as_ref().filter(|_| msg.kind == Kind::Track);
        let context_ok = context_validator.is_none_or(|v| v.is_valid(context));
        if payload_ok && context_ok {
            t.counts[slot].valid += 1;
            return;
        }
        t.counts[slot].invalid += 1;
        // With several groups, the first one's complaints are shown.
        if !payload_ok && let Some(first) = validators.first() {
            for e in first.iter_errors(payload) {
                self.violation(t, slot, "", &e, at);
            }
        }
        if !context_ok && let Some(v) = context_validator {
            for e in v.iter_errors(context) {
                self.violation(t, slot, "context", &e, at);
            }
        }
    }

    fn unknown(&self, t: &mut Tally, name: &str, at: LineRef) {
        if let Some(f) = t.unknown.get_mut(name) {
            f.count += 1;
            if f.lines.len() < self.max_examples {
                f.lines.push(at);
            }
        } else if t.unknown.len() < MAX_DISTINCT {
            let lines = if self.max_examples > 0 {
                vec![at]
            } else {
                Vec::new()
            };
            t.unknown.insert(
                name.to_string(),
                Found {
                    count: 1,
                    message: String::new(),
                    lines,
                },
            );
        } else {
            t.unknown_overflow += 1;
        }
    }

    fn violation(
        &self,
        t: &mut Tally,
        slot: usize,
        prefix: &str,
        e: &ValidationError<'_>,
        at: LineRef,
    ) {
        for (path, keyword, message) in describe(prefix, e) {
            let key = ViolationKey {
                slot,
                path,
                keyword,
            };
            if let Some(f) = t.violations.get_mut(&key) {
                f.count += 1;
                if f.lines.len() < self.max_examples {
                    f.lines.push(at);
                }
            } else if t.violations.len() < MAX_DISTINCT {
                let lines = if self.max_examples > 0 {
                    vec![at]
                } else {
                    Vec::new()
                };
                t.violations.insert(
                    key,
                    Found {
                        count: 1,
                        message,
                        lines,
                    },
                );
            } else {
                t.violations_overflow += 1;
            }
        }
    }
}

/// A JSON pointer as a property path: `/viewer/device` -> `viewer.device`,
/// array indexes folded to `[]` so that `tags/3` and `tags/7` count together.
fn property_path(prefix: &str, pointer: &str) -> String {
    let mut out = prefix.to_string();
    for seg in pointer.split('/').skip(1) {
        if !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str("[]");
            continue;
        }
        if !out.is_empty() {
            out.push('.');
        }
        out.push_str(&seg.replace("~1", "/").replace("~0", "~"));
    }
    out
}

/// Path, keyword and a short message for one error. Messages never quote
/// the offending value: it may be personal data, or 10 MB long.
fn describe(prefix: &str, e: &ValidationError<'_>) -> Vec<(String, String, String)> {
    let at = property_path(prefix, e.instance_path().as_str());
    let child = |name: &str| {
        if at.is_empty() {
            name.to_string()
        } else {
            format!("{at}.{name}")
        }
    };
    let kind = e.kind();
    let keyword = kind.keyword().to_string();
    let message = match kind {
        ValidationErrorKind::Required { property } => {
            let name = property
                .as_str()
                .map_or_else(|| property.to_string(), str::to_string);
            return vec![(child(&name), keyword, "required property is missing".into())];
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            return unexpected
                .iter()
                .map(|p| {
                    (
                        child(p),
                        keyword.clone(),
                        "property is not in the plan".into(),
                    )
                })
                .collect();
        }
        ValidationErrorKind::Type { kind } => {
            let expected: Vec<String> = match kind {
                TypeKind::Single(t) => vec![t.to_string()],
                TypeKind::Multiple(set) => set.into_iter().map(|t| t.to_string()).collect(),
            };
            format!(
                "expected {}, found {}",
                expected.join(" or "),
                wire::json_kind(e.instance())
            )
        }
        ValidationErrorKind::Enum { options } => {
            format!("not one of {}", wire::truncate(&options.to_string(), 200))
        }
        ValidationErrorKind::Constant { expected_value } => {
            format!(
                "must be {}",
                wire::truncate(&expected_value.to_string(), 200)
            )
        }
        ValidationErrorKind::Pattern { pattern } => format!("does not match `{pattern}`"),
        ValidationErrorKind::Format { format } => format!("not a valid {format}"),
        ValidationErrorKind::Minimum { limit } => format!("less than the minimum {limit}"),
        ValidationErrorKind::Maximum { limit } => format!("greater than the maximum {limit}"),
        ValidationErrorKind::MinLength { limit } => format!("shorter than {limit} characters"),
        ValidationErrorKind::MaxLength { limit } => format!("longer than {limit} characters"),
        ValidationErrorKind::MinItems { limit } => format!("fewer than {limit} items"),
        ValidationErrorKind::MaxItems { limit } => format!("more than {limit} items"),
        ValidationErrorKind::UniqueItems => "items are not unique".into(),
        _ => wire::truncate(&e.to_string(), 200),
    };
    let at = if at.is_empty() {
        "(payload)".to_string()
    } else {
        at
    };
    vec![(at, keyword, message)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_become_property_paths() {
        assert_eq!(property_path("", "/viewer/device"), "viewer.device");
        assert_eq!(property_path("", "/tags/3"), "tags[]");
        assert_eq!(
            property_path("context", "/app_version"),
            "context.app_version"
        );
        assert_eq!(property_path("", "/a~1b"), "a/b");
        assert_eq!(property_path("", ""), "");
    }
}
