//! Gale & Church length model for Chinese/English pairs.
//!
//! The length of a translation is modelled as normal with mean
//! `c·l_en + INTERCEPT` and variance `s²·max(m, MIN_MEAN_LENGTH)`, where
//! `m = (l_en + (l_zh − INTERCEPT)/c)/2` is the mean of the two lengths on the
//! English scale (the denominator of the Gale & Church C code; with `l_en`
//! alone, a long Chinese line against a short English line looks impossible).
//!
//! Two changes from plain Gale & Church, both measured on Tatoeba and Udacity
//! with `examples/measure.rs`:
//! - the intercept: Chinese lines carry a fixed overhead (final "。", particles)
//!   that does not shrink with the line, so `l_zh/l_en` falls with length
//!   (≈ 0.55 for 8-character English, ≈ 0.33 for 50). Without it, lines over
//!   40 English characters were outliers (|δ| > 3) 2.2 % of the time against
//!   0.2–0.3 % for mid-length ones; with it 0.7 %;
//! - the variance floor: short lines ("是的。"/"Mhmm.") carry almost no length
//!   information, so their variance is that of a 10-character line.
//!
//! Lengths are counted in non-whitespace code points on both sides. Costs are
//! in Gale & Church units, `−100·ln(probability)`, so they add along a path.

use crate::text::{non_space_chars, visible_chars};
use rayon::prelude::*;

/// Weight of one Latin letter or ASCII digit inside a Chinese line.
///
/// Latin terms copied into Chinese text ("利用 split 识别 CSV 文件") are as
/// long as in the English line, while the Chinese around them is ~0.3 times
/// as long. Counting each Latin letter at a fraction brings such lines back to
/// the model's scale. Measured with `examples/measure.rs` on the Udacity
/// subtitle cues (a third contain code tokens): weight 1.0 fits s² = 0.62 with
/// 8.9 % of cues at |δ| > 2; weight 0.4 fits s² = 0.36 with 7.8 % (0.5: 7.1 %,
/// 0.3: 7.7 %). On Tatoeba the weight changes nothing (the Chinese writes
/// names as 汤姆, not Tom).
pub const LATIN_WEIGHT_IN_CHINESE: f64 = 0.4;

/// Fixed overhead of a non-empty Chinese line, in characters: the model's mean
/// is `c·l_en + INTERCEPT`.
///
/// A regression of Chinese on English length over Tatoeba gives an intercept
/// of 2.4 (Udacity cues: 3.4–3.8); with 2.5 both corpora fit `c ≈ 0.28` and
/// the rate of |δ| > 3 is flat across line lengths. Kept constant rather than
/// fitted per file because a two-parameter fit on a 50-line file is noisy.
/// A bead spanning two Chinese lines carries it twice (see `super::dp`).
pub const INTERCEPT: f64 = 2.5;

/// Lines shorter than this (mean length m, English characters) get the
/// variance of a line of this length.
///
/// Short lines carry little length information: "好的。"/"Okay." and
/// "好吧，好吧。"/"OK." are both fine. On Tatoeba (`examples/measure.rs`), the
/// rate of |δ| > 3 among lines under 10 English characters is 1.8 % without
/// the floor and 0 % with it (floors of 5 and 15 give the same), while the
/// other length bands stay at 0.2–0.7 %. Chosen over "skip pairs below a
/// minimum length" because it degrades smoothly and still lets a 3-character
/// line against a 40-character one stand out.
pub const MIN_MEAN_LENGTH: f64 = 10.0;

/// Lengths above this are clamped, so that squares stay finite.
const MAX_LEN: f64 = 1e9;

/// Length of an English line in the model's unit: non-whitespace chars.
///
/// Spaces are dropped because their number depends on tokenisation, not on
/// content; the research note measured a lower variance without them.
pub fn english_length(text: &str) -> f64 {
    non_space_chars(text) as f64
}

/// Length of a Chinese line: non-whitespace chars, with Latin letters and
/// ASCII digits counted [`LATIN_WEIGHT_IN_CHINESE`] each.
///
/// Han characters, CJK and ASCII punctuation and everything else count 1. See
/// [`LATIN_WEIGHT_IN_CHINESE`] for why Latin runs are down-weighted.
pub fn chinese_length(text: &str) -> f64 {
    chinese_length_with_latin_weight(text, LATIN_WEIGHT_IN_CHINESE)
}

