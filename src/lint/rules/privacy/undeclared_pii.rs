use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;
use crate::lint::util::{ends_with_words, last_word_forms, property_phrase, words};
use crate::model::{Pii, Property, PropertyOwner, Type};
use std::collections::HashSet;
use std::sync::LazyLock;

crate::declare_rule! {
    /// A property named like personal data has no `pii` declaration.
    ///
    /// ## What it does
    /// Splits each property name into words (`billingEmail`,
    /// `billing_email` and `Billing Email` all give *billing email*) and
    /// reports it when the name *ends* with a personal-data word or phrase
    /// and the entry has no `pii:` key:
    ///
    /// | category | names ending in |
    /// | --- | --- |
    /// | email | `email`, `email address`, `e mail` |
    /// | phone | `phone`, `phone number`, `mobile`, `mobile number`, `telephone`, `fax` |
    /// | name | `first name`, `last name`, `full name`, `given name`, `family name`, `middle name`, `display name`, `user name`, `customer name`, `contact name`, `cardholder name`, `billing name`, `firstname`, `lastname`, `fullname`, `surname`; a bare `name` only among identify traits (on an event or a group it names a thing, not a person) |
    /// | ip | `ip`, `ip address`, `ipv4`, `ipv6` |
    /// | address | `address`, `address line`, `street`, `postcode`, `postal code`, `post code`, `zip`, `zip code`, `zipcode` |
    /// | other | `dob`, `date of birth`, `birth date`, `birthdate`, `birthday`, `ssn`, `social security number`, `national id`, `passport`, `passport number`, `iban`, `card number`, `lat`, `lng`, `lon`, `latitude`, `longitude`, `geolocation` |
    ///
    /// Plurals and trailing digits count (`emails`, `ip_addresses`,
    /// `address_line2`). Matching is on whole words
    /// at the end of the name, so `relationship` is not an `ip`,
    /// `plan_name` and `account_name` are not a person's name, and
    /// `email_domain` or `phone_country` (data *about* an email or phone, not
    /// the value itself) pass. Boolean properties (`phone_verified`,
    /// `has_email`) cannot carry personal data and are never reported.
    ///
    /// A `pii:` declaration on an object covers its nested properties; the
    /// `items` of an array are covered by the array. `pii: false` on an object
    /// speaks only for the object: its fields are still checked. An entry that reuses a
    /// shared definition is judged by the shared definition.
    ///
    /// `pii: false` is an explicit "this is not personal data" and silences
    /// the rule for that entry.
    ///
    /// ## Why
    /// Personal data in analytics has legal weight (GDPR, CCPA): it must be
    /// known, minimised, and deletable on request. Declaring it lets
    /// generated docs flag it and destinations be configured to hash or drop
    /// it. A warning, because the name alone is only a hint.
    ///
    /// ## Fails
    /// ```yaml
    /// identify:
    ///   properties:
    ///     billing_email:
    ///       type: string
    ///       description: Where invoices are sent.
    /// ```
    ///
    /// ## Passes
    /// ```yaml
    /// identify:
    ///   properties:
    ///     billing_email:
    ///       type: string
    ///       pii: email
    ///       description: Where invoices are sent.
    ///     plan_name:
    ///       type: string
    ///       description: Name of the subscribed plan.
    /// ```
    pub static RULE = ("privacy/undeclared-pii", Warning);
}

/// Word sequences a personal-data property name ends with, by category.
const PHRASES: &[(&str, &[&[&str]])] = &[
    (
        "email",
        &[&["email"], &["email", "address"], &["e", "mail"]],
    ),
    (
        "phone",
        &[
            &["phone"],
            &["phone", "number"],
            &["mobile"],
            &["mobile", "number"],
            &["telephone"],
            &["fax"],
        ],
    ),
    (
        "name",
        &[
            &["first", "name"],
            &["last", "name"],
            &["full", "name"],
            &["given", "name"],
            &["family", "name"],
            &["middle", "name"],
            &["display", "name"],
            &["user", "name"],
            &["customer", "name"],
            &["contact", "name"],
            &["cardholder", "name"],
            &["billing", "name"],
            &["firstname"],
            &["lastname"],
            &["fullname"],
            &["surname"],
        ],
    ),
    // Before `address`, so that `ip_address` is an IP address.
    ("ip", &[&["ip"], &["ip", "address"], &["ipv4"], &["ipv6"]]),
    (
        "address",
        &[
            &["address"],
            &["address", "line"],
            &["street"],
            &["postcode"],
            &["postal", "code"],
            &["post", "code"],
            &["zip"],
            &["zip", "code"],
            &["zipcode"],
        ],
    ),
    (
        "other",
        &[
            &["dob"],
            &["date", "of", "birth"],
            &["birth", "date"],
            &["birthdate"],
            &["birthday"],
            &["ssn"],
            &["social", "security", "number"],
            &["national", "id"],
            &["passport"],
            &["passport", "number"],
            &["iban"],
            &["card", "number"],
            &["lat"],
            &["lng"],
            &["lon"],
            &["latitude"],
            &["longitude"],
            &["geolocation"],
        ],
    ),
];

