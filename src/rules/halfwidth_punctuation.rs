//! `halfwidth-punctuation`: ASCII `, ? ! : ; ( )` and `...` inside Chinese text where the
//! full-width form belongs (the damage a Unicode NFKC step leaves behind).

use super::{Context, FixKind, Rule, RuleMeta};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Severity, Text};
use crate::model::{Pair, Span};
use crate::script::{Script, is_cjk, is_han};
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
        ELLIPSIS_MARK => "ASCII `...` in Chinese text; use the Chinese ellipsis `……`",
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

/// The [`Mark::mark`] of a run of three or more ASCII full stops: NFKC writes the Chinese
/// ellipsis `……` (two U+2026) as six.
const ELLIPSIS_MARK: char = '.';

/// The Chinese ellipsis (GB/T 15834-2011 §4.11: 省略号 ……, six dots in two characters' room).
const CHINESE_ELLIPSIS: &str = "……";

/// Least full stops in a row that are an ellipsis (`..` is no ellipsis in any script).
const MIN_ELLIPSIS_DOTS: usize = 3;

/// The replacement and label for a mark ([`FULLWIDTH`], or the ellipsis; composed for any other
/// character).
fn replacement_and_label(c: char) -> (Text, Text) {
    match fullwidth_entry(c) {
        Some(&(_, wide, label)) => (wide.into(), label.into()),
        None if c == ELLIPSIS_MARK => (CHINESE_ELLIPSIS.into(), "use `……`".into()),
        None => (c.to_string().into(), format!("use `{c}`").into()),
    }
}

