//! Data the rules need, kept as text files in `rules/data/` and embedded at compile time.
//!
//! Keeping word lists and app-text patterns as data (not code) lets users read and extend them,
//! and keeps the rules free of any one file's strings.

use crate::text::CharSet;
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

const COMMON_WORDS: &str = include_str!("../rules/data/english-common-words.txt");
const APP_TEXT: &str = include_str!("../rules/data/app-text.toml");
const FOREIGN_PHRASES: &str = include_str!("../rules/data/foreign-phrases.txt");
/// English word → Chinese character associations learned from Tatoeba (format in the file's
/// header; parsed by `align::lexicon`).
pub const ZH_EN_LEXICON: &str = include_str!("../rules/data/zh-en-lexicon.tsv");

/// English common words, lower case ("essentials" is one, "netsuite" is not).
pub static COMMON_ENGLISH: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| list_lines(COMMON_WORDS));

/// The entries of a list file: one a line, without blank lines and `#` comments.
fn list_lines(text: &'static str) -> HashSet<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Latin and other foreign set phrases kept in Latin letters in both languages ("cogito ergo
/// sum", "amor fati"), lower case, words separated by one space.
pub static FOREIGN_PHRASES_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| list_lines(FOREIGN_PHRASES));

/// Words in the longest phrase of [`FOREIGN_PHRASES_SET`].
pub const MAX_FOREIGN_PHRASE_WORDS: usize = 4;

/// Whether a lower-case word is common English ([`COMMON_ENGLISH`]) or a regular inflection of
/// a common word: the list holds the frequent forms, and a rarer one of a common word
/// ("rearranged", "algebraically") is as much an English word left in a translation.
pub fn is_common_english(lower: &str) -> bool {
    let common = &*COMMON_ENGLISH;
    if common.contains(lower) {
        return true;
    }
    let b = lower.as_bytes();
    if b.len() < 5 || !b.is_ascii() {
        return false;
    }
    let cut = |n: usize| &lower[..lower.len() - n];
    let with = |n: usize, tail: &str| format!("{}{tail}", cut(n));
    // A doubled final consonant before -ed or -ing ("stopped" → "stop").
    let undoubled = |n: usize| {
        let stem = cut(n).as_bytes();
        stem.len() >= 3
            && stem[stem.len() - 1] == stem[stem.len() - 2]
            && common.contains(cut(n + 1))
    };
    let base_is_common = |n: usize| n + 3 <= lower.len() && common.contains(cut(n));
    if lower.ends_with("ies") || lower.ends_with("ied") {
        return common.contains(with(3, "y").as_str());
    }
    if lower.ends_with("ing") {
        return base_is_common(3) || common.contains(with(3, "e").as_str()) || undoubled(3);
    }
    if lower.ends_with("ed") {
        return base_is_common(2) || base_is_common(1) || undoubled(2);
    }
    if lower.ends_with("ily") {
        return common.contains(with(3, "y").as_str());
    }
    if lower.ends_with("ally") && base_is_common(4) {
        return true;
    }
    if lower.ends_with("ly") {
        return base_is_common(2);
    }
    if lower.ends_with("es") && base_is_common(2) {
        return true;
    }
    lower.ends_with('s') && !lower.ends_with("ss") && base_is_common(1)
}

/// A set of line patterns, matched fast.
///
/// The regex crate's lazy DFA cannot evaluate a Unicode `\b` on non-ASCII text and falls back to
/// its PikeVM, which profiling showed to take three quarters of a whole `check` on Chinese text.
/// So the set is matched first with every `\b` made ASCII-only — a DFA-friendly superset: every
/// `\b` in the patterns stands next to an ASCII letter of the pattern, and a character that is
/// not a Unicode word character is not an ASCII one either — and only lines that pass that
/// prefilter (rare) are matched with the exact Unicode set.
#[derive(Clone)]
pub struct LineSet {
    /// Patterns anchored at the line start (`^…`), then the others: matched as separate sets,
    /// so the anchored ones stop after a few bytes and the unanchored ones get the regex
    /// crate's literal prefilter (one set mixing both scanned every line in full: a fifth of
    /// parsing).
    groups: Vec<PatternGroup>,
}