/// [`chinese_length`] with an explicit weight for Latin letters and ASCII
/// digits, for measurement and for callers that want to configure it
/// (weight 1.0 gives the plain non-whitespace character count).
pub fn chinese_length_with_latin_weight(text: &str, latin_weight: f64) -> f64 {
    let w = if latin_weight.is_finite() {
        latin_weight.clamp(0.0, 1.0)
    } else {
        1.0
    };
    // Summed in text order, as a plain fold over the characters would.
    let mut sum = -0.0;
    visible_chars(text, |alnum| sum += if alnum { w } else { 1.0 });
    sum
}

/// Parameters of the length model: `l_zh ≈ c·l_en + INTERCEPT`, variance
/// `s²·max(m, MIN_MEAN_LENGTH)`.
///
/// Fitted per file with [`LengthModel::fit`], because the ratio and the spread
/// depend on the material (sentences vs subtitle cues, technical text).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LengthModel {
    /// Chinese characters per English non-whitespace character (beyond the
    /// fixed [`INTERCEPT`]).
    pub c: f64,
    /// Variance of the Chinese length per English character.
    pub s2: f64,
}

/// Bounds applied to fitted parameters so one odd file cannot produce a model
/// that accepts everything or nothing.
const C_MIN: f64 = 0.15;
const C_MAX: f64 = 0.6;
/// A file of one consistent translator can fit s² below 0.1 on its core lines while its loose
/// renderings still spread as anyone's do (held-out earnings call: s² 0.093, four sound lines at
/// |δ| 3.3–4.2, none with the floor). Sentence corpora fit ≈ 0.17 and subtitles ≈ 0.35; with
/// 0.15 instead of 0.08, the generated million-pair file's 62 length findings (it plants no
/// length defects) fell to 1 and its crossed pairs found rose by 38, four subtitle false
/// positives in the corpora went, and no planted defect of the held-out sets was lost.
const S2_MIN: f64 = 0.15;
const S2_MAX: f64 = 2.0;
/// The trimmed fit starts narrow and widens: each round multiplies a too
/// small s² by up to 1.7, while a file whose later half is displaced (a
/// mixture of good pairs and neighbours' pairs) would pull a fit that starts
/// wide towards the mixture's variance and hide the displacement.
const FIT_START_S2: f64 = 0.1;
const FIT_ROUNDS: usize = 12;
/// Pairs per block of [`LengthModel::fit_by`]'s sums: above the alignment's stretches (so each
/// stretch's fit is one sequential sum), small enough to share a million pairs among cores.
const FIT_BLOCK: usize = 1 << 16;
/// Below this many usable pairs a file's own fit is too noisy.
const MIN_FIT_PAIRS: usize = 30;

/// Pairs [`median_ratio`] reads at most: a sample spread over the file is as good a start.
const MEDIAN_SAMPLE: usize = 10_000;

/// The median of (Chinese length − intercept) / English length over usable pairs (a spread
/// sample of a long file): a start for the trimmed fit that a file's displaced half or loose
/// lines cannot move far, where a mean could be.
fn median_ratio(blocks: &[Vec<(f64, f64)>]) -> f64 {
    let total: usize = blocks.iter().map(Vec::len).sum();
    let step = total.div_ceil(MEDIAN_SAMPLE).max(1);
    let mut ratios: Vec<f64> = blocks
        .iter()
        .flatten()
        .step_by(step)
        .map(|&(e, z)| (z - intercept(e)) / e)
        .filter(|r| r.is_finite())
        .collect();
    if ratios.is_empty() {
        return LengthModel::DEFAULT.c;
    }
    let mid = ratios.len() / 2;
    let (_, m, _) = ratios.select_nth_unstable_by(mid, f64::total_cmp);
    *m
}
/// Variance of a standard normal truncated to |x| < 2: the trimmed fit
/// divides by it so that repeated trimming does not shrink s² every round.
const TRUNCATED_VARIANCE_2: f64 = 0.773_7;

