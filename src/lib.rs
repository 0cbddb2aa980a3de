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
pub mod pages;
pub mod parse;
pub mod report;
pub mod rules;
pub mod script;
pub mod stream;
pub mod text;
pub mod timing;
pub mod walk;

#[cfg(test)]
mod test_support;

use config::{ActiveRule, Settings};
use error::Result;
use parse::ParseOptions;
use report::FileReport;

/// Parse and lint text already in memory.
pub fn check_text(
    path: &str,
    text: impl Into<model::Text>,
    options: &ParseOptions,
    settings: &Settings,
    rules: &[ActiveRule],
) -> FileReport {
    let doc = {
        let _t = timing::phase("parse");
        parse::parse(path, text, options)
    };
    let diagnostics = lint::lint(&doc, settings, rules);
    FileReport { doc, diagnostics }
}

/// Read, parse and lint one file (`-` for standard input).
pub fn check_file(
    path: &str,
    options: &ParseOptions,
    settings: &Settings,
    rules: &[ActiveRule],
) -> Result<FileReport> {
    let text = {
        let _t = timing::phase("read");
        parse::read_text(path, options.map_files)?
    };
    let shown = options.shown(path);
    Ok(check_text(shown, text, options, settings, rules))
}

/// Read, parse and lint an original and its translation as one document (two-file mode).
pub fn check_two_files(
    source: &str,
    target: &str,
    options: &ParseOptions,
    settings: &Settings,
    rules: &[ActiveRule],
) -> Result<FileReport> {
    // Mapped where allowed, as a single file is (`ParseOptions::map_files`).
    let (s, t) = {
        let _t = timing::phase("read");
        (
            parse::read_text(source, options.map_files)?,
            parse::read_text(target, options.map_files)?,
        )
    };
    let doc = {
        let _t = timing::phase("parse");
        parse::parse_two((source, s), (target, t), options)
    };
    let diagnostics = lint::lint(&doc, settings, rules);
    Ok(FileReport { doc, diagnostics })
}

/// Check one input of a run: a single file, or a pair of files.
pub fn check_input(
    input: &walk::Input,
    options: &ParseOptions,
    settings: &Settings,
    rules: &[ActiveRule],
) -> Result<FileReport> {
    match input {
        walk::Input::One(path) => check_file(path, options, settings, rules),
        walk::Input::Two { source, target } => {
            check_two_files(source, target, options, settings, rules)
        }
    }
}
