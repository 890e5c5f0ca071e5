crate::declare_rule! {
    /// An event name whose words are not in the plan's object/action order.
    ///
    /// ## What it does
    /// Only when `conventions.event_grammar` is set (and not `any`).
    /// With `object_action`, an event name is the object, then a past-tense
    /// action (`Invoice Sent`, `Account Created`), optionally followed by a
    /// phrase starting with a preposition (`Product Added to Cart`). With
    /// `action_object`, the action comes first (`Sent Invoice`). A name that
    /// is only an action (`Signed Up`, `Logged In`) fits both.
    ///
    /// Past tense is recognised from a list of common irregular verbs
    /// (`sent`, `paid`, `built`, ...) and the `-ed` ending, minus common
    /// words that only look like it (`feed`, `speed`, `hundred`); a
    /// phrasal verb (`Signed Up`, `Checked Out`) counts as one action.
    ///
    /// ## Why
    /// One grammar makes names predictable: an analyst who knows `Invoice
    /// Sent` can guess `Invoice Paid`, and events about one object sort
    /// together.
    ///
    /// ## Fails
    /// ```yaml
    /// plan:
    ///   id: example
    ///   name: Example
    ///   conventions:
    ///     event_grammar: object_action
    /// owners:
    ///   growth: {name: Growth Team}
    /// events:
    ///   Sent Invoice:
    ///     description: An invoice was delivered to the client.
    ///     owner: growth
    ///     side: server
    /// ```
    ///
    /// ## Passes
    /// ```yaml
    /// plan:
    ///   id: example
    ///   name: Example
    ///   conventions:
    ///     event_grammar: object_action
    /// owners:
    ///   growth: {name: Growth Team}
    /// events:
    ///   Invoice Sent:
    ///     description: An invoice was delivered to the client.
    ///     owner: growth
    ///     side: server
    /// ```
    pub static RULE = ("naming/event-grammar", Warning);
}

use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;
use crate::lint::casing::{self, words};
use crate::model::{Case, Grammar};

/// Irregular past tenses and participles, and `-ed`-less regular ones.
const IRREGULAR: &[&str] = &[
    "ate",
    "awoke",
    "beaten",
    "became",
    "begun",
    "began",
    "bent",
    "bet",
    "bid",
    "bound",
    "bit",
    "bitten",
    "bled",
    "blew",
    "blown",
    "bore",
    "born",
    "borne",
    "bought",
    "broke",
    "broken",
    "brought",
    "built",
    "burnt",
    "burst",
    "cast",
    "caught",
    "chose",
    "chosen",
    "clung",
    "came",
    "cost",
    "crept",
    "cut",
    "dealt",
    "did",
    "done",
    "dug",
    "drew",
    "drawn",
    "dreamt",
    "drank",
    "drunk",
    "drove",
    "driven",
    "eaten",
    "fed",
    "fell",
    "fallen",
    "felt",
    "fought",
    "found",
    "fled",
    "flew",
    "flown",
    "forbade",
    "forbidden",
    "forgot",
    "forgotten",
    "forgave",
    "forgiven",
    "froze",
    "frozen",
    "got",
    "gotten",
    "gave",
    "given",
    "went",
    "gone",
    "grew",
    "grown",
    "hung",
    "had",
    "heard",
    "hid",
    "hidden",
    "hit",
    "held",
    "hurt",
    "kept",
    "knelt",
    "knew",
    "known",
    "laid",
    "led",
    "leapt",
    "learnt",
    "left",
    "lent",
    "let",
    "lit",
    "lost",
    "made",
    "meant",
    "met",
    "mistook",
    "mistaken",
    "overtaken",
    "overridden",
    "overrode",
    "paid",
    "prepaid",
    "proven",
    "put",
    "quit",
    "read",
    "rebuilt",
    "redid",
    "redone",
    "remade",
    "reran",
    "reread",
    "reset",
    "resent",
    "retook",
    "retaken",
    "rewritten",
    "rewrote",
    "rode",
    "ridden",
    "rang",
    "rung",
    "rose",
    "risen",
    "ran",
    "run",
    "said",
    "saw",
    "seen",
    "sought",
    "sold",
    "sent",
    "set",
    "sewn",
    "shook",
    "shaken",
    "shone",
    "shot",
    "shown",
    "shrank",
    "shrunk",
    "shut",
    "sang",
    "sung",
    "sank",
    "sunk",
    "sat",
    "slept",
    "slid",
    "spoke",
    "spoken",
    "sped",
    "spent",
    "spilt",
    "spun",
    "spat",
    "split",
    "spread",
    "sprang",
    "sprung",
    "stood",
    "stole",
    "stolen",
    "stuck",
    "stung",
    "struck",
    "strove",
    "swore",
    "sworn",
    "swept",
    "swam",
    "swum",
    "swung",
    "took",
    "taken",
    "taught",
    "tore",
    "torn",
    "told",
    "thought",
    "threw",
    "thrown",
    "understood",
    "undid",
    "undone",
    "unset",
    "upheld",
    "upset",
    "woke",
    "woken",
    "wore",
    "worn",
    "wove",
    "woven",
    "won",
    "withdrew",
    "withdrawn",
    "wound",
    "wrote",
    "written",
    "agreed",
    "freed",
    "guaranteed",
    "decreed",
    "refereed",
    "exceeded",
    "proceeded",
    "succeeded",
    "seeded",
    "needed",
];

