//! Lexical anchor: do the Chinese lines contain the usual translations of the English words?
//!
//! Two adjacent translations of similar length with no numbers or names differ only in their
//! words. `rules/data/zh-en-lexicon.tsv` (built by `scripts/build_lexicon.py` from Tatoeba) gives,
//! for about a thousand English words, the Chinese characters or bigrams that translate them,
//! with `p` (how often they appear in a true translation) and `lambda` (how often per character
//! in unrelated Chinese). [`Lexicon::llr`] sums, over the English words, the log-likelihood ratio
//! of "this Chinese translates this English" against "unrelated Chinese of this length".
//!
//! Each side of a pair is reduced once to sorted `u32` ids ([`Lexicon::english`],
//! [`Lexicon::chinese`]), so scoring a bead is a few binary searches in short vectors.

use crate::data::ZH_EN_LEXICON;
use crate::text::{FnvBuild, sort_dedup_tail};
use std::collections::HashMap;
use std::sync::LazyLock;

/// Largest `p` used: a word is sometimes paraphrased away even where the table says it never
/// is, and one miss must not outweigh everything else (a miss costs at least ln 0.15 ≈ −1.9).
const MAX_P: f64 = 0.85;

/// One English word's associations.
#[derive(Debug)]
struct Entry {
    /// Probability that a true translation contains one of `features`.
    p: f64,
    /// Hits per Han character in unrelated Chinese.
    lambda: f64,
    /// Feature ids (indices into `Lexicon::features`), sorted.
    features: Vec<u32>,
    /// ln(1 − p): the evidence of a miss.
    ln_miss: f64,
}

/// Han character counts up to which [`Lexicon::llr`] reads a hit's evidence from a table: a
/// logarithm and an exponential per English word and bead were a sixth of a whole check.
const HIT_TABLE_HAN: usize = 128;

/// The parsed association table.
#[derive(Debug)]
pub struct Lexicon {
    /// Stop-words ([`STOP`]) and table words (their entry index), in one map: a word of an
    /// English line is looked up once or twice, not four times.
    vocab: HashMap<&'static str, u32, FnvBuild>,
    entries: Vec<Entry>,
    /// Per Han character (code point − `HAN_START`): the id of the one-character feature, or
    /// `NO_FEATURE`. Direct tables, not searches: every Chinese line of a file is looked up.
    unigram: Vec<u32>,
    /// Per Han character: where its two-character features start in `bigram` (one more entry
    /// than characters, so `bigram_start[c + 1]` ends the run).
    bigram_start: Vec<u32>,
    /// Two-character features as (second character, id), grouped by first character.
    bigram: Vec<(u32, u32)>,
    /// `hit_evidence(entry, n)` for `n < HIT_TABLE_HAN`, at `entry * HIT_TABLE_HAN + n`.
    hit_table: Vec<f64>,
}

/// ln(P(hit | translation) / P(hit | unrelated)) of a word with table values `p` and `lambda`
/// against `han` Han characters of Chinese.
fn hit_evidence(p: f64, lambda: f64, han: f64) -> f64 {
    let q = (-(-lambda * han).exp_m1()).max(1e-6);
    ((p + (1.0 - p) * q) / q).ln()
}

const HAN_START: u32 = 0x3400;
/// A stop-word's value in [`Lexicon`]'s `vocab` (stop-words win over table words).
const STOP: u32 = u32::MAX;

/// Marks a character with no one-character feature in [`Lexicon`]'s `unigram` table.
const NO_FEATURE: u32 = u32::MAX;
const HAN_END: u32 = 0xA000;

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}')
}

/// Key of a one- or two-character feature (`b` = 0 for a single character).
fn key(a: char, b: Option<char>) -> u64 {
    (u64::from(u32::from(a)) << 32) | u64::from(b.map_or(0, u32::from))
}

/// The built-in table, parsed on first use.
pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::parse(ZH_EN_LEXICON));

