//! The rule engine's contract: a small trait with static metadata, and one registry.
//!
//! One rule, one file (ruff's habit). A rule is a pure function of the document: it does no I/O
//! and no printing. Pair rules see one pair at a time and run in parallel; document rules see the
//! whole file (neighbours, order, strays).

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Document, Pair};

pub(crate) mod alignment_shift;
mod cjk_latin_spacing;
pub(crate) mod crossed_pair;
mod cue_common;
mod cue_duration;
mod cue_gap;
mod cue_order;
mod cue_overlap;
mod duplicated_untranslated_line;
mod halfwidth_punctuation;
mod length_ratio_outlier;
mod line_length;
mod missing_translation;
mod number_mismatch;
mod reading_speed;
pub(crate) mod split_sentence;
mod stray_line;
mod subtitle_syntax;
mod table_syntax;
pub mod terminal_punctuation_mismatch;
mod untranslated_fragment;
mod untranslated_line;
mod whitespace;

pub mod docs;
pub mod pack;

/// Whether and how a rule can repair what it finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixKind {
    /// Report only.
    None,
    /// Offers fixes that `--fix` applies.
    Safe,
    /// Offers fixes that need `--unsafe-fixes`.
    Unsafe,
}

/// What every rule declares about itself; the registry test keeps it in step with `rules/*.toml`.
#[derive(Debug)]
pub struct RuleMeta {
    /// Public, stable, kebab-case name.
    pub name: &'static str,
    /// Severity unless configured otherwise.
    pub severity: Severity,
    /// Whether it runs when nothing is selected explicitly.
    pub default_enabled: bool,
    /// What kind of fix it offers.
    pub fix: FixKind,
    /// Its documentation (`rules/<name>.toml`), embedded.
    pub doc: &'static str,
}

/// What a rule sees besides the pair: the document, the settings, and analyses computed once
/// per document on first use (the alignment pass is the costly one).
pub struct Context<'a> {
    /// The parsed file.
    pub doc: &'a Document,
    /// Resolved settings (allow list, rule options).
    pub settings: &'a Settings,
    alignment: std::sync::OnceLock<crate::align::Analysis>,
    kept_terms: std::sync::OnceLock<std::collections::HashSet<String>>,
    split_breaks: std::sync::OnceLock<Vec<split_sentence::Break>>,
    in_pair_pass: std::sync::atomic::AtomicBool,
    /// Whether `alignment-shift` runs on this document: a rule that leaves a line to a shift's
    /// finding must not drop it when no shift is reported.
    shifts_reported: bool,
    /// Whether `split-sentence` runs on this document: `length-ratio-outlier` leaves the halves
    /// of a split sentence to it only then.
    splits_reported: bool,
    /// Whether `crossed-pair` runs on this document: with `alignment-shift`, what makes the
    /// alignment's findings reported ([`Context::in_reported_finding`]).
    crossings_reported: bool,
}

impl<'a> Context<'a> {
    /// A context for one document.
    pub fn new(doc: &'a Document, settings: &'a Settings) -> Self {
        Context {
            doc,
            settings,
            alignment: std::sync::OnceLock::new(),
            kept_terms: std::sync::OnceLock::new(),
            split_breaks: std::sync::OnceLock::new(),
            in_pair_pass: std::sync::atomic::AtomicBool::new(false),
            shifts_reported: true,
            splits_reported: true,
            crossings_reported: true,
        }
    }

    /// Say whether `alignment-shift` is among the rules run (the engine knows; a context made
    /// elsewhere assumes it is).
    pub fn set_shifts_reported(&mut self, reported: bool) {
        self.shifts_reported = reported;
    }

    /// Whether `alignment-shift` is among the rules run.
    pub fn shifts_reported(&self) -> bool {
        self.shifts_reported
    }

    /// Say whether `crossed-pair` is among the rules run (as [`Context::set_shifts_reported`]).
    pub fn set_crossings_reported(&mut self, reported: bool) {
        self.crossings_reported = reported;
    }

