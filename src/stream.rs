//! Standard input checked a window at a time, as it arrives.
//!
//! A pipeline feeding translint a corpus larger than memory, or a producer that runs for hours,
//! should see findings while it writes and never have its whole output held in memory. The
//! input is cut into windows of about `window` bytes at line breaks; each window is parsed and
//! linted like a file, and its findings are handed over before the next window is read.
//!
//! A cut must not split a pair or leave a pair without the context the alignment looks at, so
//! the last [`HELD_BACK_PAIRS`] pairs of a window (in a window with fewer, twice as many lines)
//! are not reported from it: their lines begin the next window, where they are checked again
//! with what follows them. Each window reads at least as much new input as it carries, so no
//! byte is checked more than about twice. Line numbers and byte offsets count from the start
//! of the stream ([`crate::model::Origin`]).
//!
//! What a window cannot see: findings that compare lines further apart than a window (a
//! duplicate, a term kept differently) and the length model, which each window fits on its own
//! lines. The first window decides the language order of interleaved text for all of them.
//! Subtitle formats (SRT, VTT) are read whole: a cue is not a line, and subtitle files are
//! small.

use crate::config::{ActiveRule, Settings};
use crate::error::{Error, Result};
use crate::model::{Format, Order, Origin, SourceFile};
use crate::parse::{self, ParseOptions};
use crate::report::FileReport;
use std::io::Read;

/// Pairs at the end of a window that are carried into the next one instead of being reported:
/// the alignment's window around a suspect pair and the pairing's look-ahead are far shorter.
pub const HELD_BACK_PAIRS: usize = 256;

/// One checked window of a stream.
pub struct Window {
    /// The window's document and the findings that begin before its cut.
    pub report: FileReport,
    /// Pairs the window accounts for (those before the cut), for the run's totals.
    pub pairs: usize,
}

/// Formats whose records are lines, so that a cut at a line break is a cut between records.
fn windowable(format: Format) -> bool {
    matches!(format, Format::Interleaved | Format::Tsv | Format::Jsonl)
}

/// A stream to check and how to read it.
pub struct StreamInput {
    /// The bytes.
    pub reader: Box<dyn Read + Send>,
    /// About how many bytes a window holds (at least one line).
    pub window: usize,
    /// Read on a thread of its own, ahead of the checking: for a pipe, whose producer then
    /// keeps writing while a window is checked (a producer paced at 150 MB/s and a 145 MB
    /// input: 2.50 s → 1.80 s). A regular file is read sooner on the checking thread: with
    /// both cores checking, a reading thread only competes with them (1.29–1.35 s → 1.39 s).
    pub read_ahead: bool,
}

