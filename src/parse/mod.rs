//! Formats → model. Every parser turns text into a [`Document`] and never fails: what it cannot
//! make sense of becomes a stray line or a [`crate::model::ParseProblem`].

pub mod interleaved;
pub mod lines;

use crate::error::{Error, Result};
use crate::model::{Document, Format, SourceFile};

/// Decode file bytes as UTF-8, naming the first bad byte and its line on failure.
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
        Error::InvalidUtf8 {
            path: path.to_string(),
            offset,
            line,
        }
    })
}

/// Read and decode a file (or standard input for `-`).
pub fn read(path: &str) -> Result<String> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf).map_err(|source| {
            Error::Io {
                path: "<stdin>".into(),
                source,
            }
        })?;
        buf
    } else {
        std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_string(),
            source,
        })?
    };
    decode(if path == "-" { "<stdin>" } else { path }, bytes)
}

/// Guess the format from the file name, then the content.
pub fn detect_format(path: &str, _text: &str) -> Format {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".srt") {
        Format::Srt
    } else if lower.ends_with(".vtt") {
        Format::Vtt
    } else if lower.ends_with(".tsv") {
        Format::Tsv
    } else if lower.ends_with(".jsonl") {
        Format::Jsonl
    } else {
        Format::Interleaved
    }
}

/// Parse one file's text in the given (or detected) format.
pub fn parse(path: &str, text: String, format: Option<Format>) -> Document {
    let format = format.unwrap_or_else(|| detect_format(path, &text));
    let file = SourceFile::new(path, text);
    // Other formats arrive with their parsers; until then every file is read line by line.
    let _ = format;
    interleaved::parse(file)
}
