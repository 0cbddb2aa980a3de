//! Formats → model. Every parser turns text into a [`Document`] and never fails: what it cannot
//! make sense of becomes a stray line or a [`crate::model::ParseProblem`].

pub mod interleaved;
pub mod lines;
pub mod subtitle;
pub mod table;
pub mod timestamp;
pub mod twofile;

use crate::error::{Error, Result};
use crate::model::{Document, Format, SourceFile, Text};

/// Decode file bytes as UTF-8, naming the first bad byte and its line on failure.
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<String> {
    if pieces_are_utf8(&bytes) {
        // SAFETY: `pieces_are_utf8` validated every byte: the text is cut into pieces that
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

/// Whether `bytes` is valid UTF-8: checked in pieces on all cores when there are many.
pub(crate) fn is_utf8_in_parallel(bytes: &[u8]) -> bool {
    if bytes.len() < 2 * UTF8_PIECE {
        return is_utf8(bytes);
    }
    pieces_are_utf8(bytes)
}

/// True when `bytes` is valid UTF-8, checked piece by piece in parallel. Pieces are cut before a
/// byte that starts a character, so valid text never fails; false for invalid text (and for
/// text too short to be worth splitting), which the caller then checks whole for the error's
/// position.
fn pieces_are_utf8(bytes: &[u8]) -> bool {
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
    cuts.par_windows(2).all(|w| is_utf8(&bytes[w[0]..w[1]]))
}

/// Whether `bytes` is valid UTF-8, checked by SIMD: the same answer as `std::str::from_utf8`
/// (a test compares them), several times faster on Chinese text, and every input byte is
/// checked.
fn is_utf8(bytes: &[u8]) -> bool {
    simdutf8::basic::from_utf8(bytes).is_ok()
}

/// The bytes at the edges of a piece of text that [`piece_ends`] could not judge alone: the
/// continuation bytes it starts with (a character begun in the piece before) and an incomplete
/// character it ends with.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct PieceEnds {
    lead: [u8; 3],
    lead_len: usize,
    tail: [u8; 3],
    tail_len: usize,
}

/// Check one piece of a text cut anywhere: `None` when it holds invalid UTF-8, else its edges,
/// for [`pieces_join`] to check.
fn piece_ends(piece: &[u8]) -> Option<PieceEnds> {
    let mut ends = PieceEnds::default();
    // At most three continuation bytes follow a character's first byte.
    while ends.lead_len < 3 && piece.get(ends.lead_len).is_some_and(|&b| (b as i8) < -0x40) {
        ends.lead[ends.lead_len] = piece[ends.lead_len];
        ends.lead_len += 1;
    }
    let rest = &piece[ends.lead_len..];
    // By SIMD, with the standard library's error details (a piece cut anywhere usually ends
    // inside a character, and finding where by the scalar check was most of the check).
    if let Err(e) = simdutf8::compat::from_utf8(rest) {
        // Only a character cut off by the piece's end may be left: the next piece completes it.
        if e.error_len().is_some() {
            return None;
        }
        let tail = &rest[e.valid_up_to()..];
        ends.tail[..tail.len()].copy_from_slice(tail);
        ends.tail_len = tail.len();
    }
    Some(ends)
}

/// Whether consecutive pieces, each valid inside ([`piece_ends`]) and at least four bytes long
/// (so a character is cut between two pieces at most), make valid UTF-8: every character cut
/// between two pieces is whole and valid.
fn pieces_join(pieces: &[PieceEnds]) -> bool {
    let first_starts_clean = pieces.first().is_none_or(|p| p.lead_len == 0);
    let last_ends_clean = pieces.last().is_none_or(|p| p.tail_len == 0);
    first_starts_clean
        && last_ends_clean
        && pieces.windows(2).all(|w| {
            let mut cut = [0u8; 6];
            let (t, l) = (w[0].tail_len, w[1].lead_len);
            cut[..t].copy_from_slice(&w[0].tail[..t]);
            cut[t..t + l].copy_from_slice(&w[1].lead[..l]);
            std::str::from_utf8(&cut[..t + l]).is_ok()
        })
}

/// Read a file on several threads at once, each reading its own stretch of the file by
/// positioned reads, piece after piece, and checking each piece is UTF-8 as soon as it is read:
/// the copy out of the page cache and the first touch of the buffer's pages are shared among
/// the cores, and the check costs little more than the read (read then checked on one thread,
/// a 145 MB file took 150 ms; read by one thread and checked by another, 90 ms). Returns the
/// bytes and whether they were found valid; `false` leaves the check (and the error's position)
/// to [`decode`]: small files, files whose size changed while read, invalid text.
#[cfg(unix)]
fn read_checked(path: &str) -> std::io::Result<(Vec<u8>, bool)> {
    use std::io::Read;
    use std::os::unix::fs::FileExt;
    let mut file = std::fs::File::open(path)?;
    let size = file.metadata().map_or(0, |m| m.len());
    let size = usize::try_from(size).unwrap_or(0);
    if size < 2 * UTF8_PIECE {
        // Small files, and special files that report no size.
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)?;
        return Ok((bytes, false));
    }
    let mut bytes = vec![0u8; size];
    let pieces: Vec<&mut [u8]> = bytes.chunks_mut(UTF8_PIECE).collect();
    let readers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, pieces.len());
    // Consecutive pieces per reader; the first `extra` readers take one more.
    let (per, extra) = (pieces.len() / readers, pieces.len() % readers);
    let mut pieces = pieces.into_iter().enumerate();
    let results: Vec<std::io::Result<Option<Vec<PieceEnds>>>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..readers)
            .map(|r| {
                let mine: Vec<(usize, &mut [u8])> =
                    pieces.by_ref().take(per + usize::from(r < extra)).collect();
                let file = &file;
                scope.spawn(move || {
                    let mut ends = Some(Vec::with_capacity(mine.len()));
                    for (k, piece) in mine {
                        file.read_exact_at(piece, (k * UTF8_PIECE) as u64)?;
                        // After invalid bytes the rest is still read, so the bytes handed to
                        // `decode` are whole.
                        if let Some(list) = ends.as_mut() {
                            match piece_ends(piece) {
                                Some(e) => list.push(e),
                                None => ends = None,
                            }
                        }
                    }
                    Ok(ends)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("a reader thread panicked")))
            })
            .collect()
    });
    let mut ends = Some(Vec::new());
    for result in results {
        match result {
            Err(e) if e.kind() != std::io::ErrorKind::UnexpectedEof => return Err(e),
            // The file shrank while it was read: read it again, plainly.
            Err(_) => return Ok((std::fs::read(path)?, false)),
            Ok(None) => ends = None,
            Ok(Some(list)) => {
                if let Some(all) = ends.as_mut() {
                    all.extend(list);
                }
            }
        }
    }
    // The file grew while it was read: read it again, plainly.
    if file.read_at(&mut [0u8; 1], size as u64)? > 0 {
        return Ok((std::fs::read(path)?, false));
    }
    let valid = ends.is_some_and(|e| pieces_join(&e));
    Ok((bytes, valid))
}

