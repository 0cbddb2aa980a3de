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
            (Ending::Question, Ending::Statement)
                if !has_question(zh) && !request_rendered_as_one(en, zh) =>
            {
                "the original is a question but the translation ends as a statement"
            }
            (Ending::Statement, Ending::Question)
                if !has_question(en)
                    && !rhetorical_question(zh)
                    && !asks_to_confirm(zh)
                    && !reported_question(en, zh) =>
            {
                "the translation is a question but the original ends as a statement"
            }
            _ => return,
        };
        // A crossing or a shift pairs the sentence with another's translation; those rules
        // explain it (the alignment is read only when one of them runs, and they compute it
        // before the pass: this rule alone needs no alignment). A translation slot holding
        // English is `untranslated-line`'s.
        if ctx.in_reported_finding(pair.index) || !crate::script::has_han(zh) {
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

/// Words that make a Chinese question rhetorical: it asserts, and an English statement renders
/// it ("这鱼里哪有辣椒？" / "There's no chili in this fish."; "难道你不知道？" / "Surely you know.").
const RHETORICAL_MARKERS: [&str; 12] = [
    "难道",
    "難道",
    "何必",
    "何苦",
    "何尝",
    "何嘗",
    "岂",
    "豈",
    "哪有",
    "哪里有",
    "怎么可能",
    "怎麼可能",
];

/// A Chinese line without its closing marks, and where its last sentence starts in it (after
/// the last sentence mark inside it).
fn last_sentence(zh: &str) -> (&str, usize) {
    let body = zh.trim_end_matches(|c: char| !c.is_alphanumeric());
    let start = ['。', '！', '？', '!', '?']
        .iter()
        .filter_map(|&b| body.rfind(b).map(|i| i + b.len_utf8()))
        .max()
        .unwrap_or(0);
    (body, start)
}

/// Whether the last sentence of a Chinese question is rhetorical: a marker of
/// [`RHETORICAL_MARKERS`], or "who …" closed by 啊 or 呢 ("谁上班开心啊？": nobody is), which an
/// English statement translates.
fn rhetorical_question(zh: &str) -> bool {
    let (body, start) = last_sentence(zh);
    let last = &zh[start..];
    RHETORICAL_MARKERS.iter().any(|m| last.contains(m))
        || (last.contains(['谁', '誰']) && body.ends_with(['啊', '呢']))
}

/// Openings of a Chinese question that checks a statement rather than asks ("你是说没人问过？"
/// for "So you're telling me nobody asked."; "你猜他付了多少？" for "Guess how much he paid.").
const CONFIRMING_OPENINGS: [&str; 6] = ["你是说", "你是說", "你的意思是", "你猜", "猜猜", "你说呢"];

/// Whether the last sentence of a Chinese question asks only to confirm what the English states,
/// which Chinese writes as a question and English as a statement: a tag closed by 吧 ("你开玩笑
/// 吧？" for "You're kidding."), an opening of [`CONFIRMING_OPENINGS`], or an interjection alone
/// ("咦？" for "Huh.").
fn asks_to_confirm(zh: &str) -> bool {
    let (body, start) = last_sentence(zh);
    // The line's speaker label ("达娜：咦？") is no part of its first sentence.
    let sentence = crate::script::after_speaker_label(body[start..].trim_start());
    let opening = ["所以", "那么", "这么说", "那"]
        .iter()
        .find_map(|p| sentence.strip_prefix(p))
        .unwrap_or(sentence)
        .trim_start_matches(['，', ',']);
    let interjection = !sentence.is_empty()
        && sentence.chars().count() <= 2
        && sentence.chars().all(|c| INTERJECTIONS.contains(c));
    body.ends_with(['吧', '罢'])
        || CONFIRMING_OPENINGS.iter().any(|o| opening.starts_with(o))
        || interjection
}

/// Verbs that report a question in English ("a listener asked why…", "I wonder what…"); "know"
/// reports one after "to" ("I want to know why"), which [`reported_question`] reads apart.
const ASKING_VERBS: [&str; 8] = [
    "asked",
    "asks",
    "ask",
    "asking",
    "wondered",
    "wonders",
    "wonder",
    "wondering",
];

/// Words that open a reported question after [`ASKING_VERBS`].
const QUESTION_WORDS: [&str; 9] = [
    "why", "what", "how", "when", "where", "who", "whether", "if", "which",
];

/// Whether the English reports a question (a verb of [`ASKING_VERBS`], then within three words
/// one of [`QUESTION_WORDS`]: "a listener asked why the morning ticket is cheaper.") that the
/// Chinese reports with 问, 想知道 or 好奇 and ends with the question mark Chinese writers often
/// give it ("有位听众问，为什么早上的票比晚上便宜？"): the sentence types agree.
fn reported_question(en: &str, zh: &str) -> bool {
    // 问 asking, not 问题 ("question", "problem").
    let asks = zh
        .match_indices('问')
        .any(|(i, c)| !zh[i + c.len()..].starts_with('题'));
    if !(asks || zh.contains("想知道") || zh.contains("好奇")) {
        return false;
    }
    let words: Vec<&str> = en
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        // "know" only as "to know" ("I want to know why"; not "you know, when I…").
        let verb = if w.eq_ignore_ascii_case("know") {
            i > 0 && words[i - 1].eq_ignore_ascii_case("to")
        } else {
            ASKING_VERBS.iter().any(|v| w.eq_ignore_ascii_case(v))
        };
        verb && words[i + 1..]
            .iter()
            .take(3)
            .any(|n| QUESTION_WORDS.iter().any(|q| n.eq_ignore_ascii_case(q)))
    })
}

