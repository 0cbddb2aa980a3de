//! Gale & Church style alignment and the checker built on it.
//!
//! [`align`] is a banded monotone DP over beads 1-1, 1-0, 0-1, 2-1, 1-2 and
//! 2-2. [`find`] takes a file whose pairs are given 1-1 and reports crossed
//! pairs ([`Finding::Swap`]), stretches whose translations belong to the
//! neighbouring pair ([`Finding::Shift`]) and sentences split over two pairs
//! ([`Finding::Split`]). Costs are `−100·ln(probability)` so they add along a
//! path and a gain of 400 means the alternative is e⁴ ≈ 55 times likelier.

use super::length::{INTERCEPT, LengthModel, SafeModel, ln_match_probability_at};
use std::cell::Cell;
use std::ops::Range;
use std::sync::LazyLock;

/// Prior of a 1-1 bead (Gale & Church 1993, table 5).
pub const PRIOR_ONE_ONE: f64 = 0.89;
/// Prior of a 2-1 bead and, separately, of a 1-2 bead: the paper's 0.089 for
/// the category, split evenly between the two directions.
pub const PRIOR_MERGE: f64 = 0.0445;
/// Prior of a 2-1 or 1-2 bead inside [`find`]'s local re-alignment: the same
/// as a deletion (−100·ln 0.005).
///
/// In a file that is given 1-1, a merge is as unusual as a lost line: either
/// one displaces the rest. With Gale & Church's merge prior the DP opened
/// every shift with whichever merge happened to fit the lengths, a few pairs
/// before the real dropped line, and misplaced the shift's start.
pub const FIND_MERGE_PRIOR: f64 = 0.005;
/// Prior of a 2-2 bead (content reflowed across two cues).
pub const PRIOR_TWO_TWO: f64 = 0.011;
/// Fixed cost of a 1-0 or 0-1 bead, −100·ln 0.005.
///
/// Deliberately not length-scored: a deleted line of length l has |δ| ≈
/// √(2l/s²), so with a length term the DP never deletes and absorbs a missing
/// line into wrong 1-1 and 2-1 beads instead (research note §1 and §8).
pub const DELETION_COST: f64 = 530.0;
/// Cost of a 1-0 or 0-1 bead for an empty line (length 0), −100·ln 0.5.
///
/// An empty slot carries no content, so dropping it is cheap; this lets the DP
/// use the empty Chinese slot left behind by a merged sentence or by a
/// dropped line at the end of a file.
pub const EMPTY_DELETION_COST: f64 = 69.3;
/// Probability that a correct pair has an arbitrary length ratio (a free
/// translation); caps every length-scored bead (see `robust_cost`). e^-6.
pub const OUTLIER_PROBABILITY: f64 = 0.0025;
/// Cost units per unit of [`Anchors::score`]: an agreement (score 1.0)
/// lowers a bead's cost by 150, i.e. makes it e^1.5 ≈ 4.5 times likelier;
/// a contradiction raises it by the same amount.
pub const ANCHOR_WEIGHT: f64 = 150.0;

/// How well Chinese lines fit English lines beyond length: 1.0 = numbers or
/// Latin names agree, −1.0 = they contradict, 0.0 = no information.
///
/// Supplied by the caller, who has the text; this module only sees lengths.
/// The ranges are the line indices merged in a bead (`en` into the English
/// lines, `zh` into the Chinese lines). Scores are clamped to [−1, 1].
/// Implementations must be cheap: [`find`] calls it about three times per
/// pair plus a few times per cell of each local DP.
pub trait Anchors {
    /// Compatibility of English lines `en` with Chinese lines `zh`.
    fn score(&self, en: Range<usize>, zh: Range<usize>) -> f64;
}

/// No anchor information: alignment by length alone.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoAnchors;

impl Anchors for NoAnchors {
    /// Always 0.0 (no information).
    fn score(&self, _en: Range<usize>, _zh: Range<usize>) -> f64 {
        0.0
    }
}

/// The shape of one step of an alignment: how many English and Chinese lines
/// it consumes (`OneZero` = one English line with no Chinese).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Bead {
    /// One English line, one Chinese line.
    OneOne,
    /// One English line without a translation.
    OneZero,
    /// One Chinese line without an original.
    ZeroOne,
    /// Two English lines translated by one Chinese line.
    TwoOne,
    /// One English line translated by two Chinese lines.
    OneTwo,
    /// Two English lines against two Chinese lines, content reflowed.
    TwoTwo,
    /// Two English lines against two Chinese lines in crossed order (the
    /// first English with the second Chinese). Only [`find`] uses it, at a
    /// sentence boundary; a monotone alignment cannot express a swap, so
    /// without it a crossed pair competes unfairly with shift explanations.
    Swap,
}

impl Bead {
    /// All bead types, in the DP's tie-breaking order (1-1 preferred).
    pub const ALL: [Bead; 7] = [
        Bead::OneOne,
        Bead::OneZero,
        Bead::ZeroOne,
        Bead::TwoOne,
        Bead::OneTwo,
        Bead::TwoTwo,
        Bead::Swap,
    ];

    /// Number of (English, Chinese) lines the bead consumes.
    pub fn sizes(self) -> (usize, usize) {
        match self {
            Bead::OneOne => (1, 1),
            Bead::OneZero => (1, 0),
            Bead::ZeroOne => (0, 1),
            Bead::TwoOne => (2, 1),
            Bead::OneTwo => (1, 2),
            Bead::TwoTwo | Bead::Swap => (2, 2),
        }
    }
}

/// One bead of an alignment path with the line ranges it covers (indices into
/// the English and Chinese line arrays) and its cost.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// Shape of the bead.
    pub bead: Bead,
    /// English line indices.
    pub en: Range<usize>,
    /// Chinese line indices.
    pub zh: Range<usize>,
    /// Cost of this bead, −100·ln(probability) minus the anchor bonus (for a
    /// `Swap` bead: the two crossed 1-1 costs plus the swap threshold).
    pub cost: f64,
}

/// Scores beads over sanitised, possibly zero-padded length arrays. Anchors
/// are consulted only for ranges inside the caller's real arrays.
struct Scorer<'a> {
    /// The length model, its parameters checked once.
    model: SafeModel,
    en: &'a [f64],
    zh: &'a [f64],
    anchors: &'a dyn Anchors,
    en_real: usize,
    zh_real: usize,
    /// Prior of 2-1 and 1-2 beads.
    merge_prior: f64,
    /// ln of the 1-1, 2-2 and merge priors.
    ln_priors: [f64; 3],
    /// Length costs of the 1-1 beads next to the diagonal (English `i` against Chinese `i − 1`,
    /// `i`, `i + 1`), NaN until first asked: the scan, the swap test and the regions' DP ask
    /// for the same ones several times.
    near_diagonal: Vec<[Cell<f64>; 3]>,
}

impl<'a> Scorer<'a> {
    fn new(
        model: &'a LengthModel,
        (en, zh): (&'a [f64], &'a [f64]),
        anchors: &'a dyn Anchors,
        (en_real, zh_real): (usize, usize),
        merge_prior: f64,
    ) -> Self {
        Scorer {
            model: model.safe(),
            en,
            zh,
            anchors,
            en_real,
            zh_real,
            merge_prior,
            ln_priors: [PRIOR_ONE_ONE.ln(), PRIOR_TWO_TWO.ln(), merge_prior.ln()],
            near_diagonal: (0..en.len())
                .map(|_| std::array::from_fn(|_| Cell::new(f64::NAN)))
                .collect(),
        }
    }
}

