//! Settings: which rules run, at what severity, with which options.
//!
//! The command line builds a [`Settings`]; configuration files (`translint.toml`) layer onto the
//! same struct. Rules read their options through [`Settings::option`] so that every threshold is
//! configurable without each rule parsing TOML.

use crate::diagnostic::Severity;
use crate::error::{Error, Result};
use crate::rules::{RULES, Rule};
use std::collections::{HashMap, HashSet};

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
            if name != "ALL" && crate::rules::find(name).is_none() {
                return Err(Error::UnknownRule(name.clone()));
            }
        }
        for name in self.severity.keys() {
            if crate::rules::find(name).is_none() {
                return Err(Error::UnknownRule(name.clone()));
            }
        }
        let named = |list: &[String], name: &str| list.iter().any(|n| n == name || n == "ALL");
        let mut out = Vec::new();
        for &rule in RULES {
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
        assert!(matches!(s.active_rules(), Err(Error::UnknownRule(_))));
    }
}
