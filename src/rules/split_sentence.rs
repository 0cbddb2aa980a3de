//! `split-sentence`: one sentence split across two pairs ("T." / "Rex was eating grass.").

use super::{Context, FixKind, Rule, RuleMeta};
use crate::align::dp::Finding;
use crate::data::ends_sentence;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::model::{Document, Format, Order, Pair, Span};

/// See `rules/split-sentence.toml`.
pub struct SplitSentence;

static META: RuleMeta = RuleMeta {
    name: "split-sentence",
    severity: Severity::Info,
    default_enabled: true,
    fix: FixKind::Unsafe,
    doc: include_str!("../../rules/split-sentence.toml"),
};

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "vs.", "e.g.", "i.e.", "jr.", "sr.",
];

/// Words that open a sentence far more often than they follow an initial: pronouns,
/// determiners, auxiliaries, conjunctions and the usual first words of a spoken sentence.
const SENTENCE_OPENERS: &[&str] = &[
    "a", "an", "and", "are", "as", "but", "can", "could", "did", "do", "does", "don't", "for",
    "he", "her", "here", "his", "how", "i", "i'm", "if", "in", "is", "it", "it's", "its", "let",
    "let's", "maybe", "my", "no", "now", "oh", "ok", "okay", "on", "our", "please", "she", "so",
    "that", "that's", "the", "their", "then", "there", "there's", "these", "they", "this", "those",
    "we", "well", "what", "when", "where", "which", "who", "why", "will", "would", "yes", "you",
    "your",
];

/// Whether `line` begins with one of [`SENTENCE_OPENERS`] ("It's good…", "Don't worry.").
fn starts_like_a_sentence(line: &str) -> bool {
    let first = line
        .trim_start()
        .split(|c: char| !(c.is_ascii_alphabetic() || c == '\'' || c == '’'))
        .next()
        .unwrap_or("")
        .replace('’', "'")
        .to_ascii_lowercase();
    SENTENCE_OPENERS.contains(&first.as_str())
}

/// Why two consecutive originals look like one sentence, if they do. `first_zh` is the
/// translation of `first`.
fn split_evidence(first: &str, second: &str, first_zh: &str) -> Option<&'static str> {
    let first = first.trim_end();
    let mut words = first.rsplit(char::is_whitespace);
    let last_word = words.next().unwrap_or(first);
    // An initial ("T.", "J.") before a capitalised word: a name cut in two. Not "I.": the
    // pronoun ends sentences ("so do I.", "neither am I."), and no initial is that common. A
    // capital letter also names things ("vitamin C.", "plan B.", "A, B, C."): when the
    // translation ends its sentence there too and the next line opens like a sentence ("It's
    // good…"), or the letter ends a list, it is no initial ("that T." / "Rex ate…" still is).
    let initial = last_word.len() == 2
        && last_word.ends_with('.')
        && last_word.starts_with(|c: char| c.is_ascii_uppercase())
        && last_word != "I."
        && second.trim_start().starts_with(|c: char| c.is_uppercase())
        && !(ends_sentence(first_zh) && starts_like_a_sentence(second))
        && !words.next().is_some_and(|w| w.ends_with(','));
    // The abbreviations are ASCII: compared without lower-casing a copy of every line's last
    // word (an allocation per pair of the file).
    if initial
        || ABBREVIATIONS
            .iter()
            .any(|a| last_word.eq_ignore_ascii_case(a))
    {
        return Some("the first line ends on an abbreviation, not a sentence");
    }
    let continues_lower = second.trim_start().starts_with(|c: char| c.is_lowercase());
    if !ends_sentence(first) && continues_lower {
        return Some("the first line stops mid-sentence and the next continues it in lower case");
    }
    None
}

