//! Alignment: does each Chinese line really translate the English line beside it?
//!
//! `length` is a Gale & Church length model fitted per file, `dp` the alignment search (swap,
//! shift and split findings), `numbers` the number normaliser used as an anchor. [`analyse`]
//! runs them once per document; the alignment rules and `translint align` read the result.

pub mod dp;
pub mod length;
pub mod lexicon;
pub mod numbers;

use crate::data::ends_sentence;
use crate::model::{Document, Pair};
use crate::rules::terminal_punctuation_mismatch::{Ending, ending};
use dp::{Anchors, FindOptions, Finding};
use length::{LengthModel, chinese_length, english_length};
use lexicon::LEXICON;
use numbers::{NumberMention, chinese_numbers, compare, english_numbers};
use rayon::prelude::*;
use std::borrow::Cow;
use std::ops::Range;

/// What the alignment pass found in one document. Indices are pair indices (`doc.pairs`).
#[derive(Debug)]
pub struct Analysis {
    /// The length model fitted on this file.
    pub model: LengthModel,
    /// English length of each pair (0 where the side is missing).
    pub en_len: Vec<f64>,
    /// Chinese length of each pair (0 where the side is missing).
    pub zh_len: Vec<f64>,
    /// Swaps, shifts and splits, in file order.
    pub findings: Vec<Finding>,
    /// For each finding, whether an anchor (a number, a Latin name, a question mark or the
    /// lexicon's word translations) confirms the repair, not
    /// length alone: only confirmed repairs are offered as fixes.
    pub confirmed: Vec<bool>,
    /// Per pair, whether a swap or shift covers it: `in_finding` is asked for every pair, and
    /// scanning every finding each time was quadratic on big files.
    covered: Vec<bool>,
    /// Per pair, the lexicon's evidence (in nats) that the Chinese translates the English beside
    /// it: negative when the English words' usual translations are missing.
    pub lexical: Vec<f64>,
}

impl Analysis {
    /// δ of a pair under the file's model (how many standard deviations its Chinese length is
    /// from the expected one); `None` when a side is missing.
    pub fn delta(&self, k: usize) -> Option<f64> {
        let (e, z) = (self.en_len[k], self.zh_len[k]);
        (e > 0.0 && z > 0.0).then(|| self.model.delta(e, z))
    }

    /// True when pair `k` is covered by a swap or shift finding (which then explains its length).
    pub fn in_finding(&self, k: usize) -> bool {
        self.covered.get(k).copied().unwrap_or(false)
    }
}

/// Numbers, Latin names, sentence endings and lexicon words of each pair: the anchors that
/// confirm or contradict a pairing.
pub struct PairAnchors {
    /// How each side ends: questions translate into questions.
    en_endings: Vec<Ending>,
    zh_endings: Vec<Ending>,
    en_numbers: Vec<Vec<NumberMention>>,
    zh_numbers: Vec<Vec<NumberMention>>,
    /// Latin words as 64-bit hashes: a word list per pair for a million pairs was most of the
    /// pass's memory; comparing hashes answers the same "is this word on the other side".
    en_words: Vec<Vec<u64>>,
    zh_words: Vec<Vec<u64>>,
    /// Lexicon word ids of each English line ([`lexicon::Lexicon::english`]).
    en_lex: Vec<Vec<u32>>,
    /// Lexicon feature ids and Han character count of each Chinese line.
    zh_lex: Vec<(Vec<u32>, u32)>,
    /// The lexical score of each pair as given (asked for every pair, more than once).
    own_lex: Vec<f64>,
}

/// Latin words of two letters or more, lower-cased, as hashes, sorted and deduplicated.
fn latin_words(text: &str) -> Vec<u64> {
    use std::hash::{Hash, Hasher};
    let mut words: Vec<u64> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() >= 2 && w.bytes().any(|b| b.is_ascii_alphabetic()))
        .map(|w| {
            // Fixed keys: the same word hashes alike in every run and on every thread.
            let mut h = std::collections::hash_map::DefaultHasher::new();
            for b in w.bytes() {
                b.to_ascii_lowercase().hash(&mut h);
            }
            h.finish()
        })
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

