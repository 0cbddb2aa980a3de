//! `stray-line`: text that is not dialogue — app headers and footers, credits, UI text.
//! Where the text claims a count ("还有 480 条"), the claim is checked against what follows.

use super::{Context, FixKind, Rule, RuleMeta};
use crate::data::APP_TEXT_PATTERNS;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::model::{Document, FileId, Span, Stray, StrayKind};

/// See `rules/stray-line.toml`.
pub struct StrayLine;

static META: RuleMeta = RuleMeta {
    name: "stray-line",
    severity: Severity::Warning,
    default_enabled: true,
    fix: FixKind::Unsafe,
    doc: include_str!("../../rules/stray-line.toml"),
};

/// What a count claim says and what the file shows.
#[derive(Debug, PartialEq, Eq)]
pub struct ClaimCheck {
    /// The number claimed.
    pub claimed: usize,
    /// Pairs that follow the line in the file.
    pub following_pairs: usize,
    /// More input follows what was read (a window of standard input): `following_pairs` is a
    /// lower bound.
    pub open_ended: bool,
}

impl ClaimCheck {
    /// A claim holds when it matches the pairs that follow, allowing one either way (apps count
    /// the line they hide behind, or not). `None` when that cannot be known yet: fewer pairs than
    /// claimed were read and more input follows.
    pub fn holds(&self) -> Option<bool> {
        let matches = self.claimed.abs_diff(self.following_pairs) <= 1;
        if !self.open_ended {
            Some(matches)
        } else if self.following_pairs > self.claimed + 1 {
            Some(false)
        } else {
            None
        }
    }
}

/// Start bytes in `file` of the pairs, sorted: counting the pairs after a line is then a binary
/// search, not a scan of every pair for every stray line (quadratic on big files). A pair that
/// lost one side still counts: the app counted the entry, whose translation went missing later
/// (`missing-translation` reports that). In two-file mode each file has its own offsets, so a pair starts where its side in
/// that file does.
fn pair_starts(doc: &Document, file: FileId) -> Vec<usize> {
    let mut starts: Vec<usize> = doc
        .pairs
        .iter()
        .filter_map(|p| {
            [p.source, p.target]
                .iter()
                .flatten()
                .filter(|seg| seg.file == file)
                .map(|seg| seg.span.start)
                .min()
        })
        .collect();
    starts.sort_unstable();
    starts
}

/// Check a count claim in `stray`, if it makes one; `starts` from [`pair_starts`].
fn check_claim(doc: &Document, stray: &Stray, starts: &[usize]) -> Option<ClaimCheck> {
    let text = doc.text(&stray.segment);
    let caps = APP_TEXT_PATTERNS.claim.captures(text)?;
    let claimed = caps
        .iter()
        .skip(1)
        .flatten()
        .next()
        .and_then(|m| m.as_str().parse::<usize>().ok())?;
    let after = stray.segment.span.end;
    let following_pairs = starts.len() - starts.partition_point(|&s| s < after);
    Some(ClaimCheck {
        claimed,
        following_pairs,
        open_ended: doc.file(stray.segment.file).more_follows(),
    })
}

/// The edit that deletes a whole line with one line break: its own, or — for a last line
/// without one — the break before it, so the file's final-newline state is kept. A BOM at the
/// start of the file stays.
pub fn delete_line(doc: &Document, stray: &Stray) -> Edit {
    if let Some(span) = super::cue_common::cue_block_of(doc, &stray.segment) {
        // In SRT/VTT the stray is a whole cue: delete the cue, not only its text.
        return Edit {
            file: stray.segment.file,
            span,
            replacement: "".into(),
        };
    }
    let file = &doc.file(stray.segment.file);
    let text = file.text.as_str();
    let line = doc.line_of(&stray.segment);
    let rest = &text.as_bytes()[line.end..];
    let break_len = if rest.starts_with(b"\r\n") {
        2
    } else if rest.starts_with(b"\n") || rest.starts_with(b"\r") {
        1
    } else {
        0
    };
    let mut start = line.start;
    if start == 0 && text.starts_with('\u{FEFF}') {
        start = '\u{FEFF}'.len_utf8();
    }
    let idx = file.line_index(line.start);
    let mut span = if break_len == 0 && idx > 0 {
        Span::new(file.line_span(idx - 1).end, line.end)
    } else {
        Span::new(start, line.end + break_len)
    };
    // In a file that parts its pairs with blank lines, the stray's blank line goes with it:
    // blank lines on both sides would become two in a row, and one before the last line a
    // blank line ending the file.
    let blank = |i: usize| text[file.line_span(i).range()].trim().is_empty();
    let before_blank = idx > 0 && blank(idx - 1);
    let rest_empty = text[span.end..].trim().is_empty();
    if rest_empty && before_blank && break_len > 0 {
        span = Span::new(file.line_span(idx - 1).start, span.end);
    } else if !rest_empty
        && (idx == 0 || before_blank)
        && file
            .line_start(idx + 1)
            .is_some_and(|next| next == span.end)
        && blank(idx + 1)
    {
        span = Span::new(span.start, file.line_start(idx + 2).unwrap_or(text.len()));
    }
    Edit {
        file: stray.segment.file,
        span,
        replacement: "".into(),
    }
}

