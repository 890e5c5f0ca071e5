//! `validate --format github|sarif`: the report's findings as annotations
//! on the input files' lines, one per example line kept (`--max-examples`),
//! with the wording of the human report. Both formats render one list of
//! [`Problem`]s, so they say the same thing in the same order; the
//! workflow-command and SARIF plumbing is `render`'s, shared with `check`
//! and `diff`.

use super::report::{Location, Report, shown_event, thousands};
use crate::render::{github_command, github_escape_property, sarif};
use serde_json::{Value, json};

/// One annotation: a finding at one line, or at no line when none was kept.
pub struct Problem<'r> {
    /// Stable id, named after the JSON report's field: `violations/KEYWORD`
    /// (the violation's JSON Schema keyword), `unknown_events`, `bad_lines`,
    /// `not_itemised`.
    pub rule: String,
    /// `error` or `warning`: unknown events are warnings with
    /// `--allow-unknown` (they do not fail the run then), and so are the
    /// entries past the itemising cap; everything else fails the run.
    pub level: &'static str,
    pub at: Option<&'r Location>,
    pub message: String,
}

const UNKNOWN: &str = "unknown_events";
const BAD_LINES: &str = "bad_lines";
const NOT_ITEMISED: &str = "not_itemised";

/// `N events have this problem; the first K are annotated` on a line of
/// its own, when lines were left out. `what` is what is said of one and of
/// many (`event has this problem`, `events have this problem`).
fn more(count: u64, kept: usize, what: (&str, &str)) -> String {
    if count <= kept as u64 {
        return String::new();
    }
    let what = if count == 1 { what.0 } else { what.1 };
    let kept = match kept {
        0 => "no lines were kept (--max-examples 0)".to_string(),
        1 => "the first is annotated (--max-examples)".to_string(),
        k => format!("the first {k} are annotated (--max-examples)"),
    };
    format!("\n{} {what}; {kept}", thousands(count))
}

/// One problem per kept line of `lines`, or one with no line when none
/// was kept.
fn each_line<'r>(
    out: &mut Vec<Problem<'r>>,
    rule: &str,
    level: &'static str,
    lines: &'r [Location],
    message: String,
) {
    if lines.is_empty() {
        out.push(Problem {
            rule: rule.to_string(),
            level,
            at: None,
            message,
        });
        return;
    }
    for l in lines {
        out.push(Problem {
            rule: rule.to_string(),
            level,
            at: Some(l),
            message: message.clone(),
        });
    }
}