/// One [`LineSet`] group: the exact patterns, and their DFA-friendly prefilter when one uses
/// `\b`. Each is one regex, the alternation of the group's patterns: the same lines match as
/// with a `RegexSet`, and a single regex keeps the regex crate's literal and anchor
/// optimisations (measured: a fifth faster per line).
#[derive(Clone)]
struct PatternGroup {
    exact: Regex,
    prefilter: Option<Regex>,
    /// Where a match can start, when no pattern of the group matches the empty string: a line
    /// without such a character there is turned away without running the patterns. Profiled:
    /// a pattern search costs 300–400 instructions a line even when nothing matches, and
    /// almost no line has app text.
    start: Option<Start>,
}

/// The characters that can begin a match of a pattern group, and where.
#[derive(Clone, Debug)]
enum Start {
    /// Every pattern is anchored at the start of the text: its first character.
    First(CharSet),
    /// Any character of the text.
    Anywhere(CharSet),
    /// At the start of the text, and known to its first two characters: every match begins
    /// with a literal (the regex crate's own prefix extraction), here as its first two
    /// characters, or its only one. Common characters such as 下 or 此 begin app text (`下载`,
    /// `此内容`) and ordinary sentences alike; the pair tells them apart without running the
    /// patterns.
    Pairs {
        /// The first characters of the literals.
        firsts: CharSet,
        /// The literals that are one character long.
        singles: CharSet,
        /// The first two characters of the longer literals, sorted.
        pairs: Vec<(char, char)>,
    },
    /// Anywhere, and known to its first two characters as [`Start::Pairs`] is: those strings,
    /// searched for together (SIMD, Teddy). A parser asks line after line through
    /// [`LineSet::in_order`], which searches the whole text once instead.
    Literals(aho_corasick::packed::Searcher),
}

impl Start {
    /// False when no match of the group can exist in `text`.
    fn may_match(&self, text: &str) -> bool {
        match self {
            Start::First(set) => text.chars().next().is_some_and(|c| set.contains(c)),
            Start::Anywhere(set) => set.any_in(text),
            Start::Pairs {
                firsts,
                singles,
                pairs,
            } => {
                let mut chars = text.chars();
                chars.next().is_some_and(|c| {
                    firsts.contains(c)
                        && (singles.contains(c)
                            || chars
                                .next()
                                .is_some_and(|d| pairs.binary_search(&(c, d)).is_ok()))
                })
            }
            Start::Literals(finder) => finder.find(text).is_some(),
        }
    }
}

