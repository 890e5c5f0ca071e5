//! File names derived from plan names (events, groups), and the checks
//! that keep every output path inside its output directory.
//!
//! Event names are arbitrary user text: `../../x`, `CON`, `a/b`, NUL bytes,
//! emoji, 300-character names, and `Signed Up` next to `signed-up`. A file
//! name derived from one must be safe on Linux, macOS and Windows alike (a
//! plan built on one is committed and checked out on the others), so names
//! become lowercase ASCII slugs, and names whose slugs clash get a suffix
//! from a hash of the full name, which does not depend on plan order.

use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashSet};

/// Longest slug kept before the hash suffix; well under every file system's
/// 255-byte limit once an extension like `.schema.json` is added.
pub const MAX_SLUG_LEN: usize = 80;

/// Names Windows reserves for devices, with or without an extension.
const WINDOWS_RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
    "com8", "com9", "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    "conin$", "conout$",
];

/// A lowercase `a-z0-9-` slug of `name`, never empty, never a reserved
/// device name, at most [`MAX_SLUG_LEN`] bytes. Not unique on its own: use
/// [`unique_slugs`] for a set of names.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut dash = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    out.truncate(MAX_SLUG_LEN);
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        return "unnamed".to_string();
    }
    if WINDOWS_RESERVED.contains(&out.as_str()) {
        out.push_str("-name");
    }
    out
}

/// 8 hex digits of the name's SHA-256: stable across runs and machines.
fn hash_suffix(name: &str) -> String {
    let digest = Sha256::digest(name.as_bytes());
    digest.iter().take(4).map(|b| format!("{b:02x}")).collect()
}

/// One unique slug per name, in the same order. Names whose slugs clash
/// (`Signed Up`, `signed-up`, `SIGNED_UP`), or whose slug was cut short,
/// get `-` and 8 hex digits of the name's SHA-256. The result depends only
/// on the set of names, not their order.
pub fn unique_slugs(names: &[&str]) -> Vec<String> {
    let base: Vec<String> = names.iter().map(|n| slug(n)).collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for b in &base {
        *counts.entry(b.as_str()).or_default() += 1;
    }
    let mut out: Vec<String> = names
        .iter()
        .zip(&base)
        .map(|(name, b)| {
            let truncated = name.len() > MAX_SLUG_LEN && b.len() >= MAX_SLUG_LEN - 1;
            if counts.get(b.as_str()).copied().unwrap_or(0) > 1 || truncated {
                format!("{b}-{}", hash_suffix(name))
            } else {
                b.clone()
            }
        })
        .collect();
    // A suffixed slug could, in theory, equal another name's plain slug, and
    // two equal names would share a hash: number any that still clash, in
    // the order of the names' sorted text so the result stays order-free.
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by(|&a, &b| names[a].cmp(names[b]).then(a.cmp(&b)));
    let mut seen: HashSet<String> = HashSet::new();
    for i in order {
        let mut candidate = out[i].clone();
        let mut n = 2;
        while !seen.insert(candidate.clone()) {
            candidate = format!("{}-{n}", out[i]);
            n += 1;
        }
        out[i] = candidate;
    }
    out
}

/// Why a relative output path is not safe to write, or `None` when it is:
/// `/`-separated, no empty, `.` or `..` component, no absolute path or drive,
/// no backslash, colon, control character or character Windows forbids, no
/// reserved device name, no trailing dot or space, components under 255 bytes.
pub fn unsafe_path_reason(path: &str) -> Option<String> {
    if path.is_empty() {
        return Some("the path is empty".into());
    }
    if path.starts_with('/') {
        return Some("the path is absolute".into());
    }
    for component in path.split('/') {
        if let Some(reason) = unsafe_component_reason(component) {
            return Some(reason);
        }
    }
    None
}

