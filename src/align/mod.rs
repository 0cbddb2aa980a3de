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
use crate::script::Script;
use crate::text::{
    FnvBuild, any_byte, ascii_alnum_runs, is_ascii_letter, lowercase_word_hash, sort_dedup_tail,
};
use dp::{Anchors, FindOptions, Finding};
use length::{LengthModel, chinese_length, english_length};
use lexicon::LEXICON;
use numbers::{NumberDiff, NumberMention, chinese_numbers_into, compare, english_numbers_into};
use rayon::prelude::*;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};

/// What the alignment pass found in one document. Indices are pair indices (`doc.pairs`).
#[derive(Debug)]
pub struct Analysis {
    /// The length model fitted on this file. A pair's lengths are [`pair_lengths`], computed
    /// again where needed rather than kept: two vectors of a million lengths were part of the
    /// run's peak memory, and counting a line's characters again is cheap.
    pub model: LengthModel,
    /// Swaps, shifts and splits, in file order.
    pub findings: Vec<Finding>,
    /// For each finding, whether an anchor (a number, a Latin name, a question mark or the
    /// lexicon's word translations) confirms the repair, not
    /// length alone: only confirmed repairs are offered as fixes.
    pub confirmed: Vec<bool>,
    /// Per pair, whether a swap or shift covers it: `in_finding` is asked for every pair, and
    /// scanning every finding each time was quadratic on big files.
    covered: Vec<bool>,
    /// Per pair, whether its numbers could disagree ([`numbers_may_differ`]).
    number_check: Vec<bool>,
    /// Per pair, |δ| rounded up to an `f32` (0 for a pair with a side of no length, which has
    /// no δ): lets `length-ratio-outlier` pass over the many pairs far inside its limit without
    /// counting their lengths again.
    abs_delta_bound: Vec<f32>,
}

impl Analysis {
    /// δ of a pair with these [`pair_lengths`] under the file's model (how many standard
    /// deviations its Chinese length is from the expected one); `None` when a side is missing.
    pub fn delta(&self, lengths: (f64, f64)) -> Option<f64> {
        Analysis::delta_of(&self.model, lengths)
    }

    /// [`Analysis::delta`] under `model`.
    fn delta_of(model: &LengthModel, (e, z): (f64, f64)) -> Option<f64> {
        (e > 0.0 && z > 0.0).then(|| model.delta(e, z))
    }

    /// False when pair `k`'s numbers certainly agree (or it has none), so `number-mismatch` need
    /// not extract them again: the alignment pass already did, for every pair.
    pub fn numbers_may_differ(&self, k: usize) -> bool {
        self.number_check.get(k).copied().unwrap_or(true)
    }

    /// True when pair `k` certainly has no δ beyond `limit` (|δ| ≤ `limit`, or no δ at all).
    pub fn delta_within(&self, k: usize, limit: f64) -> bool {
        self.abs_delta_bound
            .get(k)
            .is_some_and(|&bound| f64::from(bound) <= limit)
    }

    /// True when pair `k` is covered by a swap or shift finding (which then explains its length).
    pub fn in_finding(&self, k: usize) -> bool {
        self.covered.get(k).copied().unwrap_or(false)
    }
}

/// The English and Chinese lengths of a pair ([`english_length`], [`chinese_length`]; 0 for a
/// missing side): what the length model compares.
pub fn pair_lengths(doc: &Document, pair: &Pair) -> (f64, f64) {
    (
        pair.source.map_or(0.0, |s| english_length(doc.text(&s))),
        pair.target.map_or(0.0, |s| chinese_length(doc.text(&s))),
    )
}

/// How well the words of `zh` answer those of `en`, by the lexicon: asked by
/// `length-ratio-outlier` for the few pairs it suspects, so it is computed on demand rather
/// than kept for every pair, and both measures come from one extraction of the pair's words.
#[derive(Clone, Copy, Debug)]
pub struct LexicalMatch {
    /// Evidence in nats that `zh` translates `en` ([`lexicon::Lexicon::llr`]): negative when the
    /// English words' usual translations are missing.
    pub evidence: f64,
    /// The share of the English words the lexicon knows whose usual translations are in the
    /// Chinese ([`lexicon::Lexicon::coverage`]); `None` when it knows none of them.
    pub coverage: Option<f64>,
}

/// [`LexicalMatch`] of a pair's two texts.
pub fn lexical_match(en: &str, zh: &str) -> LexicalMatch {
    let (mut en_ids, mut zh_ids) = (Vec::new(), Vec::new());
    LEXICON.english_into(en, &mut en_ids);
    let han = LEXICON.chinese_into(zh, &mut zh_ids);
    let (hits, known) = LEXICON.coverage(&en_ids, &zh_ids);
    LexicalMatch {
        evidence: LEXICON.llr(&[&en_ids], &[&zh_ids], han),
        coverage: (known > 0).then(|| hits as f64 / known as f64),
    }
}

/// Whether a pair with these number mentions is reported by `number-mismatch` (before it asks
/// whether an alignment finding explains the pair): some strong number is unmatched, or two
/// small numbers contradict each other ([`numbers::small_numbers_contradict`]). Computed in the
/// alignment pass, which extracts every pair's numbers anyway, so the rule extracts them again
/// only for the pairs it reports.
pub fn numbers_may_differ(en: &[NumberMention], zh: &[NumberMention]) -> bool {
    if en.is_empty() && zh.is_empty() {
        return false;
    }
    differ_given(en, zh, &compare(en, zh))
}

/// [`numbers_may_differ`] for mentions already compared (`diff = compare(en, zh)`).
fn differ_given(en: &[NumberMention], zh: &[NumberMention], diff: &NumberDiff) -> bool {
    if !diff.is_empty() {
        return true;
    }
    let weak_on_both = en.iter().any(|m| !m.strong) && zh.iter().any(|m| !m.strong);
    weak_on_both && numbers::small_numbers_contradict(en, zh).is_some()
}

/// Per-pair lists stored end to end (the list of pair `k` is `items[starts[k]..starts[k + 1]]`):
/// a vector per pair and list kind was a dozen million allocations on a million pairs, and
/// freeing them a second of the run. Lists of consecutive pairs are one contiguous slice.
struct Flat<T> {
    items: Vec<T>,
    starts: Vec<usize>,
}

/// Pairs per parallel work item while extracting anchors.
const EXTRACT_CHUNK: usize = 4096;

impl<T> Default for Flat<T> {
    fn default() -> Self {
        Flat {
            items: Vec::new(),
            starts: Vec::new(),
        }
    }
}

impl<T: Send> Flat<T> {
    /// Replaces the lists with those of `pairs`, keeping the storage: `fill(pair, out)` appends
    /// pair's list to `out` and returns a value, collected in `values` in order. Pairs are
    /// visited in parallel chunks when `parallel`.
    fn refill<V: Send>(
        &mut self,
        pairs: &[Pair],
        parallel: bool,
        values: &mut Vec<V>,
        fill: &(dyn Fn(&Pair, &mut Vec<T>) -> V + Sync),
    ) {
        self.items.clear();
        self.starts.clear();
        values.clear();
        self.starts.reserve(pairs.len() + 1);
        values.reserve(pairs.len());
        self.starts.push(0);
        if !parallel {
            // One pass straight into the final lists: joining parallel parts copies every item
            // once more, into memory touched for the first time.
            for p in pairs {
                values.push(fill(p, &mut self.items));
                self.starts.push(self.items.len());
            }
            return;
        }
        type Part<T, V> = (Vec<T>, Vec<usize>, Vec<V>);
        let parts: Vec<Part<T, V>> = pairs
            .par_chunks(EXTRACT_CHUNK)
            .map(|chunk| {
                let mut items = Vec::new();
                let mut ends = Vec::with_capacity(chunk.len());
                let mut values = Vec::with_capacity(chunk.len());
                for p in chunk {
                    values.push(fill(p, &mut items));
                    ends.push(items.len());
                }
                (items, ends, values)
            })
            .collect();
        self.items.reserve(parts.iter().map(|p| p.0.len()).sum());
        for (part, ends, vals) in parts {
            let base = self.items.len();
            self.starts.extend(ends.into_iter().map(|e| base + e));
            self.items.extend(part);
            values.extend(vals);
        }
    }
}

impl<T> Flat<T> {
    /// The lists of pairs `r` (clamped to the pairs that exist), end to end.
    fn range(&self, r: Range<usize>) -> &[T] {
        let n = self.starts.len() - 1;
        let (a, b) = (r.start.min(n), r.end.min(n).max(r.start.min(n)));
        &self.items[self.starts[a]..self.starts[b]]
    }

    /// The list of pair `k`.
    fn get(&self, k: usize) -> &[T] {
        self.range(k..k + 1)
    }
}

/// Up to this many lines are scored without allocating (beads hold two at most).
const INLINE_LINES: usize = 4;

/// `f` over the per-line lists of pairs `r`.
fn with_lines<T, R>(flat: &Flat<T>, r: Range<usize>, f: impl FnOnce(&[&[T]]) -> R) -> R {
    if r.len() <= INLINE_LINES {
        let mut buf: [&[T]; INLINE_LINES] = [&[]; INLINE_LINES];
        for (slot, k) in buf.iter_mut().zip(r.clone()) {
            *slot = flat.get(k);
        }
        f(&buf[..r.len()])
    } else {
        let lines: Vec<&[T]> = r.map(|k| flat.get(k)).collect();
        f(&lines)
    }
}

/// Numbers, Latin names, sentence endings and lexicon words of each pair: the anchors that
/// confirm or contradict a pairing.
pub struct PairAnchors<'a> {
    /// The document and the run of pairs the anchors are of (the English Latin words are looked
    /// up in the text itself, see [`PairAnchors::english_has_word`]).
    doc: &'a Document,
    pairs: &'a [Pair],
    /// What was extracted.
    store: AnchorStore,
}