/// [`read_checked`] where positioned reads are not `std::os::unix`'s: a plain read, checked by
/// [`decode`] afterwards (in parallel pieces for a big file).
#[cfg(not(unix))]
fn read_checked(path: &str) -> std::io::Result<(Vec<u8>, bool)> {
    Ok((std::fs::read(path)?, false))
}

/// Read and decode a file (or standard input for `-`).
pub fn read(path: &str) -> Result<String> {
    if path != "-" {
        let (bytes, valid) = read_checked(path).map_err(|source| Error::Io {
            path: path.to_string(),
            source,
        })?;
        if valid {
            // SAFETY: `read_checked` validated every byte: each piece is valid UTF-8 inside and
            // every character cut between two pieces is whole and valid (`pieces_join`).
            return Ok(unsafe { String::from_utf8_unchecked(bytes) });
        }
        return decode(path, bytes);
    }
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).map_err(|source| Error::Io {
        path: "<stdin>".into(),
        source,
    })?;
    decode("<stdin>", bytes)
}

/// Files at least this big are mapped rather than read when maps are allowed
/// ([`ParseOptions::map_files`]); a smaller one is read as fast.
pub const MAP_MIN_BYTES: u64 = 2 * UTF8_PIECE as u64;

/// Read a file for checking: a big regular file is mapped read-only when `map` ([`Text::map`];
/// `map` carries its safety promise, see [`ParseOptions::map_files`]), anything else read
/// ([`read`]). Invalid UTF-8 gives the same error either way.
pub fn read_text(path: &str, map: bool) -> Result<Text> {
    if map && path != "-" {
        let mapped = std::fs::File::open(path).and_then(|file| {
            let meta = file.metadata()?;
            if meta.is_file() && meta.len() >= MAP_MIN_BYTES {
                // SAFETY: the caller asked for maps (`ParseOptions::map_files`), which is the
                // promise `Text::map` needs: the file does not change while it is checked.
                unsafe { Text::map(&file) }
            } else {
                Ok(None)
            }
        });
        // A file that cannot be mapped, or is not UTF-8, is read: the read names the error.
        if let Ok(Some(text)) = mapped {
            return Ok(text);
        }
    }
    read(path).map(Text::from)
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
    /// Map big files read-only instead of reading them ([`read_text`]). Off by default. Turning
    /// it on is a promise: no one changes or truncates the files while their documents live (the
    /// safety condition of [`Text::map`]); translint's `check` makes it, and never maps the
    /// files `--fix` writes.
    pub map_files: bool,
    /// What standard input is called in findings and format detection (`--stdin-filename`);
    /// `<stdin>` when not given.
    pub stdin_name: Option<String>,
}