/// [`Start::Pairs`] for patterns (all anchored or not, as `anchored` says), when each has a
/// finite set of literal prefixes none of which is empty.
fn literal_pairs<S: AsRef<str>>(patterns: &[S], anchored: bool) -> Option<Start> {
    use regex_syntax::hir::literal::Extractor;
    let (mut firsts, mut singles, mut pairs) = (Vec::new(), Vec::new(), Vec::new());
    for p in patterns {
        let hir = regex_syntax::Parser::new().parse(p.as_ref()).ok()?;
        let seq = Extractor::new().extract(&hir);
        for literal in seq.literals()? {
            let bytes = literal.as_bytes();
            // A literal cut inside a character keeps its whole characters.
            let whole = match std::str::from_utf8(bytes) {
                Ok(text) => text,
                Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).ok()?,
            };
            let mut chars = whole.chars();
            let first = chars.next()?;
            firsts.push((first, first));
            match chars.next() {
                Some(second) => pairs.push((first, second)),
                None => singles.push((first, first)),
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    if !anchored {
        // The single characters and the pairs, as strings: a text has one of them where, and
        // only where, a character of `singles` or a pair of `pairs` stands.
        let literals = singles
            .iter()
            .map(|&(c, _)| c.to_string())
            .chain(pairs.iter().map(|&(c, d)| format!("{c}{d}")));
        return aho_corasick::packed::Searcher::new(literals).map(Start::Literals);
    }
    Some(Start::Pairs {
        firsts: CharSet::from_ranges(firsts),
        singles: CharSet::from_ranges(singles),
        pairs,
    })
}

/// Whether every match of `pattern` starts at the start of the text, and the characters a
/// non-empty match can start with (`None` when the pattern can match the empty string or does
/// not parse). Parsed with the regex crate's own parser and default flags, so it reads the
/// pattern as `Regex` does.
fn pattern_start(pattern: &str) -> Option<(bool, Vec<(char, char)>)> {
    use regex_syntax::hir::Look;
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    let anchored = hir.properties().look_set_prefix().contains(Look::Start);
    let mut ranges = Vec::new();
    match first_chars(&hir, &mut ranges)? {
        false => Some((anchored, ranges)),
        true => None,
    }
}

/// The start of matches of a group of patterns ([`pattern_start`] of each).
fn group_start<S: AsRef<str>>(patterns: &[S]) -> Option<Start> {
    let mut all_anchored = true;
    let mut ranges = Vec::new();
    for p in patterns {
        let (anchored, chars) = pattern_start(p.as_ref())?;
        all_anchored &= anchored;
        ranges.extend(chars);
    }
    let set = CharSet::from_ranges(ranges);
    Some(
        literal_pairs(patterns, all_anchored).unwrap_or(if all_anchored {
            Start::First(set)
        } else {
            Start::Anywhere(set)
        }),
    )
}

/// Adds the characters a match of `hir` can start with to `out` (a superset) and says whether
/// it can match the empty string (then what follows it can start the match too). `None` for a
/// byte class outside ASCII, which does not name characters.
fn first_chars(hir: &regex_syntax::hir::Hir, out: &mut Vec<(char, char)>) -> Option<bool> {
    use regex_syntax::hir::{Class, HirKind};
    Some(match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(lit) => match std::str::from_utf8(&lit.0).ok()?.chars().next() {
            Some(c) => {
                out.push((c, c));
                false
            }
            None => true,
        },
        HirKind::Class(Class::Unicode(class)) => {
            out.extend(class.ranges().iter().map(|r| (r.start(), r.end())));
            false
        }
        HirKind::Class(Class::Bytes(class)) => {
            for r in class.ranges() {
                if !r.end().is_ascii() {
                    return None;
                }
                out.push((char::from(r.start()), char::from(r.end())));
            }
            false
        }
        HirKind::Repetition(rep) => first_chars(&rep.sub, out)? || rep.min == 0,
        HirKind::Capture(cap) => first_chars(&cap.sub, out)?,
        HirKind::Concat(parts) => {
            for part in parts {
                if !first_chars(part, out)? {
                    return Some(false);
                }
            }
            true
        }
        HirKind::Alternation(branches) => {
            let mut any_empty = false;
            for branch in branches {
                any_empty |= first_chars(branch, out)?;
            }
            any_empty
        }
    })
}

/// One regex matching where any of `patterns` matches (each in a group of its own, so inline
/// flags and alternations stay inside it).
fn alternation<S: AsRef<str>>(patterns: &[S]) -> Result<Regex, regex::Error> {
    let joined: Vec<String> = patterns
        .iter()
        .map(|p| format!("(?:{})", p.as_ref()))
        .collect();
    Regex::new(&joined.join("|")).map_err(|joined_error| {
        // Compiled alone, so an invalid pattern is reported as written (only on failure:
        // compiling every pattern twice was a fixed cost of every run).
        patterns
            .iter()
            .find_map(|p| Regex::new(p.as_ref()).err())
            .unwrap_or(joined_error)
    })
}

impl PatternGroup {
    fn new(patterns: &[&String]) -> Result<Self, regex::Error> {
        let exact = alternation(patterns)?;
        let prefilter = if patterns.iter().any(|p| p.contains("\\b")) {
            let ascii: Vec<String> = patterns.iter().map(|p| ascii_word_boundaries(p)).collect();
            Some(alternation(&ascii)?)
        } else {
            None
        };
        Ok(PatternGroup {
            exact,
            prefilter,
            start: group_start(patterns),
        })
    }

    fn is_match(&self, text: &str) -> bool {
        self.start_may_match(text) && self.matches_after_start(text)
    }

    /// False when no match can start in `text` ([`Start::may_match`]).
    fn start_may_match(&self, text: &str) -> bool {
        self.start.as_ref().is_none_or(|s| s.may_match(text))
    }

    /// Whether a pattern matches `text`, once [`PatternGroup::start_may_match`] has said one
    /// may.
    fn matches_after_start(&self, text: &str) -> bool {
        match &self.prefilter {
            Some(pre) => pre.is_match(text) && self.exact.is_match(text),
            None => self.exact.is_match(text),
        }
    }
}

impl LineSet {
    /// Compile `patterns`; a group's prefilter exists only when one of its patterns uses `\b`.
    pub fn new(patterns: &[String]) -> Result<Self, regex::Error> {
        let (anchored, free): (Vec<&String>, Vec<&String>) =
            patterns.iter().partition(|p| p.starts_with('^'));
        let mut groups = Vec::new();
        for g in [anchored, free] {
            if !g.is_empty() {
                groups.push(PatternGroup::new(&g)?);
            }
        }
        Ok(LineSet { groups })
    }

    /// True when any pattern matches the line.
    pub fn is_match(&self, text: &str) -> bool {
        self.groups.iter().any(|g| g.is_match(text))
    }

    /// [`LineSet::is_match`] for the lines of `text[..end]`, asked in order: a group known to
    /// its openings ([`Start::Literals`]) looks for them through the text once, not line by
    /// line. Per line, that search cost 800 instructions (5 % of a million-pair run); over the
    /// whole text it reads a 145 MB file in about 15 ms.
    pub fn in_order<'a>(&'a self, text: &'a str, end: usize) -> InOrder<'a> {
        InOrder {
            set: self,
            text,
            end: end.min(text.len()),
            next: vec![Hit::Unknown; self.groups.len()],
        }
    }

    /// [`LineSet::is_match`] without the prefilters (for tests of their equivalence).
    #[cfg(test)]
    fn is_match_exact(&self, text: &str) -> bool {
        self.groups.iter().any(|g| g.exact.is_match(text))
    }
}

/// What [`InOrder`] knows of a group's next opening.
#[derive(Clone, Copy)]
enum Hit {
    /// Not searched yet, or searched from before the line now asked.
    Unknown,
    /// The leftmost opening at or after where it was searched from.
    At(usize, usize),
    /// None up to the end.
    None,
}

/// [`LineSet::is_match`] of the lines of one text in order ([`LineSet::in_order`]).
pub struct InOrder<'a> {
    set: &'a LineSet,
    text: &'a str,
    end: usize,
    /// Per group: the leftmost opening at or after the last line asked.
    next: Vec<Hit>,
}