impl PairAnchors {
    /// Extract the anchors of every pair once.
    pub fn new(doc: &Document) -> Self {
        let side = |p: &Pair, source: bool| {
            let seg = if source { p.source } else { p.target };
            seg.map_or("", |s| doc.text(&s))
        };
        let ending_of = |p: &Pair, source: bool| ending(side(p, source)).0;
        // Per pair and independent: extracted in parallel (number parsing is the costly part).
        let per_pair =
            |f: &(dyn Fn(&Pair) -> Vec<NumberMention> + Sync)| -> Vec<Vec<NumberMention>> {
                doc.pairs.par_iter().map(f).collect()
            };
        let words = |f: &(dyn Fn(&Pair) -> Vec<u64> + Sync)| -> Vec<Vec<u64>> {
            doc.pairs.par_iter().map(f).collect()
        };
        let en_lex = map_pairs(doc, &|p| LEXICON.english(side(p, true)));
        let zh_lex = map_pairs(doc, &|p| LEXICON.chinese(side(p, false)));
        let own_lex = (0..doc.pairs.len())
            .into_par_iter()
            .map(|k| LEXICON.llr(&en_lex[k..k + 1], &zh_lex[k..k + 1]))
            .collect();
        PairAnchors {
            en_endings: doc.pairs.iter().map(|p| ending_of(p, true)).collect(),
            zh_endings: doc.pairs.iter().map(|p| ending_of(p, false)).collect(),
            en_numbers: per_pair(&|p| english_numbers(side(p, true))),
            zh_numbers: per_pair(&|p| chinese_numbers(side(p, false))),
            en_words: words(&|p| latin_words(side(p, true))),
            zh_words: words(&|p| {
                let t = side(p, false);
                if t.is_ascii() {
                    Vec::new()
                } else {
                    latin_words(t)
                }
            }),
            en_lex,
            zh_lex,
            own_lex,
        }
    }
}

/// `f` over every pair, in order, in parallel. The engine computes the alignment before its
/// parallel pass over pairs (and `Context::alignment` isolates a late first use in a pool of its
/// own), so no pair job can be waiting on this computation.
fn map_pairs<T: Send>(doc: &Document, f: &(dyn Fn(&Pair) -> T + Sync)) -> Vec<T> {
    doc.pairs.par_iter().map(f).collect()
}

/// The number mentions of a run of pairs: borrowed for one pair, gathered for more.
fn gather(lists: &[Vec<NumberMention>]) -> Cow<'_, [NumberMention]> {
    match lists {
        [] => Cow::Borrowed(&[]),
        [one] => Cow::Borrowed(one.as_slice()),
        many => Cow::Owned(many.iter().flatten().cloned().collect()),
    }
}

