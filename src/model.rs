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
    /// The cue whose timing the pair has (an index into [`Document::cues`]), where the format
    /// has timing and the cue's timing line could be read; [`Document::timing`] gives it. An
    /// index, not a copy: an inline `Option<Timing>` was a third of every pair's size, and a
    /// boxed copy 56 bytes of heap a pair of a subtitle file.
    pub timed_by: Option<u32>,
}

/// One timed cue as its file has it, kept for the timing and layout rules. In two-file mode each
/// file's cues are listed separately (pairs mix the two files, timing rules must not).
///
/// Sized for a million cues: its lines are a range of one vector of the document's
/// ([`Document::lines_of`]), where a vector per cue cost 40 bytes of header and allocation a
/// cue, and its timing is two numbers ([`Cue::timing`] adds the span and file it already has).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cue {
    /// The file holding the cue.
    pub file: FileId,
    /// The cue identifier line (SRT number, VTT id), if any.
    pub id: Option<Span>,
    /// The timing line's content span (reported when the timing line cannot be read).
    pub timing_line: Span,
    /// Start and end in milliseconds, when the timing line could be read.
    pub times: Option<(i64, i64)>,
    /// Its text lines, one segment per physical line in file order: indices into
    /// [`Document::cue_lines`].
    pub lines: Range<usize>,
}

impl Cue {
    /// Start, end and timing line, when the timing line could be read.
    pub fn timing(&self) -> Option<Timing> {
        self.times.map(|(start_ms, end_ms)| Timing {
            start_ms,
            end_ms,
            span: self.timing_line,
            file: self.file,
        })
    }

    /// The cue's text lines, from the lines of all cues ([`Document::cue_lines`]); none when
    /// `all` is not the cue's list.
    pub fn lines_in<'a>(&self, all: &'a [Segment]) -> &'a [Segment] {
        all.get(self.lines.clone()).unwrap_or_default()
    }
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

/// Where lines start, kept sparse: the count of line breaks before every [`LINE_BLOCK`]-th
/// byte. A line's start or a byte's line is found from the nearest count by counting the breaks
/// of at most one block. An entry per line was a large allocation of a big file (8 MB for two
/// million lines) and a pass of a SIMD search stopping at every line (30 ms on 145 MB); counting
/// breaks per block is a vectorised byte count, and the index is about a hundredth of the text.
///
/// A line break is an LF, or a CR not followed by an LF (a CRLF breaks once, at its LF); line
/// `n` starts just after the `n`-th break.
#[derive(Clone, Debug)]
struct LineStarts {
    /// Entry `k`: breaks in bytes `[0, k·LINE_BLOCK)`; one more entry after the last block holds
    /// the total.
    breaks_before: Vec<usize>,
}

/// Bytes per block of [`LineStarts`]: a lookup counts at most this many bytes.
const LINE_BLOCK: usize = 512;

/// Blocks per parallel work item when indexing a big text.
const INDEX_PIECE_BLOCKS: usize = 8192;

/// LFs and CRs in `bytes`, counted in byte lanes the compiler vectorises.
fn count_lf_cr(bytes: &[u8]) -> (usize, usize) {
    let (mut lf, mut cr) = (0, 0);
    for chunk in bytes.chunks(255) {
        let (mut l, mut c) = (0u8, 0u8);
        for &b in chunk {
            l += u8::from(b == b'\n');
            c += u8::from(b == b'\r');
        }
        lf += usize::from(l);
        cr += usize::from(c);
    }
    (lf, cr)
}

/// Whether byte `i` of `bytes` (an LF or a CR) breaks a line: an LF does, a CR unless an LF
/// follows it.
fn is_break_at(bytes: &[u8], i: usize) -> bool {
    bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n')
}

/// Line breaks at positions `from..to` of `bytes` (a CR is judged by the byte after it, which
/// may lie past `to`).
fn breaks_in(bytes: &[u8], from: usize, to: usize) -> usize {
    let block = &bytes[from..to];
    let (lf, cr) = count_lf_cr(block);
    if cr == 0 {
        return lf;
    }
    let after = &bytes[from + 1..(to + 1).min(bytes.len())];
    let crlf = block
        .iter()
        .zip(after)
        .filter(|&(&a, &b)| a == b'\r' && b == b'\n')
        .count();
    lf + cr - crlf
}

