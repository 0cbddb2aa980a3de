//! Data the rules need, kept as text files in `rules/data/` and embedded at compile time.
//!
//! Keeping word lists and app-text patterns as data (not code) lets users read and extend them,
//! and keeps the rules free of any one file's strings.

use regex::{Regex, RegexSet};
use std::collections::HashSet;
use std::sync::LazyLock;

const COMMON_WORDS: &str = include_str!("../rules/data/english-common-words.txt");
const APP_TEXT: &str = include_str!("../rules/data/app-text.toml");
/// English word → Chinese character associations learned from Tatoeba (format in the file's
/// header; parsed by `align::lexicon`).
pub const ZH_EN_LEXICON: &str = include_str!("../rules/data/zh-en-lexicon.tsv");

/// English common words, lower case ("essentials" is one, "netsuite" is not).
pub static COMMON_ENGLISH: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    COMMON_WORDS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Compiled app-text patterns from `rules/data/app-text.toml`.
pub struct AppText {
    /// Lines that are never dialogue.
    pub strong: RegexSet,
    /// Hints that a partnerless line is app text.
    pub weak: RegexSet,
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
        strong: RegexSet::new(&file.strong).expect("strong app-text patterns compile"),
        weak: RegexSet::new(&file.weak).expect("weak app-text patterns compile"),
        claim: Regex::new(&file.claim).expect("claim pattern compiles"),
    }
});

/// True when the text ends like a sentence (full stop, question, exclamation, ellipsis, quote).
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '\'', '”', '’', '」', '』', ')', '）', '】', ' ']);
    t.ends_with(['.', '?', '!', '。', '？', '！', '…', ';', '；'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_load() {
        assert!(COMMON_ENGLISH.contains("essentials"));
        assert!(COMMON_ENGLISH.contains("the"));
        assert!(!COMMON_ENGLISH.contains("netsuite"));
        let p = &*APP_TEXT_PATTERNS;
        assert!(p.strong.is_match("展开全部字幕（还有 12 条）"));
        assert!(p.strong.is_match("Show more"));
        assert!(!p.strong.is_match("我们可以就此展开讨论。"));
        assert!(p.weak.is_match("请使用某某 App 收听"));
        let caps = p.claim.captures("展开剩余字幕(还有 37 条)").unwrap();
        assert_eq!(caps.get(1).unwrap().as_str(), "37");
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("好的。"));
        assert!(ends_sentence("Really?\""));
        assert!(!ends_sentence("本集简介"));
    }
}
