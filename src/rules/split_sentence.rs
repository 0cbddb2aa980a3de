//! `split-sentence`: one sentence split across two pairs ("T." / "Rex was eating grass.").

use super::{Context, FixKind, Rule, RuleMeta};
use crate::align::dp::Finding;
use crate::align::length::INTERCEPT;
use crate::align::pair_lengths;
use crate::data::{ends_on_a_clause_mark, ends_sentence};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::model::{Document, Format, Order, Pair, Span};
use crate::script::{Script, after_speaker_label};

/// See `rules/split-sentence.toml`.
pub struct SplitSentence;

/// The rule's id, for the engine (see [`Context::in_reported_split`]).
pub const NAME: &str = "split-sentence";

static META: RuleMeta = RuleMeta {
    name: NAME,
    severity: Severity::Info,
    default_enabled: true,
    fix: FixKind::Unsafe,
    doc: include_str!("../../rules/split-sentence.toml"),
};

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "vs.", "e.g.", "i.e.", "jr.", "sr.",
];

/// The [`ABBREVIATIONS`] that may end a sentence: the suffixes after a name.
const NAME_SUFFIXES: &[&str] = &["jr.", "sr."];

/// Words that open a sentence far more often than they follow an initial: pronouns,
/// determiners, auxiliaries, conjunctions, interjections and the usual first words of a spoken
/// sentence.
const SENTENCE_OPENERS: &[&str] = &[
    "a", "actually", "ah", "an", "and", "anyway", "are", "as", "but", "can", "could", "did", "do",
    "does", "don't", "exactly", "for", "great", "ha", "haha", "he", "her", "here", "hey", "his",
    "hmm", "how", "i", "i'm", "if", "in", "is", "it", "it's", "its", "let", "let's", "maybe",
    "mhm", "my", "no", "now", "oh", "ok", "okay", "on", "our", "please", "really", "right", "she",
    "so", "sorry", "sure", "thanks", "that", "that's", "the", "their", "then", "there", "there's",
    "these", "they", "this", "those", "uh", "um", "we", "well", "what", "when", "where", "which",
    "who", "why", "will", "wow", "would", "yeah", "yes", "you", "your",
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

/// The evidence of a cut at an abbreviation or initial ([`split_evidence`]).
const ABBREVIATION_EVIDENCE: &str = "the first line ends on an abbreviation, not a sentence";

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
        && !(ends_sentence(first_zh)
            && (starts_like_a_sentence(second) || !ends_on_a_latin_letter(first_zh)))
        && !words.next().is_some_and(|w| {
            w.ends_with(',') || MATHS_WORDS.iter().any(|m| w.eq_ignore_ascii_case(m))
        });
    // The abbreviations are ASCII: compared without lower-casing a copy of every line's last
    // word (an allocation per pair of the file). Written in capitals before a line that opens
    // like a sentence, it is an acronym that ends its sentence ("on the JR." / "The park…"), not
    // "Jr." ("MRS." / "Okafor's class" is still a title).
    let letters = last_word.trim_end_matches('.');
    let acronym = letters.len() >= 2
        && letters.bytes().all(|b| b.is_ascii_uppercase())
        && starts_like_a_sentence(second);
    // A name's suffix ends a sentence as often as any word ("…was Thomas Whitaker Jr." / "He
    // had never…"): when the translation ends its sentence there and the next line opens like
    // a sentence, it did. A title ("Dr.") never ends one.
    let ended_suffix = NAME_SUFFIXES
        .iter()
        .any(|a| last_word.eq_ignore_ascii_case(a))
        && ends_sentence(first_zh)
        && starts_like_a_sentence(second);
    if initial
        || (!acronym
            && !ended_suffix
            && ABBREVIATIONS
                .iter()
                .any(|a| last_word.eq_ignore_ascii_case(a)))
    {
        return Some(ABBREVIATION_EVIDENCE);
    }
    let continues_lower = second.trim_start().starts_with(|c: char| c.is_lowercase());
    if !ends_sentence(first) && continues_lower {
        return Some("the first line stops mid-sentence and the next continues it in lower case");
    }
    None
}

/// Words after which a capital letter is a variable ending a formula ("…times delta T."), not
/// an initial.
const MATHS_WORDS: &[&str] = &[
    "times", "plus", "minus", "over", "equals", "delta", "by", "squared", "cubed",
];

/// Whether `word` is an abbreviation written with a full stop after each letter ("U.S.",
/// "U.K.", "D.C."): it ends a sentence as often as it names the next word ("the U.S." /
/// "Trade Representative's office").
fn dotted_abbreviation(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 4
        && b.len().is_multiple_of(2)
        && b.chunks(2)
            .all(|c| c[0].is_ascii_alphabetic() && c[1] == b'.')
}

