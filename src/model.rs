//! The document model every parser produces and every rule reads.
//!
//! Invariants (see ARCHITECTURE.md): every [`Span`] is a byte range into the text of the file it
//! names, on `char` boundaries; pairs are in file order; nothing of the input is dropped — each
//! non-blank line ends up in a pair, in [`Document::strays`], or in a parse problem.

use crate::script::Script;
use std::ops::Range;

/// Index of a file inside a [`Document`] (two-file mode has two). `u32`, not `usize`: it is in
/// every segment, and the narrower id lets a segment pack into 24 bytes.
pub type FileId = u32;

/// A byte range `start..end` into one file's text. `Copy`, unlike `Range`, so models stay cheap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from a start and an end byte.
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// As a `Range` for slicing.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// True for an empty span.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// One line (or cue side) of text in one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Which file of the document holds it.
    pub file: FileId,
    /// The text, trimmed of surrounding white space. The whole physical line(s) it came from
    /// are [`Document::line_of`]: derived, not stored, so a segment stays 24 bytes.
    pub span: Span,
    /// The script its characters are in (a Latin segment in the translation slot is untranslated).
    pub script: Script,
}

/// Cue timing in milliseconds, for subtitle formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timing {
    /// Start time in ms.
    pub start_ms: i64,
    /// End time in ms.
    pub end_ms: i64,
    /// Where the timing line is, for diagnostics.
    pub span: Span,
    /// The file holding the timing line.
    pub file: FileId,
}

/// An English original and its Chinese translation, as the file pairs them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    /// Position in [`Document::pairs`].
    pub index: usize,
    /// The original (English by default). `None` when the file has no partner for the target.
    pub source: Option<Segment>,
    /// The translation (Chinese by default). `None` when the original has no translation.
    pub target: Option<Segment>,
    /// Cue timing, where the format has it. Boxed: interleaved text, the largest files, has
    /// none, and an inline `Option<Timing>` was a third of every pair's size.
    pub timing: Option<Box<Timing>>,
}

impl Pair {
    /// The first byte of the pair, for ordering and "what follows" questions.
    pub fn start(&self) -> usize {
        match (self.source, self.target) {
            (Some(s), Some(t)) => s.span.start.min(t.span.start),
            (Some(s), None) => s.span.start,
            (None, Some(t)) => t.span.start,
            (None, None) => self.timing.as_ref().map_or(0, |t| t.span.start),
        }
    }
}

/// One timed cue as its file has it, kept for the timing and layout rules. In two-file mode each
/// file's cues are listed separately (pairs mix the two files, timing rules must not).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cue {
    /// The file holding the cue.
    pub file: FileId,
    /// The cue identifier line (SRT number, VTT id), if any.
    pub id: Option<Span>,
    /// The timing line's content span (reported when the timing line cannot be read).
    pub timing_line: Span,
    /// Start and end, when the timing line could be read.
    pub timing: Option<Timing>,
    /// Each text line of the cue, one segment per physical line, in file order.
    pub lines: Vec<Segment>,
}

/// Why the parser set a line aside as not dialogue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StrayKind {
    /// Before the first pair: an app header, a title.
    Header,
    /// After the last pair: an "about" footer, credits.
    Footer,
    /// In the middle, matching a known app-text pattern (named).
    AppText(String),
}

/// A line that is not dialogue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stray {
    /// The line.
    pub segment: Segment,
    /// Why it was set aside.
    pub kind: StrayKind,
}

/// A structural problem the parser met and recovered from (bad timestamp, garbage between cues…).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseProblem {
    /// Rule name under which it is reported (`subtitle-syntax`, `table-syntax`).
    pub rule: &'static str,
    /// File holding it.
    pub file: FileId,
    /// Where it is.
    pub span: Span,
    /// What is wrong and what the parser did about it.
    pub message: String,
}

/// Which input layout a document was parsed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// Alternating lines, one language after the other.
    Interleaved,
    /// SubRip.
    Srt,
    /// WebVTT.
    Vtt,
    /// Tab-separated source and target.
    Tsv,
    /// JSON lines with source and target fields.
    Jsonl,
}

/// Which language stands first in an interleaved file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Order {
    /// Translation line, then its original (the podcast-app layout).
    TargetFirst,
    /// Original line, then its translation.
    SourceFirst,
}