impl Scorer<'_> {
    /// Cost of a monotone `bead` starting at English line `i` and Chinese
    /// line `j` (`Swap` is scored by [`SwapRule`]).
    fn bead(&self, bead: Bead, i: usize, j: usize) -> f64 {
        let length = self.length_cost(bead, i, j);
        if self.anchored(bead) {
            let (a, b) = bead.sizes();
            length - ANCHOR_WEIGHT * self.anchor(i..i + a, j..j + b)
        } else {
            length
        }
    }

    /// A cost no `bead` can go below, whatever the lengths and anchors: the DP skips a bead
    /// whose cheapest possible cost cannot beat the best found for the cell, without scoring
    /// it. A length probability is at most 1, so a length-scored bead costs at least
    /// −100·ln(prior·(1 + ε)) (`robust_cost`); the margin absorbs rounding.
    fn min_cost(&self, bead: Bead, swap_threshold: f64) -> f64 {
        let scored =
            |prior: f64| -100.0 * (prior.ln() + OUTLIER_PROBABILITY.ln_1p()) - ANCHOR_WEIGHT - 1.0;
        match bead {
            Bead::OneZero | Bead::ZeroOne => EMPTY_DELETION_COST.min(DELETION_COST) - 1.0,
            Bead::OneOne => scored(PRIOR_ONE_ONE),
            Bead::TwoOne | Bead::OneTwo => scored(self.merge_prior),
            Bead::TwoTwo => scored(PRIOR_TWO_TWO),
            Bead::Swap => 2.0 * scored(PRIOR_ONE_ONE) + swap_threshold,
        }
    }

    /// True when `bead`'s cost includes an anchor term (its length cost is then only known to
    /// within ±[`ANCHOR_WEIGHT`]).
    fn anchored(&self, bead: Bead) -> bool {
        !matches!(bead, Bead::OneZero | Bead::ZeroOne | Bead::Swap)
    }

    /// The length part of [`Scorer::bead`]: the DP compares it against the best cost found so
    /// far and asks the anchors (the costly part) only when the bead could still win.
    fn length_cost(&self, bead: Bead, i: usize, j: usize) -> f64 {
        if bead == Bead::OneOne
            && let Some(slot) = (j + 1)
                .checked_sub(i)
                .and_then(|d| self.near_diagonal.get(i)?.get(d))
        {
            let known = slot.get();
            if !known.is_nan() {
                return known;
            }
            let cost = self.compute_length_cost(bead, i, j);
            slot.set(cost);
            return cost;
        }
        self.compute_length_cost(bead, i, j)
    }

    /// A lower bound of [`Scorer::length_cost`] for an anchored bead, cheap unless it is known
    /// already: δ and a table entry ([`length_cost_floor`]).
    fn length_cost_floor(&self, bead: Bead, i: usize, j: usize) -> f64 {
        if bead == Bead::OneOne
            && let Some(slot) = (j + 1)
                .checked_sub(i)
                .and_then(|d| self.near_diagonal.get(i)?.get(d))
            && !slot.get().is_nan()
        {
            return slot.get();
        }
        let (le, lz) = self.bead_lengths(bead, i, j);
        length_cost_floor(self.model.delta(le, lz).abs(), self.ln_prior(bead))
    }

    /// English and Chinese lengths a monotone, anchored `bead` compares.
    fn bead_lengths(&self, bead: Bead, i: usize, j: usize) -> (f64, f64) {
        let (a, b) = bead.sizes();
        let le: f64 = self.en[i..i + a].iter().sum();
        let mut lz: f64 = self.zh[j..j + b].iter().sum();
        if b == 2 {
            // The model's intercept is per Chinese line; the length
            // model sees one line, so remove the second overhead.
            lz = (lz - INTERCEPT).max(0.0);
        }
        (le, lz)
    }

    /// ln of an anchored bead's prior.
    fn ln_prior(&self, bead: Bead) -> f64 {
        match bead {
            Bead::OneOne => self.ln_priors[0],
            Bead::TwoTwo => self.ln_priors[1],
            _ => self.ln_priors[2],
        }
    }

    fn compute_length_cost(&self, bead: Bead, i: usize, j: usize) -> f64 {
        match bead {
            Bead::OneZero => deletion_cost(self.en[i]),
            Bead::ZeroOne => deletion_cost(self.zh[j]),
            Bead::Swap => f64::INFINITY,
            _ => {
                let (le, lz) = self.bead_lengths(bead, i, j);
                robust_from_ln_p(self.model.ln_match_probability(le, lz), self.ln_prior(bead))
            }
        }
    }

    /// 1-1 cost of English line `i` against Chinese line `j`.
    fn one_one(&self, i: usize, j: usize) -> f64 {
        self.bead(Bead::OneOne, i, j)
    }

    /// Length-only lower bound of the 1-1 cost (anchors can only lower the
    /// cost by ANCHOR_WEIGHT).
    fn one_one_lower_bound(&self, i: usize, j: usize) -> f64 {
        self.length_cost(Bead::OneOne, i, j) - ANCHOR_WEIGHT
    }

    /// [`Scorer::one_one_lower_bound`] from [`Scorer::length_cost_floor`]: lower still, and
    /// cheap, so it is asked first.
    fn one_one_floor(&self, i: usize, j: usize) -> f64 {
        self.length_cost_floor(Bead::OneOne, i, j) - ANCHOR_WEIGHT
    }

    fn anchor(&self, en: Range<usize>, zh: Range<usize>) -> f64 {
        if en.end > self.en_real || zh.end > self.zh_real {
            return 0.0;
        }
        let s = self.anchors.score(en, zh);
        if s.is_finite() {
            s.clamp(-1.0, 1.0)
        } else {
            0.0
        }
    }
}

/// Gale & Church cost of a bead under a contaminated model: the length
/// probability `p` becomes `p + OUTLIER_PROBABILITY`, so no bead costs more
/// than −100·ln(prior · OUTLIER_PROBABILITY) (611 for 1-1).
///
/// Real translations have rare free renderings ("Tom游泳。", a one-word
/// answer to a long question) with |δ| of 4–5 and a plain cost above 1000,
/// more than two deletions. Without the cap, one such pair inside a shifted
/// stretch made the DP close the shift before it and reopen it after it
/// (measured on shuffled Tatoeba: a 500,000-pair shift reported as ~140
/// pieces); with it, a single pair can never outweigh a deletion pair.
#[cfg(test)]
fn robust_cost(cost: f64, prior: f64) -> f64 {
    let ln_prior = prior.max(f64::MIN_POSITIVE).ln();
    robust_from_ln_p(-cost / 100.0 - ln_prior, ln_prior)
}

/// ln [`OUTLIER_PROBABILITY`] (checked by a test): the search computes a bead cost millions of
/// times, and each logarithm saved counts.
const LN_OUTLIER_PROBABILITY: f64 = -5.991_464_547_107_982;

/// [`robust_cost`] from the bead's log length probability and log prior, without the round trip
/// through a plain cost (three transcendental functions instead of five).
fn robust_from_ln_p(ln_p: f64, ln_prior: f64) -> f64 {
    let ln_eps = LN_OUTLIER_PROBABILITY;
    let ln_sum = if ln_p > ln_eps {
        ln_p + (ln_eps - ln_p).exp().ln_1p()
    } else {
        ln_eps + (ln_p - ln_eps).exp().ln_1p()
    };
    -100.0 * (ln_prior + ln_sum)
}

/// Steps per unit of |δ| in [`LENGTH_FLOOR`].
const FLOOR_STEPS: f64 = 64.0;
/// |δ| up to which [`LENGTH_FLOOR`] has entries: past it every bead cost is near its cap.
const FLOOR_MAX_DELTA: usize = 12;

/// The length part of a bead cost at |δ| = k / [`FLOOR_STEPS`], less a margin, without the
/// prior: the cost only grows with |δ| (a test checks it on a fine grid), so an entry bounds
/// every cost between it and the next from below. The search's branch and bound asks it first,
/// and computes the exact cost (a square root, a division and three transcendental functions)
/// only for a bead the bound cannot rule out.
static LENGTH_FLOOR: LazyLock<Vec<f64>> = LazyLock::new(|| {
    (0..=FLOOR_MAX_DELTA * FLOOR_STEPS as usize)
        .map(|k| robust_from_ln_p(ln_match_probability_at(k as f64 / FLOOR_STEPS), 0.0) - 1e-6)
        .collect()
});

/// A lower bound of [`robust_from_ln_p`]`(ln_match_probability_at(abs_delta), ln_prior)`.
fn length_cost_floor(abs_delta: f64, ln_prior: f64) -> f64 {
    let table = &*LENGTH_FLOOR;
    // NaN and negative values read entry 0, the least.
    let k = ((abs_delta * FLOOR_STEPS) as usize).min(table.len() - 1);
    table[k] - 100.0 * ln_prior
}

fn deletion_cost(len: f64) -> f64 {
    if len > 0.0 {
        DELETION_COST
    } else {
        EMPTY_DELETION_COST
    }
}

/// When a crossed pair is a plausible explanation, and what it costs.
struct SwapRule<'a> {
    /// Added to the crossed cost: a swap must beat the given pairing by this.
    threshold: f64,
    /// Each crossed pairing must be at least this plausible on its own.
    max_cross: f64,
    boundary: Option<&'a dyn Fn(usize) -> bool>,
}

impl SwapRule<'_> {
    /// Gain of crossing English `i, i+1` with Chinese `j, j+1` over the
    /// straight pairing, or `None` where a swap is not a valid explanation:
    /// an empty line among the four (an empty slot is not crossed content),
    /// an implausible crossed pairing (a swap that merely moves an absurd
    /// line next to a shorter partner is no repair), or no sentence boundary
    /// between the two pairs.
    fn crossed(&self, sc: &Scorer, i: usize, j: usize) -> Option<f64> {
        if [sc.en[i], sc.en[i + 1], sc.zh[j], sc.zh[j + 1]].contains(&0.0) {
            return None;
        }
        if self.boundary.is_some_and(|f| !f(i)) {
            return None;
        }
        let (x, y) = (sc.one_one(i, j + 1), sc.one_one(i + 1, j));
        // Each crossed pairing must be plausible on its own, or at least better than the
        // pairing it replaces: in speech transcripts a line often carries a word of the next
        // speaker ("…, you know Interesting."), so a true crossing can still be imperfect.
        let improves_both = x < sc.one_one(i, j) && y < sc.one_one(i + 1, j + 1);
        (x.max(y) <= self.max_cross || improves_both).then_some(x + y)
    }
}

/// Lengths made finite and non-negative.
fn sanitized(v: &[f64], n: usize) -> Vec<f64> {
    (0..n)
        .map(|i| match v.get(i) {
            Some(&x) if x.is_finite() && x > 0.0 => x,
            _ => 0.0,
        })
        .collect()
}

/// Best monotone alignment of `en` against `zh` (line lengths) within a band
/// of `band` lines around the diagonal.
///
/// Beads 1-1, 1-0, 0-1, 2-1, 1-2, 2-2 (never [`Bead::Swap`]). Deletions get
/// the fixed [`DELETION_COST`] (or [`EMPTY_DELETION_COST`] for an empty
/// line), never a length-scored cost. The band keeps time and memory at
/// O(n·band); if no path fits inside it (very unequal line counts), the band
/// is widened until one does. Memory is three `f64` rows plus one byte per
/// cell. Returns the steps in order; empty for empty input.
pub fn align(
    model: &LengthModel,
    en: &[f64],
    zh: &[f64],
    anchors: &dyn Anchors,
    band: usize,
) -> Vec<Step> {
    let en_s = sanitized(en, en.len());
    let zh_s = sanitized(zh, zh.len());
    let scorer = Scorer::new(
        model,
        (&en_s, &zh_s),
        anchors,
        (en.len(), zh.len()),
        PRIOR_MERGE,
    );
    let grid = Grid {
        sc: &scorer,
        swap: None,
        diagonal: false,
        free_end: false,
        order: EVALUATION_ORDER,
        prune_by_diagonal: false,
    };
    grid.align(0..en.len(), 0..zh.len(), band)
}

/// A banded DP problem: which beads, which band shape, which end cell.
struct Grid<'a> {
    sc: &'a Scorer<'a>,
    /// Allow [`Bead::Swap`] under this rule.
    swap: Option<&'a SwapRule<'a>>,
    /// Band around `j = i` (local windows of a 1-1 file) rather than around
    /// the proportional diagonal `j = i·nz/ne`.
    diagonal: bool,
    /// End anywhere in the last row (the window's English end) instead of
    /// at the corner: the displacement may continue past the window.
    free_end: bool,
    /// The order a cell tries the beads in ([`EVALUATION_ORDER`]; the tests compare others).
    order: [u8; 7],
    /// Turn away beads that cannot be on a path cheaper than the diagonal ([`Grid::diagonal_bound`]).
    prune_by_diagonal: bool,
}

