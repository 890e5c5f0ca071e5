//! Deterministic synthetic tracking plans, for benchmarks and tests.
//!
//! Plans look like real ones: title-case events with a few casing outliers,
//! shared properties reused across events, several owners and sources, enums
//! and constraints. The same `(events, seed)` always gives the same text.

/// SplitMix64: tiny, fast and good enough to vary names.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const OBJECTS: &[&str] = &[
    "Account",
    "Invoice",
    "Payment",
    "Client",
    "Workspace",
    "Report",
    "Project",
    "Task",
    "Comment",
    "File",
    "Folder",
    "Team",
    "Member",
    "Subscription",
    "Coupon",
    "Order",
    "Cart",
    "Product",
    "Review",
    "Message",
    "Channel",
    "Dashboard",
    "Widget",
    "Export",
    "Import",
    "Integration",
    "Webhook",
    "Token",
    "Session",
    "Profile",
    "Setting",
    "Notification",
    "Survey",
    "Ticket",
];
const ACTIONS: &[&str] = &[
    "Created",
    "Updated",
    "Deleted",
    "Viewed",
    "Shared",
    "Archived",
    "Restored",
    "Exported",
    "Imported",
    "Opened",
    "Closed",
    "Sent",
    "Received",
    "Approved",
    "Rejected",
    "Renamed",
    "Duplicated",
    "Moved",
    "Pinned",
    "Starred",
];
const QUALIFIERS: &[&str] = &[
    "Draft",
    "Bulk",
    "Scheduled",
    "Recurring",
    "Template",
    "Public",
    "Private",
    "Team",
    "Mobile",
    "Desktop",
    "Trial",
    "Annual",
    "Monthly",
    "Custom",
    "Default",
    "Legacy",
];
const CLIENT_ACTIONS: &[&str] = &["Viewed", "Opened", "Shared", "Pinned", "Starred"];
const OWNERS: &[&str] = &["growth", "billing", "product", "platform", "mobile"];
const WORDS: &[&str] = &[
    "count", "total", "source", "method", "status", "kind", "level", "duration", "size",
    "position", "variant", "reason", "label", "score", "rank", "index", "ratio", "mode",
];

/// A plan with `events` events, as one YAML document.
pub fn plan(events: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(events * 600);
    out.push_str("plan:\n  id: synthetic\n  name: Synthetic Plan\n  version: 1\n");
    out.push_str("  conventions:\n    event_case: title\n    property_case: snake\n\n");
    out.push_str("owners:\n");
    for o in OWNERS {
        out.push_str(&format!(
            "  {o}:\n    name: {} Team\n    contact: \"#team-{o}\"\n",
            capitalise(o)
        ));
    }
    out.push_str("\nsources:\n  web:\n    side: client\n    description: Browser app.\n");
    out.push_str("  api:\n    side: server\n    description: API service.\n\n");
    out.push_str("properties:\n");
    let shared: Vec<String> = (0..20)
        .map(|i| format!("shared_{}_{i}", WORDS[i % WORDS.len()]))
        .collect();
    for (i, name) in shared.iter().enumerate() {
        out.push_str(&format!("  {name}:\n"));
        if i % 3 == 0 {
            out.push_str("    type: string\n    enum: [alpha, beta, gamma, delta]\n");
        } else if i % 3 == 1 {
            out.push_str("    type: integer\n    minimum: 0\n    maximum: 1000000\n");
        } else {
            out.push_str("    type: string\n    max_length: 120\n");
        }
        out.push_str(&format!(
            "    description: Shared property number {i}, used across events.\n"
        ));
    }
    out.push_str("\nevents:\n");
    let mut seen = std::collections::HashSet::new();
    let mut n = 0usize;
    while n < events {
        let object = rng.pick(OBJECTS);
        let action = rng.pick(ACTIONS);
        let qual = rng.pick(QUALIFIERS);
        let serial = n / (OBJECTS.len() * ACTIONS.len()) + 1;
        let mut name = format!("{qual} {object} {action}");
        if serial > 1 || !seen.insert(crate::lint::util::fold(&name)) {
            name = format!(
                "{qual} {object} {} {action}",
                serial * 1000 + rng.below(1000)
            );
            if !seen.insert(crate::lint::util::fold(&name)) {
                continue;
            }
        }
        // Only what a browser can witness is sent from the client; outcomes
        // (`Payment Received`) come from the server, as in a healthy plan.
        let side = if CLIENT_ACTIONS.contains(action) && rng.below(2) == 0 {
            "client"
        } else {
            "server"
        };
        let source = if side == "client" { "web" } else { "api" };
        out.push_str(&format!("  {name}:\n"));
        out.push_str(&format!(
            "    description: The {} {} was {} by the user.\n",
            qual.to_lowercase(),
            object.to_lowercase(),
            action.to_lowercase()
        ));
        out.push_str(&format!(
            "    owner: {}\n    side: {side}\n    sources: [{source}]\n",
            rng.pick(OWNERS)
        ));
        out.push_str(&format!("    category: {object}s\n    properties:\n"));
        let props = 3 + rng.below(8);
        let mut used = std::collections::HashSet::new();
        for _ in 0..props {
            if rng.below(2) == 0 {
                let s = rng.pick(&shared);
                if used.insert(s.clone()) {
                    out.push_str(&format!("      {s}: {{}}\n"));
                }
            } else {
                let word = rng.pick(WORDS);
                let pname = format!("{}_{word}", object.to_lowercase());
                if !used.insert(pname.clone()) {
                    continue;
                }
                out.push_str(&format!("      {pname}:\n"));
                // One type per property name across the plan, as a clean plan has.
                match WORDS.iter().position(|w| w == word).unwrap_or(0) % 4 {
                    0 => out.push_str("        type: integer\n        minimum: 0\n"),
                    1 => out.push_str("        type: boolean\n"),
                    2 => out.push_str("        type: string\n        required: false\n"),
                    _ => out.push_str("        type: number\n        nullable: true\n"),
                }
                out.push_str(&format!(
                    "        description: The {word} of the {}.\n",
                    object.to_lowercase()
                ));
            }
        }
        n += 1;
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