/// Check `input` window by window, handing each window to `emit` in order; `emit` returns
/// false to stop reading (the reader of the output went away). `path` names the input in
/// findings and errors.
pub fn check_stream(
    path: &str,
    input: StreamInput,
    options: &ParseOptions,
    settings: &Settings,
    rules: &[ActiveRule],
    mut emit: impl FnMut(Window) -> Result<bool>,
) -> Result<()> {
    let window = input.window.max(1);
    let mut input = Reading::start(input.reader, window, input.read_ahead);
    let mut format = options.format;
    let mut order: Option<Order> = None;
    let mut origin = Origin::default();
    // Bytes read and not yet reported: the held-back lines of the last window, then new input.
    let mut buf: Vec<u8> = Vec::new();
    let mut want = window;
    let mut eof = false;
    loop {
        if !eof {
            let read = crate::timing::phase("read");
            eof = input.fill(&mut buf, want, path)?;
            drop(read);
        }
        let cut = if eof {
            buf.len()
        } else {
            match memchr::memrchr(b'\n', &buf) {
                Some(i) => i + 1,
                None => {
                    // A line longer than the window: read on until it ends.
                    want = want.saturating_mul(2);
                    continue;
                }
            }
        };
        let rest = buf.split_off(cut);
        let text = decode_at(path, std::mem::take(&mut buf), origin)?;
        let format = *format.get_or_insert_with(|| parse::detect_format(path, &text));
        if !windowable(format) && !eof {
            buf = text.into_bytes();
            buf.extend_from_slice(&rest);
            input.fill(&mut buf, usize::MAX, path)?;
            eof = true;
            continue;
        }
        let doc = {
            let _t = crate::timing::phase("parse");
            let file = SourceFile::new(path, text).as_window(origin, !eof);
            parse::parse_as(file, format, options, order)
        };
        let last = eof;
        let file = doc.file(0);
        let commit = if last {
            Some(file.text.len())
        } else {
            // Hold back the last pairs; in a window with fewer (a run of lines that do not
            // pair, such as blank lines), as many lines as they would fill.
            let line_start = |at: usize| file.line_start(file.line_index(at));
            let by_pairs = doc
                .pairs
                .len()
                .checked_sub(HELD_BACK_PAIRS)
                .and_then(|k| doc.pairs.get(k))
                .and_then(|p| line_start(doc.pair_start(p)));
            let by_lines = file
                .line_count()
                .checked_sub(2 * HELD_BACK_PAIRS + 1)
                .and_then(|l| file.line_start(l));
            let progress = |c: &usize| *c > 0;
            by_pairs.filter(progress).or(by_lines.filter(progress))
        };
        let Some(commit) = commit else {
            // Too little to hold some back: take a bigger bite of the input.
            let mut doc = doc;
            buf = doc.files.swap_remove(0).text.into_string().into_bytes();
            buf.extend_from_slice(&rest);
            want = want.saturating_mul(2);
            continue;
        };
        let held_back = file.text.as_bytes()[commit..].to_vec();
        let lines_before = file.line_index(commit);
        if format == Format::Interleaved {
            order.get_or_insert(doc.order);
        }
        let mut diagnostics = crate::lint::lint(&doc, settings, rules);
        diagnostics.retain(|d| d.span.start < commit);
        let pairs = doc
            .pairs
            .iter()
            .filter(|p| doc.pair_start(p) < commit)
            .count();
        let go_on = emit(Window {
            report: FileReport { doc, diagnostics },
            pairs,
        })?;
        if last || !go_on {
            return Ok(());
        }
        origin.byte += commit;
        origin.line += lines_before;
        // Read at least as much as was held back, so that no byte is checked more than about
        // twice however small the window.
        want = window.max(held_back.len());
        buf = held_back;
        buf.extend_from_slice(&rest);
    }
}

/// Most bytes per block the reading thread hands over (a smaller window takes blocks of its own
/// size): small, so that a window overshoots its size by little and the checking starts soon
/// after the first bytes arrive.
const BLOCK: usize = 1 << 20;

/// The input as the windows take it: read on demand, or ahead ([`ReadAhead`]).
enum Reading {
    Direct(Box<dyn Read + Send>),
    Ahead(ReadAhead),
}

impl Reading {
    fn start(reader: Box<dyn Read + Send>, window: usize, ahead: bool) -> Reading {
        if ahead {
            Reading::Ahead(ReadAhead::spawn(reader, window))
        } else {
            Reading::Direct(reader)
        }
    }

    /// Append input to `buf` until it grew by `want` bytes or the input ended; true at the
    /// end of the input.
    fn fill(&mut self, buf: &mut Vec<u8>, want: usize, path: &str) -> Result<bool> {
        if want < usize::MAX {
            // Room for the whole window up front: growing by doubling copied it several times.
            // Only asked for: where a big window cannot be had at once (no overcommit), the
            // buffer grows as the input arrives instead of aborting the run.
            let _ = buf.try_reserve(want);
        }
        let io = |source| Error::Io {
            path: path.to_string(),
            source,
        };
        match self {
            Reading::Direct(reader) => {
                let limit = u64::try_from(want).unwrap_or(u64::MAX);
                let got = Read::take(reader, limit).read_to_end(buf).map_err(io)?;
                Ok((got as u64) < limit)
            }
            Reading::Ahead(ahead) => ahead.fill(buf, want).map_err(io),
        }
    }
}

