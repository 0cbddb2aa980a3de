//! `untranslated-fragment`: English words left inside Chinese text ("只有 essentials。").

use super::{Context, FixKind, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Pair, Span};
use crate::script::{Script, is_cjk};
use crate::text::{
    MATH_READING, any_byte, ascii_alnum_runs, is_ascii_letter, is_keepable_latin, is_math_variable,
    trim_token_punct,
};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

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

/// Whether `c` ends a [`latin_tokens`] run.
fn is_token_boundary(c: char) -> bool {
    c.is_whitespace() || is_cjk(c) || (!c.is_ascii() && !c.is_alphanumeric())
}

/// The runs of non-CJK, non-space characters of Chinese text that hold an ASCII letter, trimmed
/// of punctuation. Found from their letters: the text is searched by bytes for an ASCII letter
/// and only the run around it is decoded, so the Chinese between runs costs a byte test per
/// byte instead of a character test per character (every Chinese line with a Latin letter is
/// tokenised, twice).
fn latin_tokens<'a>(text: &'a str) -> Vec<Token<'a>> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(letter) = b[from..].iter().position(u8::is_ascii_alphabetic) {
        let letter = from + letter;
        let start = text[..letter]
            .char_indices()
            .rev()
            .find(|&(_, c)| is_token_boundary(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let end = text[letter..]
            .char_indices()
            .find(|&(_, c)| is_token_boundary(c))
            .map_or(text.len(), |(i, _)| letter + i);
        let raw = &text[start..end];
        let trimmed = trim_token_punct(raw);
        let offset = raw.find(trimmed).unwrap_or(0);
        out.push(Token {
            start: start + offset,
            text: trimmed,
        });
        from = end;
    }
    out
}

/// The definition of [`latin_tokens`]: every run, kept when it holds an ASCII letter.
#[cfg(test)]
fn latin_tokens_by_chars<'a>(text: &'a str) -> Vec<Token<'a>> {
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
        match (is_token_boundary(c), start) {
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

/// The reference definition of [`Quotes::is_quoted`] (a rescan per token), kept to test it.
#[cfg(test)]
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
        || before.matches('`').count() % 2 == 1 && after.contains('`')
        || open_pair('“', '”')
        || open_pair('「', '」')
        || open_pair('『', '』')
        || open_pair('‘', '’')
        || open_pair('《', '》')
}

/// Opening quotation marks [`quoted_in_source`] looks for.
const OPENING_QUOTES: [char; 4] = ['"', '“', '\'', '‘'];

/// True when the original puts the word in quotation marks: the sentence talks about the word.
/// `lower` is the original in lower case.
fn quoted_in_source(word: &str, lower: &str) -> bool {
    let w = word.to_lowercase();
    ["\"", "“", "'", "‘"].iter().any(|q| {
        lower.contains(&format!("{q}{w}")) && {
            let closes = ["\"", "”", "'", "’"];
            closes.iter().any(|c| lower.contains(&format!("{w}{c}")))
        }
    })
}

/// Longest word prefix kept per capitalised position; longer words are compared in place.
const PREFIX_CAP: usize = 64;

/// What the two sides of a pair say about words, computed once per pair: every question the
/// rule asks per word then costs a lookup, not a rescan of both lines (quadratic on a long line).
struct PairFacts<'a> {
    source: &'a str,
    /// The source in lower case (for "does the original have this phrase too").
    lower_source: String,
    /// Byte offsets of upper-case characters of the source that do not start a sentence.
    capitals: Vec<usize>,
    /// Lower-cased text from each of those offsets up to white space (at most `PREFIX_CAP`
    /// bytes), sorted, for prefix lookups.
    capital_words: Vec<String>,
    /// Lower-cased alphanumeric parts of URL, domain and e-mail tokens of either side, with the
    /// length of the longest token holding each.
    identifier_parts: HashMap<String, usize>,
    /// Lower-cased text after "code ", "coupon "… in the source, up to white space, sorted.
    after_code_words: Vec<String>,
    /// Searches of the original for a quoted word left ([`PairFacts::quoted_in_source`]).
    quote_searches_left: std::cell::Cell<usize>,
}