/// `stem_into` returning a new string.
#[cfg(test)]
fn stem(word: &str) -> String {
    let mut out = String::new();
    stem_into(word, &mut out);
    out
}

/// The builder's suffix stripping (`stem` in `scripts/build_lexicon.py`), into a reused buffer
/// (no allocation per word): it need not be linguistic, only identical on both sides.
fn stem_into(word: &str, out: &mut String) {
    let w = word.strip_suffix("'s").unwrap_or(word);
    out.clear();
    out.extend(w.chars().filter(|&c| c != '\''));
    let n = out.len();
    let ends = |s: &str| out.ends_with(s);
    let (cut, add) = if n > 4 && ends("ies") {
        (3, "y")
    } else if n > 5 && ends("ing") {
        (3, "")
    } else if (n > 4 && ends("ed"))
        || (n > 3 && ends("es") && matches!(out.as_bytes()[n - 3], b's' | b'x' | b'z'))
    {
        (2, "")
    } else if n > 3 && ends("s") && !(ends("ss") || ends("us") || ends("is")) {
        (1, "")
    } else {
        (0, "")
    };
    out.truncate(n - cut);
    out.push_str(add);
}

impl Lexicon {
    /// Parse the table format documented in the data file's header. Malformed lines are
    /// skipped (the file is part of the binary; a unit test checks it parses whole).
    pub fn parse(text: &'static str) -> Self {
        let mut stop: Vec<&'static str> = Vec::new();
        let mut raw: Vec<(&str, f64, f64, Vec<u64>)> = Vec::new();
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if let Some(rest) = line.strip_prefix("!stop\t") {
                stop.extend(rest.split_whitespace());
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let [word, p, lambda, feats] = f[..] else {
                continue;
            };
            let (Ok(p), Ok(lambda)) = (p.parse::<f64>(), lambda.parse::<f64>()) else {
                continue;
            };
            let keys: Vec<u64> = feats
                .split(',')
                .filter_map(|s| {
                    let mut cs = s.chars();
                    let a = cs.next()?;
                    let b = cs.next();
                    (cs.next().is_none() && is_han(a) && b.is_none_or(is_han)).then(|| key(a, b))
                })
                .collect();
            if !keys.is_empty() && p.is_finite() && lambda.is_finite() && lambda > 0.0 {
                raw.push((word, p.clamp(0.0, MAX_P), lambda, keys));
            }
        }
        let mut features: Vec<u64> = raw.iter().flat_map(|r| r.3.iter().copied()).collect();
        features.sort_unstable();
        features.dedup();
        let chars = (HAN_END - HAN_START) as usize;
        let mut unigram = vec![NO_FEATURE; chars];
        let mut per_first: Vec<Vec<(u32, u32)>> = vec![Vec::new(); chars];
        for (id, &k) in features.iter().enumerate() {
            let (a, b) = ((k >> 32) as u32, k as u32);
            // Keys come from `is_han` characters, all inside the table's range.
            let Some(i) = a.checked_sub(HAN_START).filter(|&i| (i as usize) < chars) else {
                continue;
            };
            if b == 0 {
                unigram[i as usize] = id as u32;
            } else {
                per_first[i as usize].push((b, id as u32));
            }
        }
        let mut bigram_start = Vec::with_capacity(chars + 1);
        let mut bigram = Vec::new();
        for list in per_first {
            bigram_start.push(bigram.len() as u32);
            bigram.extend(list);
        }
        bigram_start.push(bigram.len() as u32);
        let mut vocab: HashMap<&'static str, u32, FnvBuild> = HashMap::default();
        let mut entries = Vec::new();
        for (word, p, lambda, keys) in raw {
            let mut ids: Vec<u32> = keys
                .iter()
                .filter_map(|k| features.binary_search(k).ok())
                .map(|i| i as u32)
                .collect();
            ids.sort_unstable();
            vocab.insert(word, entries.len() as u32);
            entries.push(Entry {
                p,
                lambda,
                features: ids,
                ln_miss: (1.0 - p).ln(),
            });
        }
        for w in stop {
            vocab.insert(w, STOP);
        }
        let hit_table = entries
            .iter()
            .flat_map(|e| (0..HIT_TABLE_HAN).map(|n| hit_evidence(e.p, e.lambda, n as f64)))
            .collect();
        Lexicon {
            vocab,
            entries,
            unigram,
            bigram_start,
            bigram,
            hit_table,
        }
    }

