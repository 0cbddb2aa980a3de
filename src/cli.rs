//! Command-line surface (clap). Kept apart from `main.rs` so the flow there stays short.

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Lint and align bilingual (Chinese ⇄ English) transcripts and subtitles.
#[derive(Parser, Debug)]
#[command(name = "translint", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// A configuration file to use instead of discovery, or a `KEY=VALUE` override in TOML
    /// syntax (e.g. `--config "rules.duplicated-untranslated-line.min-similarity = 0.8"`).
    /// Repeatable.
    #[arg(long, global = true, value_name = "PATH|KEY=VALUE")]
    pub config: Vec<String>,
    /// Ignore every translint.toml.
    #[arg(long, global = true)]
    pub no_config: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check files and directories (`-` reads standard input).
    Check(Box<CheckArgs>),
    /// Apply fixes (the same as `check --fix`).
    Fix(Box<CheckArgs>),
    /// List every rule with its default severity and summary.
    Rules,
    /// Show how a file's lines pair up: each pair's length fit, suspect regions and repairs.
    Align {
        /// The file (or `-` for standard input).
        path: String,
        /// Print every pair, not only the suspect ones.
        #[arg(long)]
        all: bool,
        /// Output format: text or json.
        #[arg(long, default_value = "text", value_parser = ["text", "json"])]
        format: String,
    },
    /// Print a rule's documentation.
    Explain {
        /// Rule name, e.g. `untranslated-fragment`.
        rule: String,
    },
    /// Write a commented starter translint.toml in the current folder.
    Init {
        /// Overwrite an existing translint.toml.
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Source excerpts with underlines (codespan-reporting).
    Full,
    /// `path:line:col: severity[rule] message`.
    Concise,
    /// One JSON document (the documented contract).
    Json,
    /// One JSON object per finding, per line.
    JsonLines,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// SARIF 2.1.0 (code scanning).
    Sarif,
    /// reviewdog's rdjson.
    Rdjson,
    /// JUnit XML.
    Junit,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless NO_COLOR is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// Alternating Chinese and English lines.
    Interleaved,
    /// SubRip; bilingual cues, or one language per file in two-file mode.
    Srt,
    /// WebVTT; as SRT.
    Vtt,
    /// source<TAB>target per line.
    Tsv,
    /// One JSON object per line with source and target fields.
    Jsonl,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files or directories to check; directories are walked (respecting .gitignore and
    /// `exclude`) for *.txt, *.srt, *.vtt, *.tsv, *.jsonl. Siblings NAME.en.EXT / NAME.zh.EXT are
    /// checked together as original and translation.
    #[arg(required_unless_present_any = ["source", "stdin_filename"])]
    pub paths: Vec<String>,
    /// The name standard input (`-`) stands for: findings name it, its extension decides the
    /// format (unless --input-format), and the configuration is the one that file would have
    /// (discovered from its folder, with its `[per-file-ignores]`; `exclude` with
    /// --force-exclude). Without paths, standard input is checked.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<String>,
    /// The original of a two-file check (with --target).
    #[arg(long, requires = "target", value_name = "PATH")]
    pub source: Option<String>,
    /// The translation of a two-file check (with --source).
    #[arg(long, requires = "source", value_name = "PATH")]
    pub target: Option<String>,
    /// Check every file on its own, without pairing NAME.en.EXT with NAME.zh.EXT.
    #[arg(long)]
    pub no_pair_siblings: bool,
    /// JSONL field holding the original.
    #[arg(long, default_value = "source", value_name = "NAME")]
    pub source_field: String,
    /// JSONL field holding the translation.
    #[arg(long, default_value = "target", value_name = "NAME")]
    pub target_field: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Full)]
    pub format: OutputFormat,
    /// Only these rules (comma-separated names, or ALL).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Add these rules to the selection.
    #[arg(long, value_delimiter = ',')]
    pub extend_select: Vec<String>,
    /// Switch these rules off.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Fail (exit 1) when there are more warnings than this.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// Terms that may stay in English inside Chinese (comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub allow: Vec<String>,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Treat inputs as this format instead of detecting it.
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
    /// Print no summary line.
    #[arg(long)]
    pub quiet: bool,
    /// Apply safe fixes, then report what is left (standard input: print the fixed text).
    #[arg(long)]
    pub fix: bool,
    /// With `--fix`, `--diff` or `fix`: apply unsafe fixes too.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a unified diff of what fixing would change and write nothing (exit 1 if any).
    #[arg(long)]
    pub diff: bool,
    /// After fixing, list how many fixes each rule applied.
    #[arg(long)]
    pub show_fixes: bool,
    /// Apply `exclude` to files named on the command line too (for pre-commit and editors).
    #[arg(long)]
    pub force_exclude: bool,
    /// Print how many findings each rule produced (`count<TAB>rule`) instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Write the report to this file instead of standard output.
    #[arg(long, value_name = "PATH")]
    pub output_file: Option<String>,
    /// Record the current findings in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<String>,
    /// Hide the findings recorded in this baseline file; report only new ones.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<String>,
    /// With --baseline: rewrite the baseline without its stale entries.
    #[arg(long, requires = "baseline")]
    pub prune_baseline: bool,
    /// Check standard input (`-`) in windows of about this many MiB as it arrives, printing the
    /// findings of each before reading on (0: read it whole and check it like a file). Applies
    /// to interleaved, TSV and JSONL input with the full, concise, json-lines and github
    /// formats, without fixing or baselines.
    #[arg(long, default_value_t = 32, value_name = "MIB", value_parser = stdin_window_mib)]
    pub stdin_window: usize,
    /// Read big files instead of mapping them into memory. A file of 8 MiB or more is checked
    /// through a read-only map, which is faster; a file that another program truncates while it
    /// is checked then ends the run with an error (exit code 2). Fixing never maps files.
    #[arg(long)]
    pub no_mmap: bool,
}

/// Largest `--stdin-window`, in MiB: the window is reserved up front, and the read-ahead's queue
/// is sized by it; a bigger value asked the allocator for tens of gigabytes and aborted.
pub const MAX_STDIN_WINDOW_MIB: usize = 4096;

/// Parses `--stdin-window`: a number of MiB from 0 to [`MAX_STDIN_WINDOW_MIB`].
fn stdin_window_mib(value: &str) -> Result<usize, String> {
    let mib: usize = value
        .parse()
        .map_err(|_| format!("`{value}` is not a whole number of MiB"))?;
    if mib > MAX_STDIN_WINDOW_MIB {
        return Err(format!(
            "{mib} MiB is more than the largest window, {MAX_STDIN_WINDOW_MIB} MiB (use 0 to read standard input whole)"
        ));
    }
    Ok(mib)
}
