use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;
use crate::lint::util::words;
use crate::model::Side;

crate::declare_rule! {
    /// A client-side event whose name says the server confirmed an outcome.
    ///
    /// ## What it does
    /// Reports events declared `side: client` whose name pairs a business
    /// record with an outcome verb, in either order and any casing:
    ///
    /// | record | outcome verbs |
    /// | --- | --- |
    /// | order, purchase | completed, placed, confirmed, paid, succeeded, fulfilled, refunded, cancelled |
    /// | checkout | completed, succeeded |
    /// | payment, charge, transaction, refund, payout, transfer | succeeded, completed, captured, processed, received, settled, confirmed, declined, refunded |
    /// | invoice | created, paid, sent, issued, finalized, voided |
    /// | subscription, trial | started, created, activated, renewed, upgraded, downgraded, cancelled, ended, expired, converted, reactivated |
    /// | plan | upgraded, downgraded, purchased |
    /// | account, user, workspace, organization | created, registered, activated, verified, deleted, deactivated, closed |
    /// | email | verified, confirmed |
    /// | sign up, signup, registration | completed, succeeded, confirmed |
    ///
    /// and `Signed Up` on its own (`SignedUp`, `signed_up`, `User Signed Up`).
    ///
    /// To keep false positives low, a name that also says the user only
    /// *tried* or *saw* something is never reported: any of clicked, tapped,
    /// submitted, attempted, requested, initiated, viewed, opened, shown,
    /// failed, button, form, page, modal, screen (`Order Completed Page
    /// Viewed`, `Sign Up Form Submitted`). `Checkout Started` is a legitimate
    /// client event (the user opened the checkout; nothing was committed),
    /// and so are `Onboarding Completed` or `Tutorial Completed`, which name
    /// no business record. Every other case can be silenced on its event
    /// with `lint_ignore: [side/client-outcome]`.
    ///
    /// ## Why
    /// A client-side sign-up fires even when the form post fails: the
    /// browser sends `Signed Up` as soon as the button handler runs, before
    /// (or without) the server accepting the request, and ad blockers drop a
    /// share of client events on top. Outcome counts then disagree with the
    /// database. Send outcomes from the server after the write commits, and
    /// track the attempt on the client under another name (`Sign Up Form
    /// Submitted`).
    ///
    /// ## Fails
    /// ```yaml
    /// events:
    ///   Order Completed:
    ///     description: The customer paid for the order.
    ///     owner: growth
    ///     side: client
    /// ```
    ///
    /// ## Passes
    /// ```yaml
    /// events:
    ///   Order Completed:
    ///     description: The customer paid for the order.
    ///     owner: growth
    ///     side: server
    ///   Checkout Started:
    ///     description: The customer opened the checkout.
    ///     owner: growth
    ///     side: client
    /// ```
    pub static RULE = ("side/client-outcome", Warning);
}

/// Business records, and the verbs that say one was durably changed.
const OUTCOMES: &[(&[&str], &[&str])] = &[
    (
        &["order", "purchase"],
        &[
            "completed",
            "placed",
            "confirmed",
            "paid",
            "succeeded",
            "fulfilled",
            "refunded",
            "cancelled",
            "canceled",
        ],
    ),
    (&["checkout"], &["completed", "succeeded"]),
    (
        &[
            "payment",
            "charge",
            "transaction",
            "refund",
            "payout",
            "transfer",
        ],
        &[
            "succeeded",
            "completed",
            "captured",
            "processed",
            "received",
            "settled",
            "confirmed",
            "declined",
            "refunded",
        ],
    ),
    (
        &["invoice"],
        &[
            "created",
            "paid",
            "sent",
            "issued",
            "finalized",
            "finalised",
            "voided",
        ],
    ),
    (
        &["subscription", "trial"],
        &[
            "started",
            "created",
            "activated",
            "renewed",
            "upgraded",
            "downgraded",
            "cancelled",
            "canceled",
            "ended",
            "expired",
            "converted",
            "reactivated",
        ],
    ),
    (&["plan"], &["upgraded", "downgraded", "purchased"]),
    (
        &[
            "account",
            "user",
            "workspace",
            "organization",
            "organisation",
        ],
        &[
            "created",
            "registered",
            "activated",
            "verified",
            "deleted",
            "deactivated",
            "closed",
        ],
    ),
    (&["email"], &["verified", "confirmed"]),
    (
        &["signup", "registration"],
        &["completed", "succeeded", "confirmed"],
    ),
];

