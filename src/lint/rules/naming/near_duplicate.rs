crate::declare_rule! {
    /// Two event names, or two property names, that look like one name written twice.
    ///
    /// ## What it does
    /// Compares names folded to lower case without separators and reports
    /// two events, or two property names anywhere in the plan, that are
    /// - one edit apart (a letter added, dropped, changed or two letters
    ///   swapped: `Invoice Sent` / `Invoices Sent`), for names of five or more
    ///   folded characters, unless the edit touches a digit (`Step 1 Done` /
    ///   `Step 2 Done` are different steps);
    /// - the same words in another order (`Email Updated` / `Updated Email`);
    /// - for properties in different lists, the same name in another casing
    ///   (`plan_tier` in one event, `planTier` in another).
    ///
    /// Names equal after folding within one list are `naming/collision`
    /// errors instead. Names are looked up in an index of their one-letter
    /// deletions, so the rule never compares every pair and stays fast on
    /// plans with tens of thousands of events.
    ///
    /// ## Why
    /// Near-duplicates are usually one thing named twice by two people, and
    /// its data ends up split between them. If both are intended, silence
    /// the rule for one of them with `lint_ignore`.
    ///
    /// ## Fails
    /// ```yaml
    /// events:
    ///   Email Updated:
    ///     description: The user changed their email address.
    ///     owner: growth
    ///     side: server
    ///   Updated Email:
    ///     description: The user changed their email address, again.
    ///     owner: growth
    ///     side: server
    /// ```
    ///
    /// ## Passes
    /// ```yaml
    /// events:
    ///   Email Updated:
    ///     description: The user changed their email address.
    ///     owner: growth
    ///     side: server
    ///   Password Updated:
    ///     description: The user changed their password.
    ///     owner: growth
    ///     side: server
    /// ```
    pub static RULE = ("naming/near-duplicate", Warning);
}

use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;
use crate::lint::casing::words;
use crate::lint::util::fold;
use crate::model::Name;
use std::collections::{HashMap, HashSet};

/// Names shorter than this (folded) are too short for edit distance: `Card`
/// and `Cart` are different words, not a typo.
const MIN_EDIT_LEN: usize = 5;

/// A bucket this crowded is a naming scheme (`Step 1`..`Step 90`), not a
/// typo; skipping it keeps the rule linear on generated plans.
const MAX_BUCKET: usize = 64;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let events: Vec<&Name> = cx.plan.events.iter().map(|e| &e.name).collect();
    for (later, earlier, why) in near_duplicates(&events, true) {
        out.push(diag(
            ("event", "events"),
            events[later],
            events[earlier],
            why,
        ));
    }

    // Distinct property names in order of first appearance, and the pairs
    // already reported as collisions (equal folds within one list).
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut names: Vec<&Name> = Vec::new();
    let mut folds: Vec<String> = Vec::new();
    let mut collided: HashSet<(usize, usize)> = HashSet::new();
    let mut ids: Vec<usize> = Vec::new();
    for list in super::property_lists(cx.plan) {
        ids.clear();
        for p in list.properties.iter().filter(|p| !super::is_items_entry(p)) {
            ids.push(*index.entry(&p.name.value).or_insert_with(|| {
                names.push(&p.name);
                folds.push(fold(&p.name.value));
                names.len() - 1
            }));
        }
        if ids.len() > 1 {
            ids.sort_unstable_by(|&a, &b| folds[a].cmp(&folds[b]).then(a.cmp(&b)));
            for same in ids.chunk_by(|&a, &b| folds[a] == folds[b]) {
                for (k, &a) in same.iter().enumerate() {
                    for &b in &same[..k] {
                        collided.insert((a.max(b), a.min(b)));
                    }
                }
            }
        }
    }
    for (later, earlier, why) in near_duplicates(&names, false) {
        if !collided.contains(&(later, earlier)) {
            out.push(diag(
                ("property", "properties"),
                names[later],
                names[earlier],
                why,
            ));
        }
    }
}

fn diag((one, kind): (&str, &str), later: &Name, earlier: &Name, why: &str) -> Diagnostic {
    RULE.diag(format!(
        "`{}` and `{}` look like the same {one}: {why}",
        later.value, earlier.value,
    ))
    .label(later.span, format!("looks like `{}`", earlier.value))
    .label(earlier.span, format!("`{}` defined here", earlier.value))
    .help(format!(
        "if they mean the same thing, keep one name; if they are different {kind}, add \
         `lint_ignore: [naming/near-duplicate]` to `{}`",
        later.value
    ))
}