/// Words ending in `-ed` that are not past tenses.
const NOT_PAST: &[&str] = &[
    "bed", "bred", "creed", "deed", "embed", "feed", "fred", "greed", "hundred", "kindred", "med",
    "naked", "need", "red", "reed", "sacred", "seed", "shed", "shred", "sled", "speed", "ted",
    "weed", "wicked", "breed", "steed", "tweed", "bleed", "proceed", "exceed", "succeed",
];

/// Particles of phrasal verbs and prepositions that may follow the action.
const PARTICLES: &[&str] = &[
    "about", "across", "after", "against", "around", "as", "at", "away", "back", "before", "by",
    "down", "during", "for", "from", "in", "into", "of", "off", "on", "onto", "out", "over",
    "through", "to", "under", "up", "via", "with", "within", "without",
];

/// Particles that belong to the verb (`Signed Up`), moved with it.
const PHRASAL: &[&str] = &[
    "away", "back", "down", "in", "off", "on", "out", "over", "through", "up",
];

pub fn is_past_tense(word: &str) -> bool {
    let w = word.to_lowercase();
    if IRREGULAR.contains(&w.as_str()) {
        return true;
    }
    !NOT_PAST.contains(&w.as_str()) && w.len() >= 4 && w.ends_with("ed")
}

fn is_particle(word: &str) -> bool {
    PARTICLES.contains(&word.to_lowercase().as_str())
}

/// Why `name` does not follow `grammar`, or `None` when it does.
pub fn grammar_problem(name: &str, grammar: Grammar) -> Option<&'static str> {
    let ws = words(name);
    let verbs: Vec<usize> = (0..ws.len()).filter(|&i| is_past_tense(ws[i])).collect();
    let (Some(&first), Some(&last)) = (verbs.first(), verbs.last()) else {
        return Some("it has no past-tense action (`Created`, `Sent`, `Signed Up`)");
    };
    match grammar {
        Grammar::Any => None,
        Grammar::ObjectAction => {
            let after = &ws[last + 1..];
            let ok = if last == 0 {
                // Only an action: `Signed Up`, `Checked Out`.
                after.iter().all(|w| is_particle(w))
            } else {
                // After the action: nothing, or a phrase a preposition opens.
                after.first().is_none_or(|w| is_particle(w))
            };
            (!ok).then_some("the action comes before the object")
        }
        Grammar::ActionObject => (first != 0).then_some("the object comes before the action"),
    }
}