const NO_BEAD: u8 = u8::MAX;

/// What [`Grid::diagonal_bound`] computes for one region.
struct DiagonalBound {
    /// Per cell (`i * width + j − lo(i)`): the least cost of a path from the cell to an end.
    to_end: Vec<f64>,
    /// Per cell, per bead code starting there: [`Grid::bead_floor`] (infinite where the bead
    /// leaves the band or cannot reach an end).
    floors: Vec<[f64; 7]>,
    /// The diagonal's cost, and a little for rounding: no bead of the best path goes above it.
    limit: f64,
}

/// Cells of a region's DP up to which [`Grid::diagonal_bound`] keeps its bound (65 bytes a
/// cell). The bound only saves work, it never changes the path; a region this big is a file
/// where nearly every pair is suspect (a file with no translation at all is one region), and
/// there the bound's tables were most of the run's memory (870 MB for a 30 MB file).
const MAX_BOUND_CELLS: usize = 1 << 20;

/// The order in which a DP cell tries the beads (codes into [`Bead::ALL`]): the deletions first,
/// whose cost needs no anchors, so that the anchored beads after them can often be turned
/// away by their length cost alone, before their anchors are scored. The winner is the same as
/// in `Bead::ALL`'s order: the lowest cost, and among equal costs the first in `Bead::ALL`.
const EVALUATION_ORDER: [u8; 7] = [1, 2, 0, 3, 4, 5, 6];

impl Grid<'_> {
    /// Banded DP over English lines `er` and Chinese lines `zr` (absolute
    /// indices), widening the band until a path exists.
    fn align(&self, er: Range<usize>, zr: Range<usize>, band: usize) -> Vec<Step> {
        let widest = er.len().max(zr.len()) + 1;
        let mut band = band.clamp(1, widest);
        loop {
            if let Some(steps) = self.banded(er.clone(), zr.clone(), band) {
                return steps;
            }
            // banded() succeeds once the band covers the matrix; the guard
            // only keeps a bug from turning into an endless loop.
            if band >= widest {
                return Vec::new();
            }
            band = band.saturating_mul(2).min(widest);
        }
    }

    /// A lower bound of `bead`'s cost from English line `bi` and Chinese line `bj` that scores
    /// no anchor (anchors lower a cost by [`ANCHOR_WEIGHT`] at most); infinite where the bead is
    /// not allowed.
    fn bead_floor(&self, bead: Bead, bi: usize, bj: usize) -> f64 {
        let sc = self.sc;
        match (bead, self.swap) {
            (Bead::Swap, Some(rule)) if bi == bj => {
                sc.one_one_floor(bi, bj + 1) + sc.one_one_floor(bi + 1, bj) + rule.threshold
            }
            (Bead::Swap, _) => f64::INFINITY,
            (Bead::OneZero | Bead::ZeroOne, _) => sc.length_cost(bead, bi, bj),
            _ => sc.length_cost_floor(bead, bi, bj) - ANCHOR_WEIGHT,
        }
    }

    /// For a region of [`find`] (a band around the diagonal from the diagonal's start), what
    /// lets [`Grid::banded`] turn beads away before scoring their anchors: the diagonal's cost,
    /// and per cell the least cost any path from it to an end can have by [`Grid::bead_floor`]
    /// (kept per bead start, for the forward pass to reuse). A bead whose path cannot come
    /// under the diagonal's cost cannot be on the best path, which costs the diagonal's at most:
    /// most of a region's cells lie on no such path, and their anchors were most of the search.
    /// `None` when the region does not start on the diagonal or cannot end on it.
    fn diagonal_bound(
        &self,
        (e0, ne): (usize, usize),
        (z0, nz): (usize, usize),
        lo: &dyn Fn(usize) -> usize,
        hi: &dyn Fn(usize) -> usize,
        width: usize,
        min_cost: &[f64; 7],
    ) -> Option<DiagonalBound> {
        if !(self.prune_by_diagonal && self.diagonal && e0 == z0 && nz >= ne)
            || (!self.free_end && nz != ne)
        {
            return None;
        }
        let cells = (ne + 1) * width;
        if cells > MAX_BOUND_CELLS {
            return None;
        }
        let sc = self.sc;
        let diagonal: f64 = (e0..e0 + ne).map(|k| sc.one_one(k, k)).sum();
        if !diagonal.is_finite() {
            return None;
        }
        let mut bound = DiagonalBound {
            to_end: vec![f64::INFINITY; cells],
            floors: vec![[f64::INFINITY; 7]; cells],
            // Rounding: a path's bound may exceed its exact cost by a few ulps of the sums.
            limit: diagonal + 1e-9 * (diagonal.abs() + 1.0),
        };
        for i in (0..=ne).rev() {
            let l = lo(i);
            for j in (l..=hi(i)).rev() {
                let cell = i * width + (j - l);
                if i == ne && (self.free_end || j == nz) {
                    // An end: staying costs nothing, and moving on only adds.
                    bound.to_end[cell] = 0.0;
                    continue;
                }
                let mut best = f64::INFINITY;
                for (code, bead) in Bead::ALL.iter().enumerate() {
                    let (a, b) = bead.sizes();
                    let (ti, tj) = (i + a, j + b);
                    if ti > ne || tj < lo(ti) || tj > hi(ti) {
                        continue;
                    }
                    let rest = bound.to_end[ti * width + (tj - lo(ti))];
                    if !rest.is_finite() {
                        continue;
                    }
                    let floor = if matches!(bead, Bead::TwoOne | Bead::OneTwo | Bead::TwoTwo) {
                        // Their priors alone put merges far above a 1-1 bead: the prior's
                        // bound is nearly as good, and a length floor is computed only for the
                        // few the forward pass reaches.
                        bound.floors[cell][code] = f64::NAN;
                        min_cost[code]
                    } else {
                        let floor = self.bead_floor(*bead, e0 + i, z0 + j);
                        bound.floors[cell][code] = floor;
                        floor
                    };
                    best = best.min(floor + rest);
                }
                bound.to_end[cell] = best;
            }
        }
        Some(bound)
    }

    fn banded(&self, er: Range<usize>, zr: Range<usize>, band: usize) -> Option<Vec<Step>> {
        let (e0, ne, z0, nz) = (er.start, er.len(), zr.start, zr.len());
        let sc = self.sc;
        // Row i covers Chinese positions lo(i)..=hi(i) around the diagonal.
        let center = |i: usize| -> usize {
            if self.diagonal {
                i
            } else if ne == 0 {
                0
            } else {
                ((i as u128 * nz as u128 + ne as u128 / 2) / ne as u128) as usize
            }
        };
        let full = ne == 0;
        let lo = |i: usize| {
            if full {
                0
            } else {
                center(i).saturating_sub(band).min(nz)
            }
        };
        let hi = |i: usize| if full { nz } else { (center(i) + band).min(nz) };
        let width = if full { nz + 1 } else { 2 * band + 1 };
        let mut bp = vec![NO_BEAD; (ne + 1) * width];
        // rows[r] holds the costs of DP row i - r (r = 0 current, 1, 2 previous).
        let mut rows = [
            vec![f64::INFINITY; width],
            vec![f64::INFINITY; width],
            vec![f64::INFINITY; width],
        ];
        let swap_threshold = self.swap.map_or(0.0, |r| r.threshold);
        let min_cost = Bead::ALL.map(|b| sc.min_cost(b, swap_threshold));
        let bound = self.diagonal_bound((e0, ne), (z0, nz), &lo, &hi, width, &min_cost);
        let get = |rows: &[Vec<f64>; 3], i: usize, back: usize, j: usize| -> f64 {
            let r = i - back;
            if j < lo(r) || j > hi(r) {
                f64::INFINITY
            } else {
                rows[back][j - lo(r)]
            }
        };
        for i in 0..=ne {
            rows.rotate_right(1);
            rows[0].fill(f64::INFINITY);
            let l = lo(i);
            for j in l..=hi(i) {
                if i == 0 && j == 0 {
                    rows[0][0] = 0.0;
                    continue;
                }
                let mut best = f64::INFINITY;
                let mut best_bead = NO_BEAD;
                for &code in &self.order {
                    let bead = &Bead::ALL[usize::from(code)];
                    // A bead wins with a lower cost, or an equal one and a lower code (the
                    // first of `Bead::ALL`); `cannot_win(bound)` when its cost is at least
                    // `bound`.
                    let cannot_win =
                        |bound: f64| bound > best || (bound == best && code > best_bead);
                    let (a, b) = bead.sizes();
                    if i < a || j < b {
                        continue;
                    }
                    let prev = get(&rows, i, a, j - b);
                    if !prev.is_finite() || cannot_win(prev + min_cost[usize::from(code)]) {
                        continue;
                    }
                    let (bi, bj) = (e0 + i - a, z0 + j - b);
                    // The bead's floor, known from the bound's pass or computed when asked.
                    let known_floor = bound.as_ref().map(|bd| {
                        let stored =
                            bd.floors[(i - a) * width + (j - b - lo(i - a))][usize::from(code)];
                        if stored.is_nan() {
                            self.bead_floor(*bead, bi, bj)
                        } else {
                            stored
                        }
                    });
                    if let (Some(bd), Some(floor)) = (&bound, known_floor)
                        && (prev + floor + bd.to_end[i * width + (j - l)])
                            .partial_cmp(&bd.limit)
                            .is_none_or(|o| o.is_gt())
                    {
                        continue;
                    }
                    let floor_of =
                        |bead: Bead| known_floor.unwrap_or_else(|| self.bead_floor(bead, bi, bj));
                    // Branch and bound: anchors move a bead's cost by at most ANCHOR_WEIGHT,
                    // so a bead whose length cost cannot beat the best so far is not scored
                    // further (the path found is the same; most anchor scoring is skipped).
                    let cost = match (bead, self.swap) {
                        (Bead::Swap, None) => continue,
                        // Crossed pairs only on the diagonal: a swap inside
                        // a displaced stretch is too rare to pay for.
                        (Bead::Swap, Some(_)) if bi != bj => continue,
                        (Bead::Swap, Some(rule)) => {
                            if cannot_win(prev + floor_of(Bead::Swap)) {
                                continue;
                            }
                            let bound = sc.one_one_lower_bound(bi, bj + 1)
                                + sc.one_one_lower_bound(bi + 1, bj)
                                + rule.threshold;
                            if cannot_win(prev + bound) {
                                continue;
                            }
                            match rule.crossed(sc, bi, bj) {
                                Some(x) => x + rule.threshold,
                                None => continue,
                            }
                        }
                        _ => {
                            if sc.anchored(*bead) && cannot_win(prev + floor_of(*bead)) {
                                continue;
                            }
                            let length = sc.length_cost(*bead, bi, bj);
                            if !sc.anchored(*bead) {
                                length
                            } else if cannot_win(prev + (length - ANCHOR_WEIGHT)) {
                                continue;
                            } else {
                                let (a, b) = bead.sizes();
                                length - ANCHOR_WEIGHT * sc.anchor(bi..bi + a, bj..bj + b)
                            }
                        }
                    };
                    if prev + cost < best || (prev + cost == best && code < best_bead) {
                        best = prev + cost;
                        best_bead = code;
                    }
                }
                rows[0][j - l] = best;
                bp[i * width + (j - l)] = best_bead;
            }
        }
        let end_j = if self.free_end {
            // Cheapest end in the last row; ties go to the diagonal.
            (lo(ne)..=hi(ne))
                .filter(|&j| get(&rows, ne, 0, j).is_finite())
                .min_by(|&x, &y| {
                    get(&rows, ne, 0, x)
                        .total_cmp(&get(&rows, ne, 0, y))
                        .then(x.abs_diff(ne).cmp(&y.abs_diff(ne)))
                })?
        } else {
            nz
        };
        if !get(&rows, ne, 0, end_j).is_finite() {
            return None;
        }
        let mut steps = Vec::new();
        let (mut i, mut j) = (ne, end_j);
        while i > 0 || j > 0 {
            let code = bp[i * width + (j - lo(i))];
            let bead = *Bead::ALL.get(code as usize)?;
            let (a, b) = bead.sizes();
            let (si, sj) = (i - a, j - b);
            let (bi, bj) = (e0 + si, z0 + sj);
            let cost = match (bead, self.swap) {
                (Bead::Swap, Some(rule)) => rule.crossed(sc, bi, bj)? + rule.threshold,
                _ => sc.bead(bead, bi, bj),
            };
            steps.push(Step {
                bead,
                en: bi..e0 + i,
                zh: bj..z0 + j,
                cost,
            });
            i = si;
            j = sj;
        }
        steps.reverse();
        Some(steps)
    }
}

