//! `untranslated-fragment`: English words left inside Chinese text ("只有 essentials。").

use super::{Context, FixKind, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Pair, Span};
use crate::script::{Script, is_cjk};
use crate::text::{
    MATH_READING, capitalised_in_source, is_keepable_latin, is_math_variable, trim_token_punct,
};

/// See `rules/untranslated-fragment.toml`.
pub struct UntranslatedFragment;

static META: RuleMeta = RuleMeta {
    name: "untranslated-fragment",
    severity: Severity::Warning,
    default_enabled: true,
    fix: FixKind::None,
    doc: include_str!("../../rules/untranslated-fragment.toml"),
};

/// A Latin token inside Chinese text, by byte offsets relative to the segment.
struct Token<'a> {
    start: usize,
    text: &'a str,
}

/// Split Chinese text into runs of non-CJK, non-space characters, trimmed of punctuation.
fn latin_tokens<'a>(text: &'a str) -> Vec<Token<'a>> {
    let mut out = Vec::new();
    let mut start = None;
    let push = |s: usize, e: usize, out: &mut Vec<Token<'a>>| {
        let raw = &text[s..e];
        let trimmed = trim_token_punct(raw);
        if trimmed.chars().any(|c| c.is_ascii_alphabetic()) {
            let offset = raw.find(trimmed).unwrap_or(0);
            out.push(Token {
                start: s + offset,
                text: trimmed,
            });
        }
    };
    for (i, c) in text.char_indices() {
        let boundary = c.is_whitespace() || is_cjk(c) || (!c.is_ascii() && !c.is_alphanumeric());
        match (boundary, start) {
            (true, Some(s)) => {
                push(s, i, &mut out);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        push(s, text.len(), &mut out);
    }
    out
}

/// True when the token stands inside quotation marks in the Chinese text: a word discussed as a
/// word ("the" 这个词), not a word left untranslated.
fn is_quoted(text: &str, start: usize, len: usize) -> bool {
    let before = &text[..start];
    let after = &text[start + len..];
    let open_pair = |open: char, close: char| {
        before
            .rfind(open)
            .is_some_and(|o| before.rfind(close).is_none_or(|c| c < o))
            && after.contains(close)
    };
    before.matches('"').count() % 2 == 1 && after.contains('"')
        || open_pair('“', '”')
        || open_pair('「', '」')
        || open_pair('『', '』')
        || open_pair('‘', '’')
        || open_pair('《', '》')
}

/// True when the original puts the word in quotation marks: the sentence talks about the word.
fn quoted_in_source(word: &str, source: &str) -> bool {
    let lower = source.to_lowercase();
    let w = word.to_lowercase();
    ["\"", "“", "'", "‘"].iter().any(|q| {
        lower.contains(&format!("{q}{w}")) && {
            let closes = ["\"", "”", "'", "’"];
            closes.iter().any(|c| lower.contains(&format!("{w}{c}")))
        }
    })
}

/// Words that introduce a literal string the reader must type as is (a promo code, a password,
/// a search term): what follows is an identifier, not prose.
const LITERAL_MARKERS: &[&str] = &[
    "代码",
    "优惠码",
    "折扣码",
    "兑换码",
    "邀请码",
    "口令",
    "密码",
    "用户名",
    "账号",
    "关键词",
    "搜索",
    "输入",
];

/// True when `word` is used as an identifier in this pair: it is a component of a URL, domain or
/// e-mail in either language ("example.com/lex" makes "lex" a code), or it follows a marker of
/// literal text ("使用代码 lex", "use code lex").
fn is_identifier_here(word: &str, target: &str, source: &str, word_start: usize) -> bool {
    let lower = word.to_lowercase();
    let in_identifier = |text: &str| {
        text.split(|c: char| c.is_whitespace() || crate::script::is_cjk(c))
            .map(trim_token_punct)
            .filter(|t| t.contains(['/', '.', '@']) && t.len() > word.len())
            .any(|t| {
                t.to_lowercase()
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|part| part == lower)
            })
    };
    if in_identifier(target) || in_identifier(source) {
        return true;
    }
    let before = target[..word_start].trim_end();
    if LITERAL_MARKERS.iter().any(|m| before.ends_with(m)) {
        return true;
    }
    let source_lower = source.to_lowercase();
    ["code ", "coupon ", "password ", "keyword "]
        .iter()
        .any(|m| source_lower.contains(&format!("{m}{lower}")))
}

