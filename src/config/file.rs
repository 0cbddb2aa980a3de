//! `translint.toml`: parsing with spans, validation against the rule registry, and layering onto
//! [`Settings`].
//!
//! Every value is read through `toml::Spanned`, so that a wrong key, rule name or option names the
//! file and line it came from. Unknown keys are errors (`deny_unknown_fields`), never ignored: a
//! typo in a config silently doing nothing is worse than a failed run.

use super::Settings;
use crate::diagnostic::Severity;
use crate::error::{Error, Result};
use crate::rules::docs::RuleDoc;
use crate::rules::{Rule, pack};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The configuration file's name, looked for in each checked file's folder and its parents.
pub const FILE_NAME: &str = "translint.toml";

/// Names a list may use besides rule names.
const ALL: &str = "ALL";

/// `[language]`: the pair of languages the files hold.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    source: Option<Spanned<String>>,
    target: Option<Spanned<String>>,
}

type Names = Vec<Spanned<String>>;

/// `[rules.<name>]` tables: rule name → option key → value, all with spans.
type RuleTables = BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<toml::Value>>>;

/// One configuration source as written (a file, or one `--config KEY=VALUE`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawConfig {
    select: Option<Names>,
    extend_select: Option<Names>,
    ignore: Option<Names>,
    allow: Option<Vec<String>>,
    exclude: Option<Names>,
    rule_dirs: Option<Names>,
    language: Option<RawLanguage>,
    severity: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    per_file_ignores: Option<BTreeMap<Spanned<String>, Names>>,
    rules: Option<RuleTables>,
}

/// Where a [`RawConfig`] came from, to turn spans into `file:line` and resolve relative paths.
#[derive(Debug, Clone)]
pub struct Origin {
    /// A file path, or the `--config` flag's text.
    pub label: String,
    /// The TOML text (spans index into it).
    pub text: String,
    /// Folder that relative paths and globs are relative to.
    pub dir: PathBuf,
    /// True for a file (locations are `path:line`), false for a command-line override.
    pub is_file: bool,
}

impl Origin {
    /// `path:line` for a byte offset (or the flag's text for an override).
    pub fn at(&self, offset: usize) -> String {
        if !self.is_file {
            return self.label.clone();
        }
        let end = offset.min(self.text.len());
        let line = self.text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        format!("{}:{line}", self.label)
    }

    fn error(&self, offset: usize, message: impl Into<String>) -> Error {
        Error::Config {
            location: self.at(offset),
            message: message.into(),
        }
    }
}

/// Parse one source; syntax errors and unknown keys name the line, and a value of the wrong
/// type its key.
pub fn parse(origin: &Origin) -> Result<RawConfig> {
    toml::from_str(&origin.text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        let message = e.message().trim();
        match key_at(&origin.text, at) {
            Some(key) if !message.contains(" field `") => {
                origin.error(at, format!("`{key}`: {message}"))
            }
            _ => origin.error(at, message.to_string()),
        }
    })
}

/// The dotted key whose `key = value` line holds byte `offset` of a TOML text, with the table
/// it is in (`severity.stray-line`): serde's type errors name the value, not the key.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..].lines().next()?;
    let key = line.split_once('=')?.0.trim().trim_matches('"');
    if key.is_empty() || key.starts_with('[') || key.starts_with('#') {
        return None;
    }
    let table = text[..line_start].lines().rev().find_map(|l| {
        let l = l.trim();
        (l.starts_with('[') && !l.starts_with("[[")).then(|| l.trim_matches(['[', ']']).trim())
    });
    Some(match table {
        Some(t) if !t.is_empty() => format!("{t}.{key}"),
        _ => key.to_string(),
    })
}

/// Read and parse a configuration file.
pub fn load_file(path: &Path) -> Result<(Origin, RawConfig)> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })?;
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let origin = Origin {
        label: path.display().to_string(),
        text,
        dir: abs.parent().map_or_else(PathBuf::new, Path::to_path_buf),
        is_file: true,
    };
    let raw = parse(&origin)?;
    Ok((origin, raw))
}

/// Parse a `--config KEY=VALUE` override (TOML syntax, e.g. `rules.x.min-similarity = 0.8`).
pub fn parse_override(text: &str) -> Result<(Origin, RawConfig)> {
    let origin = Origin {
        label: format!("--config '{text}'"),
        text: text.to_string(),
        dir: std::env::current_dir().unwrap_or_default(),
        is_file: false,
    };
    let raw = parse(&origin)?;
    Ok((origin, raw))
}

