//! The engine: run the active rules over a document and collect sorted diagnostics.

use crate::config::{ActiveRule, Settings};
use crate::diagnostic::Diagnostic;
use crate::model::{Document, FileId};
use crate::rules::Context;
use rayon::prelude::*;

/// Pairs per parallel work item: large enough to amortise scheduling, small enough to balance.
const CHUNK: usize = 2048;

/// Run `rules` over `doc`. Output is sorted by file, position, then rule name, so that runs are
/// reproducible whatever the thread scheduling.
pub fn lint(doc: &Document, settings: &Settings, rules: &[ActiveRule]) -> Vec<Diagnostic> {
    let ctx = Context::new(doc, settings);
    if rules.iter().any(|r| r.rule.uses_alignment()) {
        let _t = crate::timing::phase("alignment");
        let _ = ctx.alignment();
    }
    let rules_pass = crate::timing::phase("rules");
    if rules.iter().any(|r| r.rule.uses_kept_terms()) {
        let _t = crate::timing::phase("  kept terms");
        let _ = ctx.kept_terms();
    }
    // Pair rules over chunks of pairs and document rules side by side: most document rules are
    // one sequential pass each, and alone they left a core idle.
    ctx.enter_pair_pass();
    let pair_rules: Vec<&ActiveRule> = rules.iter().filter(|r| r.rule.is_pair_rule()).collect();
    let pair_pass = || -> Vec<Vec<Diagnostic>> {
        let _t = crate::timing::phase("  pair pass");
        // Each worker appends to its own vector as it goes, chunk after chunk; the vectors are
        // then joined in order.
        let parts: Vec<Vec<Diagnostic>> = doc
            .pairs
            .par_chunks(CHUNK)
            .fold_with(Vec::new(), |mut out, chunk| {
                for pair in chunk {
                    let pair_start = out.len();
                    for r in &pair_rules {
                        let before = out.len();
                        r.rule.check_pair(&ctx, pair, &mut out);
                        for d in &mut out[before..] {
                            d.severity = r.severity;
                        }
                    }
                    // A pair's findings in final order: the pairs of a file follow each other,
                    // so the pass's output is then (nearly) sorted, and the final sort of a file
                    // with hundreds of thousands of findings merges runs instead of reordering
                    // them (a seventh of such a run, on one core).
                    out[pair_start..].sort_by(by_position);
                }
                out
            })
            .collect();
        parts
    };
    let doc_pass = || -> Vec<Diagnostic> {
        let _t = crate::timing::phase("  document pass");
        rules
            .par_iter()
            .flat_map_iter(|r| {
                let mut v = Vec::new();
                r.rule.check_document(&ctx, &mut v);
                for d in &mut v {
                    d.severity = r.severity;
                }
                v
            })
            .collect()
    };
    let (mut parts, doc_diags) = if pair_rules.is_empty() {
        // Nothing to run beside: a join would only hand the work to the pool and wait.
        (Vec::new(), doc_pass())
    } else {
        rayon::join(pair_pass, doc_pass)
    };
    drop(rules_pass);
    // The alignment (a few vectors per pair) is not needed any more: free it before the
    // findings are joined and sorted, or it would be part of the run's peak memory.
    drop(ctx);
    let _joining = crate::timing::phase("  join and sort");
    // Parse problems are reported by the rule they name (`subtitle-syntax`, `table-syntax`), so
    // selection and severity apply; a problem naming no registered rule is never lost.
    let unclaimed: Vec<Diagnostic> = doc
        .problems
        .iter()
        .filter(|p| crate::rules::find(p.rule).is_none())
        .map(|p| {
            Diagnostic::new(
                p.rule,
                crate::diagnostic::Severity::Error,
                p.file,
                p.span,
                p.message.clone(),
            )
        })
        .collect();
    parts.push(doc_diags);
    parts.push(unclaimed);
    join_sorted(parts)
}

/// Findings out of order from which [`join_sorted`] sorts keys, when they are also most of
/// the findings: below it a merge sort takes well under a tenth of a second (259,000 findings
/// of a subtitle file: 50 ms either way, and the second copy cost 24 MB).
const SORT_BY_KEYS_FROM: usize = 1 << 20;

/// The findings of `parts` (each worker's findings of the pair pass in order, the document
/// pass's, then the parse problems no rule reports), end to end and sorted [`by_position`], stably:
/// equal findings keep their order.
///
/// Usually the first findings are in order and the rest few: they are joined and merge-sorted,
/// which then moves little. When most findings come after the first one out of order (a
/// subtitle file whose layout rules find a line in every cue: 3.7 million findings, three
/// quarters from the document pass), they are sorted as keys with their places (56 bytes each,
/// where a finding is about 200), then each moved once, in order, into the result: merge-sorting
/// the findings themselves took two seconds on one core. That costs a second copy of the
/// findings while it runs, which pays only then.
fn join_sorted(parts: Vec<Vec<Diagnostic>>) -> Vec<Diagnostic> {
    join_sorted_from(parts, SORT_BY_KEYS_FROM)
}

