//! `check --fix`, `check --diff` and `fix`: run the fix engine over one file (in the parallel
//! check loop), write it atomically, and keep the diff or the fixed standard input for printing
//! in input order afterwards.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use translint::config::{ActiveRule, Settings};
use translint::error::Error;
use translint::fix::{self, FixMode};
use translint::parse::ParseOptions;
use translint::report::FileReport;
use translint::walk::Input;

/// What fixing one file did, beyond its report.
pub struct Fixed {
    /// Unified diff (with `--diff`), else empty.
    pub diff: String,
    /// The fixed text of standard input, to print on standard output.
    pub stdin_text: Option<String>,
    /// Fixes applied.
    pub fixes: usize,
    /// Edits applied.
    pub edits: usize,
    /// Passes that changed the text.
    pub passes: usize,
    /// Files whose text changed (or would).
    pub changed: usize,
    /// Fixes per rule.
    pub per_rule: BTreeMap<&'static str, usize>,
}

/// Fix one input: with `diff_only` nothing is written; standard input is never written back.
pub fn fix_one(
    input: &Input,
    options: &ParseOptions,
    settings: &Settings,
    rules: &[ActiveRule],
    mode: FixMode,
    diff_only: bool,
) -> Result<(FileReport, Fixed), Error> {
    let outcome = fix::fix_input(input, options, settings, rules, mode)?;
    if !outcome.converged {
        eprintln!(
            "warning: {}: fixes still applied after {} passes; run again",
            outcome.report.doc.path(),
            fix::MAX_PASSES
        );
    }
    let mut done = Fixed {
        diff: String::new(),
        stdin_text: None,
        fixes: outcome.applied.len(),
        edits: outcome.edits(),
        passes: outcome.passes,
        changed: outcome.changed_files().len(),
        per_rule: outcome.per_rule(),
    };
    let paths: Vec<&str> = match input {
        Input::One(p) => vec![p.as_str()],
        Input::Two { source, target } => vec![source.as_str(), target.as_str()],
    };
    if diff_only {
        for (i, file) in outcome.report.doc.files.iter().enumerate() {
            let original = outcome.original.get(i).map_or("", String::as_str);
            let diff = fix::unified_diff(&file.path, original, &file.text);
            // The first file's diff is kept as it is: copying it doubled a big diff's memory.
            if done.diff.is_empty() {
                done.diff = diff;
            } else {
                done.diff.push_str(&diff);
            }
        }
    } else if paths == ["-"] {
        done.stdin_text = Some(outcome.fixed().to_string());
    } else {
        for i in outcome.changed_files() {
            if let Some(path) = paths.get(i) {
                fix::write_atomic(Path::new(path), outcome.fixed_file(i).as_bytes())?;
            }
        }
    }
    Ok((outcome.report, done))
}

/// Totals over all inputs, for the closing lines.
#[derive(Default)]
pub struct Totals {
    fixes: usize,
    edits: usize,
    files_changed: usize,
    passes: usize,
    per_rule: BTreeMap<&'static str, usize>,
}

impl Totals {
    /// Count one file.
    pub fn add(&mut self, f: &Fixed) {
        self.fixes += f.fixes;
        self.edits += f.edits;
        self.files_changed += f.changed;
        self.passes = self.passes.max(f.passes);
        for (rule, n) in &f.per_rule {
            *self.per_rule.entry(rule).or_insert(0) += n;
        }
    }

    /// True when some file changed (or would).
    pub fn changed(&self) -> bool {
        self.files_changed > 0
    }

    /// "Fixed N issues (E edits) in F files." and, with `show`, the passes and per-rule counts.
    pub fn write(&self, out: &mut dyn Write, verb: &str, show: bool) -> std::io::Result<()> {
        let s = |n: usize| if n == 1 { "" } else { "s" };
        writeln!(
            out,
            "{verb} {} issue{} ({} edit{}) in {} file{}.",
            self.fixes,
            s(self.fixes),
            self.edits,
            s(self.edits),
            self.files_changed,
            s(self.files_changed)
        )?;
        if show {
            writeln!(
                out,
                "  in {} pass{} (most for one file)",
                self.passes,
                if self.passes == 1 { "" } else { "es" }
            )?;
            for (rule, n) in &self.per_rule {
                writeln!(out, "  {n:>6} × {rule}")?;
            }
        }
        Ok(())
    }
}