/// Every phrase's last word: most names end with none of them, and one
/// hash lookup rules those out.
static LAST_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    PHRASES
        .iter()
        .flat_map(|(_, phrases)| phrases.iter().filter_map(|p| p.last().copied()))
        .collect()
});

/// The `pii` category a name suggests, if any.
pub fn looks_like(name: &str, in_identify: bool) -> Option<&'static str> {
    let w = words(name);
    if in_identify && w == ["name"] {
        return Some("name");
    }
    let last = w.last()?;
    if !last_word_forms(last)
        .iter()
        .flatten()
        .any(|f| LAST_WORDS.contains(f))
    {
        return None;
    }
    PHRASES
        .iter()
        .find(|(_, phrases)| phrases.iter().any(|p| ends_with_words(&w, p)))
        .map(|(category, _)| *category)
}

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let mut seen = HashSet::new();
    for (owner, list) in cx.plan.property_lists() {
        let in_identify = matches!(owner, PropertyOwner::Identify);
        for p in list {
            walk(p, &owner, &p.name.value, 0, in_identify, &mut seen, out);
        }
    }
}

fn walk(
    p: &Property,
    owner: &PropertyOwner<'_>,
    path: &str,
    depth: usize,
    in_identify: bool,
    seen: &mut HashSet<crate::source::Span>,
    out: &mut Vec<Diagnostic>,
) {
    if matches!(&p.pii, Some(pii) if pii.value != Pii::No) {
        return; // declared personal data covers everything inside it
    }
    // A shared definition is reported where it is written, once: its nested
    // properties also reach every entry that reuses it. Top-level entries
    // are each written once, so only nested ones need remembering.
    let undeclared = !p.shared
        && p.pii.is_none()
        && p.ty.value != Type::Boolean
        && (depth == 0 || seen.insert(p.name.span));
    let category = if undeclared {
        looks_like(&p.name.value, in_identify)
    } else {
        None
    };
    if let Some(category) = category {
        out.push(
            RULE.diag(format!(
                "{} looks like personal data but has no `pii:`",
                property_phrase(owner, path)
            ))
            .label(p.name.span, format!("looks like {}", describe(category)))
            .help(format!(
                "add `pii: {category}` if it holds personal data, or `pii: false` if it does not"
            )),
        );
    }
    // Only a top-level identify trait called `name` is the user's name.
    for child in &p.properties {
        let child_path = format!("{path}.{}", child.name.value);
        walk(child, owner, &child_path, depth + 1, false, seen, out);
    }
    if let Some(items) = &p.items {
        for child in &items.properties {
            let child_path = format!("{path}[].{}", child.name.value);
            walk(child, owner, &child_path, depth + 1, false, seen, out);
        }
    }
}

fn describe(category: &str) -> &'static str {
    match category {
        "email" => "an email address",
        "phone" => "a phone number",
        "name" => "a person's name",
        "address" => "a postal address",
        "ip" => "an IP address",
        _ => "personal data",
    }
}

#[cfg(test)]
mod tests {
    use super::looks_like;

    #[test]
    fn personal_data_names_in_any_casing() {
        for (name, category) in [
            ("email", "email"),
            ("user_email", "email"),
            ("billingEmail", "email"),
            ("EmailAddress", "email"),
            ("emails", "email"),
            ("phone_number", "phone"),
            ("mobile", "phone"),
            ("first_name", "name"),
            ("lastName", "name"),
            ("Full Name", "name"),
            ("surname", "name"),
            ("ip", "ip"),
            ("ip_address", "ip"),
            ("userIP", "ip"),
            ("clientIPAddress", "ip"),
            ("ip_addresses", "ip"),
            ("shipping_address", "address"),
            ("address_line2", "address"),
            ("street", "address"),
            ("postcode", "address"),
            ("zip_code", "address"),
            ("dob", "other"),
            ("date_of_birth", "other"),
            ("birthday", "other"),
            ("ssn", "other"),
            ("passport_number", "other"),
            ("lat", "other"),
            ("lng", "other"),
            ("longitude", "other"),
        ] {
            assert_eq!(looks_like(name, false), Some(category), "{name}");
        }
    }

    #[test]
    fn whole_words_at_the_end_only() {
        for name in [
            "plan_name",
            "account_name",
            "name",
            "email_domain",
            "email_count",
            "phone_country",
            "relationship",
            "shipping_method",
            "recipient_count",
            "description",
            "latency",
            "zip_file",
            "tip",
            "dobby",
            "iphone_model",
        ] {
            assert_eq!(looks_like(name, false), None, "{name}");
        }
    }

    #[test]
    fn a_bare_name_is_a_person_only_among_identify_traits() {
        assert_eq!(looks_like("name", true), Some("name"));
        assert_eq!(looks_like("Name", true), Some("name"));
        assert_eq!(looks_like("plan_name", true), None);
    }
}