impl<'a> PairFacts<'a> {
    fn new(target: &str, source: &'a str) -> Self {
        let mut capitals = Vec::new();
        let mut capital_words = Vec::new();
        for (at, c) in source.char_indices() {
            if !c.is_uppercase() {
                continue;
            }
            let before = source[..at].trim_end();
            let sentence_start = before.is_empty() || before.ends_with(['.', '?', '!', ':', '"']);
            if sentence_start {
                continue;
            }
            capitals.push(at);
            let rest = &source[at..];
            let run = &rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())];
            let mut cut = run.len().min(PREFIX_CAP);
            while !run.is_char_boundary(cut) {
                cut -= 1;
            }
            capital_words.push(run[..cut].to_lowercase());
        }
        capital_words.sort_unstable();
        let mut identifier_parts: HashMap<String, usize> = HashMap::new();
        for text in [target, source] {
            for t in text
                .split(|c: char| c.is_whitespace() || crate::script::is_cjk(c))
                .map(trim_token_punct)
                .filter(|t| t.contains(['/', '.', '@']))
            {
                for part in t.to_lowercase().split(|c: char| !c.is_alphanumeric()) {
                    let longest = identifier_parts.entry(part.to_string()).or_default();
                    *longest = (*longest).max(t.len());
                }
            }
        }
        let lower_source = source.to_lowercase();
        let mut after_code_words = Vec::new();
        for marker in ["code ", "coupon ", "password ", "keyword "] {
            for (at, _) in lower_source.match_indices(marker) {
                let rest = &lower_source[at + marker.len()..];
                after_code_words
                    .push(rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())].to_string());
            }
        }
        after_code_words.sort_unstable();
        // An original without an opening quotation mark quotes no word.
        let quote_searches_left = if lower_source.contains(OPENING_QUOTES) {
            MAX_SOURCE_SEARCHES
        } else {
            0
        };
        PairFacts {
            source,
            lower_source,
            capitals,
            capital_words,
            identifier_parts,
            after_code_words,
            quote_searches_left: std::cell::Cell::new(quote_searches_left),
        }
    }

    /// [`quoted_in_source`] of the original, for at most [`MAX_SOURCE_SEARCHES`] words of the
    /// pair (each search reads the whole original: a line of thousands of words must not make
    /// the check quadratic); later words are taken as not quoted.
    fn quoted_in_source(&self, word: &str) -> bool {
        let left = self.quote_searches_left.get();
        if left == 0 {
            return false;
        }
        self.quote_searches_left.set(left - 1);
        quoted_in_source(word, &self.lower_source)
    }

    /// True when `word` appears in the original capitalised somewhere other than at a sentence
    /// start: then it is a name there ("Python"), even if the translator wrote it in lower case.
    /// Matches, like a substring search, at the start of any capitalised run ("Go" in "Google").
    fn capitalised_in_source(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        if lower.len() <= PREFIX_CAP {
            return has_prefix(&self.capital_words, &lower);
        }
        self.capitals.iter().any(|&at| {
            let mut rest = self.source[at..].chars().flat_map(char::to_lowercase);
            lower.chars().all(|c| rest.next() == Some(c))
        })
    }
}

/// True when some entry of the sorted `words` starts with `prefix`.
fn has_prefix(words: &[String], prefix: &str) -> bool {
    let i = words.partition_point(|w| w.as_str() < prefix);
    words.get(i).is_some_and(|w| w.starts_with(prefix))
}

/// Phrases per pair whose presence in the original is looked up (for the related label).
const MAX_SOURCE_SEARCHES: usize = 64;

/// Where the quotation marks of a text are, so "is this token quoted" is a few binary searches
/// instead of a rescan of the text per token (quadratic on a long line).
struct Quotes {
    /// Byte offsets of each mark that `is_quoted` looks at, by mark.
    at: Vec<(char, Vec<usize>)>,
}

impl Quotes {
    const MARKS: [char; 12] = [
        '"', '“', '”', '「', '」', '『', '』', '‘', '’', '《', '》', '`',
    ];

    fn new(text: &str) -> Self {
        let mut at: Vec<(char, Vec<usize>)> =
            Self::MARKS.iter().map(|&c| (c, Vec::new())).collect();
        for (i, c) in text.char_indices() {
            if let Some((_, v)) = at.iter_mut().find(|(m, _)| *m == c) {
                v.push(i);
            }
        }
        Quotes { at }
    }

    fn of(&self, mark: char) -> &[usize] {
        self.at
            .iter()
            .find(|(m, _)| *m == mark)
            .map_or(&[], |(_, v)| v)
    }

    /// Marks before byte `start`.
    fn count_before(&self, mark: char, start: usize) -> usize {
        self.of(mark).partition_point(|&i| i < start)
    }

    /// Last mark before byte `start`.
    fn last_before(&self, mark: char, start: usize) -> Option<usize> {
        let v = self.of(mark);
        v.get(v.partition_point(|&i| i < start).checked_sub(1)?)
            .copied()
    }

    /// Some mark at or after byte `end`.
    fn any_from(&self, mark: char, end: usize) -> bool {
        let v = self.of(mark);
        v.partition_point(|&i| i < end) < v.len()
    }