impl Anchors for PairAnchors {
    fn score(&self, en: Range<usize>, zh: Range<usize>) -> f64 {
        let en = en.start.min(self.en_numbers.len())..en.end.min(self.en_numbers.len());
        let zh = zh.start.min(self.zh_numbers.len())..zh.end.min(self.zh_numbers.len());
        let mut score = 0.0;
        // Numbers: all strong ones matched is agreement; numbers on both sides and none
        // matched is a contradiction. The DP asks this for every cell it visits, mostly about
        // one pair per side: those are borrowed, not copied (allocation was a fifth of the run).
        let en_n = gather(&self.en_numbers[en.clone()]);
        let zh_n = gather(&self.zh_numbers[zh.clone()]);
        if !en_n.is_empty() || !zh_n.is_empty() {
            let strong_en = en_n.iter().filter(|m| m.strong).count();
            let strong_zh = zh_n.iter().filter(|m| m.strong).count();
            let diff = compare(&en_n, &zh_n);
            if strong_en + strong_zh > 0 {
                if diff.only_en.is_empty() && diff.only_zh.is_empty() {
                    score += 1.0;
                } else if diff.only_en.len() == strong_en
                    && diff.only_zh.len() == strong_zh
                    && strong_en > 0
                    && strong_zh > 0
                {
                    score -= 1.0;
                } else {
                    score -= 0.5;
                }
            }
        }
        // A question stays a question: agreement is weak evidence, a question against a
        // statement is strong evidence (compared on the last line of each side).
        if let (Some(e), Some(z)) = (
            en.end.checked_sub(1).and_then(|k| self.en_endings.get(k)),
            zh.end.checked_sub(1).and_then(|k| self.zh_endings.get(k)),
        ) {
            match (e, z) {
                (Ending::Question, Ending::Question) => score += 0.3,
                (Ending::Question, Ending::Statement) | (Ending::Statement, Ending::Question) => {
                    score -= 0.6
                }
                _ => {}
            }
        }
        // Words: the usual translations of the English words should be in the Chinese.
        let lexical = if en.len() == 1 && en == zh {
            self.own_lex[en.start] // the pairing as given: asked for every pair, so cached
        } else {
            LEXICON.llr(&self.en_lex[en.clone()], &self.zh_lex[zh.clone()])
        };
        score += LEXICAL_WEIGHT * lexical;
        // Latin words kept in the Chinese (names, brands) should be in the English.
        let zh_count: usize = self.zh_words[zh.clone()].iter().map(Vec::len).sum();
        if zh_count > 0 {
            let en_w = &self.en_words[en];
            let found = self.zh_words[zh]
                .iter()
                .flatten()
                .filter(|w| en_w.iter().any(|ws| ws.binary_search(w).is_ok()))
                .count();
            score += (found as f64 - 0.5 * (zh_count - found) as f64) / zh_count as f64;
        }
        score.clamp(-1.0, 1.0)
    }
}

/// Anchor-score units per nat of lexical evidence ([`lexicon::Lexicon::llr`]).
///
/// The LLR treats words as independent, so it overstates the evidence of a long sentence; 0.4
/// means 2.5 nats saturate the anchor score. Swept on the planted-swap evaluation
/// (`scripts/eval_align.py`, 57 planted swaps): crossed-pair recall 0.33 without the lexicon,
/// 0.77 at 0.1, 0.86 at 0.2, 0.93 at 0.4, 0.89 at 0.7 and 1.0, with no new false swap on
/// clean text at any of them.
pub const LEXICAL_WEIGHT: f64 = 0.4;

/// Minimum gain (−100·ln units) of a swap that only lengths support: e⁶ ≈ 400 times likelier,
/// calibrated on shuffled Tatoeba to keep false swaps near 0.03 % of clean positions.
pub const LENGTH_ONLY_SWAP_GAIN: f64 = 600.0;

/// Minimum gain of a swap that an anchor confirms (numbers, names or words follow the
/// crossing). 200 and 300 gave the same recall on the planted-swap evaluation, 400 lost 7 of
/// 57 swaps.
pub const ANCHORED_SWAP_GAIN: f64 = 300.0;

/// Pairs per independent stretch of the alignment search in a long file.
const SEARCH_CHUNK: usize = 20_000;

/// Anchors of a slice of the file, seen from the slice's own indices.
struct OffsetAnchors<'a> {
    inner: &'a PairAnchors,
    offset: usize,
}

impl Anchors for OffsetAnchors<'_> {
    fn score(&self, en: Range<usize>, zh: Range<usize>) -> f64 {
        let o = self.offset;
        self.inner
            .score(en.start + o..en.end + o, zh.start + o..zh.end + o)
    }
}

/// Where to cut a long file into independent stretches: near every [`SEARCH_CHUNK`] pairs, at a
/// pair whose neighbourhood (three pairs either side) fits the length model well and has both
/// sides, so no swap, shift or split can straddle the cut.
fn cut_points(en: &[f64], zh: &[f64], model: &LengthModel) -> Vec<usize> {
    let n = en.len();
    let calm = |k: usize| {
        (k.saturating_sub(3)..(k + 4).min(n))
            .all(|i| en[i] > 0.0 && zh[i] > 0.0 && model.delta(en[i], zh[i]).abs() < 1.5)
    };
    let mut cuts = vec![0];
    let mut at = SEARCH_CHUNK;
    while at + SEARCH_CHUNK / 2 < n {
        let limit = (at + SEARCH_CHUNK / 2).min(n);
        if let Some(k) = (at..limit).find(|&k| calm(k)) {
            cuts.push(k);
            at = k + SEARCH_CHUNK;
        } else {
            at = limit;
        }
    }
    cuts.push(n);
    cuts
}