impl Rule for StrayLine {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn is_pair_rule(&self) -> bool {
        false
    }

    fn check_document(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        if doc.strays.is_empty() {
            return;
        }
        let starts: Vec<Vec<usize>> = (0..doc.files.len())
            .map(|f| pair_starts(doc, f as FileId))
            .collect();
        for stray in &doc.strays {
            let (message, label) = match &stray.kind {
                StrayKind::Header => (
                    "app header text before the dialogue, not part of the transcript",
                    "header",
                ),
                StrayKind::Footer => (
                    "app footer text after the dialogue, not part of the transcript",
                    "footer",
                ),
                StrayKind::AppText(_) => (
                    "app interface text in the middle of the dialogue",
                    "not dialogue",
                ),
            };
            let mut d = Diagnostic::new(
                META.name,
                META.severity,
                stray.segment.file,
                stray.segment.span,
                message,
            )
            .with_label(label)
            .with_fix(Fix {
                applicability: Applicability::Unsafe,
                title: "Delete the line".into(),
                edits: vec![delete_line(doc, stray)],
            });
            let in_file = starts
                .get(stray.segment.file as usize)
                .map_or(&[][..], Vec::as_slice);
            if let Some(check) = check_claim(doc, stray, in_file) {
                let at_least = if check.open_ended { "at least " } else { "" };
                let (claimed, pairs) = (
                    count_of(check.claimed, "more entry", "more entries"),
                    count_of(check.following_pairs, "pair", "pairs"),
                );
                let follow = if check.following_pairs == 1 && at_least.is_empty() {
                    "follows"
                } else {
                    "follow"
                };
                let verdict = match check.holds() {
                    Some(true) => {
                        let within = if check.claimed == check.following_pairs {
                            ""
                        } else {
                            " to within one"
                        };
                        format!(
                            "it claims {claimed} and {pairs} {follow} it: the claim holds{within}, so nothing was cut"
                        )
                    }
                    Some(false) => format!(
                        "it claims {claimed} but {at_least}{pairs} {follow} it: the claim does not hold, so the transcript may be cut or padded"
                    ),
                    None => format!(
                        "it claims {claimed}; the claim is not checked, as standard input is read in windows and only {pairs} of its window {follow} it (`--stdin-window`)"
                    ),
                };
                d.message = format!("{}; {verdict}", d.message).into();
            }
            out.push(d);
        }
    }
}

/// `n` and the noun in the number `n` needs ("1 pair", "3 pairs").
fn count_of(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::ClaimCheck;

    fn check(following_pairs: usize, open_ended: bool) -> Option<bool> {
        ClaimCheck {
            claimed: 480,
            following_pairs,
            open_ended,
        }
        .holds()
    }

    #[test]
    fn a_claim_holds_within_one_pair() {
        assert_eq!(check(480, false), Some(true));
        assert_eq!(check(479, false), Some(true));
        assert_eq!(check(481, false), Some(true));
        assert_eq!(check(478, false), Some(false));
        assert_eq!(check(300, false), Some(false));
    }

    #[test]
    fn a_claim_with_more_input_to_come_is_judged_only_when_already_exceeded() {
        // A window of a stream: more pairs may follow the ones counted.
        assert_eq!(check(300, true), None);
        assert_eq!(check(480, true), None);
        assert_eq!(check(481, true), None);
        assert_eq!(check(482, true), Some(false));
    }
}