/// A file's text: owned, or a read-only map of a big file ([`crate::parse::read_text`]). A check
/// reads a 150 MB transcript through a map rather than copying it into fresh memory: the copy
/// and the page faults of the new buffer were a tenth of a million-pair run's CPU. Everything
/// else sees a `str`.
pub struct Text(TextRepr);

enum TextRepr {
    Owned(String),
    /// Valid UTF-8: checked when mapped ([`Text::map`]).
    Mapped(memmap2::Mmap),
}

impl Text {
    /// Maps `file` read-only and checks it is UTF-8; `Ok(None)` when it is not (the caller then
    /// reads it to name the bad byte).
    ///
    /// A map shows the file as it is on disk: a file truncated by another program while it is
    /// checked raises `SIGBUS` at the next read of the lost pages, as with ripgrep's maps (the
    /// binary turns it into an error message and exit code 2). Only `check` maps files, never
    /// `--fix` (which writes them), and `--no-mmap` turns maps off.
    ///
    /// # Safety
    ///
    /// The file must not be changed or truncated while the `Text` lives: its bytes are read as
    /// UTF-8 checked once, here. As with every memory map, nothing can enforce this against other
    /// programs; the caller accepts that risk (translint's `check` does, for speed, and offers
    /// `--no-mmap`).
    pub unsafe fn map(file: &std::fs::File) -> std::io::Result<Option<Text>> {
        // SAFETY: the map is read-only and translint never writes the files it maps; the caller
        // promises that no one else does while the `Text` lives.
        let map = unsafe { memmap2::MmapOptions::new().populate().map(file)? };
        Ok(crate::parse::is_utf8_in_parallel(&map).then(|| Text(TextRepr::Mapped(map))))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            TextRepr::Owned(s) => s,
            // SAFETY: a map is only made into a `Text` after its bytes were checked to be UTF-8,
            // and `Text::map`'s caller promised that they do not change.
            TextRepr::Mapped(m) => unsafe { std::str::from_utf8_unchecked(m) },
        }
    }

    /// Whether the text is a map of a file rather than a copy in memory.
    pub fn is_mapped(&self) -> bool {
        matches!(self.0, TextRepr::Mapped(_))
    }

    /// The text as an owned string (a copy of a mapped file).
    pub fn into_string(self) -> String {
        match self.0 {
            TextRepr::Owned(s) => s,
            TextRepr::Mapped(_) => self.as_str().to_string(),
        }
    }
}

impl std::ops::Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Clone for Text {
    /// A copy in memory: a clone is made to be changed (fixes), and maps are not.
    fn clone(&self) -> Self {
        Text(TextRepr::Owned(self.as_str().to_string()))
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text(TextRepr::Owned(s))
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text(TextRepr::Owned(s.to_string()))
    }
}

/// One input file: its name as the user gave it, its text, and where its lines start.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path as given on the command line (`<stdin>` for standard input).
    pub path: String,
    /// The whole text, BOM included, exactly as read.
    pub text: Text,
    line_starts: LineStarts,
    /// (byte, characters before it) about every [`CHECKPOINT_BYTES`], on char boundaries; built
    /// on the first column asked on a long line, so columns on a megabyte-long line cost a few
    /// kilobytes of counting each, not the whole line (which made rendering quadratic).
    char_checkpoints: std::sync::OnceLock<Vec<(usize, usize)>>,
    /// Where `text` begins in the input it was cut from (zero for a whole file).
    origin: Origin,
    /// More of the input follows `text` (a window of a stream that is not the last).
    more_follows: bool,
}

/// Where a window of a stream begins in the whole stream: standard input is checked a window
/// at a time ([`crate::stream`]), and its findings must name the stream's lines and bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    /// Bytes of the stream before the window.
    pub byte: usize,
    /// Lines of the stream before the window.
    pub line: usize,
}

/// Where each line of a file starts. `u32` offsets for a file under 4 GiB (every real
/// transcript): the index is one of a run's largest allocations after the text and the pairs,
/// and half of it was zero bytes. Larger files keep `usize` offsets.
#[derive(Clone, Debug)]
enum LineStarts {
    Narrow(Vec<u32>),
    Wide(Vec<usize>),
}

/// Bytes per parallel work item when indexing line starts.
const INDEX_PIECE: usize = 4 << 20;