/// A sentence cut after a dotted abbreviation on both sides ("…welcomed by the U.S." /
/// "Trade Representative's office."; "这一裁决受到了美国" / "贸易代表办公室的欢迎。"): the next
/// English line goes on in capitals, and the Chinese stops on a Han character with no mark,
/// between Chinese lines (before and after) that end their sentences.
/// `first` and `second` are the two English lines and `za`, `zb` the two Chinese ones, each
/// without its speaker label, as [`break_between`] reads them.
fn cut_after_dotted_abbreviation(
    doc: &Document,
    a: &Pair,
    (first, second): (&str, &str),
    (za, zb): (&str, &str),
) -> bool {
    let first = first.trim_end();
    let last_word = first.rsplit(char::is_whitespace).next().unwrap_or(first);
    dotted_abbreviation(last_word)
        && second
            .trim_start()
            .starts_with(|c: char| c.is_ascii_uppercase())
        && a.target.is_some_and(|t| t.script == Script::Han)
        && za.trim_end().ends_with(crate::script::is_han)
        && ends_sentence(zb)
        && chinese_before_ends_a_sentence(doc, a)
}

/// Whether the Chinese line before pair `a` ends a sentence (or there is none): the file ends
/// its Chinese lines with marks there, so a line of `a` without one stopped mid-sentence.
fn chinese_before_ends_a_sentence(doc: &Document, a: &Pair) -> bool {
    a.index
        .checked_sub(1)
        .and_then(|k| doc.pairs.get(k))
        .and_then(|p| p.target)
        .is_none_or(|t| ends_sentence(doc.text(&t)))
}

/// Whether a translation's last character before its closing punctuation is a Latin letter
/// ("我才知道 T。"): a translator mirroring a cut initial ends there; one who translated a
/// letter that names something ended the sentence on its own words ("…完成了 A 轮融资。").
fn ends_on_a_latin_letter(zh: &str) -> bool {
    zh.trim_end()
        .trim_end_matches(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    '.' | '?'
                        | '!'
                        | '。'
                        | '？'
                        | '！'
                        | '…'
                        | '"'
                        | '”'
                        | '’'
                        | '」'
                        | '』'
                        | ')'
                        | '）'
                )
        })
        .ends_with(|c: char| c.is_ascii_alphabetic())
}

/// How a finding of one sentence over two pairs begins.
const SPLIT_HEADLINE: &str = "one sentence split across two pairs";

/// How a finding of [`misplaced_break`] begins.
const MISPLACED_HEADLINE: &str = "two pairs' translations split at the wrong place";

/// Least |δ| of one of two adjacent pairs alone, for [`misplaced_break`]: the length model's
/// outliers begin near 2.5.
const MISPLACED_DELTA: f64 = 2.5;

/// Least |δ| of the other pair, off the other way: the first Chinese line of a break moved by a
/// clause may stay inside its range when its original is long.
const MISPLACED_OTHER_DELTA: f64 = 1.0;

/// Most |δ| of the two pairs' lines taken together for [`misplaced_break`] (about the middle
/// 95 % of the model's well-paired lines), and less than either pair's alone.
const MISPLACED_JOINT_DELTA: f64 = 2.0;