/// [`join_sorted`], sorting keys from `keys_from` findings out of order.
fn join_sorted_from(parts: Vec<Vec<Diagnostic>>, keys_from: usize) -> Vec<Diagnostic> {
    let total: usize = parts.iter().map(Vec::len).sum();
    // How many findings lead in order.
    let mut walk = parts.iter().flatten();
    let mut leading = usize::from(total > 0);
    if let Some(first) = walk.next() {
        let _ = walk.try_fold(first, |prev, d| {
            (by_position(prev, d) != std::cmp::Ordering::Greater).then(|| {
                leading += 1;
                d
            })
        });
    }
    let out_of_order = total - leading;
    if out_of_order < keys_from || out_of_order * 2 < total {
        let mut parts = parts.into_iter();
        let mut all = parts.next().unwrap_or_default();
        all.reserve_exact(total - all.len());
        for part in parts {
            all.extend(part);
        }
        // A worker's vector grew by doubling: its unused room is given back.
        all.shrink_to_fit();
        if leading < total {
            all.sort_by(by_position);
        }
        return all;
    }
    type Key = (FileId, usize, &'static str, usize);
    let mut keys: Vec<(Key, u32, usize)> = Vec::with_capacity(total);
    for (p, part) in (0..).zip(&parts) {
        keys.extend(
            part.iter()
                .enumerate()
                .map(|(i, d)| ((d.file, d.span.start, d.rule, d.span.end), p, i)),
        );
    }
    // Stable, and the keys are listed in the parts' order: as sorting the concatenation.
    keys.sort_by(|a, b| a.0.cmp(&b.0));
    // Each finding is taken out of its part as it is placed (wrapping a finding in `Some` keeps
    // its size and its place).
    let mut parts: Vec<Vec<Option<Diagnostic>>> = parts
        .into_iter()
        .map(|part| part.into_iter().map(Some).collect())
        .collect();
    let mut all = Vec::with_capacity(total);
    crate::pages::touch_spare_capacity(&mut all);
    all.extend(keys.into_iter().filter_map(|(_, p, i)| {
        parts
            .get_mut(p as usize)
            .and_then(|part| part.get_mut(i))
            .and_then(Option::take)
    }));
    all
}

/// The order of a report: by file, position, then rule name (stable, so equal findings keep the
/// order the rules gave them).
fn by_position(a: &Diagnostic, b: &Diagnostic) -> std::cmp::Ordering {
    (a.file, a.span.start, a.rule, a.span.end).cmp(&(b.file, b.span.start, b.rule, b.span.end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::model::Span;

    /// Numbers below a bound, from [`crate::test_support::xorshift`].
    fn numbers(seed: u64) -> impl FnMut(u64) -> u64 {
        let mut next = crate::test_support::xorshift(seed);
        move |below| next() % below
    }

    #[test]
    fn joining_by_keys_gives_the_stable_sort_of_the_concatenation() {
        // Runs as the rules give them, with many equal keys (kept apart by their messages)
        // across parts to check stability.
        let mut next = numbers(11);
        let rules = ["whitespace", "line-length", "reading-speed"];
        let mut run = |name: &str, n: usize| -> Vec<Diagnostic> {
            let mut start = 0;
            (0..n)
                .map(|k| {
                    start += next(3) as usize;
                    let end = start + next(2) as usize;
                    Diagnostic::new(
                        rules[next(3) as usize],
                        Severity::Warning,
                        next(2) as FileId,
                        Span::new(start, end),
                        format!("{name} finding {k}"),
                    )
                })
                .collect()
        };
        // Keys from 1,000 findings out of order here: both ways are taken.
        for sizes in [[10, 20, 0], [3000, 1500, 3]] {
            let parts: Vec<Vec<Diagnostic>> = ["pairs", "document", "problems"]
                .iter()
                .zip(sizes)
                .map(|(name, n)| run(name, n))
                .collect();
            let mut expected: Vec<Diagnostic> = parts.iter().flatten().cloned().collect();
            expected.sort_by(by_position);
            let joined = join_sorted_from(parts.clone(), 1000);
            assert!(joined == expected);
            assert!(join_sorted(parts) == expected);
            // Already in order: unchanged.
            assert!(join_sorted_from(vec![joined.clone()], 1000) == expected);
        }
    }
}
