//! `cjk-latin-spacing`: the space between Han characters and Latin letters or digits, per a house
//! style (autocorrect's `space-word`, or its opposite). Off by default: both styles are in use.

use super::{Context, FixKind, Rule, RuleMeta};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::model::{Pair, Span};
use crate::script::{is_han, is_latin_letter};

/// See `rules/cjk-latin-spacing.toml`.
pub struct CjkLatinSpacing;

static META: RuleMeta = RuleMeta {
    name: "cjk-latin-spacing",
    severity: Severity::Info,
    default_enabled: false,
    fix: FixKind::Safe,
    doc: include_str!("../../rules/cjk-latin-spacing.toml"),
};

/// The house style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// One space between Han and Latin/digits ("用 Rust 写的 3 个工具").
    Space,
    /// No space ("用Rust写的3个工具").
    NoSpace,
}

impl Style {
    /// Read the `style` option (configuration accepts only `"space"` and `"no-space"`); absent
    /// means the default, `"space"`.
    pub fn from_option(value: Option<&str>) -> Style {
        match value {
            Some("no-space") => Style::NoSpace,
            _ => Style::Space,
        }
    }
}

/// Han units written straight after a number even in spaced style ("2024年3月5日", "3点10分"),
/// as zhlint's `skipZhUnits` default.
const UNITS: &str = "年月日天号时分秒";

/// Han characters that a lone capital letter is written onto as one word: T恤, A轮 (a funding
/// round), B超, X光, U盘, K线, A股, Q版, C位, K歌, A货, O型, V字, U形, A级. A letter before any
/// other Han character is a word of its own (a name's end, a variable) and is spaced.
const LETTER_COMPOUNDS: &str = "恤轮超光盘线股版位歌货型字形级";

fn is_word(c: char) -> bool {
    c.is_ascii_digit() || is_latin_letter(c)
}

/// The byte positions of a text's backticks: a place is inside `code` when an odd number of
/// them stand before it. Found once per text and looked up at each boundary: counting them
/// again at every boundary was quadratic in a long line (a 400 KB line took 2.8 s).
struct Backticks(Vec<usize>);

impl Backticks {
    fn of(text: &str) -> Self {
        Backticks(memchr::memchr_iter(b'`', text.as_bytes()).collect())
    }

    /// Whether an odd number of backticks stand before byte `at`.
    fn odd_before(&self, at: usize) -> bool {
        self.0.partition_point(|&i| i < at) % 2 == 1
    }
}

/// True when the character at byte `at` lies in a URL, an e-mail address or `code`.
fn in_url_or_code(text: &str, ticks: &Backticks, at: usize) -> bool {
    let is_sep = |c: char| c.is_whitespace() || is_han(c);
    let start = text[..at].rfind(is_sep).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let end = text[at..].find(is_sep).map_or(text.len(), |i| at + i);
    let token = &text[start..end];
    token.contains("://")
        || token.starts_with("www.")
        || token.contains('@')
        || ticks.odd_before(at)
}

/// Whether a boundary between `han` and `word` (in either order) is one this rule governs;
/// `word_at` is the byte of the Latin/digit side.
fn governed(
    text: &str,
    ticks: &Backticks,
    word_at: usize,
    (han, word): (char, char),
    han_after: bool,
) -> bool {
    if in_url_or_code(text, ticks, word_at) {
        return false;
    }
    if !word.is_ascii_digit() || !UNITS.contains(han) {
        return true;
    }
    if han_after {
        return false;
    }
    // "年3月": a unit, a number, a unit — the middle of a date or time.
    let after_digits = text[word_at..].trim_start_matches(|c: char| c.is_ascii_digit());
    !after_digits.starts_with(|c: char| UNITS.contains(c))
}

/// The edits (relative to `text`) that bring it to `style`.
pub fn edits(text: &str, style: Style) -> Vec<(Span, String)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let ticks = Backticks::of(text);
    let mut out = Vec::new();
    match style {
        Style::Space => {
            for (k, w) in chars.windows(2).enumerate() {
                let ((ai, a), (bi, b)) = (w[0], w[1]);
                // A lone capital written onto one of the Han characters it makes words with is
                // one word: T恤, A轮, X光. Not a letter that ends a name (AT&T的), nor a variable
                // (A乘以v, 变量T的值).
                let letter_word = || {
                    a.is_ascii_uppercase()
                        && LETTER_COMPOUNDS.contains(b)
                        && (k == 0 || {
                            let p = chars[k - 1].1;
                            !is_word(p) && !"&.-_/'".contains(p)
                        })
                };
                let ok = if is_han(a) && is_word(b) {
                    governed(text, &ticks, bi, (a, b), false)
                } else if is_word(a) && is_han(b) && !letter_word() {
                    governed(text, &ticks, ai, (b, a), true)
                } else {
                    false
                };
                if ok {
                    out.push((Span::new(bi, bi), " ".to_string()));
                }
            }
        }
        Style::NoSpace => {
            for w in chars.windows(3) {
                let ((ai, a), (si, s), (_, b)) = (w[0], w[1], w[2]);
                if s != ' ' {
                    continue;
                }
                let ok = if is_han(a) && is_word(b) {
                    governed(text, &ticks, si + 1, (a, b), false)
                } else if is_word(a) && is_han(b) {
                    governed(text, &ticks, ai, (b, a), true)
                } else {
                    false
                };
                if ok {
                    out.push((Span::new(si, si + 1), String::new()));
                }
            }
        }
    }
    out
}