/// Which way a shifted stretch is displaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShiftKind {
    /// A Chinese line is missing (or an English line was added): from
    /// `start` on, each Chinese line translates the *next* pair's English.
    Dropped,
    /// A Chinese line was added (or an English line is missing): from
    /// `start` on, each Chinese line translates the *previous* pair's English.
    Inserted,
}

/// A misalignment found by [`find`]. Indices are pair indices; `gain` is how
/// much cheaper (in −100·ln units) the repaired pairing is than the given one.
#[derive(Clone, Debug, PartialEq)]
pub enum Finding {
    /// Pairs `at` and `at + 1` have crossed translations: Chinese `at` belongs
    /// to English `at + 1` and vice versa.
    Swap {
        /// First pair of the two.
        at: usize,
        /// Cost of the given pairing minus the cost of the swapped one.
        gain: f64,
    },
    /// Pairs `start..end` are displaced by a dropped or inserted line;
    /// `end` is where the pairing is back in step (or the end of the file).
    Shift {
        /// First affected pair.
        start: usize,
        /// One past the last affected pair.
        end: usize,
        /// Direction of the displacement.
        kind: ShiftKind,
        /// Cost of the given pairing of `start..end` minus that of `repair`.
        gain: f64,
        /// The better alignment of English `start..end` against Chinese
        /// `start..end` (absolute line indices), for a realign fix.
        repair: Vec<Step>,
    },
    /// Pairs `at` and `at + 1` hold one sentence: on one side the two lines
    /// are translated by a single line (a 2-1 or 1-2 bead) and the other
    /// pair's slot is empty or short.
    Split {
        /// First pair of the two.
        at: usize,
        /// Cost of the given pairing minus that of the merged one.
        gain: f64,
    },
}

impl Finding {
    /// First pair index the finding is about (for sorting and messages).
    pub fn start(&self) -> usize {
        match self {
            Finding::Swap { at, .. } | Finding::Split { at, .. } => *at,
            Finding::Shift { start, .. } => *start,
        }
    }

    /// The same finding with every pair index moved by `offset` (a finding made on a slice of
    /// the file, placed back in the whole file).
    pub fn offset(self, offset: usize) -> Finding {
        match self {
            Finding::Swap { at, gain } => Finding::Swap {
                at: at + offset,
                gain,
            },
            Finding::Split { at, gain } => Finding::Split {
                at: at + offset,
                gain,
            },
            Finding::Shift {
                start,
                end,
                kind,
                gain,
                repair,
            } => Finding::Shift {
                start: start + offset,
                end: end + offset,
                kind,
                gain,
                repair: repair
                    .into_iter()
                    .map(|s| Step {
                        en: s.en.start + offset..s.en.end + offset,
                        zh: s.zh.start + offset..s.zh.end + offset,
                        ..s
                    })
                    .collect(),
            },
        }
    }
}

/// Thresholds and hooks for [`find`].
#[derive(Clone, Copy)]
pub struct FindOptions<'a> {
    /// Minimum gain for a [`Finding::Swap`]. 600 = the swapped pairing is
    /// e⁶ ≈ 400 times likelier by length. Swept on shuffled Tatoeba, lengths
    /// only, one planted swap per 200 pairs: 400 gives false swaps at 0.26 %
    /// of clean positions, recall 24 %, precision 19 %; 600 gives 0.03 %,
    /// recall 16 %, precision 52 %; 700 gives 0.01 %, 12 %, 71 %. Anchors
    /// raise the gain of real swaps.
    pub swap_threshold: f64,
    /// Minimum gain for a [`Finding::Shift`]; the repair already pays
    /// [`DELETION_COST`] per deleted line, so this is a margin on top. Real
    /// shifts gain thousands; 600 removes most chance detours.
    pub shift_threshold: f64,
    /// Minimum gain per displaced pair for a [`Finding::Shift`].
    ///
    /// Where neighbouring lines have nearly equal lengths (a list sorted by
    /// length, uniform subtitle cues), pairing each line with its neighbour
    /// costs about the same as the given pairing, and tiny per-pair
    /// advantages add up over thousands of pairs. Real displacements gain
    /// 60–200 per pair on Tatoeba; such chance detours gained 4–11.
    pub shift_gain_per_pair: f64,
    /// Minimum gain for a [`Finding::Split`] (an info-level finding; merges
    /// are common and cheap to report).
    pub split_threshold: f64,
    /// A pair whose 1-1 cost exceeds this starts a local re-alignment
    /// (320 ≈ |δ| > 2 with no anchor information).
    pub suspect_cost: f64,
    /// Pairs of context added on each side of a suspect region.
    pub pad: usize,
    /// Suspect pairs at most this far apart are re-aligned together.
    pub merge_gap: usize,
    /// Half-width of the DP band in the local re-alignment, i.e. the largest
    /// displacement a shift may have.
    pub band: usize,
    /// `boundary(k)` is true when a sentence ends between pair `k` and pair
    /// `k + 1` (final punctuation, or a timestamp gap).
    ///
    /// Human subtitlers move content across cues inside one sentence to
    /// follow Chinese word order. So a swap is considered only where
    /// `boundary(k)` is true; a shift is reported only if one of its moved
    /// pairs ends a sentence (reflow inside sentences looks like a short
    /// displacement by length); a split only where it is false (a merge
    /// across a real sentence end is not a split sentence). `None` =
    /// unknown: no filtering. The hook trades recall for precision: on the
    /// Udacity subtitles, "English line ends in . ? !" keeps shifts
    /// detectable, "both sides end a sentence" almost never fires because
    /// Chinese subtitles omit the final 。.
    pub boundary: Option<&'a dyn Fn(usize) -> bool>,
    /// `fit_excluded(k)` is true for a pair the length model is not fitted on: its lengths were
    /// set for the search (an untranslated line in its place gets the length its original
    /// predicts), and a pair at δ = 0 by construction would narrow the fitted spread. `None`:
    /// every pair.
    pub fit_excluded: Option<&'a dyn Fn(usize) -> bool>,
    /// Pairs re-aligned whatever their cost: their lengths were set for the search (a cut
    /// translation in its place), and a shift beside one must still be searched from before it.
    pub suspect: &'a [usize],
}

impl Default for FindOptions<'_> {
    /// Thresholds calibrated with `examples/measure.rs` on Tatoeba and
    /// Udacity: below 1 % of clean sentence pairs inside a finding.
    fn default() -> Self {
        FindOptions {
            swap_threshold: 600.0,
            shift_threshold: 600.0,
            shift_gain_per_pair: 25.0,
            split_threshold: 150.0,
            suspect_cost: 320.0,
            pad: 3,
            merge_gap: 8,
            band: 4,
            boundary: None,
            fit_excluded: None,
            suspect: &[],
        }
    }
}

/// Pairs added at least when a region of [`find`] is re-aligned because its path was still
/// displaced near the end (the region also doubles, which keeps the total work linear).
const REGROW_MIN: usize = 8;