/// Where each line of `bytes` starts (0, and after each LF, CRLF or lone CR), as `offset`
/// makes it: found by SIMD search, in pieces on all cores for a big text (a break is judged
/// from the whole text, so a CRLF split between pieces counts once).
fn line_starts<T: Send>(bytes: &[u8], offset: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let starts_in = |from: usize, to: usize| {
        memchr::memchr2_iter(b'\n', b'\r', &bytes[from..to])
            .map(move |i| from + i)
            .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
            .map(|i| offset(i + 1))
    };
    // Capacity from a typical line length, so big files do not regrow the index many times.
    let mut all = Vec::with_capacity(bytes.len() / 64 + 1);
    all.push(offset(0));
    if bytes.len() < 2 * INDEX_PIECE {
        all.extend(starts_in(0, bytes.len()));
        return all;
    }
    use rayon::prelude::*;
    let pieces: Vec<Vec<T>> = (0..bytes.len())
        .step_by(INDEX_PIECE)
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|from| starts_in(from, (from + INDEX_PIECE).min(bytes.len())).collect())
        .collect();
    all.reserve(pieces.iter().map(Vec::len).sum());
    for piece in pieces {
        all.extend(piece);
    }
    all
}

impl LineStarts {
    /// Index `bytes`; `wide` forces `usize` offsets (files of 4 GiB or more).
    fn index(bytes: &[u8], wide: bool) -> Self {
        if wide {
            LineStarts::Wide(line_starts(bytes, |b| b))
        } else {
            // `wide` is false only for texts shorter than 4 GiB: every offset fits.
            LineStarts::Narrow(line_starts(bytes, |b| b as u32))
        }
    }

    fn len(&self) -> usize {
        match self {
            LineStarts::Narrow(v) => v.len(),
            LineStarts::Wide(v) => v.len(),
        }
    }

    fn get(&self, line: usize) -> Option<usize> {
        match self {
            LineStarts::Narrow(v) => v.get(line).map(|&b| b as usize),
            LineStarts::Wide(v) => v.get(line).copied(),
        }
    }

    /// Index of the last line starting at or before `byte`.
    fn line_of(&self, byte: usize) -> usize {
        let found = match self {
            LineStarts::Narrow(v) => v.binary_search(&u32::try_from(byte).unwrap_or(u32::MAX)),
            LineStarts::Wide(v) => v.binary_search(&byte),
        };
        match found {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }
}

/// Spacing of [`SourceFile`]'s character-count checkpoints; lines shorter than this count
/// their columns directly.
const CHECKPOINT_BYTES: usize = 4096;

impl SourceFile {
    /// Index the line starts once so every renderer converts bytes to line/column cheaply.
    pub fn new(path: impl Into<String>, text: impl Into<Text>) -> Self {
        let text = text.into();
        let wide = u32::try_from(text.len()).is_err();
        let line_starts = LineStarts::index(text.as_bytes(), wide);
        SourceFile {
            path: path.into(),
            text,
            line_starts,
            char_checkpoints: std::sync::OnceLock::new(),
            origin: Origin::default(),
            more_follows: false,
        }
    }

    /// This text as a window of a longer stream that begins at `origin` (and goes on after it
    /// when `more_follows`): line numbers and byte offsets shown to the user count from the
    /// stream's start. Spans stay window-relative.
    pub fn as_window(mut self, origin: Origin, more_follows: bool) -> Self {
        self.origin = origin;
        self.more_follows = more_follows;
        self
    }

    /// Where the text begins in its stream ([`SourceFile::as_window`]); zero for a file.
    pub fn origin(&self) -> Origin {
        self.origin
    }

    /// Whether input follows the text that this file has not seen ([`SourceFile::as_window`]):
    /// a rule that counts what comes after a line sees only a lower bound.
    pub fn more_follows(&self) -> bool {
        self.more_follows
    }

    /// Byte offset where 0-based `line` starts (a lone CR, LF and CRLF each end a line).
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts.get(line)
    }

    /// Number of lines (a final line break starts one more, empty line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based line index holding `byte`.
    pub fn line_index(&self, byte: usize) -> usize {
        self.line_starts.line_of(byte)
    }

    /// 1-based line (counted from the stream's start, see [`SourceFile::origin`]) and 1-based
    /// column in Unicode scalar values, as the JSON contract wants.
    pub fn line_col(&self, byte: usize) -> (usize, usize) {
        let byte = self.floor_char_boundary(byte.min(self.text.len()));
        let line = self.line_index(byte);
        let start = self.line_starts.get(line).unwrap_or(0);
        let col = if byte - start <= CHECKPOINT_BYTES {
            self.text[start..byte].chars().count()
        } else {
            self.chars_before(byte) - self.chars_before(start)
        };
        (self.origin.line + line + 1, col + 1)
    }

