//! `crossed-pair`: two adjacent pairs whose translations are swapped.

use super::{Context, FixKind, Rule, RuleMeta};
use crate::align::dp::Finding;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};

/// See `rules/crossed-pair.toml`.
pub struct CrossedPair;

/// The rule's name, for the rules that leave crossed pairs to it.
pub const NAME: &str = "crossed-pair";

static META: RuleMeta = RuleMeta {
    name: NAME,
    severity: Severity::Error,
    default_enabled: true,
    fix: FixKind::Unsafe,
    doc: include_str!("../../rules/crossed-pair.toml"),
};

impl Rule for CrossedPair {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn uses_alignment(&self) -> bool {
        true
    }

    fn is_pair_rule(&self) -> bool {
        false
    }

    fn check_document(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let analysis = ctx.alignment();
        for (finding, confirmed) in analysis.findings.iter().zip(&analysis.confirmed) {
            let Finding::Swap { at, gain } = *finding else {
                continue;
            };
            let (Some(a), Some(b)) = (doc.pairs.get(at), doc.pairs.get(at + 1)) else {
                continue;
            };
            let (Some(za), Some(zb), Some(ea), Some(eb)) = (a.target, b.target, a.source, b.source)
            else {
                continue;
            };
            let line = |s: &crate::model::Segment| doc.file(s.file).line_col(s.span.start).0;
            // In two-file mode the English lines are in the other file: say which.
            let english = if ea.file == za.file {
                String::new()
            } else {
                format!(" of {}", doc.file(ea.file).path)
            };
            // A Chinese line that would translate a whole English sentence but ends on a clause
            // mark may hold one sentence's translation and the start of the next: merging, not
            // swapping, may be the repair, so no swap is offered.
            let mid_sentence = crate::align::split_not_crossed(doc, at);
            // A table row or JSON object holds both sides on one line: "the one on line 15
            // translates the English on line 15" named a line twice for two different things.
            let rows = ea.file == za.file && line(&ea) == line(&za) && line(&eb) == line(&zb);
            let message = if rows {
                format!(
                    "translations crossed: this row's Chinese translates the English of the next row (line {}), and that row's Chinese translates this row's English",
                    line(&zb),
                )
            } else {
                // Both English lines name their file: neither reads as the Chinese file's; the
                // other Chinese line is then called so.
                let other = if english.is_empty() {
                    "the one"
                } else {
                    "the Chinese"
                };
                format!(
                    "translations crossed: this line translates the English on line {}{english}, and {other} on line {} translates the English on line {}{english}",
                    line(&eb),
                    line(&zb),
                    line(&ea),
                )
            };
            let mut d = Diagnostic::new(META.name, META.severity, za.file, za.span, message)
            .with_label("belongs to the next pair")
            .with_related(zb.file, zb.span, "belongs to the previous pair")
            .with_related(eb.file, eb.span, "what the first line translates")
            .with_help(if mid_sentence {
                "a line ends mid-sentence (on a clause mark): the two translations may be one split at the wrong place, not crossed; read both before swapping or merging".to_string()
            } else if *confirmed {
                format!(
                    "swap the two translations (the swapped pairing is e^{:.0} times likelier)",
                    (gain / 100.0).min(99.0)
                )
            } else {
                format!(
                    "the swapped pairing is e^{:.0} times likelier, but no fix is offered: no number, name or word confirms it, or a line lost nearby would explain it as well (a shift); read the lines around it before swapping",
                    (gain / 100.0).min(99.0)
                )
            });
            if *confirmed && za.file == zb.file && !mid_sentence {
                d = d.with_fix(Fix {
                    applicability: Applicability::Unsafe,
                    title: "Swap the two translations".into(),
                    edits: vec![
                        Edit {
                            file: za.file,
                            span: za.span,
                            replacement: doc.text(&zb).to_string().into(),
                        },
                        Edit {
                            file: zb.file,
                            span: zb.span,
                            replacement: doc.text(&za).to_string().into(),
                        },
                    ],
                });
            }
            out.push(d);
        }
    }
}