/// One offending mark: where it is (relative to the segment), the mark, and how many bytes of
/// ASCII spaces around it the fix absorbs.
#[derive(Debug, PartialEq, Eq)]
pub struct Mark {
    /// Byte offset in the segment text.
    pub at: usize,
    /// The ASCII mark ([`ELLIPSIS_MARK`] for a run of full stops).
    pub mark: char,
    /// Bytes of the mark: 1, or the run's length for an ellipsis.
    pub len: usize,
    /// Spaces before it (not at the line's start), which the full-width form makes redundant
    /// ("模型 (LLM)" → "模型（LLM）", "你好 ,世界" → "你好，世界").
    pub leading_spaces: usize,
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

/// The ASCII marks this rule may convert.
fn is_mark(c: char) -> bool {
    fullwidth(c).is_some()
}

/// How far back [`ends_latin_sentence`] looks for the clause break of an English sentence.
const LATIN_SENTENCE_LOOKBACK: usize = 200;

/// [`find_marks`] of `text`, whose characters are `chars`.
fn marks_in(text: &str, chars: &[(usize, char)]) -> Vec<Mark> {
    // Parentheses, `;` and `:` can belong to Latin text (maths, code, emoticons, HTML entities);
    // a line without any of them (most lines with ASCII commas) skips the pass.
    let owned = if text.contains(['(', ')', ':', ';', '=']) {
        latin_owned(chars)
    } else {
        Vec::new()
    };
    let owned_at = |k: usize| owned.get(k).copied().unwrap_or(false);
    let is_sep = |c: char| c.is_whitespace() || is_cjk(c);
    // The character before and after the run of marks and spaces around each mark: "推荐!!!"
    // is one run, each of its marks seen next to 荐. The one before is carried along the walk;
    // the one after is found once per run and shared by its marks (a walk per mark was
    // quadratic on a line of a million marks). A line break (a subtitle side of two lines) is an
    // edge, as the segment's ends are.
    let quiet = |c: char| c == ' ' || is_mark(c);
    let seen = |c: char| (!matches!(c, '\n' | '\r')).then_some(c);
    let mut last_seen = None;
    // Whether the text before is Chinese: a closing quote keeps what it closes ("“暗硅”(dark
    // silicon)" has Chinese before its parenthesis).
    let mut last_cjk = false;
    // (index of the first character past the current run, the character there).
    let mut run_after: Option<(usize, Option<char>)> = None;
    // Char indices of the marks to convert, in order.
    let mut flagged: Vec<usize> = Vec::new();
    // The parentheses considered (converted or not), for the pairing below.
    let mut parens: Vec<Paren> = Vec::new();
    // (token start, whether it is a URL or e-mail, token end) of the token the last mark was in.
    let mut token: Option<(usize, bool, usize)> = None;
    let mut backticks = 0usize;
    let mut token_start = 0usize;
    // Runs of full stops to write as the Chinese ellipsis, in order.
    let mut ellipses: Vec<Mark> = Vec::new();
    // Per open parenthesis, whether Chinese came before it: a gloss in parentheses after a
    // Chinese term ("加勒(Galle),1911 年") leaves the text after it Chinese for the clause marks
    // that follow (not for another parenthesis: "多项式(3-λ)(2-λ)").
    let mut cjk_before_open: Vec<bool> = Vec::new();
    let mut after_gloss_of_cjk = false;
    // Whether a number is being read, and whether Chinese came before it ("我现在是 8!").
    let mut in_number = false;
    let mut cjk_before_number = false;
    for (k, &(at, c)) in chars.iter().enumerate() {
        let inside_code = backticks % 2 == 1;
        if c == '`' {
            backticks += 1;
        }
        if is_sep(c) {
            token_start = at + c.len_utf8();
        }
        let before = last_seen;
        let cjk_before = last_cjk || (after_gloss_of_cjk && !matches!(c, '(' | ')'));
        let number_after_cjk = in_number && cjk_before_number;
        if c.is_ascii_digit() {
            if !in_number {
                cjk_before_number = last_cjk;
            }
            in_number = true;
        } else if !((c == '.' && in_number) || quiet(c)) {
            in_number = false;
        }
        if !quiet(c) {
            last_seen = seen(c);
            if !matches!(c, '”' | '’') {
                last_cjk = last_seen.is_some_and(is_cjk);
            }
            after_gloss_of_cjk = false;
        } else if c == '(' {
            cjk_before_open.push(last_cjk);
        } else if c == ')' {
            after_gloss_of_cjk = cjk_before_open.pop().unwrap_or(false);
        }
        if c == ELLIPSIS_MARK && !inside_code && k.checked_sub(1).is_none_or(|p| chars[p].1 != c) {
            if let Some(mark) = ellipsis_at(text, chars, k, token_start) {
                ellipses.push(mark);
            }
            continue;
        }
        if !is_mark(c) || owned_at(k) {
            continue;
        }
        let adjacent_prev = k.checked_sub(1).map(|i| chars[i].1);
        let adjacent_next = chars.get(k + 1).map(|&(_, c)| c);
        // 17,000 · 7:45 — inside a number; but "生于 1371,1381 年" separates two.
        let between_digits = adjacent_prev.is_some_and(|p| p.is_ascii_digit())
            && adjacent_next.is_some_and(|n| n.is_ascii_digit());
        let separates_numbers = c == ',' && between_digits && separates_numbers(chars, k);
        if matches!(c, ',' | ':') && between_digits && !separates_numbers {
            continue;
        }
        // The token (run between separators) holding the mark; marks are never separators.
        let start = token_start;
        let (url, end) = match token {
            Some((s, url, end)) if s == start => (url, end),
            _ => {
                let end = text[at..].find(is_sep).map_or(text.len(), |i| at + i);
                let url = is_url_or_email(&text[start..end]);
                token = Some((start, url, end));
                (url, end)
            }
        };
        // A mark ending a URL's token before Chinese is the sentence's, not the address's
        // ("https://example.com,然后"); a `)` may close the address ("Go_(game)").
        let ends_token = end == at + 1 && c != ')' && adjacent_next.is_some_and(is_cjk);
        // One opening the token stands before the address ("网站上了:http://…").
        let opens_token = at == start;
        if inside_code || (url && !ends_token && !opens_token) {
            continue;
        }
        let after = match run_after {
            Some((end, after)) if k < end => after,
            _ => {
                let end = chars[k + 1..]
                    .iter()
                    .position(|&(_, c)| !quiet(c))
                    .map_or(chars.len(), |p| k + 1 + p);
                let after = chars.get(end).and_then(|&(_, c)| seen(c));
                run_after = Some((end, after));
                after
            }
        };
        let cjk_after = after.is_some_and(is_cjk);
        let latin_word = adjacent_prev.is_some_and(|p| p.is_ascii_alphanumeric());
        // A `!` `?` `;` glued to a Latin word and followed by another mark is the word's or the
        // code's ("Yahoo!，", "Yahoo!。", "b <= a;,"): Chinese never writes two such marks.
        let owned_by_word = latin_word
            && matches!(c, '?' | '!' | ';')
            && adjacent_next.is_some_and(|n| n != c && is_clause_mark(n));
        // A mark glued between a word and a capitalised word is a Chinese separator that lost
        // its width ("TensorFlow,PyTorch", "Vim?Emacs", "1492?Columbus"): English puts a space
        // after its punctuation.
        let separates_words = !matches!(c, '(' | ')')
            && (glued_before_capitalised(chars, k)
                || (c == ',' && glued_words_in_chinese(chars, k)));
        let flag = !owned_by_word
            && (separates_words
                || separates_numbers
                || match c {
                    // A sentence-final mark at the end of a Chinese line is Chinese punctuation,
                    // unless it ends a Latin word followed by a space ("Yahoo! 邮箱": English
                    // typography) or an English sentence quoted into the line ("输出Hello,
                    // world!这句话").
                    '?' | '!' => {
                        let latin = latin_word
                            && ((adjacent_next == Some(' ') && after.is_some())
                                || ends_latin_sentence(chars, k));
                        !latin && (cjk_before || number_after_cjk || cjk_after || after.is_none())
                    }
                    ';' => cjk_before || cjk_after || after.is_none(),
                    _ => cjk_before || cjk_after,
                });
        if matches!(c, '(' | ')') {
            // Nothing outside it but the line's edge: "(Lisha) 没错", "系统(iOS, Android)".
            let edge = if c == '(' {
                before.is_none()
            } else {
                after.is_none()
            };
            parens.push(Paren { at: k, flag, edge });
        }
        if flag {
            flagged.push(k);
        }
    }
    // A `)` right before a mark converted after it stands next to Chinese punctuation
    // ("加勒(Galle),1911 年").
    let mut closed_before_mark = false;
    for p in parens
        .iter_mut()
        .filter(|p| !p.flag && chars[p.at].1 == ')')
    {
        let next_is_clause_mark = chars.get(p.at + 1).is_some_and(|&(_, c)| c != '(');
        if next_is_clause_mark && flagged.binary_search(&(p.at + 1)).is_ok() {
            p.flag = true;
            flagged.push(p.at);
            closed_before_mark = true;
        }
    }
    if closed_before_mark {
        flagged.sort_unstable();
    }
    pair_parentheses(chars, &parens, &mut flagged);
    let marks = flagged.into_iter().map(|k| {
        let (at, c) = chars[k];
        // Spaces before it, inside the line: a full-width mark carries its own room.
        let spaces_before = chars[..k]
            .iter()
            .rev()
            .take_while(|&&(_, c)| c == ' ')
            .count();
        let leading_spaces = if spaces_before < k { spaces_before } else { 0 };
        let next = chars[k + 1..].iter().find(|&&(_, c)| c != ' ');
        let trailing_spaces = match next {
            Some(&(next_at, n)) if is_cjk(n) && c != '(' => next_at - (at + 1),
            _ => 0,
        };
        Mark {
            at,
            mark: c,
            len: 1,
            leading_spaces,
            trailing_spaces,
        }
    });
    if ellipses.is_empty() {
        return marks.collect();
    }
    let mut all: Vec<Mark> = marks.chain(ellipses).collect();
    all.sort_by_key(|m| m.at);
    all
}

/// The run of full stops starting at char index `k` (in the token starting at byte
/// `token_start`) as an ellipsis to convert: three or more, with Chinese before them (spaces
/// aside), or Chinese after them and no Latin word before ("1、2、3...我们"), and not in a URL.
/// The spaces around it are absorbed as around other marks.
fn ellipsis_at(text: &str, chars: &[(usize, char)], k: usize, token_start: usize) -> Option<Mark> {
    let run = chars[k..]
        .iter()
        .take_while(|&&(_, c)| c == ELLIPSIS_MARK)
        .count();
    if run < MIN_ELLIPSIS_DOTS {
        return None;
    }
    let spaces_before = chars[..k]
        .iter()
        .rev()
        .take_while(|&&(_, c)| c == ' ')
        .count();
    let prev = k.checked_sub(spaces_before + 1).map(|i| chars[i].1);
    let after = &chars[k + run..];
    let spaces_after = after.iter().take_while(|&&(_, c)| c == ' ').count();
    let next = after.get(spaces_after).map(|&(_, c)| c);
    let chinese = prev.is_some_and(is_cjk)
        || (next.is_some_and(is_cjk) && !prev.is_some_and(|p| p.is_ascii_alphabetic()));
    let at = chars[k].0;
    let end = text[at..]
        .find(|c: char| c.is_whitespace() || is_cjk(c))
        .map_or(text.len(), |i| at + i);
    if !chinese || is_url_or_email(&text[token_start..end]) {
        return None;
    }
    Some(Mark {
        at,
        mark: ELLIPSIS_MARK,
        len: run,
        leading_spaces: if prev.is_some() { spaces_before } else { 0 },
        trailing_spaces: if next.is_some_and(is_cjk) {
            spaces_after
        } else {
            0
        },
    })
}

/// Whether the `,` at `k`, between two ASCII digits, separates numbers in Chinese text rather
/// than grouping a number's thousands: a group separator has one to three digits before it and
/// exactly three after, so "1371,1381" is two numbers, and so is any pair with four digits or
/// more on a side; and the first character past the numbers and spaces around them, on either
/// side, is Chinese ("生于 1371,1381 年"). Shorter numbers are left alone: Chinese writes
/// coordinates with an ASCII comma ("坐标 3,2"). So are a thousands separator (`1,381 人`) and
/// numbers among Latin text (`f(2,3)`).
fn separates_numbers(chars: &[(usize, char)], k: usize) -> bool {
    let digits_before = chars[..k]
        .iter()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit())
        .count();
    let digits_after = chars[k + 1..]
        .iter()
        .take_while(|(_, c)| c.is_ascii_digit())
        .count();
    if digits_before.max(digits_after) < 4 || (digits_before <= 3 && digits_after == 3) {
        return false;
    }
    let numeric = |c: char| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ');
    let before = chars[..k].iter().rev().find(|(_, c)| !numeric(*c));
    let after = chars[k + 1..].iter().find(|(_, c)| !numeric(*c));
    [before, after]
        .into_iter()
        .any(|x| x.is_some_and(|&(_, c)| is_cjk(c)))
}