/// The alignment search: one pass for a file of ordinary length; for a long file, independent
/// stretches cut at calm pairs and searched in parallel (the search is local, so the findings
/// are the same as one pass's, and both cores work).
fn search(
    en: &[f64],
    zh: &[f64],
    anchors: &PairAnchors,
    boundary: &(dyn Fn(usize) -> bool + Sync),
) -> (LengthModel, Vec<Finding>) {
    let run = |s: usize, e: usize| {
        let local = |k: usize| boundary(k + s);
        let opts = FindOptions {
            boundary: Some(&local),
            swap_threshold: ANCHORED_SWAP_GAIN,
            ..FindOptions::default()
        };
        let shifted = OffsetAnchors {
            inner: anchors,
            offset: s,
        };
        let (model, found) = dp::fit_and_find(&en[s..e], &zh[s..e], &shifted, &opts);
        (
            model,
            found.into_iter().map(|f| f.offset(s)).collect::<Vec<_>>(),
        )
    };
    if en.len() < 2 * SEARCH_CHUNK {
        return run(0, en.len());
    }
    let straight: Vec<(f64, f64)> = en.iter().copied().zip(zh.iter().copied()).collect();
    let model = LengthModel::fit(&straight);
    let cuts = cut_points(en, zh, &model);
    let findings = cuts
        .par_windows(2)
        .map(|w| run(w[0], w[1]).1)
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect();
    (model, findings)
}

