//! Settings: which rules run, at what severity, with which options.
//!
//! The command line builds a [`Settings`]; configuration files (`translint.toml`) layer onto the
//! same struct. Rules read their options through [`Settings::option`] so that every threshold is
//! configurable without each rule parsing TOML.

use crate::diagnostic::Severity;
use crate::error::{Error, Result};
use crate::rules::Rule;
use crate::rules::pack::PackRule;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

pub mod discover;
pub mod file;

pub use discover::{Overrides, Resolved, Resolver};
pub use file::{FILE_NAME, starter_file};

/// Everything that changes what a run reports.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Rules selected (names or `ALL`); empty means the default set.
    pub select: Vec<String>,
    /// Rules added to the selection.
    pub extend_select: Vec<String>,
    /// Rules switched off.
    pub ignore: Vec<String>,
    /// Severity overrides; `None` switches a rule off.
    pub severity: HashMap<String, Option<Severity>>,
    /// Terms that may stay in English inside Chinese text (compared case-insensitively).
    pub allow: HashSet<String>,
    /// `[rules.<name>]` tables.
    pub rule_options: HashMap<String, toml::Table>,
    /// Rules loaded from the packs in `rule-dirs` (built-in packs are always known).
    pub pack_rules: Vec<&'static PackRule>,
    /// `exclude` globs: files skipped when a directory is walked.
    pub exclude: Vec<globset::GlobMatcher>,
    /// `[per-file-ignores]`: rules switched off for files matching a glob.
    pub per_file_ignores: Vec<(globset::GlobMatcher, Vec<String>)>,
    /// The directory of the configuration file (globs are relative to it); `None` without one.
    pub root: Option<PathBuf>,
    /// The configuration file these settings came from, if any.
    pub origin: Option<PathBuf>,
}

/// One enabled rule with its effective severity.
#[derive(Clone, Copy)]
pub struct ActiveRule {
    /// The rule.
    pub rule: &'static dyn Rule,
    /// Severity after overrides.
    pub severity: Severity,
}

impl Settings {
    /// Resolve selection and severities into the list of rules to run; unknown names are errors.
    pub fn active_rules(&self) -> Result<Vec<ActiveRule>> {
        for name in self
            .select
            .iter()
            .chain(&self.extend_select)
            .chain(&self.ignore)
        {
            if name != "ALL" && self.find_rule(name).is_none() {
                return Err(self.unknown_rule(name));
            }
        }
        for name in self.severity.keys() {
            if self.find_rule(name).is_none() {
                return Err(self.unknown_rule(name));
            }
        }
        let named = |list: &[String], name: &str| list.iter().any(|n| n == name || n == "ALL");
        let mut out = Vec::new();
        for rule in self.all_rules() {
            let meta = rule.meta();
            let selected = if self.select.is_empty() {
                meta.default_enabled
            } else {
                named(&self.select, meta.name)
            } || named(&self.extend_select, meta.name);
            if !selected || named(&self.ignore, meta.name) {
                continue;
            }
            let severity = match self.severity.get(meta.name) {
                Some(None) => continue,
                Some(Some(s)) => *s,
                None => meta.severity,
            };
            out.push(ActiveRule { rule, severity });
        }
        Ok(out)
    }