fn unsafe_component_reason(c: &str) -> Option<String> {
    if c.is_empty() {
        return Some("the path has an empty component (`//` or a trailing `/`)".into());
    }
    if c == "." || c == ".." {
        return Some(format!("the path has a `{c}` component"));
    }
    if c.len() > 255 {
        return Some("a path component is longer than 255 bytes".into());
    }
    if let Some(bad) = c
        .chars()
        .find(|ch| ch.is_control() || matches!(ch, '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|'))
    {
        return Some(format!(
            "the path has a character file systems reject ({bad:?})"
        ));
    }
    if c.ends_with('.') || c.ends_with(' ') {
        return Some("a path component ends with a dot or a space".into());
    }
    let stem = c
        .split('.')
        .next()
        .unwrap_or(c)
        .trim_end()
        .to_ascii_lowercase();
    if WINDOWS_RESERVED.contains(&stem.as_str()) {
        return Some(format!("`{c}` is a reserved device name on Windows"));
    }
    None
}

/// Why an `out:` path from trackc.yaml is unsafe, or `None`: it must be
/// relative, below the config's directory (no `..`), and not the config's
/// directory itself (the stale-file sweep would cover the whole project).
pub fn unsafe_config_out_reason(out: &std::path::Path) -> Option<String> {
    use std::path::Component;
    if out.as_os_str().is_empty() {
        return Some("`out` is empty".into());
    }
    let mut normal = 0;
    for c in out.components() {
        match c {
            Component::Normal(_) => normal += 1,
            Component::CurDir => {}
            Component::ParentDir => {
                return Some("`out` may not contain `..`: outputs stay below trackc.yaml".into());
            }
            Component::RootDir | Component::Prefix(_) => {
                return Some(
                    "`out` must be relative to trackc.yaml's directory, not absolute".into(),
                );
            }
        }
    }
    if normal == 0 {
        return Some("`out` must name a directory below trackc.yaml's, not `.` itself".into());
    }
    let text = out.to_string_lossy().replace('\\', "/");
    let trimmed: Vec<&str> = text
        .split('/')
        .filter(|c| !c.is_empty() && *c != ".")
        .collect();
    unsafe_path_reason(&trimmed.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_ascii_and_never_empty() {
        assert_eq!(slug("Invoice Created"), "invoice-created");
        assert_eq!(slug("  --Signed__Up!! "), "signed-up");
        assert_eq!(slug("../../x"), "x");
        assert_eq!(slug("a/b"), "a-b");
        assert_eq!(slug("a\\b"), "a-b");
        assert_eq!(slug("..."), "unnamed");
        assert_eq!(slug(""), "unnamed");
        assert_eq!(slug("購入完了"), "unnamed");
        assert_eq!(slug("nul\0byte"), "nul-byte");
        for s in [
            "Invoice Created",
            "../../x",
            "C:\\Windows",
            "a/b",
            "\0",
            "é",
            "x y z",
        ] {
            let out = slug(s);
            assert!(
                out.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{s:?} -> {out:?}"
            );
            assert!(!out.starts_with('-') && !out.ends_with('-'), "{out}");
            assert_eq!(unsafe_path_reason(&format!("{out}.md")), None, "{out}");
        }
    }

    #[test]
    fn windows_device_names_are_renamed() {
        for name in ["CON", "con", "Nul", "AUX", "COM1", "lpt9", "prn"] {
            let s = slug(name);
            assert!(!WINDOWS_RESERVED.contains(&s.as_str()), "{name} -> {s}");
            assert_eq!(unsafe_path_reason(&format!("{s}.schema.json")), None);
        }
        assert_eq!(slug("CON"), "con-name");
        // Not a device name: a longer word that starts like one.
        assert_eq!(slug("Console Opened"), "console-opened");
    }

    #[test]
    fn long_names_are_cut_and_stay_unique() {
        let a = "x".repeat(300);
        let b = format!("{}y", "x".repeat(299));
        let slugs = unique_slugs(&[&a, &b]);
        assert_ne!(slugs[0], slugs[1]);
        for s in &slugs {
            assert!(s.len() <= MAX_SLUG_LEN + 9, "{} bytes", s.len());
            assert_eq!(unsafe_path_reason(&format!("events/{s}.schema.json")), None);
        }
    }

    #[test]
    fn clashing_names_get_hash_suffixes_independent_of_order() {
        let names = ["Signed Up", "signed-up", "SIGNED_UP", "Logged In"];
        let slugs = unique_slugs(&names);
        assert_eq!(slugs[3], "logged-in");
        let set: HashSet<_> = slugs.iter().map(|s| s.to_ascii_lowercase()).collect();
        assert_eq!(set.len(), 4, "{slugs:?}");
        for s in &slugs[..3] {
            assert!(s.starts_with("signed-up-") && s.len() == "signed-up-".len() + 8);
        }
        let reversed: Vec<&str> = names.iter().rev().copied().collect();
        let mut again = unique_slugs(&reversed);
        again.reverse();
        assert_eq!(slugs, again);
    }

    #[test]
    fn duplicate_names_and_suffix_lookalikes_still_get_unique_slugs() {
        let clash = format!("signed-up-{}", hash_suffix("Signed Up"));
        let names = ["Signed Up", "signed up", clash.as_str(), "Signed Up"];
        let slugs = unique_slugs(&names);
        let set: HashSet<_> = slugs.iter().collect();
        assert_eq!(set.len(), names.len(), "{slugs:?}");
    }

    /// Thousands of awkward names built from a pool of troublesome pieces:
    /// every slug is safe, and no two clash even ignoring case.
    #[test]
    fn generated_awkward_names_always_get_safe_distinct_slugs() {
        let pieces = [
            "Signed", "signed", "SIGNED", " ", "_", "-", "/", "\\", "..", ".", "CON", "nul",
            "com1", "\0", "\n", "é", "É", "😀", ":", "*", "?", "\"", "<", ">", "|", "Up", "up",
            "x", "1",
        ];
        let mut state: u64 = 0x2545F4914F6CDD1D;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut names: Vec<String> = Vec::new();
        for _ in 0..5000 {
            let len = 1 + next() % 6;
            let name: String = (0..len)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect();
            names.push(name);
        }
        names.push("y".repeat(400));
        names.push(format!("{}z", "y".repeat(399)));
        names.sort();
        names.dedup();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let slugs = unique_slugs(&refs);
        let mut folded = HashSet::new();
        for (name, s) in names.iter().zip(&slugs) {
            assert_eq!(
                unsafe_path_reason(&format!("events/{s}.schema.json")),
                None,
                "{name:?} -> {s}"
            );
            assert!(s.len() <= MAX_SLUG_LEN + 12, "{name:?} -> {s}");
            assert!(folded.insert(s.to_lowercase()), "{name:?} -> {s} clashes");
        }
    }

    #[test]
    fn unsafe_paths_are_named() {
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a//b",
            "a/",
            "./a",
            "a\\..\\b",
            "C:x",
            "CON",
            "con.md",
            "events/NUL.schema.json",
            "a\0b",
            "a\nb",
            "trailing.",
            "trailing ",
            "a|b",
        ] {
            assert!(unsafe_path_reason(bad).is_some(), "{bad:?} accepted");
        }
        let long = "x".repeat(256);
        assert!(unsafe_path_reason(&long).is_some());
        for good in [
            "README.md",
            "events/invoice-created.md",
            "a/b/c.schema.json",
        ] {
            assert_eq!(unsafe_path_reason(good), None, "{good}");
        }
    }

    #[test]
    fn config_out_paths_stay_below_the_config() {
        use std::path::Path;
        for bad in ["", ".", "./", "../x", "a/../../x", "/abs", "docs/CON"] {
            assert!(
                unsafe_config_out_reason(Path::new(bad)).is_some(),
                "{bad:?} accepted"
            );
        }
        for good in [
            "generated/",
            "docs/tracking-plan",
            "./generated/web/analytics.ts",
        ] {
            assert_eq!(unsafe_config_out_reason(Path::new(good)), None, "{good}");
        }
    }
}
