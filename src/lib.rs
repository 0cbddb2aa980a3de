//! translint: a linter and alignment checker for bilingual (Chinese ⇄ English) transcripts and
//! subtitles.
//!
//! The pipeline: [`parse`] turns a file into a [`model::Document`] of pairs with byte spans (never
//! failing), [`lint::lint`] runs the [`rules`] over it, and [`report`] renders the diagnostics.
//! Nothing in the library prints; `main.rs` is a thin command-line layer over [`check_file`].

#![warn(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod align;
pub mod baseline;
pub mod config;
pub mod data;
pub mod diagnostic;
pub mod error;
pub mod fix;
pub mod lint;
pub mod model;
pub mod parse;
pub mod report;
pub mod rules;
pub mod script;
pub mod text;
pub mod walk;

use config::{ActiveRule, Settings};
use error::Result;
use model::Format;
use report::FileReport;

/// Parse and lint text already in memory.
pub fn check_text(
    path: &str,
    text: String,
    format: Option<Format>,
    settings: &Settings,
    rules: &[ActiveRule],
) -> FileReport {
    let doc = parse::parse(path, text, format);
    let diagnostics = lint::lint(&doc, settings, rules);
    FileReport { doc, diagnostics }
}

/// Read, parse and lint one file (`-` for standard input).
pub fn check_file(
    path: &str,
    format: Option<Format>,
    settings: &Settings,
    rules: &[ActiveRule],
) -> Result<FileReport> {
    let text = parse::read(path)?;
    let shown = if path == "-" { "<stdin>" } else { path };
    Ok(check_text(shown, text, format, settings, rules))
}