impl InOrder<'_> {
    /// Whether any pattern matches `text[line]`; lines are asked in increasing order.
    pub fn is_match(&mut self, line: std::ops::Range<usize>) -> bool {
        let Some(content) = self.text.get(line.clone()) else {
            return false;
        };
        for (group, next) in self.set.groups.iter().zip(self.next.iter_mut()) {
            let Some(Start::Literals(finder)) = &group.start else {
                if group.is_match(content) {
                    return true;
                }
                continue;
            };
            if matches!(*next, Hit::At(start, _) if start < line.start)
                || matches!(*next, Hit::Unknown)
            {
                let from = line.start.min(self.end);
                *next = finder
                    .find_in(self.text, aho_corasick::Span::from(from..self.end))
                    .map_or(Hit::None, |m| Hit::At(m.start(), m.end()));
            }
            // The leftmost opening from the line's start: an opening inside the line is one of
            // the line's own (an opening that begins in it and runs past its end is not, and the
            // line is asked alone).
            let may_match = match *next {
                Hit::At(start, end) if start < line.end => {
                    end <= line.end || group.start_may_match(content)
                }
                _ => false,
            };
            if may_match && group.matches_after_start(content) {
                return true;
            }
        }
        false
    }
}

/// Rewrite each `\b` (not an escaped backslash followed by `b`) as the ASCII-only `(?-u:\b)`.
fn ascii_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('b') => out.push_str("(?-u:\\b)"),
                Some(next) => {
                    out.push(c);
                    out.push(next);
                }
                None => out.push(c),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Compiled app-text patterns from `rules/data/app-text.toml`.