/// Run the alignment pass over a document.
pub fn analyse(doc: &Document) -> Analysis {
    let en_len: Vec<f64> = map_pairs(doc, &|p| {
        p.source.map_or(0.0, |s| english_length(doc.text(&s)))
    });
    let zh_len: Vec<f64> = map_pairs(doc, &|p| {
        p.target.map_or(0.0, |s| chinese_length(doc.text(&s)))
    });
    let anchors = PairAnchors::new(doc);
    // Human subtitlers move content across cues inside one sentence; only a crossing across a
    // sentence boundary is a defect.
    // A boundary between pairs k and k+1: the English of k ends a sentence, or the Chinese of
    // k+1 does (in a crossing it is the translation of the English of k).
    let ends =
        |seg: Option<crate::model::Segment>| seg.is_some_and(|s| ends_sentence(doc.text(&s)));
    let boundary = |k: usize| {
        ends(doc.pairs.get(k).and_then(|p| p.source))
            || ends(doc.pairs.get(k + 1).and_then(|p| p.target))
    };
    let (model, mut findings) = search(&en_len, &zh_len, &anchors, &boundary);
    let confirmed: Vec<bool> = findings
        .iter()
        .map(|f| match *f {
            Finding::Swap { at, .. } => {
                let given = anchors.score(at..at + 1, at..at + 1)
                    + anchors.score(at + 1..at + 2, at + 1..at + 2);
                let crossed = anchors.score(at..at + 1, at + 1..at + 2)
                    + anchors.score(at + 1..at + 2, at..at + 1);
                crossed > given
            }
            Finding::Shift {
                ref repair,
                start,
                end,
                ..
            } => {
                let given: f64 = (start..end)
                    .map(|k| anchors.score(k..k + 1, k..k + 1))
                    .sum();
                let repaired: f64 = repair
                    .iter()
                    .map(|s| anchors.score(s.en.clone(), s.zh.clone()))
                    .sum();
                repaired > given
            }
            Finding::Split { .. } => false,
        })
        .collect();
    // A swap on length evidence alone must be overwhelming; one that an anchor confirms (the
    // numbers or names follow the crossed pairing) may be reported on less.
    let keep: Vec<bool> = findings
        .iter()
        .zip(&confirmed)
        .map(|(f, c)| match f {
            Finding::Swap { gain, .. } => *c || *gain >= LENGTH_ONLY_SWAP_GAIN,
            _ => true,
        })
        .collect();
    let confirmed: Vec<bool> = confirmed
        .into_iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(c, _)| c)
        .collect();
    let mut k = keep.iter();
    findings.retain(|_| k.next().copied().unwrap_or(true));
    let mut covered = vec![false; doc.pairs.len()];
    for f in &findings {
        let range = match f {
            Finding::Swap { at, .. } => *at..at + 2,
            Finding::Shift { start, end, .. } => *start..*end,
            Finding::Split { .. } => 0..0,
        };
        for k in range {
            if let Some(c) = covered.get_mut(k) {
                *c = true;
            }
        }
    }
    Analysis {
        model,
        en_len,
        zh_len,
        findings,
        confirmed,
        covered,
        lexical: anchors.own_lex,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_files_are_cut_only_at_calm_pairs() {
        let model = LengthModel::DEFAULT;
        let n = 3 * SEARCH_CHUNK;
        let mut en = vec![60.0; n];
        let mut zh: Vec<f64> = en.iter().map(|&e| model.c * e + 2.5).collect();
        // A rough stretch where the first cut would fall: the cut moves past it.
        zh[SEARCH_CHUNK - 2..SEARCH_CHUNK + 50].fill(3.0);
        en[2 * SEARCH_CHUNK + 100] = 0.0;
        let cuts = cut_points(&en, &zh, &model);
        assert_eq!(cuts.first(), Some(&0));
        assert_eq!(cuts.last(), Some(&n));
        for &c in &cuts[1..cuts.len() - 1] {
            for k in c.saturating_sub(3)..c + 4 {
                assert!(
                    zh[k] > 3.0 && en[k] > 0.0,
                    "cut {c} next to a rough pair {k}"
                );
            }
        }
        assert!(cuts.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn findings_move_with_their_slice() {
        let f = Finding::Shift {
            start: 2,
            end: 5,
            kind: dp::ShiftKind::Dropped,
            gain: 700.0,
            repair: vec![dp::Step {
                bead: dp::Bead::OneZero,
                en: 2..3,
                zh: 2..2,
                cost: 530.0,
            }],
        };
        let Finding::Shift {
            start, end, repair, ..
        } = f.offset(100)
        else {
            panic!("a shift")
        };
        assert_eq!((start, end), (102, 105));
        assert_eq!(
            (repair[0].en.clone(), repair[0].zh.clone()),
            (102..103, 102..102)
        );
        assert_eq!(Finding::Swap { at: 1, gain: 1.0 }.offset(10).start(), 11);
    }

    use super::*;
    use crate::parse::{ParseOptions, parse};

    /// Two adjacent pairs of similar length, no numbers or names, translations crossed: only
    /// the words tell them apart.
    const CROSSED: &str = "我们先在公园里散步,然后去咖啡馆喝茶。\n\
        The children are afraid of the dark, so they sleep with the light on.\n\
        孩子们怕黑,所以他们开着灯睡觉。\n\
        We walked in the park first, then had tea at a coffee shop.\n";

    fn anchors(text: &str) -> PairAnchors {
        let doc = parse("t.txt", text.to_string(), &ParseOptions::default());
        assert_eq!(doc.pairs.len(), 2);
        PairAnchors::new(&doc)
    }

    #[test]
    fn words_score_the_crossed_pairing_above_the_given_one() {
        let a = anchors(CROSSED);
        let given = a.score(0..1, 0..1) + a.score(1..2, 1..2);
        let crossed = a.score(0..1, 1..2) + a.score(1..2, 0..1);
        assert!(given < -1.0, "given pairing: {given}");
        assert!(crossed > 1.0, "crossed pairing: {crossed}");
    }

    #[test]
    fn a_word_crossing_is_found_and_confirmed() {
        let doc = parse("t.txt", CROSSED.to_string(), &ParseOptions::default());
        let an = analyse(&doc);
        assert!(
            matches!(an.findings[..], [Finding::Swap { at: 0, .. }]),
            "{:?}",
            an.findings
        );
        assert_eq!(an.confirmed, vec![true]);
    }
}