/// Punctuation that ends or splits a clause, ASCII or full-width: after a `!` glued to a word it
/// shows the `!` is the word's ("Yahoo!，").
fn is_clause_mark(c: char) -> bool {
    matches!(c, ',' | '.' | ';' | ':' | '。' | '，' | '、' | '；' | '：')
}

/// Whether the mark at `k` is glued between a word of two or more letters or digits and a
/// capitalised word (an upper-case letter, then a letter: "Emacs", "VS").
fn glued_before_capitalised(chars: &[(usize, char)], k: usize) -> bool {
    // A word, or a percentage ("亮度开在50%,Wi-Fi 也开着").
    let word_before = k >= 2
        && (chars[k - 1].1.is_ascii_alphanumeric() || chars[k - 1].1 == '%')
        && chars[k - 2].1.is_ascii_alphanumeric();
    let capitalised_after = chars
        .get(k + 1)
        .is_some_and(|&(_, c)| c.is_ascii_uppercase())
        && chars
            .get(k + 2)
            .is_some_and(|&(_, c)| c.is_ascii_alphabetic());
    word_before && capitalised_after
}

/// Whether the comma at `k` is glued between two words of two or more letters or digits that
/// Chinese stands right before or after ("的SKU,inventory都"): a Chinese list's comma that lost
/// its width; English puts a space after its comma, and code and coordinates (`x,y`, `f(a,b)`)
/// glue single letters, numbers their digits.
fn glued_words_in_chinese(chars: &[(usize, char)], k: usize) -> bool {
    let alnum = |i: usize| {
        chars
            .get(i)
            .is_some_and(|&(_, c)| c.is_ascii_alphanumeric())
    };
    let mut start = k;
    while start > 0 && alnum(start - 1) {
        start -= 1;
    }
    let mut end = k + 1;
    while alnum(end) {
        end += 1;
    }
    let cjk_at = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(|&(_, c)| is_cjk(c))
    };
    // Words, not numbers: "坐标是12,34" is a number's business.
    let has_letter =
        |r: std::ops::Range<usize>| chars[r].iter().any(|&(_, c)| c.is_ascii_alphabetic());
    k - start >= 2
        && end - (k + 1) >= 2
        && has_letter(start..k)
        && has_letter(k + 1..end)
        && (cjk_at(start.checked_sub(1)) || cjk_at(Some(end)))
}