    /// Characters in `text[..byte]` (`byte` on a char boundary), from the nearest checkpoint.
    fn chars_before(&self, byte: usize) -> usize {
        let checkpoints = self.char_checkpoints.get_or_init(|| {
            let mut out = vec![(0, 0)];
            let (mut at, mut chars) = (0, 0);
            while at + CHECKPOINT_BYTES < self.text.len() {
                let next = self.floor_char_boundary(at + CHECKPOINT_BYTES).max(at + 1);
                let next = self.ceil_char_boundary(next);
                chars += self.text[at..next].chars().count();
                at = next;
                out.push((at, chars));
            }
            out
        });
        let i = checkpoints.partition_point(|&(b, _)| b <= byte) - 1;
        let (b, chars) = checkpoints[i];
        chars + self.text[b..byte].chars().count()
    }

    fn ceil_char_boundary(&self, mut i: usize) -> usize {
        while i < self.text.len() && !self.text.is_char_boundary(i) {
            i += 1;
        }
        i
    }

    /// The whole physical line(s) `span` lies on, without the final line break: from the start
    /// of the line holding its first byte to the end of the line holding its last. An empty span
    /// (an empty cue side) covers no line and is returned as it is.
    pub fn lines_around(&self, span: Span) -> Span {
        if span.is_empty() {
            return span;
        }
        // Found from the span outwards (lines are short; two binary searches of a million-line
        // index missed the cache on every segment).
        let bytes = self.text.as_bytes();
        let start = memchr::memrchr2(b'\n', b'\r', &bytes[..span.start]).map_or(0, |i| i + 1);
        let end =
            memchr::memchr2(b'\n', b'\r', &bytes[span.end..]).map_or(bytes.len(), |i| span.end + i);
        Span::new(start, end)
    }

    /// Byte range of a 0-based line, without its line break.
    pub fn line_span(&self, line: usize) -> Span {
        let start = self.line_start(line).unwrap_or(self.text.len());
        let mut end = self.line_start(line + 1).unwrap_or(self.text.len());
        let bytes = self.text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        Span::new(start, end)
    }

    fn floor_char_boundary(&self, mut i: usize) -> usize {
        while i > 0 && !self.text.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

/// A parsed file (or file pair): the pairs, the set-aside lines and the problems met.
#[derive(Clone, Debug)]
pub struct Document {
    /// The files the pairs point into; one, or two in two-file mode (source file first).
    pub files: Vec<SourceFile>,
    /// The layout it was parsed as.
    pub format: Format,
    /// For interleaved text, which language came first.
    pub order: Order,
    /// Every pair, in file order.
    pub pairs: Vec<Pair>,
    /// Lines that are not dialogue.
    pub strays: Vec<Stray>,
    /// Structural problems the parser recovered from.
    pub problems: Vec<ParseProblem>,
    /// Timed cues of subtitle formats, per file in file order (empty for other formats).
    pub cues: Vec<Cue>,
    /// The pairs are cues of two subtitle files timed independently (their cue boundaries
    /// mostly differ, [`crate::parse::twofile`]): each pair is the two cues that overlap most
    /// in time, and its sides need not hold the same words. The alignment search and the length
    /// model, which compare a pair's two sides as translations of each other, do not apply.
    pub independently_timed: bool,
}

impl Document {
    /// The file a [`FileId`] names (ids are small: they index [`Document::files`]).
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id as usize]
    }

    /// The text a segment points at.
    pub fn text(&self, segment: &Segment) -> &str {
        &self.file(segment.file).text[segment.span.range()]
    }

    /// The whole physical line(s) a segment came from, without the line break: `whitespace`
    /// checks their edges, fixes that delete or merge lines edit them.
    pub fn line_of(&self, segment: &Segment) -> Span {
        self.file(segment.file).lines_around(segment.span)
    }

    /// The text of a span in a file.
    pub fn slice(&self, file: FileId, span: Span) -> &str {
        &self.file(file).text[span.range()]
    }

