//! Terminal output: one block per change, breaking first, then a summary.

use super::{error_notes, plural};
use crate::diff::{Change, Location, Report, Revision};

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

fn location(l: &Location, against: &str) -> String {
    match l.revision {
        Revision::New => l.to_string(),
        Revision::Old => format!("{l} (in {against})"),
    }
}

pub fn render(report: &Report, color: bool) -> String {
    let p = Paint { on: color };
    let mut out = String::new();
    for c in &report.changes {
        out.push_str(&change(c, report, &p));
    }
    for w in &report.warnings {
        out.push_str(&format!(
            "{}: {}\n",
            p.wrap("1;33", &format!("warning[{}]", w.rule)),
            w.message
        ));
        if let Some(l) = &w.location {
            out.push_str(&format!("  --> {}\n", location(l, &report.against)));
        }
        if let Some(h) = &w.help {
            out.push_str(&format!("  help: {h}\n"));
        }
        out.push('\n');
    }
    for n in error_notes(report) {
        out.push_str(&format!("note: {n}\n\n"));
    }
    let summary = if report.changes.is_empty() {
        format!("no changes against {}", report.against)
    } else {
        format!(
            "{}, {} against {}",
            plural(report.breaking(), "breaking change", "breaking changes"),
            plural(
                report.non_breaking(),
                "non-breaking change",
                "non-breaking changes"
            ),
            report.against
        )
    };
    out.push_str(&p.wrap("1", &summary));
    out.push('\n');
    out
}

fn change(c: &Change, report: &Report, p: &Paint) -> String {
    let head = if c.is_breaking() {
        p.wrap("1;31", &format!("breaking[{}]", c.kind.id()))
    } else {
        p.wrap("1;36", &format!("change[{}]", c.kind.id()))
    };
    let mut s = format!("{head}: {}\n", c.message);
    if let Some(l) = &c.location {
        s.push_str(&format!("  --> {}\n", location(l, &report.against)));
    }
    if let Some(key) = &c.owner {
        match report.owner(key) {
            Some(o) => {
                let contact = o
                    .contact
                    .as_deref()
                    .map(|c| format!(", {c}"))
                    .unwrap_or_default();
                s.push_str(&format!("  owner: {} ({key}{contact})\n", o.name));
            }
            None => s.push_str(&format!("  owner: {key}\n")),
        }
    }
    s.push('\n');
    s
}
