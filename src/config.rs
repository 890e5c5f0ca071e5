//! `trackc.yaml`: where the plan is, rule severities, build outputs.
//!
//! The config is read with the same spanned YAML tree as plans, so its errors
//! carry a line and column. An invalid config is exit 2: the command cannot
//! run as the user asked.

use crate::diagnostic::Severity;
use crate::lint::RuleSettings;
use crate::lint::util::suggestion;
use crate::model::Side;
use crate::source::SourceFile;
use crate::yaml::{self, Node, Value};
use std::fmt;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "trackc.yaml";

#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The config file, when one was found.
    pub path: Option<PathBuf>,
    /// The directory paths in the config are relative to (the config's
    /// directory, or the working directory without a config).
    pub root: PathBuf,
    pub plan: Option<PathBuf>,
    pub rules: RuleSettings,
    pub build: BuildConfig,
}

#[derive(Clone, Debug, Default)]
pub struct BuildConfig {
    pub outputs: Vec<OutputConfig>,
    /// Users' own templates, overriding or adding targets.
    pub templates_dir: Option<PathBuf>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OutputConfig {
    pub target: String,
    /// Relative to the config's directory.
    pub out: PathBuf,
    /// Only events emitted from these sources (empty: no filter).
    pub sources: Vec<String>,
    /// Only events on this side.
    pub side: Option<Side>,
    /// JSON Schema: `additionalProperties` (default false).
    pub additional_properties: Option<bool>,
}

#[derive(Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Line 0: about the whole file (it could not be read), no position.
        if self.line == 0 {
            return write!(f, "{}: {}", self.path.display(), self.message);
        }
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

impl std::error::Error for ConfigError {}

/// Finds `trackc.yaml` in `dir` or its parents.
pub fn find(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// Loads the config found from `cwd`, or the default config.
pub fn discover(cwd: &Path) -> Result<Config, ConfigError> {
    match find(cwd) {
        Some(path) => load(&path),
        None => Ok(Config {
            root: cwd.to_path_buf(),
            ..Default::default()
        }),
    }
}

pub const TARGETS: &[&str] = &[
    "typescript",
    "python",
    "rust",
    "go",
    "java",
    "kotlin",
    "swift",
    "jsonschema",
    "markdown",
];

pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let fail = |line, column, message: String| ConfigError {
        path: path.to_path_buf(),
        line,
        column,
        message,
    };
    let bytes = std::fs::read(path).map_err(|e| fail(0, 0, crate::load::io_reason(&e)))?;
    let bytes = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let lc = SourceFile::new(path.to_path_buf(), lossy).line_col(valid);
            return Err(fail(
                lc.line,
                lc.column,
                "file is not valid UTF-8; re-save it as UTF-8".into(),
            ));
        }
    };
    let file = SourceFile::new(path.to_path_buf(), text);
    let parsed = yaml::parse(Default::default(), &file);
    let at = |node: &Node| {
        let lc = file.line_col(node.span.start as usize);
        (lc.line, lc.column)
    };
    if let Some(p) = parsed.problems.first() {
        let lc = file.line_col(p.span.start as usize);
        return Err(fail(lc.line, lc.column, p.message.clone()));
    }
    let root_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut config = Config {
        path: Some(path.to_path_buf()),
        root: root_dir,
        ..Default::default()
    };
    let Some(root) = parsed.root else {
        return Ok(config);
    };
    let err = |node: &Node, message: String| {
        let (l, c) = at(node);
        fail(l, c, message)
    };
    let map = |node: &Node, what: &str| -> Result<Vec<(String, Node)>, ConfigError> {
        match &node.value {
            Value::Map(entries) => Ok(entries
                .iter()
                .map(|e| {
                    (
                        e.key.as_str().unwrap_or_default().to_string(),
                        e.value.clone(),
                    )
                })
                .collect()),
            _ if node.is_null() => Ok(Vec::new()),
            _ => Err(err(node, format!("{what} must be a mapping"))),
        }
    };
    let keys = |node: &Node, allowed: &[&str], place: &str| -> Result<(), ConfigError> {
        if let Value::Map(entries) = &node.value {
            for e in entries {
                let k = e.key.as_str().unwrap_or_default();
                if !allowed.contains(&k) {
                    let hint = suggestion(k, allowed.iter().copied())
                        .unwrap_or_else(|| format!("known keys: {}", allowed.join(", ")));
                    return Err(err(&e.key, format!("unknown key `{k}` {place}; {hint}")));
                }
            }
        }
        Ok(())
    };
    let string = |node: &Node, what: &str| -> Result<String, ConfigError> {
        node.as_str()
            .filter(|_| !node.is_null())
            .map(str::to_string)
            .ok_or_else(|| err(node, format!("`{what}` must be a string")))
    };

    // The `target` node of each output, for the check below.
    let mut targets = Vec::new();
    keys(&root, &["plan", "lint", "build"], "in trackc.yaml")?;
    for (k, v) in map(&root, "trackc.yaml")? {
        match k.as_str() {
            "plan" => config.plan = Some(PathBuf::from(string(&v, "plan")?)),
            "lint" => {
                keys(&v, &["rules"], "in `lint`")?;
                for (lk, lv) in map(&v, "`lint`")? {
                    if lk != "rules" {
                        continue;
                    }
                    let Value::Map(entries) = &lv.value else {
                        return Err(err(
                            &lv,
                            "`lint.rules` must map rule ids to error, warn or off".into(),
                        ));
                    };
                    for e in entries {
                        let id = e.key.as_str().unwrap_or_default();
                        if crate::lint::registry::lookup(id).is_none() {
                            let hint = suggestion(id, crate::lint::registry::ids())
                                .unwrap_or_else(|| "`trackc rules` lists them".into());
                            return Err(err(&e.key, format!("`{id}` is not a lint rule; {hint}")));
                        }
                        let sev = match e.value.as_str() {
                            Some("error") => Some(Severity::Error),
                            Some("warn" | "warning") => Some(Severity::Warning),
                            Some("off") => None,
                            _ => {
                                return Err(err(
                                    &e.value,
                                    format!("severity of `{id}` must be error, warn or off"),
                                ));
                            }
                        };
                        config.rules.overrides.insert(id.to_string(), sev);
                    }
                }
            }
            "build" => {
                keys(&v, &["outputs", "templates_dir"], "in `build`")?;
                for (bk, bv) in map(&v, "`build`")? {
                    match bk.as_str() {
                        "templates_dir" => {
                            config.build.templates_dir =
                                Some(PathBuf::from(string(&bv, "templates_dir")?))
                        }
                        "outputs" => {
                            let Value::Seq(items) = &bv.value else {
                                return Err(err(&bv, "`build.outputs` must be a list".into()));
                            };
                            for item in items {
                                let (o, target) = output(item, &keys, &map, &string, &err)?;
                                config.build.outputs.push(o);
                                targets.push(target);
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    // Checked once `templates_dir` is known, which may come after `outputs`
    // and may add targets. Every verb loads the config, so `check` in a
    // pre-commit hook fails on the same config that `build` would refuse.
    let templates_dir = config
        .build
        .templates_dir
        .as_ref()
        .map(|d| config.root.join(d));
    for (o, node) in config.build.outputs.iter().zip(&targets) {
        if let Some(reason) = crate::build::unavailable_reason(&o.target, templates_dir.as_deref())
        {
            return Err(err(node, reason));
        }
    }
    Ok(config)
}

type KeysFn<'a> = dyn Fn(&Node, &[&str], &str) -> Result<(), ConfigError> + 'a;
type MapFn<'a> = dyn Fn(&Node, &str) -> Result<Vec<(String, Node)>, ConfigError> + 'a;
type StrFn<'a> = dyn Fn(&Node, &str) -> Result<String, ConfigError> + 'a;
type ErrFn<'a> = dyn Fn(&Node, String) -> ConfigError + 'a;

fn output(
    item: &Node,
    keys: &KeysFn,
    map: &MapFn,
    string: &StrFn,
    err: &ErrFn,
) -> Result<(OutputConfig, Node), ConfigError> {
    keys(
        item,
        &["target", "out", "sources", "side", "additional_properties"],
        "in a build output",
    )?;
    let mut target: Option<(String, Node)> = None;
    let mut out = None;
    let mut o = OutputConfig {
        target: String::new(),
        out: PathBuf::new(),
        sources: Vec::new(),
        side: None,
        additional_properties: None,
    };
    for (k, v) in map(item, "a build output")? {
        match k.as_str() {
            "target" => target = Some((string(&v, "target")?, v)),
            "out" => {
                let path = PathBuf::from(string(&v, "out")?);
                if let Some(reason) = crate::build::names::unsafe_config_out_reason(&path) {
                    return Err(err(&v, format!("output `{}`: {reason}", path.display())));
                }
                out = Some(path);
            }
            "sources" => match &v.value {
                Value::Seq(items) => {
                    for s in items {
                        o.sources.push(string(s, "sources")?);
                    }
                }
                _ => return Err(err(&v, "`sources` must be a list of source names".into())),
            },
            "side" => {
                o.side = Some(match v.as_str() {
                    Some("client") => Side::Client,
                    Some("server") => Side::Server,
                    _ => return Err(err(&v, "`side` must be client or server".into())),
                })
            }
            "additional_properties" => match v.as_str() {
                Some("true") => o.additional_properties = Some(true),
                Some("false") => o.additional_properties = Some(false),
                _ => {
                    return Err(err(
                        &v,
                        "`additional_properties` must be true or false".into(),
                    ));
                }
            },
            _ => {}
        }
    }
    let (target, target_node) =
        target.ok_or_else(|| err(item, "a build output needs `target`".into()))?;
    o.target = target;
    o.out = out.ok_or_else(|| err(item, "a build output needs `out`".into()))?;
    Ok((o, target_node))
}