/// Load the packs named in `rule-dirs` into `settings.pack_rules`.
pub fn load_rule_dirs(settings: &mut Settings, origin: &Origin, raw: &RawConfig) -> Result<()> {
    for dir in raw.rule_dirs.iter().flatten() {
        let path = origin.dir.join(dir.get_ref());
        if !path.is_dir() {
            return Err(origin.error(
                dir.span().start,
                format!("`rule-dirs`: `{}` is not a folder", path.display()),
            ));
        }
        for rule in pack::load_dir(&path)? {
            let name = rule.meta().name;
            if settings.find_rule(name).is_some() {
                if settings.pack_rules.iter().any(|r| std::ptr::eq(*r, rule)) {
                    continue;
                }
                return Err(origin.error(
                    dir.span().start,
                    format!("rule `{name}` from `{}` is already defined", path.display()),
                ));
            }
            settings.pack_rules.push(rule);
        }
    }
    Ok(())
}

fn check_name(
    settings: &Settings,
    origin: &Origin,
    key: &str,
    name: &Spanned<String>,
    all_ok: bool,
) -> Result<()> {
    let n = name.get_ref();
    if (all_ok && n == ALL) || settings.find_rule(n).is_some() {
        return Ok(());
    }
    let mut message = format!("`{key}`: unknown rule `{n}`");
    if let Some(best) = settings.closest_rule(n) {
        message.push_str(&format!(" (did you mean `{best}`?)"));
    } else {
        message.push_str(" (run `translint rules` for the list)");
    }
    Err(origin.error(name.span().start, message))
}

fn glob(origin: &Origin, key: &str, pattern: &Spanned<String>) -> Result<globset::GlobMatcher> {
    globset::GlobBuilder::new(pattern.get_ref())
        .literal_separator(true)
        .build()
        .map(|g| g.compile_matcher())
        .map_err(|e| {
            origin.error(
                pattern.span().start,
                format!("`{key}`: bad glob `{}`: {e}", pattern.get_ref()),
            )
        })
}

/// The TOML type of a documented option, from its default value's text.
fn option_type(default: &str) -> Option<&'static str> {
    let v: toml::Value = toml::from_str::<toml::Table>(&format!("v = {default}"))
        .ok()?
        .remove("v")?;
    Some(v.type_str())
}

