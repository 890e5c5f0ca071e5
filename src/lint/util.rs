//! Small helpers shared by rules and the loader.

/// Case and separators folded away: `Signed Up`, `signed_up`, `SignedUp` and
/// `signed-up` all fold to `signedup`. Two names that fold alike collide.
pub fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The closest candidate within a small edit distance, for "did you mean".
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = strsim::damerau_levenshtein(&word.to_lowercase(), &c.to_lowercase());
        let limit = (c.chars().count().max(3) / 3).clamp(1, 3);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// `", did you mean `x`?"` or nothing.
pub fn suggestion<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    did_you_mean(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// How a diagnostic names a property: `shared property `plan_tier``,
/// `property `totals.amount` of event `Invoice Sent``, ... `path` is the
/// property's dotted path from the top-level entry (`line_items[].label`).
pub fn property_phrase(owner: &crate::model::PropertyOwner<'_>, path: &str) -> String {
    use crate::model::PropertyOwner;
    match owner {
        PropertyOwner::Shared => format!("shared property `{path}`"),
        PropertyOwner::Event(e) => format!("property `{path}` of event `{}`", e.name.value),
        PropertyOwner::Identify => format!("identify trait `{path}`"),
        PropertyOwner::Group(g) => format!("property `{path}` of group `{}`", g.key.value),
        PropertyOwner::Context => format!("context property `{path}`"),
    }
}

/// The words of a name, lowercased: `billingEmail`, `billing_email`,
/// `Billing Email` and `IPAddress` give `[billing, email]` / `[ip, address]`.
/// Rules that look for meaning in names match these whole words, so `ip`
/// never matches inside `relationship`.
pub fn words(name: &str) -> Vec<String> {
    super::casing::words(name)
        .into_iter()
        .map(str::to_lowercase)
        .collect()
}

/// The forms of a name's last word that [`ends_with_words`] accepts for a
/// phrase's last word: as written, without trailing digits, without a
/// plural ending.
pub fn last_word_forms(word: &str) -> [Option<&str>; 4] {
    [
        Some(word),
        Some(word.trim_end_matches(|c: char| c.is_ascii_digit())),
        word.strip_suffix("es"),
        word.strip_suffix('s'),
    ]
}

/// Does `words` end with `phrase`, allowing a plural or numbered last word
/// (`emails`, `ip_addresses`, `address_line2`)?
pub fn ends_with_words(words: &[String], phrase: &[&str]) -> bool {
    let Some((last, init)) = phrase.split_last() else {
        return false;
    };
    let Some((w_last, w_init)) = words.split_last() else {
        return false;
    };
    last_word_forms(w_last).contains(&Some(*last))
        && w_init.len() >= init.len()
        && w_init
            .iter()
            .rev()
            .zip(init.iter().rev())
            .all(|(a, b)| a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_separators_and_case() {
        assert_eq!(words("billing_email"), ["billing", "email"]);
        assert_eq!(words("billingEmail"), ["billing", "email"]);
        assert_eq!(words("Order Completed"), ["order", "completed"]);
        assert_eq!(words("IPAddress"), ["ip", "address"]);
        assert_eq!(words("userIP"), ["user", "ip"]);
        assert_eq!(words("SignedUp"), ["signed", "up"]);
        assert_eq!(words("sign-up--completed"), ["sign", "up", "completed"]);
        assert_eq!(words("address2"), ["address2"]);
        assert_eq!(words("address2Line"), ["address2", "line"]);
        assert!(words("__").is_empty());
    }

    #[test]
    fn ends_with_words_matches_whole_words_and_plurals() {
        let w = |s| words(s);
        assert!(ends_with_words(&w("billing_email"), &["email"]));
        assert!(ends_with_words(&w("emails"), &["email"]));
        assert!(ends_with_words(&w("ip_addresses"), &["ip", "address"]));
        assert!(ends_with_words(&w("first_name"), &["first", "name"]));
        assert!(!ends_with_words(&w("plan_name"), &["first", "name"]));
        assert!(!ends_with_words(&w("relationship"), &["ip"]));
        assert!(!ends_with_words(&w("email_domain"), &["email"]));
        assert!(!ends_with_words(&w("name"), &["first", "name"]));
        assert!(!ends_with_words(&w(""), &["email"]));
        assert!(ends_with_words(&w("address_line2"), &["address", "line"]));
    }
}