/// The extracted anchors of [`PairAnchors`]. A worker searching one stretch after another
/// refills the same store: a fresh one per stretch was memory touched for the first time, a
/// sixth of the search's time in page faults on a million pairs.
#[derive(Default)]
pub struct AnchorStore {
    /// How each side ends: questions translate into questions.
    en_endings: Vec<Ending>,
    zh_endings: Vec<Ending>,
    en_numbers: Flat<NumberMention>,
    zh_numbers: Flat<NumberMention>,
    /// Latin words of the Chinese as 64-bit hashes ([`latin_words`]): a word list per pair for a
    /// million pairs was most of the pass's memory; comparing hashes answers the same "is this
    /// word on the other side". The English side's words are not extracted: only a Chinese line
    /// with Latin words asks for them, and most have none.
    zh_words: Flat<u64>,
    /// The speaker label opening each side's line, hashed ([`speaker_hash`]; 0: none).
    en_speaker: Vec<u64>,
    zh_speaker: Vec<u64>,
    /// The English label each Chinese label stands for in this file ([`speaker_map`]).
    speakers: HashMap<u64, u64, FnvBuild>,
    /// Lexicon word ids of each English line ([`lexicon::Lexicon::english`]).
    en_lex: Flat<u32>,
    /// Lexicon feature ids of each Chinese line, and its Han character count.
    zh_lex: Flat<u32>,
    zh_han: Vec<u32>,
    /// The lexical evidence of each pair as given (part of its own score).
    own_lex: Vec<f64>,
    /// Per pair as given: [`numbers_may_differ`].
    number_check: Vec<bool>,
    /// The whole anchor score of each pair as given: the search asks it for every pair in each
    /// of its passes.
    own_score: Vec<f64>,
    /// The scores of each pair's English against the next pair's Chinese (`2k`) and the next
    /// pair's English against its Chinese (`2k + 1`), as `f64` bits, [`UNSCORED`] until first
    /// asked: the swap test asks them for many pairs, in both passes of the search.
    crossed: Vec<AtomicU64>,
}

impl AnchorStore {
    /// Whether the English of pair `en` and the Chinese of pair `zh` open with the labels of one
    /// speaker (`Some(true)`) or of two (`Some(false)`), by the file's label correspondence
    /// ([`speaker_map`]); `None` when a line has no label or its label's partner is not known.
    fn same_speaker(&self, en: usize, zh: usize) -> Option<bool> {
        let e = *self.en_speaker.get(en).filter(|&&e| e != 0)?;
        let want = *self.speakers.get(self.zh_speaker.get(zh)?)?;
        Some(want == e)
    }
}

/// Latin words of a bead's Chinese up to which [`PairAnchors::score_with`] looks each up by a
/// scan of the English.
const SCANNED_LATIN_WORDS: usize = 8;

/// Marks a crossed score not computed yet (a NaN no score can be: scores are clamped).
const UNSCORED: u64 = u64::MAX;

/// Latin words of two letters or more, lower-cased, as hashes (FNV-1a: fixed, so the same word
/// hashes alike on every thread), sorted and deduplicated, appended to `out`.
fn latin_words(text: &str, out: &mut Vec<u64>) {
    let base = out.len();
    for_each_latin_word(text, |h| out.push(h));
    sort_dedup_tail(out, base);
}

/// Calls `f` with the hash ([`lowercase_word_hash`]) of each Latin word of `text`, in order:
/// each maximal run of ASCII letters and digits, two bytes or longer, with a letter in it.
/// Found by bytes (a non-ASCII byte is never part of a word), so Chinese text costs one pass.
fn for_each_latin_word(text: &str, mut f: impl FnMut(u64)) {
    for word in ascii_alnum_runs(text) {
        if word.len() >= 2 && word.bytes().any(|c| c.is_ascii_alphabetic()) {
            f(lowercase_word_hash(word));
        }
    }
}

/// A line's speaker label (`Ming: `, `阿明：`, `Lily：`) as a hash of its name, lower-cased; 0
/// for a line without one.
fn speaker_hash(line: &str) -> u64 {
    // Most lines have no colon near their start, and are answered by that test alone.
    let body = crate::script::after_speaker_label(line);
    if body.len() == line.len() {
        return 0;
    }
    let name = line[..line.len() - body.len()]
        .trim_end()
        .trim_end_matches([':', '：'])
        .trim();
    lowercase_word_hash(name).max(1)
}

/// Least lines with both labels, and least share of them, for a Chinese label to be read as
/// standing for the English label it is most often paired with.
const SPEAKER_MIN_PAIRS: u32 = 3;
const SPEAKER_MIN_SHARE: f64 = 0.6;

/// Which English label each Chinese label stands for, read from the pairs as given (`阿明` is
/// "Ming"): a label the translator renders (`主持人` for "Host") is learned like one copied
/// (`Lily：` for "Lily:"), and a few crossed lines do not change the majority.
fn speaker_map(en: &[u64], zh: &[u64], out: &mut HashMap<u64, u64, FnvBuild>) {
    out.clear();
    let mut counts: HashMap<(u64, u64), u32, FnvBuild> = HashMap::default();
    let mut per_zh: HashMap<u64, u32, FnvBuild> = HashMap::default();
    for (&e, &z) in en.iter().zip(zh) {
        if e != 0 && z != 0 {
            *counts.entry((z, e)).or_default() += 1;
            *per_zh.entry(z).or_default() += 1;
        }
    }
    for ((z, e), c) in counts {
        let total = per_zh.get(&z).copied().unwrap_or(0);
        if c >= SPEAKER_MIN_PAIRS && f64::from(c) >= SPEAKER_MIN_SHARE * f64::from(total) {
            out.insert(z, e);
        }
    }
}

/// Anchor units a question translated as a question adds to a pairing, and a question against a
/// statement takes away: agreement is weak evidence, a mismatch strong.
const QUESTION_AGREEMENT: f64 = 0.3;
const QUESTION_CONTRADICTION: f64 = 0.6;

/// Anchor units a pairing loses when its lines' labels name two speakers: two people's lines
/// are never one translation. Labels that agree add nothing: one speaker's consecutive lines
/// agree under any pairing, and the bonus lifted the scores of a split sentence's lines to
/// where a crossing of its two halves looked as likely.
const SPEAKER_CONTRADICTION: f64 = 1.0;

impl<'a> PairAnchors<'a> {
    /// Extract the anchors of every pair once.
    pub fn new(doc: &'a Document) -> Self {
        PairAnchors::of(doc, &doc.pairs, true)
    }

    /// Whether the English of pair `k` has the Latin word hashed `w` ([`latin_words`]).
    fn english_has_word(&self, k: usize, w: u64) -> bool {
        let Some(en) = self.pairs.get(k).and_then(|p| p.source) else {
            return false;
        };
        let mut found = false;
        for_each_latin_word(self.doc.text(&en), |h| found |= h == w);
        found
    }

    /// The anchors of a run of `pairs` of `doc`, indexed from 0: the search extracts them one
    /// stretch at a time, so a million pairs' anchors are never all in memory. `parallel`:
    /// extract on all cores (false when the stretches themselves are shared among the cores).
    pub fn of(doc: &'a Document, pairs: &'a [Pair], parallel: bool) -> Self {
        PairAnchors::of_in(doc, pairs, parallel, AnchorStore::default())
    }

    /// [`PairAnchors::of`], extracted into `store`'s memory.
    pub fn of_in(
        doc: &'a Document,
        pairs: &'a [Pair],
        parallel: bool,
        mut store: AnchorStore,
    ) -> Self {
        let n = pairs.len();
        let side = |p: &Pair, source: bool| {
            let seg = if source { p.source } else { p.target };
            seg.map_or("", |s| doc.text(&s))
        };
        let ending_of = |p: &Pair, source: bool| ending(side(p, source)).0;
        let s = &mut store;
        s.en_lex
            .refill(pairs, parallel, &mut Vec::new(), &|p, out| {
                LEXICON.english_into(side(p, true), out)
            });
        s.zh_lex.refill(pairs, parallel, &mut s.zh_han, &|p, out| {
            LEXICON.chinese_into(side(p, false), out)
        });
        let (en_lex, zh_lex, zh_han) = (&s.en_lex, &s.zh_lex, &s.zh_han);
        fill_indices(&mut s.own_lex, n, parallel, &|k| {
            LEXICON.llr(&[en_lex.get(k)], &[zh_lex.get(k)], zh_han[k])
        });
        fill_indices(&mut s.en_endings, n, parallel, &|k| {
            ending_of(&pairs[k], true)
        });
        fill_indices(&mut s.zh_endings, n, parallel, &|k| {
            ending_of(&pairs[k], false)
        });
        s.en_numbers
            .refill(pairs, parallel, &mut Vec::new(), &|p, out| {
                english_numbers_into(side(p, true), out)
            });
        s.zh_numbers
            .refill(pairs, parallel, &mut Vec::new(), &|p, out| {
                chinese_numbers_into(side(p, false), out)
            });
        s.zh_words
            .refill(pairs, parallel, &mut Vec::new(), &|p, out| {
                // A word has an ASCII letter: most Chinese lines have none.
                let t = side(p, false);
                if !t.is_ascii() && any_byte(t.as_bytes(), is_ascii_letter) {
                    latin_words(t, out)
                }
            });
        fill_indices(&mut s.en_speaker, n, parallel, &|k| {
            speaker_hash(side(&pairs[k], true))
        });
        fill_indices(&mut s.zh_speaker, n, parallel, &|k| {
            speaker_hash(side(&pairs[k], false))
        });
        speaker_map(&s.en_speaker, &s.zh_speaker, &mut s.speakers);
        s.crossed.clear();
        s.crossed.resize_with(2 * n, || AtomicU64::new(UNSCORED));
        let mut own_score = std::mem::take(&mut s.own_score);
        let mut number_check = std::mem::take(&mut s.number_check);
        let mut anchors = PairAnchors { doc, pairs, store };
        // Each pair as given: its score, and its number check from the same comparison.
        let own = |k: usize| {
            let mut differ = false;
            let score = anchors.score_with(
                k..k + 1,
                k..k + 1,
                Some(anchors.store.own_lex[k]),
                Some(&mut differ),
            );
            (score, differ)
        };
        own_score.clear();
        number_check.clear();
        if parallel {
            let both: Vec<(f64, bool)> = (0..n).into_par_iter().map(own).collect();
            (own_score, number_check) = both.into_iter().unzip();
        } else {
            for (score, differ) in (0..n).map(own) {
                own_score.push(score);
                number_check.push(differ);
            }
        }
        anchors.store.own_score = own_score;
        anchors.store.number_check = number_check;
        anchors
    }