/// A parenthesis [`marks_in`] considered.
struct Paren {
    /// Its char index.
    at: usize,
    /// Whether it is to be converted on its own neighbours' evidence.
    flag: bool,
    /// Whether only the line's edge is outside it.
    edge: bool,
}

/// Makes each pair of parentheses converted whole or not at all: "(64位)" after a Latin word has
/// only its `)` next to Chinese, "(beta) 已经" only its `)`. A pair holding Chinese, or whose
/// other side only has the line's edge outside it, is a Chinese parenthesis (both converted);
/// one holding only Latin text between Latin and Chinese (`v2.0 (beta) 已经`, `θ(t) 之`) stays
/// ASCII. `flagged` stays sorted.
fn pair_parentheses(chars: &[(usize, char)], parens: &[Paren], flagged: &mut Vec<usize>) {
    if parens.is_empty() {
        return;
    }
    // A scan of each pair's inside was quadratic when nested.
    let han_before = counts_before(chars, is_han);
    let mut open: Vec<&Paren> = Vec::new();
    let mut add = Vec::new();
    let mut remove = Vec::new();
    for p in parens {
        if chars[p.at].1 == '(' {
            open.push(p);
            continue;
        }
        let Some(o) = open.pop() else {
            continue;
        };
        if o.flag == p.flag {
            continue;
        }
        let (converted, other) = if o.flag { (o, p) } else { (p, o) };
        if other.edge || han_before[p.at] > han_before[o.at + 1] {
            add.push(other.at);
        } else {
            remove.push(converted.at);
        }
    }
    if add.is_empty() && remove.is_empty() {
        return;
    }
    remove.sort_unstable();
    flagged.retain(|k| remove.binary_search(k).is_err());
    flagged.extend(add);
    flagged.sort_unstable();
}

/// Whether the mark at `k` ends an English sentence quoted into the Chinese: the Latin text
/// before it (back to the last Chinese character) holds a clause break, a `,` or `.` followed
/// by a space and a letter ("Hello, world!").
fn ends_latin_sentence(chars: &[(usize, char)], k: usize) -> bool {
    let run = &chars[k.saturating_sub(LATIN_SENTENCE_LOOKBACK)..k];
    // The Latin text since the last Chinese character.
    let latin = &run[run
        .iter()
        .rposition(|&(_, c)| is_cjk(c))
        .map_or(0, |i| i + 1)..];
    latin
        .windows(3)
        .any(|w| matches!(w[0].1, ',' | '.') && w[1].1 == ' ' && w[2].1.is_ascii_alphabetic())
}

