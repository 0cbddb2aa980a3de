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
    let pair_pass = || -> Vec<Diagnostic> {
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
        join_parts(parts)
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
    let (mut out, doc_diags) = if pair_rules.is_empty() {
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
    out.reserve_exact(doc_diags.len() + doc.problems.len());
    out.extend(doc_diags);
    // Parse problems are reported by the rule they name (`subtitle-syntax`, `table-syntax`), so
    // selection and severity apply; a problem naming no registered rule is never lost.
    for p in &doc.problems {
        if crate::rules::find(p.rule).is_none() {
            out.push(Diagnostic::new(
                p.rule,
                crate::diagnostic::Severity::Error,
                p.file,
                p.span,
                p.message.clone(),
            ));
        }
    }
    out.sort_by(by_position);
    out
}

/// The findings of consecutive workers' vectors, end to end, each moved once into a vector of
/// exactly their number. One vector (a single pair with a million findings: a 50 MB line) is
/// kept as it is, without its room to grow; flattening the pass's output moved each finding
/// twice, into vectors grown by doubling, which held three times the findings' memory.
fn join_parts(mut parts: Vec<Vec<Diagnostic>>) -> Vec<Diagnostic> {
    if parts.len() == 1 {
        let mut only = parts.pop().unwrap_or_default();
        only.shrink_to_fit();
        return only;
    }
    let mut all = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for part in parts {
        all.extend(part);
    }
    all
}

/// The order of a report: by file, position, then rule name (stable, so equal findings keep the
/// order the rules gave them).
fn by_position(a: &Diagnostic, b: &Diagnostic) -> std::cmp::Ordering {
    (a.file, a.span.start, a.rule, a.span.end).cmp(&(b.file, b.span.start, b.rule, b.span.end))
}
