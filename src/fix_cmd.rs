//! `check --fix`, `check --diff` and `fix`: run the fix engine over the inputs, then write the
//! files (atomically), print a diff, or print the fixed standard input.

use crate::cli::{CheckArgs, OutputFormat};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use translint::error::Error;
use translint::fix::{self, FixMode, FixOutcome};
use translint::report::{FileReport, Summary};

/// Totals over all inputs, for the closing lines.
#[derive(Default)]
struct Totals {
    fixes: usize,
    edits: usize,
    files_changed: usize,
    passes: usize,
    per_rule: BTreeMap<&'static str, usize>,
}

impl Totals {
    fn add(&mut self, o: &FixOutcome) {
        self.fixes += o.applied.len();
        self.edits += o.edits();
        self.files_changed += usize::from(o.changed());
        self.passes = self.passes.max(o.passes);
        for (rule, n) in o.per_rule() {
            *self.per_rule.entry(rule).or_insert(0) += n;
        }
    }

    fn write(&self, out: &mut dyn Write, verb: &str, show: bool) -> std::io::Result<()> {
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

/// Run the fix engine as the flags ask; see the module doc.
pub fn run(args: CheckArgs) -> Result<ExitCode, Error> {
    let (settings, rules, format) = crate::setup(&args)?;
    let mode = FixMode {
        unsafe_fixes: args.unsafe_fixes,
    };
    let mut unreadable = 0usize;
    let mut totals = Totals::default();
    let mut reports: Vec<FileReport> = Vec::new();
    let mut stdin_used = false;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let io_err = |e: std::io::Error| Error::Usage(format!("cannot write output: {e}"));
    for path in translint::walk::expand(&args.paths) {
        let (path, outcome) = match path
            .and_then(|p| fix::fix_file(&p, format, &settings, &rules, mode).map(|o| (p, o)))
        {
            Ok(x) => x,
            Err(e) => {
                unreadable += 1;
                eprintln!("error: {e}");
                continue;
            }
        };
        if !outcome.converged {
            eprintln!(
                "warning: {}: fixes still applied after {} passes; run again",
                outcome.report.doc.path(),
                fix::MAX_PASSES
            );
        }
        if args.diff {
            let shown = outcome.report.doc.path().to_string();
            let d = fix::unified_diff(&shown, &outcome.original, outcome.fixed());
            if let Err(e) = out.write_all(d.as_bytes())
                && e.kind() != std::io::ErrorKind::BrokenPipe
            {
                return Err(io_err(e));
            }
        } else if path == "-" {
            stdin_used = true;
            if let Err(e) = out.write_all(outcome.fixed().as_bytes())
                && e.kind() != std::io::ErrorKind::BrokenPipe
            {
                return Err(io_err(e));
            }
        } else if outcome.changed()
            && let Err(e) = fix::write_atomic(Path::new(&path), outcome.fixed().as_bytes())
        {
            unreadable += 1;
            eprintln!("error: cannot write the fixed file: {e}");
            continue;
        }
        totals.add(&outcome);
        reports.push(outcome.report);
    }
    let _ = out.flush();
    drop(out);
    if args.diff {
        let _ = totals.write(&mut std::io::stderr().lock(), "Would fix", args.show_fixes);
        return Ok(if unreadable > 0 {
            ExitCode::from(2)
        } else if totals.files_changed > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        });
    }
    // What is left after fixing, as `check` would report it.
    let summary = Summary::of(&reports);
    if let Err(e) = crate::render(&args, &reports, &summary, stdin_used)
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(io_err(e));
    }
    if !args.quiet || args.show_fixes {
        // Machine-readable output stays parseable: the count then goes to standard error.
        let machine = matches!(args.format, OutputFormat::Json | OutputFormat::JsonLines);
        let mut w: Box<dyn Write> = if stdin_used || machine {
            Box::new(std::io::stderr().lock())
        } else {
            Box::new(std::io::stdout().lock())
        };
        let _ = totals.write(&mut w, "Fixed", args.show_fixes);
    }
    let too_many_warnings = args.max_warnings.is_some_and(|m| summary.warnings > m);
    Ok(if unreadable > 0 {
        ExitCode::from(2)
    } else if summary.errors > 0 || too_many_warnings {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