impl LengthModel {
    /// Default used for files too short to fit.
    ///
    /// c = 0.28: with the intercept, Tatoeba sentences fit c = 0.281 and
    /// Udacity cues c = 0.282 (`examples/measure.rs`). s² = 0.4: sentences
    /// fit ≈ 0.17 and subtitle cues ≈ 0.35 (cues are reflowed by
    /// translators); a short file could be either, and a too-small s² makes
    /// false alarms while a slightly large one only loses some sensitivity.
    pub const DEFAULT: LengthModel = LengthModel { c: 0.28, s2: 0.4 };

    /// Trimmed fit of `c` and `s²` over the `(en_len, zh_len)` pairs of one
    /// file.
    ///
    /// Starts from [`LengthModel::DEFAULT`]; each of up to four rounds keeps
    /// the pairs with |δ| < 2 under the current model, sets
    /// `c = Σ(zh − INTERCEPT)/Σen` and `s² = Σ(zh − mean)² / Σmax(m, MIN)`,
    /// divided by the variance of a normal truncated at 2σ (otherwise every
    /// round of trimming would shrink s² by a quarter). Pairs where either
    /// side is empty are ignored (they are missing translations, not length
    /// evidence). Falls back to DEFAULT when fewer than 30 pairs are usable, or
    /// fewer than 30 fit the narrow start; clamps c to [0.15, 0.6] and s² to
    /// [0.08, 2].
    pub fn fit(lengths: &[(f64, f64)]) -> LengthModel {
        Self::fit_by(lengths.len(), |k| lengths[k])
    }

    /// [`LengthModel::fit`] of the lengths `pair(0..n)`, read where they are (a million pairs'
    /// lengths need no extra copies). Each round's sums are taken over blocks of [`FIT_BLOCK`]
    /// pairs, on all cores, and the blocks' sums are added in order: the result does not depend
    /// on the number of threads, and for up to a block's pairs it is the plain sequential sum.
    pub fn fit_by(n: usize, pair: impl Fn(usize) -> (f64, f64) + Sync) -> LengthModel {
        let usable = |k: usize| {
            let (e, z) = pair(k);
            let (e, z) = (sanitize(e), sanitize(z));
            (e > 0.0 && z > 0.0).then_some((e, z))
        };
        if (0..n).filter_map(usable).take(MIN_FIT_PAIRS).count() < MIN_FIT_PAIRS {
            return Self::DEFAULT;
        }
        // Each block's usable pairs, sanitised, in order: read once instead of in both walks of
        // every round, and in a dense array whose δ test the compiler vectorises.
        let starts: Vec<usize> = (0..n).step_by(FIT_BLOCK).collect();
        let blocks: Vec<Vec<(f64, f64)>> = starts
            .par_iter()
            .map(|&s| (s..(s + FIT_BLOCK).min(n)).filter_map(usable).collect())
            .collect();
        let mut model = LengthModel {
            c: Self::DEFAULT.c,
            s2: FIT_START_S2,
        };
        let mut fitted = false;
        let mut restarted = false;
        for _ in 0..FIT_ROUNDS {
            // Per block: the pairs this round keeps (so the second walk need not compute every
            // δ again), their count and sums.
            let (c, s2) = model.params();
            let kept: Vec<(Vec<bool>, usize, f64, f64)> = blocks
                .par_iter()
                .map(|block| {
                    let keep: Vec<bool> = block
                        .iter()
                        .map(|&(e, z)| delta_given(c, s2, e, z).abs() < 2.0)
                        .collect();
                    // Trimmed pairs add zero, which leaves a sum as it was: the same sums as
                    // adding the kept pairs alone, without a branch per pair to mispredict.
                    let (mut count, mut sum_en, mut sum_zh) = (0, 0.0, 0.0);
                    for (&(e, z), &k) in block.iter().zip(&keep) {
                        count += usize::from(k);
                        sum_en += if k { e } else { 0.0 };
                        sum_zh += if k { z - intercept(e) } else { 0.0 };
                    }
                    (keep, count, sum_en, sum_zh)
                })
                .collect();
            let (mut count, mut sum_en, mut sum_zh) = (0, 0.0, 0.0);
            for &(_, c, e, z) in &kept {
                count += c;
                sum_en += e;
                sum_zh += z;
            }
            if count < MIN_FIT_PAIRS {
                if !fitted && !restarted {
                    // The usual ratio is far from this file's: a conversational translation
                    // at half the English length left fewer than 30 pairs inside the narrow
                    // start, and the file was checked against the default, its sound lines
                    // "too long". Start again from the file's own median ratio.
                    restarted = true;
                    model.c = median_ratio(&blocks).clamp(C_MIN, C_MAX);
                    continue;
                }
                // Too few pairs inside the narrow start to fit at all: the file is short or
                // loose, and the start is no model of it (a file of 30–40 pairs was checked
                // against s² = 0.1, a shift in it then read as a crossing).
                if !fitted {
                    return Self::DEFAULT;
                }
                break;
            }
            fitted = true;
            let c = (sum_zh / sum_en).clamp(C_MIN, C_MAX);
            let trial = LengthModel { c, s2: 1.0 };
            let spread: Vec<(f64, f64)> = blocks
                .par_iter()
                .zip(&kept)
                .map(|(block, (keep, ..))| {
                    let (mut num, mut den) = (0.0, 0.0);
                    for (&(e, z), &k) in block.iter().zip(keep) {
                        let (mean, var) = trial.moments(e, z);
                        num += if k { (z - mean) * (z - mean) } else { 0.0 };
                        den += if k { var } else { 0.0 };
                    }
                    (num, den)
                })
                .collect();
            let (mut num, mut den) = (0.0, 0.0);
            for (n, d) in spread {
                num += n;
                den += d;
            }
            let s2 = if den > 0.0 {
                (num / den / TRUNCATED_VARIANCE_2).clamp(S2_MIN, S2_MAX)
            } else {
                model.s2
            };
            let next = LengthModel { c, s2 };
            let converged = (next.c - model.c).abs() < 1e-4 && (next.s2 - model.s2).abs() < 1e-4;
            model = next;
            if converged {
                break;
            }
        }
        model
    }

