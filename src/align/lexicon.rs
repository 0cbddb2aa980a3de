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
use crate::text::{FnvBuild, ascii_letters_end, bmp_code_at, sort_dedup_tail, utf8_width};
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

/// What [`Lexicon::chinese_into`] needs of one Han character.
#[derive(Debug, Clone, Copy)]
struct HanEntry {
    /// Bit `second % 64` of each second character of its two-character features. Most pairs of
    /// neighbours begin no feature, and this word says so before the group is searched (the
    /// searches were a third of the Chinese extraction).
    seconds: u64,
    /// The id of its one-character feature, or `NO_FEATURE`.
    unigram: u32,
    /// Where its two-character features start in `bigram` (the next entry's start ends them).
    bigram_start: u32,
}

/// The parsed association table.
#[derive(Debug)]
pub struct Lexicon {
    /// Stop-words ([`STOP`]) and table words (their entry index), in one map: a word of an
    /// English line is looked up once or twice, not four times.
    vocab: HashMap<&'static [u8], u32, FnvBuild>,
    /// Every apostrophe-free word of at most [`SURFACE_BYTES`] bytes that
    /// [`Lexicon::word_id`] gives an id, packed ([`pack_word`]) → that id: the inflected forms
    /// of the table words ("teachers" → teacher). Other such words have no id, so a line's
    /// words cost one probe of integer keys each instead of up to two string probes and a stem
    /// (built by running `word_id` itself over the few forms that can stem to a table word).
    surface: HashMap<u128, u32, PackedBuild>,
    entries: Vec<Entry>,
    /// Per Han character (code point − `HAN_START`), plus one entry that ends the last group:
    /// its features' entry points ([`HanEntry`]). One table, not three: every Han character of
    /// every Chinese line is looked up, and one entry is one cache line read.
    han: Vec<HanEntry>,
    /// Two-character features as (second character, id), grouped by first character and sorted
    /// by second within a group (features are numbered in key order), so a lookup is a binary
    /// search: the commonest characters (的, 我) begin dozens of features.
    bigram: Vec<(u32, u32)>,
    /// `hit_evidence(entry, n)` for `n < HIT_TABLE_HAN`, at `n * entries.len() + entry`: the
    /// entries of one Han count side by side, so the pairs of a file, whose counts are a few
    /// dozen values, keep a few rows of the table in cache rather than all of it.
    hit_table: Vec<f64>,
    /// How many features there are (ids are `0..feature_count`).
    feature_count: usize,
}

/// [`Lexicon::llr`] keeps the Chinese features as an exact bit set when the table has at most
/// this many (the shipped one has about 2,400).
const FEATURE_SET_BITS: usize = 4096;

/// ln(P(hit | translation) / P(hit | unrelated)) of a word with table values `p` and `lambda`
/// against `han` Han characters of Chinese.
fn hit_evidence(p: f64, lambda: f64, han: f64) -> f64 {
    let q = (-(-lambda * han).exp_m1()).max(1e-6);
    ((p + (1.0 - p) * q) / q).ln()
}

const HAN_START: u32 = 0x3400;
/// A stop-word's value in [`Lexicon`]'s `vocab` (stop-words win over table words).
const STOP: u32 = u32::MAX;

/// Marks a character with no one-character feature ([`HanEntry::unigram`]).
const NO_FEATURE: u32 = u32::MAX;
const HAN_END: u32 = 0xA000;

fn is_han(c: char) -> bool {
    is_han_code(u32::from(c))
}

/// [`is_han`] of a code point.
fn is_han_code(c: u32) -> bool {
    matches!(c, 0x3400..=0x4DBF | 0x4E00..=0x9FFF)
}

/// Key of a one- or two-character feature (`b` = 0 for a single character).
fn key(a: char, b: Option<char>) -> u64 {
    (u64::from(u32::from(a)) << 32) | u64::from(b.map_or(0, u32::from))
}

/// The built-in table, parsed on first use.
pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::parse(ZH_EN_LEXICON));

/// [`stem_bytes`] of a string, as a string.
#[cfg(test)]
fn stem(word: &str) -> String {
    let mut out = [0u8; MAX_WORD];
    String::from_utf8_lossy(stem_bytes(word.as_bytes(), &mut out)).into_owned()
}

