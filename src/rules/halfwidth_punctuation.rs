//! `halfwidth-punctuation`: ASCII `, ? ! : ; ( )` inside Chinese text where the full-width form
//! belongs (the damage a Unicode NFKC step leaves behind).

use super::{Context, FixKind, Rule, RuleMeta};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Severity, Text};
use crate::model::{Pair, Span};
use crate::script::{Script, is_cjk};
use std::fmt::Write as _;

/// See `rules/halfwidth-punctuation.toml`.
pub struct HalfwidthPunctuation;

static META: RuleMeta = RuleMeta {
    name: "halfwidth-punctuation",
    severity: Severity::Warning,
    default_enabled: true,
    fix: FixKind::Safe,
    doc: include_str!("../../rules/halfwidth-punctuation.toml"),
};

/// The full-width form of each ASCII mark this rule handles.
pub fn fullwidth(c: char) -> Option<char> {
    fullwidth_entry(c).map(|&(wide, _, _)| wide)
}

/// The full-width form of each mark [`fullwidth_entry`] knows, as a character and as text, and
/// the label asking for it: fixed strings, so the many findings of a transcript full of ASCII
/// commas make no heap string for the replacement or the label.
const FULLWIDTH: [(char, &str, &str); 7] = [
    ('，', "，", "use `，`"),
    ('？', "？", "use `？`"),
    ('！', "！", "use `！`"),
    ('：', "：", "use `：`"),
    ('；', "；", "use `；`"),
    ('（', "（", "use `（`"),
    ('）', "）", "use `）`"),
];

/// The message of a finding of one ASCII mark ([`fullwidth_entry`]'s marks), as written for
/// it: a fixed string, not a heap string for each of a transcript's hundreds of thousands.
fn one_mark_message(c: char) -> Option<&'static str> {
    Some(match c {
        ',' => "ASCII `,` in Chinese text; use full-width `，`",
        '?' => "ASCII `?` in Chinese text; use full-width `？`",
        '!' => "ASCII `!` in Chinese text; use full-width `！`",
        ':' => "ASCII `:` in Chinese text; use full-width `：`",
        ';' => "ASCII `;` in Chinese text; use full-width `；`",
        '(' => "ASCII `(` in Chinese text; use full-width `（`",
        ')' => "ASCII `)` in Chinese text; use full-width `）`",
        _ => return None,
    })
}

/// The [`FULLWIDTH`] entry of an ASCII mark (a `match`: every character of a line with ASCII
/// punctuation is asked).
fn fullwidth_entry(c: char) -> Option<&'static (char, &'static str, &'static str)> {
    let k = match c {
        ',' => 0,
        '?' => 1,
        '!' => 2,
        ':' => 3,
        ';' => 4,
        '(' => 5,
        ')' => 6,
        _ => return None,
    };
    FULLWIDTH.get(k)
}

/// The replacement and label for a mark ([`FULLWIDTH`]; composed for any other character).
fn replacement_and_label(c: char) -> (Text, Text) {
    match fullwidth_entry(c) {
        Some(&(_, wide, label)) => (wide.into(), label.into()),
        None => (c.to_string().into(), format!("use `{c}`").into()),
    }
}

/// One offending mark: where it is (relative to the segment), the mark, and how many bytes of
/// trailing ASCII spaces the fix absorbs.
#[derive(Debug, PartialEq, Eq)]
pub struct Mark {
    /// Byte offset in the segment text.
    pub at: usize,
    /// The ASCII mark.
    pub mark: char,
    /// Spaces after it that the full-width form makes redundant.
    pub trailing_spaces: usize,
}

