//! The engine: run the active rules over a document and collect sorted diagnostics.

use crate::config::{ActiveRule, Settings};
use crate::diagnostic::Diagnostic;
use crate::model::Document;
use crate::rules::Context;
use rayon::prelude::*;

/// Pairs per parallel work item: large enough to amortise scheduling, small enough to balance.
const CHUNK: usize = 2048;

/// Run `rules` over `doc`. Output is sorted by file, position, then rule name, so that runs are
/// reproducible whatever the thread scheduling.
pub fn lint(doc: &Document, settings: &Settings, rules: &[ActiveRule]) -> Vec<Diagnostic> {
    let mut ctx = Context::new(doc, settings);
    let runs = |name: &str| rules.iter().any(|r| r.rule.meta().name == name);
    ctx.set_shifts_reported(runs(crate::rules::alignment_shift::NAME));
    ctx.set_crossings_reported(runs(crate::rules::crossed_pair::NAME));
    ctx.set_splits_reported(runs(crate::rules::split_sentence::NAME));
    if rules.iter().any(|r| r.rule.uses_alignment()) {
        let _t = crate::timing::phase("alignment");
        let _ = ctx.alignment();
    }
    let rules_pass = crate::timing::phase("rules");
    if rules.iter().any(|r| r.rule.uses_kept_terms()) {
        let _t = crate::timing::phase("  kept terms");
        let _ = ctx.kept_terms();
    }
    // Read by `length-ratio-outlier` inside the pair pass (one defect, one finding): computed
    // first, so that no worker of the pass waits on another's first use.
    if ctx.splits_reported() {
        let _t = crate::timing::phase("  split breaks");
        let _ = ctx.split_breaks();
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
    // Each rule's findings stay in the vector it wrote them into, in rule order: joining them
    // here copied every finding of the pass once more, while its vectors were still held (on a
    // subtitle file with a layout finding in most cues, hundreds of megabytes).
    let doc_pass = || -> Vec<Vec<Diagnostic>> {
        let _t = crate::timing::phase("  document pass");
        rules
            .par_iter()
            .map(|r| {
                let mut v = Vec::new();
                r.rule.check_document(&ctx, &mut v);
                for d in &mut v {
                    d.severity = r.severity;
                }
                v
            })
            .filter(|v| !v.is_empty())
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
    parts.extend(doc_diags);
    parts.push(unclaimed);
    join_sorted(parts)
}

/// Findings out of order from which [`join_sorted`] sorts keys, when they are also most of
/// the findings: below it a merge sort takes well under a tenth of a second (259,000 findings
/// of a subtitle file: 50 ms either way).
const SORT_BY_KEYS_FROM: usize = 1 << 20;

/// The findings of `parts` (each worker's findings of the pair pass in order, the document
/// pass's, then the parse problems no rule reports), end to end and sorted [`by_position`], stably:
/// equal findings keep their order.
///
/// The parts are joined (each freed as it is moved in). Usually the first findings are in order
/// and the rest few: they are joined end to end and merge-sorted, which moves little. When most
/// findings come after the first one out of order (a subtitle file whose layout rules find a
/// line in every cue: 3.7 million findings, three quarters from the document pass), the largest
/// part is grown in place to hold the others, and the findings are sorted as keys with their
/// places ([`packed_keys`]), then put in place by swaps ([`permute`]): merge-sorting the
/// findings themselves took two seconds on one core, and moving them in order into a second
/// vector held them twice (0.9 GB more on that file).
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
    let by_keys = out_of_order >= keys_from && out_of_order * 2 >= total;
    // The largest part first: it is grown in place, and each other part freed as it is moved
    // in. So the findings are held about once, not in their parts and again in the result.
    let keyed = by_keys.then(|| {
        let mut order: Vec<usize> = (0..parts.len()).collect();
        order.sort_by_key(|&p| std::cmp::Reverse(parts[p].len()));
        packed_keys(&parts, &order).map(|keys| (order, keys))
    });
    let Some((order, mut keys)) = keyed.flatten() else {
        // End to end (the first part grows in place, each other part is freed as it is moved
        // in), then merge-sorted if need be.
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
    };
    let mut parts: Vec<Option<Vec<Diagnostic>>> = parts.into_iter().map(Some).collect();
    let mut all: Vec<Diagnostic> = Vec::new();
    for (k, &p) in order.iter().enumerate() {
        let Some(mut part) = parts[p].take() else {
            continue;
        };
        if k == 0 {
            all = part;
            all.reserve_exact(total - all.len());
            continue;
        }
        // Taken from its end, and the part shrunk as it goes: a part held whole until moved
        // was as much memory again as the second largest part (a third of a gigabyte on a
        // subtitle file with a layout finding in every cue).
        while let Some(d) = part.pop() {
            all.push(d);
            if part.len() % MOVE_BLOCK == 0 {
                part.shrink_to_fit();
            }
        }
    }
    // Distinct (the place in the concatenation is part of each), so an unstable sort gives the
    // stable order.
    keys.sort_unstable();
    // `from[k]`: the place in `all` of the finding that goes to place `k`.
    let from: Vec<u32> = keys.into_iter().map(|k| k.3).collect();
    permute(&mut all, from);
    all
}

/// Findings moved at a time from a part before it is shrunk ([`join_sorted`]).
const MOVE_BLOCK: usize = 1 << 15;

/// Each finding's place in the report order in 24 bytes (where a finding is 144): file
/// and start, rule (by its rank among the names present) and end, each two packed into a
/// `u64`, then its place in the concatenation of `parts` (which breaks ties as a stable sort
/// would) and its place when the parts are joined in `order`, the first as it is and each other
/// from its end. `None` when a value does not fit (files of 2⁴⁸ bytes, 2³² − 1 findings): the
/// caller then sorts the findings themselves.
fn packed_keys(parts: &[Vec<Diagnostic>], order: &[usize]) -> Option<Vec<(u64, u64, u32, u32)>> {
    const POSITION_BITS: u32 = 48;
    let fits = |v: usize| u64::try_from(v).ok().filter(|&v| v >> POSITION_BITS == 0);
    // The rule names present, a few dozen at most: findings of one rule come in runs, so a
    // name is compared with the last one first.
    let mut names: Vec<&'static str> = Vec::new();
    let mut last = "";
    for d in parts.iter().flatten() {
        if d.rule != last && !names.contains(&d.rule) {
            names.push(d.rule);
        }
        last = d.rule;
    }
    names.sort_unstable();
    let rank = |rule: &str| {
        names
            .binary_search(&rule)
            .ok()
            .and_then(|r| u64::try_from(r).ok())
    };
    let starts: Vec<usize> = parts
        .iter()
        .scan(0, |at, part| {
            let start = *at;
            *at += part.len();
            Some(start)
        })
        .collect();
    let mut keys = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for (k, &p) in order.iter().enumerate() {
        let part = parts.get(p)?;
        let placed = keys.len();
        for (i, d) in part.iter().enumerate() {
            let (file, rule) = (u64::from(d.file), rank(d.rule)?);
            let at = if k == 0 { i } else { part.len() - 1 - i };
            if file >> (64 - POSITION_BITS) != 0 || rule >> (64 - POSITION_BITS) != 0 {
                return None;
            }
            keys.push((
                file << POSITION_BITS | fits(d.span.start)?,
                rule << POSITION_BITS | fits(d.span.end)?,
                u32::try_from(starts[p] + i).ok()?,
                // Below `u32::MAX`, which `permute` uses to mark a placed item.
                u32::try_from(placed + at).ok().filter(|&i| i != u32::MAX)?,
            ));
        }
    }
    Some(keys)
}

/// Puts `items[from[k]]` at place `k` for every `k` (`from` a permutation), by swaps along its
/// cycles: each item moves once, in place.
fn permute<T>(items: &mut [T], mut from: Vec<u32>) {
    const PLACED: u32 = u32::MAX;
    for first in 0..from.len() {
        let mut at = first;
        while from[at] != PLACED {
            let source = from[at] as usize;
            from[at] = PLACED;
            if source == first {
                break;
            }
            items.swap(at, source);
            at = source;
        }
    }
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
                        next(2) as crate::model::FileId,
                        Span::new(start, end),
                        format!("{name} finding {k}"),
                    )
                })
                .collect()
        };
        // Keys from 1,000 findings out of order here: both ways are taken, the second with the
        // largest part first and last.
        for sizes in [[10, 20, 0], [3000, 1500, 3], [1200, 3000, 2]] {
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
        // A position too large for the packed keys: the findings themselves are sorted.
        let mut parts: Vec<Vec<Diagnostic>> = vec![run("pairs", 1200), run("document", 3000)];
        parts[1][7].span = Span::new(1 << 50, 1 << 50);
        assert!(packed_keys(&parts, &[1, 0]).is_none());
        let mut expected: Vec<Diagnostic> = parts.iter().flatten().cloned().collect();
        expected.sort_by(by_position);
        assert!(join_sorted_from(parts, 1000) == expected);
    }
}
