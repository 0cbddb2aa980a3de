//! `terminal-punctuation-mismatch`: a question translated as a statement, or the reverse.

use super::{Context, FixKind, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Pair, Span};

/// See `rules/terminal-punctuation-mismatch.toml`.
pub struct TerminalPunctuationMismatch;

static META: RuleMeta = RuleMeta {
    name: "terminal-punctuation-mismatch",
    severity: Severity::Info,
    default_enabled: true,
    fix: FixKind::None,
    doc: include_str!("../../rules/terminal-punctuation-mismatch.toml"),
};

/// How a line ends, as far as sentence type goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// `?` or `？`.
    Question,
    /// `.` `。` `!` `！`.
    Statement,
    /// Anything else: the sentence continues in the next line, or the line is a fragment.
    Open,
}

/// The ending of a line, looking through closing quotes and brackets. The last mark decides,
/// so "?!" and "？！" are questions.
pub fn ending(text: &str) -> (Ending, usize) {
    let trimmed =
        text.trim_end_matches(['"', '\'', '”', '’', '」', '』', ')', '）', ']', '】', ' ']);
    let mut ending = Ending::Open;
    let mut at = trimmed.len();
    for (i, c) in trimmed.char_indices().rev() {
        match c {
            '?' | '？' => {
                ending = Ending::Question;
                at = i;
            }
            '.' | '。' | '!' | '！' | '…' if ending == Ending::Open => {
                ending = Ending::Statement;
                at = i;
            }
            '.' | '。' | '!' | '！' | '…' => {}
            _ => break,
        }
    }
    (ending, at)
}

impl Rule for TerminalPunctuationMismatch {
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
        let (en, zh) = (ctx.doc.text(&source), ctx.doc.text(&target));
        let ((en_end, _), (zh_end, zh_at)) = (ending(en), ending(zh));
        // A question anywhere on the other side (quoted speech moves: "“你来吗？”他问。")
        // means the sentence types agree.
        let has_question = |t: &str| t.contains(['?', '？']);
        let message = match (en_end, zh_end) {
            (Ending::Question, Ending::Statement) if !has_question(zh) => {
                "the original is a question but the translation ends as a statement"
            }
            (Ending::Statement, Ending::Question) if !has_question(en) => {
                "the translation is a question but the original ends as a statement"
            }
            _ => return,
        };
        // A crossing or a shift pairs the sentence with another's translation; those rules
        // explain it.
        if ctx.alignment().in_finding(pair.index) {
            return;
        }
        let mark_len = zh[zh_at..].chars().next().map_or(0, char::len_utf8);
        let span = Span::new(
            target.span.start + zh_at,
            target.span.start + zh_at + mark_len,
        );
        out.push(
            Diagnostic::new(META.name, META.severity, target.file, span, message)
                .with_label("sentence type differs here")
                .with_related(source.file, source.span, "the original"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endings() {
        assert_eq!(ending("真的吗？").0, Ending::Question);
        assert_eq!(ending("Really?!").0, Ending::Question);
        assert_eq!(ending("“好。”").0, Ending::Statement);
        assert_eq!(ending("and then").0, Ending::Open);
        assert_eq!(ending("我想,").0, Ending::Open);
    }
}