    /// Standardised length difference δ = (zh − mean) / √var with mean =
    /// c·en + INTERCEPT and var = s²·max(m, MIN_MEAN_LENGTH).
    ///
    /// Positive δ: the Chinese is longer than expected. Finite for every input
    /// (negative or non-finite lengths are treated as 0; two empty lines give
    /// δ = 0).
    pub fn delta(&self, en_len: f64, zh_len: f64) -> f64 {
        self.safe().delta(en_len, zh_len)
    }

    /// ln(2(1 − Φ(|δ|))): the log probability of a length difference at least this large.
    pub fn ln_match_probability(&self, en_len: f64, zh_len: f64) -> f64 {
        self.safe().ln_match_probability(en_len, zh_len)
    }

    /// Gale & Church bead cost −100·ln(prior · 2(1 − Φ(|δ|))).
    ///
    /// Computed in log space (the normal tail of δ = 40 is 1e-350, which would
    /// underflow), so the cost is finite and grows like 50·δ² for large δ.
    pub fn cost(&self, en_len: f64, zh_len: f64, prior: f64) -> f64 {
        let prior = if prior.is_finite() && prior > 0.0 {
            prior.min(1.0)
        } else {
            f64::MIN_POSITIVE
        };
        let d = self.delta(en_len, zh_len).abs();
        -100.0 * (prior.ln() + std::f64::consts::LN_2 + ln_normal_tail(d))
    }

    /// The Chinese length the model expects for an English line of `en_len` (δ = 0 there).
    pub fn expected_length(&self, en_len: f64) -> f64 {
        let e = sanitize(en_len);
        self.params().0 * e + intercept(e)
    }