/// Layer a validated source onto `settings`: `select` replaces, lists append, tables merge key by
/// key (later sources win).
pub fn apply(settings: &mut Settings, origin: &Origin, raw: RawConfig) -> Result<()> {
    let names = |list: &Option<Names>, key: &str, settings: &Settings| -> Result<Vec<String>> {
        let mut out = Vec::new();
        for n in list.iter().flatten() {
            check_name(settings, origin, key, n, true)?;
            out.push(n.get_ref().clone());
        }
        Ok(out)
    };
    if raw.select.is_some() {
        settings.select = names(&raw.select, "select", settings)?;
    }
    let extend = names(&raw.extend_select, "extend-select", settings)?;
    settings.extend_select.extend(extend);
    let ignore = names(&raw.ignore, "ignore", settings)?;
    settings.ignore.extend(ignore);
    for a in raw.allow.iter().flatten() {
        settings.allow.insert(a.to_lowercase());
    }
    for pattern in raw.exclude.iter().flatten() {
        settings.exclude.push(glob(origin, "exclude", pattern)?);
    }
    if let Some(lang) = &raw.language {
        for (key, value, want) in [
            ("source", &lang.source, "en"),
            ("target", &lang.target, "zh"),
        ] {
            if let Some(v) = value
                && v.get_ref() != want
            {
                return Err(origin.error(
                    v.span().start,
                    format!(
                        "`language.{key}` = \"{}\" is not supported: only source = \"en\", target = \"zh\" is implemented",
                        v.get_ref()
                    ),
                ));
            }
        }
    }
    for (name, level) in raw.severity.iter().flatten() {
        check_name(settings, origin, "severity", name, false)?;
        let sev = match level.get_ref().as_str() {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            "off" => None,
            other => {
                return Err(origin.error(
                    level.span().start,
                    format!(
                        "`severity.{}`: `{other}` is not a severity (error, warning, info, off)",
                        name.get_ref()
                    ),
                ));
            }
        };
        settings.severity.insert(name.get_ref().clone(), sev);
    }
    for (pattern, rules) in raw.per_file_ignores.iter().flatten() {
        let matcher = glob(origin, "per-file-ignores", pattern)?;
        let mut list = Vec::new();
        for n in rules {
            check_name(settings, origin, "per-file-ignores", n, true)?;
            list.push(n.get_ref().clone());
        }
        settings.per_file_ignores.push((matcher, list));
    }
    for (name, options) in raw.rules.into_iter().flatten() {
        check_name(settings, origin, "rules", &name, false)?;
        let rule = settings
            .find_rule(name.get_ref())
            .ok_or_else(|| settings.unknown_rule(name.get_ref()))?;
        let doc = RuleDoc::parse(rule.meta().doc).map_err(|e| Error::Config {
            location: format!("rules/{}.toml", name.get_ref()),
            message: e.to_string(),
        })?;
        let table = settings
            .rule_options
            .entry(name.get_ref().clone())
            .or_default();
        for (key, value) in options {
            let Some(documented) = doc.options.iter().find(|o| &o.name == key.get_ref()) else {
                let known: Vec<&str> = doc.options.iter().map(|o| o.name.as_str()).collect();
                return Err(origin.error(
                    key.span().start,
                    format!(
                        "`rules.{}`: unknown option `{}` ({})",
                        name.get_ref(),
                        key.get_ref(),
                        if known.is_empty() {
                            "this rule has no options".to_string()
                        } else {
                            format!("options: {}", known.join(", "))
                        }
                    ),
                ));
            };
            let want = option_type(&documented.default);
            let got = value.get_ref().type_str();
            let numeric = want == Some("float") && got == "integer";
            if want.is_some_and(|w| w != got) && !numeric {
                return Err(origin.error(
                    value.span().start,
                    format!(
                        "`rules.{}.{}`: expected {}, found {got}",
                        name.get_ref(),
                        key.get_ref(),
                        want.unwrap_or("?")
                    ),
                ));
            }
            if let Some(why) = documented.reject(value.get_ref()) {
                return Err(origin.error(
                    value.span().start,
                    format!("`rules.{}.{}`: {why}", name.get_ref(), key.get_ref()),
                ));
            }
            table.insert(key.into_inner(), value.into_inner());
        }
        // A `min-…` above its `max-…` (with either left at its default) accepts nothing.
        let number = |key: &str, default: &str| {
            table
                .get(key)
                .and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)))
                .or_else(|| default.parse::<f64>().ok())
        };
        for low in doc.options.iter().filter(|o| o.name.starts_with("min-")) {
            let high_name = format!("max-{}", &low.name[4..]);
            let Some(high) = doc.options.iter().find(|o| o.name == high_name) else {
                continue;
            };
            if let (Some(a), Some(b)) = (
                number(&low.name, &low.default),
                number(&high.name, &high.default),
            ) && a > b
            {
                return Err(origin.error(
                    name.span().start,
                    format!(
                        "`rules.{}`: `{}` ({a}) is above `{}` ({b}), so every value is rejected",
                        name.get_ref(),
                        low.name,
                        high.name
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// A commented starter `translint.toml` listing every rule's options with their defaults.
pub fn starter_file() -> String {
    let mut s = String::from(
        "# translint configuration. translint uses the translint.toml closest to each checked file.\n\
         # Every key is optional; `translint rules` lists the rules, `translint explain RULE` documents one.\n\n\
         # Rules to run (names or \"ALL\"); empty means the default set.\n\
         # select = [\"ALL\"]\n\
         # extend-select = []\n\
         # ignore = []\n\n\
         # Terms that may stay in English inside Chinese text (names, products, jargon).\n\
         allow = []\n\n\
         # Files skipped when walking folders (globs relative to this file).\n\
         exclude = []\n\n\
         # Folders of extra rule packs (TOML rules, see README).\n\
         # rule-dirs = [\"translint-rules\"]\n\n\
         [language]\n\
         source = \"en\"  # only en -> zh is implemented\n\
         target = \"zh\"\n\n\
         [severity]\n\
         # rule-name = \"error\" | \"warning\" | \"info\" | \"off\"\n\n\
         [per-file-ignores]\n\
         # \"drafts/**\" = [\"untranslated-line\"]\n",
    );
    for rule in crate::rules::builtin() {
        let Ok(doc) = RuleDoc::parse(rule.meta().doc) else {
            continue;
        };
        if doc.options.is_empty() {
            continue;
        }
        s.push_str(&format!("\n# [rules.{}]\n", doc.name));
        for o in &doc.options {
            s.push_str(&format!(
                "# {} = {}  # {}\n",
                o.name,
                o.default,
                o.doc.split_whitespace().collect::<Vec<_>>().join(" ")
            ));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin(text: &str) -> Origin {
        Origin {
            label: "dir/translint.toml".into(),
            text: text.into(),
            dir: PathBuf::from("/nonexistent"),
            is_file: true,
        }
    }

    fn load(text: &str) -> Result<Settings> {
        let o = origin(text);
        let raw = parse(&o)?;
        let mut s = Settings::default();
        apply(&mut s, &o, raw)?;
        Ok(s)
    }

    fn err(text: &str) -> String {
        load(text).err().map(|e| e.to_string()).unwrap_or_default()
    }

    #[test]
    fn every_documented_default_is_allowed_and_fractional_rates_are_too() {
        for rule in crate::rules::builtin() {
            let doc = RuleDoc::parse(rule.meta().doc).unwrap();
            for o in &doc.options {
                let v: toml::Value = toml::from_str::<toml::Table>(&format!("v = {}", o.default))
                    .unwrap()
                    .remove("v")
                    .unwrap();
                assert_eq!(o.reject(&v), None, "{} {}", doc.name, o.name);
            }
        }
        assert!(load("[rules.cue-gap]\nfps = 23.976\n").is_ok());
        assert!(load("[rules.reading-speed]\nmax-cps-en = 15.5\n").is_ok());
    }

    #[test]
    fn full_file_is_read() {
        let s = load(
            "select = [\"ALL\"]\nignore = [\"stray-line\"]\nallow = [\"Transformer\"]\nexclude = [\"old/**\"]\n\
             [language]\nsource = \"en\"\ntarget = \"zh\"\n\
             [severity]\nuntranslated-fragment = \"error\"\nstray-line = \"off\"\n\
             [per-file-ignores]\n\"drafts/*.txt\" = [\"missing-translation\"]\n\
             [rules.duplicated-untranslated-line]\nmin-similarity = 1\n",
        )
        .unwrap();
        assert_eq!(s.select, vec!["ALL"]);
        assert!(s.is_allowed("transformer"));
        assert_eq!(
            s.severity.get("untranslated-fragment"),
            Some(&Some(Severity::Error))
        );
        assert_eq!(s.severity.get("stray-line"), Some(&None));
        assert_eq!(
            s.option::<f64>("duplicated-untranslated-line", "min-similarity"),
            Some(1.0)
        );
        assert!(
            s.ignored_for(Path::new("drafts/a.txt"))
                .contains("missing-translation")
        );
        assert!(s.ignored_for(Path::new("final/a.txt")).is_empty());
        assert!(s.is_excluded(Path::new("old/x/a.txt")));
        assert!(!s.is_excluded(Path::new("new/a.txt")));
    }

    #[test]
    fn errors_name_file_line_and_key() {
        assert_eq!(
            err("select = []\nbogus = 1\n"),
            "dir/translint.toml:2: unknown field `bogus`, expected one of `select`, `extend-select`, `ignore`, `allow`, `exclude`, `rule-dirs`, `language`, `severity`, `per-file-ignores`, `rules`"
        );
        assert_eq!(
            err("\nignore = [\"stray-lines\"]\n"),
            "dir/translint.toml:2: `ignore`: unknown rule `stray-lines` (did you mean `stray-line`?)"
        );
        assert_eq!(
            err("[severity]\nstray-line = \"fatal\"\n"),
            "dir/translint.toml:2: `severity.stray-line`: `fatal` is not a severity (error, warning, info, off)"
        );
        assert_eq!(
            err("[rules.duplicated-untranslated-line]\n\nmin-similarty = 0.5\n"),
            "dir/translint.toml:3: `rules.duplicated-untranslated-line`: unknown option `min-similarty` (options: min-similarity)"
        );
        assert_eq!(
            err("[rules.duplicated-untranslated-line]\nmin-similarity = \"high\"\n"),
            "dir/translint.toml:2: `rules.duplicated-untranslated-line.min-similarity`: expected float, found string"
        );
        assert_eq!(
            err("[rules.cue-gap]\nfps = 0\n"),
            "dir/translint.toml:2: `rules.cue-gap.fps`: 0 is not allowed (from 1 to 1000)"
        );
        assert_eq!(
            err("[rules.duplicated-untranslated-line]\nmin-similarity = 1.5\n"),
            "dir/translint.toml:2: `rules.duplicated-untranslated-line.min-similarity`: 1.5 is not allowed (from 0 to 1)"
        );
        assert_eq!(
            err("[rules.cjk-latin-spacing]\nstyle = \"nospace\"\n"),
            "dir/translint.toml:2: `rules.cjk-latin-spacing.style`: \"nospace\" is not allowed (one of space, no-space)"
        );
        assert_eq!(
            err("[rules.stray-line]\nx = 1\n"),
            "dir/translint.toml:2: `rules.stray-line`: unknown option `x` (this rule has no options)"
        );
        assert!(
            err("[language]\nsource = \"en\"\ntarget = \"ja\"\n")
                .starts_with("dir/translint.toml:3: `language.target` = \"ja\" is not supported")
        );
        assert!(
            err("[rules.nope]\n").starts_with("dir/translint.toml:1: `rules`: unknown rule `nope`")
        );
        assert!(err("select = [\n").starts_with("dir/translint.toml:"));
        // A value of the wrong type names its key.
        assert!(
            err("allow = \"Transformer\"\n")
                .starts_with("dir/translint.toml:1: `allow`: invalid type"),
            "{}",
            err("allow = \"Transformer\"\n")
        );
        assert!(
            err("[severity]\nstray-line = 1\n")
                .starts_with("dir/translint.toml:2: `severity.stray-line`: invalid type"),
            "{}",
            err("[severity]\nstray-line = 1\n")
        );
        assert!(
            err("[rules.cue-duration]\nmin-ms = 9000\n").starts_with(
                "dir/translint.toml:1: `rules.cue-duration`: `min-ms` (9000) is above `max-ms` (7000)"
            ),
            "{}",
            err("[rules.cue-duration]\nmin-ms = 9000\n")
        );
        assert!(
            err("exclude = [\"a[\"]\n").starts_with("dir/translint.toml:1: `exclude`: bad glob")
        );
    }

    #[test]
    fn overrides_layer_over_files() {
        let mut s =
            load("select = [\"stray-line\"]\nignore = [\"missing-translation\"]\n").unwrap();
        let (o, raw) = parse_override("select = [\"ALL\"]").unwrap();
        apply(&mut s, &o, raw).unwrap();
        assert_eq!(s.select, vec!["ALL"]);
        assert_eq!(s.ignore, vec!["missing-translation"]);
        let (o, raw) =
            parse_override("rules.duplicated-untranslated-line.min-similarity = 0.5").unwrap();
        apply(&mut s, &o, raw).unwrap();
        assert_eq!(
            s.option::<f64>("duplicated-untranslated-line", "min-similarity"),
            Some(0.5)
        );
        let e = parse_override("nonsense = 1").unwrap_err().to_string();
        assert!(
            e.starts_with("--config 'nonsense = 1': unknown field"),
            "{e}"
        );
    }

    #[test]
    fn starter_file_parses_and_applies() {
        let s = load(&starter_file()).unwrap();
        assert!(s.select.is_empty());
        assert!(starter_file().contains("# min-similarity = 0.9"));
    }
}

#[cfg(test)]
mod option_docs {
    use crate::rules::docs::RuleDoc;

    /// Every `Settings::option(META.name, "key")` read in a rule's source is documented in its
    /// `rules/<name>.toml` `[[options]]`, since that list is what configuration files are
    /// validated against.
    #[test]
    fn options_read_by_rules_are_documented() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
        let read = regex::Regex::new(r#"option::<[^>]+>\(\s*META\.name,\s*"([^"]+)""#).unwrap();
        let doc_path =
            regex::Regex::new(r#"include_str!\("\.\./\.\./rules/([a-z0-9-]+)\.toml"\)"#).unwrap();
        let mut checked = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let src = std::fs::read_to_string(&path).unwrap();
            let Some(name) = doc_path.captures(&src).map(|c| c[1].to_string()) else {
                continue;
            };
            let doc_text = std::fs::read_to_string(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("rules/{name}.toml")),
            )
            .unwrap();
            let doc = RuleDoc::parse(&doc_text).unwrap();
            for c in read.captures_iter(&src) {
                assert!(
                    doc.options.iter().any(|o| o.name == c[1]),
                    "{} reads option `{}` that rules/{name}.toml does not document",
                    path.display(),
                    &c[1]
                );
                checked += 1;
            }
        }
        assert!(checked >= 1, "no option reads found: the pattern is stale");
    }
}