/// Checks a file whose pairs are given 1-1 (`en[i]` beside `zh[i]`, lengths
/// from [`super::length`]) and returns its swaps, shifts and splits in order.
///
/// 1. Every pair's 1-1 cost, and the explicit adjacent-swap test for every k
///    (the crossed costs only when a length bound says the swap could pass).
/// 2. Suspect pairs (1-1 cost above `suspect_cost`, one side empty, or a
///    swap candidate) are grouped into padded regions.
/// 3. Each region is re-aligned by the banded DP with the monotone beads plus
///    [`Bead::Swap`] at sentence boundaries, with a free end: when the best
///    path is still displaced at the region's end, the region is doubled and
///    re-aligned, so a shift is followed to where it resynchronises.
/// 4. The best path is read off: a `Swap` bead on the diagonal is a
///    [`Finding::Swap`]; a detour off the diagonal that moves translations is
///    a [`Finding::Shift`]; one that only merges lines is a
///    [`Finding::Split`]. Each must beat the given pairing by its threshold.
///
/// Cost is O(n) in time and memory: the DP runs only around suspect pairs.
/// If the two arrays differ in length, the shorter is padded with empty
/// lines.
pub fn find(
    model: &LengthModel,
    en: &[f64],
    zh: &[f64],
    anchors: &dyn Anchors,
    opts: &FindOptions,
) -> Vec<Finding> {
    let n = en.len().max(zh.len());
    if n == 0 {
        return Vec::new();
    }
    let en_s = sanitized(en, n);
    let zh_s = sanitized(zh, n);
    let sc = Scorer::new(
        model,
        (&en_s, &zh_s),
        anchors,
        (en.len(), zh.len()),
        FIND_MERGE_PRIOR,
    );
    let rule = SwapRule {
        threshold: opts.swap_threshold,
        max_cross: opts.suspect_cost,
        boundary: opts.boundary,
    };
    let id: Vec<f64> = (0..n).map(|k| sc.one_one(k, k)).collect();

    // Suspect pairs.
    let mut suspect: Vec<bool> = (0..n)
        .map(|k| id[k] > opts.suspect_cost || ((en_s[k] > 0.0) != (zh_s[k] > 0.0)))
        .collect();
    for &k in opts.suspect {
        if let Some(s) = suspect.get_mut(k) {
            *s = true;
        }
    }
    for k in 0..n - 1 {
        let given = id[k] + id[k + 1];
        // The cheap bound first: most adjacent pairs cannot be crossed by length alone.
        let loose = given - sc.one_one_floor(k, k + 1) - sc.one_one_floor(k + 1, k);
        if loose <= opts.swap_threshold {
            continue;
        }
        let bound = given - sc.one_one_lower_bound(k, k + 1) - sc.one_one_lower_bound(k + 1, k);
        if bound > opts.swap_threshold
            && rule
                .crossed(&sc, k, k)
                .is_some_and(|x| given - x > opts.swap_threshold)
        {
            suspect[k] = true;
            suspect[k + 1] = true;
        }
    }

    // Padded regions around suspects.
    let mut regions: Vec<(usize, usize)> = Vec::new();
    for k in (0..n).filter(|&k| suspect[k]) {
        let s = k.saturating_sub(opts.pad);
        let t = (k + 1 + opts.pad).min(n);
        match regions.last_mut() {
            Some(last) if s <= last.1 + opts.merge_gap => last.1 = t,
            _ => regions.push((s, t)),
        }
    }

    let mut out = Vec::new();
    let mut r = 0;
    while r < regions.len() {
        let (s, mut t) = regions[r];
        r += 1;
        let steps = loop {
            let at_end = t >= n;
            let grid = Grid {
                sc: &sc,
                swap: Some(&rule),
                diagonal: true,
                free_end: !at_end,
                order: EVALUATION_ORDER,
                prune_by_diagonal: true,
            };
            let zh_end = if at_end { n } else { (t + opts.band).min(n) };
            let steps = grid.align(s..t, s..zh_end, opts.band);
            // Open: displaced at the end, or back on the diagonal only in the
            // last `pad` pairs (closing early is cheaper than staying
            // displaced when the window happens to end on a natural outlier).
            let last_detour_end = steps
                .iter()
                .rev()
                .find(|st| st.bead != Bead::OneOne || st.en.start != st.zh.start)
                .map_or(0, |st| st.en.end.max(st.zh.end));
            let open = steps.last().is_some_and(|st| st.en.end != st.zh.end)
                || (last_detour_end > s && last_detour_end + opts.pad > t);
            if !open || at_end {
                break steps;
            }
            // Still displaced at the region's end: grow the region (doubling
            // keeps the total work linear) and absorb the regions it reaches.
            t = (t + (t - s).max(REGROW_MIN)).min(n);
            while r < regions.len() && regions[r].0 <= t {
                t = t.max(regions[r].1);
                r += 1;
            }
        };
        read_path(&steps, &sc, &rule, &id, opts, &mut out);
    }
    out.sort_by_key(Finding::start);
    out
}

/// Smallest relative change of the length model's `c` or `s²` for which [`fit_and_find`] checks
/// the file again with the refitted model.
///
/// Measured: on a generated million-pair corpus the refit moved each 20,000-pair stretch's model
/// by ≤ 0.05 %, and the second search changed 4 of 60,000 findings (two crossed pairs found, two
/// others lost, all at the swap threshold) for 11 % of the run's time. On 10,000 Tatoeba pairs
/// with a line dropped at pair 5,000 the model moved 0.3 %, and without the second search the
/// shift is reported as it is, one 4,991-pair shift, not two pieces. A dropped line in a short
/// stretch moves `s²` by several percent, and the refit still runs.
pub const REFIT_MIN_CHANGE: f64 = 0.01;

/// Fits the length model, checks the file, then refits on the pairing the
/// findings propose and, when that moves the model ([`REFIT_MIN_CHANGE`]),
/// checks again; returns the final model and findings.
///
/// A file whose later half is displaced by a dropped line is half made of
/// neighbours' pairs, which inflates the fitted s² and makes the displaced
/// pairs near the shift's start look acceptable. The second fit uses the
/// repaired pairing (swapped pairs crossed, shifted stretches realigned), so
/// it sees the translator's real length ratio. Two passes of O(n) each.
pub fn fit_and_find(
    en: &[f64],
    zh: &[f64],
    anchors: &dyn Anchors,
    opts: &FindOptions,
) -> (LengthModel, Vec<Finding>) {
    let n = en.len().max(zh.len());
    let en_s = sanitized(en, n);
    let zh_s = sanitized(zh, n);
    let straight: Vec<(f64, f64)> = en_s.iter().copied().zip(zh_s.iter().copied()).collect();
    let fitted = |k: usize| opts.fit_excluded.is_none_or(|f| !f(k));
    let first_model = if opts.fit_excluded.is_some() {
        let kept: Vec<(f64, f64)> = (0..n).filter(|&k| fitted(k)).map(|k| straight[k]).collect();
        LengthModel::fit(&kept)
    } else {
        LengthModel::fit(&straight)
    };
    let first = find(&first_model, en, zh, anchors, opts);
    if first.is_empty() {
        return (first_model, first);
    }
    let mut pairs = straight;
    let mut drop = vec![false; n];
    for f in &first {
        match f {
            Finding::Swap { at, .. } => {
                pairs[*at].1 = zh_s[at + 1];
                pairs[at + 1].1 = zh_s[*at];
            }
            Finding::Split { at, .. } => {
                drop[*at] = true;
                drop[at + 1] = true;
            }
            Finding::Shift {
                start, end, repair, ..
            } => {
                drop[*start..*end].fill(true);
                for st in repair.iter().filter(|s| s.bead == Bead::OneOne) {
                    pairs.push((en_s[st.en.start], zh_s[st.zh.start]));
                }
            }
        }
    }
    let kept: Vec<(f64, f64)> = pairs
        .iter()
        .enumerate()
        .filter(|(k, _)| *k >= n || (!drop[*k] && fitted(*k)))
        .map(|(_, p)| *p)
        .collect();
    let model = LengthModel::fit(&kept);
    let moved = |a: f64, b: f64| (a - b).abs() > REFIT_MIN_CHANGE * b.abs();
    if !moved(model.c, first_model.c) && !moved(model.s2, first_model.s2) {
        // The repair confirms the first model: checking again would only re-decide cases at a
        // threshold, both ways.
        return (first_model, first);
    }
    let found = find(&model, en, zh, anchors, opts);
    (model, found)
}

/// Turns a region's best path into findings (see [`find`], step 4).
///
/// A 2-2 bead on the diagonal is reflow, except where the explicit swap test
/// passes: a swap keeps the summed lengths, so 2-2 (prior 0.011) and a swap
/// explain the same pair of pairs about equally well by length, and the
/// swap is the specific explanation at a sentence boundary.
fn read_path(
    steps: &[Step],
    sc: &Scorer,
    rule: &SwapRule,
    id: &[f64],
    opts: &FindOptions,
    out: &mut Vec<Finding>,
) {
    let mut begin: Option<usize> = None;
    for (idx, st) in steps.iter().enumerate() {
        let before = offset(st.en.start, st.zh.start);
        let after = offset(st.en.end, st.zh.end);
        if begin.is_none() && before == 0 && after == 0 {
            if matches!(st.bead, Bead::Swap | Bead::TwoTwo) {
                let at = st.en.start;
                if let Some(gain) = rule.crossed(sc, at, at).map(|x| id[at] + id[at + 1] - x)
                    && gain > opts.swap_threshold
                {
                    out.push(Finding::Swap { at, gain });
                }
            }
            continue;
        }
        let b = *begin.get_or_insert(idx);
        if after == 0 {
            classify(&steps[b..=idx], sc, id, opts, out);
            begin = None;
        }
    }
}

fn offset(en: usize, zh: usize) -> isize {
    zh as isize - en as isize
}