/// Why the Chinese of pairs `a` and `b` (English sentences each) is split at the wrong place,
/// if it is: alone, one Chinese line is far too long and the other far too short, or missing;
/// together they fit the two originals. A translator who put the start of the second
/// sentence's translation on the first line ("…也有人说他逃了出去，" / "当了和尚。") leaves the
/// first without its full stop; one who translated both sentences in one line leaves the
/// second pair without a translation. `labelled`: the English lines carry speaker labels.
fn misplaced_break(ctx: &Context<'_>, a: &Pair, b: &Pair, labelled: bool) -> Option<&'static str> {
    let analysis = ctx.alignment();
    if analysis.in_finding(a.index) || analysis.in_finding(b.index) {
        return None;
    }
    // A line that runs on into the next sentence is said so; one that stops after a clause or
    // on 、 is said so only when the lengths do not tell more.
    let stopped = stopped_mid_clause(ctx, a, b, labelled);
    if let Some((why, Stop::RunsOn)) = stopped {
        return Some(why);
    }
    misplaced_by_lengths(ctx, a, b).or(stopped.map(|(why, _)| why))
}

/// [`misplaced_break`] by the lengths of the two pairs alone.
fn misplaced_by_lengths(ctx: &Context<'_>, a: &Pair, b: &Pair) -> Option<&'static str> {
    let analysis = ctx.alignment();
    // A first line near its length may still hold the start of the next sentence's translation
    // when the second line is short ([`runs_into_the_next`]); both near theirs is no break.
    let a_near = analysis.delta_within(a.index, MISPLACED_OTHER_DELTA);
    if (a_near && analysis.delta_within(b.index, MISPLACED_OTHER_DELTA))
        || (analysis.delta_within(a.index, MISPLACED_DELTA)
            && analysis.delta_within(b.index, MISPLACED_OTHER_DELTA))
    {
        return None;
    }
    let old_gate = a_near
        || (analysis.delta_within(a.index, MISPLACED_DELTA)
            && analysis.delta_within(b.index, MISPLACED_DELTA));
    let doc = ctx.doc;
    let (ea, za) = (a.source?, a.target?);
    // Translations both: an English line in the Chinese slot is `untranslated-line`'s.
    let chinese = za.script == Script::Han && b.target.is_none_or(|t| t.script == Script::Han);
    if !chinese || !ends_sentence(doc.text(&ea)) {
        return None;
    }
    let (la, lb) = (pair_lengths(doc, a), pair_lengths(doc, b));
    let delta_a = analysis.delta(la)?;
    let joint = |zh: f64| analysis.delta((la.0 + lb.0, zh));
    match b.target {
        None => (delta_a >= MISPLACED_DELTA
            && joint(la.1).is_some_and(|d| d.abs() <= MISPLACED_JOINT_DELTA && d.abs() < delta_a)
            && numbers_in_first(doc.text(&b.source?), doc.text(&za)))
        .then_some(
            "the first Chinese line translates both English lines and the second has none of its own \
             (together, the lengths fit)",
        ),
        Some(zb) => {
            let delta_b = analysis.delta(lb)?;
            // One Chinese line for two lines' worth: the model's intercept once.
            let together = (la.1 + lb.1 - INTERCEPT).max(0.0);
            let joint_fits = |least: f64| {
                joint(together).is_some_and(|d| d.abs() <= MISPLACED_JOINT_DELTA && d.abs() < least)
            };
            if runs_into_the_next(doc.text(&za), doc.text(&zb))
                && delta_b <= -MISPLACED_OTHER_DELTA
                && joint_fits(delta_a.abs().max(delta_b.abs()))
            {
                return Some(
                    "the first Chinese line ends one sentence and runs on into the next without a full stop, \
                     and the second line is short (together, the lengths fit)",
                );
            }
            if old_gate {
                return None;
            }
            let (least, most) = (
                delta_a.abs().min(delta_b.abs()),
                delta_a.abs().max(delta_b.abs()),
            );
            let opposite = delta_a * delta_b < 0.0
                && least >= MISPLACED_OTHER_DELTA
                && most >= MISPLACED_DELTA;
            // The first line ends mid-sentence: cut short, it ends on a clause mark ("到今天，");
            // run on, it may end anywhere but on a full stop ("他死的时候").
            let first = doc.text(&za).trim_end();
            let open = if delta_a < 0.0 {
                ends_on_a_clause_mark(first)
            } else {
                !ends_sentence(first)
            };
            (opposite && open && joint_fits(least))
            .then_some(
                "the first Chinese line runs on into the next sentence's translation without a full stop \
                 (alone, each length is far off; together they fit)",
            )
        }
    }
}

/// A break at the wrong place whatever the lengths say: the first Chinese line ends one
/// sentence and stops in the middle of the next on a Han character, with no mark at all
/// ("…512 GB 存储。这是我可以" / "放心交给爸妈用的笔记本。"), or stops after a clause of its own
/// sentence, on 、 or on a lone clause's ，, while the second opens with the rest and its full stop ("…会在院子里" /
/// "烤肉。也会下棋…"), where its original ends a sentence, in a file that ends its Chinese lines
/// with marks (the line before and the next one do), and the two lines together fit the two
/// originals (or, a wordy translator's, the first line alone is far too long and the second
/// short). Moving a short clause barely changes the lengths, so the length test alone misses it.
///
/// A first line far too short for its own original even with the clause it runs into, beside a
/// second line that is not short for its own, was cut off ("还不用。我们再往上" for "Not yet.
/// Let's keep climbing until…", above a complete sentence): a clause moved from the second line
/// would leave the first line long and the second short. Merging the two would join the cut
/// line to an unrelated sentence; the cut is `length-ratio-outlier`'s. `labelled`: the English
/// lines carry speaker labels, so the Chinese ones are set aside too.
fn stopped_mid_clause(
    ctx: &Context<'_>,
    a: &Pair,
    b: &Pair,
    labelled: bool,
) -> Option<(&'static str, Stop)> {
    let doc = ctx.doc;
    let (ea, za, zb) = (a.source?, a.target?, b.target?);
    if za.script != Script::Han || zb.script != Script::Han {
        return None;
    }
    let first = doc.text(&za).trim_end();
    let enumerating = first.ends_with('、');
    let on_a_comma = first.ends_with('，');
    if !(first.ends_with(crate::script::is_han) || enumerating || on_a_comma)
        || !ends_sentence(doc.text(&ea))
    {
        return None;
    }
    // Speaker labels are read where the English has them (`labelled`): a short clause before a
    // colon ("信号很明确：要么减糖，要么交税。") is no label in an unlabelled transcript.
    let (first, second) = if labelled {
        same_speaker(first, doc.text(&zb))?
    } else {
        (first, doc.text(&zb))
    };
    if !chinese_before_ends_a_sentence(doc, a) || !ends_sentence(second.trim_end()) {
        return None;
    }
    // A line that ends on a comma after a sentence end runs on, which the lengths judge
    // ([`misplaced_by_lengths`]); one that is a single clause ending on a comma is read here.
    let stop = if on_a_comma {
        if has_inner_sentence_end(first) {
            return None;
        }
        Stop::OnAComma
    } else if runs_into_the_next(first, second) {
        Stop::RunsOn
    } else if enumerating {
        Stop::Enumerating
    } else if stops_after_a_clause(first) {
        Stop::AfterAClause
    } else {
        return None;
    };
    let analysis = ctx.alignment();
    let (la, lb) = (pair_lengths(doc, a), pair_lengths(doc, b));
    let delta_b = analysis.delta(lb);
    let cut_off = analysis.delta(la).is_some_and(|d| d <= -MISPLACED_DELTA)
        && delta_b.is_some_and(|d| d > -MISPLACED_OTHER_DELTA);
    if cut_off {
        return None;
    }
    // A line that stops after a clause (or on 、) with no sentence end inside is a misplaced
    // break only when the clause moved: the second line opens with it, and the two together
    // hold the first original's numbers. A line cut off ("有一种说法是，演员们相信" above
    // "中文里围绕数字四也有类似的迷信。") is `length-ratio-outlier`'s.
    if stop != Stop::RunsOn {
        // The second line opens with the moved clause and its full stop ("烧烤。还打篮球…"); one
        // that is a sentence of its own follows a line its translator left unpunctuated, or
        // one cut off.
        if !has_inner_sentence_end(second)
            || !numbers_in_first(
                doc.text(&ea),
                &format!("{}{}", doc.text(&za), doc.text(&zb)),
            )
        {
            return None;
        }
    }
    let together = (la.1 + lb.1 - INTERCEPT).max(0.0);
    // Together they fit; or, when the second line is far too short alone, they come near
    // enough (a terse translator's two lines may stay short together: "…水温93度。总萃取时间
    // 控制在" / "两分半左右。", δ −6.8 alone and −3.4 together).
    let joint = analysis.delta((la.0 + lb.0, together))?.abs();
    if joint <= MISPLACED_JOINT_DELTA {
        let why = match stop {
            Stop::RunsOn => {
                "the first Chinese line ends one sentence and stops mid-clause in the next with no \
                 mark at all, and the second line completes it (together, the lengths fit)"
            }
            Stop::AfterAClause => {
                "the first Chinese line stops mid-clause with no mark at all where its original \
                 ends a sentence, and the second line completes it (together, the lengths fit)"
            }
            Stop::Enumerating => {
                "the first Chinese line stops on an enumeration comma (、) where its original ends \
                 a sentence, and the second line completes it (together, the lengths fit)"
            }
            Stop::OnAComma => {
                "the first Chinese line stops on a comma where its original ends a sentence, and \
                 the second line completes it before a sentence of its own (together, the lengths \
                 fit)"
            }
        };
        Some((why, stop))
    } else if stop == Stop::RunsOn
        && delta_b.is_some_and(|b| b <= -MISPLACED_DELTA)
        && joint <= MISPLACED_DELTA + MISPLACED_OTHER_DELTA
    {
        Some((
            "the first Chinese line ends one sentence and stops mid-clause in the next with no mark \
             at all, and the second line, far too short alone, completes it (together, the lengths \
             come close)",
            stop,
        ))
    } else if stop == Stop::RunsOn
        && analysis.delta(la).is_some_and(|a| a >= MISPLACED_DELTA)
        && delta_b.is_some_and(|b| b < 0.0)
    {
        // A wordy translator's two lines do not fit together, yet the first holds the start of
        // the next sentence: it is far too long for its own original, the second short.
        Some((
            "the first Chinese line ends one sentence and stops mid-clause in the next with no mark \
             at all; it is far too long for its original, and the second line is short",
            stop,
        ))
    } else {
        None
    }
}

/// How a Chinese line stops where its original ends a sentence ([`stopped_mid_clause`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// It ends one sentence and stops in the next ([`runs_into_the_next`]).
    RunsOn,
    /// It stops on a Han character after a clause of its sentence ([`stops_after_a_clause`]).
    AfterAClause,
    /// It stops on an enumeration comma: no sentence ends on 、.
    Enumerating,
    /// It stops on a comma, and the next line ends the clause before a sentence of its own.
    OnAComma,
}

/// Whether a Chinese line that stops on a Han character has a clause mark (，；：) before its
/// last clause: a sentence of several clauses cut in its last one ("…小健身房，每到周六我们还会
/// 在甲板上" / "烧烤。"). A short line without a mark ("是的") is a sentence a translator left
/// unpunctuated.
fn stops_after_a_clause(line: &str) -> bool {
    let line = line.trim_end();
    line.char_indices()
        .any(|(i, c)| matches!(c, '，' | '；' | '：') && i + c.len_utf8() < line.len())
}

/// Whether a Chinese line ends one sentence and begins the next without ending it
/// ("…交换物品了。考古学家在墓里发现过，") while the following line ends a sentence ("公元前五世纪
/// 的丝绸。"): the translator broke the second sentence's translation at the wrong place.
fn runs_into_the_next(first: &str, second: &str) -> bool {
    // Quotes and brackets closing the line, of any form a file may use ("＂不。＂", "我也是。“").
    let first = first.trim_end().trim_end_matches([
        '"', '\'', '“', '”', '‘', '’', '＂', '＇', '」', '』', '）', ')', '】', '》', ' ',
    ]);
    has_inner_sentence_end(first) && !ends_sentence(first) && ends_sentence(second.trim_end())
}

/// Whether a Chinese line ends a sentence before its end, not one closing a quotation ("“他去
/// 吗？” “没错”").
fn has_inner_sentence_end(line: &str) -> bool {
    line.char_indices().any(|(i, c)| {
        let rest = &line[i + c.len_utf8()..];
        matches!(c, '。' | '？' | '！')
            && !rest.trim().is_empty()
            && !rest.starts_with(['”', '"', '」', '』', '’', '＂', '“'])
    })
}

/// Two consecutive lines of one speaker without their speaker labels (`Host: `, `主持人：`), or
/// `None` when the second names another speaker: a sentence does not run on from one speaker
/// to the next. A second line without a label is the same speaker's.
fn same_speaker<'a>(first: &'a str, second: &'a str) -> Option<(&'a str, &'a str)> {
    let (f, s) = (after_speaker_label(first), after_speaker_label(second));
    let (lf, ls) = (label_of(first, f), label_of(second, s));
    (ls.is_empty() || lf == ls).then_some((f, s))
}