/// Which marks belong to Latin notation the rule must leave alone, by char index:
/// - parentheses that write maths or code, `A(x)`, `f(2)` ([`function_notation`]);
/// - coordinates and tuples, `(3, 2)`, `(x, y)`;
/// - emoticons, `:)` `;-)` `:(` `:D` ([`emoticon_at`]), and parentheses around a face with no
///   letters, digits or Chinese in it, `(^_^)`, `¯\_(ツ)_/¯`;
/// - the `;` closing an HTML entity, `&nbsp;` `&amp;` `&#39;`.
fn latin_owned(chars: &[(usize, char)]) -> Vec<bool> {
    let mut owned = function_notation(chars);
    // Matching parentheses: an emoticon's mouth is a parenthesis nothing closes.
    let mut partner = vec![usize::MAX; chars.len()];
    let mut stack = Vec::new();
    for (k, &(_, c)) in chars.iter().enumerate() {
        match c {
            '(' => stack.push(k),
            ')' => {
                if let Some(o) = stack.pop() {
                    partner[o] = k;
                    partner[k] = o;
                    let inside = &chars[o + 1..k];
                    // Faces and tuples are short: a long pair is neither (and nested pairs are
                    // not rescanned at every level).
                    let short = inside.len() <= MAX_NOTATION_CHARS;
                    let face = short
                        && inside
                            .iter()
                            .any(|&(_, c)| !is_mark(c) && !c.is_whitespace())
                        && inside.iter().all(|&(_, c)| {
                            !(c.is_whitespace() || c.is_alphanumeric() || is_cjk(c))
                                || matches!(c, 'ツ' | 'ω' | 'o' | 'O')
                        });
                    if face || (short && is_tuple(chars, o + 1, k)) {
                        owned[o] = true;
                        owned[k] = true;
                    }
                }
            }
            _ => {}
        }
    }
    for k in 0..chars.len() {
        match chars[k].1 {
            ':' | ';' | '=' => {
                if let Some(end) = emoticon_at(chars, k, &partner) {
                    owned[k..end].iter_mut().for_each(|o| *o = true);
                }
            }
            _ => {}
        }
        if chars[k].1 == ';' && closes_entity(chars, k) {
            owned[k] = true;
        }
    }
    owned
}

/// The end (char index) of an emoticon whose eyes are at `k`: eyes `:` `;` `=`, an optional nose
/// `-` `^` `'`, and a mouth. A mouth of brackets (`)` `(` `]` `[` `/` `|` `*` `\`) follows
/// Chinese, a space or the line's start, and its parentheses close nothing (`时间:(下午)` is a
/// colon); a letter mouth (`D`, `P`, `p`) needs a space before the eyes and nothing after.
fn emoticon_at(chars: &[(usize, char)], k: usize, partner: &[usize]) -> Option<usize> {
    let before = k.checked_sub(1).map(|i| chars[i].1);
    let spaced = before.is_none_or(char::is_whitespace);
    if !(spaced || before.is_some_and(is_cjk)) {
        return None;
    }
    let mut j = k + 1;
    if chars
        .get(j)
        .is_some_and(|&(_, c)| matches!(c, '-' | '^' | '\''))
    {
        j += 1;
    }
    let mouth = j;
    let symbol = |c: char| matches!(c, ')' | '(' | ']' | '[' | '/' | '|' | '*' | '\\');
    while j < mouth + 3 && chars.get(j).is_some_and(|&(_, c)| symbol(c)) {
        if partner.get(j).is_some_and(|&p| p != usize::MAX) {
            return None;
        }
        j += 1;
    }
    let after = chars.get(j).map(|&(_, c)| c);
    if j > mouth {
        return after
            .is_none_or(|c| !c.is_ascii_alphanumeric())
            .then_some(j);
    }
    let letter = chars
        .get(j)
        .is_some_and(|&(_, c)| matches!(c, 'D' | 'P' | 'p'));
    let end_after = chars.get(j + 1).is_none_or(|&(_, c)| c.is_whitespace());
    (letter && spaced && end_after).then_some(j + 1)
}

/// Most characters inside a pair of parentheses read as a face or a tuple ([`latin_owned`]).
const MAX_NOTATION_CHARS: usize = 48;

