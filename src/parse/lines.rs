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
    c.is_whitespace()
        || matches!(
            c,
            '\u{FEFF}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}'
        )
}

/// Iterate the lines of `text`; LF, CRLF and a lone CR all end a line.
pub fn lines(text: &str) -> impl Iterator<Item = Line> + '_ {
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
        let line_text = &text[start..end];
        let trimmed_start = line_text.trim_start_matches(is_trimmable);
        let content_start = start + (line_text.len() - trimmed_start.len());
        let trimmed = trimmed_start.trim_end_matches(is_trimmable);
        let content = Span::new(content_start, content_start + trimmed.len());
        Some(Line {
            whole: Span::new(start, end),
            content,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn final_newline_does_not_add_a_line() {
        assert_eq!(lines("a\n").count(), 1);
        assert_eq!(lines("").count(), 0);
    }
}