/// Names a detour off the diagonal (a run of steps from offset 0 back to
/// offset 0):
/// - a split if it spans two pairs and merges two lines or leaves an empty
///   slot: "T." + "Rex was eating grass." against "霸王龙在吃草。" + "" is
///   either a 2-1 bead or "T." without translation, and both mean one
///   sentence over two pairs;
/// - a shift if some translation moved to another pair;
/// - otherwise nothing (e.g. a 1-0 plus 0-1 at one pair is an unrelated
///   translation, which the length-outlier rule reports).
fn classify(steps: &[Step], sc: &Scorer, id: &[f64], opts: &FindOptions, out: &mut Vec<Finding>) {
    let (Some(first), Some(last)) = (steps.first(), steps.last()) else {
        return;
    };
    let range = first.en.start..last.en.end;
    let given: f64 = id[range.clone()].iter().sum();
    let repaired: f64 = steps.iter().map(|s| s.cost).sum();
    let gain = given - repaired;
    let merges = steps
        .iter()
        .any(|s| matches!(s.bead, Bead::TwoOne | Bead::OneTwo));
    let empty_slot = steps.iter().any(|s| match s.bead {
        Bead::OneZero => sc.en[s.en.start] == 0.0,
        Bead::ZeroOne => sc.zh[s.zh.start] == 0.0,
        _ => false,
    });
    if range.len() == 2 && (merges || empty_slot) {
        if gain > opts.split_threshold && opts.boundary.is_none_or(|f| !f(range.start)) {
            out.push(Finding::Split {
                at: range.start,
                gain,
            });
        }
        return;
    }
    // A bead moves translations only when it holds text on both sides: beads over empty
    // Chinese lines (an untranslated stretch) tile a run of them as cheaply off the diagonal
    // as on it, and one start or end more made a whole untranslated file one long "shift".
    let holds_text = |lines: &[f64], r: &Range<usize>| {
        lines
            .get(r.clone())
            .is_some_and(|l| l.iter().any(|&x| x > 0.0))
    };
    let moved = steps.iter().any(|s| {
        matches!(s.bead, Bead::OneOne | Bead::TwoTwo | Bead::Swap)
            && holds_text(sc.en, &s.en)
            && holds_text(sc.zh, &s.zh)
    });
    // Subtitlers reflow content across cues inside a sentence, which looks
    // like a displacement by length; a real one also crosses sentence ends.
    let crosses_sentence_end = opts.boundary.is_none_or(|f| {
        steps
            .iter()
            .any(|s| s.bead == Bead::OneOne && s.en.start != s.zh.start && f(s.en.start))
    });
    if moved && crosses_sentence_end {
        let per_pair = gain / range.len().max(1) as f64;
        if gain > opts.shift_threshold && per_pair >= opts.shift_gain_per_pair {
            let kind = if offset(first.en.end, first.zh.end) < 0 {
                ShiftKind::Dropped
            } else {
                ShiftKind::Inserted
            };
            let (start, gain, repair) =
                without_leading_merge(steps, sc, id, gain, opts.shift_threshold);
            out.push(Finding::Shift {
                start,
                end: range.end,
                kind,
                gain,
                repair,
            });
        }
    }
}

