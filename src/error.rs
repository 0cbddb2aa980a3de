//! The library's error type: only what stops a file from being checked at all.
//!
//! Parsing never fails (bad structure becomes diagnostics); these are I/O, encoding, usage and
//! configuration errors, which `main` turns into a message and exit code 2.

use std::fmt;

/// Why a file or a request could not be processed.
#[derive(Debug)]
pub enum Error {
    /// The file could not be read.
    Io {
        /// Path as given.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A file could not be written (a fixed file, a baseline, the report, a starter config).
    Write {
        /// Path as given.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is not UTF-8.
    InvalidUtf8 {
        /// Path as given.
        path: String,
        /// Byte offset of the first invalid byte.
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
    },
    /// A rule name that no rule has, with the closest known name when one is close.
    UnknownRule {
        /// The name given.
        name: String,
        /// The rule it most likely means.
        suggestion: Option<String>,
    },
    /// A configuration file or value is wrong.
    Config {
        /// Where (file and line, or the command-line flag).
        location: String,
        /// What is wrong.
        message: String,
    },
    /// The command line asks for something impossible.
    Usage(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{path}: cannot read: {source}"),
            Error::Write { path, source } => write!(f, "{path}: cannot write: {source}"),
            Error::InvalidUtf8 { path, offset, line } => write!(
                f,
                "{path}:{line}: not valid UTF-8 (first invalid byte at offset {offset}); convert the file to UTF-8"
            ),
            Error::UnknownRule {
                name,
                suggestion: Some(best),
            } => write!(f, "unknown rule `{name}` (did you mean `{best}`?)"),
            Error::UnknownRule {
                name,
                suggestion: None,
            } => write!(
                f,
                "unknown rule `{name}` (run `translint rules` for the list)"
            ),
            Error::Config { location, message } => write!(f, "{location}: {message}"),
            Error::Usage(message) => write!(f, "{message}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } | Error::Write { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl Error {
    /// The file the error is about, when it is about one (machine-readable reports list the
    /// inputs they could not read).
    pub fn path(&self) -> Option<&str> {
        match self {
            Error::Io { path, .. }
            | Error::Write { path, .. }
            | Error::InvalidUtf8 { path, .. } => Some(path),
            _ => None,
        }
    }

    /// The 1-based line the error is at, when it is at one.
    pub fn line(&self) -> Option<usize> {
        match self {
            Error::InvalidUtf8 { line, .. } => Some(*line),
            _ => None,
        }
    }
}

/// Result with the library's error.
pub type Result<T> = std::result::Result<T, Error>;