/// Words that make a name about an attempt or a UI moment, not an outcome.
const ATTEMPT_WORDS: &[&str] = &[
    "clicked",
    "tapped",
    "submitted",
    "attempted",
    "requested",
    "initiated",
    "viewed",
    "opened",
    "shown",
    "failed",
    "button",
    "form",
    "page",
    "modal",
    "screen",
];

/// Does this event name say a server-confirmed outcome?
pub fn names_outcome(name: &str) -> bool {
    // `Sign Up` / `Signed Up` are one word for this purpose.
    let mut w: Vec<String> = Vec::new();
    for word in words(name) {
        match w.last_mut() {
            Some(prev) if word == "up" && (prev == "sign" || prev == "signed") => {
                prev.push_str("up")
            }
            _ => w.push(word),
        }
    }
    if w.iter().any(|x| ATTEMPT_WORDS.contains(&x.as_str())) {
        return false;
    }
    let has = |list: &[&str]| w.iter().any(|x| list.contains(&x.as_str()));
    has(&["signedup"])
        || OUTCOMES
            .iter()
            .any(|(records, verbs)| has(records) && has(verbs))
}

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for event in &cx.plan.events {
        let Some(side) = &event.side else { continue };
        if side.value != Side::Client || !names_outcome(&event.name.value) {
            continue;
        }
        out.push(
            RULE.diag(format!(
                "`{}` names an outcome the server confirms, but is sent from the client",
                event.name.value
            ))
            .label(event.name.span, "a server-confirmed outcome")
            .label(side.span, "sent from the client")
            .help(help(&event.name.value)),
        );
    }
}

fn help(name: &str) -> String {
    let (fires, attempt) = if names_sign_up(name) {
        (
            "a client-side sign-up fires even when the form post fails".to_string(),
            "Sign Up Form Submitted".to_string(),
        )
    } else {
        (
            format!("a client-side `{name}` fires even when the request behind it fails"),
            format!("{} Form Submitted", title(record(name).unwrap_or("order"))),
        )
    };
    format!(
        "{fires}; send it from the server after the write commits (`side: server`), and name the client-side attempt for what it is, e.g. `{attempt}`"
    )
}

/// The business record an outcome name is about (`order` in `Order Completed`).
fn record(name: &str) -> Option<&'static str> {
    let w = words(name);
    OUTCOMES
        .iter()
        .flat_map(|(records, _)| records.iter())
        .find(|r| w.iter().any(|x| x == *r))
        .copied()
}

fn title(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn names_sign_up(name: &str) -> bool {
    let w = words(name);
    w.windows(2)
        .any(|p| p[1] == "up" && (p[0] == "sign" || p[0] == "signed"))
        || w.iter()
            .any(|x| x == "signup" || x == "signedup" || x == "registration")
}

#[cfg(test)]
mod tests {
    use super::names_outcome;

    #[test]
    fn outcomes_are_recognised_in_any_casing_and_order() {
        for name in [
            "Signed Up",
            "signed_up",
            "SignedUp",
            "User Signed Up",
            "Sign Up Completed",
            "signup_completed",
            "Account Created",
            "Order Completed",
            "Completed Order",
            "orderCompleted",
            "Payment Succeeded",
            "Subscription Started",
            "Invoice Paid",
            "Purchase Completed",
            "Trial Started",
            "Email Verified",
        ] {
            assert!(names_outcome(name), "{name}");
        }
    }

    #[test]
    fn ui_moments_and_attempts_are_not_outcomes() {
        for name in [
            "Checkout Started",
            "Onboarding Completed",
            "Tutorial Completed",
            "Sign Up Form Submitted",
            "Order Completed Page Viewed",
            "Payment Failed",
            "Signup Button Clicked",
            "Plan Selected",
            "Invoice Viewed",
            "Sign In",
            "Subscription Page Viewed",
            "Startup Completed",
        ] {
            assert!(!names_outcome(name), "{name}");
        }
    }
}