    /// The Chinese length range `[lo, hi]` with |δ| ≤ k for an English line
    /// of length `en_len`, for messages like "expected 12–30 characters".
    ///
    /// δ is monotone in the Chinese length, so each bound is found by
    /// bisection; `lo` is clamped at 0.
    pub fn expected_range(&self, en_len: f64, k: f64) -> (f64, f64) {
        let e = sanitize(en_len);
        let k = if k.is_finite() { k.abs().min(1e3) } else { 0.0 };
        let mean = self.params().0 * e + intercept(e);
        let solve = |target: f64, mut lo: f64, mut hi: f64| {
            for _ in 0..100 {
                let mid = (lo + hi) / 2.0;
                // Adjacent numbers: further steps would change neither bound (every reported
                // pair asks, and a hundred steps were most of `length-ratio-outlier`'s time).
                if mid <= lo || mid >= hi {
                    break;
                }
                if self.delta(e, mid) < target {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            (lo + hi) / 2.0
        };
        let lo = if self.delta(e, 0.0) >= -k {
            0.0
        } else {
            solve(-k, 0.0, mean)
        };
        let mut top = mean.max(1.0) * 2.0;
        while self.delta(e, top) < k && top < MAX_LEN {
            top *= 2.0;
        }
        (lo, solve(k, mean, top).max(lo))
    }

    /// Mean and variance of the Chinese length given both lengths.
    fn moments(&self, e: f64, z: f64) -> (f64, f64) {
        let (c, s2) = self.params();
        moments_given(c, s2, e, z)
    }

    /// The model with its parameters made safe once, for a search that asks δ millions of
    /// times: [`SafeModel::delta`] is [`LengthModel::delta`] without checking them again.
    pub fn safe(&self) -> SafeModel {
        let (c, s2) = self.params();
        SafeModel { c, s2 }
    }

    /// Parameters made safe for division and square roots.
    fn params(&self) -> (f64, f64) {
        let c = if self.c.is_finite() && self.c > 0.0 {
            self.c
        } else {
            Self::DEFAULT.c
        };
        let s2 = if self.s2.is_finite() && self.s2 > 0.0 {
            self.s2
        } else {
            Self::DEFAULT.s2
        };
        (c, s2)
    }
}

/// A [`LengthModel`] whose parameters are known to be safe ([`LengthModel::safe`]).
#[derive(Clone, Copy, Debug)]
pub struct SafeModel {
    c: f64,
    s2: f64,
}

impl SafeModel {
    /// [`LengthModel::delta`].
    #[inline]
    pub fn delta(&self, en_len: f64, zh_len: f64) -> f64 {
        delta_given(self.c, self.s2, sanitize(en_len), sanitize(zh_len))
    }

    /// [`LengthModel::ln_match_probability`].
    #[inline]
    pub fn ln_match_probability(&self, en_len: f64, zh_len: f64) -> f64 {
        ln_match_probability_at(self.delta(en_len, zh_len).abs())
    }
}

/// [`LengthModel::moments`] with the parameters `c` and `s2` made safe.
#[inline(always)]
fn moments_given(c: f64, s2: f64, e: f64, z: f64) -> (f64, f64) {
    let mean = c * e + intercept(e);
    let m = (e + (z - intercept(e)).max(0.0) / c) / 2.0;
    (mean, (s2 * m.max(MIN_MEAN_LENGTH)).max(f64::MIN_POSITIVE))
}

/// [`LengthModel::delta`] of sanitised lengths with safe parameters.
#[inline(always)]
fn delta_given(c: f64, s2: f64, e: f64, z: f64) -> f64 {
    let (mean, var) = moments_given(c, s2, e, z);
    (z - mean) / var.sqrt()
}

/// The intercept applies to non-empty lines only (two empty lines match
/// exactly); it ramps in over the first English character.
fn intercept(e: f64) -> f64 {
    INTERCEPT * e.clamp(0.0, 1.0)
}

impl Default for LengthModel {
    /// [`LengthModel::DEFAULT`].
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Negative, NaN and infinite lengths become 0; huge ones are clamped.
fn sanitize(x: f64) -> f64 {
    if x.is_finite() && x > 0.0 {
        x.min(MAX_LEN)
    } else {
        0.0
    }
}

/// [`LengthModel::ln_match_probability`] of a pair whose |δ| is `abs_delta`: it depends on the
/// model only through δ, so a search can tabulate it.
pub fn ln_match_probability_at(abs_delta: f64) -> f64 {
    std::f64::consts::LN_2 + ln_normal_tail(abs_delta)
}

/// ln(1 − Φ(x)) for x ≥ 0 (x < 0 is treated as 0), via Abramowitz & Stegun
/// 26.2.17: 1 − Φ(x) = φ(x)·(b1·t + … + b5·t⁵), t = 1/(1 + p·x), absolute
/// error < 7.5e-8. Taking the log of φ analytically keeps it finite.
fn ln_normal_tail(x: f64) -> f64 {
    const P: f64 = 0.231_641_9;
    const B: [f64; 5] = [
        0.319_381_530,
        -0.356_563_782,
        1.781_477_937,
        -1.821_255_978,
        1.330_274_429,
    ];
    let x = if x.is_finite() { x.max(0.0) } else { 1e150 };
    let t = 1.0 / (1.0 + P * x);
    let poly = t * (B[0] + t * (B[1] + t * (B[2] + t * (B[3] + t * B[4]))));
    let ln_phi = -0.5 * x * x - 0.5 * (2.0 * std::f64::consts::PI).ln();
    ln_phi + poly.ln()
}

/// Φ(x), the standard normal CDF, from the same approximation (for tests and
/// for callers that want a probability rather than a cost).
pub fn normal_cdf(x: f64) -> f64 {
    if x.is_nan() {
        return 0.5;
    }
    let tail = ln_normal_tail(x.abs()).exp();
    if x >= 0.0 { 1.0 - tail } else { tail }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_walk_counts_like_a_char_walk() {
        // Every character, alone and between letters: the lead-byte reading must agree with
        // `char::is_whitespace` and with a plain fold over the characters, to the bit.
        let plain_zh = |t: &str| -> f64 {
            t.chars()
                .filter(|ch| !ch.is_whitespace())
                .map(|ch| if ch.is_ascii_alphanumeric() { 0.4 } else { 1.0 })
                .sum()
        };
        let mut text = String::new();
        for ch in (0..=0x10FFFF).filter_map(char::from_u32) {
            for t in [ch.to_string(), format!("a{ch}中 b")] {
                let plain_en = t.chars().filter(|c| !c.is_whitespace()).count() as f64;
                assert_eq!(english_length(&t), plain_en, "{ch:?}");
                assert_eq!(
                    chinese_length(&t).to_bits(),
                    plain_zh(&t).to_bits(),
                    "{ch:?}"
                );
            }
            if ch.is_whitespace() || (ch as u32).is_multiple_of(97) {
                text.push(ch);
            }
        }
        assert_eq!(chinese_length(&text).to_bits(), plain_zh(&text).to_bits());
        assert_eq!(chinese_length("").to_bits(), plain_zh("").to_bits());
    }

    fn m() -> LengthModel {
        LengthModel::DEFAULT
    }

    #[test]
    fn a_file_far_from_the_usual_ratio_fits_its_own() {
        // 40 pairs of a conversational translation at about half the English length, with a
        // spread: at the default start (c = 0.28, s² = 0.1) fewer than 30 fit, and the file was
        // checked against the default model.
        let pairs: Vec<(f64, f64)> = (0..40)
            .map(|k| {
                let e = 30.0 + f64::from(k % 9) * 7.0;
                let wobble = [-3.0, 2.0, 0.0, 4.0, -2.0, 1.0, -4.0, 3.0][k as usize % 8];
                (e, 0.5 * e + INTERCEPT + wobble)
            })
            .collect();
        let model = LengthModel::fit(&pairs);
        assert!((model.c - 0.5).abs() < 0.03, "{model:?}");
        assert!(model.s2 < LengthModel::DEFAULT.s2, "{model:?}");
        // Every pair is now within the usual limit of its fit.
        assert!(pairs.iter().all(|&(e, z)| model.delta(e, z).abs() < 2.5));
        // A file at the usual ratio is fitted from the default start, as before.
        let usual: Vec<(f64, f64)> = pairs.iter().map(|&(e, z)| (e, z - 0.22 * e)).collect();
        assert!((LengthModel::fit(&usual).c - 0.28).abs() < 0.03);
        // Fewer than 30 usable pairs: the default.
        assert_eq!(LengthModel::fit(&pairs[..20]), LengthModel::DEFAULT);
    }

    #[test]
    fn counts_non_whitespace() {
        assert_eq!(english_length("The cat sat."), 10.0);
        assert_eq!(english_length("  \t "), 0.0);
        assert_eq!(english_length(""), 0.0);
        assert_eq!(chinese_length("猫坐着。"), 4.0);
        assert_eq!(chinese_length("　猫 坐着。\n"), 4.0); // ideographic space
        assert_eq!(chinese_length_with_latin_weight("用 split 分开", 1.0), 8.0);
        let w = chinese_length("用 split 分开");
        assert!((w - (3.0 + 5.0 * LATIN_WEIGHT_IN_CHINESE)).abs() < 1e-9);
        assert_eq!(chinese_length_with_latin_weight("ab", f64::NAN), 2.0);
    }

    #[test]
    fn normal_cdf_matches_known_values() {
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-7);
        assert!((normal_cdf(1.0) - 0.841_344_7).abs() < 1e-6);
        assert!((normal_cdf(-1.96) - 0.024_997_9).abs() < 1e-6);
        assert!((normal_cdf(3.0) - 0.998_650_1).abs() < 1e-6);
        assert_eq!(normal_cdf(f64::NAN), 0.5);
        assert!(normal_cdf(f64::INFINITY) <= 1.0);
    }

    #[test]
    fn cost_is_finite_and_monotone() {
        let model = m();
        let perfect = model.cost(100.0, 30.5, 0.89);
        assert!((perfect - 11.65).abs() < 0.1, "{perfect}");
        let mut last = perfect;
        for z in [40.0, 50.0, 70.0, 120.0, 400.0, 1e6, 1e300] {
            let c = model.cost(100.0, z, 0.89);
            assert!(c.is_finite() && c >= last, "{z}: {c}");
            last = c;
        }
        for (e, z) in [(0.0, 0.0), (0.0, 5.0), (5.0, 0.0), (f64::NAN, -1.0)] {
            assert!(model.cost(e, z, 0.89).is_finite());
            assert!(model.delta(e, z).is_finite());
        }
        assert!(model.cost(10.0, 3.0, 0.0).is_finite());
        assert!(model.cost(10.0, 3.0, f64::NAN).is_finite());
        let bad = LengthModel {
            c: 0.0,
            s2: f64::NAN,
        };
        assert!(bad.cost(10.0, 3.0, 0.89).is_finite());
    }

    #[test]
    fn delta_sign_and_scale() {
        let model = m();
        assert!(model.delta(100.0, 30.5).abs() < 1e-9);
        assert!(model.delta(100.0, 80.0) > 3.0);
        assert!(model.delta(100.0, 10.0) < -3.0);
        assert_eq!(model.delta(0.0, 0.0), 0.0);
    }

    #[test]
    fn short_interjections_are_never_outliers() {
        let pairs = [
            ("是的。", "Mhmm."),
            ("对。", "Right."),
            ("好的。", "Okay."),
            ("嗯。", "Hmm."),
            ("好吧，好吧。", "OK."),
            ("谢谢你！", "Thanks!"),
            ("哦，天哪！", "Oh my God!"),
            ("什么？", "What?"),
            ("是。", "Yes, sir."),
            ("我也是。", "Me too."),
            ("不。", "No way!"),
        ];
        let tight = LengthModel { c: 0.28, s2: 0.15 };
        for model in [m(), tight] {
            for (zh, en) in pairs {
                let d = model.delta(english_length(en), chinese_length(zh));
                assert!(d.abs() < 2.5, "{zh}/{en}: δ = {d}");
                assert!(model.cost(english_length(en), chinese_length(zh), 0.89) < 450.0);
            }
        }
    }

    #[test]
    fn long_mismatch_is_an_outlier() {
        let model = m();
        // 120 English characters against 8 Chinese: clearly not a translation.
        assert!(model.delta(120.0, 8.0) < -3.0);
        // 10 English characters against 40 Chinese.
        assert!(model.delta(10.0, 40.0) > 3.0);
    }

    #[test]
    fn expected_range_brackets_delta() {
        let model = m();
        for e in [0.0, 3.0, 20.0, 80.0, 300.0] {
            let (lo, hi) = model.expected_range(e, 2.0);
            let mean = model.c * e + intercept(e);
            assert!(lo <= mean && hi >= mean, "{e}: {lo} {hi}");
            if lo > 0.0 {
                assert!((model.delta(e, lo) + 2.0).abs() < 1e-6);
            }
            assert!((model.delta(e, hi) - 2.0).abs() < 1e-6);
        }
        let (lo, hi) = model.expected_range(50.0, f64::NAN);
        assert!(
            (lo - 16.5).abs() < 1e-6 && (hi - 16.5).abs() < 1e-6,
            "{lo} {hi}"
        );
        // A 40-character English sentence: roughly 7–23 Chinese characters.
        let (lo, hi) = model.expected_range(40.0, 2.0);
        assert!(lo > 5.0 && lo < 10.0 && hi > 18.0 && hi < 26.0, "{lo} {hi}");
    }

    /// Deterministic pseudo-normal noise for the fit test.
    fn noise(state: &mut u64) -> f64 {
        let mut sum = 0.0;
        for _ in 0..12 {
            *state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            sum += (*state >> 11) as f64 / (1u64 << 53) as f64;
        }
        sum - 6.0
    }

    #[test]
    fn fit_recovers_parameters_and_ignores_outliers() {
        let mut state = 7;
        let truth = LengthModel { c: 0.3, s2: 0.3 };
        let mut pairs = Vec::new();
        for i in 0..2000 {
            let e = 10.0 + (i % 90) as f64;
            let m = e.max(MIN_MEAN_LENGTH); // at the mean, m = e
            let z = truth.c * e + INTERCEPT + noise(&mut state) * (truth.s2 * m).sqrt();
            pairs.push((e, z.max(1.0)));
        }
        // 3 % garbage.
        for i in 0..60 {
            pairs.push((20.0 + i as f64, 90.0));
        }
        let fit = LengthModel::fit(&pairs);
        assert!((fit.c - 0.3).abs() < 0.02, "{fit:?}");
        assert!((fit.s2 - 0.3).abs() < 0.08, "{fit:?}");
    }

    #[test]
    fn a_long_fit_is_the_same_on_any_number_of_threads() {
        let mut state = 11;
        let pairs: Vec<(f64, f64)> = (0..3 * FIT_BLOCK + 123)
            .map(|i| {
                let e = 5.0 + (i % 97) as f64;
                (
                    e,
                    (0.3 * e + INTERCEPT + noise(&mut state) * (0.3 * e).sqrt()).max(0.0),
                )
            })
            .collect();
        let on = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| LengthModel::fit(&pairs))
        };
        let one = on(1);
        assert_eq!(one, on(2));
        assert_eq!(one, on(3));
        assert!(
            (one.c - 0.3).abs() < 0.01 && (one.s2 - 0.3).abs() < 0.05,
            "{one:?}"
        );
    }