impl Report {
    /// Every finding as annotations: by input and line (violations before
    /// an unknown event or bad line at the same line, as in the report),
    /// then those with no line.
    pub fn problems(&self, allow_unknown: bool) -> Vec<Problem<'_>> {
        let mut out = Vec::new();
        for v in &self.violations {
            let message = format!(
                "{} > {}: {} [{}]{}",
                shown_event(&v.event, v.kind),
                v.path,
                v.message,
                v.keyword,
                more(
                    v.count,
                    v.lines.len(),
                    ("event has this problem", "events have this problem")
                )
            );
            let rule = format!("violations/{}", v.keyword);
            each_line(&mut out, &rule, "error", &v.lines, message);
        }
        let unknown_level = if allow_unknown { "warning" } else { "error" };
        for u in &self.unknown_events {
            let mut message = format!(
                "unknown event (not in the plan): {}",
                crate::draft::emit::inline_str(&u.name)
            );
            if let Some(h) = &u.did_you_mean {
                message.push_str(&format!("; did you mean `{h}`?"));
            }
            message.push_str(&more(
                u.count,
                u.lines.len(),
                ("event has this name", "events have this name"),
            ));
            each_line(&mut out, UNKNOWN, unknown_level, &u.lines, message);
        }
        for b in &self.bad_lines {
            out.push(Problem {
                rule: BAD_LINES.into(),
                level: "error",
                at: Some(&b.at),
                message: format!(
                    "{}{}",
                    b.reason,
                    more(
                        self.summary.bad_lines,
                        self.bad_lines.len(),
                        ("line is not an event", "lines are not events")
                    )
                ),
            });
        }
        if self.bad_lines.is_empty() && self.summary.bad_lines > 0 {
            out.push(Problem {
                rule: BAD_LINES.into(),
                level: "error",
                at: None,
                message: more(
                    self.summary.bad_lines,
                    0,
                    ("line is not an event", "lines are not events"),
                )
                .trim_start()
                .to_string(),
            });
        }
        if self.summary.not_itemised > 0 {
            out.push(Problem {
                rule: NOT_ITEMISED.into(),
                level: "warning",
                at: None,
                message: format!(
                    "{} unknown events or violations past the first {} distinct kinds were counted, not listed",
                    thousands(self.summary.not_itemised),
                    thousands(super::MAX_DISTINCT as u64)
                ),
            });
        }
        // Stable: keeps the report's order at one line.
        out.sort_by_key(|p| p.at.map_or((1, 0, 0), |l| (0, l.input, l.line)));
        out
    }

    /// `--format github`: one workflow command per problem. A line of a
    /// file gives `file=` and `line=`; a line of stdin has no file to point
    /// at, so the message ends with `(at <stdin>:LINE)` instead.
    pub fn to_github(&self, allow_unknown: bool) -> String {
        let mut out = String::new();
        for p in self.problems(allow_unknown) {
            let mut props = Vec::new();
            let mut message = p.message;
            match p.at {
                Some(l) if l.stdin => message.push_str(&format!("\n(at {}:{})", l.file, l.line)),
                Some(l) => {
                    props.push(format!("file={}", github_escape_property(&l.file)));
                    props.push(format!("line={}", l.line));
                }
                None => {}
            }
            let title = format!("trackc validate: {}", p.rule);
            out.push_str(&github_command(p.level, props, &title, &message));
        }
        out
    }

    /// `--format sarif`: one result per problem; `tool.driver.rules` lists
    /// the rule ids used. A line of stdin keeps its region, with an
    /// `artifactLocation` that has no `uri`, only a description.
    pub fn to_sarif(&self, allow_unknown: bool) -> String {
        let problems = self.problems(allow_unknown);
        let mut ids: Vec<(&str, &'static str)> = Vec::new();
        for p in &problems {
            if !ids.iter().any(|(id, _)| *id == p.rule) {
                ids.push((&p.rule, p.level));
            }
        }
        // Violations by keyword, then the rest in the report's order.
        let rank = |id: &str| match id {
            UNKNOWN => 1,
            BAD_LINES => 2,
            NOT_ITEMISED => 3,
            _ => 0,
        };
        ids.sort_by(|a, b| rank(a.0).cmp(&rank(b.0)).then_with(|| a.0.cmp(b.0)));
        let rules: Vec<Value> = ids
            .iter()
            .map(|(id, level)| sarif::rule(id, &rule_description(id), None, level))
            .collect();
        let results: Vec<Value> = problems
            .iter()
            .map(|p| {
                let mut result = json!({
                    "ruleId": p.rule,
                    "ruleIndex": ids.iter().position(|(id, _)| *id == p.rule),
                    "level": p.level,
                    "message": { "text": p.message },
                });
                if let Some(l) = p.at {
                    let artifact = if l.stdin {
                        json!({ "description": { "text": "standard input (`-`)" } })
                    } else {
                        sarif::artifact_location(&l.file)
                    };
                    result["locations"] = json!([{
                        "physicalLocation": {
                            "artifactLocation": artifact,
                            "region": { "startLine": l.line },
                        }
                    }]);
                }
                result
            })
            .collect();
        sarif::document(rules, results)
    }
}

fn rule_description(id: &str) -> String {
    match id {
        UNKNOWN => "A track call for an event the plan does not define (a warning with --allow-unknown).".into(),
        BAD_LINES => "A line that is not an event: not JSON, not an object, an unknown `type`, no `event`, or too long.".into(),
        NOT_ITEMISED => format!(
            "Unknown events or violations past the first {} distinct kinds, counted but not listed.",
            thousands(super::MAX_DISTINCT as u64)
        ),
        _ => format!(
            "A payload (event properties, context, identify or group traits) fails the `{}` keyword of the JSON Schema the plan gives it.",
            id.trim_start_matches("violations/")
        ),
    }
}