    /// Whether pair `index` is in a crossing or a shift that `crossed-pair` or
    /// `alignment-shift` reports. Without either rule the alignment is not read at all: the
    /// rules that ask this leave such pairs to them, and need nothing else from it.
    pub fn in_reported_finding(&self, index: usize) -> bool {
        (self.shifts_reported || self.crossings_reported) && self.alignment().in_finding(index)
    }

    /// Say whether `split-sentence` is among the rules run (as [`Context::set_shifts_reported`]).
    pub fn set_splits_reported(&mut self, reported: bool) {
        self.splits_reported = reported;
    }

    /// Whether `split-sentence` is among the rules run.
    pub fn splits_reported(&self) -> bool {
        self.splits_reported
    }

    /// Whether pair `index` is one half of a sentence break `split-sentence` reports: never
    /// when that rule does not run.
    pub fn in_reported_split(&self, index: usize) -> bool {
        // The breaks are in pair order: found by a search, not a scan per reported pair (a
        // file with many of both made that quadratic).
        let breaks = || self.split_breaks();
        let is_break = |k: usize| breaks().binary_search_by_key(&k, |&(at, _, _)| at).is_ok();
        self.splits_reported && (is_break(index) || index.checked_sub(1).is_some_and(is_break))
    }

    /// Mark the start of the engine's parallel pass over pairs: from here on, a first use of the
    /// alignment (by a rule that did not declare `uses_alignment`) must not run on the shared
    /// thread pool, where a waiting thread could pick up a pair job that asks for this same
    /// alignment and block on its own first use.
    pub fn enter_pair_pass(&self) {
        self.in_pair_pass
            .store(true, std::sync::atomic::Ordering::Release);
    }

    /// Latin words (lower case) that the translation keeps in English in at least
    /// [`untranslated_fragment::KEPT_TERM_PAIRS`] different pairs: a translator's consistent
    /// choice (a term of the field), not a slip. Computed once per document.
    pub fn kept_terms(&self) -> &std::collections::HashSet<String> {
        self.kept_terms
            .get_or_init(|| self.isolated(|| untranslated_fragment::kept_terms(self.doc)))
    }

    /// The misplaced sentence breaks ([`split_sentence::find_breaks`]): reported by
    /// `split-sentence`, and read by `length-ratio-outlier` for the rare pair it would report.
    /// The engine computes them before the pair pass (see [`Context::isolated`] for why).
    pub fn split_breaks(&self) -> &[split_sentence::Break] {
        self.split_breaks
            .get_or_init(|| split_sentence::find_breaks(self))
    }

    /// The alignment analysis, computed on first use and shared by every rule.
    pub fn alignment(&self) -> &crate::align::Analysis {
        self.alignment
            .get_or_init(|| self.isolated(|| crate::align::analyse(self.doc)))
    }

    /// Run a per-document analysis that uses the thread pool itself. Inside the pair pass it
    /// runs in a pool of its own, so that its parallel work is never queued behind pair jobs
    /// that wait on it. The thread that waits for it may still run other jobs of the pass, and
    /// one of those could ask for the same analysis and block on it for ever: so the engine
    /// computes every analysis the active rules read before the pass starts, and this is only
    /// the fallback of a context used outside the engine.
    fn isolated<T: Send>(&self, analysis: impl FnOnce() -> T + Send) -> T {
        if self.in_pair_pass.load(std::sync::atomic::Ordering::Acquire) {
            match rayon::ThreadPoolBuilder::new().num_threads(1).build() {
                Ok(pool) => pool.install(analysis),
                Err(_) => analysis(),
            }
        } else {
            analysis()
        }
    }
}

/// A check. Implement `check_pair` for independent per-pair checks (run in parallel) and
/// `check_document` for checks that need neighbours or the whole file.
pub trait Rule: Send + Sync {
    /// Static metadata.
    fn meta(&self) -> &'static RuleMeta;