    #[test]
    fn fit_falls_back_and_clamps() {
        assert_eq!(LengthModel::fit(&[]), LengthModel::DEFAULT);
        assert_eq!(LengthModel::fit(&[(10.0, 4.0); 29]), LengthModel::DEFAULT);
        let zeros = vec![(0.0, 0.0); 100];
        assert_eq!(LengthModel::fit(&zeros), LengthModel::DEFAULT);
        let nan = vec![(f64::NAN, f64::INFINITY); 100];
        assert_eq!(LengthModel::fit(&nan), LengthModel::DEFAULT);
        // A file where Chinese is as long as English (untranslated copy): the
        // default model rejects almost every pair, so the fit falls back.
        let same: Vec<(f64, f64)> = (0..100)
            .map(|i| (20.0 + i as f64, 20.0 + i as f64))
            .collect();
        let fit = LengthModel::fit(&same);
        assert!(fit.c <= C_MAX && fit.s2 <= S2_MAX && fit.s2 >= S2_MIN);
        // Enough pairs to fit, but too few inside the narrow start (a short file with a
        // shifted stretch): the default, not the start.
        let mut short: Vec<(f64, f64)> = vec![(50.0, 16.5); 28];
        short.extend([(50.0, 30.0); 7]);
        assert_eq!(LengthModel::fit(&short), LengthModel::DEFAULT);
    }
}
