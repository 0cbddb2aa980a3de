//! The `translint` binary: parse arguments, call the library, print, choose the exit code.

mod cli;
mod fix_cmd;

use clap::{CommandFactory, Parser};
use cli::{CheckArgs, Cli, ColorChoice, Command, OutputFormat};
use codespan_reporting::term::termcolor::{self, BufferedStandardStream, NoColor};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use translint::baseline::Baseline;
use translint::config::discover::Source;
use translint::config::{Overrides, Resolved, Resolver};
use translint::error::Error;
use translint::report::{self, FileReport, Summary};
use translint::rules::{Rule, docs::RuleDoc};

/// Runs with at least this many files show a progress counter (on a terminal).
const PROGRESS_MIN_FILES: usize = 50;

/// Allocations of 1 MiB or more get their own mapping, returned to the system when freed.
///
/// glibc raises its mapping threshold each time a large block is freed (up to 32 MiB), so after
/// the parser drops its line table a run's later vectors came from the heap and freed memory
/// stayed resident: on a 145 MB file, peak RSS 282 MB with the default policy and 270 MB with
/// a fixed threshold, at the same speed (measured with `scripts/bench-scale.sh`).
///
/// Up to 8 MiB of free memory at the top of a heap is kept instead of returned at once: the
/// alignment search frees and allocates each stretch's working vectors, and with glibc's
/// default (128 KiB) every stretch took its pages from the system again — 20,000 page faults
/// and 0.05 s of a million-pair run, for 3 MB more peak memory. Only the binary sets these;
/// the library leaves the allocator to its caller.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_allocator_retention() {
    unsafe extern "C" {
        /// glibc's `int mallopt(int param, int value)`.
        fn mallopt(param: i32, value: i32) -> i32;
    }
    /// `M_MMAP_THRESHOLD` and `M_TRIM_THRESHOLD` in glibc's `<malloc.h>`.
    const M_MMAP_THRESHOLD: i32 = -3;
    const M_TRIM_THRESHOLD: i32 = -1;
    // SAFETY: `mallopt` only changes glibc's allocation policy and takes plain integers; it is
    // called first thing in `main`, before any other thread exists.
    unsafe {
        mallopt(M_MMAP_THRESHOLD, 1 << 20);
        mallopt(M_TRIM_THRESHOLD, 8 << 20);
    }
}

/// Other platforms keep their allocator's defaults.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_allocator_retention() {}

/// A file that `check` maps ([`translint::model::Text::map`]) and another program truncates
/// mid-run raises `SIGBUS` at the next read of the lost pages. Without a handler the shell
/// reports a bus error; with it the run ends as other read errors do: a message on standard
/// error and exit code 2.
#[cfg(unix)]
fn report_truncated_maps() {
    extern "C" fn on_sigbus(_: libc::c_int) {
        const MESSAGE: &[u8] =
            b"error: an input file shrank while it was being checked (big files \
are read through a memory map); check it again, or pass --no-mmap\n";
        // SAFETY: `write` and `_exit` are async-signal-safe, and the message is static.
        unsafe {
            libc::write(2, MESSAGE.as_ptr().cast(), MESSAGE.len());
            libc::_exit(2);
        }
    }
    // SAFETY: the handler calls only async-signal-safe functions; installed first thing in
    // `main`, before any other thread exists.
    unsafe {
        libc::signal(
            libc::SIGBUS,
            on_sigbus as extern "C" fn(libc::c_int) as libc::sighandler_t,
        );
    }
}

/// Other platforms have no `SIGBUS`.
#[cfg(not(unix))]
fn report_truncated_maps() {}