/// Whether the first Chinese line `zh` has every number the second English line `second` states
/// ("It's 72 square metres": no 72, no translation of it): lengths alone may fit a wordy line
/// against both halves.
fn numbers_in_first(second: &str, zh: &str) -> bool {
    use crate::align::numbers::{chinese_numbers, compare, english_numbers};
    let en = english_numbers(second);
    if !en.iter().any(|m| m.strong) {
        return true;
    }
    let diff = compare(&en, &chinese_numbers(zh));
    !diff.only_en.iter().any(|&i| en[i].strong)
}

/// Whether two consecutive lines both open with a speaker label and the labels differ
/// ("Tom: …" / "Host: …"): two turns, whatever their lengths. A label on one line only may be
/// a clause that looks like one ("One formulation runs: act only…"), so it decides nothing.
fn two_speakers(first: &str, second: &str) -> bool {
    two_labels(
        label_of(first, after_speaker_label(first)),
        label_of(second, after_speaker_label(second)),
    )
}

/// [`two_speakers`] of the labels (empty: none).
fn two_labels(first: &str, second: &str) -> bool {
    !first.is_empty() && !second.is_empty() && first != second
}

/// The speaker label opening `line`, given `rest`, the line after it.
fn label_of<'a>(line: &'a str, rest: &str) -> &'a str {
    line[..line.len() - rest.len()].trim()
}