    /// True when the token at `start..start + len` stands inside quotation marks (a word
    /// discussed as a word: "the" 这个词) or inside a code span in backticks, however many words
    /// it holds (`` `cargo build --timings` ``): not a word left untranslated.
    fn is_quoted(&self, start: usize, len: usize) -> bool {
        let end = start + len;
        let open_pair = |open: char, close: char| {
            self.last_before(open, start)
                .is_some_and(|o| self.last_before(close, start).is_none_or(|c| c < o))
                && self.any_from(close, end)
        };
        self.count_before('"', start) % 2 == 1 && self.any_from('"', end)
            || self.count_before('`', start) % 2 == 1 && self.any_from('`', end)
            || open_pair('“', '”')
            || open_pair('「', '」')
            || open_pair('『', '』')
            || open_pair('‘', '’')
            || open_pair('《', '》')
    }
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
fn is_identifier_here(word: &str, target: &str, facts: &PairFacts<'_>, word_start: usize) -> bool {
    let lower = word.to_lowercase();
    if facts
        .identifier_parts
        .get(&lower)
        .is_some_and(|&longest| longest > word.len())
    {
        return true;
    }
    let before = target[..word_start].trim_end();
    if LITERAL_MARKERS.iter().any(|m| before.ends_with(m)) {
        return true;
    }
    has_prefix(&facts.after_code_words, &lower)
}

/// Chinese nouns for the kinds of things code and tools name: a lower-case word right before one
/// ("test 函数", "main 分支", "staging 环境", "strip 方法") is that thing's name, as Chinese
/// technical writing gives it, not a word left untranslated.
const CODE_ENTITY_NOUNS: &[&str] = &[
    "函数",
    "方法",
    "分支",
    "环境",
    "命令",
    "参数",
    "变量",
    "字段",
    "属性",
    "类型",
    "模块",
    "接口",
    "组件",
    "插件",
    "框架",
    "标签",
    "关键字",
    "指令",
    "选项",
    "文件",
    "目录",
    "对象",
    "实例",
    "事件",
    "钩子",
    "协议",
    "镜像",
    "容器",
    "节点",
    "模式",
    "版本",
    "通道",
    "库",
    "包",
];

/// Whether the text after a word (`end`, past spaces) opens with one of [`CODE_ENTITY_NOUNS`].
fn names_a_code_entity(target: &str, end: usize) -> bool {
    let after = target.get(end..).unwrap_or("").trim_start_matches(' ');
    CODE_ENTITY_NOUNS.iter().any(|n| after.starts_with(n))
}

/// Chinese names of the English language, or of another language a phrase may be quoted in,
/// and the noun "saying": a word after one in the same clause is quoted, not left untranslated
/// ("英文里都叫 noodles", "用英语说 hello", "拉丁文 terra incognita", "说法大概是 living paycheck
/// to paycheck").
const LANGUAGE_NAMES: &[&str] = &[
    "英文",
    "英语",
    "英語",
    "拉丁文",
    "拉丁语",
    "法语",
    "法文",
    "德语",
    "德文",
    "西班牙语",
    "意大利语",
    "日语",
    "日文",
    "希腊语",
    "说法",
];

/// Characters between a language's name and a word that make the language name the word
/// ([`named_as_english`]): "in" (里, 中), "call" (叫, 称, 作), "say" (说), "is" (是, 为), the
/// possessive 的, "word" (词), a colon or an opening quote.
const NAMING_LINKS: [char; 14] = [
    '里', '裡', '中', '叫', '称', '稱', '作', '说', '說', '是', '为', '的', '词', '：',
];

/// Verbs of naming right before a phrase ("这种现象叫 overfitting", "把这个叫作 affect
/// labeling"): the phrase is the name being given. Not "所谓的" (so-called): it introduces a
/// term the translation should give in Chinese ("所谓的 wealth effect" is 财富效应 left out).
const NAMING_VERBS: &[&str] = &[
    "叫",
    "叫做",
    "叫作",
    "称为",
    "称作",
    "称之为",
    "俗称",
    "简称",
];

/// Characters of the clause before a word that [`named_as_english`] looks at.
const NAMING_WINDOW: usize = 8;

/// Characters of Latin words before a word that [`named_as_english`] reads as one named phrase
/// with it.
const NAMED_PHRASE_CHARS: usize = 40;

/// What follows a word that the sentence talks about as a word ("serendipity 这个词").
const WORD_NOUNS: &[&str] = &["这个词", "这个单词", "这个英文词", "这个英文单词", "一词"];

/// Clause separators, and the ones a named phrase may stand behind ("一个英文词，fusion，…",
/// "英文叫：fusion").
const CLAUSE_ENDS: [char; 9] = ['，', '。', '！', '？', '；', ',', '!', '?', ';'];
const INTRODUCING_MARKS: [char; 4] = ['，', '：', ',', ':'];

/// True when the Chinese talks about the word `target[start..end]` rather than leaving it
/// untranslated: a language (or "saying") is named just before it in the same clause, a verb
/// of naming stands right before its phrase, or the word is followed by "这个词" (this word).
fn named_as_english(target: &str, start: usize, end: usize) -> bool {
    // The words of the named phrase before this one are skipped ("英文叫 spaced repetition"
    // names both, "英文叫 when in doubt, sit them out" all five), up to a bound that keeps a
    // long Latin run linear.
    let before = &target[..start];
    let phrase_start = before
        .char_indices()
        .rev()
        .take(NAMED_PHRASE_CHARS)
        .take_while(|&(_, c)| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '\'' | ','))
        .last()
        .map_or(start, |(i, _)| i);
    // Behind opening quotes and spaces; then, when the phrase opens its clause, behind the mark
    // that introduces it.
    let mut before = target[..phrase_start].trim_end_matches([' ', '“', '「', '"', '\'']);
    if NAMING_VERBS.iter().any(|v| before.ends_with(v)) {
        return true;
    }
    if let Some(rest) = before.strip_suffix(INTRODUCING_MARKS) {
        before = rest;
    }
    let clause_start = before
        .char_indices()
        .rev()
        .take(NAMING_WINDOW)
        .take_while(|&(_, c)| !CLAUSE_ENDS.contains(&c))
        .last()
        .map_or(before.len(), |(i, _)| i);
    let clause = &before[clause_start..];
    // The language names the word only when what stands between them says so ("英文里都叫
    // noodles", "用英语说就是 hello", "英语的 awkward", "拉丁文 terra incognita"): a language
    // that is the clause's subject ("英语其实也有一些 measure words") names nothing.
    let language_names_it = LANGUAGE_NAMES.iter().any(|name| {
        clause.rfind(name).is_some_and(|at| {
            let between = clause[at + name.len()..].trim();
            between.is_empty() || between.contains(NAMING_LINKS)
        })
    });
    language_names_it
        || WORD_NOUNS
            .iter()
            .any(|noun| target[end..].trim_start().starts_with(noun))
}

/// True when the word `target[start..end]` is a gloss: the whole content of brackets right after
/// the Chinese term it explains ("暗硅（dark silicon）", "“依恋”(attachment)"), as careful Chinese
/// writing gives a term's English. Brackets after a Latin word ("Meta (formerly Facebook)") are
/// not a gloss.
fn is_bracketed_gloss(target: &str, start: usize, end: usize) -> bool {
    let phrase_char =
        |c: char| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '\'' | ',' | '.');
    let Some(open) = target[..start]
        .char_indices()
        .rev()
        .take(NAMED_PHRASE_CHARS)
        .find(|&(_, c)| !phrase_char(c))
    else {
        return false;
    };
    let closer = match open.1 {
        '（' => '）',
        '(' => ')',
        _ => return false,
    };
    let closes = target[end..]
        .chars()
        .take(NAMED_PHRASE_CHARS)
        .find(|&c| !phrase_char(c))
        == Some(closer);
    let term_before = target[..open.0]
        .trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| crate::script::is_han(c) || matches!(c, '”' | '」' | '』' | '》' | '’'));
    closes && term_before
}

