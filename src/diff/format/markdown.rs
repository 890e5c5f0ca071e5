//! `--format markdown`: a changelog for a pull-request comment. Breaking
//! changes first, grouped by event, with the owners who must review; the
//! non-breaking changes folded away in a `<details>` block.

use super::{error_notes, plural};
use crate::diff::{Change, Report, Revision};

pub fn render(report: &Report) -> String {
    let mut out = format!("## Tracking plan changes against `{}`\n\n", report.against);
    if report.changes.is_empty() {
        out.push_str("No changes to the tracking plan.\n");
        return out;
    }
    let breaking = report.breaking();
    out.push_str(&if breaking > 0 {
        format!(
            "**{}** and {}.\n\n",
            plural(breaking, "breaking change", "breaking changes"),
            plural(
                report.non_breaking(),
                "non-breaking change",
                "non-breaking changes"
            )
        )
    } else {
        format!(
            "No breaking changes; {}.\n\n",
            plural(
                report.non_breaking(),
                "non-breaking change",
                "non-breaking changes"
            )
        )
    });
    let reviewers = report.reviewers();
    if !reviewers.is_empty() {
        let names: Vec<String> = reviewers.iter().map(|k| owner_label(report, k)).collect();
        out.push_str(&format!("**Review needed from:** {}\n\n", names.join(", ")));
    }
    for w in &report.warnings {
        out.push_str(&format!("> [!WARNING]\n> {}", w.message));
        if let Some(h) = &w.help {
            out.push_str(&format!(": {h}"));
        }
        out.push_str(&format!(" (`{}`)\n\n", w.rule));
    }
    for n in error_notes(report) {
        out.push_str(&format!("> [!NOTE]\n> {n}\n\n"));
    }
    let (breaking_changes, others): (Vec<&Change>, Vec<&Change>) =
        report.changes.iter().partition(|c| c.is_breaking());
    if !breaking_changes.is_empty() {
        out.push_str("### Breaking changes\n\n");
        groups(&mut out, report, &breaking_changes);
    }
    if !others.is_empty() {
        out.push_str(&format!(
            "<details>\n<summary>{}</summary>\n\n",
            plural(others.len(), "non-breaking change", "non-breaking changes")
        ));
        groups(&mut out, report, &others);
        out.push_str("</details>\n");
    }
    out
}

fn owner_label(report: &Report, key: &str) -> String {
    match report.owner(key) {
        Some(o) => match &o.contact {
            Some(c) => format!("{} (`{key}`, {c})", o.name),
            None => format!("{} (`{key}`)", o.name),
        },
        None => format!("`{key}`"),
    }
}

/// One `####` section per event, in order of first appearance; changes not
/// tied to an event go last.
fn groups(out: &mut String, report: &Report, changes: &[&Change]) {
    let mut order: Vec<Option<&str>> = Vec::new();
    for c in changes {
        let key = c.event.as_deref();
        if !order.contains(&key) {
            order.push(key);
        }
    }
    order.sort_by_key(Option::is_none);
    for key in order {
        let heading = match key {
            Some(event) => {
                let owner = changes
                    .iter()
                    .find(|c| c.event.as_deref() == Some(event))
                    .and_then(|c| c.owner.as_deref());
                match owner {
                    Some(o) => format!("`{event}` (owner: {})", owner_name(report, o)),
                    None => format!("`{event}`"),
                }
            }
            None => "Identify, groups, context and config".to_string(),
        };
        out.push_str(&format!("#### {heading}\n\n"));
        for c in changes.iter().filter(|c| c.event.as_deref() == key) {
            // The heading already names the event.
            let message = match key {
                Some(event) => c.message.replace(&format!(" of event `{event}`"), ""),
                None => c.message.clone(),
            };
            out.push_str(&format!("- `{}` {message}", c.kind.id()));
            if let Some(l) = &c.location {
                match l.revision {
                    Revision::New => out.push_str(&format!(" ({}:{})", l.file, l.line)),
                    Revision::Old => out.push_str(&format!(
                        " (was {}:{} in `{}`)",
                        l.file, l.line, report.against
                    )),
                }
            }
            out.push('\n');
        }
        out.push('\n');
    }
}

fn owner_name<'a>(report: &'a Report, key: &'a str) -> &'a str {
    report.owner(key).map_or(key, |o| o.name.as_str())
}