/// Interjections a one-word Chinese question may be ("咦？", "嗯？").
const INTERJECTIONS: &str = "咦嗯啊哦噢呃哈诶欸唔";

/// How far into the English a polite request's "could you" may start ("First, could you…",
/// "So, Dr. Li, would you…").
const REQUEST_OPENING_BYTES: usize = 40;

/// Whether a question is a polite request ("Could you describe it in one sentence?") that the
/// Chinese renders as one (先请你用一句话介绍一下。, 麻烦你再说一遍。, 你来讲讲吧。): Chinese asks
/// with 请 or 麻烦 or a closing 吧, and ends such a request with a full stop.
fn request_rendered_as_one(en: &str, zh: &str) -> bool {
    const ASKS: [&str; 7] = [
        "could you",
        "would you",
        "can you",
        "will you",
        "why don't you",
        "do you mind",
        "may i ask you to",
    ];
    // The question is the line's last sentence ("We're almost out of time. Finally, could
    // you…?"), after a speaker label if any.
    let body = en.trim_end_matches(|c: char| !c.is_ascii_alphanumeric());
    let start = [". ", "! ", "? ", ": "]
        .iter()
        .filter_map(|b| body.rfind(b).map(|i| i + b.len()))
        .max()
        .unwrap_or(0);
    // Asked only of a question translated as a statement, a few pairs a file: a lower-cased
    // copy of its opening is cheap.
    let last_sentence = &body.as_bytes()[start..];
    let longest_ask = ASKS.iter().map(|a| a.len()).max().unwrap_or(0);
    let opening = last_sentence[..last_sentence.len().min(REQUEST_OPENING_BYTES + longest_ask)]
        .to_ascii_lowercase();
    let asks = ASKS.iter().any(|ask| {
        memchr::memmem::find(&opening, ask.as_bytes()).is_some_and(|at| {
            at <= REQUEST_OPENING_BYTES
                && opening[..at]
                    .last()
                    .is_none_or(|&b| !b.is_ascii_alphanumeric())
        })
    });
    let zh_body = zh.trim_end_matches(|c: char| !c.is_alphanumeric());
    asks && (zh.contains('请') || zh.contains("麻烦") || zh_body.ends_with('吧'))
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

    #[test]
    fn a_polite_request_may_end_as_a_request() {
        assert!(request_rendered_as_one(
            "First, could you describe it in one sentence?",
            "先请你用一句话介绍一下。"
        ));
        assert!(request_rendered_as_one(
            "Would you say that again?",
            "麻烦你再说一遍。"
        ));
        assert!(request_rendered_as_one(
            "Host: We're almost out of time. Finally, could you give us a few tips?",
            "主持人：我们快到时间了，最后请您给几条建议吧。"
        ));
        assert!(request_rendered_as_one(
            "Why don't you start?",
            "你先开始吧。"
        ));
        // A real question, or a request whose Chinese does not ask.
        assert!(!request_rendered_as_one(
            "Could you believe that?",
            "真不敢相信。"
        ));
        assert!(!request_rendered_as_one("Is it ready?", "请看这里。"));
        assert!(!request_rendered_as_one("Scan you later?", "请稍后扫描。"));
    }

    #[test]
    fn a_question_that_confirms_may_render_a_statement() {
        assert!(asks_to_confirm("你开玩笑吧？"));
        assert!(asks_to_confirm("你猜他交了多少保费？"));
        assert!(asks_to_confirm("所以你是说，从来没人问过夜班员工？"));
        assert!(asks_to_confirm("咦？"));
        assert!(asks_to_confirm("达娜：咦？"));
        assert!(asks_to_confirm("马库斯：所以你是说，从来没人问过？"));
        assert!(asks_to_confirm("好吧。嗯？"));
        assert!(!asks_to_confirm("你明天来吗？"));
        assert!(!asks_to_confirm("他为什么走了？"));
        assert!(!asks_to_confirm("咦，他去哪儿了？"));
        assert!(!asks_to_confirm("你猜对了。他去哪儿了？"));
    }

    #[test]
    fn a_reported_question_may_end_with_a_question_mark() {
        assert!(reported_question(
            "Last month a listener asked why a morning ticket is cheaper.",
            "上个月有位听众问，为什么早上的票更便宜？"
        ));
        assert!(reported_question(
            "He asked me whether I was going.",
            "他问我去不去？"
        ));
        assert!(reported_question(
            "I wonder why you did not come.",
            "我想知道你为什么不来？"
        ));
        // No reporting verb before the question word, or none in the Chinese.
        assert!(!reported_question(
            "That is why we left.",
            "我问你，这就是原因？"
        ));
        assert!(reported_question(
            "I'd like to know why.",
            "我想知道为什么？"
        ));
        assert!(!reported_question(
            "The question is, you know, when we stop.",
            "问题是，我们什么时候停？"
        ));
        assert!(!reported_question(
            "He asked why we left.",
            "我们为什么走了？"
        ));
    }

    #[test]
    fn a_rhetorical_question_may_be_a_statement() {
        assert!(rhetorical_question("这鱼里哪有辣椒？"));
        assert!(rhetorical_question("我说过了。难道你不知道？"));
        assert!(rhetorical_question("谁上班开心啊？"));
        assert!(!rhetorical_question("你上班开心吗？"));
        assert!(!rhetorical_question("谁来了？"));
        // Only the last sentence counts.
        assert!(!rhetorical_question("难道不是吗。你明天来吗？"));
    }
}
