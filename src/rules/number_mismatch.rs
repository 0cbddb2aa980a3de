//! `number-mismatch`: the numbers of a translation differ from its original's after normalisation.

use super::{Context, FixKind, Rule, RuleMeta};
use crate::align::numbers::{chinese_numbers, compare, english_numbers, small_numbers_contradict};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Pair, Span};

/// See `rules/number-mismatch.toml`.
pub struct NumberMismatch;

static META: RuleMeta = RuleMeta {
    name: "number-mismatch",
    severity: Severity::Warning,
    default_enabled: true,
    fix: FixKind::None,
    doc: include_str!("../../rules/number-mismatch.toml"),
};

impl Rule for NumberMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn uses_alignment(&self) -> bool {
        true
    }

    fn check_pair(&self, ctx: &Context<'_>, pair: &Pair, out: &mut Vec<Diagnostic>) {
        let (Some(source), Some(target)) = (pair.source, pair.target) else {
            return;
        };
        if !ctx.alignment().numbers_may_differ(pair.index) {
            return;
        }
        let (en_text, zh_text) = (ctx.doc.text(&source), ctx.doc.text(&target));
        let en = english_numbers(en_text);
        let zh = chinese_numbers(zh_text);
        if en.is_empty() && zh.is_empty() {
            return;
        }
        let mut diff = compare(&en, &zh);
        if diff.is_empty() {
            // Small spelled-out numbers are too ambiguous to report alone ("一个" is often just
            // "a"), but two of them that contradict each other — "three" against "五", "second"
            // against "第三" — are a real difference.
            match small_numbers_contradict(&en, &zh) {
                Some(small) => diff = small,
                None => return,
            }
        }
        // A crossing or a shift moves numbers between pairs; those rules explain it.
        if ctx.alignment().in_finding(pair.index) {
            return;
        }
        let quote = |items: &[usize], ms: &[crate::align::numbers::NumberMention], text: &str| {
            items
                .iter()
                .map(|&i| format!("`{}`", ms[i].text(text)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let message = match (diff.only_en.is_empty(), diff.only_zh.is_empty()) {
            (false, false) => format!(
                "numbers differ: the English has {} but the Chinese has {} instead",
                quote(&diff.only_en, &en, en_text),
                quote(&diff.only_zh, &zh, zh_text)
            ),
            (false, true) => format!(
                "number missing from the translation: the English has {}",
                quote(&diff.only_en, &en, en_text)
            ),
            _ => format!(
                "number not in the original: the Chinese has {}",
                quote(&diff.only_zh, &zh, zh_text)
            ),
        };
        let (file, span, label) = match diff.only_zh.first() {
            Some(&i) => (
                target.file,
                Span::new(
                    target.span.start + zh[i].span.start,
                    target.span.start + zh[i].span.end,
                ),
                "no matching number in the original".to_string(),
            ),
            None => (
                target.file,
                target.span,
                "this translation lacks it".to_string(),
            ),
        };
        let mut d =
            Diagnostic::new(META.name, META.severity, file, span, message).with_label(label);
        for &i in &diff.only_en {
            d = d.with_related(
                source.file,
                Span::new(
                    source.span.start + en[i].span.start,
                    source.span.start + en[i].span.end,
                ),
                "not in the translation",
            );
        }
        out.push(d.with_help("check which number the speaker meant and make both sides agree"));
    }
}
