//! Name casings: which casings a name fits, and a name rewritten in one.
//!
//! Shared by the `naming/*` rules. A single word fits several casings at
//! once (`email` is snake, camel and kebab case), so classification returns a
//! set, never one answer.

use crate::model::Case;

/// The casings a name can be checked against (`any` is not one of them).
pub const CHECKED: [Case; 6] = [
    Case::Title,
    Case::Sentence,
    Case::Snake,
    Case::Camel,
    Case::Pascal,
    Case::Kebab,
];

/// Short words title case leaves in lower case (`Terms of Service Accepted`).
const MINOR_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "per",
    "the", "to", "via", "with",
];

/// Splits a name into words: at spaces, `_`, `-` and other separators, at
/// lower-to-upper changes (`signedUp`) and at the end of an acronym
/// (`PDFExported` -> `PDF`, `Exported`) or a number (`address2Line` ->
/// `address2`, `Line`). Digits stay with the word before them. Keeps the
/// original case; [`crate::lint::util::words`] gives the words lowercased.
pub fn words(name: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = name.char_indices().collect();
    let mut start: Option<usize> = None;
    for (i, &(at, c)) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if let Some(s) = start.take() {
                out.push(&name[s..at]);
            }
            continue;
        }
        if let Some(s) = start {
            let prev = chars[i - 1].1;
            let next = chars.get(i + 1).map(|&(_, n)| n);
            let hump = prev.is_lowercase() && c.is_uppercase();
            // `PDFExported` and `address2Line`: an upper-case letter that
            // starts a capitalised word after an acronym or a number. `B2B`
            // stays one word.
            let word_start = (prev.is_uppercase() || prev.is_numeric())
                && c.is_uppercase()
                && next.is_some_and(char::is_lowercase);
            if hump || word_start {
                out.push(&name[s..at]);
                start = Some(at);
            }
        } else {
            start = Some(at);
        }
    }
    if let Some(s) = start {
        out.push(&name[s..]);
    }
    out
}

fn is_lower_word(w: &str) -> bool {
    w.chars().all(|c| c.is_lowercase() || c.is_ascii_digit())
}

fn is_upper_word(w: &str) -> bool {
    w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// `Invoice`, `PDF` or `2`: a capitalised word, an acronym or a number.
fn is_capitalised(w: &str) -> bool {
    let mut cs = w.chars();
    match cs.next() {
        Some(c) if c.is_uppercase() || c.is_ascii_digit() => {
            is_lower_word(cs.as_str()) || is_upper_word(w)
        }
        _ => false,
    }
}

/// Words separated by exactly one `sep`, none empty.
fn split_exact(name: &str, sep: char) -> Option<Vec<&str>> {
    let parts: Vec<&str> = name.split(sep).collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.chars().all(char::is_alphanumeric))
    {
        return None;
    }
    Some(parts)
}

fn starts_lower(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_lowercase)
}

fn starts_upper(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase)
}

/// Does `name` fit `case`? `Any` fits everything.
pub fn fits(name: &str, case: Case) -> bool {
    // `$`-prefixed names are judged on what follows; naming/reserved reports the `$`.
    let name = name.strip_prefix('$').unwrap_or(name);
    if name.is_empty() {
        return false;
    }
    match case {
        Case::Any => true,
        Case::Snake | Case::Kebab => {
            let sep = if case == Case::Snake { '_' } else { '-' };
            starts_lower(name)
                && split_exact(name, sep).is_some_and(|ws| ws.iter().all(|w| is_lower_word(w)))
        }
        Case::Camel => starts_lower(name) && name.chars().all(char::is_alphanumeric),
        Case::Pascal => starts_upper(name) && name.chars().all(char::is_alphanumeric),
        Case::Title => split_exact(name, ' ').is_some_and(|ws| {
            ws.iter().enumerate().all(|(i, w)| {
                is_capitalised(w)
                    || (i > 0
                        && MINOR_WORDS.contains(&w.to_lowercase().as_str())
                        && is_lower_word(w))
            })
        }),
        Case::Sentence => split_exact(name, ' ').is_some_and(|ws| {
            starts_upper(ws[0])
                && is_capitalised(ws[0])
                && ws[1..].iter().all(|w| is_lower_word(w) || is_upper_word(w))
        }),
    }
}