impl Rule for CjkLatinSpacing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_pair(&self, ctx: &Context<'_>, pair: &Pair, out: &mut Vec<Diagnostic>) {
        let style = Style::from_option(ctx.settings.option::<&str>(META.name, "style"));
        for seg in [pair.source, pair.target].iter().flatten() {
            let text = ctx.doc.text(seg);
            if !text.chars().any(is_han) {
                continue;
            }
            let found = edits(text, style);
            let Some((first, _)) = found.first() else {
                continue;
            };
            let base = seg.span.start;
            let n = found.len();
            let (message, title) = match style {
                Style::Space => (
                    format!("{n} place(s) where Han and Latin text touch without a space"),
                    "Add a space between Han and Latin text",
                ),
                Style::NoSpace => (
                    format!("{n} space(s) between Han and Latin text"),
                    "Remove the space between Han and Latin text",
                ),
            };
            let span = Span::new(base + first.start, base + first.end);
            out.push(
                Diagnostic::new(META.name, META.severity, seg.file, span, message)
                    .with_label(match style {
                        Style::Space => "add a space here",
                        Style::NoSpace => "remove this space",
                    })
                    .with_fix(Fix {
                        applicability: Applicability::Safe,
                        title: title.into(),
                        edits: found
                            .into_iter()
                            .map(|(s, r)| Edit {
                                file: seg.file,
                                span: Span::new(base + s.start, base + s.end),
                                replacement: r.into(),
                            })
                            .collect(),
                    }),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(t: &str, style: Style) -> String {
        let mut out = t.to_string();
        for (s, r) in edits(t, style).into_iter().rev() {
            out.replace_range(s.range(), &r);
        }
        out
    }

    #[test]
    fn adds_spaces_in_space_style() {
        assert_eq!(
            apply("用Rust写的3个工具", Style::Space),
            "用 Rust 写的 3 个工具"
        );
        assert_eq!(apply("用 Rust 写的", Style::Space), "用 Rust 写的");
    }

    #[test]
    fn removes_spaces_in_no_space_style() {
        assert_eq!(
            apply("用 Rust 写的 3 个工具", Style::NoSpace),
            "用Rust写的3个工具"
        );
        assert_eq!(apply("Hello world", Style::NoSpace), "Hello world");
    }

    #[test]
    fn leaves_punctuation_urls_units_and_dates() {
        for t in [
            "他说：OK。",
            "（Meta）公司",
            "访问https://example.com/a页面",
            "发到a@b.com吧",
            "用`x1`变量",
            "2024年3月5日",
            "跑了5 km",
            "跑了5km",
            "15%的人",
            "10时30分",
        ] {
            assert_eq!(
                edits(t, Style::Space).len(),
                usize::from(t == "跑了5 km" || t == "跑了5km"),
                "{t}"
            );
        }
        // Only the Han↔digit boundary moves; "5 km" and "5km" keep their own spacing.
        assert_eq!(apply("跑了5km", Style::Space), "跑了 5km");
        assert_eq!(apply("跑了 5 km", Style::NoSpace), "跑了5 km");
        assert_eq!(apply("每天3次", Style::Space), "每天 3 次");
    }

    #[test]
    fn a_lone_letter_written_onto_han_is_one_word() {
        assert_eq!(apply("穿了T恤去拍X光", Style::Space), "穿了 T恤去拍 X光");
        assert_eq!(apply("A轮融资", Style::Space), "A轮融资");
        // Two letters are a Latin word, and a letter after a digit is part of its run.
        assert_eq!(apply("用AI做的", Style::Space), "用 AI 做的");
        assert_eq!(apply("拿了5A级", Style::Space), "拿了 5A 级");
        // A variable, a letter ending a name, a letter before a particle: words of their own.
        assert_eq!(apply("时间t的状态", Style::Space), "时间 t 的状态");
        assert_eq!(apply("AT&T的子公司", Style::Space), "AT&T 的子公司");
        assert_eq!(apply("变量T的值", Style::Space), "变量 T 的值");
        assert_eq!(apply("也就是A乘以v", Style::Space), "也就是 A 乘以 v");
        // The other style is unchanged: a space there is removed.
        assert_eq!(apply("穿了 T 恤", Style::NoSpace), "穿了T恤");
    }
}