impl ParseOptions {
    /// The path a file stands for: standard input's given name (`--stdin-filename`), else the
    /// path as given (`-` for standard input). Its configuration is looked up by it.
    pub fn named<'a>(&'a self, path: &'a str) -> &'a str {
        match (&self.stdin_name, path) {
            (Some(name), "-") => name,
            _ => path,
        }
    }

    /// The name a path is shown under: [`ParseOptions::named`], with `<stdin>` for standard
    /// input that has no name.
    pub fn shown<'a>(&'a self, path: &'a str) -> &'a str {
        match self.named(path) {
            "-" => "<stdin>",
            named => named,
        }
    }
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            format: None,
            source_field: "source".into(),
            target_field: "target".into(),
            map_files: false,
            stdin_name: None,
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
pub fn parse(path: &str, text: impl Into<Text>, options: &ParseOptions) -> Document {
    let text = text.into();
    let format = options.format.unwrap_or_else(|| detect_format(path, &text));
    parse_as(SourceFile::new(path, text), format, options, None)
}

/// Parse a file (or a window of a stream) in `format`; for interleaved text, in the language
/// order `order` when given.
pub fn parse_as(
    file: SourceFile,
    format: Format,
    options: &ParseOptions,
    order: Option<crate::model::Order>,
) -> Document {
    match format {
        Format::Interleaved => interleaved::parse_in_order(file, order),
        Format::Srt | Format::Vtt => subtitle::parse_bilingual(file, format),
        Format::Tsv => table::parse_tsv(file),
        Format::Jsonl => table::parse_jsonl(file, &options.source_field, &options.target_field),
    }
}

/// Parse a source-language file and its translation (two-file mode); each file's format is
/// detected unless forced.
pub fn parse_two(
    source: (&str, impl Into<Text>),
    target: (&str, impl Into<Text>),
    options: &ParseOptions,
) -> Document {
    let (source_text, target_text) = (source.1.into(), target.1.into());
    let sf = options
        .format
        .unwrap_or_else(|| detect_format(source.0, &source_text));
    let tf = options
        .format
        .unwrap_or_else(|| detect_format(target.0, &target_text));
    twofile::parse_two(
        SourceFile::new(source.0, source_text),
        sf,
        SourceFile::new(target.0, target_text),
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
            assert!(pieces_are_utf8(text.as_bytes()), "shift {shift}");
            let decoded = decode("t.txt", text.clone().into_bytes()).unwrap();
            assert_eq!(decoded, text);
        }
        // Short text is left to the plain check.
        assert!(!pieces_are_utf8("短".as_bytes()));
        assert!(is_utf8_in_parallel("短".as_bytes()));
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
            assert!(!pieces_are_utf8(&bytes));
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

    #[test]
    fn pieces_cut_anywhere_check_like_the_whole() {
        let text = mixed_text(4096);
        let mut bad_lead = text.clone().into_bytes();
        bad_lead[1000] = 0x80; // a stray continuation byte
        let mut cut_char = text.clone().into_bytes();
        cut_char.truncate(cut_char.len() - 1); // ends inside a character (or not)
        let mut overlong = text.clone().into_bytes();
        overlong[2000] = 0xC0; // never valid
        let mut starts_inside = "é".as_bytes()[1..].to_vec();
        starts_inside.extend_from_slice(text.as_bytes());
        for bytes in [
            text.clone().into_bytes(),
            bad_lead,
            cut_char,
            overlong,
            starts_inside,
        ] {
            let whole = std::str::from_utf8(&bytes).is_ok();
            assert_eq!(is_utf8(&bytes), whole);
            for size in [4, 5, 7, 64, 1000, 5000] {
                let ends: Option<Vec<PieceEnds>> = bytes.chunks(size).map(piece_ends).collect();
                let by_pieces = ends.is_some_and(|e| pieces_join(&e));
                assert_eq!(by_pieces, whole, "pieces of {size}, whole valid: {whole}");
            }
        }
    }

    #[test]
    #[cfg(unix)]
    fn big_files_are_read_and_checked_in_pieces() {
        let dir = std::env::temp_dir().join(format!("translint-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("big.txt");
        let text = mixed_text(2 * UTF8_PIECE + 12345);
        std::fs::write(&path, &text).unwrap();
        let path = path.to_str().unwrap();
        assert_eq!(
            read_checked(path).unwrap(),
            (text.clone().into_bytes(), true)
        );
        assert_eq!(read(path).unwrap(), text);
        // Invalid UTF-8 near the end: named with its offset by `decode`.
        let mut bytes = text.into_bytes();
        let at = bytes.len() - 7;
        bytes[at] = 0xFF;
        std::fs::write(path, &bytes).unwrap();
        assert!(!read_checked(path).unwrap().1);
        let first_bad = std::str::from_utf8(&bytes).unwrap_err().valid_up_to();
        match read(path) {
            Err(Error::InvalidUtf8 { offset, .. }) => assert_eq!(offset, first_bad),
            other => panic!("{other:?}"),
        }
        // Invalid UTF-8 in the first piece: its reader stops checking, the whole file is still
        // read.
        bytes[10] = 0xFF;
        std::fs::write(path, &bytes).unwrap();
        match read(path) {
            Err(Error::InvalidUtf8 { offset, .. }) => assert!(offset <= 10, "{offset}"),
            other => panic!("{other:?}"),
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    #[cfg(unix)]
    fn big_files_are_mapped_when_allowed_and_read_alike() {
        let dir = std::env::temp_dir().join(format!("translint-map-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let big = dir.join("big.txt");
        let text = mixed_text(MAP_MIN_BYTES as usize + 5);
        std::fs::write(&big, &text).unwrap();
        let big = big.to_str().unwrap();
        let mapped = read_text(big, true).unwrap();
        assert!(mapped.is_mapped());
        assert_eq!(mapped.as_str(), text);
        assert_eq!(mapped.clone().as_str(), text);
        assert!(!mapped.clone().is_mapped(), "a clone is a copy to change");
        assert!(!read_text(big, false).unwrap().is_mapped());
        // A small file is read even when maps are allowed.
        let small = dir.join("small.txt");
        std::fs::write(&small, "短\n").unwrap();
        let small = read_text(small.to_str().unwrap(), true).unwrap();
        assert!(!small.is_mapped());
        assert_eq!(small.as_str(), "短\n");
        // Invalid UTF-8 in a big file: the same error as a read, offset and line.
        let mut bytes = text.into_bytes();
        let at = bytes.len() - 3;
        bytes[at] = 0xFF;
        std::fs::write(big, &bytes).unwrap();
        let first_bad = std::str::from_utf8(&bytes).unwrap_err().valid_up_to();
        let line = 1 + bytes[..first_bad].iter().filter(|&&b| b == b'\n').count();
        match read_text(big, true) {
            Err(Error::InvalidUtf8 {
                offset, line: l, ..
            }) => assert_eq!((offset, l), (first_bad, line)),
            other => panic!("{other:?}"),
        }
        // A missing file is an I/O error naming it, mapped or not.
        let missing = dir.join("missing.txt");
        let missing = missing.to_str().unwrap();
        assert!(
            matches!(read_text(missing, true), Err(Error::Io { ref path, .. }) if path == missing)
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