/// Pairs `(later, earlier)` of indexes into `names` that look alike, each
/// pair once, in order. Equal folds are left to naming/collision when
/// `same_list` (one list); across lists they are reported as a casing variant.
fn near_duplicates(names: &[&Name], same_list: bool) -> Vec<(usize, usize, &'static str)> {
    let folded: Vec<String> = names.iter().map(|n| fold(&n.value)).collect();
    let mut found: Vec<(usize, usize, &'static str)> = Vec::new();
    let mut seen: HashSet<(usize, usize)> = HashSet::new();
    let mut add = |a: usize, b: usize, why: &'static str, found: &mut Vec<_>| {
        let pair = (a.max(b), a.min(b));
        if pair.0 != pair.1 && seen.insert(pair) {
            found.push((pair.0, pair.1, why));
        }
    };

    // Same fold: one name in two casings.
    if !same_list {
        let mut by_fold: HashMap<&str, usize> = HashMap::new();
        for (i, f) in folded.iter().enumerate() {
            if f.is_empty() {
                continue;
            }
            match by_fold.get(f.as_str()) {
                Some(&first) => add(i, first, "the same name in another casing", &mut found),
                None => {
                    by_fold.insert(f, i);
                }
            }
        }
    }

    // Same words, another order: names grouped by a hash of their sorted
    // lower-case words (confirmed on the words themselves).
    let mut by_words: Vec<(u64, u32)> = Vec::new();
    for (i, n) in names.iter().enumerate() {
        if let Some(h) = word_set_hash(&n.value) {
            by_words.push((h, i as u32));
        }
    }
    by_words.sort_unstable();
    for run in by_words.chunk_by(|x, y| x.0 == y.0) {
        if run.len() > MAX_BUCKET {
            continue;
        }
        for (k, x) in run.iter().enumerate() {
            for y in &run[..k] {
                let (a, b) = (x.1 as usize, y.1 as usize);
                if folded[a] != folded[b]
                    && sorted_words(&names[a].value) == sorted_words(&names[b].value)
                {
                    add(a, b, "the same words in another order", &mut found);
                }
            }
        }
    }

    // One edit apart: every name is indexed under itself and each of its
    // one-character deletions; two names one edit apart share a key. Keys
    // are hashes (checked afterwards, so a hash clash costs nothing but a
    // comparison), sorted rather than put in a map, to keep this cheap on
    // plans with tens of thousands of events.
    let mut keys: Vec<(u64, u32, u32)> = Vec::new();
    for (i, f) in folded.iter().enumerate() {
        let chars: Vec<char> = f.chars().collect();
        if chars.len() < MIN_EDIT_LEN {
            continue;
        }
        deletion_keys(&chars, |hash, len| keys.push((hash, len, i as u32)));
    }
    keys.sort_unstable();
    for run in keys.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)) {
        if run.len() < 2 || run.len() > MAX_BUCKET {
            continue;
        }
        for (k, x) in run.iter().enumerate() {
            for y in &run[..k] {
                let (a, b) = (x.2 as usize, y.2 as usize);
                if a != b
                    && folded[a] != folded[b]
                    && strsim::osa_distance(&folded[a], &folded[b]) == 1
                    && !edit_touches_digit(&folded[a], &folded[b])
                {
                    add(a, b, "one letter apart", &mut found);
                }
            }
        }
    }
    found.sort_unstable_by_key(|&(a, b, _)| (a, b));
    found
}

/// Calls `emit(hash, length)` for `chars` itself and for each distinct
/// string `chars` gives with one non-digit character deleted, in O(length): a
/// polynomial hash (mod 2^64) built from prefix and suffix hashes.
fn deletion_keys(chars: &[char], mut emit: impl FnMut(u64, u32)) {
    const P: u64 = 0x100_0000_01b3;
    let n = chars.len();
    let code = |c: char| c as u64 + 1;
    // prefix[k]: Horner hash of chars[..k].
    let mut prefix = Vec::with_capacity(n + 1);
    prefix.push(0u64);
    for (k, &c) in chars.iter().enumerate() {
        prefix.push(prefix[k].wrapping_mul(P).wrapping_add(code(c)));
    }
    emit(prefix[n], n as u32);
    // Walking k down: `suffix` is the sum of chars[j] * P^(n-1-j) for j > k,
    // `shift` is P^(n-1-k).
    let (mut suffix, mut shift) = (0u64, 1u64);
    for k in (0..n).rev() {
        // Deleting either of two equal neighbours gives the same string.
        // Digits are never deleted: an edit on a digit (`Step 1` / `Step 2`,
        // `Step 1` / `Step 10`) is not a near-duplicate, and numbered names
        // would otherwise crowd the same keys.
        if (k == 0 || chars[k] != chars[k - 1]) && !chars[k].is_ascii_digit() {
            emit(
                prefix[k].wrapping_mul(shift).wrapping_add(suffix),
                n as u32 - 1,
            );
        }
        suffix = suffix.wrapping_add(code(chars[k]).wrapping_mul(shift));
        shift = shift.wrapping_mul(P);
    }
}