fn main() -> ExitCode {
    limit_allocator_retention();
    report_truncated_maps();
    let cli = Cli::parse();
    let overrides = match overrides(&cli) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let result = match cli.command {
        Command::Check(args) => check(*args, overrides),
        Command::Fix(mut args) => {
            args.fix = true;
            check(*args, overrides)
        }
        Command::Rules => list_rules(overrides),
        Command::Explain { rule } => explain(&rule, overrides),
        Command::Align { path, all, format } => align(&path, all, &format),
        Command::Init { force } => init(force),
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "translint",
                &mut std::io::stdout(),
            );
            Ok(ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// `--config` values: an existing file is a configuration file, `KEY=VALUE` an override.
fn overrides(cli: &Cli) -> Result<Overrides, Error> {
    let mut o = Overrides::default();
    if cli.no_config {
        o.source = Source::None;
    }
    for c in &cli.config {
        if Path::new(c).is_file() {
            if cli.no_config {
                return Err(Error::Usage(
                    "--config PATH and --no-config conflict".into(),
                ));
            }
            o.source = Source::File(PathBuf::from(c));
        } else if c.contains('=') {
            o.toml.push(c.clone());
        } else {
            return Err(Error::Usage(format!(
                "--config {c}: no such file, and not a KEY=VALUE setting"
            )));
        }
    }
    Ok(o)
}

fn check(mut args: CheckArgs, mut overrides: Overrides) -> Result<ExitCode, Error> {
    // `--stdin-filename` names standard input: alone, it checks standard input; beside paths,
    // one of them must be `-`, or the name would silently apply to nothing.
    if let Some(name) = &args.stdin_filename {
        if args.paths.is_empty() && args.source.is_none() {
            args.paths.push("-".into());
        } else if !args.paths.iter().any(|p| p == "-") {
            return Err(Error::Usage(format!(
                "--stdin-filename {name} names standard input, but `-` is not among the paths"
            )));
        }
    }
    // `--select a,b,` has an empty last name, and `all` is `ALL`.
    let rule_names = |names: &[String]| -> Vec<String> {
        names
            .iter()
            .map(|n| n.trim())
            .filter(|n| !n.is_empty())
            .map(|n| {
                if n.eq_ignore_ascii_case("all") {
                    "ALL".to_string()
                } else {
                    n.to_string()
                }
            })
            .collect()
    };
    overrides.select = rule_names(&args.select);
    overrides.extend_select = rule_names(&args.extend_select);
    overrides.ignore = rule_names(&args.ignore);
    overrides.allow = args.allow.clone();
    let resolver = Arc::new(Mutex::new(Resolver::new(overrides)?));
    let options = translint::parse::ParseOptions {
        format: args.input_format.map(|f| {
            use translint::model::Format;
            match f {
                cli::InputFormat::Interleaved => Format::Interleaved,
                cli::InputFormat::Srt => Format::Srt,
                cli::InputFormat::Vtt => Format::Vtt,
                cli::InputFormat::Tsv => Format::Tsv,
                cli::InputFormat::Jsonl => Format::Jsonl,
            }
        }),
        source_field: args.source_field.clone(),
        target_field: args.target_field.clone(),
        // `--fix` and `--diff` read the files they write.
        map_files: !(args.no_mmap || args.fix || args.diff),
        stdin_name: args.stdin_filename.clone(),
    };
    // Folders that a configuration's `exclude` matches are not entered. A config error here is
    // not a reason to prune: it is reported when the files are resolved below.
    let shared = Arc::clone(&resolver);
    let prune: translint::walk::Prune = Arc::new(move |dir: &Path| {
        shared.lock().ok().is_some_and(|mut r| {
            r.for_path(&dir.join("-").display().to_string())
                .is_ok_and(|c| c.settings.is_excluded(dir))
        })
    });
    let walked = translint::walk::walk_pruned(&args.paths, Some(prune));
    let mut resolver = resolver
        .lock()
        .map_err(|_| Error::Usage("internal error: configuration cache poisoned".into()))?;
    for e in &walked.errors {
        eprintln!("warning: {e}");
    }
    // Folders given that hold nothing to check (a mistyped or empty folder): say so, as the
    // summary's "0 files" alone passes unnoticed in CI.
    if walked.files.is_empty() && args.source.is_none() && !args.paths.is_empty() {
        eprintln!(
            "warning: no files to check in {} (folders are searched for {})",
            args.paths.join(", "),
            translint::walk::EXTENSIONS
                .iter()
                .map(|e| format!("*.{e}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    // Resolve every file's configuration first (cached per folder), then check in parallel.
    let mut jobs: Vec<(String, Arc<Resolved>)> = Vec::new();
    let mut configs: Vec<Arc<Resolved>> = Vec::new();
    for f in walked.files {
        let named = options.named(&f.path);
        let resolved = resolver.for_path(named)?;
        if (!f.explicit || args.force_exclude) && resolved.settings.is_excluded(Path::new(named)) {
            continue;
        }
        // Configurations are few (one per folder with its own), and a file's is most often
        // the one before it's.
        if !configs.iter().rev().any(|c| Arc::ptr_eq(c, &resolved)) {
            configs.push(Arc::clone(&resolved));
        }
        jobs.push((f.path, resolved));
    }
    // Originals and translations in sibling files (NAME.en.EXT / NAME.zh.EXT) are one input; a
    // two-file input takes the configuration of its translation.
    let mut inputs: Vec<(translint::walk::Input, Arc<Resolved>)> = Vec::new();
    if let (Some(source), Some(target)) = (&args.source, &args.target) {
        let resolved = resolver.for_path(target)?;
        inputs.push((
            translint::walk::Input::Two {
                source: source.clone(),
                target: target.clone(),
            },
            Arc::clone(&resolved),
        ));
        if !configs.iter().any(|c| Arc::ptr_eq(c, &resolved)) {
            configs.push(resolved);
        }
    }
    // Looked up once per input: a search of the list per input was quadratic in the number of
    // files (80,000 files took 7.6 s). The first job of a path wins, as the search's did.
    let mut by_path: std::collections::HashMap<&str, &Arc<Resolved>> =
        std::collections::HashMap::with_capacity(jobs.len());
    for (p, r) in &jobs {
        by_path.entry(p.as_str()).or_insert(r);
    }
    let config_of = |path: &str| by_path.get(path).map(|r| Arc::clone(r));
    let paths: Vec<String> = jobs.iter().map(|(p, _)| p.clone()).collect();
    let grouped = if args.no_pair_siblings {
        paths.into_iter().map(translint::walk::Input::One).collect()
    } else {
        translint::walk::pair_siblings(paths)
    };
    // A one-language file checked without the other language's file beside it: said after the
    // report, where the reader of a screen of "no original" errors looks for the reason.
    let mut sibling_notes = Vec::new();
    if !args.no_pair_siblings && !args.quiet {
        for input in &grouped {
            if let translint::walk::Input::One(p) = input
                && p != "-"
                && let Some(other) = translint::walk::sibling_on_disk(p)
            {
                sibling_notes.push(format!(
                    "note: {other} looks like the other language of {p}; give both paths to check them as a pair"
                ));
            }
        }
    }
    for input in grouped {
        if let Some(resolved) = config_of(input.key()) {
            inputs.push((input, resolved));
        }
    }
    if let Some(code) = stream_stdin(&args, &inputs, &options)? {
        return Ok(code);
    }
    let progress = std::io::stderr().is_terminal() && inputs.len() >= PROGRESS_MIN_FILES;
    let done = AtomicUsize::new(0);
    let fixing = args.fix || args.diff;
    let mode = translint::fix::FixMode {
        unsafe_fixes: args.unsafe_fixes,
    };
    type Checked = (FileReport, Option<fix_cmd::Fixed>);
    let results: Vec<Result<Checked, Error>> = inputs
        .par_iter()
        .map(|(input, resolved)| {
            let key = input.key();
            let rules = resolved.rules_for(Path::new(options.named(key)));
            let r = if fixing {
                fix_cmd::fix_one(input, &options, &resolved.settings, &rules, mode, args.diff)
                    .map(|(r, f)| (r, Some(f)))
            } else {
                translint::check_input(input, &options, &resolved.settings, &rules)
                    .map(|r| (r, None))
            };
            if progress {
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                eprint!("\rchecked {n}/{} files", inputs.len());
            }
            r
        })
        .collect();
    if progress {
        eprint!("\r\x1b[K");
    }
    let mut reports: Vec<FileReport> = Vec::new();
    let mut unreadable: Vec<report::Unreadable> = Vec::new();
    let mut totals = fix_cmd::Totals::default();
    let mut stdin_fixed = false;
    let write_err = |e: std::io::Error| match &args.output_file {
        Some(path) => Error::Write {
            path: path.clone(),
            source: e,
        },
        None => Error::Usage(format!("cannot write output: {e}")),
    };
    for (r, (input, _)) in results.into_iter().zip(&inputs) {
        match r {
            Ok((r, fixed)) => {
                if let Some(f) = fixed {
                    // Diffs and fixed standard input go to stdout in input order.
                    let text = f.stdin_text.as_deref().unwrap_or(&f.diff);
                    stdin_fixed |= f.stdin_text.is_some();
                    if let Err(e) = std::io::stdout().lock().write_all(text.as_bytes())
                        && e.kind() != std::io::ErrorKind::BrokenPipe
                    {
                        return Err(write_err(e));
                    }
                    totals.add(&f);
                }
                reports.push(r)
            }
            Err(e) => {
                eprintln!("error: {e}");
                unreadable.push(report::Unreadable::of(&e, input.key()));
            }
        }
    }
    if args.diff {
        // `--diff` prints the diff and the count only, and fails when there is something to fix.
        let _ = totals.write(&mut std::io::stderr().lock(), "Would fix", args.show_fixes);
        return Ok(if !unreadable.is_empty() {
            ExitCode::from(2)
        } else if totals.changed() {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        });
    }
    if let Some(path) = &args.write_baseline {
        let b = Baseline::of(&reports);
        b.save(Path::new(path))?;
        eprintln!(
            "wrote {} finding(s) to baseline {path}",
            b.entries.values().sum::<usize>()
        );
    }
    if let Some(path) = &args.baseline {
        let b = Baseline::load(Path::new(path))?;
        let outcome = b.apply(&mut reports);
        if !args.quiet || outcome.stale > 0 {
            eprintln!(
                "baseline {path}: {} finding(s) hidden, {} stale entr{}",
                outcome.hidden,
                outcome.stale,
                if outcome.stale == 1 { "y" } else { "ies" }
            );
        }
        if args.prune_baseline {
            outcome.pruned.save(Path::new(path))?;
            eprintln!(
                "baseline {path}: pruned {} stale entr{}",
                outcome.stale,
                if outcome.stale == 1 { "y" } else { "ies" }
            );
        }
    }
    let summary = Summary::of(&reports);
    let mut rules: Vec<&'static dyn Rule> = Vec::new();
    for c in &configs {
        for r in c.settings.all_rules() {
            if !rules.iter().any(|x| x.meta().name == r.meta().name) {
                rules.push(r);
            }
        }
    }
    if rules.is_empty() {
        rules = translint::rules::builtin();
    }
    let rendering = translint::timing::phase("render");
    let rendered = render(&args, &reports, &unreadable, &summary, &rules, stdin_fixed);
    drop(rendering);
    if let Err(e) = rendered
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(write_err(e));
    }
    if fixing && (!args.quiet || args.show_fixes) {
        // Standard output may carry fixed text or a machine-readable report: count elsewhere.
        let machine =
            !matches!(args.format, OutputFormat::Full | OutputFormat::Concise) || args.statistics;
        let mut w: Box<dyn Write> = if stdin_fixed || machine {
            Box::new(std::io::stderr().lock())
        } else {
            Box::new(std::io::stdout().lock())
        };
        let _ = totals.write(&mut w, "Fixed", args.show_fixes);
    }
    for note in &sibling_notes {
        eprintln!("{note}");
    }
    // The process is about to exit and the system reclaims its memory at once: freeing a big
    // run's documents and findings piece by piece took a serial 30 ms at the end.
    std::mem::forget(reports);
    Ok(exit_code(
        !unreadable.is_empty(),
        &summary,
        args.max_warnings,
    ))
}

/// Check standard input as a stream ([`translint::stream`]) when it is the only input and the
/// findings can be written as they are found; `None` when the run is not of that kind.
fn stream_stdin(
    args: &CheckArgs,
    inputs: &[(translint::walk::Input, Arc<Resolved>)],
    options: &translint::parse::ParseOptions,
) -> Result<Option<ExitCode>, Error> {
    let [(translint::walk::Input::One(path), resolved)] = inputs else {
        return Ok(None);
    };
    let per_finding = matches!(
        args.format,
        OutputFormat::Full | OutputFormat::Concise | OutputFormat::JsonLines | OutputFormat::Github
    );
    let whole_run = args.fix
        || args.diff
        || args.statistics
        || args.baseline.is_some()
        || args.write_baseline.is_some();
    if path != "-" || args.stdin_window == 0 || !per_finding || whole_run {
        return Ok(None);
    }
    let rules = resolved.rules_for(Path::new(options.named(path)));
    let write_err = |e: std::io::Error| match &args.output_file {
        Some(path) => Error::Write {
            path: path.clone(),
            source: e,
        },
        None => Error::Usage(format!("cannot write output: {e}")),
    };
    let mut file_out = match &args.output_file {
        Some(p) => Some(std::io::BufWriter::new(
            std::fs::File::create(p).map_err(write_err)?,
        )),
        None => None,
    };
    // Buffered: a terminal stream writes each line on its own, a system call per line.
    let mut color = BufferedStandardStream::stdout(color_choice(args.color));
    let mut plain = std::io::BufWriter::new(std::io::stdout().lock());
    // The input counts as checked once a window of it is (invalid UTF-8 in the first window
    // leaves nothing checked, as for a file).
    let mut summary = Summary::default();
    let mut write = |reports: &[FileReport]| -> std::io::Result<()> {
        let out: &mut dyn Write = match &mut file_out {
            Some(f) => f,
            None if args.format == OutputFormat::Full => {
                report::full::render(&mut color, reports)?;
                return color.flush();
            }
            None => &mut plain,
        };
        match args.format {
            OutputFormat::Full => report::full::render(&mut NoColor::new(&mut *out), reports)?,
            OutputFormat::Concise => report::concise::render(out, reports)?,
            OutputFormat::Github => report::github::render(out, reports, &[])?,
            _ => report::json::render_lines(out, reports)?,
        }
        // Each window's findings are out before the next window is read.
        out.flush()
    };
    let streamed = translint::stream::check_stream(
        options.shown(path),
        translint::stream::StreamInput {
            reader: Box::new(std::io::stdin()),
            window: args.stdin_window.saturating_mul(1 << 20),
            read_ahead: !stdin_is_a_file(),
        },
        options,
        &resolved.settings,
        &rules,
        |window| {
            let counted = Summary::of(std::slice::from_ref(&window.report));
            summary.files = 1;
            summary.pairs += window.pairs;
            summary.errors += counted.errors;
            summary.warnings += counted.warnings;
            summary.infos += counted.infos;
            let written = write(std::slice::from_ref(&window.report));
            // The window's memory goes back at once, not after the next one is read.
            drop(window);
            match written {
                Ok(()) => Ok(true),
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
                Err(e) => Err(write_err(e)),
            }
        },
    );
    let unreadable = match streamed {
        Ok(()) => false,
        Err(e @ Error::Usage(_)) => return Err(e),
        Err(e) => {
            eprintln!("error: {e}");
            if args.format == OutputFormat::Github {
                // Annotations are the whole report of a workflow step.
                let u = report::Unreadable::of(&e, path);
                let out: &mut dyn Write = match &mut file_out {
                    Some(f) => f,
                    None => &mut plain,
                };
                let written = report::github::write_unreadable(out, &u).and_then(|()| out.flush());
                if let Err(e) = written
                    && e.kind() != std::io::ErrorKind::BrokenPipe
                {
                    return Err(write_err(e));
                }
            }
            true
        }
    };
    if matches!(args.format, OutputFormat::Full | OutputFormat::Concise) && !args.quiet {
        let line = summary.line();
        let written = match &mut file_out {
            Some(f) => writeln!(f, "{line}").and_then(|()| f.flush()),
            None => writeln!(plain, "{line}").and_then(|()| plain.flush()),
        };
        if let Err(e) = written
            && e.kind() != std::io::ErrorKind::BrokenPipe
        {
            return Err(write_err(e));
        }
    }
    Ok(Some(exit_code(unreadable, &summary, args.max_warnings)))
}

/// 2 when an input could not be read, 1 for errors or more warnings than allowed, else 0.
fn exit_code(unreadable: bool, summary: &Summary, max_warnings: Option<usize>) -> ExitCode {
    if unreadable {
        ExitCode::from(2)
    } else if summary.errors > 0 || max_warnings.is_some_and(|m| summary.warnings > m) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Whether standard input is a regular file (a redirect, `< big.txt`) rather than a pipe: a
/// file is read on demand, a pipe ahead of the checking ([`translint::stream::StreamInput`]).
fn stdin_is_a_file() -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        std::io::stdin()
            .as_fd()
            .try_clone_to_owned()
            .map(std::fs::File::from)
            .and_then(|f| f.metadata())
            .is_ok_and(|m| m.is_file())
    }
    #[cfg(not(unix))]
    {
        false
    }
}

fn align(path: &str, all: bool, format: &str) -> Result<ExitCode, Error> {
    let text = translint::parse::read(path)?;
    let shown = if path == "-" { "<stdin>" } else { path };
    let doc = translint::parse::parse(shown, text, &Default::default());
    let analysis = translint::align::analyse(&doc);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = if format == "json" {
        report::align::render_json(&mut out, &doc, &analysis)
    } else {
        report::align::render(&mut out, &doc, &analysis, all)
    };
    if let Err(e) = written.and_then(|()| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(Error::Usage(format!("cannot write output: {e}")));
    }
    Ok(ExitCode::SUCCESS)
}

fn color_choice(choice: ColorChoice) -> termcolor::ColorChoice {
    match choice {
        ColorChoice::Always => termcolor::ColorChoice::Always,
        ColorChoice::Never => termcolor::ColorChoice::Never,
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            if no_color || !std::io::stdout().is_terminal() {
                termcolor::ColorChoice::Never
            } else {
                termcolor::ColorChoice::Auto
            }
        }
    }
}

/// Render the reports to `--output-file`, standard output, or — when standard output carries the
/// fixed text of standard input — standard error.
fn render(
    args: &CheckArgs,
    reports: &[FileReport],
    unreadable: &[report::Unreadable],
    summary: &Summary,
    rules: &[&'static dyn Rule],
    to_stderr: bool,
) -> std::io::Result<()> {
    let mut file_out: Option<std::io::BufWriter<std::fs::File>> = match &args.output_file {
        Some(p) => Some(std::io::BufWriter::new(std::fs::File::create(p)?)),
        None => None,
    };
    if args.format == OutputFormat::Full && !args.statistics && file_out.is_none() {
        // Buffered: a terminal stream writes each line on its own, a system call per line
        // (rendering 627,000 findings to a file took 15 s, most of it in writes).
        let mut out = if to_stderr {
            BufferedStandardStream::stderr(color_choice(args.color))
        } else {
            BufferedStandardStream::stdout(color_choice(args.color))
        };
        report::full::render(&mut out, reports)?;
        if !args.quiet {
            writeln!(out, "{}", summary.line())?;
        }
        return out.flush();
    }
    let mut std_out: std::io::BufWriter<Box<dyn Write>>;
    let out: &mut dyn Write = match &mut file_out {
        Some(f) => f,
        None => {
            std_out = std::io::BufWriter::new(if to_stderr {
                Box::new(std::io::stderr().lock())
            } else {
                Box::new(std::io::stdout().lock())
            });
            &mut std_out
        }
    };
    if args.statistics {
        if matches!(args.format, OutputFormat::Json | OutputFormat::JsonLines) {
            report::statistics::render_json(out, reports)?;
        } else {
            report::statistics::render(out, reports)?;
        }
        return out.flush();
    }
    match args.format {
        OutputFormat::Full => {
            // Written as it is rendered: rendered into memory first, 627,000 findings were a
            // 300 MB buffer.
            report::full::render(&mut NoColor::new(&mut *out), reports)?;
            if !args.quiet {
                writeln!(out, "{}", summary.line())?;
            }
        }
        OutputFormat::Concise => {
            report::concise::render(out, reports)?;
            if !args.quiet {
                writeln!(out, "{}", summary.line())?;
            }
        }
        OutputFormat::Json => report::json::render(out, reports, unreadable)?,
        OutputFormat::JsonLines => report::json::render_lines(out, reports)?,
        OutputFormat::Github => report::github::render(out, reports, unreadable)?,
        OutputFormat::Sarif => report::sarif::render(out, reports, rules, unreadable)?,
        OutputFormat::Rdjson => report::rdjson::render(out, reports, unreadable)?,
        OutputFormat::Junit => report::junit::render(out, reports, unreadable)?,
    }
    out.flush()
}

/// Settings for commands that are not about files: the configuration of the current folder.
fn cwd_settings(overrides: Overrides) -> Result<Resolved, Error> {
    let mut resolver = Resolver::new(overrides)?;
    let config = resolver.config_path(Path::new("."));
    resolver.build(config.as_deref())
}

fn list_rules(overrides: Overrides) -> Result<ExitCode, Error> {
    let settings = cwd_settings(overrides)?.settings;
    let mut out = std::io::stdout().lock();
    let rules = settings.all_rules();
    // The widest name sets the column (pack rules' names can be long).
    let width = rules.iter().map(|r| r.meta().name.len()).max().unwrap_or(0);
    for rule in rules {
        let meta = rule.meta();
        let doc = RuleDoc::parse(meta.doc).ok();
        let summary = doc.as_ref().map(|d| d.summary.clone()).unwrap_or_default();
        let kind = match meta.fix {
            translint::rules::FixKind::None => "",
            translint::rules::FixKind::Safe => "fix",
            translint::rules::FixKind::Unsafe => "unsafe fix",
        };
        let fix = match (kind, doc.as_ref().and_then(|d| d.fixes.as_deref())) {
            ("", _) => String::new(),
            (kind, Some(scope)) => format!(" ({kind}: {})", scope.trim()),
            (kind, None) => format!(" ({kind})"),
        };
        let sev = if meta.default_enabled {
            meta.severity.as_str()
        } else {
            "off"
        };
        let _ = writeln!(
            out,
            "{:<width$} {:<8} {}{}",
            meta.name,
            sev,
            summary.trim(),
            fix
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn explain(name: &str, overrides: Overrides) -> Result<ExitCode, Error> {
    let settings = cwd_settings(overrides)?.settings;
    let rule = settings
        .find_rule(name)
        .ok_or_else(|| settings.unknown_rule(name))?;
    let doc = RuleDoc::parse(rule.meta().doc).map_err(|e| Error::Config {
        location: format!("rules/{name}.toml"),
        message: e.to_string(),
    })?;
    let _ = write!(std::io::stdout().lock(), "{}", doc.render());
    Ok(ExitCode::SUCCESS)
}

fn init(force: bool) -> Result<ExitCode, Error> {
    let path = Path::new(translint::config::FILE_NAME);
    if path.exists() && !force {
        return Err(Error::Usage(format!(
            "{} already exists (use --force to overwrite)",
            path.display()
        )));
    }
    std::fs::write(path, translint::config::starter_file()).map_err(|source| Error::Write {
        path: path.display().to_string(),
        source,
    })?;
    eprintln!("wrote {}", path.display());
    Ok(ExitCode::SUCCESS)
}