/// The words reordered into `grammar`, for the help text, when that is clear:
/// a leading (or trailing) past-tense verb with its particle is moved.
fn reordered(name: &str, grammar: Grammar) -> Option<String> {
    let ws = words(name);
    let case = casing::CHECKED
        .iter()
        .copied()
        .find(|&c| casing::fits(name, c))
        .unwrap_or(Case::Title);
    let v = ws.iter().position(|w| is_past_tense(w))?;
    let mut end = v + 1;
    if ws
        .get(end)
        .is_some_and(|w| PHRASAL.contains(&w.to_lowercase().as_str()))
    {
        end += 1;
    }
    let action = &ws[v..end];
    let object: Vec<&str> = ws[..v].iter().chain(&ws[end..]).copied().collect();
    // `Signed Up For Newsletter`: moving words around a preposition would
    // garble the phrase; the help then only names the grammar.
    if object.first().is_none_or(|w| is_particle(w)) {
        return None;
    }
    let order: Vec<&str> = match grammar {
        Grammar::ObjectAction => object.iter().chain(action).copied().collect(),
        Grammar::ActionObject => action.iter().chain(&object).copied().collect(),
        Grammar::Any => return None,
    };
    Some(casing::convert(&order.join(" "), case))
}

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(convention) = &cx.plan.meta.conventions.event_grammar else {
        return;
    };
    let grammar = convention.value;
    if grammar == Grammar::Any {
        return;
    }
    let expected = match grammar {
        Grammar::ObjectAction => "object then past-tense action (`Invoice Sent`)",
        _ => "past-tense action then object (`Sent Invoice`)",
    };
    for e in &cx.plan.events {
        let Some(problem) = grammar_problem(&e.name.value, grammar) else {
            continue;
        };
        let help = match reordered(&e.name.value, grammar) {
            Some(r) if grammar_problem(&r, grammar).is_none() => format!("rename it `{r}`"),
            _ => format!("name it {expected}"),
        };
        out.push(
            RULE.diag(format!(
                "event `{}` does not follow the plan's event grammar, {expected}: {problem}",
                e.name.value
            ))
            .label(e.name.span, problem)
            .label(convention.span, "convention set here")
            .help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_action() {
        let ok = |n| grammar_problem(n, Grammar::ObjectAction).is_none();
        for good in [
            "Invoice Sent",
            "Account Created",
            "Signed Up",
            "Logged In",
            "Product Added to Cart",
            "invoice_paid",
            "paymentReceived",
            "Feed Viewed",
            "Advanced Search Used",
            "Password Reset",
        ] {
            assert!(ok(good), "{good}");
        }
        for bad in [
            "Sent Invoice",
            "Created Account",
            "Page View",
            "Login",
            "Invoice Sent Email",
            "Signed Up for Newsletter",
        ] {
            assert!(!ok(bad), "{bad}");
        }
    }

    #[test]
    fn action_object() {
        let ok = |n| grammar_problem(n, Grammar::ActionObject).is_none();
        assert!(ok("Sent Invoice"));
        assert!(ok("Signed Up"));
        assert!(ok("Signed Up for Newsletter"));
        assert!(!ok("Invoice Sent"));
    }

    #[test]
    fn suggests_the_reordered_name() {
        assert_eq!(
            reordered("Sent Invoice", Grammar::ObjectAction).as_deref(),
            Some("Invoice Sent")
        );
        assert_eq!(
            reordered("invoice_sent", Grammar::ActionObject).as_deref(),
            Some("sent_invoice")
        );
        assert_eq!(
            reordered("Signed Up Newsletter", Grammar::ObjectAction).as_deref(),
            Some("Newsletter Signed Up")
        );
        assert_eq!(
            reordered("Product Added to Cart", Grammar::ActionObject).as_deref(),
            Some("Added Product to Cart")
        );
    }
}