impl LineStarts {
    /// Index `bytes`, on all cores when it is big.
    fn index(bytes: &[u8]) -> Self {
        let blocks = bytes.len().div_ceil(LINE_BLOCK);
        let count = |k: usize| {
            breaks_in(
                bytes,
                k * LINE_BLOCK,
                ((k + 1) * LINE_BLOCK).min(bytes.len()),
            )
        };
        let per_block: Vec<usize> = if blocks < 2 * INDEX_PIECE_BLOCKS {
            (0..blocks).map(count).collect()
        } else {
            use rayon::prelude::*;
            (0..blocks)
                .into_par_iter()
                .with_min_len(INDEX_PIECE_BLOCKS)
                .map(count)
                .collect()
        };
        let mut breaks_before = Vec::with_capacity(blocks + 1);
        let mut total = 0;
        breaks_before.push(0);
        for n in per_block {
            total += n;
            breaks_before.push(total);
        }
        LineStarts { breaks_before }
    }

    /// Number of lines (breaks + 1).
    fn len(&self) -> usize {
        self.breaks_before.last().map_or(0, |&n| n) + 1
    }

    /// Where 0-based `line` starts (`None` past the last line).
    fn get(&self, bytes: &[u8], line: usize) -> Option<usize> {
        if line == 0 {
            return Some(0);
        }
        // The block holding the line's break: the last whose count before it is below `line`.
        let k = self
            .breaks_before
            .partition_point(|&n| n < line)
            .checked_sub(1)?;
        if k + 1 >= self.breaks_before.len() {
            return None;
        }
        let mut wanted = line - self.breaks_before[k];
        let from = k * LINE_BLOCK;
        let to = ((k + 1) * LINE_BLOCK).min(bytes.len());
        for i in memchr::memchr2_iter(b'\n', b'\r', &bytes[from..to]).map(|i| from + i) {
            if is_break_at(bytes, i) {
                wanted -= 1;
                if wanted == 0 {
                    return Some(i + 1);
                }
            }
        }
        None
    }

    /// Where the line holding `byte` starts: just after the last break before it, searched
    /// backwards within `byte`'s block (lines are short), else found from the index (so a
    /// megabyte-long line costs a block's search, not its length).
    fn start_of_line_holding(&self, bytes: &[u8], byte: usize) -> usize {
        let byte = byte.min(bytes.len());
        let from = byte / LINE_BLOCK * LINE_BLOCK;
        let mut end = byte;
        while let Some(i) = memchr::memrchr2(b'\n', b'\r', &bytes[from..end]).map(|i| from + i) {
            // Searching backwards from `byte`, a CR that is no break is the CR of a CRLF whose
            // LF is `byte` itself.
            if is_break_at(bytes, i) {
                return i + 1;
            }
            end = i;
        }
        self.get(bytes, self.line_of(bytes, byte)).unwrap_or(0)
    }

    /// Index of the line holding `byte` (the last line for a byte past the end).
    fn line_of(&self, bytes: &[u8], byte: usize) -> usize {
        let byte = byte.min(bytes.len());
        let k = byte / LINE_BLOCK;
        self.breaks_before[k] + breaks_in(bytes, k * LINE_BLOCK, byte)
    }
}

/// Spacing of [`SourceFile`]'s character-count checkpoints; lines shorter than this count
/// their columns directly.
const CHECKPOINT_BYTES: usize = 4096;

impl SourceFile {
    /// Index the line starts once so every renderer converts bytes to line/column cheaply.
    pub fn new(path: impl Into<String>, text: impl Into<Text>) -> Self {
        let text = text.into();
        let line_starts = LineStarts::index(text.as_bytes());
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
        self.line_starts.get(self.text.as_bytes(), line)
    }

    /// Number of lines (a final line break starts one more, empty line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based line index holding `byte`.
    pub fn line_index(&self, byte: usize) -> usize {
        self.line_starts.line_of(self.text.as_bytes(), byte)
    }

    /// 1-based line (counted from the stream's start, see [`SourceFile::origin`]) and 1-based
    /// column in Unicode scalar values, as the JSON contract wants.
    pub fn line_col(&self, byte: usize) -> (usize, usize) {
        let byte = self.floor_char_boundary(byte.min(self.text.len()));
        let line = self.line_index(byte);
        let start = self.start_of_line_holding(byte);
        let mut col = if byte - start <= CHECKPOINT_BYTES {
            self.text[start..byte].chars().count()
        } else {
            self.chars_before(byte) - self.chars_before(start)
        };
        // The BOM opening a file is not a column: editors and GitHub do not show it.
        if start == 0 && self.origin.byte == 0 && byte > 0 && self.text.starts_with('\u{FEFF}') {
            col -= 1;
        }
        (self.origin.line + line + 1, col + 1)
    }