/// The input, read on a thread of its own while windows are being checked, at most about one
/// window ahead: a producer writing into a pipe (a decompressor, a generator) then keeps
/// writing while translint checks, instead of waiting for each window's findings. The thread
/// is not joined: when the reader of the output goes away, the run ends without waiting for an
/// input that may never end.
struct ReadAhead {
    blocks: std::sync::mpsc::Receiver<std::io::Result<Vec<u8>>>,
    /// The part of the last block the last window did not take: windows are cut where reading
    /// on demand cuts them, so the findings do not depend on how the input was read.
    rest: Vec<u8>,
    ended: bool,
}

impl ReadAhead {
    fn spawn(mut reader: Box<dyn Read + Send>, window: usize) -> ReadAhead {
        let size = window.clamp(1, BLOCK);
        let (sender, blocks) = std::sync::mpsc::sync_channel((window / size).max(1));
        std::thread::spawn(move || {
            loop {
                let mut block = Vec::with_capacity(size);
                match Read::take(&mut reader, size as u64).read_to_end(&mut block) {
                    Ok(0) => return,
                    Ok(_) => {
                        if sender.send(Ok(block)).is_err() {
                            return;
                        }
                    }
                    Err(e) => {
                        let _ = sender.send(Err(e));
                        return;
                    }
                }
            }
        });
        ReadAhead {
            blocks,
            rest: Vec::new(),
            ended: false,
        }
    }

    /// Append blocks to `buf` until it grew by `want` bytes or the input ended; true at the
    /// end of the input.
    fn fill(&mut self, buf: &mut Vec<u8>, want: usize) -> std::io::Result<bool> {
        let target = buf.len().saturating_add(want);
        let take = |buf: &mut Vec<u8>, block: &[u8]| {
            let n = block.len().min(target - buf.len());
            buf.extend_from_slice(&block[..n]);
            n
        };
        let rest = std::mem::take(&mut self.rest);
        let n = take(buf, &rest);
        self.rest = rest[n..].to_vec();
        while buf.len() < target {
            match self.blocks.recv() {
                Ok(block) => {
                    let block = block?;
                    let n = take(buf, &block);
                    self.rest = block[n..].to_vec();
                }
                // The reading thread is done: the input ended.
                Err(_) => {
                    self.ended = true;
                    break;
                }
            }
        }
        // As reading on demand does, the end is reported once a fill comes up short.
        Ok(self.ended && buf.len() < target)
    }
}