    /// Check one pair.
    fn check_pair(&self, _ctx: &Context<'_>, _pair: &Pair, _out: &mut Vec<Diagnostic>) {}

    /// Check the whole document.
    fn check_document(&self, _ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}

    /// True when `check_pair` does work (the engine skips the others in its parallel pass).
    fn is_pair_rule(&self) -> bool {
        true
    }

    /// True when the rule reads [`Context::alignment`]: the engine then computes the alignment
    /// (itself parallel) before the parallel pass, instead of one worker computing it while
    /// the others wait on it — which could also deadlock on a re-entrant first use.
    fn uses_alignment(&self) -> bool {
        false
    }

    /// True when the rule reads [`Context::kept_terms`]: computed before the parallel pass for
    /// the same reasons as the alignment.
    fn uses_kept_terms(&self) -> bool {
        false
    }
}

/// Every built-in rule, in documentation order.
pub static RULES: &[&dyn Rule] = &[
    &missing_translation::MissingTranslation,
    &stray_line::StrayLine,
    &duplicated_untranslated_line::DuplicatedUntranslatedLine,
    &untranslated_line::UntranslatedLine,
    &untranslated_fragment::UntranslatedFragment,
    &halfwidth_punctuation::HalfwidthPunctuation,
    &length_ratio_outlier::LengthRatioOutlier,
    &crossed_pair::CrossedPair,
    &alignment_shift::AlignmentShift,
    &split_sentence::SplitSentence,
    &number_mismatch::NumberMismatch,
    &terminal_punctuation_mismatch::TerminalPunctuationMismatch,
    &subtitle_syntax::SubtitleSyntax,
    &table_syntax::TableSyntax,
    &cue_overlap::CueOverlap,
    &cue_order::CueOrder,
    &cue_duration::CueDuration,
    &cue_gap::CueGap,
    &reading_speed::ReadingSpeed,
    &line_length::LineLength,
    &whitespace::Whitespace,
    &cjk_latin_spacing::CjkLatinSpacing,
];

/// Every rule shipped in the binary: [`RULES`], then the built-in rule packs' rules.
pub fn builtin() -> Vec<&'static dyn Rule> {
    let mut out: Vec<&'static dyn Rule> = RULES.to_vec();
    out.extend(
        pack::builtin_packs()
            .iter()
            .map(|&r| r as &'static dyn Rule),
    );
    out
}

/// Report the parser's recovered problems filed under `meta`'s name (the syntax rules): the
/// parser is the only place that sees a file's structure, the rule makes selection and severity
/// apply to what it found.
pub(crate) fn report_parse_problems(ctx: &Context<'_>, meta: &RuleMeta, out: &mut Vec<Diagnostic>) {
    for p in ctx.doc.problems.iter().filter(|p| p.rule == meta.name) {
        out.push(Diagnostic::new(
            meta.name,
            meta.severity,
            p.file,
            p.span,
            p.message.clone(),
        ));
    }
}

/// Look a shipped rule up by name (user packs: [`crate::config::Settings::find_rule`]).
pub fn find(name: &str) -> Option<&'static dyn Rule> {
    builtin().into_iter().find(|r| r.meta().name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_are_unique_kebab_case() {
        let mut seen = HashSet::new();
        for r in builtin() {
            let n = r.meta().name;
            assert!(seen.insert(n), "duplicate rule {n}");
            assert!(
                n.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    && !n.starts_with('-'),
                "{n} is not kebab-case"
            );
        }
    }

    #[test]
    fn every_rule_doc_agrees_with_its_metadata() {
        for r in RULES {
            let meta = r.meta();
            let doc =
                docs::RuleDoc::parse(meta.doc).unwrap_or_else(|e| panic!("{}: {e}", meta.name));
            assert_eq!(doc.name, meta.name);
            assert_eq!(doc.severity, meta.severity.as_str(), "{}", meta.name);
            assert_eq!(doc.default_enabled, meta.default_enabled, "{}", meta.name);
            let fix = match meta.fix {
                FixKind::None => "none",
                FixKind::Safe => "safe",
                FixKind::Unsafe => "unsafe",
            };
            assert_eq!(doc.fix, fix, "{}", meta.name);
            for field in [&doc.summary, &doc.what, &doc.why, &doc.bad, &doc.good] {
                assert!(
                    !field.trim().is_empty(),
                    "{} has an empty doc field",
                    meta.name
                );
            }
        }
    }
}