/// Whether `chars[start..end]` (inside a pair of parentheses) is a coordinate or tuple,
/// `3, 2` `5/3, -1` `x, y`: items separated by commas, each a number or expression with a digit,
/// or a name of one or two letters. A gloss ("Ordinary differential equations, ODEs") or a list
/// of names ("iOS, Android") is not.
fn is_tuple(chars: &[(usize, char)], start: usize, end: usize) -> bool {
    let inside = &chars[start..end];
    if !inside.iter().any(|&(_, c)| c == ',') {
        return false;
    }
    inside.split(|&(_, c)| c == ',').all(|item| {
        let item: Vec<char> = item.iter().map(|&(_, c)| c).collect();
        let trimmed = item.iter().position(|c| *c != ' ').map_or(&[][..], |a| {
            &item[a..item.iter().rposition(|c| *c != ' ').unwrap_or(a) + 1]
        });
        !trimmed.is_empty()
            && trimmed
                .iter()
                .all(|&c| c.is_ascii_alphanumeric() || ".+-*/^=".contains(c))
            && (trimmed.iter().any(char::is_ascii_digit) || trimmed.len() <= 2)
    })
}

/// Whether the `;` at `k` closes an HTML character reference: `&` then a name of letters and
/// digits (`&nbsp;`), or `#` and decimal or `x` and hex digits (`&#39;`, `&#x4E2D;`).
fn closes_entity(chars: &[(usize, char)], k: usize) -> bool {
    let name = chars[..k]
        .iter()
        .rev()
        .take(12)
        .take_while(|&&(_, c)| c.is_ascii_alphanumeric())
        .count();
    let mut i = k - name;
    if i > 0 && chars[i - 1].1 == '#' {
        i -= 1;
    }
    name > 0 && i > 0 && chars[i - 1].1 == '&'
}

/// True for a token that is a URL, a `www.` address or an e-mail address.
fn is_url_or_email(token: &str) -> bool {
    token.contains("://") || token.starts_with("www.") || token.contains('@')
}

/// Element `k`: how many of `chars[..k]` satisfy `counted` (one more element than `chars`), so
/// the count inside any range is a subtraction.
fn counts_before(chars: &[(usize, char)], counted: fn(char) -> bool) -> Vec<usize> {
    let mut out = Vec::with_capacity(chars.len() + 1);
    out.push(0usize);
    for &(_, c) in chars {
        let last = out.last().copied().unwrap_or(0);
        out.push(last + usize::from(counted(c)));
    }
    out
}