impl Rule for UntranslatedFragment {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_pair(&self, ctx: &Context<'_>, pair: &Pair, out: &mut Vec<Diagnostic>) {
        let Some(target) = pair.target else { return };
        if target.script != Script::Han {
            return;
        }
        let text = ctx.doc.text(&target);
        if text.is_ascii() {
            return;
        }
        let source = pair.source.map_or("", |s| ctx.doc.text(&s));
        let tokens = latin_tokens(text);
        let spaced = |a: &Token<'_>, b: &Token<'_>| {
            let gap = &text[a.start + a.text.len()..b.start];
            gap.chars().all(|c| c == ' ') && !gap.is_empty()
        };
        // Group flagged tokens that are separated only by spaces into one phrase.
        let mut phrases: Vec<(usize, usize, Vec<&str>)> = Vec::new();
        for (k, tok) in tokens.iter().enumerate() {
            // "theta dot", "ds over dt": maths read aloud, next to a variable.
            let after_variable =
                k > 0 && spaced(&tokens[k - 1], tok) && is_math_variable(tokens[k - 1].text);
            let reads_math =
                MATH_READING.contains(&tok.text.to_lowercase().as_str()) && after_variable;
            let flagged = !reads_math
                && !is_quoted(text, tok.start, tok.text.len())
                && !quoted_in_source(tok.text, source)
                && !is_keepable_latin(tok.text)
                && !ctx.settings.is_allowed(tok.text)
                && !capitalised_in_source(tok.text, source)
                && !is_identifier_here(tok.text, text, source, tok.start);
            if !flagged {
                continue;
            }
            let end = tok.start + tok.text.len();
            match phrases.last_mut() {
                Some((_, e, words)) if text[*e..tok.start].chars().all(|c| c == ' ') => {
                    *e = end;
                    words.push(tok.text);
                }
                _ => phrases.push((tok.start, end, vec![tok.text])),
            }
        }
        for (start, end, words) in phrases {
            let phrase = &text[start..end];
            let span = Span::new(target.span.start + start, target.span.start + end);
            let in_source = source.to_lowercase().contains(&phrase.to_lowercase());
            let message = if words.len() == 1 {
                format!("English word `{phrase}` left untranslated in the Chinese text")
            } else {
                format!("English phrase `{phrase}` left untranslated in the Chinese text")
            };
            let mut d = Diagnostic::new(META.name, META.severity, target.file, span, message)
                .with_label("not translated")
                .with_help("translate it, or add it to `allow` in translint.toml if it is a term that stays in English");
            if in_source && let Some(s) = pair.source {
                d = d.with_related(s.file, s.span, "the original has it too");
            }
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_trimmed_runs() {
        let toks: Vec<_> = latin_tokens("只有 essentials。用Meta(前身为Facebook)和 a.com/x")
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(toks, ["essentials", "Meta", "Facebook", "a.com/x"]);
    }

    #[test]
    fn promo_codes_and_url_parts_are_identifiers() {
        assert!(is_identifier_here(
            "save",
            "去 shop.example/save 用代码 save。",
            "",
            25
        ));
        let t = "结账时输入代码 spring 即可";
        let at = t.find("spring").unwrap();
        assert!(is_identifier_here("spring", t, "", at));
        assert!(is_identifier_here(
            "spring",
            "用 spring 结账",
            "use code spring at checkout",
            4
        ));
        assert!(!is_identifier_here(
            "essentials",
            "只有 essentials。",
            "just the essentials",
            7
        ));
    }

    #[test]
    fn quoted_words_are_discussed_not_left() {
        let t = "像“the”这样的词";
        assert!(is_quoted(t, t.find("the").unwrap(), 3));
        let t = "他只说了一句 \"Hello, world\" 就走了";
        assert!(is_quoted(t, t.find("world").unwrap(), 5));
        let t = "他说 world 很大";
        assert!(!is_quoted(t, t.find("world").unwrap(), 5));
        assert!(quoted_in_source(
            "fluffy",
            "if \"fluffy\" and \"blue\" agree"
        ));
        assert!(!quoted_in_source("fluffy", "a fluffy creature"));
    }
}