    /// Number of English words in the table.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the table is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Ids of the table's words in an English text, sorted and deduplicated (tokenised as the
    /// builder does: ASCII words with one optional apostrophe part, stop-words skipped).
    pub fn english(&self, text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        self.english_into(text, &mut out);
        out
    }

    /// [`Lexicon::english`] appended to `out` (sorted and deduplicated among themselves): a
    /// million pairs' ids in one flat vector rather than a vector each.
    pub fn english_into(&self, text: &str, out: &mut Vec<u32>) {
        let base = out.len();
        // Bytes, lower-cased, with the typographic apostrophe (U+2019, E2 80 99) as '\''.
        let b = text.as_bytes();
        let at = |i: usize| -> (u8, usize) {
            match b[i] {
                0xE2 if b.get(i + 1..i + 3) == Some(&[0x80, 0x99]) => (b'\'', 3),
                c => (c.to_ascii_lowercase(), 1),
            }
        };
        let mut word = String::with_capacity(32);
        let mut s = String::with_capacity(32);
        let mut i = 0;
        while i < b.len() {
            let (c, w) = at(i);
            if !c.is_ascii_lowercase() {
                i += w;
                continue;
            }
            word.clear();
            while i < b.len() && b[i].is_ascii_alphabetic() {
                word.push(char::from(b[i].to_ascii_lowercase()));
                i += 1;
            }
            let first_end = word.len();
            if i < b.len() {
                let (c, w) = at(i);
                if c == b'\'' && b.get(i + w).is_some_and(u8::is_ascii_alphabetic) {
                    word.push('\'');
                    i += w;
                    while i < b.len() && b[i].is_ascii_alphabetic() {
                        word.push(char::from(b[i].to_ascii_lowercase()));
                        i += 1;
                    }
                }
            }
            let w = word.as_str();
            let whole = self.vocab.get(w).copied();
            if whole == Some(STOP)
                || (first_end < w.len() && self.vocab.get(&w[..first_end]) == Some(&STOP))
            {
                continue;
            }
            stem_into(w, &mut s);
            if s.len() < 2 {
                continue;
            }
            let stemmed = if s == w {
                whole
            } else {
                self.vocab.get(s.as_str()).copied()
            };
            if let Some(id) = stemmed.filter(|&id| id != STOP) {
                out.push(id);
            }
        }
        sort_dedup_tail(out, base);
    }

    /// The table's features present in a Chinese text (sorted ids) and its Han character count.
    pub fn chinese(&self, text: &str) -> (Vec<u32>, u32) {
        let mut out = Vec::new();
        let han = self.chinese_into(text, &mut out);
        (out, han)
    }

    /// [`Lexicon::chinese`] appended to `out`; returns the Han character count.
    pub fn chinese_into(&self, text: &str, out: &mut Vec<u32>) -> u32 {
        let base = out.len();
        let mut han = 0u32;
        // Index of the previous character when it was Han.
        let mut prev: Option<usize> = None;
        for c in text.chars() {
            if !is_han(c) {
                prev = None;
                continue;
            }
            han += 1;
            // `is_han` here is the table's range.
            let i = (u32::from(c) - HAN_START) as usize;
            if let Some(&id) = self.unigram.get(i)
                && id != NO_FEATURE
            {
                out.push(id);
            }
            if let Some(p) = prev
                && let (Some(&s), Some(&e)) =
                    (self.bigram_start.get(p), self.bigram_start.get(p + 1))
            {
                let second = u32::from(c);
                if let Some(&(_, id)) = self.bigram[s as usize..e as usize]
                    .iter()
                    .find(|(b, _)| *b == second)
                {
                    out.push(id);
                }
            }
            prev = Some(i);
        }
        sort_dedup_tail(out, base);
        han
    }