/// Which characters are parentheses that write maths or code, not prose: `A(x)`, `f(2)` — an
/// opening parenthesis glued to a Latin letter or digit, with no Chinese inside the pair or a
/// string argument first (`print("你好")`).
/// Linear: CJK inside a pair is read off running counts, not rescanned per pair.
fn function_notation(chars: &[(usize, char)]) -> Vec<bool> {
    let mut out = vec![false; chars.len()];
    let mut stack: Vec<usize> = Vec::new();
    let cjk_before = counts_before(chars, is_cjk);
    for (k, &(_, c)) in chars.iter().enumerate() {
        match c {
            '(' => stack.push(k),
            ')' => {
                if let Some(open) = stack.pop() {
                    let glued = open > 0 && chars[open - 1].1.is_ascii_alphanumeric();
                    let has_cjk = cjk_before[k] > cjk_before[open + 1];
                    // A call with a string argument, whatever the string: `print("你好")`.
                    let string_argument = chars
                        .get(open + 1)
                        .is_some_and(|&(_, c)| matches!(c, '"' | '\''));
                    if glued && (!has_cjk || string_argument) {
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
            && (memchr::memchr(b'.', b).is_none() || memchr::memmem::find(b, b"...").is_none())
        {
            return;
        }
        // English behind a Chinese speaker label (`阿明：Bye!`) is not Chinese text: the copy is
        // `duplicated-untranslated-line`'s or `untranslated-line`'s finding, and its marks are right.
        if crate::script::english_behind_label(text).is_some() {
            return;
        }
        let marks = find_marks(text);
        if marks.is_empty() {
            return;
        }
        let base = target.span.start;
        let first = &marks[0];
        // How many of each mark, in order of first appearance (eight kinds at most).
        let mut kinds: [(char, usize); 8] = [('\0', 0); 8];
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
                // A run of full stops is named as three.
                let mut buf = [0; 4];
                let c = if *c == ELLIPSIS_MARK {
                    "..."
                } else {
                    c.encode_utf8(&mut buf)
                };
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
                span: Span::new(
                    base + m.at - m.leading_spaces,
                    base + m.at + m.len + m.trailing_spaces,
                ),
                replacement: replacement_and_label(m.mark).0,
            })
            .collect();
        let mut d = Diagnostic::new(
            META.name,
            META.severity,
            target.file,
            Span::new(base + first.at, base + first.at + first.len),
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
                span: Span::new(base + m.at, base + m.at + m.len),
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
        assert_eq!(one_mark_message('x'), None);
    }

    #[test]
    fn flags_marks_next_to_chinese() {
        assert_eq!(marks("商业,健康,还是风格?"), [',', ',', '?']);
        assert_eq!(marks("他是Meta(前身为Facebook)的人"), ['(', ')']);
        assert_eq!(marks("说:好"), [':']);
        assert_eq!(marks("一位匿名听众问:"), [':']);
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
    fn a_comma_between_numbers_of_chinese_text_is_chinese() {
        assert_eq!(
            fixed("他生于 1371,1381 年被俘。"),
            "他生于 1371，1381 年被俘。"
        );
        assert_eq!(fixed("分别是1.5,2024年"), "分别是1.5，2024年");
        // Thousands, coordinates, a tuple and numbers among Latin text stay.
        for t in [
            "坐标 3,2 和 0,1 的含义",
            "发布了 v2,3 个月后",
            "大约 1,381 人",
            "共 12,345,678 元",
            "坐标 (2,3) 处",
            "调用 f(2,3) 即可",
            "他写道 in 1371,1381 AD",
        ] {
            assert!(marks(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn a_mark_after_a_number_or_a_gloss_of_chinese_is_chinese() {
        assert_eq!(fixed("他说:“我现在是 8!”然后"), "他说：“我现在是 8！”然后");
        assert_eq!(
            fixed("在加勒(Galle),1911 年发现"),
            "在加勒（Galle），1911 年发现"
        );
        // After Latin text the same marks stay.
        assert!(marks("他喊“Python 3!”然后").is_empty());
        assert_eq!(fixed("用 f(x),然后"), "用 f(x)，然后");
        assert!(marks("得到多项式(3-λ)(2-λ)").is_empty());
    }

    #[test]
    fn fix_absorbs_spaces_before_chinese() {
        let m = find_marks("好, 走");
        assert_eq!(m[0].trailing_spaces, 1);
    }

    /// The line as the fix leaves it.
    fn fixed(t: &str) -> String {
        let mut out = t.to_string();
        for m in find_marks(t).iter().rev() {
            let wide = replacement_and_label(m.mark).0;
            out.replace_range(
                m.at - m.leading_spaces..m.at + m.len + m.trailing_spaces,
                &wide,
            );
        }
        out
    }

    #[test]
    fn emoticons_and_html_entities_are_left_alone() {
        for t in [
            "我当然不太相信 :)",
            "开个玩笑 ;-) 其实很好",
            "又失败了 :(",
            "谢谢大家 :-)",
            "好的:)",
            "发了一条微博 :D",
            "在网页里写 &nbsp; 就是空格",
            "杰瑞 &amp; 汤姆",
            "引号写成 &#39; 或 &#x4E2D; 都行",
            "他笑了 (^_^) 然后走了",
            "耸耸肩 ¯\\_(ツ)_/¯ 随便吧",
        ] {
            assert!(marks(t).is_empty(), "{t}: {:?}", marks(t));
        }
        // A parenthesis something closes is no mouth, a letter glued to Chinese no face.
        assert_eq!(fixed("时间:(下午)"), "时间：（下午）");
        assert_eq!(fixed("得分:D组"), "得分：D组");
        assert_eq!(fixed("他说(是吗?)我不信"), "他说（是吗？）我不信");
    }

    #[test]
    fn a_mark_of_a_latin_phrase_stays_ascii() {
        assert!(marks("我以前用 Yahoo! 邮箱").is_empty());
        assert!(marks("程序输出Hello, world!这句话").is_empty());
        assert!(marks("通常输出 Hello, world! 这句话").is_empty());
        // A Latin word ending a Chinese question is still the question's.
        assert_eq!(fixed("你知道 Lex?"), "你知道 Lex？");
        assert_eq!(fixed("你用 iPhone?我用安卓"), "你用 iPhone？我用安卓");
    }

    #[test]
    fn ascii_dots_in_chinese_are_the_chinese_ellipsis() {
        assert_eq!(fixed("我不知道......也许吧。"), "我不知道……也许吧。");
        assert_eq!(fixed("他走了..."), "他走了……");
        assert_eq!(fixed("他走了 ... 然后呢"), "他走了……然后呢");
        assert_eq!(fixed("1、2、3...我们出发"), "1、2、3……我们出发");
        assert_eq!(fixed("...我们来看"), "……我们来看");
        assert_eq!(fixed("等等...,好吧"), "等等……，好吧");
        // Not Chinese around it, too few dots, a URL, code.
        for t in [
            "他说 wait... 然后走了",
            "我们走..吧",
            "看 https://a.com/.../b 这里",
            "写 `a...b` 就行",
            "版本 1.2.3 发布了",
        ] {
            assert_eq!(fixed(t), t, "{t}");
        }
        assert_eq!(
            one_mark_message(ELLIPSIS_MARK),
            Some("ASCII `...` in Chinese text; use the Chinese ellipsis `……`")
        );
    }

    #[test]
    fn runs_of_marks_are_converted_whole() {
        assert_eq!(fixed("强烈推荐!!!"), "强烈推荐！！！");
        assert_eq!(fixed("真的吗?!"), "真的吗？！");
    }

    #[test]
    fn parentheses_are_converted_in_pairs() {
        assert_eq!(
            fixed("我用的是Windows 11 (64位)。"),
            "我用的是Windows 11（64位）。"
        );
        assert!(marks("新系统 v2.0 (beta) 已经上线").is_empty());
        assert_eq!(fixed("大语言模型 (LLM) 的成本"), "大语言模型（LLM）的成本");
        assert_eq!(
            fixed("他说（这是 (测试) 版本）"),
            "他说（这是（测试）版本）"
        );
        assert_eq!(fixed("你好 ,世界 !"), "你好，世界！");
        // Only the line's edge outside the other one: a Chinese parenthesis.
        assert_eq!(fixed("(Lisha) 没错"), "（Lisha）没错");
        assert_eq!(
            fixed("是活跃的状态\n(Lisha) 没错"),
            "是活跃的状态\n（Lisha）没错"
        );
        assert_eq!(fixed("微小的时间变化(dt)"), "微小的时间变化（dt）");
        assert!(marks("分子是 (2+dt)^3 减去 8").is_empty());
        assert!(marks("近似值 θ(t) 之和").is_empty());
    }

    #[test]
    fn a_mark_after_an_address_is_the_sentence_s() {
        assert_eq!(
            fixed("先访问 https://example.com,然后注册"),
            "先访问 https://example.com，然后注册"
        );
        assert_eq!(
            fixed("发邮件到hi@example.com,谢谢"),
            "发邮件到hi@example.com，谢谢"
        );
        assert!(marks("见 https://en.wikipedia.org/wiki/Go_(game) 的介绍").is_empty());
        assert!(marks("访问 https://a.com/x?y=1,2 看看").is_empty());
    }

    #[test]
    fn context_lost_to_nfkc_is_read_around_quotes_words_and_addresses() {
        // A gloss after a closing quote: the quote closes Chinese.
        assert_eq!(
            fixed("所谓的“暗硅”(dark silicon)。"),
            "所谓的“暗硅”（dark silicon）。"
        );
        assert_eq!(fixed("他说“hello”(你好)。"), "他说“hello”（你好）。");
        // A separator glued between two words, the second capitalised.
        assert_eq!(
            fixed("先试了 TensorFlow,PyTorch 是后来的。"),
            "先试了 TensorFlow，PyTorch 是后来的。"
        );
        assert_eq!(
            fixed("用什么编辑器?Vim?Emacs?VS Code?"),
            "用什么编辑器？Vim？Emacs？VS Code？"
        );
        assert_eq!(
            fixed("为什么是 1492?Columbus 呢"),
            "为什么是 1492？Columbus 呢"
        );
        // Not lower-case code or a single letter: `a,b`, `x:Y`.
        assert_eq!(marks("调用 f(a,b) 和 x:Y 就行"), Vec::<char>::new());
        // A colon before an address is the sentence's.
        assert_eq!(
            fixed("讲义在网站上:https://example.edu/notes,课后下载。"),
            "讲义在网站上：https://example.edu/notes，课后下载。"
        );
    }

    #[test]
    fn marks_of_a_word_or_code_stay_ascii() {
        // A brand's `!` before a mark, a code `;` before a comma.
        assert_eq!(
            fixed("我实习是在 Yahoo!,那年夏天。"),
            "我实习是在 Yahoo!，那年夏天。"
        );
        assert_eq!(fixed("用的是 Yahoo!。"), "用的是 Yahoo!。");
        assert_eq!(
            fixed("写 b <= a;,这两行同时发生。"),
            "写 b <= a;，这两行同时发生。"
        );
        // A call with a Chinese string keeps its parentheses; the string's comma is Chinese.
        assert_eq!(
            fixed("第一行是 print(\"你好,世界\"),那时候。"),
            "第一行是 print(\"你好，世界\")，那时候。"
        );
        // Chinese runs of marks still convert whole.
        assert_eq!(fixed("真的吗?!"), "真的吗？！");
    }

    #[test]
    fn coordinates_keep_their_parentheses() {
        assert!(marks("这个向量的坐标为(3, 2)").is_empty());
        assert!(marks("两个向量是(1, 0)和(0, 1)").is_empty());
        assert!(marks("结果为(5/3, -1/3)").is_empty());
        assert!(marks("在(3,1)点的梯度").is_empty());
        // A gloss or a list of names is a Chinese parenthesis.
        assert_eq!(
            marks("常微分方程(Ordinary differential equations, ODEs)，"),
            ['(', ')']
        );
        assert_eq!(marks("支持两个系统(iOS, Android)"), ['(', ')']);
        // A Latin word in a Chinese parenthesis is still converted.
        assert_eq!(marks("他在(Facebook)工作"), ['(', ')']);
    }
}