/// Find the ASCII marks in Chinese text that should be full-width.
///
/// Linear in the text: the URL/e-mail test is computed once per token and the backtick parity
/// is counted on the way (both were rescans of the text per mark, quadratic on a long line).
pub fn find_marks(text: &str) -> Vec<Mark> {
    // The characters of the line, in a buffer each thread reuses: most Chinese lines of a
    // transcript with ASCII commas come here.
    thread_local! {
        static CHARS: std::cell::RefCell<Vec<(usize, char)>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    CHARS.with_borrow_mut(|chars| {
        chars.clear();
        chars.extend(text.char_indices());
        let marks = marks_in(text, chars);
        if chars.capacity() > KEPT_CHARS {
            // A huge line's characters are not kept for the rest of the run.
            *chars = Vec::new();
        }
        marks
    })
}

/// The most characters [`find_marks`]' buffer keeps between lines (a megabyte): a line of
/// 50 MB left 300 MB behind in it.
const KEPT_CHARS: usize = 1 << 16;

/// [`find_marks`] of `text`, whose characters are `chars`.
fn marks_in(text: &str, chars: &[(usize, char)]) -> Vec<Mark> {
    // Only parentheses can be notation: a line without them (most lines with ASCII commas)
    // skips the pass.
    let notation = if text.contains(['(', ')']) {
        function_notation(chars)
    } else {
        Vec::new()
    };
    let mut out = Vec::new();
    let is_sep = |c: char| c.is_whitespace() || is_cjk(c);
    // (token start, whether it is a URL or e-mail) of the token the last mark was in.
    let mut token: Option<(usize, bool)> = None;
    let mut backticks = 0usize;
    let mut token_start = 0usize;
    for (k, &(at, c)) in chars.iter().enumerate() {
        let inside_code = backticks % 2 == 1;
        if c == '`' {
            backticks += 1;
        }
        if is_sep(c) {
            token_start = at + c.len_utf8();
        }
        if fullwidth(c).is_none() || notation.get(k).copied().unwrap_or(false) {
            continue;
        }
        let prev = chars[..k].iter().rev().map(|&(_, c)| c).find(|c| *c != ' ');
        let next_idx = chars[k + 1..]
            .iter()
            .position(|&(_, c)| c != ' ')
            .map(|p| k + 1 + p);
        let next = next_idx.map(|i| chars[i].1);
        let adjacent_prev = k.checked_sub(1).map(|i| chars[i].1);
        let adjacent_next = chars.get(k + 1).map(|&(_, c)| c);
        // 17,000 · 7:45 · 3.5 — inside a number.
        if matches!(c, ',' | ':')
            && adjacent_prev.is_some_and(|p| p.is_ascii_digit())
            && adjacent_next.is_some_and(|n| n.is_ascii_digit())
        {
            continue;
        }
        // The token (run between separators) holding the mark; marks are never separators.
        let start = token_start;
        let url = match token {
            Some((s, url)) if s == start => url,
            _ => {
                let end = text[at..].find(is_sep).map_or(text.len(), |i| at + i);
                let url = is_url_or_email(&text[start..end]);
                token = Some((start, url));
                url
            }
        };
        if url || inside_code {
            continue;
        }
        let cjk_before = prev.is_some_and(is_cjk);
        let cjk_after = next.is_some_and(is_cjk);
        let flagged = match c {
            '(' => cjk_before || cjk_after,
            ')' => cjk_before || cjk_after,
            // A sentence-final mark at the end of a Chinese line is Chinese punctuation.
            '?' | '!' | ';' => cjk_before || cjk_after || next.is_none(),
            _ => cjk_before || cjk_after,
        };
        if flagged {
            let trailing_spaces = match next_idx {
                Some(i) if cjk_after && c != '(' => chars[i].0 - (at + 1),
                _ => 0,
            };
            out.push(Mark {
                at,
                mark: c,
                trailing_spaces,
            });
        }
    }
    out
}

/// True for a token that is a URL, a `www.` address or an e-mail address.
fn is_url_or_email(token: &str) -> bool {
    token.contains("://") || token.starts_with("www.") || token.contains('@')
}

/// Which characters are parentheses that write maths or code, not prose: `A(x)`, `f(2)` — an
/// opening parenthesis glued to a Latin letter or digit, with no Chinese inside the pair.
/// Linear: CJK inside a pair is read off running counts, not rescanned per pair.
fn function_notation(chars: &[(usize, char)]) -> Vec<bool> {
    let mut out = vec![false; chars.len()];
    let mut stack: Vec<usize> = Vec::new();
    // cjk_before[k]: CJK characters in chars[..k].
    let mut cjk_before = Vec::with_capacity(chars.len() + 1);
    cjk_before.push(0usize);
    for &(_, c) in chars {
        let last = cjk_before.last().copied().unwrap_or(0);
        cjk_before.push(last + usize::from(is_cjk(c)));
    }
    for (k, &(_, c)) in chars.iter().enumerate() {
        match c {
            '(' => stack.push(k),
            ')' => {
                if let Some(open) = stack.pop() {
                    let glued = open > 0 && chars[open - 1].1.is_ascii_alphanumeric();
                    let has_cjk = cjk_before[k] > cjk_before[open + 1];
                    if glued && !has_cjk {
                        out[open] = true;
                        out[k] = true;
                    }
                }
            }
            _ => {}
        }
    }
    out
}

impl Rule for HalfwidthPunctuation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_pair(&self, ctx: &Context<'_>, pair: &Pair, out: &mut Vec<Diagnostic>) {
        let Some(target) = pair.target else { return };
        if target.script != Script::Han {
            return;
        }
        let text = ctx.doc.text(&target);
        // SIMD searches for the seven ASCII marks (most Chinese lines have none).
        let b = text.as_bytes();
        if memchr::memchr3(b',', b'?', b'!', b).is_none()
            && memchr::memchr3(b':', b';', b'(', b).is_none()
            && memchr::memchr(b')', b).is_none()
        {
            return;
        }
        let marks = find_marks(text);
        if marks.is_empty() {
            return;
        }
        let base = target.span.start;
        let first = &marks[0];
        // How many of each mark, in order of first appearance (seven kinds at most).
        let mut kinds: [(char, usize); 7] = [('\0', 0); 7];
        let mut n_kinds = 0;
        for m in &marks {
            if let Some((_, n)) = kinds[..n_kinds].iter_mut().find(|(c, _)| *c == m.mark) {
                *n += 1;
            } else if n_kinds < kinds.len() {
                kinds[n_kinds] = (m.mark, 1);
                n_kinds += 1;
            }
        }
        // The message: fixed for one mark, else written into one string.
        let listed = |message: &mut String| {
            for (k, (c, n)) in kinds[..n_kinds].iter().enumerate() {
                if k > 0 {
                    message.push_str(", ");
                }
                let _ = if *n > 1 {
                    write!(message, "`{c}` ×{n}")
                } else {
                    write!(message, "`{c}`")
                };
            }
        };
        let message: Text = match one_mark_message(first.mark) {
            Some(fixed) if marks.len() == 1 => fixed.into(),
            _ => {
                let mut message = String::with_capacity(96);
                if marks.len() == 1 {
                    message.push_str("ASCII ");
                    listed(&mut message);
                    let _ = write!(
                        message,
                        " in Chinese text; use full-width `{}`",
                        fullwidth(first.mark).unwrap_or(first.mark)
                    );
                } else {
                    let _ = write!(
                        message,
                        "{} ASCII punctuation marks in Chinese text (",
                        marks.len()
                    );
                    listed(&mut message);
                    message.push_str("); use full-width forms");
                }
                message.into()
            }
        };
        let edits = marks
            .iter()
            .map(|m| Edit {
                file: target.file,
                span: Span::new(base + m.at, base + m.at + 1 + m.trailing_spaces),
                replacement: replacement_and_label(m.mark).0,
            })
            .collect();
        let mut d = Diagnostic::new(
            META.name,
            META.severity,
            target.file,
            Span::new(base + first.at, base + first.at + 1),
            message,
        )
        .with_label(replacement_and_label(first.mark).1)
        .with_fix(Fix {
            applicability: Applicability::Safe,
            title: "Use full-width punctuation".into(),
            edits,
        });
        // The other marks (up to fifteen), allocated once.
        d.related = marks
            .iter()
            .skip(1)
            .take(15)
            .map(|m| Label {
                file: target.file,
                span: Span::new(base + m.at, base + m.at + 1),
                message: replacement_and_label(m.mark).1,
            })
            .collect();
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(t: &str) -> Vec<char> {
        find_marks(t).into_iter().map(|m| m.mark).collect()
    }

    #[test]
    fn fixed_messages_read_as_composed_ones() {
        for c in ",?!:;()".chars() {
            let wide = fullwidth(c).unwrap();
            assert_eq!(
                one_mark_message(c),
                Some(format!("ASCII `{c}` in Chinese text; use full-width `{wide}`").as_str())
            );
        }
        assert_eq!(one_mark_message('.'), None);
    }

    #[test]
    fn flags_marks_next_to_chinese() {
        assert_eq!(marks("商业,健康,还是风格?"), [',', ',', '?']);
        assert_eq!(marks("他是Meta(前身为Facebook)的人"), ['(', ')']);
        assert_eq!(marks("说:好"), [':']);
        assert_eq!(marks("你知道 Lex?"), ['?']);
    }

    #[test]
    fn leaves_numbers_urls_and_latin_runs() {
        assert!(marks("大约17,000人").is_empty());
        assert!(marks("七点 7:45 出发").is_empty());
        assert!(marks("访问 https://a.com/x?y=1 看看").is_empty());
        assert!(marks("他说 Hello, world 然后走了").is_empty());
        assert!(marks("用 `f(x)` 计算").is_empty());
        assert!(marks("函数 A(x) 与 x 平方").is_empty());
        assert_eq!(marks("他在(Facebook)工作"), ['(', ')']);
    }

    #[test]
    fn fix_absorbs_spaces_before_chinese() {
        let m = find_marks("好, 走");
        assert_eq!(m[0].trailing_spaces, 1);
    }
}