#[derive(Clone)]
pub struct AppText {
    /// Lines that are never dialogue.
    pub strong: LineSet,
    /// Hints that a partnerless line is app text.
    pub weak: LineSet,
    /// "N more" claims.
    pub claim: Regex,
}

#[derive(serde::Deserialize)]
struct AppTextFile {
    strong: Vec<String>,
    weak: Vec<String>,
    claim: String,
}

/// The built-in app-text patterns. The file is part of the binary and covered by a test, so a
/// failure to compile it is a build defect, not an input error.
pub static APP_TEXT_PATTERNS: LazyLock<AppText> = LazyLock::new(|| {
    let file: AppTextFile =
        toml::from_str(APP_TEXT).expect("rules/data/app-text.toml is valid TOML");
    AppText {
        strong: LineSet::new(&file.strong).expect("strong app-text patterns compile"),
        weak: LineSet::new(&file.weak).expect("weak app-text patterns compile"),
        claim: Regex::new(&file.claim).expect("claim pattern compiles"),
    }
});

thread_local! {
    /// This thread's copy of [`APP_TEXT_PATTERNS`]. A compiled pattern lends its match cache
    /// quickly only to the first thread that used it, and to every other thread through a
    /// lock; the parser matches every line of a file on all cores, so each thread keeps its own
    /// copy (the compiled program is shared, only the caches are per copy).
    static LOCAL_APP_TEXT: AppText = APP_TEXT_PATTERNS.clone();
}

/// Run `f` with this thread's copy of the app-text patterns (see [`LOCAL_APP_TEXT`]).
pub fn with_app_text<R>(f: impl FnOnce(&AppText) -> R) -> R {
    LOCAL_APP_TEXT.with(f)
}

/// True when the text ends like a sentence (full stop, question, exclamation, ellipsis, quote).
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '\'', '”', '’', '」', '』', ')', '）', '】', ' ']);
    t.ends_with(['.', '?', '!', '。', '？', '！', '…', ';', '；'])
}

/// Chinese lines [`marks_endings`] reads at most: the file's habit shows in its first ones.
const ENDING_SAMPLE: usize = 200;

/// Whether most of the Chinese lines given (the first [`ENDING_SAMPLE`] are read) end with a
/// sentence mark: the habit that makes a missing mark mean something.
pub fn marks_endings<'a>(chinese: impl Iterator<Item = &'a str>) -> bool {
    let (mut ended, mut seen) = (0usize, 0usize);
    for line in chinese.take(ENDING_SAMPLE) {
        seen += 1;
        ended += usize::from(ends_sentence(line));
    }
    seen > 0 && ended * 10 >= seen * 6
}