/// Longest lower-cased English word [`Lexicon::english_into`] looks up (a test checks every
/// table word and stop-word is shorter).
const MAX_WORD: usize = 48;

/// Longest word [`Lexicon::surface`] holds: sixteen bytes pack into a `u128`.
const SURFACE_BYTES: usize = 16;

/// Bit 5 of every byte: set, it lower-cases an ASCII letter.
const LOWER_CASE_BITS: u128 = 0x2020_2020_2020_2020_2020_2020_2020_2020;

/// A word of at most [`SURFACE_BYTES`] non-NUL bytes as one integer (bytes in order, zero
/// padded, so two words pack alike only when they are equal); `None` when it is longer.
fn pack_word(word: &[u8]) -> Option<u128> {
    if word.len() > SURFACE_BYTES {
        return None;
    }
    let mut bytes = [0u8; SURFACE_BYTES];
    bytes[..word.len()].copy_from_slice(word);
    Some(u128::from_le_bytes(bytes))
}

/// Hashes a packed word ([`pack_word`]) with one multiply: the keys of [`Lexicon::surface`] are
/// looked up for every English word of every line, and FNV would take sixteen steps.
#[derive(Default)]
struct PackedHasher(u64);

impl std::hash::Hasher for PackedHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u128(&mut self, key: u128) {
        let mixed = (key as u64 ^ (key >> 64) as u64 ^ self.0).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = mixed ^ (mixed >> 29);
    }
}

/// `HashMap` hasher builder for [`PackedHasher`].
type PackedBuild = std::hash::BuildHasherDefault<PackedHasher>;