/// In how many pairs with different Chinese lines a translation must keep a word in English
/// before the word counts as the translator's chosen term ("transformer", "sigmoid") rather than
/// a slip. Two, not three: in a held-out set of software talks a translator kept field words
/// (commit, epoch, crate) twice as often as three times, and no planted slip of seven held-out
/// sets recurred in two lines whose originals have the word (the corpora lost nine false
/// positives, all code terms: `test` 函数, `strip` 方法, `entry`).
pub const KEPT_TERM_PAIRS: usize = 2;

/// Interjections and discourse words that open a spoken English sentence ("Oh no!", "Sorry,
/// I missed that.", "Okay, next one."): capitalised there, they read as names, and were let
/// pass where the same word in lower case was reported. None is a name or a brand, and none
/// is one of the English words informal Chinese writing keeps (OK, Hi, Hello, Bye, Yes, No,
/// Nice, Cool are not listed).
const INTERJECTIONS: &[&str] = &[
    "oh",
    "uh",
    "um",
    "hmm",
    "wow",
    "whoa",
    "oops",
    "ouch",
    "gosh",
    "huh",
    "ugh",
    "sorry",
    "okay",
    "alright",
    "well",
    "yeah",
    "yep",
    "nope",
    "thanks",
    "please",
    "wait",
    "anyway",
    "actually",
    "honestly",
    "seriously",
    "exactly",
    "absolutely",
    "basically",
    "obviously",
    "unfortunately",
    "hopefully",
    "luckily",
];

/// Whether `word` is one of [`INTERJECTIONS`] written as a sentence opens it ("Sorry"; not
/// "SORRY", an acronym's shape).
fn is_capitalised_interjection(word: &str) -> bool {
    let mut bytes = word.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_uppercase())
        && bytes.all(|b| b.is_ascii_lowercase())
        && INTERJECTIONS.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether the original `source` has the word `lower` (lower case), as a whole word or its
/// plural (or the word is the plural of one the original has: "transformers" kept as
/// "transformer"): a term is kept from the original; a word the original does not have was
/// not kept, it was left in.
fn source_has_word(source: &str, lower: &str) -> bool {
    if lower.bytes().all(|b| b.is_ascii_alphanumeric()) {
        let plural_of = |long: &str, short: &str| {
            long.len() > short.len()
                && long[..short.len()].eq_ignore_ascii_case(short)
                && matches!(&long[short.len()..], "s" | "S" | "es" | "ES")
        };
        ascii_alnum_runs(source)
            .any(|w| w.eq_ignore_ascii_case(lower) || plural_of(w, lower) || plural_of(lower, w))
    } else {
        source.to_lowercase().contains(lower)
    }
}

/// The originals a pair's Chinese may keep words from: its own, and in subtitles those of
/// neighbouring cues (subtitlers move words across cues to follow the other language's word
/// order; cues cut independently in two files reach two cues away).
struct Originals<'a> {
    sources: Vec<&'a str>,
    /// The originals' words, lower-cased, and what they are the plural of (`s`, `S`, `es` or
    /// `ES` taken off), built when a line asks about many words: each question is then a
    /// lookup, where a scan of the originals per word was quadratic on a long line.
    words: Option<WordSets<'a>>,
    /// Substring searches left for words that are not plain letters and digits.
    searches_left: usize,
}

/// The originals' lower-cased words, and the words they are plurals of ([`Originals`]).
type WordSets<'a> = (HashSet<Cow<'a, str>>, HashSet<Cow<'a, str>>);

/// Words of a line [`Originals`] answers by a scan of the originals, before it builds the sets.
const SCANNED_WORDS: usize = 4;