    /// How many of the Latin word hashes `zh_w` the English of pairs `en` has. Up to `scan_up_to`
    /// words are each looked up by a scan of the English; more, and the English words are
    /// sorted once and searched (a scan per word was quadratic in a long line).
    fn latin_words_found(&self, en: Range<usize>, zh_w: &[u64], scan_up_to: usize) -> usize {
        if zh_w.len() <= scan_up_to {
            return zh_w
                .iter()
                .filter(|w| en.clone().any(|k| self.english_has_word(k, **w)))
                .count();
        }
        let mut english = Vec::new();
        for k in en {
            if let Some(s) = self.pairs.get(k).and_then(|p| p.source) {
                for_each_latin_word(self.doc.text(&s), |h| english.push(h));
            }
        }
        english.sort_unstable();
        zh_w.iter()
            .filter(|w| english.binary_search(w).is_ok())
            .count()
    }

    /// Whether the English of pair `en` and the Chinese of pair `zh` open with the labels of two
    /// different speakers, by this file's label correspondence ([`speaker_map`]).
    fn speakers_differ(&self, en: usize, zh: usize) -> bool {
        self.store.same_speaker(en, zh) == Some(false)
    }

    /// The store, for the next stretch ([`PairAnchors::of_in`]).
    pub fn into_store(self) -> AnchorStore {
        self.store
    }

    /// The numbers' part of [`Anchors::score`] for English pairs `en` against Chinese pairs
    /// `zh`: +1 when every strong number has a partner, −[`NUMBER_CONTRADICTION`] when none
    /// has, −0.5 in between, 0 without strong numbers.
    fn number_score(&self, en: Range<usize>, zh: Range<usize>) -> f64 {
        let n = self.store.en_endings.len();
        self.numbers_part(
            en.start.min(n)..en.end.min(n),
            zh.start.min(n)..zh.end.min(n),
            None,
        )
    }

    /// [`PairAnchors::number_score`] of ranges already clamped, and, when asked, whether the
    /// numbers could differ ([`numbers_may_differ`], from the same comparison).
    fn numbers_part(
        &self,
        en: Range<usize>,
        zh: Range<usize>,
        numbers_differ: Option<&mut bool>,
    ) -> f64 {
        // Numbers: all strong ones matched is agreement; numbers on both sides and none
        // matched is a contradiction.
        let en_n = self.store.en_numbers.range(en);
        let zh_n = self.store.zh_numbers.range(zh);
        if en_n.is_empty() && zh_n.is_empty() {
            return 0.0;
        }
        let strong_en = en_n.iter().filter(|m| m.strong).count();
        let strong_zh = zh_n.iter().filter(|m| m.strong).count();
        let diff = compare(en_n, zh_n);
        if let Some(differ) = numbers_differ {
            *differ = differ_given(en_n, zh_n, &diff);
        }
        if strong_en + strong_zh == 0 {
            0.0
        } else if diff.only_en.is_empty() && diff.only_zh.is_empty() {
            1.0
        } else if diff.only_en.len() == strong_en
            && diff.only_zh.len() == strong_zh
            && strong_en > 0
            && strong_zh > 0
        {
            -NUMBER_CONTRADICTION
        } else {
            -0.5
        }
    }

    /// [`Anchors::score`] computed from the extracted anchors.
    fn score_uncached(&self, en: Range<usize>, zh: Range<usize>) -> f64 {
        self.score_with(en, zh, None, None)
    }

    /// [`PairAnchors::score_uncached`] with the lexical evidence when already known, and, when
    /// asked, whether the numbers could differ ([`numbers_may_differ`], from the same
    /// comparison).
    fn score_with(
        &self,
        en: Range<usize>,
        zh: Range<usize>,
        lexical: Option<f64>,
        numbers_differ: Option<&mut bool>,
    ) -> f64 {
        let n = self.store.en_endings.len();
        let en = en.start.min(n)..en.end.min(n);
        let zh = zh.start.min(n)..zh.end.min(n);
        let mut score = self.numbers_part(en.clone(), zh.clone(), numbers_differ);
        // A question stays a question: agreement is weak evidence, a question against a
        // statement is strong evidence (compared on the last line of each side).
        if let (Some(e), Some(z)) = (
            en.end
                .checked_sub(1)
                .and_then(|k| self.store.en_endings.get(k)),
            zh.end
                .checked_sub(1)
                .and_then(|k| self.store.zh_endings.get(k)),
        ) {
            match (e, z) {
                (Ending::Question, Ending::Question) => score += QUESTION_AGREEMENT,
                (Ending::Question, Ending::Statement) | (Ending::Statement, Ending::Question) => {
                    score -= QUESTION_CONTRADICTION
                }
                _ => {}
            }
        }
        // Speakers: a line translates a line of the same speaker.
        if !en.is_empty() && !zh.is_empty() && self.speakers_differ(en.start, zh.start) {
            score -= SPEAKER_CONTRADICTION;
        }
        // Words: the usual translations of the English words should be in the Chinese.
        let lexical = lexical.unwrap_or_else(|| {
            let han: u32 = self.store.zh_han[zh.clone()].iter().sum();
            with_lines(&self.store.en_lex, en.clone(), |e| {
                with_lines(&self.store.zh_lex, zh.clone(), |z| LEXICON.llr(e, z, han))
            })
        });
        score += (LEXICAL_WEIGHT * lexical).clamp(-MAX_LEXICAL_SCORE, MAX_LEXICAL_SCORE);
        // Latin words kept in the Chinese (names, brands) should be in the English.
        let zh_w = self.store.zh_words.range(zh);
        if !zh_w.is_empty() {
            let found = self.latin_words_found(en, zh_w, SCANNED_LATIN_WORDS);
            let zh_count = zh_w.len();
            score += (found as f64 - 0.5 * (zh_count - found) as f64) / zh_count as f64;
        }
        score.clamp(-1.0, 1.0)
    }
}

/// Replaces `out` with `f` over `0..n`, in order, in parallel when `parallel`. The engine
/// computes the alignment before its parallel pass over pairs (and `Context::alignment` isolates
/// a late first use in a pool of its own), so no pair job can be waiting on this computation.
fn fill_indices<T: Send>(
    out: &mut Vec<T>,
    n: usize,
    parallel: bool,
    f: &(dyn Fn(usize) -> T + Sync),
) {
    out.clear();
    if parallel {
        out.par_extend((0..n).into_par_iter().map(f));
    } else {
        out.extend((0..n).map(f));
    }
}