/// The builder's suffix stripping (`stem` in `scripts/build_lexicon.py`) of an ASCII word at
/// most [`MAX_WORD`] bytes long, into `out`; returns the stem. It need not be linguistic, only
/// identical on both sides.
fn stem_bytes<'o>(word: &[u8], out: &'o mut [u8; MAX_WORD]) -> &'o [u8] {
    let w = word.strip_suffix(b"'s").unwrap_or(word);
    let mut n = 0;
    for (slot, &c) in out.iter_mut().zip(w.iter().filter(|&&c| c != b'\'')) {
        *slot = c;
        n += 1;
    }
    let ends = |s: &[u8]| out[..n].ends_with(s);
    let (cut, add): (usize, &[u8]) = if n > 4 && ends(b"ies") {
        (3, b"y")
    } else if n > 5 && ends(b"ing") {
        (3, b"")
    } else if (n > 4 && ends(b"ed"))
        || (n > 3 && ends(b"es") && matches!(out[n - 3], b's' | b'x' | b'z'))
    {
        (2, b"")
    } else if n > 3 && ends(b"s") && !(ends(b"ss") || ends(b"us") || ends(b"is")) {
        (1, b"")
    } else {
        (0, b"")
    };
    n -= cut;
    out[n..n + add.len()].copy_from_slice(add);
    &out[..n + add.len()]
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
        let mut han = Vec::with_capacity(chars + 1);
        let mut bigram = Vec::new();
        for (list, unigram) in per_first.into_iter().zip(unigram) {
            han.push(HanEntry {
                seconds: list
                    .iter()
                    .fold(0u64, |bits, &(second, _)| bits | 1 << (second % 64)),
                unigram,
                bigram_start: bigram.len() as u32,
            });
            bigram.extend(list);
        }
        han.push(HanEntry {
            seconds: 0,
            unigram: NO_FEATURE,
            bigram_start: bigram.len() as u32,
        });
        let mut vocab: HashMap<&'static [u8], u32, FnvBuild> = HashMap::default();
        let mut entries = Vec::new();
        for (word, p, lambda, keys) in raw {
            let mut ids: Vec<u32> = keys
                .iter()
                .filter_map(|k| features.binary_search(k).ok())
                .map(|i| i as u32)
                .collect();
            ids.sort_unstable();
            vocab.insert(word.as_bytes(), entries.len() as u32);
            entries.push(Entry {
                p,
                lambda,
                features: ids,
                ln_miss: (1.0 - p).ln(),
            });
        }
        for w in stop {
            vocab.insert(w.as_bytes(), STOP);
        }
        let mut lexicon = Lexicon {
            vocab,
            surface: HashMap::default(),
            entries,
            han,
            bigram,
            hit_table: Vec::new(),
            feature_count: features.len(),
        };
        lexicon.surface = lexicon.surface_forms();
        lexicon.hit_table = (0..HIT_TABLE_HAN)
            .flat_map(|n| {
                let entries = &lexicon.entries;
                entries
                    .iter()
                    .map(move |e| hit_evidence(e.p, e.lambda, n as f64))
            })
            .collect();
        lexicon
    }

    /// The map [`Lexicon::surface`] holds. Each stemming rule strips one fixed suffix (and
    /// `ies` becomes `y`), so the words that can stem to a table word `w` are `w`, `ws`, `wes`,
    /// `wed`, `wing` and, for `w` ending in `y`, `w` with `ies` for the `y`. Each candidate gets
    /// the id `word_id` gives it, so the map agrees with it by construction.
    fn surface_forms(&self) -> HashMap<u128, u32, PackedBuild> {
        let mut map = HashMap::default();
        for (&word, &id) in &self.vocab {
            if id == STOP {
                continue;
            }
            let mut forms: Vec<Vec<u8>> = ["", "s", "es", "ed", "ing"]
                .iter()
                .map(|suffix| [word, suffix.as_bytes()].concat())
                .collect();
            if let Some(stem) = word.strip_suffix(b"y") {
                forms.push([stem, b"ies"].concat());
            }
            for form in forms {
                if let (Some(key), Some(id)) = (pack_word(&form), self.word_id(&form, form.len())) {
                    map.insert(key, id);
                }
            }
        }
        map
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
    ///
    /// Words are lower-cased into a buffer on the stack: no table word is near
    /// [`MAX_WORD`] bytes long, so a longer word can be neither a table word nor a stop-word
    /// and is skipped without a lookup.
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
        let mut i = 0;
        while i < b.len() {
            let (c, w) = at(i);
            if !c.is_ascii_lowercase() {
                i += w;
                continue;
            }
            let start = i;
            i = ascii_letters_end(b, i);
            let first_end = i - start;
            if i < b.len() {
                let (c, w) = at(i);
                if c == b'\'' && b.get(i + w).is_some_and(u8::is_ascii_alphabetic) {
                    i = ascii_letters_end(b, i + w);
                }
            }
            let id = if i - start == first_end && first_end <= SURFACE_BYTES {
                // Letters only: packed straight from the text, lower-cased by setting bit 5 of
                // every byte (the per-byte packing was most of this function).
                let mut bytes = [0u8; SURFACE_BYTES];
                match b.get(start..start + SURFACE_BYTES) {
                    Some(sixteen) => bytes.copy_from_slice(sixteen),
                    None => bytes[..b.len() - start].copy_from_slice(&b[start..]),
                }
                let mask = u128::MAX >> (8 * (SURFACE_BYTES - first_end));
                let key = (u128::from_le_bytes(bytes) | LOWER_CASE_BITS) & mask;
                self.surface.get(&key).copied()
            } else {
                // Letters and one apostrophe (perhaps typographic, three bytes), lower-cased.
                let mut word = [0u8; MAX_WORD];
                let mut n = 0;
                let mut k = start;
                while k < i && n < MAX_WORD {
                    let (c, w) = at(k);
                    word[n] = c;
                    n += 1;
                    k += w;
                }
                // A word longer than any table word has no id.
                (k == i)
                    .then(|| self.word_id(&word[..n], first_end))
                    .flatten()
            };
            if let Some(id) = id {
                out.push(id);
            }
        }
        sort_dedup_tail(out, base);
    }

    /// The table id of one lower-cased word (`first_end`: where its part before an apostrophe
    /// ends, its length when it has none): `None` for stop-words, contractions of stop-words
    /// ("isn't") and words whose stem is not in the table.
    fn word_id(&self, w: &[u8], first_end: usize) -> Option<u32> {
        let whole = self.vocab.get(w).copied();
        if whole == Some(STOP)
            || (first_end < w.len() && self.vocab.get(&w[..first_end]) == Some(&STOP))
        {
            return None;
        }
        let mut stemmed = [0u8; MAX_WORD];
        let s = stem_bytes(w, &mut stemmed);
        if s.len() < 2 {
            return None;
        }
        let id = if s == w {
            whole
        } else {
            self.vocab.get(s).copied()
        };
        id.filter(|&id| id != STOP)
    }

    /// The table's features present in a Chinese text (ids in text order, repeats kept) and its
    /// Han character count.
    pub fn chinese(&self, text: &str) -> (Vec<u32>, u32) {
        let mut out = Vec::new();
        let han = self.chinese_into(text, &mut out);
        (out, han)
    }

    /// [`Lexicon::chinese`] appended to `out`; returns the Han character count.
    ///
    /// The ids are left unsorted: [`Lexicon::llr`] only asks whether a feature is present, a
    /// scan of a line's dozen ids answers that as fast as a binary search, and sorting every
    /// line was a tenth of the extraction. Han characters are three-byte UTF-8 sequences, so
    /// the text is walked by bytes (lead bytes E3..=E9 cover U+3000..U+9FFF).
    pub fn chinese_into(&self, text: &str, out: &mut Vec<u32>) -> u32 {
        let b = text.as_bytes();
        let mut han = 0u32;
        // Table index of the previous character when it was Han.
        let mut prev: Option<usize> = None;
        let mut i = 0;
        while i < b.len() {
            let lead = b[i];
            if !(0xE3..=0xE9).contains(&lead) {
                prev = None;
                i += utf8_width(lead);
                continue;
            }
            // A valid `str`: a lead byte E3..=E9 starts a three-byte sequence.
            let c = bmp_code_at(b, i);
            i += 3;
            if !is_han_code(c) {
                prev = None;
                continue;
            }
            han += 1;
            let at = (c - HAN_START) as usize;
            let Some(entry) = self.han.get(at) else {
                prev = None;
                continue;
            };
            if entry.unigram != NO_FEATURE {
                out.push(entry.unigram);
            }
            // The previous character's entry was read on the last step: it is in the cache.
            if let Some(p) = prev
                && self.han[p].seconds >> (c % 64) & 1 == 1
            {
                let group = self.bigram_group(p);
                if let Ok(k) = group.binary_search_by_key(&c, |&(second, _)| second) {
                    out.push(group[k].1);
                }
            }
            prev = Some(at);
        }
        han
    }

    /// The two-character features that begin with Han character `at` (table index), as
    /// (second character, id) sorted by second; empty past the table.
    fn bigram_group(&self, at: usize) -> &[(u32, u32)] {
        match self.han.get(at..at + 2) {
            Some([this, next]) => self
                .bigram
                .get(this.bigram_start as usize..next.bigram_start as usize)
                .unwrap_or(&[]),
            _ => &[],
        }
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
        if self.feature_count <= FEATURE_SET_BITS {
            // The Chinese features as an exact set on the stack: one bit per feature of the
            // table (a few thousand), so a word's features are tested without scanning lines.
            let mut set = [0u64; FEATURE_SET_BITS / 64];
            for &f in zh.iter().flat_map(|z| z.iter()) {
                if let Some(word) = set.get_mut(f as usize / 64) {
                    *word |= 1 << (f % 64);
                }
            }
            let present = |f: u32| {
                set.get(f as usize / 64)
                    .is_some_and(|w| w >> (f % 64) & 1 == 1)
            };
            return self.llr_given(en, han, present);
        }
        self.llr_scanning(en, zh, han)
    }

    /// [`Lexicon::llr`] for a bigger table: a 256-bit filter of the Chinese features (bit
    /// `id mod 256`), then a scan of the lines when it passes.
    fn llr_scanning(&self, en: &[&[u32]], zh: &[&[u32]], han: u32) -> f64 {
        if han == 0 {
            return 0.0;
        }
        let mut filter = [0u64; 4];
        for &f in zh.iter().flat_map(|z| z.iter()) {
            filter[(f as usize >> 6) & 3] |= 1 << (f & 63);
        }
        let present = |f: u32| {
            filter[(f as usize >> 6) & 3] & (1 << (f & 63)) != 0
                && zh.iter().any(|z| z.contains(&f))
        };
        self.llr_given(en, han, present)
    }

    /// How many of the English words `en` (one line's ids) the lexicon knows, and how many of
    /// those have one of their usual translations among the Chinese features `zh`: the share
    /// of the original a translation covers, which the likelihood ratio does not show (two hits
    /// in a short line outweigh many misses).
    pub fn coverage(&self, en: &[u32], zh: &[u32]) -> (usize, usize) {
        en.iter()
            .filter_map(|&w| self.entries.get(w as usize))
            .fold((0, 0), |(hits, known), e| {
                let hit = e.features.iter().any(|f| zh.contains(f));
                (hits + usize::from(hit), known + 1)
            })
    }

    /// [`Lexicon::llr`] with the Chinese side given as `present(feature)`.
    #[inline(always)]
    fn llr_given(&self, en: &[&[u32]], han: u32, present: impl Fn(u32) -> bool) -> f64 {
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
                let hit = e.features.iter().any(|&f| present(f));
                total += if !hit {
                    e.ln_miss
                } else if (han as usize) < HIT_TABLE_HAN {
                    self.hit_table[han as usize * self.entries.len() + w as usize]
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
    fn the_feature_set_scores_as_the_scan_does() {
        let lx = &*LEXICON;
        assert!(
            lx.feature_count <= FEATURE_SET_BITS,
            "the shipped table uses the set"
        );
        let en = [
            "The teacher bought three new books for the students.",
            "My sister moved the tables before the storm.",
            "Why did nobody complain about the noise at night?",
        ]
        .map(|t| lx.english(t));
        let zh = [
            "老师给学生们买了三本新书。",
            "暴风雨来之前我姐姐挪了桌子。",
            "晚上的噪音为什么没人抱怨？",
        ]
        .map(|t| lx.chinese(t));
        for i in 0..3 {
            for j in 0..3 {
                let (e, z) = (
                    [&en[i][..], &en[(i + 1) % 3][..]],
                    [&zh[j].0[..], &zh[(j + 2) % 3].0[..]],
                );
                for (ne, nz) in [(1, 1), (2, 1), (1, 2), (2, 2)] {
                    let han = zh[j].1 + if nz == 2 { zh[(j + 2) % 3].1 } else { 0 };
                    let (a, b) = (
                        lx.llr(&e[..ne], &z[..nz], han),
                        lx.llr_scanning(&e[..ne], &z[..nz], han),
                    );
                    assert_eq!(a.to_bits(), b.to_bits(), "{i} {j} {ne} {nz}");
                }
            }
        }
    }

    #[test]
    fn table_loads() {
        assert!(LEXICON.len() > 500);
        assert!(
            LEXICON
                .vocab
                .get(b"teacher".as_slice())
                .is_some_and(|&id| id != STOP)
        );
        assert_eq!(LEXICON.vocab.get(b"the".as_slice()), Some(&STOP));
        // Every table word and stop-word fits the tokeniser's buffer, with room for a suffix.
        assert!(LEXICON.vocab.keys().all(|w| w.len() + 5 < MAX_WORD));
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
        // The typographic apostrophe is an apostrophe.
        assert!(
            LEXICON
                .english("It isn\u{2019}t there. Don\u{2019}t!")
                .is_empty()
        );
    }

    #[test]
    fn the_surface_map_agrees_with_the_word_lookup() {
        let lx = &*LEXICON;
        let mut words: Vec<Vec<u8>> = crate::data::COMMON_ENGLISH
            .iter()
            .map(|w| w.to_ascii_lowercase().into_bytes())
            .collect();
        words.extend(lx.vocab.keys().map(|w| w.to_vec()));
        let inflected: Vec<Vec<u8>> = words
            .iter()
            .flat_map(|w| {
                ["s", "es", "ed", "ing", "ies", "y", "ss"]
                    .map(|x| [w.as_slice(), x.as_bytes()].concat())
            })
            .collect();
        words.extend(inflected);
        let mut with_id = 0;
        for w in words
            .iter()
            .filter(|w| w.iter().all(u8::is_ascii_lowercase))
        {
            let Some(key) = pack_word(w) else { continue };
            let slow = lx.word_id(w, w.len());
            assert_eq!(
                lx.surface.get(&key).copied(),
                slow,
                "{}",
                String::from_utf8_lossy(w)
            );
            with_id += usize::from(slow.is_some());
        }
        assert!(with_id > lx.len(), "{with_id}");
        assert_eq!(pack_word(b"abcdefghijklmnopq"), None);
        assert_ne!(pack_word(b"ab"), pack_word(b"ba"));
    }

    #[test]
    fn words_are_found_in_any_case_and_form() {
        let teacher = LEXICON.english("teacher");
        assert_eq!(teacher.len(), 1);
        for text in ["TEACHERS", "the Teacher's", "a teacher\u{2019}s"] {
            assert_eq!(LEXICON.english(text), teacher, "{text}");
        }
        // A word longer than any table word is skipped, and the words around it are kept.
        // Words packed while read find what the word lookup finds, at every length around the
        // packed limit.
        let text = "The teachers' responsibilities (16 letters) and internationalization; \
            bought cars, studies, boxes, Books, quickly-moving trains";
        let mut by_words: Vec<u32> = text
            .split(|c: char| !c.is_ascii_alphabetic() && c != '\'')
            .filter_map(|w| {
                let w = w.trim_matches('\'').to_ascii_lowercase();
                LEXICON.word_id(w.as_bytes(), w.find('\'').unwrap_or(w.len()))
            })
            .collect();
        by_words.sort_unstable();
        by_words.dedup();
        assert!(by_words.len() >= 6, "{by_words:?}");
        assert_eq!(LEXICON.english(text), by_words);
        let long = format!("teacher {} teacher", "x".repeat(MAX_WORD + 7));
        assert_eq!(LEXICON.english(&long), teacher);
        assert!(LEXICON.english(&"teacher".repeat(9)).is_empty());
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

    /// The char-by-char definition [`Lexicon::chinese_into`] walks bytes for: each Han
    /// character's own feature, then the feature of it with the Han character before it.
    fn features_by_chars(lx: &Lexicon, text: &str) -> (Vec<u32>, u32) {
        let (mut out, mut han, mut prev) = (Vec::new(), 0, None::<char>);
        for c in text.chars() {
            if !is_han(c) {
                prev = None;
                continue;
            }
            han += 1;
            let at = (u32::from(c) - HAN_START) as usize;
            if lx.han[at].unigram != NO_FEATURE {
                out.push(lx.han[at].unigram);
            }
            if let Some(p) = prev {
                let at = (u32::from(p) - HAN_START) as usize;
                let group = lx.bigram_group(at);
                out.extend(group.iter().filter(|g| g.0 == u32::from(c)).map(|g| g.1));
            }
            prev = Some(c);
        }
        (out, han)
    }

    #[test]
    fn the_byte_walk_finds_what_the_char_walk_finds() {
        let lx = &*LEXICON;
        for at in 0..lx.han.len() {
            let seconds = lx.bigram_group(at);
            assert!(
                seconds.windows(2).all(|w| w[0].0 < w[1].0),
                "a group out of order"
            );
        }
        let texts = [
            "我姐姐昨天买了一辆新车。",
            "老师让学生们打开他们的书,好吗?",
            "Mixed 文本 with 的确 and 㐀 (U+3400), 〇 and ㄅ, é, 👩‍👩‍👧 的人",
            "全角：ＡＢＣ１２３。“引号”里的话",
            "",
            "no Han at all",
        ];
        let mut every_char: String = ('\u{3000}'..='\u{A000}').collect();
        every_char.push_str("的的我们在一个是不有");
        // Every two-character feature, and each first character before the seconds of the
        // other groups (which the per-character filter must turn away).
        let mut every_pair = String::new();
        for at in 0..lx.han.len() {
            let first = char::from_u32(HAN_START + at as u32).unwrap_or('的');
            for &(second, _) in lx.bigram_group(at) {
                every_pair.push(first);
                every_pair.push(char::from_u32(second).unwrap_or('的'));
                every_pair.push(char::from_u32(second ^ 1).unwrap_or('的'));
                every_pair.push('。');
            }
        }
        for text in texts
            .iter()
            .copied()
            .chain([every_char.as_str(), every_pair.as_str()])
        {
            assert_eq!(lx.chinese(text), features_by_chars(lx, text), "{text}");
        }
    }

    #[test]
    fn no_information_is_zero() {
        assert_eq!(llr("Xylophones zigzag.", "木琴。"), 0.0);
        assert_eq!(llr("My sister bought a car.", ""), 0.0);
        assert_eq!(llr("", "我姐姐买了车。"), 0.0);
    }
}
