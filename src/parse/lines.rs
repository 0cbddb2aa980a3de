//! Splitting text into physical lines with byte spans, shared by the line-based parsers.

use crate::model::Span;

/// One physical line: its whole span (no line break) and its trimmed content span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    /// The line without its terminator.
    pub whole: Span,
    /// The line without surrounding white space (and without a leading BOM).
    pub content: Span,
}

/// Characters trimmed from both ends of a line: ASCII and Unicode white space, the BOM and
/// zero-width characters (which `whitespace` reports separately).
pub fn is_trimmable(c: char) -> bool {
    c.is_whitespace() || is_zero_width(c)
}

/// The BOM and the zero-width characters (space, non-joiner, joiner, word joiner): printed as
/// nothing, so a line holding one looks like a line without it.
pub fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{FEFF}' | '\u{200B}'..='\u{200D}' | '\u{2060}')
}

/// Iterate the lines of `text`; LF, CRLF and a lone CR all end a line.
pub fn lines(text: &str) -> impl Iterator<Item = Line> + '_ {
    line_spans(text).map(|whole| line_of(text, whole))
}

/// How many lines [`lines`] gives for `text`, without trimming them. Text without a CR (most
/// files) is counted by its LFs, a byte comparison the compiler vectorises: walking the lines
/// of a million-cue subtitle file only to count them was a tenth of reading its cues.
pub fn line_count(text: &str) -> usize {
    let bytes = text.as_bytes();
    if memchr::memchr(b'\r', bytes).is_some() {
        return line_spans(text).count();
    }
    let newlines = bytes.iter().filter(|&&b| b == b'\n').count();
    newlines + usize::from(bytes.last().is_some_and(|&b| b != b'\n'))
}

/// Chunk boundaries `0 = b0 < b1 < … = len`, each inner one just after an LF, so that no line
/// (and no CRLF) is split.
pub fn chunk_bounds(bytes: &[u8], size: usize) -> Vec<usize> {
    let mut bounds = vec![0];
    let mut at = 0;
    while at + size < bytes.len() {
        match memchr::memchr(b'\n', &bytes[at + size..]) {
            Some(i) => {
                at += size + i + 1;
                if at < bytes.len() {
                    bounds.push(at);
                }
            }
            None => break,
        }
    }
    bounds.push(bytes.len());
    bounds
}

/// The lines of `text` that hold white space and nothing else (content empty, line not):
/// only a line whose first byte can begin a trimmable character is trimmed, so a file's
/// dialogue lines cost a byte test each.
pub fn blank_lines(text: &str) -> impl Iterator<Item = Line> + '_ {
    let bytes = text.as_bytes();
    line_spans(text)
        .filter(|whole| !whole.is_empty() && may_begin_trimmable(bytes[whole.start]))
        .map(|whole| line_of(text, whole))
        .filter(|l| l.content.is_empty())
}

/// Whether `b` can be the first byte of an [`is_trimmable`] character (the ASCII spaces, and the
/// lead bytes of U+0085, U+00A0, U+1680, U+2000–U+2060, U+3000 and U+FEFF; a test checks every
/// character).
fn may_begin_trimmable(b: u8) -> bool {
    matches!(b, 0x09..=0x0D | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF)
}

/// The line `whole` of `text` with its trimmed content.
fn line_of(text: &str, whole: Span) -> Line {
    let line_text = &text[whole.range()];
    let trimmed_start = line_text.trim_start_matches(is_trimmable);
    let content_start = whole.start + (line_text.len() - trimmed_start.len());
    let trimmed = trimmed_start.trim_end_matches(is_trimmable);
    Line {
        whole,
        content: Span::new(content_start, content_start + trimmed.len()),
    }
}

/// The spans of the lines of `text`, without their breaks (LF, CRLF or a lone CR).
fn line_spans(text: &str) -> impl Iterator<Item = Span> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        let rest = &bytes[start..];
        // SIMD search: every line of every file passes here.
        let (end, next) = match memchr::memchr2(b'\n', b'\r', rest) {
            Some(i) => {
                let e = start + i;
                if bytes[e] == b'\r' && bytes.get(e + 1) == Some(&b'\n') {
                    (e, e + 2)
                } else {
                    (e, e + 1)
                }
            }
            None => (bytes.len(), bytes.len()),
        };
        pos = next;
        Some(Span::new(start, end))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_are_the_lines_of_white_space() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if is_trimmable(c) {
                let mut buf = [0u8; 4];
                let first = c.encode_utf8(&mut buf).as_bytes()[0];
                assert!(may_begin_trimmable(first), "{c:?}");
            }
        }
        let text = "\u{FEFF}  \n第一行。\r\n \t\r\u{3000}\n\nSecond.\n\u{200B}\r\n中 \n \u{00A0}x\n\u{2060}";
        let by_lines: Vec<Line> = lines(text)
            .filter(|l| l.content.is_empty() && !l.whole.is_empty())
            .collect();
        assert_eq!(blank_lines(text).collect::<Vec<_>>(), by_lines);
        assert_eq!(by_lines.len(), 5);
    }

    #[test]
    fn splits_all_line_endings() {
        let text = "\u{FEFF}a \r\n b\rc\n\nd";
        let ls: Vec<_> = lines(text).collect();
        assert_eq!(ls.len(), 5);
        assert_eq!(&text[ls[0].content.range()], "a");
        assert_eq!(&text[ls[1].content.range()], "b");
        assert_eq!(&text[ls[2].content.range()], "c");
        assert!(ls[3].content.is_empty());
        assert_eq!(&text[ls[4].content.range()], "d");
    }

    #[test]
    fn line_count_is_the_number_of_lines() {
        let pieces = ["a", "中", " ", "\n", "\r", "\r\n", "\n\n", "\u{FEFF}"];
        let mut next = crate::test_support::xorshift(0x2545_F491_4F6C_DD1D);
        for _ in 0..5000 {
            let seed = next();
            let len = (seed % 9) as usize;
            let text: String = (0..len)
                .map(|k| pieces[((seed >> (4 * k)) % pieces.len() as u64) as usize])
                .collect();
            assert_eq!(line_count(&text), lines(&text).count(), "{text:?}");
        }
    }

    #[test]
    fn final_newline_does_not_add_a_line() {
        assert_eq!(lines("a\n").count(), 1);
        assert_eq!(lines("").count(), 0);
    }
}