/// The merge edit for interleaved text: both pairs' lines become one pair, in file order.
fn merge_edit(doc: &Document, a: &Pair, b: &Pair) -> Option<Edit> {
    let (ta, sa, tb, sb) = (a.target?, a.source?, b.target?, b.source?);
    if [ta.file, sa.file, tb.file, sb.file].iter().any(|&f| f != 0) {
        return None;
    }
    let file = &doc.files[0];
    let line = |s: &crate::model::Segment| doc.line_of(s);
    let start = line(&ta).start.min(line(&sa).start);
    let end = line(&tb).end.max(line(&sb).end);
    let newline = if file.text[start..end].contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    // The first half's full stop ends nothing once the halves are one sentence ("知道T。" +
    // "霸王龙…" → "知道T霸王龙…").
    let first_zh = doc.text(&ta).trim_end_matches(['。', '.', '，', ',']);
    let zh = format!("{first_zh}{}", doc.text(&tb));
    let en = format!("{} {}", doc.text(&sa), doc.text(&sb));
    let (first, second) = match doc.order {
        Order::TargetFirst => (zh, en),
        Order::SourceFirst => (en, zh),
    };
    Some(Edit {
        file: 0,
        span: Span::new(start, end),
        replacement: format!("{first}{newline}{second}").into(),
    })
}

impl Rule for SplitSentence {
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
        // Subtitle cues split sentences by design; only transcripts keep one sentence a pair.
        let textual = doc.format == Format::Interleaved;
        let mut flagged = Vec::new();
        for w in doc.pairs.windows(2) {
            let (Some(ea), Some(eb)) = (w[0].source, w[1].source) else {
                continue;
            };
            if w[0].target.is_none() || w[1].target.is_none() {
                continue;
            }
            let za = w[0].target.map_or("", |t| doc.text(&t));
            if let Some(why) = split_evidence(doc.text(&ea), doc.text(&eb), za)
                && (textual || why.contains("abbreviation"))
            {
                flagged.push((w[0].index, why));
            }
        }
        if let Some(analysis) = doc.pairs.len().checked_sub(1).map(|_| ctx.alignment()) {
            for f in &analysis.findings {
                if let Finding::Split { at, .. } = *f
                    && !flagged.iter().any(|(k, _)| *k == at)
                {
                    flagged.push((at, "one line on the other side translates both"));
                }
            }
        }
        flagged.sort_by_key(|(k, _)| *k);
        for (k, why) in flagged {
            let (a, b) = (&doc.pairs[k], &doc.pairs[k + 1]);
            let (Some(ea), Some(eb)) = (a.source, b.source) else {
                continue;
            };
            let line = |s: &crate::model::Segment| doc.file(s.file).line_col(s.span.start).0;
            let mut d = Diagnostic::new(
                META.name,
                META.severity,
                ea.file,
                ea.span,
                format!(
                    "one sentence split across two pairs (lines {} and {}): {why}",
                    line(&ea),
                    line(&eb)
                ),
            )
            .with_label("the sentence starts here")
            .with_related(eb.file, eb.span, "and continues here")
            .with_help("merge the two pairs into one");
            if textual && let Some(edit) = merge_edit(doc, a, b) {
                d = d.with_fix(Fix {
                    applicability: Applicability::Unsafe,
                    title: "Merge the two pairs".into(),
                    edits: vec![edit],
                });
            }
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence() {
        assert!(split_evidence("I just learned that T.", "Rex ate plants.", "").is_some());
        assert!(split_evidence("We met Dr.", "Okafor at noon.", "").is_some());
        assert!(split_evidence("as in MRS.", "Okafor's class", "").is_some());
        assert!(split_evidence("Apples, pears, E.G.", "Anything round.", "").is_some());
        assert!(split_evidence("and if we go", "far enough, it works.", "").is_some());
        assert!(split_evidence("We met at noon.", "Then we left.", "").is_none());
        assert!(split_evidence("We met at noon", "Then we left.", "").is_none());
        assert!(split_evidence("No.", "Stereotypes.", "").is_none());
        assert!(split_evidence("at time t.", "Then it moves.", "").is_none());
        // The pronoun I ends sentences; other capital letters are read as initials.
        assert!(split_evidence("If you stay, then so will I.", "He calls.", "").is_none());
        assert!(split_evidence("Ask Harry S.", "Truman's aide.", "").is_some());
        // A letter that names something, where the translation ends the sentence too.
        let (first, second) = ("I take vitamin C.", "It is good for the skin.");
        assert!(split_evidence(first, second, "我每天都吃维生素 C。").is_none());
        assert!(split_evidence(first, second, "我每天都吃维生素").is_some());
        assert!(split_evidence("that T.", "Rex ate plants.", "我才知道 T。").is_some());
        assert!(split_evidence("We have plan B.", "Don’t worry.", "我们有 B 计划。").is_none());
        assert!(split_evidence("The list: A, B, C.", "Done.", "清单").is_none());
    }
}
