//! Formats → model. Every parser turns text into a [`Document`] and never fails: what it cannot
//! make sense of becomes a stray line or a [`crate::model::ParseProblem`].

pub mod interleaved;
pub mod lines;
pub mod subtitle;
pub mod table;
pub mod timestamp;
pub mod twofile;

use crate::error::{Error, Result};
use crate::model::{Document, Format, SourceFile};

/// Decode file bytes as UTF-8, naming the first bad byte and its line on failure.
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<String> {
    if is_utf8_in_parallel(&bytes) {
        // SAFETY: `is_utf8_in_parallel` validated every byte: the text is cut into pieces that
        // each are valid UTF-8, and a concatenation of valid UTF-8 strings is valid UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
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

/// Bytes per piece when validating UTF-8 on all cores: a 150 MB file took 80 ms on one.
const UTF8_PIECE: usize = 4 << 20;

/// True when `bytes` is valid UTF-8, checked piece by piece in parallel. Pieces are cut before a
/// byte that starts a character, so valid text never fails; false for invalid text (and for
/// text too short to be worth splitting), which the caller then checks whole for the error's
/// position.
fn is_utf8_in_parallel(bytes: &[u8]) -> bool {
    use rayon::prelude::*;
    if bytes.len() < 2 * UTF8_PIECE {
        return false;
    }
    let mut cuts = vec![0];
    let mut at = UTF8_PIECE;
    while at < bytes.len() {
        // Move the cut to a character's first byte (at most three continuation bytes follow one).
        let mut cut = at;
        while cut < (at + 3).min(bytes.len()) && (bytes[cut] as i8) < -0x40 {
            cut += 1;
        }
        cuts.push(cut);
        at = cut + UTF8_PIECE;
    }
    cuts.push(bytes.len());
    cuts.par_windows(2)
        .all(|w| std::str::from_utf8(&bytes[w[0]..w[1]]).is_ok())
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

/// How to read inputs: a forced format, and the JSONL field names.
#[derive(Clone, Debug)]
pub struct ParseOptions {
    /// Use this format instead of detecting one.
    pub format: Option<Format>,
    /// JSONL field holding the original.
    pub source_field: String,
    /// JSONL field holding the translation.
    pub target_field: String,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            format: None,
            source_field: "source".into(),
            target_field: "target".into(),
        }
    }
}

/// Guess the format: a known extension decides; otherwise the content (a `WEBVTT` signature, an
/// SRT timing line near the top, JSON objects, tab-separated rows), else interleaved text.
pub fn detect_format(path: &str, text: &str) -> Format {
    let lower = path.to_ascii_lowercase();
    let by_ext = [
        (".srt", Format::Srt),
        (".vtt", Format::Vtt),
        (".tsv", Format::Tsv),
        (".jsonl", Format::Jsonl),
        (".ndjson", Format::Jsonl),
    ];
    for (ext, f) in by_ext {
        if lower.ends_with(ext) {
            return f;
        }
    }
    let body = text.trim_start_matches(lines::is_trimmable);
    if body.starts_with("WEBVTT") {
        return Format::Vtt;
    }
    // Split on CR too: a file with lone-CR line ends is one `str::lines` line.
    let head: Vec<&str> = body
        .split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(20)
        .collect();
    if head
        .iter()
        .take(3)
        .any(|l| timestamp::looks_like_timing(l) && timestamp::parse_timing_line(l).is_ok())
    {
        return Format::Srt;
    }
    if !head.is_empty() {
        let json = head
            .iter()
            .filter(|l| l.starts_with('{') && l.ends_with('}'))
            .count();
        if json * 10 >= head.len() * 8 {
            return Format::Jsonl;
        }
        let tabbed = head.iter().filter(|l| l.contains('\t')).count();
        if tabbed * 10 >= head.len() * 8 {
            return Format::Tsv;
        }
    }
    Format::Interleaved
}

/// Parse one file's text in the given (or detected) format.
pub fn parse(path: &str, text: String, options: &ParseOptions) -> Document {
    let format = options.format.unwrap_or_else(|| detect_format(path, &text));
    let file = SourceFile::new(path, text);
    match format {
        Format::Interleaved => interleaved::parse(file),
        Format::Srt | Format::Vtt => subtitle::parse_bilingual(file, format),
        Format::Tsv => table::parse_tsv(file),
        Format::Jsonl => table::parse_jsonl(file, &options.source_field, &options.target_field),
    }
}

/// Parse a source-language file and its translation (two-file mode); each file's format is
/// detected unless forced.
pub fn parse_two(
    source: (&str, String),
    target: (&str, String),
    options: &ParseOptions,
) -> Document {
    let sf = options
        .format
        .unwrap_or_else(|| detect_format(source.0, &source.1));
    let tf = options
        .format
        .unwrap_or_else(|| detect_format(target.0, &target.1));
    twofile::parse_two(
        SourceFile::new(source.0, source.1),
        sf,
        SourceFile::new(target.0, target.1),
        tf,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text of `len` bytes or more mixing one- to four-byte characters, so that cuts fall inside
    /// characters of every width.
    fn mixed_text(len: usize) -> String {
        let mut s = String::with_capacity(len + 16);
        let mut k = 0usize;
        while s.len() < len {
            s.push_str(["a", "é", "汉", "𠮷", "\n"][k % 5]);
            k += 1;
        }
        s
    }

    #[test]
    fn parallel_validation_accepts_valid_text_cut_anywhere() {
        for shift in 0..4 {
            let text = format!("{}{}", "x".repeat(shift), mixed_text(3 * UTF8_PIECE + 7));
            assert!(is_utf8_in_parallel(text.as_bytes()), "shift {shift}");
            let decoded = decode("t.txt", text.clone().into_bytes()).unwrap();
            assert_eq!(decoded, text);
        }
        // Short text is left to the plain check.
        assert!(!is_utf8_in_parallel("短".as_bytes()));
    }

    #[test]
    fn invalid_bytes_in_a_big_file_are_found_with_their_line() {
        let text = mixed_text(3 * UTF8_PIECE);
        for at in [
            0,
            UTF8_PIECE - 1,
            UTF8_PIECE,
            2 * UTF8_PIECE + 1,
            text.len() - 1,
        ] {
            let mut bytes = text.clone().into_bytes();
            bytes[at] = 0xFF;
            assert!(!is_utf8_in_parallel(&bytes));
            let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
            match decode("big.txt", bytes) {
                Err(Error::InvalidUtf8 {
                    offset, line: l, ..
                }) => {
                    assert!(offset <= at && at - offset < 4, "{offset} vs {at}");
                    assert_eq!(l, line);
                }
                other => panic!("byte {at}: {other:?}"),
            }
        }
    }
}