    /// [`SourceFile::line_col`] of a span's start and end. The end of a span on one line is
    /// counted on from its start (every renderer asks both ends of every finding; a second
    /// lookup in the index was a tenth of rendering a finding-heavy file).
    pub fn line_col_span(&self, span: Span) -> ((usize, usize), (usize, usize)) {
        let (line, col) = self.line_col(span.start);
        let start = self.floor_char_boundary(span.start.min(self.text.len()));
        let end = self.floor_char_boundary(span.end.min(self.text.len()));
        let bytes = &self.text.as_bytes()[start..end.max(start)];
        if end >= start
            && end - start <= CHECKPOINT_BYTES
            && memchr::memchr2(b'\n', b'\r', bytes).is_none()
        {
            return (
                (line, col),
                (line, col + self.text[start..end].chars().count()),
            );
        }
        ((line, col), self.line_col(span.end))
    }

    /// Where the line holding `byte` starts ([`LineStarts::start_of_line_holding`]).
    fn start_of_line_holding(&self, byte: usize) -> usize {
        self.line_starts
            .start_of_line_holding(self.text.as_bytes(), byte)
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
        // Most segments are their whole line: the bytes next to them are line breaks, seen
        // without a search (two searches per segment were a tenth of the whitespace rule).
        let bytes = self.text.as_bytes();
        let is_break = |b: u8| b == b'\n' || b == b'\r';
        let start = match span.start.checked_sub(1).map(|i| bytes[i]) {
            None => 0,
            Some(b) if is_break(b) => span.start,
            Some(_) => memchr::memrchr2(b'\n', b'\r', &bytes[..span.start]).map_or(0, |i| i + 1),
        };
        let end = match bytes.get(span.end) {
            None => bytes.len(),
            Some(&b) if is_break(b) => span.end,
            Some(_) => memchr::memchr2(b'\n', b'\r', &bytes[span.end..])
                .map_or(bytes.len(), |i| span.end + i),
        };
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
    /// The text lines of all cues, cue after cue ([`Cue::lines`] ranges it).
    pub cue_lines: Vec<Segment>,
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

    /// A pair's cue timing ([`Pair::timed_by`]).
    pub fn timing(&self, pair: &Pair) -> Option<Timing> {
        let cue = self.cues.get(usize::try_from(pair.timed_by?).ok()?)?;
        cue.timing()
    }

    /// The text lines of a cue of this document.
    pub fn lines_of(&self, cue: &Cue) -> &[Segment] {
        cue.lines_in(&self.cue_lines)
    }

    /// The first byte of a pair, for ordering and "what follows" questions (its timing line
    /// when it has neither side).
    pub fn pair_start(&self, pair: &Pair) -> usize {
        match (pair.source, pair.target) {
            (Some(s), Some(t)) => s.span.start.min(t.span.start),
            (Some(s), None) => s.span.start,
            (None, Some(t)) => t.span.start,
            (None, None) => self.timing(pair).map_or(0, |t| t.span.start),
        }
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
        // And a million-cue subtitle file a million of these, beside the lines' segments.
        assert_eq!(std::mem::size_of::<Cue>(), 88);
    }

    /// Line starts found byte by byte: 0, and after each LF and each CR not before an LF.
    fn starts_by_bytes(text: &[u8]) -> Vec<usize> {
        std::iter::once(0)
            .chain((0..text.len()).filter_map(|i| {
                let lone_cr = text[i] == b'\r' && text.get(i + 1) != Some(&b'\n');
                (text[i] == b'\n' || lone_cr).then_some(i + 1)
            }))
            .collect()
    }

    /// The index answers as the line starts found byte by byte do, for every line and byte.
    fn assert_index_agrees(text: &[u8]) {
        let index = LineStarts::index(text);
        let starts = starts_by_bytes(text);
        assert_eq!(index.len(), starts.len());
        for (line, &start) in starts.iter().enumerate() {
            assert_eq!(index.get(text, line), Some(start), "line {line}");
        }
        assert_eq!(index.get(text, starts.len()), None);
        for byte in 0..=text.len() + 1 {
            let line = starts.partition_point(|&s| s <= byte) - 1;
            assert_eq!(index.line_of(text, byte), line, "byte {byte}");
        }
    }

    #[test]
    fn the_line_index_counts_every_kind_of_break() {
        assert_index_agrees("一\r\ntwo\rthree\n\n四".as_bytes());
        assert_index_agrees(b"");
        assert_index_agrees(b"\r");
        assert_index_agrees(b"\n\r\n\r\r");
        let index = LineStarts::index("一\r\ntwo".as_bytes());
        assert_eq!(index.line_of("一\r\ntwo".as_bytes(), 5), 1);
    }

    #[test]
    fn big_texts_are_indexed_in_blocks_like_small_ones() {
        // Breaks of every kind, with CRLFs and lone CRs falling on the blocks' edges, and big
        // enough to be counted in parallel.
        let mut text = Vec::new();
        while text.len() < 3 * INDEX_PIECE_BLOCKS * LINE_BLOCK {
            text.extend_from_slice(b"line\r\nnext\rthird\n\n");
        }
        for block in [1, 2, 7, INDEX_PIECE_BLOCKS, 2 * INDEX_PIECE_BLOCKS + 5] {
            let edge = block * LINE_BLOCK;
            text[edge - 1] = b'\r';
            text[edge] = b'\n';
            text[edge + 1] = b'\r';
            text[edge + LINE_BLOCK - 1] = b'\r';
            text[edge + LINE_BLOCK] = b'x';
        }
        let index = LineStarts::index(&text);
        let starts = starts_by_bytes(&text);
        assert_eq!(index.len(), starts.len());
        for (line, &start) in starts.iter().enumerate().step_by(97) {
            assert_eq!(index.get(&text, line), Some(start), "line {line}");
        }
        for byte in (0..=text.len())
            .step_by(89)
            .chain(text.len() - 3..=text.len())
        {
            let line = starts.partition_point(|&s| s <= byte) - 1;
            assert_eq!(index.line_of(&text, byte), line, "byte {byte}");
        }
        // Around every block edge, byte by byte.
        for k in (1..text.len() / LINE_BLOCK).step_by(7) {
            for byte in k * LINE_BLOCK - 2..k * LINE_BLOCK + 2 {
                let line = starts.partition_point(|&s| s <= byte) - 1;
                assert_eq!(index.line_of(&text, byte), line, "byte {byte}");
            }
        }
    }

    #[test]
    fn random_texts_index_like_their_bytes() {
        // Texts of a few blocks made of line breaks and letters in random runs.
        let mut next = crate::test_support::xorshift(0x2545_f491_4f6c_dd1d);
        for _ in 0..6 {
            let len = (next() % (2 * LINE_BLOCK as u64 + 64)) as usize;
            let text: Vec<u8> = (0..len).map(|_| b"\r\nab"[(next() % 4) as usize]).collect();
            assert_index_agrees(&text);
        }
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
    fn the_bom_opening_a_file_is_no_column() {
        let f = SourceFile::new("t", "\u{FEFF}中,文\n\u{FEFF}x,y".to_string());
        let comma = f.text.find(',').unwrap();
        assert_eq!(f.line_col(comma), (1, 2));
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (1, 1));
        // A BOM further on is a character like any other.
        let second = f.text.rfind(',').unwrap();
        assert_eq!(f.line_col(second), (2, 3));
    }

    #[test]
    fn a_line_start_found_backwards_is_the_indexed_one() {
        let long = format!(
            "{}\r\n{}\r{}",
            "长".repeat(LINE_BLOCK),
            "a".repeat(LINE_BLOCK - 1),
            "b"
        );
        let texts = [
            "一\r\ntwo\rthree\n\n四",
            "\r\n\r\r\n\n",
            "",
            "x\r",
            "\rx\n\r\ny",
            &long,
        ];
        for text in texts {
            let f = SourceFile::new("t", text.to_string());
            for byte in 0..=text.len() {
                let indexed = f.line_start(f.line_index(byte));
                assert_eq!(
                    Some(f.start_of_line_holding(byte)),
                    indexed,
                    "{text:?} byte {byte}"
                );
            }
        }
    }

    #[test]
    fn a_span_on_one_line_is_counted_on_from_its_start() {
        let text = "ab\n中文English\r\n𠮷x\ry";
        let f = SourceFile::new("t", text.to_string());
        for start in 0..=text.len() + 1 {
            for end in start..=text.len() + 2 {
                let span = Span::new(start, end);
                assert_eq!(
                    f.line_col_span(span),
                    (f.line_col(start), f.line_col(end)),
                    "{start}..{end}"
                );
            }
        }
    }

    #[test]
    fn lone_cr_ends_a_line() {
        let f = SourceFile::new("t", "a\rb\nc".to_string());
        let starts: Vec<_> = (0..f.line_count()).map(|l| f.line_start(l)).collect();
        assert_eq!(starts, [Some(0), Some(2), Some(4)]);
        assert_eq!(f.line_span(0), Span::new(0, 1));
    }
}