/// [`parse::decode`] of a window, with an error's offset and line counted from the stream's
/// start.
fn decode_at(path: &str, bytes: Vec<u8>, origin: Origin) -> Result<String> {
    parse::decode(path, bytes).map_err(|e| match e {
        Error::InvalidUtf8 { path, offset, line } => Error::InvalidUtf8 {
            path,
            offset: origin.byte + offset,
            line: origin.line + line,
        },
        other => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{FileReport, position};

    /// English words left in Chinese lines, each in one pair only (a word kept in two pairs
    /// is the translator's term, decided over what a window sees).
    const LEFT: &str = "apples bridges candles doors engines fences gardens hammers islands \
        jackets kettles ladders mirrors needles oranges pencils quilts ribbons saddles tables \
        umbrellas violins wagons yachts zippers anchors baskets cabins drums eagles feathers \
        glasses helmets inks jewels keys lemons magnets nails onions pianos rockets shovels \
        towels vases whistles blankets carpets dishes envelopes forks gloves hooks kites \
        lanterns maps nets ovens pillows rakes scarves tents valves wheels boots clocks \
        desks flags gates hats jars knots locks mats nests pots rings sails tiles walls \
        bells coins dice fans";

    /// `n` pairs of distinct sentences (no two lines alike, so no finding compares lines far
    /// apart), every 37th with an English word left in its Chinese and every 53rd with a
    /// number that disagrees: findings all over the text.
    fn transcript(n: usize, line_end: &str) -> String {
        let left: Vec<&str> = LEFT.split_whitespace().collect();
        let mut s = String::new();
        for k in 0..n {
            let word = left[(k / 37) % left.len()];
            let zh = if k % 37 == 5 {
                format!("第{k}号房间只有 {word} 和{}把椅子。", k % 90 + 2)
            } else if k % 53 == 7 {
                format!("第{k}号房间里有{}把椅子。", k % 90 + 3)
            } else {
                format!("第{k}号房间里有{}把椅子。", k % 90 + 2)
            };
            let en = if k % 37 == 5 {
                format!("Room {k} has only {word} and {} chairs.", k % 90 + 2)
            } else {
                format!("Room {k} has {} chairs in it.", k % 90 + 2)
            };
            s.push_str(&zh);
            s.push_str(line_end);
            s.push_str(&en);
            s.push_str(line_end);
        }
        s
    }

    /// (rule, line, column, end line, end column, stream byte offsets, message) of every
    /// finding: what a user sees of it.
    type Seen = (
        &'static str,
        usize,
        usize,
        usize,
        usize,
        usize,
        usize,
        String,
    );

    fn seen(r: &FileReport) -> Vec<Seen> {
        let base = r.doc.file(0).origin().byte;
        r.diagnostics
            .iter()
            .map(|d| {
                let p = position(&r.doc, d);
                (
                    d.rule,
                    p.line,
                    p.column,
                    p.end_line,
                    p.end_column,
                    base + d.span.start,
                    base + d.span.end,
                    d.message.to_string(),
                )
            })
            .collect()
    }

    fn whole(text: &str) -> (Vec<Seen>, usize) {
        let settings = Settings::default();
        let rules = settings.active_rules().unwrap();
        let r = crate::check_text(
            "x",
            text.to_string(),
            &ParseOptions::default(),
            &settings,
            &rules,
        );
        (seen(&r), r.doc.pairs.len())
    }

    /// Findings, pairs and windows of `bytes` read as a stream, the same whether read ahead on
    /// a thread or on demand.
    fn windowed(bytes: &[u8], window: usize) -> Result<(Vec<Seen>, usize, usize)> {
        let on_demand = windowed_read(bytes, window, false);
        let ahead = windowed_read(bytes, window, true);
        match (&on_demand, ahead) {
            (Ok(a), Ok(b)) => assert_eq!(*a, b),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
            (a, b) => panic!("{:?} against {:?}", a.as_ref().err(), b.err()),
        }
        on_demand
    }

    fn windowed_read(
        bytes: &[u8],
        window: usize,
        read_ahead: bool,
    ) -> Result<(Vec<Seen>, usize, usize)> {
        let settings = Settings::default();
        let rules = settings.active_rules().unwrap();
        let (mut all, mut pairs, mut windows) = (Vec::new(), 0, 0);
        check_stream(
            "x",
            StreamInput {
                reader: Box::new(std::io::Cursor::new(bytes.to_vec())),
                window,
                read_ahead,
            },
            &ParseOptions::default(),
            &settings,
            &rules,
            |w| {
                all.extend(seen(&w.report));
                pairs += w.pairs;
                windows += 1;
                Ok(true)
            },
        )?;
        Ok((all, pairs, windows))
    }

    #[test]
    fn windows_report_what_the_whole_text_reports_at_the_same_places() {
        for line_end in ["\n", "\r\n"] {
            let text = transcript(3000, line_end);
            let (expected, pairs) = whole(&text);
            let rules: std::collections::BTreeSet<&str> = expected.iter().map(|f| f.0).collect();
            assert!(expected.len() > 100, "{} {rules:?}", expected.len());
            let (got, got_pairs, windows) = windowed(text.as_bytes(), 16 << 10).unwrap();
            assert!(windows >= 5, "{windows} windows");
            assert_eq!(got_pairs, pairs);
            assert_eq!(got, expected);
        }
    }

    #[test]
    fn input_smaller_than_a_window_is_one_window_checked_like_a_file() {
        let text = transcript(200, "\n");
        let (expected, pairs) = whole(&text);
        let (got, got_pairs, windows) = windowed(text.as_bytes(), 1 << 20).unwrap();
        assert_eq!((got, got_pairs, windows), (expected, pairs, 1));
    }

    #[test]
    fn a_window_too_small_for_the_held_back_pairs_grows() {
        // 1 KiB windows: each must grow until it holds more than the held-back pairs.
        let text = transcript(2 * HELD_BACK_PAIRS + 40, "\n");
        let (expected, pairs) = whole(&text);
        let (got, got_pairs, windows) = windowed(text.as_bytes(), 1 << 10).unwrap();
        assert!(windows >= 2, "{windows}");
        assert_eq!((got, got_pairs), (expected, pairs));
    }

    #[test]
    fn invalid_utf8_in_a_later_window_is_named_at_its_stream_offset() {
        let text = transcript(3000, "\n");
        let mut bytes = text.into_bytes();
        let at = bytes.len() - 300;
        let at = at + bytes[at..].iter().position(|&b| b == b'\n').unwrap() + 1;
        bytes.insert(at, 0xFF);
        let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
        match windowed(&bytes, 16 << 10) {
            Err(Error::InvalidUtf8 {
                offset, line: l, ..
            }) => {
                assert_eq!((offset, l), (at, line));
            }
            Err(e) => panic!("{e}"),
            Ok(_) => panic!("invalid UTF-8 accepted"),
        }
    }

    #[test]
    fn subtitles_are_read_whole() {
        let mut srt = String::new();
        for k in 0..400 {
            srt.push_str(&format!(
                "{}\n00:{:02}:{:02},000 --> 00:{:02}:{:02},500\n第{k}号房间里有两把椅子。\nRoom {k} has two chairs.\n\n",
                k + 1,
                k / 60,
                k % 60,
                k / 60,
                k % 60
            ));
        }
        let (expected, pairs) = whole(&srt);
        let (got, got_pairs, windows) = windowed(srt.as_bytes(), 1024).unwrap();
        assert_eq!((got, got_pairs, windows), (expected, pairs, 1));
    }

    #[test]
    fn a_count_claim_reaching_past_its_window_is_not_judged() {
        // App text claiming exactly the pairs that follow it: the whole text shows the claim
        // holds; a window sees only part of what follows and must not call it false.
        let body = transcript(3000, "\n");
        let text = format!("展开剩余字幕(还有 3000 条)\n{body}");
        let (expected, _) = whole(&text);
        let claim = |s: &[Seen]| {
            s.iter()
                .find(|f| f.0 == "stray-line")
                .map(|f| f.7.clone())
                .unwrap()
        };
        assert!(
            claim(&expected).contains("the claim holds"),
            "{}",
            claim(&expected)
        );
        let (got, _, _) = windowed(text.as_bytes(), 16 << 10).unwrap();
        let m = claim(&got);
        assert!(m.contains("the claim is not checked"), "{m}");
        // Everything else is found alike.
        let others = |s: &[Seen]| {
            s.iter()
                .filter(|f| f.0 != "stray-line")
                .cloned()
                .collect::<Vec<_>>()
        };
        assert_eq!(others(&got), others(&expected));
    }

    #[test]
    fn a_long_run_of_lines_without_pairs_is_cut_by_lines() {
        // A hundred thousand blank lines hold no pair to hold back: the windows are cut by
        // lines instead, so memory stays bounded, and findings are the whole text's.
        let text = format!(
            "{}{}{}",
            transcript(300, "\n"),
            "\n".repeat(100_000),
            transcript(300, "\r\n")
        );
        let (expected, pairs) = whole(&text);
        let (got, got_pairs, windows) = windowed(text.as_bytes(), 4 << 10).unwrap();
        assert!(windows >= 10, "{windows} windows");
        assert_eq!((got, got_pairs), (expected, pairs));
    }
}
