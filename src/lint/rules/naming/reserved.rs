crate::declare_rule! {
    /// An event or property name that common destinations reserve.
    ///
    /// ## What it does
    /// Warns about names that analytics destinations treat specially:
    /// - any name starting with `$`: Amplitude and Mixpanel keep `$` names
    ///   for their own events and properties (`$identify`, `$set`,
    ///   `$revenue`);
    /// - any name starting with a digit: not an identifier in any generated
    ///   language, and not a column name in most warehouses;
    /// - any name without a letter or digit (`---`), which gives no
    ///   identifier at all;
    /// - event names starting with `[Amplitude]`, which Amplitude reserves
    ///   for its own session, revenue and merge events;
    /// - event names that Segment's warehouse loader turns into one of its
    ///   own table names (`tracks`, `pages`, `screens`, `identifies`,
    ///   `groups`, `aliases`, `users`, `accounts`);
    /// - property names (in events, identify, groups, context and shared
    ///   properties) equal, after folding case and separators, to a column
    ///   Segment's warehouses add to every row (`id`, `user_id`,
    ///   `anonymous_id`, `event`, `event_text`, `timestamp`, `sent_at`,
    ///   `received_at`, `original_timestamp`, `uuid`, `uuid_ts`,
    ///   `loaded_at`, `group_id`, or a `context_` prefix): Segment drops such
    ///   properties from warehouse tables.
    ///
    /// ## Why
    /// trackc's code generation escapes such names and never rejects them,
    /// and the wire name is sent as written; but the destination may drop,
    /// rename or misread the data. This is a warning so that the choice is
    /// made knowingly.
    ///
    /// ## Fails
    /// ```yaml
    /// events:
    ///   Signed Up:
    ///     description: Sign-up completed.
    ///     owner: growth
    ///     side: server
    ///     properties:
    ///       user_id:
    ///         type: string
    ///         description: The new user's ID.
    /// ```
    ///
    /// ## Passes
    /// ```yaml
    /// events:
    ///   Signed Up:
    ///     description: Sign-up completed.
    ///     owner: growth
    ///     side: server
    ///     properties:
    ///       signup_method:
    ///         type: string
    ///         description: How the user signed up.
    /// ```
    pub static RULE = ("naming/reserved", Warning);
}

use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;
use crate::lint::util::fold;
use crate::model::Name;

/// Segment warehouse table names, folded; an event whose table would be one.
const SEGMENT_TABLES: &[&str] = &[
    "tracks",
    "pages",
    "screens",
    "identifies",
    "groups",
    "aliases",
    "users",
    "accounts",
];

/// Columns Segment warehouses add to event, identify and group tables, folded.
const SEGMENT_COLUMNS: &[&str] = &[
    "id",
    "userid",
    "anonymousid",
    "event",
    "eventtext",
    "timestamp",
    "sentat",
    "receivedat",
    "originaltimestamp",
    "uuid",
    "uuidts",
    "loadedat",
    "groupid",
];

const ESCAPED: &str = "code generation escapes such names and never rejects them, so this \
                       is only a warning";

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let mut folded = String::new();
    for e in &cx.plan.events {
        let name = &e.name;
        if let Some((why, help)) = common(name) {
            out.push(diag("event", name, why, help));
        } else if starts_with_ignoring_case(&name.value, "[amplitude]") {
            out.push(diag(
                "event",
                name,
                "Amplitude reserves event names starting with `[Amplitude]` for its own events",
                "name your own event without the `[Amplitude]` prefix",
            ));
        } else if folds_to_one_of(&name.value, SEGMENT_TABLES, &mut folded) {
            out.push(diag(
                "event",
                name,
                "Segment's warehouses load every event into a table named after it, and this \
                 one would be one of Segment's own tables",
                "name the event for what happened to what (`Page Viewed` rather than `Pages`)",
            ));
        }
    }
    // Top-level property lists only: Segment flattens nested objects into
    // `parent_child` columns, so a nested `id` is not a reserved column.
    for (_, list) in cx.plan.property_lists() {
        for p in list {
            // A reused shared definition is reported once, at the definition.
            if p.shared {
                continue;
            }
            let name = &p.name;
            if let Some((why, help)) = common(name) {
                out.push(diag("property", name, why, help));
            } else if folds_to_one_of(&name.value, SEGMENT_COLUMNS, &mut folded)
                || starts_with_ignoring_case(&name.value, "context_")
            {
                out.push(diag(
                    "property",
                    name,
                    "Segment's warehouses drop properties named like the columns they add to \
                     every row (`id`, `user_id`, `timestamp`, `context_*`, ...)",
                    "give it a more specific name (`invoice_id` rather than `id`); identity \
                     fields such as the user ID travel in the call itself, not as a property",
                ));
            }
        }
    }
    // Nested names are still identifiers in generated code.
    for list in super::property_lists(cx.plan)
        .iter()
        .filter(|l| l.parent.is_some())
    {
        for p in list.properties {
            if let Some((why, help)) = common(&p.name) {
                out.push(diag("property", &p.name, why, help));
            }
        }
    }
}

fn starts_with_ignoring_case(name: &str, prefix: &str) -> bool {
    name.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

/// Is `name`, folded like [`fold`], one of `folded_names`? Reuses `buf`, as
/// this runs for every property of the plan.
fn folds_to_one_of(name: &str, folded_names: &[&str], buf: &mut String) -> bool {
    buf.clear();
    buf.extend(
        name.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase),
    );
    debug_assert_eq!(*buf, fold(name));
    folded_names.contains(&buf.as_str())
}

/// Problems every destination shares: `$` and leading digits.
fn common(name: &Name) -> Option<(&'static str, &'static str)> {
    let first = name.value.chars().next()?;
    if first == '$' {
        Some((
            "names starting with `$` are reserved by Amplitude and Mixpanel for their own \
             events and properties",
            "drop the `$`",
        ))
    } else if first.is_ascii_digit() {
        Some((
            "a name starting with a digit is not an identifier in any generated language, nor \
             a column name in most warehouses",
            "start the name with a word (`step_2_done` rather than `2nd_step_done`)",
        ))
    } else if !name.value.chars().any(char::is_alphanumeric) {
        Some((
            "a name without letters or digits gives generated code nothing to derive an \
             identifier from",
            "name it with words",
        ))
    } else {
        None
    }
}

fn diag(kind: &str, name: &Name, why: &str, help: &str) -> Diagnostic {
    RULE.diag(format!("{kind} name `{}` is reserved: {why}", name.value))
        .label(name.span, "reserved name")
        .help(format!("{help}; {ESCAPED}"))
}