/// Why a sentence split over two pairs has one Chinese line ([`translates_both`]).
const BOTH_IN_FIRST: &str = "the first Chinese line translates both halves and the second has none (together, the lengths fit)";

/// Whether the Chinese of pair `a` fits the English of `a` and `b` together (|δ| at most
/// [`MISPLACED_JOINT_DELTA`]) better than `a`'s alone: it translates both.
fn translates_both(ctx: &Context<'_>, a: &Pair, b: &Pair) -> bool {
    let analysis = ctx.alignment();
    let (la, lb) = (pair_lengths(ctx.doc, a), pair_lengths(ctx.doc, b));
    let (Some(alone), Some(joint)) = (analysis.delta(la), analysis.delta((la.0 + lb.0, la.1)))
    else {
        return false;
    };
    joint.abs() <= MISPLACED_JOINT_DELTA && joint.abs() < alone.abs()
}

/// Whether `text` ends in a capital letter and a full stop glued to a word's start ("the U.").
fn ends_with_initial(text: &str) -> bool {
    let b = text.trim_end().as_bytes();
    matches!(b, [.., p, c, b'.'] if c.is_ascii_uppercase() && !p.is_ascii_alphanumeric())
        || matches!(b, [c, b'.'] if c.is_ascii_uppercase())
}

