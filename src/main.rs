//! The `translint` binary: parse arguments, call the library, print, choose the exit code.

mod cli;
mod fix_cmd;

use clap::Parser;
use cli::{CheckArgs, Cli, ColorChoice, Command, OutputFormat};
use codespan_reporting::term::termcolor::{self, StandardStream};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use translint::config::Settings;
use translint::error::Error;
use translint::report::{self, FileReport, Summary};
use translint::rules::{RULES, docs::RuleDoc};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) if args.fix || args.diff => fix_cmd::run(args),
        Command::Check(args) => check(args),
        Command::Fix(mut args) => {
            args.fix = true;
            fix_cmd::run(args)
        }
        Command::Rules => list_rules(),
        Command::Explain { rule } => explain(&rule),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Settings, active rules and forced input format from the command line.
pub(crate) fn setup(
    args: &CheckArgs,
) -> Result<
    (
        Settings,
        Vec<translint::config::ActiveRule>,
        Option<translint::model::Format>,
    ),
    Error,
> {
    let settings = Settings {
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
        allow: args.allow.iter().map(|a| a.to_lowercase()).collect(),
        ..Settings::default()
    };
    let rules = settings.active_rules()?;
    let format = args.input_format.map(|f| match f {
        cli::InputFormat::Interleaved => translint::model::Format::Interleaved,
    });
    Ok((settings, rules, format))
}

fn check(args: CheckArgs) -> Result<ExitCode, Error> {
    let (settings, rules, format) = setup(&args)?;
    let mut reports: Vec<FileReport> = Vec::new();
    let mut unreadable = 0usize;
    for path in translint::walk::expand(&args.paths) {
        match path.and_then(|p| translint::check_file(&p, format, &settings, &rules)) {
            Ok(r) => reports.push(r),
            Err(e) => {
                unreadable += 1;
                eprintln!("error: {e}");
            }
        }
    }
    let summary = Summary::of(&reports);
    if let Err(e) = render(&args, &reports, &summary, false)
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(Error::Usage(format!("cannot write output: {e}")));
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

/// Render the reports to standard output, or to standard error when standard output carries
/// something else (the fixed text of standard input).
pub(crate) fn render(
    args: &CheckArgs,
    reports: &[FileReport],
    summary: &Summary,
    to_stderr: bool,
) -> std::io::Result<()> {
    let plain = || -> std::io::BufWriter<Box<dyn Write>> {
        std::io::BufWriter::new(if to_stderr {
            Box::new(std::io::stderr().lock())
        } else {
            Box::new(std::io::stdout().lock())
        })
    };
    match args.format {
        OutputFormat::Full => {
            let out = if to_stderr {
                StandardStream::stderr(color_choice(args.color))
            } else {
                StandardStream::stdout(color_choice(args.color))
            };
            let mut lock = out.lock();
            report::full::render(&mut lock, reports)?;
            if !args.quiet {
                writeln!(lock, "{}", summary.line())?;
            }
            lock.flush()
        }
        OutputFormat::Concise => {
            let mut out = plain();
            report::concise::render(&mut out, reports)?;
            if !args.quiet {
                writeln!(out, "{}", summary.line())?;
            }
            out.flush()
        }
        OutputFormat::Json => {
            let mut out = plain();
            report::json::render(&mut out, reports)?;
            out.flush()
        }
        OutputFormat::JsonLines => {
            let mut out = plain();
            report::json::render_lines(&mut out, reports)?;
            out.flush()
        }
    }
}

fn list_rules() -> Result<ExitCode, Error> {
    let mut out = std::io::stdout().lock();
    for rule in RULES {
        let meta = rule.meta();
        let summary = RuleDoc::parse(meta.doc)
            .map(|d| d.summary)
            .unwrap_or_default();
        let fix = match meta.fix {
            translint::rules::FixKind::None => "",
            translint::rules::FixKind::Safe => " (fix)",
            translint::rules::FixKind::Unsafe => " (unsafe fix)",
        };
        let sev = if meta.default_enabled {
            meta.severity.as_str()
        } else {
            "off"
        };
        let _ = writeln!(
            out,
            "{:<32} {:<8} {}{}",
            meta.name,
            sev,
            summary.trim(),
            fix
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn explain(name: &str) -> Result<ExitCode, Error> {
    let rule = translint::rules::find(name).ok_or_else(|| Error::UnknownRule(name.to_string()))?;
    let doc = RuleDoc::parse(rule.meta().doc).map_err(|e| Error::Config {
        location: format!("rules/{name}.toml"),
        message: e.to_string(),
    })?;
    let _ = write!(std::io::stdout().lock(), "{}", doc.render());
    Ok(ExitCode::SUCCESS)
}