    /// Log-likelihood ratio (natural log) that Chinese lines `zh` (features and Han character
    /// count, from [`Lexicon::chinese`]) translate English lines with words `en`, against unrelated Chinese: per word,
    /// ln(P(hit | translation) / P(hit | unrelated)) for a hit, ln(1 − p) for a miss. 0.0 when
    /// either side has nothing to compare.
    /// `en` and `zh` are the lines' id lists, `han` the Chinese lines' Han character count.
    pub fn llr(&self, en: &[&[u32]], zh: &[&[u32]], han: u32) -> f64 {
        if han == 0 {
            return 0.0;
        }
        let n = f64::from(han);
        let mut total = 0.0;
        for (li, line) in en.iter().enumerate() {
            for &w in *line {
                // A word repeated on an earlier line of the bead counts once.
                if en[..li].iter().any(|l| l.binary_search(&w).is_ok()) {
                    continue;
                }
                let Some(e) = self.entries.get(w as usize) else {
                    continue;
                };
                let hit = e
                    .features
                    .iter()
                    .any(|f| zh.iter().any(|z| z.binary_search(f).is_ok()));
                total += if !hit {
                    e.ln_miss
                } else if (han as usize) < HIT_TABLE_HAN {
                    self.hit_table[w as usize * HIT_TABLE_HAN + han as usize]
                } else {
                    hit_evidence(e.p, e.lambda, n)
                };
            }
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn llr(en: &str, zh: &str) -> f64 {
        let lx = &*LEXICON;
        let (zh, han) = lx.chinese(zh);
        lx.llr(&[&lx.english(en)], &[&zh], han)
    }

    #[test]
    fn table_loads() {
        assert!(LEXICON.len() > 500);
        assert!(LEXICON.vocab.get("teacher").is_some_and(|&id| id != STOP));
        assert_eq!(LEXICON.vocab.get("the"), Some(&STOP));
        let lines = ZH_EN_LEXICON
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with('!') && !l.is_empty())
            .count();
        assert_eq!(lines, LEXICON.len(), "every table line parses");
    }

    #[test]
    fn stems_match_the_builder() {
        assert_eq!(stem("studies"), "study");
        assert_eq!(stem("reading"), "read");
        assert_eq!(stem("watched"), "watch");
        assert_eq!(stem("boxes"), "box");
        assert_eq!(stem("books"), "book");
        assert_eq!(stem("glass"), "glass");
        assert_eq!(stem("teacher's"), "teacher");
    }

    #[test]
    fn stop_words_and_contractions_are_skipped() {
        assert!(LEXICON.english("It isn't there, is it? Don't!").is_empty());
    }

    #[test]
    fn the_true_translation_scores_above_its_neighbour() {
        let a = (
            "My sister bought a new car yesterday.",
            "我姐姐昨天买了一辆新车。",
        );
        let b = (
            "The teacher asked the students to open their books.",
            "老师让学生们打开他们的书。",
        );
        let (aa, bb) = (llr(a.0, a.1), llr(b.0, b.1));
        let (ab, ba) = (llr(a.0, b.1), llr(b.0, a.1));
        assert!(aa > 2.0 && bb > 2.0, "true pairs: {aa} {bb}");
        assert!(ab < 0.0 && ba < 0.0, "crossed pairs: {ab} {ba}");
    }

    #[test]
    fn no_information_is_zero() {
        assert_eq!(llr("Xylophones zigzag.", "木琴。"), 0.0);
        assert_eq!(llr("My sister bought a car.", ""), 0.0);
        assert_eq!(llr("", "我姐姐买了车。"), 0.0);
    }
}
