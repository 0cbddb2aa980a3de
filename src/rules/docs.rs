//! Rule documentation, kept as one TOML file per rule in `rules/` and printed by
//! `translint rules` and `translint explain`.

use std::fmt::Write;

/// One rule option as documented.
#[derive(Debug, serde::Deserialize, serde::Serialize)]
pub struct OptionDoc {
    /// Key under `[rules.<name>]`.
    pub name: String,
    /// Default value, as TOML text.
    pub default: String,
    /// What it changes.
    pub doc: String,
    /// Least value a number may take (a configuration below it is an error).
    #[serde(default)]
    pub min: Option<f64>,
    /// Greatest value a number may take.
    #[serde(default)]
    pub max: Option<f64>,
    /// The strings a string option may be.
    #[serde(default)]
    pub values: Vec<String>,
}

impl OptionDoc {
    /// What values the option takes, for the documentation and for errors: "from 1 to 1000",
    /// "at least 0", "one of space, no-space"; empty when anything of its type goes.
    pub fn allowed(&self) -> String {
        match (self.min, self.max) {
            (Some(lo), Some(hi)) => format!("from {lo} to {hi}"),
            (Some(lo), None) => format!("at least {lo}"),
            (None, Some(hi)) => format!("at most {hi}"),
            (None, None) if !self.values.is_empty() => format!("one of {}", self.values.join(", ")),
            (None, None) => String::new(),
        }
    }

    /// Why `value` is not allowed, if it is not ([`OptionDoc::allowed`]).
    pub fn reject(&self, value: &toml::Value) -> Option<String> {
        let out_of_range = match value {
            toml::Value::Integer(i) => Some(*i as f64),
            toml::Value::Float(f) => Some(*f),
            _ => None,
        }
        .is_some_and(|x| {
            x.is_nan() || self.min.is_some_and(|lo| x < lo) || self.max.is_some_and(|hi| x > hi)
        });
        let unknown = value
            .as_str()
            .is_some_and(|v| !self.values.is_empty() && !self.values.iter().any(|a| a == v));
        (out_of_range || unknown).then(|| format!("{value} is not allowed ({})", self.allowed()))
    }
}

/// The documentation of one rule.
#[derive(Debug, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDoc {
    /// Rule name.
    pub name: String,
    /// Default severity.
    pub severity: String,
    /// Whether the rule runs by default.
    #[serde(default = "yes")]
    pub default_enabled: bool,
    /// Fix kind: none, safe, unsafe.
    pub fix: String,
    /// What the fix covers when it is only some of the findings ("a decimal point written as
    /// 。"): `rules` and `explain` say so, so that "(fix)" does not promise more.
    #[serde(default)]
    pub fixes: Option<String>,
    /// One line.
    pub summary: String,
    /// What it catches.
    pub what: String,
    /// Why it matters.
    pub why: String,
    /// Options.
    #[serde(default)]
    pub options: Vec<OptionDoc>,
    /// A file fragment that triggers it.
    pub bad: String,
    /// The same fragment, fixed.
    pub good: String,
    /// Where thresholds come from.
    #[serde(default)]
    pub references: Vec<String>,
}

fn yes() -> bool {
    true
}

impl RuleDoc {
    /// Parse a rule's TOML documentation.
    pub fn parse(text: &str) -> Result<RuleDoc, toml::de::Error> {
        toml::from_str(text)
    }

    /// Plain-text rendering for `translint explain`.
    pub fn render(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "{}", self.name);
        let _ = writeln!(s, "{}\n", "=".repeat(self.name.chars().count()));
        let _ = writeln!(s, "{}\n", self.summary.trim());
        let _ = writeln!(
            s,
            "Default severity: {}{}    Fix: {}{}\n",
            self.severity,
            if self.default_enabled {
                ""
            } else {
                " (off by default)"
            },
            self.fix,
            self.fixes
                .as_deref()
                .map(|f| format!(" ({})", f.trim()))
                .unwrap_or_default()
        );
        let _ = writeln!(
            s,
            "What it catches\n---------------\n{}\n",
            self.what.trim()
        );
        let _ = writeln!(s, "Why\n---\n{}\n", self.why.trim());
        if !self.options.is_empty() {
            let _ = writeln!(
                s,
                "Options ([rules.{}] in translint.toml)\n-------",
                self.name
            );
            for o in &self.options {
                let allowed = o.allowed();
                let allowed = if allowed.is_empty() {
                    allowed
                } else {
                    format!(" ({allowed})")
                };
                let _ = writeln!(
                    s,
                    "  {} = {}\n      {}{allowed}",
                    o.name,
                    o.default,
                    o.doc.trim()
                );
            }
            s.push('\n');
        }
        let _ = writeln!(s, "Bad\n---\n{}\n", indent(self.bad.trim_end()));
        let _ = writeln!(s, "Good\n----\n{}", indent(self.good.trim_end()));
        if !self.references.is_empty() {
            let _ = writeln!(s, "\nReferences\n----------");
            for r in &self.references {
                let _ = writeln!(s, "  - {r}");
            }
        }
        s
    }
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("    {l}\n"))
        .collect::<String>()
        .trim_end()
        .to_string()
}