/// The lower-case words of a name, sorted; `None` for fewer than two words.
fn sorted_words(name: &str) -> Option<Vec<String>> {
    let mut ws: Vec<String> = words(name).iter().map(|w| w.to_lowercase()).collect();
    if ws.len() < 2 {
        return None;
    }
    ws.sort_unstable();
    Some(ws)
}

/// A hash of [`sorted_words`], to group names by it.
fn word_set_hash(name: &str) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    let mut ws = words(name);
    if ws.len() < 2 {
        return None;
    }
    let lower = |w: &str| {
        w.chars()
            .flat_map(char::to_lowercase)
            .collect::<Vec<char>>()
    };
    let mut keyed: Vec<Vec<char>> = ws.drain(..).map(lower).collect();
    keyed.sort_unstable();
    let mut h = std::hash::DefaultHasher::new();
    keyed.hash(&mut h);
    Some(h.finish())
}

/// Does the difference between two strings one edit apart involve a digit?
fn edit_touches_digit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let room = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    a[prefix..a.len() - suffix]
        .iter()
        .chain(&b[prefix..b.len() - suffix])
        .any(char::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Spanned;

    fn pairs(names: &[&str]) -> Vec<(usize, usize, &'static str)> {
        let owned: Vec<Name> = names
            .iter()
            .map(|n| Spanned::new(n.to_string(), Default::default()))
            .collect();
        let refs: Vec<&Name> = owned.iter().collect();
        near_duplicates(&refs, true)
    }

    #[test]
    fn finds_one_edit_and_reordered_words() {
        assert_eq!(
            pairs(&["Invoice Sent", "Invoices Sent"]),
            [(1, 0, "one letter apart")]
        );
        assert_eq!(
            pairs(&["Invoice Sent", "Invocie Sent"]),
            [(1, 0, "one letter apart")]
        );
        assert_eq!(
            pairs(&["Email Updated", "Updated Email"]),
            [(1, 0, "the same words in another order")]
        );
        assert_eq!(
            pairs(&["Seat Added", "Seat Addded"]),
            [(1, 0, "one letter apart")]
        );
    }

    #[test]
    fn leaves_digits_short_names_collisions_and_distinct_names_alone() {
        assert!(pairs(&["Step 1 Done", "Step 2 Done", "Step 10 Done"]).is_empty());
        assert!(pairs(&["Card", "Cart"]).is_empty());
        assert!(pairs(&["Signed Up", "signed_up"]).is_empty());
        assert!(
            pairs(&[
                "Invoice Sent",
                "Invoice Paid",
                "Invoice Viewed",
                "Invoice Voided"
            ])
            .is_empty()
        );
        assert_eq!(
            pairs(&["Tab Open", "Open Tab"]).len(),
            1,
            "word order applies to short names too"
        );
    }

    #[test]
    fn a_deletion_key_equals_the_key_of_the_shorter_string() {
        let keys = |s: &str| {
            let chars: Vec<char> = s.chars().collect();
            let mut v = Vec::new();
            deletion_keys(&chars, |h, l| v.push((h, l)));
            v
        };
        let own = |s: &str| keys(s)[0];
        let abxcd = keys("abxcd");
        for shorter in ["bxcd", "axcd", "abcd", "abxd", "abxc"] {
            assert!(abxcd.contains(&own(shorter)), "{shorter}");
        }
        assert!(
            !keys("ab1c").contains(&own("abc")),
            "digits are not deleted"
        );
        assert!(!abxcd.contains(&own("abcde")));
        assert_eq!(keys("aab").len(), 3, "one key for deleting either `a`");
    }

    #[test]
    fn casing_variants_count_across_lists() {
        let owned: Vec<Name> = ["plan_tier", "planTier"]
            .iter()
            .map(|n| Spanned::new(n.to_string(), Default::default()))
            .collect();
        let refs: Vec<&Name> = owned.iter().collect();
        assert_eq!(
            near_duplicates(&refs, false),
            [(1, 0, "the same name in another casing")]
        );
    }
}