/// `name` rewritten in `case` (`Any` keeps it as is).
pub fn convert(name: &str, case: Case) -> String {
    let ws: Vec<&str> = words(name);
    let lower: Vec<String> = ws.iter().map(|w| w.to_lowercase()).collect();
    let cap = |w: &str| {
        let mut cs = w.chars();
        match cs.next() {
            Some(c) => c.to_uppercase().chain(cs).collect::<String>(),
            None => String::new(),
        }
    };
    // Acronyms stay upper case in the spaced casings (`Invoice PDF Exported`).
    let spaced = |w: &str, l: &str, first: bool, title: bool| {
        if w.chars().count() > 1 && is_upper_word(w) && w.chars().any(char::is_alphabetic) {
            w.to_string()
        } else if first || (title && !MINOR_WORDS.contains(&l)) {
            cap(l)
        } else {
            l.to_string()
        }
    };
    match case {
        Case::Any => name.to_string(),
        Case::Snake => lower.join("_"),
        Case::Kebab => lower.join("-"),
        Case::Camel => lower
            .iter()
            .enumerate()
            .map(|(i, w)| if i == 0 { w.clone() } else { cap(w) })
            .collect(),
        Case::Pascal => lower.iter().map(|w| cap(w)).collect(),
        Case::Title | Case::Sentence => ws
            .iter()
            .zip(&lower)
            .enumerate()
            .map(|(i, (w, l))| spaced(w, l, i == 0, case == Case::Title))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// A casing as messages name it: `title case`.
pub fn describe(case: Case) -> &'static str {
    match case {
        Case::Title => "title case",
        Case::Sentence => "sentence case",
        Case::Snake => "snake case",
        Case::Camel => "camel case",
        Case::Pascal => "pascal case",
        Case::Kebab => "kebab case",
        Case::Any => "any casing",
    }
}

/// The casing most names fit, when more than half of them fit it; `None`
/// for fewer than three names or no clear majority (then nothing is an
/// outlier). Ties go to the earlier casing in [`CHECKED`].
pub fn dominant<'a>(names: impl IntoIterator<Item = &'a str>) -> Option<Case> {
    let mut counts = [0usize; CHECKED.len()];
    let mut total = 0usize;
    for name in names {
        total += 1;
        for (i, &case) in CHECKED.iter().enumerate() {
            if fits(name, case) {
                counts[i] += 1;
            }
        }
    }
    let (best, &count) = counts
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))?;
    (total >= 3 && count * 2 > total).then_some(CHECKED[best])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words_at_separators_humps_and_acronyms() {
        assert_eq!(words("signed_up"), ["signed", "up"]);
        assert_eq!(words("Signed Up"), ["Signed", "Up"]);
        assert_eq!(words("signedUp"), ["signed", "Up"]);
        assert_eq!(words("InvoicePDFExported"), ["Invoice", "PDF", "Exported"]);
        assert_eq!(words("step2-done"), ["step2", "done"]);
        assert_eq!(words("address2Line"), ["address2", "Line"]);
        assert_eq!(words("B2BSignup"), ["B2B", "Signup"]);
        assert_eq!(words("$set"), ["set"]);
    }

    #[test]
    fn a_single_word_fits_several_casings() {
        let fitting =
            |n: &str| -> Vec<Case> { CHECKED.iter().copied().filter(|&c| fits(n, c)).collect() };
        assert_eq!(fitting("email"), [Case::Snake, Case::Camel, Case::Kebab]);
        assert_eq!(
            fitting("Email"),
            [Case::Title, Case::Sentence, Case::Pascal]
        );
        assert_eq!(fitting("Signed Up"), [Case::Title]);
        assert_eq!(fitting("Signed up"), [Case::Sentence]);
        assert_eq!(fitting("signed_up"), [Case::Snake]);
        assert_eq!(fitting("signedUp"), [Case::Camel]);
        assert_eq!(fitting("SignedUp"), [Case::Pascal]);
        assert_eq!(fitting("signed-up"), [Case::Kebab]);
        assert_eq!(fitting("signed up"), Vec::<Case>::new());
        assert_eq!(fitting("Signed_Up"), Vec::<Case>::new());
        assert!(fits("Terms of Service Accepted", Case::Title));
        assert!(fits("Invoice PDF Exported", Case::Title));
        assert!(fits("Step 2 Completed", Case::Title));
        assert!(!fits("of Service", Case::Title));
    }

    #[test]
    fn converts_between_casings() {
        assert_eq!(convert("signed_up", Case::Title), "Signed Up");
        assert_eq!(convert("Signed Up", Case::Snake), "signed_up");
        assert_eq!(convert("Signed Up", Case::Camel), "signedUp");
        assert_eq!(convert("signed-up", Case::Pascal), "SignedUp");
        assert_eq!(convert("SignedUp", Case::Kebab), "signed-up");
        assert_eq!(convert("signedUp", Case::Sentence), "Signed up");
        assert_eq!(
            convert("terms_of_service_accepted", Case::Title),
            "Terms of Service Accepted"
        );
        assert_eq!(
            convert("invoicePDFExported", Case::Title),
            "Invoice PDF Exported"
        );
    }

    #[test]
    fn dominant_needs_a_majority_of_at_least_three_names() {
        assert_eq!(
            dominant(["Signed Up", "Order Completed", "order_shipped"]),
            Some(Case::Title)
        );
        assert_eq!(dominant(["signed_up", "SignedUp"]), None);
        assert_eq!(dominant(["Signed Up", "Logged In", "a_b", "c_d"]), None);
        // Every single-word lower-case name fits snake, camel and kebab: no outliers.
        assert_eq!(dominant(["login", "logout", "signup"]), Some(Case::Snake));
    }
}