    /// Every rule these settings know: built-in rules, built-in packs, then `rule-dirs` packs.
    pub fn all_rules(&self) -> Vec<&'static dyn Rule> {
        let mut out = crate::rules::builtin();
        out.extend(self.pack_rules.iter().map(|&r| r as &'static dyn Rule));
        out
    }

    /// The known rule whose name is closest to `name`, when it is close (Jaro–Winkler over 0.8):
    /// a misspelt name is most often one letter off.
    pub fn closest_rule(&self, name: &str) -> Option<&'static str> {
        self.all_rules()
            .into_iter()
            .map(|r| r.meta().name)
            .map(|r| (r, strsim::jaro_winkler(r, name)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .filter(|&(_, score)| score > 0.8)
            .map(|(r, _)| r)
    }

    /// The error for a rule name no rule has, suggesting the closest one.
    pub fn unknown_rule(&self, name: &str) -> Error {
        Error::UnknownRule {
            name: name.to_string(),
            suggestion: self.closest_rule(name).map(str::to_string),
        }
    }

    /// Look a rule up by name among [`Settings::all_rules`].
    pub fn find_rule(&self, name: &str) -> Option<&'static dyn Rule> {
        crate::rules::find(name).or_else(|| {
            self.pack_rules
                .iter()
                .find(|r| r.meta().name == name)
                .map(|&r| r as &'static dyn Rule)
        })
    }

    /// The active rules minus those `[per-file-ignores]` switches off for `path`.
    pub fn rules_for(&self, rules: &[ActiveRule], path: &Path) -> Vec<ActiveRule> {
        let ignored = self.ignored_for(path);
        if ignored.is_empty() {
            return rules.to_vec();
        }
        let all = ignored.contains("ALL");
        rules
            .iter()
            .filter(|r| !all && !ignored.contains(r.rule.meta().name))
            .copied()
            .collect()
    }

    /// Rule names `[per-file-ignores]` switches off for `path`.
    pub fn ignored_for(&self, path: &Path) -> HashSet<&str> {
        let mut out = HashSet::new();
        if self.per_file_ignores.is_empty() {
            return out;
        }
        let candidates = self.relative_forms(path);
        for (glob, names) in &self.per_file_ignores {
            if candidates.iter().any(|c| glob.is_match(c)) {
                out.extend(names.iter().map(String::as_str));
            }
        }
        out
    }

    /// True when `exclude` matches the file or one of its folders (relative to the config).
    pub fn is_excluded(&self, path: &Path) -> bool {
        if self.exclude.is_empty() {
            return false;
        }
        let forms = self.relative_forms(path);
        let rel = forms.first().cloned().unwrap_or_default();
        let mut candidates: Vec<PathBuf> = forms;
        candidates.extend(
            rel.ancestors()
                .skip(1)
                .filter(|a| !a.as_os_str().is_empty())
                .map(Path::to_path_buf),
        );
        self.exclude
            .iter()
            .any(|g| candidates.iter().any(|c| g.is_match(c)))
    }

    /// The path relative to the config's folder (when inside it) and the bare file name, the
    /// forms globs are matched against (ruff's convention).
    fn relative_forms(&self, path: &Path) -> Vec<PathBuf> {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let rel = self
            .root
            .as_ref()
            .and_then(|root| abs.strip_prefix(root).ok())
            .map_or_else(|| path.to_path_buf(), Path::to_path_buf);
        let mut out = vec![rel];
        if let Some(name) = path.file_name() {
            out.push(PathBuf::from(name));
        }
        out
    }

    /// A rule option, if configured and of the right type.
    pub fn option<'a, T: OptionValue<'a>>(&'a self, rule: &str, key: &str) -> Option<T> {
        self.rule_options.get(rule)?.get(key).and_then(T::from_toml)
    }

    /// True when the term is on the allow list.
    pub fn is_allowed(&self, term: &str) -> bool {
        !self.allow.is_empty() && self.allow.contains(&term.to_lowercase())
    }
}

/// Types a rule option can be read as.
pub trait OptionValue<'a>: Sized {
    /// Convert from a TOML value, or `None` on a type mismatch.
    fn from_toml(v: &'a toml::Value) -> Option<Self>;
}

impl<'a> OptionValue<'a> for f64 {
    fn from_toml(v: &'a toml::Value) -> Option<Self> {
        v.as_float().or_else(|| v.as_integer().map(|i| i as f64))
    }
}

impl<'a> OptionValue<'a> for i64 {
    fn from_toml(v: &'a toml::Value) -> Option<Self> {
        v.as_integer()
    }
}

impl<'a> OptionValue<'a> for bool {
    fn from_toml(v: &'a toml::Value) -> Option<Self> {
        v.as_bool()
    }
}

impl<'a> OptionValue<'a> for &'a str {
    fn from_toml(v: &'a toml::Value) -> Option<Self> {
        v.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_selection_and_ignore() {
        let s = Settings::default();
        let all = s.active_rules().unwrap();
        assert!(
            all.iter()
                .any(|r| r.rule.meta().name == "missing-translation")
        );
        let s = Settings {
            ignore: vec!["missing-translation".into()],
            ..Default::default()
        };
        assert!(
            !s.active_rules()
                .unwrap()
                .iter()
                .any(|r| r.rule.meta().name == "missing-translation")
        );
        let s = Settings {
            select: vec!["nonsense".into()],
            ..Default::default()
        };
        assert!(matches!(s.active_rules(), Err(Error::UnknownRule { .. })));
    }
}