    /// The path of the document's primary file (the one holding the translations in two-file mode).
    pub fn path(&self) -> &str {
        &self.files[self.files.len() - 1].path
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::lines::lines;

    #[test]
    fn pairs_stay_small() {
        // A million-pair file holds a million of these beside its text: the memory target
        // (peak under twice the file) depends on it.
        assert_eq!(std::mem::size_of::<Segment>(), 24);
        assert_eq!(std::mem::size_of::<Option<Segment>>(), 24);
        assert_eq!(std::mem::size_of::<Pair>(), 64);
    }

    #[test]
    fn narrow_and_wide_line_indexes_agree() {
        let text = "一\r\ntwo\rthree\n\n四";
        let (narrow, wide) = (
            LineStarts::index(text.as_bytes(), false),
            LineStarts::index(text.as_bytes(), true),
        );
        assert!(matches!(narrow, LineStarts::Narrow(_)) && matches!(wide, LineStarts::Wide(_)));
        assert_eq!(narrow.len(), 5);
        assert_eq!(wide.len(), 5);
        for line in 0..6 {
            assert_eq!(narrow.get(line), wide.get(line), "line {line}");
        }
        for byte in 0..=text.len() + 1 {
            assert_eq!(narrow.line_of(byte), wide.line_of(byte), "byte {byte}");
        }
        assert_eq!(narrow.line_of(5), 1);
    }

    #[test]
    fn big_texts_are_indexed_in_pieces_like_small_ones() {
        // Breaks of every kind, with CRLFs and lone CRs falling on the pieces' edges.
        let mut text = Vec::new();
        while text.len() < 3 * INDEX_PIECE {
            text.extend_from_slice(b"line\r\nnext\rthird\n\n");
        }
        for edge in [INDEX_PIECE, 2 * INDEX_PIECE] {
            text[edge - 1] = b'\r';
            text[edge] = b'\n';
            text[edge + 1] = b'\r';
        }
        let by_bytes: Vec<usize> = std::iter::once(0)
            .chain((0..text.len()).filter_map(|i| {
                let lone_cr = text[i] == b'\r' && text.get(i + 1) != Some(&b'\n');
                (text[i] == b'\n' || lone_cr).then_some(i + 1)
            }))
            .collect();
        assert_eq!(line_starts(&text, |b| b), by_bytes);
    }

    #[test]
    fn whole_lines_are_found_again_from_the_content() {
        let text = "\u{FEFF}  第一行。 \r\n\tSecond line.\u{200B}\rthird\n\n \u{3000}第四行\t";
        let file = SourceFile::new("t.txt", text.to_string());
        let mut n = 0;
        for line in lines(text).filter(|l| !l.content.is_empty()) {
            assert_eq!(file.lines_around(line.content), line.whole, "{line:?}");
            n += 1;
        }
        assert_eq!(n, 4);
        // A cue side over two lines covers both; an empty side covers none.
        let cue = "  <i>one\r\ntwo</i> \nthree";
        let file = SourceFile::new("t.srt", cue.to_string());
        assert_eq!(file.lines_around(Span::new(5, 13)), Span::new(0, 18));
        assert_eq!(file.lines_around(Span::new(3, 3)), Span::new(3, 3));
    }

    #[test]
    fn columns_on_long_lines_match_a_plain_count() {
        let line: String = "我们走吧, go 𠮷é\u{301}!".repeat(2000);
        let text = format!("short\n{line}\n{line}");
        let f = SourceFile::new("t.txt", text.clone());
        let second = text.find('\n').unwrap() + 1;
        let third = second + line.len() + 1;
        for start in [second, third] {
            for byte in (start..start + line.len()).step_by(997) {
                let byte = f.floor_char_boundary(byte);
                let expected = text[start..byte].chars().count() + 1;
                let (_, col) = f.line_col(byte);
                assert_eq!(col, expected, "byte {byte}");
            }
        }
        assert_eq!(f.line_col(2), (1, 3));
    }

    #[test]
    fn line_col_counts_scalar_values() {
        let f = SourceFile::new("t", "ab\n中文English\r\n𠮷x".to_string());
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        assert_eq!(f.line_col(3 + 6), (2, 3)); // after 中文
        let last = f.text.find('x').unwrap();
        assert_eq!(f.line_col(last), (3, 2));
        assert_eq!(f.line_span(1), Span::new(3, 3 + 6 + 7));
    }

    #[test]
    fn lone_cr_ends_a_line() {
        let f = SourceFile::new("t", "a\rb\nc".to_string());
        let starts: Vec<_> = (0..f.line_count()).map(|l| f.line_start(l)).collect();
        assert_eq!(starts, [Some(0), Some(2), Some(4)]);
        assert_eq!(f.line_span(0), Span::new(0, 1));
    }
}