/// Whether `text` ends on a clause mark (，、；：or an ASCII comma): a translation that stops
/// mid-sentence.
pub fn ends_on_a_clause_mark(text: &str) -> bool {
    text.trim_end().ends_with(['，', '、', '；', '：', ','])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foreign_phrases_are_written_as_the_rule_looks_them_up() {
        // The rule joins two to four spaced words and lower-cases them.
        assert!(FOREIGN_PHRASES_SET.contains("cogito ergo sum"));
        for p in FOREIGN_PHRASES_SET.iter() {
            let words = p.split(' ').count();
            assert!((2..=MAX_FOREIGN_PHRASE_WORDS).contains(&words), "{p}");
            assert!(!p.contains("  ") && p.to_lowercase() == *p, "{p}");
        }
    }

    #[test]
    fn data_files_load() {
        assert!(COMMON_ENGLISH.contains("essentials"));
        assert!(COMMON_ENGLISH.contains("the"));
        assert!(!COMMON_ENGLISH.contains("netsuite"));
        // Rarer inflections of common words count (none of these is on the list itself); other
        // words do not.
        for w in [
            "rearranged",
            "rearranging",
            "algebraically",
            "mopped",
            "shrugging",
            "tidied",
            "noisily",
            "skimmed",
        ] {
            assert!(!COMMON_ENGLISH.contains(w), "{w} is listed");
            assert!(is_common_english(w), "{w}");
        }
        for w in [
            "netsuite",
            "sigmoid",
            "kubernetes",
            "ed",
            "sing",
            "bed",
            "reshuffles",
            "tokenizers",
        ] {
            assert_eq!(is_common_english(w), COMMON_ENGLISH.contains(w), "{w}");
        }
        let p = &*APP_TEXT_PATTERNS;
        assert!(p.strong.is_match("展开全部字幕（还有 12 条）"));
        assert!(p.strong.is_match("Show more"));
        assert!(p.strong.is_match("Expand all"));
        assert!(p.strong.is_match("Collapse"));
        assert!(p.strong.is_match("Subscribe for more"));
        assert!(!p.strong.is_match("Expand all the tables first."));
        assert!(!p.strong.is_match("Collapse the menu and try again."));
        assert!(!p.strong.is_match("我们可以就此展开讨论。"));
        // A tap verb before the button's words, and an episode's number as a label.
        assert!(p.strong.is_match("点击查看全部文稿"));
        assert!(p.strong.is_match("轻触展开全文"));
        assert!(p.strong.is_match("第 8 期｜城市里的鸟"));
        assert!(p.strong.is_match("第十二集：我们为什么做梦？"));
        assert!(p.strong.is_match("EP12 | Why we dream"));
        assert!(p.strong.is_match("Episode 3: The long walk"));
        assert!(!p.strong.is_match("点击这里的时候，页面就卡住了。"));
        assert!(!p.strong.is_match("第二期的时候，我们换了主持人。"));
        assert!(!p.strong.is_match("第三，我们需要更多时间。"));
        assert!(!p.strong.is_match("Episode three was the best one."));
        assert!(p.weak.is_match("请使用某某 App 收听"));
        assert!(p.weak.is_match("河岸生态讲堂 第7期：城市里还能养鱼吗？"));
        assert!(!p.weak.is_match("我们在第7期：讲过这件事。"));
        let caps = p.claim.captures("展开剩余字幕(还有 37 条)").unwrap();
        assert_eq!(caps.get(1).unwrap().as_str(), "37");
        // Traditional characters, as Taiwan and Hong Kong apps write them.
        assert!(p.strong.is_match("展開更多"));
        assert!(p.strong.is_match("點擊查看全部字幕（還有 40 條）"));
        assert!(p.strong.is_match("字幕由某某字幕組製作"));
        assert!(p.strong.is_match("廣告"));
        assert!(!p.strong.is_match("我們可以就此展開討論。"));
        let caps = p.claim.captures("查看全部字幕（還有 40 條）").unwrap();
        assert_eq!(caps.get(1).unwrap().as_str(), "40");
    }

    #[test]
    fn prefiltered_sets_agree_with_unicode_boundaries() {
        assert_eq!(ascii_word_boundaries(r"\bpod\\b\d"), r"(?-u:\b)pod\\b\d");
        let set = LineSet::new(&[r"(?i:\bpodcast\b)".to_string()]).unwrap();
        assert!(set.groups[0].prefilter.is_some());
        // Unicode `\b`: a Han neighbour is a word character, so no boundary there.
        assert!(!set.is_match("我的podcast节目"));
        assert!(set.is_match("我的 podcast 节目"));
        assert!(set.is_match("Podcast!"));
        let p = &*APP_TEXT_PATTERNS;
        for line in [
            "Show more",
            "show all字幕",
            "展开全部",
            "Subtitles by someone",
            "我们昨天搬了三个箱子。",
            "We moved boxes.",
            "Read more about it",
        ] {
            assert_eq!(
                p.strong.is_match(line),
                p.strong.is_match_exact(line),
                "{line}"
            );
            assert_eq!(p.weak.is_match(line), p.weak.is_match_exact(line), "{line}");
        }
    }

    #[test]
    fn where_matches_start() {
        let start = |p: &str| {
            pattern_start(p).map(|(anchored, chars)| (anchored, CharSet::from_ranges(chars).ranges))
        };
        // Unicode case folding: `s` also matches `ſ` (U+017F).
        assert_eq!(
            start("^(?i:show|load)"),
            Some((
                true,
                vec![('L', 'L'), ('S', 'S'), ('l', 'l'), ('s', 's'), ('ſ', 'ſ')]
            ))
        );
        assert_eq!(start("^©"), Some((true, vec![('©', '©')])));
        assert_eq!(
            start("^(本集|单集)简介$"),
            Some((true, vec![('单', '单'), ('本', '本')]))
        );
        assert_eq!(
            start(r"^(请)?(点赞|订阅)"),
            Some((true, vec![('点', '点'), ('订', '订'), ('请', '请')]))
        );
        assert_eq!(
            start("(以上|本文)内容"),
            Some((false, vec![('以', '以'), ('本', '本')]))
        );
        assert_eq!(start("^a|b"), Some((false, vec![('a', 'b')])));
        assert_eq!(start(r"\b𝔸x"), Some((false, vec![('𝔸', '𝔸')])));
        // `\d` is Unicode: full-width and other digits too.
        let digits = CharSet::from_ranges(pattern_start(r"^\d+ more").unwrap().1);
        assert!(digits.contains('7') && digits.contains('７') && !digits.contains('a'));
        assert!(digits.contains('𝟘') && !digits.contains('𝔸'));
        assert_eq!(start(r"^\s*x"), start(r"^(?:\s|x)"));
        // May match empty, or does not parse: no filter.
        assert_eq!(start("^a?"), None);
        assert_eq!(start("(?m)^a|"), None);
        assert_eq!(start("^("), None);
        assert_eq!(start(r"^(?-u:\xFF)"), None);
        // The shipped strong patterns get filters of both kinds.
        let groups = &APP_TEXT_PATTERNS.strong.groups;
        assert!(matches!(groups[0].start, Some(Start::First(_))));
        assert!(matches!(groups[1].start, Some(Start::Literals(_))));
        // A pattern starting with a class too wide to list keeps the character filter.
        assert!(matches!(
            group_start(&[r"\w+ more"]),
            Some(Start::Anywhere(_))
        ));
        let pairs = literal_pairs(&["(以上|本文|该|此)(内容|字幕)", "x", "abc"], false).unwrap();
        assert!(pairs.may_match("如此字幕") && pairs.may_match("本文") && pairs.may_match("yx"));
        assert!(pairs.may_match("abd abc") && !pairs.may_match("如此说来，以及本人"));
        assert!(!pairs.may_match("ac b") && !pairs.may_match("此"));
        let at_start = group_start(&["^(ab|c)", "^展开"]).unwrap();
        assert!(matches!(at_start, Start::Pairs { .. }));
        assert!(
            at_start.may_match("abx") && at_start.may_match("c") && at_start.may_match("展开全部")
        );
        assert!(
            !at_start.may_match("xab") && !at_start.may_match("a") && !at_start.may_match("展")
        );
        let anywhere = Start::Anywhere(CharSet::from_ranges(vec![('此', '此'), ('x', 'x')]));
        assert!(
            anywhere.may_match("如此")
                && anywhere.may_match("box")
                && !anywhere.may_match("我们 ok")
        );
    }

    #[test]
    fn filtered_sets_agree_with_the_patterns_on_generated_lines() {
        // Lines built from the pieces app text is made of, and from neighbours of those pieces.
        let starts = [
            "",
            "展开",
            "收起",
            "查看",
            "显示",
            "全部",
            "还有",
            "字幕",
            "翻译",
            "请",
            "点赞",
            "订阅",
            "下载",
            "本集",
            "双语",
            "©",
            "Show",
            "LOAD",
            "see",
            "12",
            "１２",
            "٣",
            "Subtitles",
            "Translated",
            "Copyright",
            "Episode",
            "like and subscribe",
            " ",
            "我们",
            "The",
        ];
        let rests = [
            "",
            "全部",
            "剩余字幕",
            " more",
            " more lines",
            "：某某",
            ": someone",
            " by someone",
            "简介",
            " notes",
            " 还有 12 条",
            "App",
            " all",
            "我们",
            "我们的频道",
            "内容由AI生成",
            ".",
        ];
        let p = &*APP_TEXT_PATTERNS;
        let mut matched = 0;
        for a in starts {
            for b in rests {
                for c in ["", " ", "。", "?"] {
                    let line = format!("{a}{b}{c}");
                    let exact = p.strong.is_match_exact(&line);
                    assert_eq!(p.strong.is_match(&line), exact, "{line:?}");
                    assert_eq!(
                        p.weak.is_match(&line),
                        p.weak.is_match_exact(&line),
                        "{line:?}"
                    );
                    matched += usize::from(exact);
                }
            }
        }
        assert!(matched > 100, "the lines exercise the patterns: {matched}");
        // The same lines as one text, asked in order: the whole-text search of the openings
        // answers as each line alone, app text or not, next to each other or far apart.
        let mut text = String::new();
        let mut spans = Vec::new();
        let mut next = crate::test_support::xorshift(0xa99_7e47);
        for (k, a) in starts.iter().enumerate() {
            for b in rests {
                let line = format!("{a}{b}");
                spans.push(text.len()..text.len() + line.len());
                text.push_str(&line);
                // Lines share a break or a run of blank ones; some stand at the text's end.
                text.push_str(["\n", "\n\n", "\r\n"][(next() % 3) as usize]);
            }
            if k % 3 == 0 {
                text.push_str("普通的一句话，没有什么。\n");
            }
        }
        // App text whose opening begins its line, and two lines of it in a row.
        for line in [
            "还有 480 条",
            "剩余 3 行",
            "字幕组招新啦",
            "关注不迷路",
            "本内容由AI生成",
        ] {
            for _ in 0..2 {
                spans.push(text.len()..text.len() + line.len());
                text.push_str(line);
                text.push('\n');
            }
        }
        let mut app = 0;
        for set in [&p.strong, &p.weak] {
            let mut in_order = set.in_order(&text, text.len());
            for r in &spans {
                let line = &text[r.clone()];
                let alone = set.is_match(line);
                assert_eq!(in_order.is_match(r.clone()), alone, "{line:?}");
                app += usize::from(alone);
            }
        }
        assert!(app > 100, "the text holds app text: {app}");
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("好的。"));
        assert!(ends_sentence("Really?\""));
        assert!(!ends_sentence("本集简介"));
    }
}