/// A shift's start, gain and repair with a leading merge taken apart. A detour that opens
/// with English lines `k, k + 1` against Chinese line `k` says that one of the two English lines
/// lost its translation, not which; the merge was only the cheapest way to say so by length.
/// The Chinese line's 1-1 fit with each English line tells:
/// - it answers line `k`: pair `k` keeps its own translation, and the shift starts at `k + 1`,
///   whose line has no partner (naming pair `k` sent readers to a right line, a verbose
///   translation or a mistyped number beside the real loss);
/// - it answers line `k + 1`: line `k` has no translation, and the shift starts there.
///
/// The same holds for English `k` against Chinese `k, k + 1`. Kept as found when the repair
/// taken apart would no longer beat the given pairing by `threshold`.
fn without_leading_merge(
    steps: &[Step],
    sc: &Scorer,
    id: &[f64],
    gain: f64,
    threshold: f64,
) -> (usize, f64, Vec<Step>) {
    let as_found = || {
        (
            steps.first().map_or(0, |s| s.en.start),
            gain,
            steps.to_vec(),
        )
    };
    let Some(first) = steps.first() else {
        return as_found();
    };
    let k = first.en.start;
    let step = |bead: Bead, i: usize, j: usize| {
        let (a, b) = bead.sizes();
        Step {
            bead,
            en: i..i + a,
            zh: j..j + b,
            cost: sc.bead(bead, i, j),
        }
    };
    // The lone line's deletion, and the 1-1 of the other line against the merged partner.
    let (own, other, lone_if_own, lone_if_other) = match first.bead {
        Bead::TwoOne if first.zh.start == k => (
            id[k],
            step(Bead::OneOne, k + 1, k),
            step(Bead::OneZero, k + 1, k + 1),
            step(Bead::OneZero, k, k),
        ),
        Bead::OneTwo if first.zh.start == k => (
            id[k],
            step(Bead::OneOne, k, k + 1),
            step(Bead::ZeroOne, k + 1, k + 1),
            step(Bead::ZeroOne, k, k),
        ),
        _ => return as_found(),
    };
    let rest = &steps[1..];
    let (start, given_dropped, head) = if own <= other.cost {
        // Pair `k` as given leaves both sides of the comparison.
        (k + 1, own, vec![lone_if_own])
    } else {
        (k, 0.0, vec![lone_if_other, other])
    };
    let head_cost: f64 = head.iter().map(|s| s.cost).sum();
    let parted_gain = gain - given_dropped + first.cost - head_cost;
    if parted_gain <= threshold {
        return as_found();
    }
    let mut repair = head;
    repair.extend_from_slice(rest);
    (start, parted_gain, repair)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// English sentence lengths (non-whitespace chars) of a made-up clean
    /// file, with varied lengths as in real prose.
    const EN: [f64; 40] = [
        34.0, 12.0, 58.0, 21.0, 40.0, 9.0, 75.0, 30.0, 16.0, 48.0, 27.0, 63.0, 14.0, 38.0, 22.0,
        55.0, 11.0, 44.0, 31.0, 70.0, 18.0, 36.0, 52.0, 25.0, 13.0, 61.0, 29.0, 42.0, 20.0, 57.0,
        15.0, 33.0, 67.0, 24.0, 46.0, 10.0, 39.0, 53.0, 19.0, 35.0,
    ];

    fn model() -> LengthModel {
        LengthModel { c: 0.28, s2: 0.3 }
    }

    /// Chinese lengths: c·en plus a small deterministic wobble.
    fn zh_of(en: &[f64]) -> Vec<f64> {
        en.iter()
            .enumerate()
            .map(|(i, &e)| {
                (0.28 * e + INTERCEPT + [0.0, 1.0, -1.0, 2.0, -2.0][i % 5])
                    .round()
                    .max(1.0)
            })
            .collect()
    }

    /// Findings without their repair paths, for assertion messages.
    fn brief(f: &[Finding]) -> String {
        let items: Vec<String> = f
            .iter()
            .take(5)
            .map(|f| match f {
                Finding::Shift {
                    start,
                    end,
                    kind,
                    gain,
                    repair,
                    ..
                } => format!(
                    "Shift {start}..{end} {kind:?} gain {gain:.0} first {:?}",
                    repair.first().map(|s| s.bead)
                ),
                other => format!("{other:?}"),
            })
            .collect();
        format!("{} findings: {}", f.len(), items.join("; "))
    }

    fn run(en: &[f64], zh: &[f64]) -> Vec<Finding> {
        find(&model(), en, zh, &NoAnchors, &FindOptions::default())
    }

    #[test]
    fn align_identity_on_clean_lengths() {
        let zh = zh_of(&EN);
        let steps = align(&model(), &EN, &zh, &NoAnchors, 5);
        assert_eq!(steps.len(), EN.len());
        for (k, s) in steps.iter().enumerate() {
            assert_eq!(s.bead, Bead::OneOne);
            assert_eq!((s.en.clone(), s.zh.clone()), (k..k + 1, k..k + 1));
            assert!(s.cost.is_finite());
        }
    }

    #[test]
    fn align_worked_example_from_research_note() {
        // §8: Z1 deleted; fixed deletion cost must produce E1–∅ then 1-1s.
        let m = LengthModel { c: 0.30, s2: 0.40 };
        let en = [28.0, 102.0, 40.0, 241.0, 273.0, 108.0];
        let zh = [11.0, 12.0, 77.0, 75.0, 28.0];
        let steps = align(&m, &en, &zh, &NoAnchors, 3);
        let beads: Vec<Bead> = steps.iter().map(|s| s.bead).collect();
        assert_eq!(
            beads,
            vec![
                Bead::OneOne,
                Bead::OneZero,
                Bead::OneOne,
                Bead::OneOne,
                Bead::OneOne,
                Bead::OneOne
            ]
        );
        assert_eq!(steps[1].en, 1..2);
        assert_eq!(steps[2].zh, 1..2);
    }

    #[test]
    fn align_handles_degenerate_input() {
        let m = model();
        assert!(align(&m, &[], &[], &NoAnchors, 3).is_empty());
        let only_en = align(&m, &[5.0, 6.0], &[], &NoAnchors, 0);
        assert_eq!(only_en.len(), 2);
        assert!(only_en.iter().all(|s| s.bead == Bead::OneZero));
        let only_zh = align(&m, &[], &[5.0], &NoAnchors, 0);
        assert_eq!(only_zh[0].bead, Bead::ZeroOne);
        // Very unequal counts with a tiny band still give a complete path.
        let en = [10.0; 3];
        let zh = [3.0; 20];
        let steps = align(&m, &en, &zh, &NoAnchors, 1);
        assert_eq!(steps.last().map(|s| (s.en.end, s.zh.end)), Some((3, 20)));
        let weird = align(
            &m,
            &[f64::NAN, -3.0, 0.0],
            &[f64::INFINITY, 0.0, 0.0],
            &NoAnchors,
            2,
        );
        assert!(weird.iter().all(|s| s.cost.is_finite()));
    }

    #[test]
    fn find_handles_degenerate_input() {
        assert!(run(&[], &[]).is_empty());
        assert!(run(&[10.0], &[]).is_empty());
        assert!(run(&[0.0; 50], &[0.0; 50]).is_empty());
        let _ = run(&[f64::NAN, 3.0, -1.0], &[2.0, f64::INFINITY]);
    }

    #[test]
    fn clean_file_has_no_findings() {
        let zh = zh_of(&EN);
        assert_eq!(run(&EN, &zh), vec![]);
    }

    #[test]
    fn short_interjections_are_never_flagged() {
        // "Mhmm."/"是的。", "Right."/"对。", "Okay."/"好的。" … in a row,
        // then also swapped: short lines carry no information.
        let en = [5.0, 6.0, 5.0, 4.0, 3.0, 7.0, 5.0, 6.0, 5.0, 4.0];
        let zh = [3.0, 2.0, 3.0, 2.0, 6.0, 4.0, 2.0, 3.0, 1.0, 5.0];
        assert_eq!(run(&en, &zh), vec![]);
        let mut mixed = EN.to_vec();
        mixed.splice(10..10, en);
        let mut mixed_zh = zh_of(&EN);
        mixed_zh.splice(10..10, zh);
        assert_eq!(run(&mixed, &mixed_zh), vec![]);
    }

    #[test]
    fn one_swap_is_found_at_its_index() {
        let mut zh = zh_of(&EN);
        zh.swap(6, 7);
        let f = run(&EN, &zh);
        assert_eq!(f.len(), 1, "{}", brief(&f));
        assert!(matches!(f[0], Finding::Swap { at: 6, gain } if gain > 400.0));
    }

    #[test]
    fn swap_inside_a_sentence_is_not_reported() {
        let mut zh = zh_of(&EN);
        zh.swap(6, 7);
        let no_boundary_at_6 = |k: usize| k != 6;
        let opts = FindOptions {
            boundary: Some(&no_boundary_at_6),
            ..FindOptions::default()
        };
        let f = find(&model(), &EN, &zh, &NoAnchors, &opts);
        assert!(
            !f.iter().any(|f| matches!(f, Finding::Swap { .. })),
            "{}",
            brief(&f)
        );
    }

    #[test]
    fn deleted_chinese_line_is_a_dropped_shift() {
        let mut zh = zh_of(&EN);
        zh.remove(12);
        let f = run(&EN, &zh);
        assert_eq!(f.len(), 1, "{}", brief(&f));
        match &f[0] {
            Finding::Shift {
                start,
                end,
                kind,
                repair,
                ..
            } => {
                assert_eq!(*start, 12);
                assert_eq!(*end, EN.len());
                assert_eq!(*kind, ShiftKind::Dropped);
                // English 12 is short (14 chars): by length alone, "it lost
                // its translation" (1-0) and "it was merged into the next
                // translation" (2-1) are both plausible repairs.
                assert!(matches!(repair[0].bead, Bead::OneZero | Bead::TwoOne));
                assert_eq!(repair[0].en.start, 12);
                assert_eq!(repair.last().map(|s| s.bead), Some(Bead::ZeroOne));
            }
            _ => panic!("{}", brief(&f)),
        }
    }

    #[test]
    fn inserted_chinese_line_is_an_inserted_shift() {
        let mut zh = zh_of(&EN);
        zh.insert(20, 25.0); // a stray line that fits neither neighbour
        zh.pop(); // the file keeps its pair count; the last translation falls off
        let f = run(&EN, &zh);
        assert_eq!(f.len(), 1, "{}", brief(&f));
        match &f[0] {
            Finding::Shift {
                start,
                kind,
                repair,
                ..
            } => {
                assert_eq!(*start, 20);
                assert_eq!(*kind, ShiftKind::Inserted);
                assert_eq!(repair[0].bead, Bead::ZeroOne);
                assert_eq!(repair[0].zh, 20..21);
            }
            _ => panic!("{}", brief(&f)),
        }
    }

    #[test]
    fn dropped_then_inserted_resynchronises() {
        // Z10 lost, a stray Chinese line appears before pair 18: pairs 10..18
        // are displaced and the rest of the file is fine again.
        let mut zh = zh_of(&EN);
        zh.remove(10);
        zh.insert(17, 8.0);
        let f = run(&EN, &zh);
        assert_eq!(f.len(), 1, "{}", brief(&f));
        match &f[0] {
            Finding::Shift {
                start, end, kind, ..
            } => {
                assert_eq!((*start, *kind), (10, ShiftKind::Dropped));
                assert_eq!(*end, 18);
            }
            _ => panic!("{}", brief(&f)),
        }
    }

    #[test]
    fn split_sentence_is_found() {
        // "T." + "Rex was eating grass." (2 + 18 chars) against one Chinese
        // line of 7 ("霸王龙在吃草。"); the second Chinese slot is empty.
        let mut en = EN.to_vec();
        let mut zh = zh_of(&EN);
        en.splice(15..15, [2.0, 18.0]);
        zh.splice(15..15, [7.0, 0.0]);
        let f = run(&en, &zh);
        assert_eq!(f.len(), 1, "{}", brief(&f));
        assert!(
            matches!(f[0], Finding::Split { at: 15, .. }),
            "{}",
            brief(&f)
        );
        // With a sentence boundary after "T." (a caller that does not know
        // the abbreviation), the merge is not reported.
        let all_boundaries = |_k: usize| true;
        let opts = FindOptions {
            boundary: Some(&all_boundaries),
            ..FindOptions::default()
        };
        let f = find(&model(), &en, &zh, &NoAnchors, &opts);
        assert!(
            !f.iter().any(|f| matches!(f, Finding::Split { .. })),
            "{}",
            brief(&f)
        );
    }

    #[test]
    fn an_untranslated_stretch_is_not_a_shift() {
        // Every Chinese line empty: 2-2 beads tile the stretch as cheaply off the diagonal as
        // on it, and with an odd number of pairs, one deletion at each end made the whole
        // stretch a "shift" of translations that do not exist.
        let pattern = [29.0, 21.0, 31.0, 16.0, 27.0, 18.0, 26.0, 30.0];
        for n in [17, 33, 101, 1001] {
            let en: Vec<f64> = (0..n).map(|k| pattern[k % 8]).collect();
            assert_eq!(brief(&run(&en, &vec![0.0; n])), "0 findings: ", "{n} pairs");
        }
        // The same stretch between translated pairs.
        let en: Vec<f64> = (0..141).map(|k| pattern[k % 8]).collect();
        let mut zh = zh_of(&en);
        zh[20..121].fill(0.0);
        assert_eq!(brief(&run(&en, &zh)), "0 findings: ");
    }

    #[test]
    fn missing_translation_alone_is_not_a_shift() {
        let mut zh = zh_of(&EN);
        zh[9] = 0.0;
        let f = run(&EN, &zh);
        assert!(
            !f.iter()
                .any(|f| matches!(f, Finding::Shift { .. } | Finding::Swap { .. })),
            "{}",
            brief(&f)
        );
    }

    /// Anchors that say "numbers agree" only for line i with line i + 1.
    struct Diagonal(isize);
    impl Anchors for Diagonal {
        fn score(&self, en: Range<usize>, zh: Range<usize>) -> f64 {
            if en.len() == 1 && zh.len() == 1 {
                if zh.start as isize - en.start as isize == self.0 {
                    1.0
                } else {
                    -1.0
                }
            } else {
                0.0
            }
        }
    }

    #[test]
    fn anchors_can_decide_where_lengths_cannot() {
        // Equal lengths everywhere: length says nothing; the anchors say
        // each Chinese line belongs to the next English line.
        let en = [30.0; 30];
        let zh = [10.9; 30];
        assert_eq!(run(&en, &zh), vec![]);
        let f = find(&model(), &en, &zh, &Diagonal(0), &FindOptions::default());
        assert_eq!(f, vec![]);
        let steps = align(&model(), &en, &zh, &Diagonal(-1), 3);
        assert_eq!(steps[0].bead, Bead::OneZero);
        // Anchor scores out of range or NaN are clamped/ignored.
        struct Wild;
        impl Anchors for Wild {
            fn score(&self, _: Range<usize>, _: Range<usize>) -> f64 {
                f64::NAN
            }
        }
        assert!(run(&en, &zh).is_empty());
        assert!(find(&model(), &en, &zh, &Wild, &FindOptions::default()).is_empty());
    }

    #[test]
    fn long_file_is_linear_and_quiet() {
        // 200k clean pairs with one swap and one drop far apart.
        let n = 200_000;
        let en: Vec<f64> = (0..n).map(|i| EN[(i * 7 + i / 40) % 40]).collect();
        let mut zh = zh_of(&en);
        // A swap is visible by length only where the two lengths differ.
        let k = (1000..n).find(|&k| en[k] > 3.0 * en[k + 1]).unwrap_or(1000);
        zh.swap(k, k + 1);
        zh.remove(150_000);
        let start = std::time::Instant::now();
        let f = run(&en, &zh);
        assert!(start.elapsed().as_secs() < 20);
        assert!(
            matches!(f[0], Finding::Swap { at, .. } if at == k),
            "{}",
            brief(&f)
        );
        assert!(
            matches!(
                f[1],
                Finding::Shift {
                    start: 150_000,
                    kind: ShiftKind::Dropped,
                    ..
                }
            ),
            "{}",
            brief(&f)
        );
        assert_eq!(f.len(), 2);
    }

    #[test]
    fn natural_outlier_does_not_break_a_shift() {
        // A correct pair with a free translation (|δ| ≈ 5) sits inside a
        // stretch displaced by a dropped line: the shift must stay one piece.
        let mut en = EN.to_vec();
        en.extend_from_slice(&EN);
        let mut zh = zh_of(&en);
        zh[50] = 2.0; // English 50 has 29 characters, its translation 2
        zh.remove(10);
        let f = run(&en, &zh);
        assert_eq!(f.len(), 1, "{}", brief(&f));
        assert!(
            matches!(
                f[0],
                Finding::Shift {
                    start: 10,
                    end: 80,
                    kind: ShiftKind::Dropped,
                    ..
                }
            ),
            "{}",
            brief(&f)
        );
    }

    #[test]
    fn shift_inside_one_sentence_is_not_reported() {
        // A displacement of two cues that never crosses a sentence end is
        // what subtitle reflow looks like; with the boundary hook it is not
        // a shift. The same displacement across a sentence end is.
        let mut zh = zh_of(&EN);
        zh.remove(10);
        zh.insert(17, 8.0);
        let only_at_30 = |k: usize| k == 30;
        let opts = FindOptions {
            boundary: Some(&only_at_30),
            ..FindOptions::default()
        };
        let f = find(&model(), &EN, &zh, &NoAnchors, &opts);
        assert!(
            !f.iter().any(|f| matches!(f, Finding::Shift { .. })),
            "{}",
            brief(&f)
        );
        let f = run(&EN, &zh);
        assert!(
            matches!(f[..], [Finding::Shift { start: 10, .. }]),
            "{}",
            brief(&f)
        );
    }

    #[test]
    fn sorted_like_file_is_not_one_long_shift() {
        // Neighbouring lines with almost equal lengths: pairing each line
        // with its neighbour costs about the same as the given pairing.
        let en: Vec<f64> = (0..400).map(|i| 10.0 + (i / 8) as f64).collect();
        let zh: Vec<f64> = en
            .iter()
            .enumerate()
            .map(|(i, &e)| (0.28 * e + INTERCEPT + [0.0, 1.5, -1.5, 0.5][i % 4]).round())
            .collect();
        assert_eq!(run(&en, &zh), vec![]);
    }

    #[test]
    fn fit_and_find_refits_on_the_repair() {
        // 400 pairs with the translator's real spread; a line dropped at 60
        // displaces 85 % of the file, which inflates a plain fit.
        let mut state = 11u64;
        let mut rnd = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let en: Vec<f64> = (0..400).map(|_| 8.0 + (rnd() * 60.0).round()).collect();
        let mut zh: Vec<f64> = en
            .iter()
            .map(|&e| (0.3 * e + INTERCEPT + (rnd() - 0.5) * 4.0).round().max(1.0))
            .collect();
        zh.remove(60);
        let straight: Vec<(f64, f64)> = en.iter().copied().zip(zh.iter().copied()).collect();
        let plain = LengthModel::fit(&straight);
        let (refit, f) = fit_and_find(&en, &zh, &NoAnchors, &FindOptions::default());
        assert!(refit.s2 < plain.s2, "{refit:?} vs {plain:?}");
        assert!((refit.c - 0.3).abs() < 0.03, "{refit:?}");
        assert!(
            matches!(f[..], [Finding::Shift { start, kind: ShiftKind::Dropped, .. }] if start.abs_diff(60) <= 1),
            "{}",
            brief(&f)
        );
        // Empty input.
        let (m, f) = fit_and_find(&[], &[], &NoAnchors, &FindOptions::default());
        assert_eq!((m, f), (LengthModel::DEFAULT, vec![]));
    }

    #[test]
    fn a_repair_that_keeps_the_model_is_not_searched_again() {
        // 400 clean pairs and one crossing of a long and a short pair: repairing it moves the
        // model far less than REFIT_MIN_CHANGE, so the first fit and its findings stand.
        let en: Vec<f64> = (0..400).map(|k| 20.0 + (k * 37 % 41) as f64).collect();
        let mut zh: Vec<f64> = en.iter().map(|&e| (0.3 * e + INTERCEPT).round()).collect();
        (zh[200], zh[201]) = (30.0, 4.0);
        let en = {
            let mut en = en;
            (en[200], en[201]) = (8.0, 90.0);
            en
        };
        let straight: Vec<(f64, f64)> = en.iter().copied().zip(zh.iter().copied()).collect();
        let first = LengthModel::fit(&straight);
        let (m, f) = fit_and_find(&en, &zh, &NoAnchors, &FindOptions::default());
        assert!(
            matches!(f[..], [Finding::Swap { at: 200, .. }]),
            "{}",
            brief(&f)
        );
        assert_eq!(m, first);
    }

    #[test]
    fn the_length_floor_is_below_every_cost() {
        // The cost grows with |δ| (on a grid 100 times finer than the table's)...
        let plain = |x: f64| robust_from_ln_p(ln_match_probability_at(x), 0.0);
        let steps = (FLOOR_MAX_DELTA + 2) * FLOOR_STEPS as usize * 100;
        let mut last = plain(0.0);
        for k in 1..=steps {
            let now = plain(k as f64 / (FLOOR_STEPS * 100.0));
            assert!(
                now >= last - 1e-9,
                "cost falls at |δ| = {}",
                k as f64 / FLOOR_STEPS / 100.0
            );
            last = now;
        }
        // ...so the floor is below the exact cost of every bead, and close to it.
        let model = LengthModel { c: 0.31, s2: 0.27 };
        for prior in [PRIOR_ONE_ONE, PRIOR_MERGE, PRIOR_TWO_TWO] {
            for e in [1.0, 3.0, 17.0, 60.0, 240.0] {
                for z in (0..400).map(|k| k as f64 * 0.35) {
                    let exact = robust_from_ln_p(model.ln_match_probability(e, z), prior.ln());
                    let floor = length_cost_floor(model.delta(e, z).abs(), prior.ln());
                    assert!(
                        floor <= exact && exact - floor < 20.0,
                        "{e} {z}: {floor} {exact}"
                    );
                }
            }
        }
        assert!(length_cost_floor(f64::NAN, 0.0) <= plain(0.0));
        assert!(length_cost_floor(1e300, 0.0) <= plain(1e300));
    }

    #[test]
    fn outlier_log_constant_matches() {
        assert_eq!(LN_OUTLIER_PROBABILITY, OUTLIER_PROBABILITY.ln());
    }

    #[test]
    fn robust_cost_caps_but_keeps_order() {
        let m = model();
        let mut last = 0.0;
        for z in [13.7, 16.0, 18.0, 25.0, 40.0, 100.0] {
            let c = robust_cost(m.cost(40.0, z, PRIOR_ONE_ONE), PRIOR_ONE_ONE);
            assert!(c >= last && c.is_finite(), "{z}: {c}");
            last = c;
        }
        let cap = -100.0 * (PRIOR_ONE_ONE * OUTLIER_PROBABILITY).ln();
        assert!(last <= cap + 1e-9 && last > cap - 1.0, "{last} vs {cap}");
        // A good pair is barely changed.
        let good = m.cost(40.0, 13.7, PRIOR_ONE_ONE);
        assert!((robust_cost(good, PRIOR_ONE_ONE) - good).abs() < 1.0);
    }

    /// A reproducible pseudo-random source: `rnd(m)` is below `m` (a linear congruential
    /// generator; the tests need variety, not quality).
    fn numbers_below(seed: u64) -> impl FnMut(u64) -> u64 {
        let mut state = seed;
        move |m: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % m.max(1)
        }
    }

    /// Anchors from a hash of the bead: few distinct values, so that costs often tie.
    struct Scrambled;
    impl Anchors for Scrambled {
        fn score(&self, en: Range<usize>, zh: Range<usize>) -> f64 {
            let h = (en.start * 31 + en.end * 7 + zh.start * 13 + zh.end * 3) % 5;
            [-1.0, -0.5, 0.0, 0.5, 1.0][h]
        }
    }

    #[test]
    fn neither_the_bead_order_nor_the_diagonal_bound_changes_the_path() {
        let mut rnd = numbers_below(11);
        let boundary = |k: usize| k % 3 != 1;
        for round in 0..400 {
            let n = 2 + rnd(30) as usize;
            // Few distinct lengths (and empty lines), so that costs tie.
            let en: Vec<f64> = (0..n)
                .map(|_| [0.0, 10.0, 20.0, 30.0][rnd(4) as usize])
                .collect();
            let zh: Vec<f64> = (0..n)
                .map(|_| [0.0, 4.0, 8.0, 11.0][rnd(4) as usize])
                .collect();
            let model = model();
            let anchors: &dyn Anchors = if round % 2 == 0 {
                &Scrambled
            } else {
                &NoAnchors
            };
            let sc = Scorer::new(&model, (&en, &zh), anchors, (n, n), FIND_MERGE_PRIOR);
            let rule = SwapRule {
                threshold: 300.0,
                max_cross: 320.0,
                boundary: Some(&boundary),
            };
            let band = 1 + rnd(4) as usize;
            let free_end = rnd(2) == 0;
            let run_with = |order: [u8; 7], prune_by_diagonal: bool| {
                let grid = Grid {
                    sc: &sc,
                    swap: Some(&rule),
                    diagonal: true,
                    free_end,
                    order,
                    prune_by_diagonal,
                };
                let steps = grid.align(0..n, 0..n, band);
                steps
                    .iter()
                    .map(|st| (st.bead, st.en.clone(), st.zh.clone(), st.cost.to_bits()))
                    .collect::<Vec<_>>()
            };
            let run = |order: [u8; 7]| run_with(order, false);
            assert_eq!(
                run(EVALUATION_ORDER),
                run([0, 1, 2, 3, 4, 5, 6]),
                "round {round}"
            );
            // Turning away beads off every path cheaper than the diagonal keeps the best one,
            // ties included.
            assert_eq!(
                run(EVALUATION_ORDER),
                run_with(EVALUATION_ORDER, true),
                "round {round}"
            );
            assert_eq!(
                run([6, 5, 4, 3, 2, 1, 0]),
                run_with([6, 5, 4, 3, 2, 1, 0], true),
                "round {round}"
            );
            assert_eq!(
                run(EVALUATION_ORDER),
                run([6, 5, 4, 3, 2, 1, 0]),
                "round {round}"
            );
        }
    }

    #[test]
    fn random_input_never_panics() {
        let mut rnd = numbers_below(3);
        let specials = [0.0, f64::NAN, -4.0, f64::INFINITY, 1e12, 0.5];
        for _ in 0..300 {
            let ne = rnd(40) as usize;
            let nz = if rnd(3) == 0 { rnd(40) as usize } else { ne };
            let mut draw = |_| {
                if rnd(8) == 0 {
                    specials[rnd(specials.len() as u64) as usize]
                } else {
                    rnd(80) as f64
                }
            };
            let en: Vec<f64> = (0..ne).map(&mut draw).collect();
            let zh: Vec<f64> = (0..nz).map(&mut draw).collect();
            let band = rnd(5) as usize;
            let steps = align(&model(), &en, &zh, &Diagonal(0), band);
            assert_eq!(
                steps.last().map_or((0, 0), |s| (s.en.end, s.zh.end)),
                (ne, nz)
            );
            assert!(steps.iter().all(|s| s.cost.is_finite()));
            let opts = FindOptions {
                band,
                pad: rnd(4) as usize,
                merge_gap: rnd(10) as usize,
                ..FindOptions::default()
            };
            for f in find(&model(), &en, &zh, &Diagonal(0), &opts) {
                assert!(f.start() < ne.max(nz));
            }
            let _ = fit_and_find(&en, &zh, &NoAnchors, &opts);
        }
    }
}
