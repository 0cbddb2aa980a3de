//! Finding the configuration of each checked file: the closest `translint.toml` walking up from
//! the file's folder wins (no merging between levels, like ruff), then `--config KEY=VALUE`
//! overrides, then the command-line flags.

use super::file::{self, FILE_NAME};
use super::{ActiveRule, Settings};
use crate::error::{Error, Result};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where configuration comes from.
#[derive(Clone, Debug, Default)]
pub enum Source {
    /// Walk up from each file (the default).
    #[default]
    Discover,
    /// One file for everything (`--config PATH`).
    File(PathBuf),
    /// No file at all (`--no-config`).
    None,
}

/// What the command line layers over a configuration file.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    /// Where the file comes from.
    pub source: Source,
    /// `--config KEY=VALUE` texts, applied in order.
    pub toml: Vec<String>,
    /// `--select` (replaces the file's when non-empty).
    pub select: Vec<String>,
    /// `--extend-select`.
    pub extend_select: Vec<String>,
    /// `--ignore`.
    pub ignore: Vec<String>,
    /// `--allow`.
    pub allow: Vec<String>,
}

/// Settings resolved for one configuration file, with its active rules.
#[derive(Debug)]
pub struct Resolved {
    /// The settings.
    pub settings: Settings,
    /// Rules to run, before `[per-file-ignores]`.
    pub rules: Vec<ActiveRule>,
}

impl Resolved {
    /// Rules to run on `path`.
    pub fn rules_for(&self, path: &Path) -> Vec<ActiveRule> {
        self.settings.rules_for(&self.rules, path)
    }
}

impl std::fmt::Debug for ActiveRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.rule.meta().name, self.severity.as_str())
    }
}

/// Resolves and caches the settings of each folder's configuration.
#[derive(Default)]
pub struct Resolver {
    overrides: Overrides,
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
    by_config: HashMap<Option<PathBuf>, Arc<Resolved>>,
}

impl Resolver {
    /// A resolver with the command line's overrides. Checks the overrides parse at once.
    pub fn new(overrides: Overrides) -> Result<Resolver> {
        for t in &overrides.toml {
            file::parse_override(t)?;
        }
        if let Source::File(p) = &overrides.source
            && !p.is_file()
        {
            return Err(Error::Usage(format!(
                "--config {}: no such file (use KEY=VALUE for an inline setting)",
                p.display()
            )));
        }
        Ok(Resolver {
            overrides,
            ..Resolver::default()
        })
    }

    /// The configuration file that applies to `path`, if any.
    pub fn config_path(&mut self, path: &Path) -> Option<PathBuf> {
        match &self.overrides.source {
            Source::None => None,
            Source::File(p) => Some(p.clone()),
            Source::Discover => {
                let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
                let dir = if abs.is_dir() {
                    abs
                } else {
                    abs.parent().map_or_else(PathBuf::new, Path::to_path_buf)
                };
                self.discover(&dir)
            }
        }
    }

    fn discover(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(found) = self.by_dir.get(dir) {
            return found.clone();
        }
        let candidate = dir.join(FILE_NAME);
        let found = if candidate.is_file() {
            Some(candidate)
        } else {
            dir.parent().and_then(|p| self.discover(p))
        };
        self.by_dir.insert(dir.to_path_buf(), found.clone());
        found
    }

    /// The resolved settings for `path` (`-` resolves from the current folder).
    pub fn for_path(&mut self, path: &str) -> Result<Arc<Resolved>> {
        let p = if path == "-" {
            Path::new(".")
        } else {
            Path::new(path)
        };
        let config = self.config_path(p);
        if let Some(r) = self.by_config.get(&config) {
            return Ok(Arc::clone(r));
        }
        let resolved = Arc::new(self.build(config.as_deref())?);
        self.by_config.insert(config, Arc::clone(&resolved));
        Ok(resolved)
    }

    /// Build settings from a file (or none) plus the overrides.
    pub fn build(&self, config: Option<&Path>) -> Result<Resolved> {
        let mut sources = Vec::new();
        if let Some(path) = config {
            sources.push(file::load_file(path)?);
        }
        for t in &self.overrides.toml {
            sources.push(file::parse_override(t)?);
        }
        let mut settings = Settings::default();
        if let Some(path) = config {
            let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
            settings.root = abs.parent().map(Path::to_path_buf);
            settings.origin = Some(path.to_path_buf());
        }
        for (origin, raw) in &sources {
            file::load_rule_dirs(&mut settings, origin, raw)?;
        }
        for (origin, raw) in sources {
            file::apply(&mut settings, &origin, raw)?;
        }
        let o = &self.overrides;
        if !o.select.is_empty() {
            settings.select = o.select.clone();
        }
        settings
            .extend_select
            .extend(o.extend_select.iter().cloned());
        settings.ignore.extend(o.ignore.iter().cloned());
        settings
            .allow
            .extend(o.allow.iter().map(|a| a.to_lowercase()));
        let rules = settings.active_rules()?;
        Ok(Resolved { settings, rules })
    }
}