/// Lower-cased `word` (ASCII letters and digits), borrowed when it is lower case already.
fn ascii_lower(word: &str) -> Cow<'_, str> {
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(word.to_ascii_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

impl<'a> Originals<'a> {
    fn of(doc: &'a crate::model::Document, pair: &Pair) -> Self {
        let reach = match pair.timed_by {
            None => 0,
            Some(_) if doc.independently_timed => 2,
            Some(_) => 1,
        };
        let first = pair.index.saturating_sub(reach);
        let sources = doc
            .pairs
            .get(first..(pair.index + reach + 1).min(doc.pairs.len()))
            .unwrap_or_default()
            .iter()
            .filter_map(|p| p.source)
            .map(|s| doc.text(&s))
            .collect();
        Originals {
            sources,
            words: None,
            searches_left: MAX_SOURCE_SEARCHES,
        }
    }

    /// Whether an original has the word `lower` (lower case; [`source_has_word`]), the
    /// `asked`-th distinct word of its line. Past [`MAX_SOURCE_SEARCHES`] substring searches a
    /// word that is not plain letters and digits is taken as not kept (a line of thousands of
    /// such words must not make the check quadratic).
    fn have(&mut self, lower: &str, asked: usize) -> bool {
        if !lower.bytes().all(|b| b.is_ascii_alphanumeric()) {
            if self.searches_left == 0 {
                return false;
            }
            self.searches_left -= 1;
            return self.sources.iter().any(|s| source_has_word(s, lower));
        }
        if asked < SCANNED_WORDS {
            return self.sources.iter().any(|s| source_has_word(s, lower));
        }
        let sources = &self.sources;
        let (words, plurals_of) = self.words.get_or_insert_with(|| {
            let (mut words, mut plurals_of) = (HashSet::new(), HashSet::new());
            for w in sources.iter().flat_map(|s| ascii_alnum_runs(s)) {
                for suffix in ["s", "S", "es", "ES"] {
                    if let Some(stem) = w.strip_suffix(suffix).filter(|t| !t.is_empty()) {
                        plurals_of.insert(ascii_lower(stem));
                    }
                }
                words.insert(ascii_lower(w));
            }
            (words, plurals_of)
        });
        // The word itself, a plural of it, or the word as a plural of an original's word.
        words.contains(lower)
            || plurals_of.contains(lower)
            || ["s", "es"].iter().any(|suffix| {
                lower
                    .strip_suffix(suffix)
                    .is_some_and(|stem| !stem.is_empty() && words.contains(stem))
            })
    }
}

/// Lower-cased Latin words that the Chinese side keeps from its original in at least
/// [`KEPT_TERM_PAIRS`] pairs. Only pairs whose original has the word count: in a big file a
/// filler word left in the Chinese ("actually", "basically") recurs in thousands of pairs whose
/// originals do not say it, and counting those made every such slip a "term" (a generated
/// million-pair file had ten thousand of them, none reported).
pub fn kept_terms(doc: &crate::model::Document) -> std::collections::HashSet<String> {
    use rayon::prelude::*;
    // Per word, the hashes of up to `KEPT_TERM_PAIRS` different Chinese lines that keep it: a
    // line repeated (a transcript pasted twice, a refrain) is one line of evidence, not many.
    type Lines = Vec<u64>;
    type Counts = std::collections::HashMap<String, Lines>;
    let add = |lines: &mut Lines, h: u64| {
        if lines.len() < KEPT_TERM_PAIRS && !lines.contains(&h) {
            lines.push(h);
        }
    };
    // Counted over chunks of pairs on all cores and merged: the first pair that asks for the
    // terms waits for them, and so does every other pair job.
    let count = |pairs: &[Pair]| {
        let mut counts = Counts::new();
        for pair in pairs {
            let Some(target) = pair.target else { continue };
            let text = doc.text(&target);
            if target.script != Script::Han || !any_byte(text.as_bytes(), is_ascii_letter) {
                continue;
            }
            // Per distinct lower-cased word of the line: whether it stays Latin in lower case
            // (asked of ASCII words), and whether an original has it. Both depend on the word
            // only, so a word repeated in a long line is decided once.
            let mut decided: HashMap<String, (Option<bool>, Option<bool>)> = HashMap::new();
            let mut originals = Originals::of(doc, pair);
            let tokens = latin_tokens(text);
            for (k, tok) in tokens.iter().enumerate() {
                // A word in backticks (`unsafe`) is the same term kept in code type.
                let lower = tok.text.trim_matches('`').to_lowercase();
                if lower.is_empty() || in_capitalised_name(text, &tokens, k) {
                    continue;
                }
                let asked = decided.len();
                let (keepable, kept) = decided.entry(lower.clone()).or_default();
                // A word that stays in Latin letters in lower case does so in any case (capitals
                // only make a token more of a name): the rule never asks whether it is a term.
                if tok.text.is_ascii() && *keepable.get_or_insert_with(|| is_keepable_latin(&lower))
                {
                    continue;
                }
                kept.get_or_insert_with(|| originals.have(&lower, asked));
            }
            if decided.values().all(|(_, kept)| *kept != Some(true)) {
                continue;
            }
            let line = line_hash(text);
            for (w, _) in decided
                .into_iter()
                .filter(|(_, (_, kept))| *kept == Some(true))
            {
                add(counts.entry(w).or_default(), line);
            }
        }
        counts
    };
    let merge = |mut a: Counts, b: Counts| {
        for (w, lines) in b {
            let into = a.entry(w).or_default();
            for h in lines {
                add(into, h);
            }
        }
        a
    };
    doc.pairs
        .par_chunks(KEPT_TERMS_CHUNK)
        .map(count)
        .reduce(Counts::new, merge)
        .into_iter()
        .filter(|(_, lines)| lines.len() >= KEPT_TERM_PAIRS)
        .map(|(w, _)| w)
        .collect()
}

/// Whether token `k` of `text` is a word of a capitalised name of several words (`Ridgeline
/// Coffee`): the brand keeps its words, and that is no evidence that the translator keeps the
/// common noun ("green coffee" left in a Chinese line is still a slip).
fn in_capitalised_name(text: &str, tokens: &[Token<'_>], k: usize) -> bool {
    let capital = |t: &Token<'_>| t.text.starts_with(|c: char| c.is_ascii_uppercase());
    let spaced = |a: &Token<'_>, b: &Token<'_>| {
        text.get(a.start + a.text.len()..b.start)
            .is_some_and(|g| !g.is_empty() && g.bytes().all(|x| x == b' '))
    };
    let tok = &tokens[k];
    capital(tok)
        && (k
            .checked_sub(1)
            .and_then(|p| tokens.get(p))
            .is_some_and(|p| capital(p) && spaced(p, tok))
            || tokens
                .get(k + 1)
                .is_some_and(|n| capital(n) && spaced(tok, n)))
}

/// A 64-bit FNV-1a hash of a line, to tell different lines apart in [`kept_terms`].
fn line_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Pairs per parallel work item of [`kept_terms`].
const KEPT_TERMS_CHUNK: usize = 8192;

impl Rule for UntranslatedFragment {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn uses_kept_terms(&self) -> bool {
        true
    }

    fn check_pair(&self, ctx: &Context<'_>, pair: &Pair, out: &mut Vec<Diagnostic>) {
        let Some(target) = pair.target else { return };
        if target.script != Script::Han {
            return;
        }
        let text = ctx.doc.text(&target);
        // Every token has an ASCII letter: most Chinese lines have none, and skip the scan.
        if text.is_ascii() || !any_byte(text.as_bytes(), is_ascii_letter) {
            return;
        }
        // English behind a speaker label ("达娜：Wow.") is an untranslated line, which its own
        // rules report whole.
        if crate::script::english_behind_label(text).is_some() {
            return;
        }
        let source = pair.source.map_or("", |s| ctx.doc.text(&s));
        let tokens = latin_tokens(text);
        if tokens.is_empty() {
            return;
        }
        // What the two lines say about quotes, names and identifiers, built for the first token
        // the cheap per-token tests leave standing (most tokens are names, variables or terms).
        let facts = std::cell::OnceCell::new();
        let facts = || facts.get_or_init(|| (PairFacts::new(text, source), Quotes::new(text)));
        let spaced = |a: &Token<'_>, b: &Token<'_>| {
            let gap = &text[a.start + a.text.len()..b.start];
            gap.chars().all(|c| c == ' ') && !gap.is_empty()
        };
        // A term of the file, kept or allowed.
        let term = |t: &Token<'_>| {
            ctx.settings.is_allowed(t.text) || ctx.kept_terms().contains(&t.text.to_lowercase())
        };
        // The other word of a two-word term whose one word is a term of the file, written as the
        // original has it ("batch size" where "batch" is kept): the phrase is the term. Each
        // asks for a search of the original: bounded, so a hostile line stays linear.
        let phrase_searches = std::cell::Cell::new(0usize);
        let part_of_kept_phrase = |k: usize| {
            let phrase = |a: &Token<'_>, b: &Token<'_>| {
                spaced(a, b) && phrase_searches.get() < MAX_SOURCE_SEARCHES && {
                    phrase_searches.set(phrase_searches.get() + 1);
                    let words = &text[a.start..b.start + b.text.len()];
                    facts().0.lower_source.contains(&words.to_lowercase())
                }
            };
            let tok = &tokens[k];
            k.checked_sub(1)
                .map(|p| &tokens[p])
                .is_some_and(|prev| term(prev) && phrase(prev, tok))
                || tokens
                    .get(k + 1)
                    .is_some_and(|next| term(next) && phrase(tok, next))
        };
        // A small word inside a title-case name the original writes the same way ("Check for
        // Updates", "Sign in with Email": a menu item or a button): the nearest capitalised
        // words on either side, within one run of spaced words, and all between them, are in
        // the original as written.
        let inside_a_name = |k: usize| {
            let capitalised = |t: &Token<'_>| t.text.starts_with(|c: char| c.is_ascii_uppercase());
            let mut left = k;
            while left > 0
                && spaced(&tokens[left - 1], &tokens[left])
                && !capitalised(&tokens[left])
            {
                left -= 1;
            }
            let mut right = k;
            while right + 1 < tokens.len()
                && spaced(&tokens[right], &tokens[right + 1])
                && !capitalised(&tokens[right])
            {
                right += 1;
            }
            let (a, b) = (&tokens[left], &tokens[right]);
            left < k
                && k < right
                && capitalised(a)
                && capitalised(b)
                && phrase_searches.get() < MAX_SOURCE_SEARCHES
                && {
                    phrase_searches.set(phrase_searches.get() + 1);
                    source.contains(&text[a.start..b.start + b.text.len()])
                }
        };
        // A word of a foreign set phrase written whole ("cogito ergo sum", "amor fati"): Chinese
        // writing keeps those in Latin letters. Windows of spaced tokens around the word.
        let in_foreign_phrase = |k: usize| {
            let most = crate::data::MAX_FOREIGN_PHRASE_WORDS;
            (k.saturating_sub(most - 1)..=k).any(|first| {
                let mut last = first;
                loop {
                    if last >= k && last > first {
                        let words = text
                            [tokens[first].start..tokens[last].start + tokens[last].text.len()]
                            .to_lowercase();
                        if crate::data::FOREIGN_PHRASES_SET.contains(words.as_str()) {
                            return true;
                        }
                    }
                    if last + 1 >= tokens.len()
                        || last + 1 - first >= most
                        || !spaced(&tokens[last], &tokens[last + 1])
                    {
                        return false;
                    }
                    last += 1;
                }
            })
        };
        // Group flagged tokens that are separated only by spaces into one phrase.
        // Each phrase is its first and last token.
        let mut phrases: Vec<(usize, usize)> = Vec::new();
        for (k, tok) in tokens.iter().enumerate() {
            // "theta dot", "ds over dt": maths read aloud, next to a variable.
            let after_variable =
                k > 0 && spaced(&tokens[k - 1], tok) && is_math_variable(tokens[k - 1].text);
            let reads_math =
                MATH_READING.contains(&tok.text.to_lowercase().as_str()) && after_variable;
            // Each test can only clear a token; the ones that need the pair's facts come last.
            let flagged = !reads_math
                && (!is_keepable_latin(tok.text)
                    || (is_capitalised_interjection(tok.text)
                        && source_has_word(source, &tok.text.to_ascii_lowercase())))
                && !ctx.settings.is_allowed(tok.text)
                && !ctx.kept_terms().contains(&tok.text.to_lowercase())
                && !facts().1.is_quoted(tok.start, tok.text.len())
                && !facts().0.quoted_in_source(tok.text)
                && !facts().0.capitalised_in_source(tok.text)
                && !is_identifier_here(tok.text, text, &facts().0, tok.start)
                && !named_as_english(text, tok.start, tok.start + tok.text.len())
                && !names_a_code_entity(text, tok.start + tok.text.len())
                && !is_bracketed_gloss(text, tok.start, tok.start + tok.text.len());
            if !flagged || part_of_kept_phrase(k) || inside_a_name(k) || in_foreign_phrase(k) {
                continue;
            }
            match phrases.last_mut() {
                Some((_, last)) if spaced(&tokens[*last], tok) => *last = k,
                _ => phrases.push((k, k)),
            }
        }
        // A rare word beside a reported one is part of the same leftover when the original says
        // the two together ("dogmatic slumber": "dogmatic", not common English, is otherwise let
        // pass as a term of the field).
        // So is a word of two letters, which alone reads as a variable ("dt"): "throw up", "go
        // home", not "throw" and "home".
        let rare_neighbour = |t: &Token<'_>| {
            t.text.bytes().all(|b| b.is_ascii_lowercase())
                && (t.text.len() == 2
                    || (t.text.len() >= 3 && !crate::data::is_common_english(t.text) && !term(t)))
        };
        let end_of = |k: usize| tokens[k].start + tokens[k].text.len();
        let in_source = |first: usize, last: usize| {
            facts()
                .0
                .lower_source
                .contains(&text[tokens[first].start..end_of(last)].to_lowercase())
        };
        for (first, last) in phrases.iter_mut().take(MAX_SOURCE_SEARCHES) {
            if let Some(prev) = first.checked_sub(1)
                && spaced(&tokens[prev], &tokens[*first])
                && rare_neighbour(&tokens[prev])
                && in_source(prev, *last)
            {
                *first = prev;
            }
            let next = *last + 1;
            if next < tokens.len()
                && spaced(&tokens[*last], &tokens[next])
                && rare_neighbour(&tokens[next])
                && in_source(*first, next)
            {
                *last = next;
            }
        }
        // Two phrases that took in the rare word between them are one; so are two with one short
        // word between them that the original says together ("year on year", whose "on" is no
        // word to report alone).
        let short_link = |earlier: &(usize, usize), later: &(usize, usize)| {
            later.0 == earlier.1 + 2
                && tokens[earlier.1 + 1].text.len() <= 3
                && tokens[earlier.1 + 1]
                    .text
                    .bytes()
                    .all(|b| b.is_ascii_lowercase())
                && spaced(&tokens[earlier.1], &tokens[earlier.1 + 1])
                && spaced(&tokens[earlier.1 + 1], &tokens[later.0])
                && in_source(earlier.0, later.1)
        };
        // Bounded like the rare-neighbour searches: each reads the whole original.
        let mut searches = 0;
        phrases.dedup_by(|later, earlier| {
            let joined = later.0 <= earlier.1 || {
                searches += 1;
                searches <= MAX_SOURCE_SEARCHES && short_link(earlier, later)
            };
            if joined {
                earlier.1 = later.1;
            }
            joined
        });
        for (k, (first, last)) in phrases.into_iter().enumerate() {
            let (start, end) = (tokens[first].start, end_of(last));
            let phrase = &text[start..end];
            let span = Span::new(target.span.start + start, target.span.start + end);
            // Searching the original is linear per phrase: bounded so a hostile line stays linear.
            let in_source =
                k < MAX_SOURCE_SEARCHES && facts().0.lower_source.contains(&phrase.to_lowercase());
            let message = if first == last {
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
    fn a_term_is_found_in_its_original_whole_or_in_the_plural() {
        assert!(source_has_word("This kernel is small.", "kernel"));
        assert!(source_has_word("Two Transformers differ.", "transformer"));
        assert!(source_has_word("One transformer.", "transformers"));
        assert!(source_has_word("Boxes everywhere.", "box"));
        assert!(!source_has_word("Kernels of corn.", "kern"));
        assert!(!source_has_word("We are nearly done.", "basically"));
        assert!(!source_has_word("a transformed signal", "transform"));
    }

    #[test]
    fn the_originals_word_sets_answer_as_the_scan_does() {
        // Stems, plurals in every case, and words that only look like plurals.
        let parts = [
            "cat", "Cat", "CATS", "cats", "catS", "cates", "catES", "CatEs", "s", "es",
        ];
        let mut rnd = crate::test_support::xorshift(9);
        for round in 0..3000 {
            let mut pick = || parts[(rnd() % parts.len() as u64) as usize];
            let source = format!("{} {}-{}, {}", pick(), pick(), pick(), pick());
            let lower = pick().to_lowercase();
            let mut originals = Originals {
                sources: vec![&source],
                words: None,
                searches_left: MAX_SOURCE_SEARCHES,
            };
            assert_eq!(
                originals.have(&lower, SCANNED_WORDS),
                source_has_word(&source, &lower),
                "round {round}: {lower:?} in {source:?}"
            );
        }
    }

    #[test]
    fn tokens_found_from_their_letters_are_the_runs_with_a_letter() {
        let alphabet: Vec<String> = "ab Z1.,(-)'é中文，。「」\u{3000}\u{00a0}ひ😀\t_@"
            .chars()
            .map(String::from)
            .collect();
        let mut rnd = crate::test_support::xorshift(5);
        for round in 0..20_000 {
            let text = crate::test_support::random_text(&mut rnd, &alphabet, 15);
            let brief = |tokens: Vec<Token<'_>>| {
                tokens
                    .into_iter()
                    .map(|t| (t.start, t.text.to_string()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(
                brief(latin_tokens(&text)),
                brief(latin_tokens_by_chars(&text)),
                "round {round}: {text:?}"
            );
        }
    }

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
        let ident = |word: &str, target: &str, source: &str, at: usize| {
            is_identifier_here(word, target, &PairFacts::new(target, source), at)
        };
        assert!(ident("save", "去 shop.example/save 用代码 save。", "", 25));
        let t = "结账时输入代码 spring 即可";
        let at = t.find("spring").unwrap();
        assert!(ident("spring", t, "", at));
        assert!(ident(
            "spring",
            "用 spring 结账",
            "use code spring at checkout",
            4
        ));
        assert!(!ident(
            "essentials",
            "只有 essentials。",
            "just the essentials",
            7
        ));
    }

    #[test]
    fn capitalised_mid_sentence_is_a_name() {
        let cap = |word: &str, source: &str| PairFacts::new("", source).capitalised_in_source(word);
        assert!(cap("python", "I write Python daily."));
        assert!(!cap("essentials", "Just the essentials."));
        assert!(!cap("right", "Right. That is it."));
        assert!(cap("go", "I like Google."));
        // Lower-casing "İ" adds a byte: offsets into the original must not drift (this panicked).
        assert!(cap("really", "İİİİİİİ Reallyé go."));
        let long = "a".repeat(80);
        assert!(cap(&long, &format!("x {}", long.to_uppercase())));
        assert!(!cap(&long, &format!("x {}", "A".repeat(79))));
    }

    #[test]
    fn quote_index_agrees_with_the_rescan() {
        let texts = [
            "他说\"the\"这个词，然后 \"world\" 和 “hello” 以及「x」《book》",
            "\"a\" b \"c",
            "‘one’ two ‘three",
            "”close first“ open",
            "运行 `make all --quiet` 之后，再看 `log` 和 `tail",
        ];
        for t in texts {
            let q = Quotes::new(t);
            for (start, c) in t.char_indices() {
                let len = c.len_utf8();
                assert_eq!(
                    q.is_quoted(start, len),
                    is_quoted(t, start, len),
                    "{t} at {start}"
                );
            }
        }
    }

    #[test]
    fn words_named_as_english_are_discussed_not_left() {
        let named = |t: &str, w: &str| {
            let at = t.find(w).expect("the word is in the text");
            named_as_english(t, at, at + w.len())
        };
        assert!(named("但是英文里都叫 noodles。", "noodles"));
        assert!(named("用英语说就是 hello。", "hello"));
        assert!(named("serendipity 这个词很难翻译。", "serendipity"));
        assert!(named("他们管这个叫 brunch 一词的由来。", "brunch"));
        // Every word of a named phrase.
        assert!(named("这叫分散练习，英文叫 spaced repetition。", "spaced"));
        assert!(named(
            "这叫分散练习，英文叫 spaced repetition。",
            "repetition"
        ));
        // The language is the clause's subject, not the word's name.
        assert!(!named("所以英语其实也有一些 measure words。", "measure"));
        assert!(!named("我们的英语老师其实很 nervous。", "nervous"));
        assert!(named("英语的 awkward 很难翻译。", "awkward"));
        assert!(named("拉丁文 terra incognita 的意思是未知之地。", "terra"));
        // The language is named in another clause, or too far back, or not at all.
        assert!(!named("他的英文很好，但只记得 basics。", "basics"));
        assert!(!named(
            "英文课上老师说我们还需要很多很多的 practice。",
            "practice"
        ));
        assert!(!named("我们只需要 essentials。", "essentials"));
        // Other languages, the noun "saying", and verbs of naming right before the phrase.
        assert!(named("地图上写着拉丁文 terra incognita。", "incognita"));
        assert!(named(
            "最接近的说法大概是 living paycheck to paycheck。",
            "paycheck"
        ));
        assert!(named("经济学上有个说法叫 lifestyle creep。", "creep"));
        assert!(named("有一句话叫 ad fontes，意思是回到源头。", "fontes"));
        assert!(named("研究者把这个叫作 affect labeling。", "labeling"));
        assert!(named("这种现象称为“overfitting”。", "overfitting"));
        // A phrase with a comma inside, and one set off by a comma after the language.
        assert!(named("英文叫 when in doubt, sit them out。", "sit"));
        assert!(named("我想到一个英文词，fusion，融合菜。", "fusion"));
        // Not a naming: a verb elsewhere in the clause, a plain clause before the comma, or
        // "so-called", which asks for the Chinese term.
        assert!(!named("这就是所谓的 halo effect。", "halo"));
        assert!(!named("我叫了一辆车，结果来的是 shuttle。", "shuttle"));
        assert!(!named("我们今天要学，basics。", "basics"));
    }

    #[test]
    fn a_bracketed_gloss_after_its_chinese_term_is_not_left_untranslated() {
        let gloss = |t: &str, w: &str| {
            let at = t.find(w).expect("the word is in the text");
            is_bracketed_gloss(t, at, at + w.len())
        };
        assert!(gloss("这就是所谓的暗硅（dark silicon）。", "silicon"));
        assert!(gloss("这叫“依恋”(attachment)，很重要。", "attachment"));
        assert!(gloss(
            "也就是成长型思维（growth mindset, 2006）。",
            "mindset"
        ));
        // After a Latin word, beside Chinese inside the brackets, or not closed.
        assert!(!gloss("Meta (formerly Facebook) 是一家公司。", "formerly"));
        assert!(!gloss("我们需要（更多的 practice）。", "practice"));
        assert!(!gloss("暗硅（dark silicon 的问题。", "silicon"));
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