/// Whether `text` begins with a capital letter and a full stop ("S. often").
fn starts_with_initial(text: &str) -> bool {
    matches!(text.trim_start().as_bytes(), [c, b'.', ..] if c.is_ascii_uppercase())
}

/// The merge edit for interleaved text: both pairs' lines become one pair, in file order.
/// `at_abbreviation`: the English was cut at an abbreviation or initial, where a translator
/// mirroring the cut wrote a full stop that ends nothing.
fn merge_edit(doc: &Document, a: &Pair, b: &Pair, at_abbreviation: bool) -> Option<Edit> {
    // The second pair may have no translation: the first's translated both lines.
    let (ta, sa, tb, sb) = (a.target?, a.source?, b.target, b.source?);
    // Two speakers' lines are never one line: the second label would land mid-line.
    if two_speakers(doc.text(&sa), doc.text(&sb))
        || tb.is_some_and(|tb| two_speakers(doc.text(&ta), doc.text(&tb)))
    {
        return None;
    }
    let segments = [Some(ta), Some(sa), tb, Some(sb)];
    let segments = segments.iter().flatten();
    if segments.clone().any(|s| s.file != 0) {
        return None;
    }
    let file = &doc.files[0];
    let line = |s: &crate::model::Segment| doc.line_of(s);
    let start = segments.clone().map(|s| line(s).start).min()?;
    let end = segments.clone().map(|s| line(s).end).max()?;
    // The edit rewrites these lines from their texts: anything else on them (a timestamp, a
    // line of app text between the pairs) would be lost, so such pairs get no fix.
    let mut texts: Vec<Span> = segments.map(|s| s.span).collect();
    texts.sort_by_key(|s| s.start);
    let mut at = start;
    for span in texts {
        let between = file.text.get(at..span.start.max(at)).unwrap_or("");
        if !between.chars().all(char::is_whitespace) {
            return None;
        }
        at = at.max(span.end);
    }
    if !file
        .text
        .get(at..end)
        .unwrap_or("")
        .chars()
        .all(char::is_whitespace)
    {
        return None;
    }
    let newline = if file.text[start..end].contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    // After an abbreviation, the first half's full stop ends nothing once the halves are one
    // sentence ("知道T。" + "霸王龙…" → "知道T霸王龙…"). Otherwise the Chinese keeps its own
    // punctuation: a translator who ended a sentence or a clause there did so on purpose
    // ("…医生。" + "实习的时候…", "那种热气，" + "还有…").
    let first_zh = doc.text(&ta);
    let first_zh = if at_abbreviation {
        first_zh.trim_end_matches(['。', '.'])
    } else {
        first_zh
    };
    // The second half's speaker label, when it repeats the first's, is not repeated mid-line.
    let second_zh = tb.map_or("", |t| doc.text(&t));
    let second_zh = same_speaker(first_zh, second_zh).map_or(second_zh, |(_, s)| s);
    let zh = format!("{first_zh}{second_zh}");
    let (first_en, second_en) = (doc.text(&sa), doc.text(&sb));
    let second_en = same_speaker(first_en, second_en).map_or(second_en, |(_, s)| s);
    // An abbreviation cut between its letters joins without a space ("U." + "S. often" →
    // "U.S. often").
    let space = if ends_with_initial(first_en) && starts_with_initial(second_en) {
        ""
    } else {
        " "
    };
    let en = format!("{first_en}{space}{second_en}");
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

/// A sentence break at the wrong place: the index of its first pair, why, and the headline.
pub type Break = (usize, &'static str, &'static str);

/// Every misplaced break of the document, in pair order: the rule's findings, which
/// `length-ratio-outlier` also reads (the halves of a split sentence are too long and too short
/// for their originals, one defect already reported here). Computed once, by
/// [`Context::split_breaks`].
pub fn find_breaks(ctx: &Context<'_>) -> Vec<Break> {
    use rayon::prelude::*;
    let doc = ctx.doc;
    // Subtitle cues split sentences by design; only transcripts keep one sentence a pair.
    let textual = doc.format == Format::Interleaved;
    // Each break is judged from its two pairs alone (and the alignment, computed already).
    let mut flagged: Vec<Break> = doc
        .pairs
        .par_windows(2)
        .filter_map(|w| break_between(ctx, &w[0], &w[1], textual))
        .collect();
    if let Some(analysis) = doc.pairs.len().checked_sub(1).map(|_| ctx.alignment()) {
        let found = flagged.len();
        for f in &analysis.findings {
            if let Finding::Split { at, .. } = *f
                && flagged[..found]
                    .binary_search_by_key(&at, |&(k, _, _)| k)
                    .is_err()
            {
                flagged.push((
                    at,
                    "one line on the other side translates both",
                    SPLIT_HEADLINE,
                ));
            }
        }
    }
    flagged.sort_by_key(|(k, _, _)| *k);
    flagged
}

/// The misplaced break between consecutive pairs `a` and `b`, if there is one. `textual`: the
/// file is an interleaved transcript, where lines keep one sentence a pair.
fn break_between(ctx: &Context<'_>, a: &Pair, b: &Pair, textual: bool) -> Option<Break> {
    let doc = ctx.doc;
    let (ea, eb) = (a.source?, b.source?);
    let whole_za = doc.text(&a.target?);
    // Each line's label is read once: this runs for every two pairs of the file.
    let (en_a, en_b) = (doc.text(&ea), doc.text(&eb));
    let (first, second) = (after_speaker_label(en_a), after_speaker_label(en_b));
    let za = after_speaker_label(whole_za);
    // A sentence does not run on from one speaker to the next, on either side.
    let (label_a, label_b) = (label_of(en_a, first), label_of(en_b, second));
    // (The Chinese labels are read only when the first line has one.)
    if two_labels(label_a, label_b)
        || (za.len() < whole_za.len()
            && b.target
                .is_some_and(|zb| two_speakers(whole_za, doc.text(&zb))))
    {
        return None;
    }
    // Whether the English lines carry speaker labels: the Chinese ones are read only then.
    let labelled = !label_a.is_empty() || !label_b.is_empty();
    if textual && let Some(why) = misplaced_break(ctx, a, b, labelled) {
        return Some((a.index, why, MISPLACED_HEADLINE));
    }
    // Rows of a table hold a sentence each as transcript lines do: a row's Chinese that ends one
    // sentence and stops on a Han character, the next row completing it, is the same break
    // (reported without the merge, which is for interleaved text).
    let rows = matches!(doc.format, Format::Tsv | Format::Jsonl);
    if rows
        && !ctx.alignment().in_finding(a.index)
        && !ctx.alignment().in_finding(b.index)
        && let Some((why, _)) = stopped_mid_clause(ctx, a, b, labelled)
    {
        return Some((a.index, why, MISPLACED_HEADLINE));
    }
    // A second line without a label is the same speaker's ([`same_speaker`]).
    if !label_b.is_empty() && label_a != label_b {
        return None;
    }
    if b.target.is_none() {
        // The first Chinese line translates the whole sentence and the second half has none
        // of its own: "…alert rules also live in Git" / "and get reviewed…".
        return (textual
            && split_evidence(first, second, za).is_some()
            && translates_both(ctx, a, b)
            && numbers_in_first(second, za))
        .then_some((a.index, BOTH_IN_FIRST, SPLIT_HEADLINE));
    }
    let zb = b.target.map_or("", |t| doc.text(&t));
    let why = split_evidence(first, second, za).or_else(|| {
        cut_after_dotted_abbreviation(doc, a, (first, second), (za, zb))
            .then_some(ABBREVIATION_EVIDENCE)
    })?;
    // Rows of a table hold a sentence each, as transcript lines do, but cut caption chunks
    // also come as rows: a row's English running on in lower case is a split only when its
    // Chinese stops mid-sentence too.
    let rows = matches!(doc.format, Format::Tsv | Format::Jsonl) && !ends_sentence(za);
    (textual || rows || why == ABBREVIATION_EVIDENCE).then_some((a.index, why, SPLIT_HEADLINE))
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
        let textual = doc.format == Format::Interleaved;
        for &(k, why, headline) in ctx.split_breaks() {
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
                format!("{headline} (lines {} and {}): {why}", line(&ea), line(&eb)),
            )
            .with_label("the sentence starts here")
            .with_related(eb.file, eb.span, "and continues here")
            .with_help("merge the two pairs into one");
            let at_abbreviation = why == ABBREVIATION_EVIDENCE;
            if textual && let Some(edit) = merge_edit(doc, a, b, at_abbreviation) {
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
        // An acronym in capitals ends its sentence; the abbreviation does not.
        let (jr, next) = ("It's twenty minutes there on the JR.", "The park is quiet.");
        assert!(split_evidence(jr, next, "坐JR过去二十分钟。").is_none());
        assert!(split_evidence("This is Martin Luther King Jr.", "He spoke first.", "").is_some());
        // A name's suffix that ends the sentence on both sides.
        let (jr, next) = (
            "The coach was Walter Brandt Jr.",
            "He had never won a title.",
        );
        assert!(split_evidence(jr, next, "教练是小沃尔特·勃兰特。").is_none());
        assert!(split_evidence(jr, next, "教练是小沃尔特·勃兰特").is_some());
        assert!(
            split_evidence(
                "The coach was Walter Brandt Jr.",
                "Said so.",
                "教练是小沃尔特。"
            )
            .is_some()
        );
        assert!(split_evidence("We asked Dr.", "He said no.", "我们问了医生。").is_some());
        // An interjection opens the next sentence.
        assert!(
            split_evidence("They call it Q.", "Ha, Q, I like that.", "他们叫它 Q 弹。").is_none()
        );
        assert!(split_evidence("The list: A, B, C.", "Done.", "清单").is_none());
        // A letter that names a round or a plan, translated as a whole sentence: no initial,
        // whatever the next line opens with. A translation ending on the letter mirrors a cut.
        let (first, second) = ("We just closed our Series A.", "Led by two local funds.");
        assert!(split_evidence(first, second, "我们刚完成了 A 轮融资。").is_none());
        assert!(split_evidence(first, second, "我们刚完成了 A 轮融资").is_some());
        assert!(split_evidence("Ask Harry S.", "Truman's aide.", "去问哈里·S。").is_some());
        // A capital after a maths word is a variable.
        let formula = "Q equals m times c times delta T.";
        assert!(split_evidence(formula, "Write it down.", "Q 等于 m 乘 c 乘 ΔT。").is_none());
        assert!(split_evidence("The force is m times A.", "Now push.", "").is_none());
    }

    #[test]
    fn dotted_abbreviations() {
        for w in ["U.S.", "U.K.", "D.C.", "e.g."] {
            assert!(dotted_abbreviation(w), "{w}");
        }
        for w in ["US.", "U.S", "T.", "etc.", "U.S.A", "1.2."] {
            assert!(!dotted_abbreviation(w), "{w}");
        }
    }

    /// The merged text of a file of two pairs.
    fn merged(text: &str, at_abbreviation: bool) -> String {
        let doc = crate::parse::interleaved::parse(crate::model::SourceFile::new(
            "t.txt",
            text.to_string(),
        ));
        let edit = merge_edit(&doc, &doc.pairs[0], &doc.pairs[1], at_abbreviation)
            .expect("an interleaved pair");
        edit.replacement.to_string()
    }

    #[test]
    fn a_merge_keeps_the_chinese_punctuation_unless_it_mirrors_an_abbreviation() {
        // The translator ended a sentence or a clause where the English runs on: kept.
        assert_eq!(
            merged(
                "我想当医生。\nI wanted to be a doctor. In my first year a nurse\n实习第一年有个护士请假了。\ntook leave.\n",
                false
            ),
            "我想当医生。实习第一年有个护士请假了。\nI wanted to be a doctor. In my first year a nurse took leave."
        );
        assert_eq!(
            merged(
                "那种香味，\nThat smell, and\n还有声音。\nthe sound.\n",
                false
            ),
            "那种香味，还有声音。\nThat smell, and the sound."
        );
        // A full stop mirroring the cut at an initial ends nothing.
        assert_eq!(
            merged(
                "我才知道 T。\nI just learned that T.\n霸王龙吃植物。\nRex ate plants.\n",
                true
            ),
            "我才知道 T霸王龙吃植物。\nI just learned that T. Rex ate plants."
        );
        // An abbreviation cut between its letters joins without a space.
        assert_eq!(
            merged(
                "美国的成年人\nAdults in the U.\n有三成没有存款。\nS. often have no savings.\n",
                true
            ),
            "美国的成年人有三成没有存款。\nAdults in the U.S. often have no savings."
        );
    }

    #[test]
    fn no_merge_rewrites_a_timestamp_or_a_line_between_the_pairs() {
        let edit = |text: &str| {
            let doc = crate::parse::interleaved::parse(crate::model::SourceFile::new(
                "t.txt",
                text.to_string(),
            ));
            // The pairs of the two English lines, whatever the line between them became.
            let of = |en: &str| {
                doc.pairs
                    .iter()
                    .find(|p| p.source.is_some_and(|s| doc.text(&s) == en))
                    .expect("pair")
            };
            merge_edit(
                &doc,
                of("I just learned that T."),
                of("Rex ate plants."),
                true,
            )
        };
        let plain = "我才知道 T。\nI just learned that T.\n霸王龙吃植物。\nRex ate plants.\n";
        assert!(edit(plain).is_some());
        assert!(edit(&plain.replace("\n霸", "\n\n霸")).is_some());
        for other in [
            "[00:03] 我才知道 T。\nI just learned that T.\n[00:05] 霸王龙吃植物。\nRex ate plants.\n",
            "我才知道 T。\nI just learned that T.\n0:05\n霸王龙吃植物。\nRex ate plants.\n",
        ] {
            assert!(edit(other).is_none(), "{other}");
        }
    }
}