impl Anchors for PairAnchors<'_> {
    fn score(&self, en: Range<usize>, zh: Range<usize>) -> f64 {
        if en.len() == 1 && zh.len() == 1 {
            let slot = if en == zh {
                if let Some(&s) = self.store.own_score.get(en.start) {
                    return s;
                }
                None
            } else if zh.start == en.start + 1 {
                self.store.crossed.get(2 * en.start)
            } else if en.start == zh.start + 1 {
                self.store.crossed.get(2 * zh.start + 1)
            } else {
                None
            };
            if let Some(slot) = slot {
                let bits = slot.load(Ordering::Relaxed);
                if bits != UNSCORED {
                    return f64::from_bits(bits);
                }
                let s = self.score_uncached(en, zh);
                slot.store(s.to_bits(), Ordering::Relaxed);
                return s;
            }
        }
        self.score_uncached(en, zh)
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

/// Most the words can move a pairing's anchor score, either way: as much as numbers that agree.
/// Two neighbouring lines on one topic share words (政府, 债券 against
/// "government bonds"), and uncapped, a long line's words saturated the score of both pairings
/// and hid the numbers that tell them apart.
pub const MAX_LEXICAL_SCORE: f64 = 1.0;

/// What numbers that contradict cost a pairing's anchor score (every number on each side
/// unmatched): more than the most the words can add, so that the words of two neighbouring
/// lines on one topic cannot make a contradiction neutral.
pub const NUMBER_CONTRADICTION: f64 = 1.5;

/// Minimum gain (−100·ln units) of a swap that only lengths support: e⁶ ≈ 400 times likelier,
/// calibrated on shuffled Tatoeba to keep false swaps near 0.03 % of clean positions.
pub const LENGTH_ONLY_SWAP_GAIN: f64 = 600.0;

/// Minimum gain of a swap that an anchor confirms (numbers, names or words follow the
/// crossing). 200 and 300 gave the same recall on the planted-swap evaluation, 400 lost 7 of
/// 57 swaps.
pub const ANCHORED_SWAP_GAIN: f64 = 300.0;

/// Pairs per independent stretch of the alignment search in a long file.
const SEARCH_CHUNK: usize = 20_000;

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

/// Whether an anchor (numbers, names, sentence type, words) prefers a finding's repair to the
/// pairing as given ([`swap_confirmed`] for a swap). `f`'s indices are `anchors`' own.
fn confirmed_by_anchors(anchors: &PairAnchors<'_>, f: &Finding) -> bool {
    match *f {
        Finding::Swap { at, .. } => {
            let (a, b) = (at..at + 1, at + 1..at + 2);
            let mut given = (
                anchors.score(a.clone(), a.clone()),
                anchors.score(b.clone(), b.clone()),
            );
            // The Chinese of `a` with the English of `b`, and the other way round.
            let crossed = (anchors.score(b.clone(), a.clone()), anchors.score(a, b));
            // Numbers confirm a crossing by agreeing in a crossed pairing. One that only takes
            // a contradiction away, leaving the numbers beside lines with none ("over 2
            // billion gold" against 超过2亿金币, a mistyped number, beside a line on the same
            // topic), is the number's error, not a crossing: the given pairings are scored
            // without it.
            let numbers = |e: usize, z: usize| anchors.number_score(e..e + 1, z..z + 1);
            if numbers(at + 1, at) <= 0.0 && numbers(at, at + 1) <= 0.0 {
                given.0 -= numbers(at, at).min(0.0);
                given.1 -= numbers(at + 1, at + 1).min(0.0);
            }
            swap_confirmed(given, crossed)
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
    }
}

/// Pairs after (or before) a crossing within which an empty side may close a shift that
/// [`doubtful_swaps`] weighs against the crossing.
const SHIFT_CLOSE_REACH: usize = 3;

/// Per finding, whether it is a crossing that a line lost nearby would explain as well, so
/// that it is reported but not offered as a fix:
/// - a crossing beside a pair with an empty side, whose crossed pairing the pair beyond fits
///   better (the Chinese of the second pair with the English of the pair after, where a shift
///   closed by the empty slot would put it; or the Chinese of the first with the English of the
///   pair before). A lost line followed two pairs later by an empty slot read as a crossing
///   plus a missing translation, and the swap moved one translation to its line and another
///   to a wrong one, after which the stretch looked sound;
/// - a crossing whose crossed translation the pair beyond fits better than its own as given
///   (the shift closed by a second lost line, one of each language, with no empty slot:
///   held-out call-in shows read a four-pair shift as a crossing inside it);
/// - two confirmed crossings two pairs apart, where likewise a neighbour fits a crossed
///   translation better: a shift by one line over four pairs of alternating speakers reads as
///   two crossings the labels confirm, and swapping both left half the stretch wrong (two true
///   crossings two pairs apart keep their fixes: their neighbours fit no better).
///
/// `confirmed`: per finding, [`confirmed_by_anchors`]. `lengths`: the English and Chinese
/// lengths of `anchors`' pairs (0: the side is empty).
fn doubtful_swaps(
    anchors: &PairAnchors<'_>,
    found: &[Finding],
    confirmed: &[bool],
    lengths: (&[f64], &[f64]),
) -> Vec<bool> {
    let n = lengths.0.len().min(lengths.1.len());
    let score = |e: usize, z: usize| anchors.score(e..e + 1, z..z + 1);
    let empty_side = |k: usize| k < n && (lengths.0[k] == 0.0 || lengths.1[k] == 0.0);
    let swap_at = |at: usize| {
        found
            .iter()
            .zip(confirmed)
            .any(|(f, &c)| c && matches!(*f, Finding::Swap { at: a, .. } if a == at))
    };
    found
        .iter()
        .map(|f| {
            let Finding::Swap { at, .. } = *f else {
                return false;
            };
            let chained = swap_at(at + 2) || (at >= 2 && swap_at(at - 2));
            // The empty slot may close a shift a few pairs on: each pair between holds its
            // successor's translation.
            let empty_after = (at + 2..=at + SHIFT_CLOSE_REACH + 1).any(empty_side);
            let empty_before = (at.saturating_sub(SHIFT_CLOSE_REACH)..at).any(empty_side);
            // Or a shift closed by a second lost line, with no empty slot: the pair beyond
            // fits the crossed translation better than its own as given.
            let forward = at + 2 < n
                && score(at + 2, at + 1) > score(at, at + 1)
                && (empty_after || chained || score(at + 2, at + 1) > score(at + 2, at + 2));
            let backward = at > 0
                && score(at - 1, at) > score(at + 1, at)
                && (empty_before || chained || score(at - 1, at) > score(at - 1, at - 1));
            forward || backward
        })
        .collect()
}

/// Whether anchor scores (each pairing's, in [−1, 1]) confirm a swap: the crossed pairings
/// score higher together, and neither is contradicted outright. Given as `(a, b)` for the
/// pairs as given and `(Chinese of a with English of b, Chinese of b with English of a)`.
///
/// One number contradiction ("每天50毫克" against "5 mg") made any crossing that removed it
/// score higher in sum, and the fix then paired a sound neighbour's translation with a line
/// whose words or numbers refuse it. A crossed pairing that is itself imperfect (a true
/// crossing with a mistyped number, −0.5) is still confirmed.
fn swap_confirmed(given: (f64, f64), crossed: (f64, f64)) -> bool {
    const CONTRADICTED: f64 = -1.0 + 1e-6;
    crossed.0 + crossed.1 > given.0 + given.1
        && crossed.0 > CONTRADICTED
        && crossed.1 > CONTRADICTED
}

/// Anchor units by which a shift's re-paired lines may score below the same lines as given
/// before the shift is dropped ([`contradicted_by_anchors`]).
const SHIFT_CONTRADICTION_MARGIN: f64 = 1.0;

/// Whether the anchors prefer the pairing as given to a shift's repair, over the lines that
/// hold text on both sides: the repair pairs more lines of two different speakers, or scores
/// lower by more than [`SHIFT_CONTRADICTION_MARGIN`]. Lengths alone read a lone line on each
/// side of a confirmed pair ("We counted 99 windows." between an English line and a Chinese
/// line that lost their partners) as a short shift, moving the confirmed pair's translation to
/// a line whose numbers contradict it; the lone lines are `missing-translation`'s. `f`'s
/// indices are `anchors`' own.
fn contradicted_by_anchors(
    anchors: &PairAnchors<'_>,
    (en, zh): (&[f64], &[f64]),
    f: &Finding,
) -> bool {
    let Finding::Shift {
        ref repair,
        start,
        end,
        ..
    } = *f
    else {
        return false;
    };
    let two_sided = |e: &Range<usize>, z: &Range<usize>| {
        en.get(e.clone())
            .is_some_and(|l| l.iter().all(|&x| x > 0.0))
            && zh
                .get(z.clone())
                .is_some_and(|l| l.iter().all(|&x| x > 0.0))
    };
    let given_pairs = || (start..end).filter(|&k| two_sided(&(k..k + 1), &(k..k + 1)));
    let repaired_beads = || {
        repair
            .iter()
            .filter(|s| !s.en.is_empty() && !s.zh.is_empty() && two_sided(&s.en, &s.zh))
    };
    // Speaker labels are near-certain: a repair that gives a line another speaker's
    // translation more often than the file as given does is no repair.
    let given_speakers = given_pairs()
        .filter(|&k| anchors.speakers_differ(k, k))
        .count();
    let repaired_speakers = repaired_beads()
        .filter(|s| anchors.speakers_differ(s.en.start, s.zh.start))
        .count();
    if repaired_speakers > given_speakers {
        return true;
    }
    let given: f64 = given_pairs()
        .map(|k| anchors.score(k..k + 1, k..k + 1))
        .sum();
    let repaired: f64 = repaired_beads()
        .map(|s| anchors.score(s.en.clone(), s.zh.clone()))
        .sum();
    repaired + SHIFT_CONTRADICTION_MARGIN < given
}

/// Most lexical evidence (nats, [`lexicon::Lexicon::llr`]) two adjacent pairs may have as given
/// for [`evident_swaps`] to consider crossing them: pairs that read as translations of each
/// other are left alone.
pub const LEXICAL_SWAP_GIVEN_MAX: f64 = 3.0;

/// Least margin (nats) by which the crossed pairing's lexical evidence must beat the given one
/// for [`evident_swaps`]. Measured with `scripts/eval_align.py` (the sample, three 3Blue1Brown
/// transcripts, 1,800 Tatoeba pairs): on the unplanted text the largest margin of any two
/// adjacent pairs was 6.6 nats; the planted crossings the length-and-anchor search missed had
/// 16.6 (two long sentences of similar length on one topic).
pub const LEXICAL_SWAP_MARGIN: f64 = 10.0;

/// Nats by which the words may prefer the given pairing over the crossed one when the numbers
/// prove a crossing ([`evident_swaps`]): sentences that only share numbers by chance would
/// read far better as given.
const NUMBER_SWAP_WORD_SLACK: f64 = 3.0;

/// |δ| each crossed pairing may have at most in [`evident_swaps`]: the lengths must not
/// contradict what the words say.
const LEXICAL_SWAP_MAX_DELTA: f64 = 3.0;

/// |δ| each crossed pairing may have at most when numbers prove the crossing and the crossed
/// pairings fit better than the given ones ([`evident_swaps`]): a concise line translating a
/// long one ("核电站的容量系数超过90%。", δ −3.1) must not veto numbers that moved with it.
const NUMBER_SWAP_MAX_DELTA: f64 = 4.0;

/// Whether the numbers of one pairing contradict (each side has strong numbers and none has a
/// partner) or agree (each side has a strong number and every strong one has a partner).
fn numbers_contradict_and_agree(en: &[NumberMention], zh: &[NumberMention]) -> (bool, bool) {
    let strong = |ms: &[NumberMention]| ms.iter().filter(|m| m.strong).count();
    let (se, sz) = (strong(en), strong(zh));
    if se == 0 || sz == 0 {
        return (false, false);
    }
    let diff = compare(en, zh);
    (
        diff.only_en.len() == se && diff.only_zh.len() == sz,
        diff.is_empty(),
    )
}

/// Whether a pairing's numbers, small ones included, all have partners, with at least two a
/// side: "Six plus three is nine." against 六加三等于九。, where each of them alone is too common
/// to prove anything (`NumberMention::strong`), but all of them together are.
fn every_number_matches(en: &[NumberMention], zh: &[NumberMention]) -> bool {
    let firm = |ms: &[NumberMention]| -> Vec<NumberMention> {
        ms.iter()
            .map(|m| NumberMention {
                strong: true,
                ..m.clone()
            })
            .collect()
    };
    en.len() >= 2 && zh.len() >= 2 && compare(&firm(en), &firm(zh)).is_empty()
}

/// Crossings the words or the numbers prove where the lengths cannot tell: two adjacent pairs,
/// across a sentence boundary and away from other findings, whose crossed pairings fit the
/// length model, and either
/// - whose words barely match as given ([`LEXICAL_SWAP_GIVEN_MAX`]) and match far better crossed
///   ([`LEXICAL_SWAP_MARGIN`]), or
/// - whose numbers contradict both pairings as given and agree in both crossed ones (the
///   Chinese of each pair has exactly the numbers of the other's English).
///
/// The search's anchor score saturates (a pairing is at best "confirmed") and adds the evidence
/// up, so overwhelming evidence of one kind never outweighed the length threshold, and shared
/// words (two sentences ending in the same clause) offset contradicting numbers. Only pairs
/// with weak words or differing numbers as given are scored crossed, a small share of pairs.
/// `gain` is in the search's units: −100·ln of the length probabilities' ratio, plus 100 per nat
/// of word evidence or the anchor weight per anchor unit.
fn evident_swaps(
    anchors: &PairAnchors<'_>,
    (en, zh): (&[f64], &[f64]),
    model: &LengthModel,
    boundary: &dyn Fn(usize) -> bool,
    found: &[Finding],
) -> Vec<Finding> {
    let store = &anchors.store;
    let n = en.len().min(zh.len()).min(store.own_lex.len());
    let mut covered = vec![false; n];
    for f in found {
        let range = match f {
            Finding::Swap { at, .. } | Finding::Split { at, .. } => *at..at + 2,
            Finding::Shift { start, end, .. } => *start..*end,
        };
        for k in range {
            if let Some(c) = covered.get_mut(k) {
                *c = true;
            }
        }
    }
    let llr = |e: usize, z: usize| {
        LEXICON.llr(
            &[store.en_lex.get(e)],
            &[store.zh_lex.get(z)],
            store.zh_han[z],
        )
    };
    // Both pairings as given contradict in their numbers, and both crossed ones agree; or
    // (small numbers, which alone are too weak to contradict) both crossed pairings match
    // every number they hold, and neither pairing as given does.
    let by_numbers = |k: usize| {
        let (e, z) = (&store.en_numbers, &store.zh_numbers);
        let contradicted_and_agreeing = numbers_contradict_and_agree(e.get(k), z.get(k)).0
            && numbers_contradict_and_agree(e.get(k + 1), z.get(k + 1)).0
            && numbers_contradict_and_agree(e.get(k), z.get(k + 1)).1
            && numbers_contradict_and_agree(e.get(k + 1), z.get(k)).1;
        // The only numbers of the four lines are one English line's and the other pair's
        // Chinese, and they agree: the numbers moved with the crossing ("down 0.8%" beside
        // 并不是所有板块都在上涨。, its 下跌了0.8% one line up).
        let moved_alone = |from: usize, to: usize, other_en: usize, other_zh: usize| {
            e.get(other_en).is_empty()
                && z.get(other_zh).is_empty()
                && numbers_contradict_and_agree(e.get(from), z.get(to)).1
        };
        contradicted_and_agreeing
            || moved_alone(k, k + 1, k + 1, k)
            || moved_alone(k + 1, k, k, k + 1)
            || (every_number_matches(e.get(k), z.get(k + 1))
                && every_number_matches(e.get(k + 1), z.get(k))
                && !every_number_matches(e.get(k), z.get(k))
                && !every_number_matches(e.get(k + 1), z.get(k + 1)))
    };
    // Two or more strong numbers that moved with the crossing (a year and a tonnage) outweigh
    // more of the words: neighbouring lines on one topic share them ("fish" and 鳕鱼 beside
    // "the cod catch" and 渔获).
    let number_swap_word_slack = |k: usize| {
        let (e, z) = (&store.en_numbers, &store.zh_numbers);
        let strong = |ms: &[NumberMention]| ms.iter().filter(|m| m.strong).count();
        let moved =
            strong(e.get(k)).min(strong(z.get(k + 1))) + strong(e.get(k + 1)).min(strong(z.get(k)));
        if moved >= 2 {
            2.0 * NUMBER_SWAP_WORD_SLACK
        } else {
            NUMBER_SWAP_WORD_SLACK
        }
    };
    // Whether the crossed pairings fit the lengths: each within `max_delta`, and, when
    // `better` is asked, closer in all than the pairings as given.
    let plausible_within = |k: usize, max_delta: f64, better: bool| {
        let crossed = [model.delta(en[k], zh[k + 1]), model.delta(en[k + 1], zh[k])];
        let square_sum = |d: [f64; 2]| d[0] * d[0] + d[1] * d[1];
        !covered[k]
            && !covered[k + 1]
            && [en[k], en[k + 1], zh[k], zh[k + 1]]
                .iter()
                .all(|&l| l > 0.0)
            && crossed.iter().all(|d| d.abs() <= max_delta)
            && (!better
                || square_sum(crossed)
                    < square_sum([model.delta(en[k], zh[k]), model.delta(en[k + 1], zh[k + 1])]))
            && boundary(k)
    };
    let plausible = |k: usize| plausible_within(k, LEXICAL_SWAP_MAX_DELTA, false);
    // Numbers that moved with a crossing are proof enough for a crossed pairing a little
    // outside the model, when the crossing fits the lengths better than the pairs as given.
    let plausible_by_numbers =
        |k: usize| plausible(k) || plausible_within(k, NUMBER_SWAP_MAX_DELTA, true);
    let mut out = Vec::new();
    let mut k = 0;
    while k + 1 < n {
        // The cheap tests first: weak words as given, or numbers that differ in both pairs
        // (`number_check`, known from the extraction).
        let given = store.own_lex[k] + store.own_lex[k + 1];
        let weak_words = given <= LEXICAL_SWAP_GIVEN_MAX;
        let numbers_differ = store.number_check[k] && store.number_check[k + 1];
        // Each Chinese line opens with the label of the other pair's speaker, and the crossed
        // pairings' labels agree.
        // A question and a statement, each translated as the other, and crossed both agree.
        let questions_cross = {
            let (e, z) = (&store.en_endings, &store.zh_endings);
            let q = |x: &Ending| *x == Ending::Question;
            let st = |x: &Ending| *x == Ending::Statement;
            (q(&e[k]) && st(&z[k]) && st(&e[k + 1]) && q(&z[k + 1]))
                || (st(&e[k]) && q(&z[k]) && q(&e[k + 1]) && st(&z[k + 1]))
        };
        let speakers_cross = anchors.speakers_differ(k, k)
            && anchors.speakers_differ(k + 1, k + 1)
            && store.same_speaker(k, k + 1) == Some(true)
            && store.same_speaker(k + 1, k) == Some(true);
        // The evidence's gain, and whether the anchor scores must also prefer the crossing:
        // they must for words (numbers could still contradict it), not for numbers (shared
        // words saturate both pairings' scores, so they cannot tell).
        // The crossed pairings' word evidence, scored once when first asked.
        let crossed = std::cell::OnceCell::new();
        let crossed_words = || *crossed.get_or_init(|| llr(k, k + 1) + llr(k + 1, k));
        let evidence = if !(weak_words || numbers_differ || speakers_cross || questions_cross) {
            None
        } else if !plausible(k) {
            // Only the numbers may prove a crossing the model finds a little long or short.
            (numbers_differ
                && plausible_by_numbers(k)
                && by_numbers(k)
                && crossed_words() >= given - number_swap_word_slack(k))
            .then_some((4.0 * dp::ANCHOR_WEIGHT, false))
        } else if weak_words
            && let margin = crossed_words() - given
            && margin >= LEXICAL_SWAP_MARGIN
        {
            Some((100.0 * margin, true))
        } else if numbers_differ
            && by_numbers(k)
            && crossed_words() >= given - number_swap_word_slack(k)
        {
            // Each pairing goes from −1 to +1 anchor units.
            Some((4.0 * dp::ANCHOR_WEIGHT, false))
        } else if speakers_cross && crossed_words() >= given - NUMBER_SWAP_WORD_SLACK {
            // Each pairing loses its contradiction.
            Some((2.0 * SPEAKER_CONTRADICTION * dp::ANCHOR_WEIGHT, false))
        } else if questions_cross && crossed_words() >= given - NUMBER_SWAP_WORD_SLACK {
            // Each pairing goes from a question against a statement to two of a kind.
            Some((
                2.0 * (QUESTION_AGREEMENT + QUESTION_CONTRADICTION) * dp::ANCHOR_WEIGHT,
                false,
            ))
        } else {
            None
        };
        if let Some((evidence_gain, needs_anchors)) = evidence {
            let ln_p = |e: f64, z: f64| model.ln_match_probability(e, z);
            let length_gain = 100.0
                * (ln_p(en[k], zh[k + 1]) + ln_p(en[k + 1], zh[k])
                    - ln_p(en[k], zh[k])
                    - ln_p(en[k + 1], zh[k + 1]));
            let swap = Finding::Swap {
                at: k,
                gain: length_gain + evidence_gain,
            };
            if !needs_anchors || confirmed_by_anchors(anchors, &swap) {
                out.push(swap);
                // The next candidate starts after this crossing.
                k += 2;
                continue;
            }
        }
        k += 1;
    }
    out
}

/// What the search found in one stretch of the file (indices are the file's).
struct Searched {
    model: LengthModel,
    findings: Vec<Finding>,
    /// Per finding: [`confirmed_by_anchors`].
    confirmed: Vec<bool>,
    /// Per finding: [`doubtful_swaps`].
    doubtful: Vec<bool>,
    /// Per pair of the stretch: [`numbers_may_differ`].
    number_check: Vec<bool>,
}

/// The alignment search: one pass for a file of ordinary length; for a long file, independent
/// stretches cut at calm pairs and searched in parallel (the search is local, so the findings
/// are the same as one pass's, and both cores work). Each stretch extracts its own anchors and
/// drops them when done, so memory stays proportional to the stretches in flight.
fn search(
    doc: &Document,
    en: &[f64],
    zh: &[f64],
    boundary: &(dyn Fn(usize) -> bool + Sync),
    fit_excluded: Option<&(dyn Fn(usize) -> bool + Sync)>,
    cut: &[(usize, f64)],
    whole_model: Option<LengthModel>,
) -> Searched {
    let n = en.len().min(zh.len()).min(doc.pairs.len());
    // A long file's stretches are shared among the cores; each extracts its anchors alone.
    let stretches_in_parallel = n >= 2 * SEARCH_CHUNK;
    let run = |store: &mut AnchorStore, s: usize, e: usize| {
        let anchors = PairAnchors::of_in(
            doc,
            &doc.pairs[s..e],
            !stretches_in_parallel,
            std::mem::take(store),
        );
        let local = |k: usize| boundary(k + s);
        let local_excluded = |k: usize| fit_excluded.is_some_and(|f| f(k + s));
        let local_cut: Vec<usize> = {
            let from = cut.partition_point(|&(c, _)| c < s);
            let to = cut.partition_point(|&(c, _)| c < e);
            cut[from..to].iter().map(|&(c, _)| c - s).collect()
        };
        let opts = FindOptions {
            boundary: Some(&local),
            fit_excluded: fit_excluded.map(|_| &local_excluded as &dyn Fn(usize) -> bool),
            suspect: &local_cut,
            swap_threshold: ANCHORED_SWAP_GAIN,
            ..FindOptions::default()
        };
        let (model, mut found) = dp::fit_and_find(&en[s..e], &zh[s..e], &anchors, &opts);
        found.retain(|f| !contradicted_by_anchors(&anchors, (&en[s..e], &zh[s..e]), f));
        // The search's findings are confirmed by the anchor scores; the evident crossings by
        // the words or numbers that found them.
        let mut found: Vec<(Finding, bool)> = found
            .into_iter()
            .map(|f| {
                let c = confirmed_by_anchors(&anchors, &f);
                (f, c)
            })
            .collect();
        // A crossing the search found on too little evidence (unconfirmed, below the gain
        // lengths alone must reach) is dropped later: the words or numbers may still prove it,
        // so it does not hide its pairs from them.
        let weak_swap = |(f, c): &(Finding, bool)| matches!(f, Finding::Swap { gain, .. } if !c && *gain < LENGTH_ONLY_SWAP_GAIN);
        let standing: Vec<Finding> = found
            .iter()
            .filter(|x| !weak_swap(x))
            .map(|(f, _)| f.clone())
            .collect();
        let evident = evident_swaps(&anchors, (&en[s..e], &zh[s..e]), &model, &local, &standing);
        if !evident.is_empty() {
            found.retain(|x| !weak_swap(x) || !evident.iter().any(|v| v.start() == x.0.start()));
            found.extend(evident.into_iter().map(|f| (f, true)));
            found.sort_by_key(|(f, _)| f.start());
        }
        let (found, confirmed): (Vec<Finding>, Vec<bool>) = found.into_iter().unzip();
        let doubtful = doubtful_swaps(&anchors, &found, &confirmed, (&en[s..e], &zh[s..e]));
        *store = anchors.into_store();
        Searched {
            model,
            findings: found.into_iter().map(|f| f.offset(s)).collect(),
            confirmed,
            doubtful,
            number_check: store.number_check.clone(),
        }
    };
    if !stretches_in_parallel {
        return run(&mut AnchorStore::default(), 0, n);
    }
    let cutting = crate::timing::phase("  fit and cut");
    // Fitted already when some lines' lengths were set for the search: on the measured
    // lengths, without the untranslated lines in their place (a cut line, far below the
    // expected length, falls outside the trimmed fit by itself).
    let model = whole_model.unwrap_or_else(|| LengthModel::fit_by(n, |k| (en[k], zh[k])));
    let cuts = cut_points(&en[..n], &zh[..n], &model);
    drop(cutting);
    let searching = crate::timing::phase("  search");
    // Each worker refills its own store, stretch after stretch, and frees it at the end.
    thread_local! {
        static STORE: std::cell::RefCell<AnchorStore> = std::cell::RefCell::default();
    }
    let parts: Vec<Searched> = cuts
        .par_windows(2)
        .map(|w| {
            let mut store = STORE.take();
            let part = run(&mut store, w[0], w[1]);
            STORE.set(store);
            part
        })
        .collect();
    rayon::broadcast(|_| drop(STORE.take()));
    drop(searching);
    let mut all = Searched {
        model,
        findings: Vec::new(),
        confirmed: Vec::new(),
        doubtful: Vec::new(),
        number_check: Vec::with_capacity(n),
    };
    for part in parts {
        all.findings.extend(part.findings);
        all.confirmed.extend(part.confirmed);
        all.doubtful.extend(part.doubtful);
        all.number_check.extend(part.number_check);
    }
    all
}

/// Least share of a translation slot's Latin words its own original must have for
/// [`untranslated_in_place`].
const IN_PLACE_MIN_SHARE: f64 = 0.5;

/// Whether `pair`'s translation slot holds English that renders its own original (a copy, or
/// the original reworded: "Nothing is colder than absolute zero." beside "Nothing can be
/// colder than that."): most of the slot's Latin words are in the original.
///
/// Such a line is untranslated, and its own rules say so; for the alignment it is in its
/// place, and its length, measured as if it were Chinese, says nothing about where it
/// belongs. Measured as it is, it read as a line too short for its original, so a shift
/// that began beside it started on it instead ("the Chinese of this pair has no original"),
/// naming a line that is where it should be. The search gives it the length the file's model
/// expects for its original.
fn untranslated_in_place(doc: &Document, pair: &Pair) -> bool {
    let (Some(en), Some(zh)) = (pair.source, pair.target) else {
        return false;
    };
    if zh.script != Script::Latin {
        return false;
    }
    let mut english = Vec::new();
    latin_words(doc.text(&en), &mut english);
    let (mut found, mut total) = (0usize, 0usize);
    for_each_latin_word(doc.text(&zh), |w| {
        total += 1;
        found += usize::from(english.binary_search(&w).is_ok());
    });
    total > 0 && found as f64 >= IN_PLACE_MIN_SHARE * total as f64
}

/// δ below which a translation that stops mid-sentence is taken for a cut one
/// ([`cut_in_place`]).
const CUT_MAX_DELTA: f64 = -2.0;

/// The pairs whose translation was cut where it stands, with their measured Chinese lengths: a
/// Chinese line too short for its original (δ below [`CUT_MAX_DELTA`]) that stops without a
/// sentence mark (on a clause mark or on a word) while its original ends a sentence, in a file
/// whose Chinese lines end with marks. `model` is the file's fit, made here when not made yet.
///
/// A cut translation is still its own original's: by length alone it read as a line whose
/// partner was lost, and a shift beside it started on it ("the English on this line has no
/// translation"), hiding the cut from `length-ratio-outlier`. The search gives it the length
/// its original predicts; the rules see it as it is.
fn cut_in_place(
    doc: &Document,
    (en, zh): (&[f64], &[f64]),
    model: &mut Option<LengthModel>,
) -> Vec<(usize, f64)> {
    let text = |seg: Option<crate::model::Segment>| seg.map(|s| doc.text(&s));
    let marks = crate::data::marks_endings(
        doc.pairs
            .iter()
            .filter_map(|p| text(p.target).filter(|_| p.source.is_some())),
    );
    if !marks {
        return Vec::new();
    }
    let model = *model.get_or_insert_with(|| LengthModel::fit_by(en.len(), |k| (en[k], zh[k])));
    doc.pairs
        .par_iter()
        .enumerate()
        .filter_map(|(k, p)| {
            let (e, z) = (*en.get(k)?, *zh.get(k)?);
            let (Some(en_text), Some(zh_text)) = (text(p.source), text(p.target)) else {
                return None;
            };
            let cut = e > 0.0
                && z > 0.0
                && p.target.is_some_and(|t| t.script == Script::Han)
                && model.delta(e, z) < CUT_MAX_DELTA
                && ends_sentence(en_text)
                && !ends_sentence(zh_text);
            cut.then_some((k, z))
        })
        .collect()
}

/// Least share of pairs with both sides for the alignment search to run.
const MIN_PAIRED_SHARE: f64 = 0.25;

/// Whether fewer than [`MIN_PAIRED_SHARE`] of the pairs have both an original and a Chinese
/// translation: a one-language file (a Chinese subtitle file checked without its English, an
/// English transcript read as pairs of English lines) has no pairing to align. Its few lines of
/// the other language (English pasted into some cues) would otherwise be "aligned" to their
/// neighbours as a long shift; `missing-translation` and `untranslated-line` already report
/// the lines.
fn mostly_one_language(doc: &Document) -> bool {
    let both = doc
        .pairs
        .iter()
        .filter(|p| p.source.is_some() && p.target.is_some_and(|t| t.script == Script::Han))
        .count();
    (both as f64) < MIN_PAIRED_SHARE * doc.pairs.len() as f64
}

/// Run the alignment pass over a document.
pub fn analyse(doc: &Document) -> Analysis {
    let measuring = crate::timing::phase("  lengths");
    // An untranslated line in its place ([`untranslated_in_place`]) is marked by a negative
    // length in the same pass: no fit reads it (a fit takes positive lengths only), and the
    // search gives it the length the file's model expects.
    let (en_len, mut zh_len): (Vec<f64>, Vec<f64>) = doc
        .pairs
        .par_iter()
        .map(|p| {
            let (e, z) = pair_lengths(doc, p);
            (
                e,
                if untranslated_in_place(doc, p) {
                    -1.0
                } else {
                    z
                },
            )
        })
        .unzip();
    let mut in_place: Vec<bool> = if zh_len.iter().any(|&z| z < 0.0) {
        zh_len.par_iter().map(|&z| z < 0.0).collect()
    } else {
        Vec::new()
    };
    let mut whole_model = (!in_place.is_empty()).then(|| {
        let model = LengthModel::fit_by(en_len.len(), |k| (en_len[k], zh_len[k]));
        zh_len
            .par_iter_mut()
            .zip(&en_len)
            .filter(|(z, _)| **z < 0.0)
            .for_each(|(z, &e)| *z = model.expected_length(e));
        model
    });
    // Cut translations ([`cut_in_place`]) keep their place in the search too: their measured
    // lengths are kept aside for `length-ratio-outlier`'s bound.
    let cut = cut_in_place(doc, (&en_len, &zh_len), &mut whole_model);
    // `cut_in_place` fitted the model when it found any.
    if let (false, Some(model)) = (cut.is_empty(), &whole_model) {
        in_place.resize(zh_len.len(), false);
        for &(k, _) in &cut {
            zh_len[k] = model.expected_length(en_len[k]);
            in_place[k] = true;
        }
    }
    let excluded = |k: usize| in_place.get(k).copied().unwrap_or(false);
    drop(measuring);
    // Human subtitlers move content across cues inside one sentence; only a crossing across a
    // sentence boundary is a defect.
    // A boundary between pairs k and k+1: the English of k ends a sentence, or the Chinese of
    // k+1 does (in a crossing it is the translation of the English of k).
    let ends =
        |seg: Option<crate::model::Segment>| seg.is_some_and(|s| ends_sentence(doc.text(&s)));
    // Not where the English plainly runs on: pair k's English does not end a sentence and the
    // next begins in lower case ("We need 3 eggs" / "and 200 grams of flour."), whatever the
    // Chinese of k+1 ends with (the whole sentence's translation ends there).
    let starts_lower = |k: usize| {
        doc.pairs.get(k).and_then(|p| p.source).is_some_and(|s| {
            doc.text(&s)
                .trim_start()
                .starts_with(|c: char| c.is_lowercase())
        })
    };
    let boundary = |k: usize| {
        ends(doc.pairs.get(k).and_then(|p| p.source))
            || (ends(doc.pairs.get(k + 1).and_then(|p| p.target)) && !starts_lower(k + 1))
    };
    let Searched {
        model,
        mut findings,
        confirmed,
        doubtful,
        number_check,
    } = if doc.independently_timed || mostly_one_language(doc) {
        // Pairs of independently cut cues are not translations of each other line by line:
        // nothing to search. The model is still fitted, for `translint align` to show.
        Searched {
            model: whole_model
                .unwrap_or_else(|| LengthModel::fit_by(en_len.len(), |k| (en_len[k], zh_len[k]))),
            findings: Vec::new(),
            confirmed: Vec::new(),
            doubtful: Vec::new(),
            // Unknown: `number-mismatch` extracts every pair's numbers itself.
            number_check: Vec::new(),
        }
    } else {
        let fit_excluded =
            (!in_place.is_empty()).then_some(&excluded as &(dyn Fn(usize) -> bool + Sync));
        search(
            doc,
            &en_len,
            &zh_len,
            &boundary,
            fit_excluded,
            &cut,
            whole_model,
        )
    };
    // A swap on length evidence alone must be overwhelming; one that an anchor confirms (the
    // numbers or names follow the crossed pairing) may be reported on less.
    // A crossing that no anchor confirms, where a Chinese line that would translate a whole
    // English sentence ends on a clause mark, is more likely a sentence split at the wrong place
    // ("…是0.5%。在2%的通胀下，" / "名义中性利率大约是2.5%。"): left to `split-sentence`,
    // which a crossing over the two pairs would hide.
    let keep: Vec<bool> = findings
        .iter()
        .zip(&confirmed)
        .map(|(f, c)| match f {
            Finding::Swap { gain, at } => {
                *c || (*gain >= LENGTH_ONLY_SWAP_GAIN && !split_not_crossed(doc, *at))
            }
            _ => true,
        })
        .collect();
    // A doubtful crossing is kept on the evidence that found it, but its repair is not
    // confirmed: it is not offered as a fix.
    let confirmed: Vec<bool> = confirmed
        .into_iter()
        .zip(doubtful.iter().copied().chain(std::iter::repeat(false)))
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|((c, d), _)| c && !d)
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
    for &(k, measured) in &cut {
        zh_len[k] = measured;
    }
    let abs_delta_bound = en_len
        .par_iter()
        .zip(&zh_len)
        .map(|(&e, &z)| Analysis::delta_of(&model, (e, z)).map_or(0.0, |d| f32_at_least(d.abs())))
        .collect();
    Analysis {
        model,
        findings,
        confirmed,
        covered,
        number_check,
        abs_delta_bound,
    }
}

/// Whether the crossing of pairs `at` and `at + 1` may be a sentence split at the wrong place:
/// a Chinese line ends on a clause mark (，、；：) where the English it would translate crossed
/// ends a sentence, so it may hold one sentence's translation and the start of the next.
pub fn split_not_crossed(doc: &Document, at: usize) -> bool {
    let (Some(a), Some(b)) = (doc.pairs.get(at), doc.pairs.get(at + 1)) else {
        return false;
    };
    let open = |zh: Option<crate::model::Segment>, en: Option<crate::model::Segment>| {
        zh.zip(en).is_some_and(|(z, e)| {
            crate::data::ends_on_a_clause_mark(doc.text(&z)) && ends_sentence(doc.text(&e))
        })
    };
    open(a.target, b.source) || open(b.target, a.source)
}

/// The least `f32` at or above `x` (`+∞` for NaN): a bound that survives the narrowing.
fn f32_at_least(x: f64) -> f32 {
    let f = x as f32;
    if f64::from(f) >= x {
        f
    } else if x.is_nan() {
        f32::INFINITY
    } else {
        f.next_up()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn latin_words_are_found_alike_scanned_or_sorted() {
        let doc = parse(
            "t.txt",
            "用 Rust 和 GPU 跑 CUDA，还有 cuda 与 Tokio 及 x86 和 foo。\nRun Rust on a GPU with cuda and tokio.\n\
             他说 Tokio 与 rust。\nHe said Tokio, not Python.\n"
                .to_string(),
            &ParseOptions::default(),
        );
        let anchors = PairAnchors::new(&doc);
        for en in [0..1, 1..2, 0..2] {
            for zh in [0..1, 1..2, 0..2] {
                let zh_w = anchors.store.zh_words.range(zh.clone());
                assert!(zh_w.len() > 1, "{zh:?}");
                let scanned = anchors.latin_words_found(en.clone(), zh_w, usize::MAX);
                let sorted = anchors.latin_words_found(en.clone(), zh_w, 0);
                assert_eq!(scanned, sorted, "{en:?} {zh:?}");
            }
        }
        let zh_w = anchors.store.zh_words.range(0..1);
        assert_eq!(
            anchors.latin_words_found(0..1, zh_w, 0),
            4,
            "rust, gpu, cuda, tokio"
        );
    }

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
    fn delta_bounds_round_up() {
        for x in [0.0, 0.1, 1.0 / 3.0, 2.5, 1e-40, 1e39, f64::INFINITY] {
            let b = f32_at_least(x);
            assert!(f64::from(b) >= x, "{x}");
            assert!(
                f64::from(b) < x * (1.0 + 1e-6) + 1e-38 || x > 3.4e38,
                "{x} {b}"
            );
        }
        assert_eq!(f32_at_least(f64::NAN), f32::INFINITY);
        let doc = parse(
            "t.txt",
            "我们走吧。\nLet's go.\n好。\nThis is a much longer English sentence than its translation.\n"
                .to_string(),
            &ParseOptions::default(),
        );
        let an = analyse(&doc);
        for (k, p) in doc.pairs.iter().enumerate() {
            let exact = an.delta(pair_lengths(&doc, p)).map_or(0.0, f64::abs);
            assert!(an.delta_within(k, exact * (1.0 + 1e-6)), "pair {k}");
            assert!(!an.delta_within(k, exact - 1e-3), "pair {k}");
        }
        assert!(!an.delta_within(doc.pairs.len(), 100.0));
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
    use numbers::{chinese_numbers, english_numbers};

    /// Two adjacent pairs of similar length, no numbers or names, translations crossed: only
    /// the words tell them apart.
    const CROSSED: &str = "我们先在公园里散步,然后去咖啡馆喝茶。\n\
        The children are afraid of the dark, so they sleep with the light on.\n\
        孩子们怕黑,所以他们开着灯睡觉。\n\
        We walked in the park first, then had tea at a coffee shop.\n";

    #[test]
    fn a_one_language_file_is_not_searched_for_shifts() {
        // A Chinese subtitle file checked without its English, with three cues of English
        // pasted in: its few English lines have no pairing to be shifted from.
        let zh = [
            "我们明天一早出发。",
            "路上可能会下雨。",
            "记得带上雨伞和外套。",
            "山顶的风很大，要小心。",
            "中午我们在湖边吃饭。",
            "那里有一家很小的面馆。",
            "老板做的面非常好吃。",
            "吃完饭我们继续往上走。",
        ];
        let en = [
            "The trail gets steep after the bridge.",
            "Keep to the left side of the path.",
            "We will rest at the old stone hut.",
        ];
        let mut srt = String::new();
        let mut cue = |k: usize, text: &str| {
            srt += &format!(
                "{}\n00:00:{:02},000 --> 00:00:{:02},500\n{text}\n\n",
                k + 1,
                2 * k,
                2 * k + 1
            );
        };
        let mut k = 0;
        for round in 0..4 {
            for line in zh {
                cue(k, line);
                k += 1;
            }
            if round == 1 {
                for line in en {
                    cue(k, line);
                    k += 1;
                }
            }
        }
        let doc = parse("film.zh.srt", srt, &ParseOptions::default());
        assert!(mostly_one_language(&doc));
        assert!(analyse(&doc).findings.is_empty());
        // Pairs with both sides: searched.
        let doc = parse("t.txt", CROSSED.to_string(), &ParseOptions::default());
        assert!(!mostly_one_language(&doc));
        // An English transcript read as pairs of English lines has no Chinese to align.
        let english: String = (0..30)
            .map(|k| {
                format!(
                    "Line {k} of the talk says something about {} apples.\n",
                    k * 7
                )
            })
            .collect();
        let doc = parse("talk.txt", english, &ParseOptions::default());
        assert!(
            doc.pairs
                .iter()
                .all(|p| p.source.is_some() && p.target.is_some())
        );
        assert!(mostly_one_language(&doc));
    }

    fn two_pairs(text: &str) -> Document {
        let doc = parse("t.txt", text.to_string(), &ParseOptions::default());
        assert_eq!(doc.pairs.len(), 2);
        doc
    }

    #[test]
    fn latin_words_in_the_chinese_are_looked_up_in_the_english() {
        let doc = two_pairs("嗯，Zorp。\nHm, ZORP 3.\n嗯，Zorp。\nHm, Blik 3.\n");
        let a = PairAnchors::new(&doc);
        // The name is found whatever its case; a digit-only token is not a word.
        assert!(a.english_has_word(0, lowercase_word_hash("zorp")));
        assert!(!a.english_has_word(0, lowercase_word_hash("3")));
        assert!(!a.english_has_word(1, lowercase_word_hash("zorp")));
        assert!(!a.english_has_word(7, lowercase_word_hash("zorp")));
        let mut words = Vec::new();
        latin_words("用Python和python、C++与R2D2,x", &mut words);
        let mut expected: Vec<u64> = ["python", "r2d2"].map(lowercase_word_hash).to_vec();
        expected.sort_unstable();
        assert_eq!(words, expected);
        // The pair that keeps the name on both sides scores above the one that lost it.
        assert!(a.score(0..1, 0..1) > a.score(1..2, 1..2) + 0.9);
        assert!(a.score(0..1, 1..2) > a.score(1..2, 1..2) + 0.9);
    }

    #[test]
    fn number_check_agrees_with_a_fresh_comparison() {
        let text = "我买了3本书。\nI bought 3 books.\n\
            我买了5本书。\nI bought 4 books.\n\
            第二个人来了。\nThe third man came.\n\
            没有数字。\nNo numbers here.\n\
            他有两个孩子。\nHe has two children.\n\
            他有三个孩子。\nHe has two children.\n";
        let doc = parse("t.txt", text.to_string(), &ParseOptions::default());
        let a = PairAnchors::new(&doc);
        let mut differ = Vec::new();
        for (k, p) in doc.pairs.iter().enumerate() {
            let (en, zh) = (doc.text(&p.source.unwrap()), doc.text(&p.target.unwrap()));
            let fresh = numbers_may_differ(&english_numbers(en), &chinese_numbers(zh));
            assert_eq!(a.store.number_check[k], fresh, "pair {k}");
            differ.push(fresh);
        }
        // Small spelled-out numbers are reported only when they contradict each other.
        assert_eq!(differ, [false, true, true, false, false, true]);
    }

    #[test]
    fn a_refilled_store_gives_the_anchors_of_a_fresh_one() {
        let text = "我买了3本书，还有一个quarter。\nI bought 3 books and a quarter.\n\
            他用Python写了两千行。\nHe wrote 2,000 lines in Python.\n\
            你几点来？\nWhen do you come?\n\
            没有数字。\nNo numbers here at all.\n";
        let doc = parse("t.txt", text.repeat(3), &ParseOptions::default());
        let n = doc.pairs.len();
        for parallel in [false, true] {
            // The store first holds a longer, different stretch, then the pairs from 1 on.
            let used = PairAnchors::of(&doc, &doc.pairs[2..], parallel).into_store();
            let reused = PairAnchors::of_in(&doc, &doc.pairs[1..], parallel, used);
            let fresh = PairAnchors::of(&doc, &doc.pairs[1..], !parallel);
            assert_eq!(reused.store.number_check, fresh.store.number_check);
            for i in 0..n - 1 {
                for j in i.saturating_sub(1)..(i + 2).min(n - 1) {
                    for (a, b) in [(i..i + 1, j..j + 1), (i..(i + 2).min(n - 1), j..j + 1)] {
                        let (x, y) = (reused.score(a.clone(), b.clone()), fresh.score(a, b));
                        assert_eq!(x.to_bits(), y.to_bits(), "{i} {j} parallel {parallel}");
                    }
                }
            }
        }
    }

    #[test]
    fn words_score_the_crossed_pairing_above_the_given_one() {
        let doc = two_pairs(CROSSED);
        let a = PairAnchors::new(&doc);
        let given = a.score(0..1, 0..1) + a.score(1..2, 1..2);
        let crossed = a.score(0..1, 1..2) + a.score(1..2, 0..1);
        assert!(given < -1.0, "given pairing: {given}");
        assert!(crossed > 1.0, "crossed pairing: {crossed}");
    }

    #[test]
    fn contradicting_numbers_outweigh_shared_words() {
        // Both Chinese lines share the English line's words; only the second has its numbers.
        let doc = two_pairs(
            "政府今年在城里修了三百所新的学校和医院。\nThis year the government built 120 new schools and hospitals in the city.\n\
             政府今年在城里修了一百二十所新的学校和医院。\nThis year the government built 300 new schools and hospitals in the city.\n",
        );
        let a = PairAnchors::new(&doc);
        let contradicted = a.score(0..1, 0..1);
        let agreeing = a.score(0..1, 1..2);
        assert!(contradicted < 0.0, "numbers contradict: {contradicted}");
        assert!(
            agreeing - contradicted >= 1.0,
            "{agreeing} against {contradicted}"
        );
    }

    #[test]
    fn labels_map_between_languages_by_the_majority() {
        let h = |s: &str| speaker_hash(s);
        assert_eq!(h("no label here"), 0);
        assert_ne!(h("Ming: Hello."), 0);
        assert_eq!(h("Lily: Hi."), h("Lily：你好。"));
        let en = [
            h("Ming: a"),
            h("Lily: b"),
            h("Ming: c"),
            h("Lily: d"),
            h("Ming: e"),
            h("Lily: f"),
            h("Ming: g"),
        ];
        let zh = [
            h("阿明：一"),
            h("Lily：二"),
            h("阿明：三"),
            h("Lily：四"),
            h("Lily：五"),
            h("Lily：六"),
            h("阿明：七"),
        ];
        let mut map = HashMap::default();
        speaker_map(&en, &zh, &mut map);
        assert_eq!(map.get(&h("阿明：一")), Some(&h("Ming: a")));
        // Lily's label stands beside Ming's English once in four: still Lily's.
        assert_eq!(map.get(&h("Lily：二")), Some(&h("Lily: b")));
        // Too few lines to learn from.
        let mut small = HashMap::default();
        speaker_map(&en[..2], &zh[..2], &mut small);
        assert!(small.is_empty());
    }

    #[test]
    fn a_swap_is_confirmed_only_when_no_crossed_pairing_is_contradicted() {
        // (given a, given b), (Chinese of a with English of b, Chinese of b with English of a).
        assert!(swap_confirmed((-1.0, -1.0), (1.0, 1.0)));
        // A true crossing whose one line also mistyped a number.
        assert!(swap_confirmed((-1.0, 0.0), (1.0, -0.5)));
        // One pair's number contradiction alone: the crossing removes it, but the words of the
        // other crossed pairing refuse it.
        assert!(!swap_confirmed((-0.89, -0.5), (-1.0, 0.5)));
        // A lone line's neighbour: one crossed pairing fits, the other is contradicted.
        assert!(!swap_confirmed((-1.0, -1.0), (1.0, -1.0)));
        // No better in sum.
        assert!(!swap_confirmed((0.5, 0.5), (0.5, 0.4)));
    }

    #[test]
    fn taking_a_number_contradiction_away_confirms_no_crossing() {
        // A mistyped number (3 billion against 3亿) beside a line on the same topic: crossing
        // the two removes the contradiction, but the number finds no partner either way.
        let doc = two_pairs(
            "现在粮仓里存着超过3亿吨粮食。\nRight now there's over 3 billion tonnes of grain in the silos.\n\
             所以我们新建了一些储存粮食的仓库，\nSo we're adding grain silos,\n",
        );
        let anchors = PairAnchors::new(&doc);
        let swap = Finding::Swap { at: 0, gain: 0.0 };
        assert!(!confirmed_by_anchors(&anchors, &swap));
        // The same number moving with the crossing confirms it.
        let doc = two_pairs(
            "玉米是这周唯一下跌的作物，跌了2.4%。\nStill, not every crop had a good week.\n\
             不过，并不是每种作物这周都表现不错。\nCorn was the only crop to fall this week, down 2.4%.\n",
        );
        let anchors = PairAnchors::new(&doc);
        assert!(confirmed_by_anchors(&anchors, &swap));
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
