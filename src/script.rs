//! Character classes that decide which language a piece of text is in.
//!
//! Language is decided by script, per character, never by a statistical model: a line that holds
//! Han characters is Chinese, one with Latin letters and no Han is English. This is exact, fast
//! and explainable in a diagnostic.

/// Which script dominates a line, as far as pairing is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Script {
    /// Holds Han characters, or (without Han) full-width CJK punctuation such as "。".
    Han,
    /// Latin letters and no Han.
    Latin,
    /// Neither: digits, punctuation, symbols — fits either side.
    Neutral,
}

/// True for CJK ideographs (the unified blocks, extensions and compatibility ideographs).
#[inline]
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF
        | 0x3400..=0x4DBF
        | 0x20000..=0x2A6DF
        | 0x2A700..=0x2EBEF
        | 0x30000..=0x3134F
        | 0xF900..=0xFAFF
        | 0x2F800..=0x2FA1F
        | 0x3007 // 〇
    )
}

/// True for punctuation that only Chinese/Japanese text uses (ideographic and full-width forms).
#[inline]
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c,
        '\u{3001}'..='\u{3006}' | '\u{3008}'..='\u{3011}' | '\u{3014}'..='\u{301F}'
        | '\u{FF01}' | '\u{FF08}' | '\u{FF09}' | '\u{FF0C}' | '\u{FF1A}' | '\u{FF1B}' | '\u{FF1F}'
        | '\u{FF5E}' | '\u{FF0E}' | '\u{FE10}'..='\u{FE19}' | '\u{FE30}'..='\u{FE4F}'
    )
}

/// Han or CJK punctuation: characters that make a line "Chinese side".
#[inline]
pub fn is_cjk(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// Latin letters, including accented ones ("Chalet", "Café").
#[inline]
pub fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c as u32, 0x00C0..=0x00D6 | 0x00D8..=0x00F6 | 0x00F8..=0x024F | 0x1E00..=0x1EFF)
}

/// Latin letters outside brackets from which a line whose Han characters are all inside
/// brackets or quotes is English citing Chinese ("mapo tofu (麻婆豆腐)", "He said “谢谢”.") rather
/// than a Chinese line: about two words. A Chinese slot holding "（笑）" or "[音乐]" stays Chinese.
const LATIN_AROUND_CITED_HAN: usize = 8;

/// Han characters outside brackets up to which a line may still be English quoting a Chinese
/// word in passing ("…translate into Chinese as 脚手架 (jiaoshoujia).").
const MAX_QUOTED_HAN: usize = 4;

/// English words (two letters or more, outside brackets) per such Han character for a line
/// with Han outside brackets to be English: a Chinese line keeping English terms ("我们用
/// Kubernetes 部署 microservices") has about as many Han characters as English words.
const WORDS_PER_QUOTED_HAN: usize = 4;

/// English words such a line needs in all: a sentence, not a phrase around a Chinese word.
const MIN_WORDS_AROUND_QUOTED_HAN: usize = 8;

/// English words around at most [`MAX_QUOTED_HAN`] Han characters for a line to be English when
/// it has no Chinese punctuation at all and ends with an ASCII full stop, question or
/// exclamation mark: a Chinese line keeping English words has its own punctuation, or its Han
/// first.
const MIN_WORDS_AROUND_QUOTED_HAN_PLAIN: usize = 5;

/// Han characters outside brackets up to which a line with fewer than
/// [`WORDS_BEFORE_QUOTED_HAN`] English words before them may be English (a plain sentence,
/// [`MIN_WORDS_AROUND_QUOTED_HAN_PLAIN`]): a single cited character ("Is the 床 a bed?").
const MAX_HAN_AFTER_FEW_WORDS: usize = 2;

/// English words before the first Han character outside brackets: English quoting a Chinese
/// word in passing has said something first.
const WORDS_BEFORE_QUOTED_HAN: usize = 3;

/// Whether `words` English words before the first Han character outside brackets are too few
/// ([`WORDS_BEFORE_QUOTED_HAN`]) for a line citing Chinese in passing, unless it is a plain
/// sentence citing one or two characters ([`MAX_HAN_AFTER_FEW_WORDS`]).
fn few_words_before_han(words: usize) -> bool {
    words < WORDS_BEFORE_QUOTED_HAN
}

/// Latin letters from which a line without Han but with full-width punctuation may be English:
/// more than a maths line's variables ("- g sin（θ）。").
const LATIN_BESIDE_CJK_PUNCT: usize = 5;

/// Letters of the lower-case word that marks English text: shorter runs are as often maths
/// variables ("dt", "dx") as words.
const LOWER_WORD: usize = 3;

/// The English words [`classify`] has seen.
#[derive(Default)]
struct Words {
    /// Words of two letters or more outside brackets.
    outside: usize,
    /// Whether a lower-case word of [`LOWER_WORD`] letters was seen, and outside brackets.
    lower: bool,
    lower_outside: bool,
}

impl Words {
    /// Count a run of `run` ASCII letters that just ended at bracket depth `depth`.
    fn end_run(&mut self, run: usize, all_lower: bool, depth: u32) {
        if depth == 0 && run >= 2 {
            self.outside += 1;
        }
        if run >= LOWER_WORD && all_lower {
            self.lower = true;
            self.lower_outside |= depth == 0;
        }
    }
}

/// Classify a line by the characters it holds.
///
/// A Han character makes a line Chinese, unless the line is English that cites Chinese: every
/// Han character inside brackets or quotes with [`LATIN_AROUND_CITED_HAN`] letters around
/// them, or a few Han characters ([`MAX_QUOTED_HAN`]) in a long English sentence
/// ([`WORDS_PER_QUOTED_HAN`] words each); either way with a lower-case word, so a name glossed
/// in Chinese ("Wang Fang（王芳）") stays Chinese. Without Han, full-width CJK punctuation makes
/// a line Chinese unless it holds English words ([`LATIN_BESIDE_CJK_PUNCT`] letters, a
/// lower-case word among them): an English line typed with a Chinese input method ("How much
/// is this？") or English pasted into the Chinese slot in Chinese quotes is English, while
/// names, acronyms and letters a Chinese side holds alone ("OK！", "Ana Lima。", "Q：") stay
/// Chinese. An English line read as Chinese costs its pair (two lines without a partner); a
/// Chinese line read as English is still paired, and reported as untranslated.
pub fn classify(text: &str) -> Script {
    // An ASCII line (nearly every English line) is told by a byte test, without decoding: every
    // line of a file is classified.
    if text.is_ascii() {
        return if crate::text::any_byte(text.as_bytes(), crate::text::is_ascii_letter) {
            Script::Latin
        } else {
            Script::Neutral
        };
    }
    let (mut latin, mut latin_outside) = (0usize, 0usize);
    let mut words = Words::default();
    let mut cjk_punct = false;
    let (mut cited_han, mut uncited_han) = (false, 0usize);
    // Fewer than [`WORDS_BEFORE_QUOTED_HAN`] English words before the first Han character.
    let mut few_words_before = false;
    // Nesting of brackets and double quotes. Single curly quotes are not counted: ’ is also
    // the English apostrophe. A stray closer never goes below zero, so a mismatched bracket
    // can only make Han count as uncited, the safe reading.
    let mut depth = 0u32;
    // The current run of ASCII letters: its length, whether all lower case.
    let (mut run, mut run_lower) = (0usize, true);
    for c in text.chars() {
        if c.is_ascii_alphabetic() {
            run += 1;
            run_lower &= c.is_ascii_lowercase();
            latin += 1;
            latin_outside += usize::from(depth == 0);
            continue;
        }
        if run > 0 {
            words.end_run(run, run_lower, depth);
            (run, run_lower) = (0, true);
        }
        if c.is_ascii() {
            match c {
                '(' | '[' => depth += 1,
                ')' | ']' => depth = depth.saturating_sub(1),
                _ => {}
            }
        } else if is_han(c) {
            if depth == 0 {
                uncited_han += 1;
                // English citing a Chinese word has said something first: nearly every Chinese
                // line ends its scan at its first Han character. After a word or two, only a
                // character or two in a plain English sentence is cited ("Is the 床 a bed, or
                // the railing of a well?"); "Machine learning 的核心…" is Chinese.
                if uncited_han == 1 && few_words_before_han(words.outside) {
                    few_words_before = true;
                }
                if uncited_han > MAX_QUOTED_HAN
                    || words.outside == 0
                    || (few_words_before && uncited_han > MAX_HAN_AFTER_FEW_WORDS)
                {
                    return han_unless_labelled_english(text);
                }
            } else {
                cited_han = true;
            }
        } else {
            match c {
                '（' | '「' | '『' | '《' | '“' | '【' | '〈' | '〔' => depth += 1,
                '）' | '」' | '』' | '》' | '”' | '】' | '〉' | '〕' => {
                    depth = depth.saturating_sub(1)
                }
                _ => {}
            }
            cjk_punct |= is_cjk_punct(c);
            latin += usize::from(is_latin_letter(c));
        }
    }
    if run > 0 {
        words.end_run(run, run_lower, depth);
    }
    let english_around = |enough: bool| {
        if enough && words.lower_outside {
            Script::Latin
        } else {
            Script::Han
        }
    };
    if uncited_han > 0 {
        // Without any Chinese punctuation, an English sentence ("Some people say 机缘巧合,
        // which is close.") needs fewer words around its Chinese words.
        let plain_english = !cjk_punct
            && words.outside >= MIN_WORDS_AROUND_QUOTED_HAN_PLAIN
            && text.trim_end().ends_with(['.', '?', '!']);
        english_around(
            plain_english
                || (!few_words_before
                    && words.outside >= MIN_WORDS_AROUND_QUOTED_HAN
                    && words.outside >= WORDS_PER_QUOTED_HAN * uncited_han),
        )
    } else if cited_han {
        english_around(latin_outside >= LATIN_AROUND_CITED_HAN)
    } else if cjk_punct
        && (!(words.lower && latin >= LATIN_BESIDE_CJK_PUNCT)
            || (latin_outside == 0 && is_cited_term(text)))
    {
        Script::Han
    } else if latin > 0 {
        Script::Latin
    } else {
        Script::Neutral
    }
}

/// True when the text holds at least one Han character.
pub fn has_han(text: &str) -> bool {
    text.chars().any(is_han)
}

/// [`Script::Han`] for a line with Han characters, unless they are only a speaker label before
/// English words ("嘉宾：Wait for me.": the words are English, whoever says them). Asked of
/// nearly every Chinese line, at its first Han character: a line without a colon in its first
/// bytes, most of them, is answered by [`colon_near_start`] alone.
fn han_unless_labelled_english(text: &str) -> Script {
    let labelled_english = colon_near_start(text.as_bytes())
        && speaker_label_len(text).is_some_and(|label| is_english_sentence(&text[label..]));
    if labelled_english {
        Script::Latin
    } else {
        Script::Han
    }
}

/// Whether a colon (`:` or `：`) is among the first 32 bytes of `b`, where the colon of a
/// speaker label ([`speaker_label_len`], at most [`MAX_LABEL_HAN`] characters) stands. Asked of
/// nearly every line, several times: four 8-byte words are tested for the bytes at once, where
/// a loop over the bytes was over a hundred instructions a call (callgrind).
fn colon_near_start(b: &[u8]) -> bool {
    // The window and the byte after it (zero past the line's end), read in place when the line
    // is long enough, as most are.
    let mut copy = [0u8; 40];
    let head: &[u8] = match b.get(..33) {
        Some(head) => head,
        None => {
            copy[..b.len()].copy_from_slice(b);
            &copy
        }
    };
    let word = |at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&head[at..at + 8]);
        u64::from_le_bytes(w)
    };
    let mut found = 0;
    for at in [0, 8, 16, 24] {
        let (here, mut next) = (word(at), word(at + 1));
        if at == 24 {
            // The byte after the window is read only as not ending a `：` begun inside it.
            next &= 0x00FF_FFFF_FFFF_FFFF;
        }
        // `：` is EF BC 9A: a BC byte whose next byte is 9A.
        found |= bytes_equal(here, b':') | (bytes_equal(here, 0xBC) & bytes_equal(next, 0x9A));
    }
    found != 0
}

/// The high bit of each byte of `word` that equals `byte`, and no other bit: exact for every
/// byte, unlike the shorter test that may also mark the byte after a match.
fn bytes_equal(word: u64, byte: u8) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let x = word ^ (u64::from(byte) * 0x0101_0101_0101_0101);
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// Han characters a speaker label may have (`主持人`, `嘉宾`, `李明`, `史蒂夫·乔布斯`).
const MAX_LABEL_HAN: usize = 7;

/// Byte length of a speaker label opening a line (`主持人：`, `李明: `, `主持人A：`): up to
/// [`MAX_LABEL_HAN`] Han characters (a `·` may join the parts of a name), a letter or two of
/// tag, a colon, and the white space after it. Transcripts name the speaker in Chinese on the Chinese line, and often
/// on both.
pub fn speaker_label_len(text: &str) -> Option<usize> {
    let mut han = 0;
    // Letters or digits telling two speakers of one role apart (`主持人A：`, `嘉宾 2：`): at most
    // [`MAX_LABEL_TAG`], after the Han, and nothing but the colon after them.
    let mut tag = 0;
    for (at, c) in text.char_indices() {
        match c {
            '：' | ':' if han > 0 => {
                let after = at + c.len_utf8();
                let rest = &text[after..];
                return Some(after + rest.len() - rest.trim_start().len());
            }
            '·' | '•' if han > 0 && tag == 0 => {}
            ' ' if han > 0
                && tag == 0
                && text[at + 1..].starts_with(|n: char| n.is_ascii_alphanumeric()) => {}
            c if c.is_ascii_alphanumeric() && han > 0 && tag < MAX_LABEL_TAG => tag += 1,
            c if is_han(c) && han < MAX_LABEL_HAN && tag == 0 => han += 1,
            _ => return None,
        }
    }
    None
}

/// Most ASCII letters or digits a Chinese speaker label may end with ([`speaker_label_len`]).
const MAX_LABEL_TAG: usize = 2;

/// Bytes of an English speaker label opening a line (`Guest: `, `Speaker 2: `, `Dr. Lee: `): up
/// to three words, the first capitalised, then a colon and white space; or a full-width colon,
/// as a Chinese line writes a Latin name's label (`Lily：`), with or without the space.
fn latin_label_len(text: &str) -> Option<usize> {
    let head = text.get(..32.min(text.len())).unwrap_or(text).as_bytes();
    // Byte searches: every line without a Chinese label is asked.
    let ascii = memchr::memchr(b':', head);
    let full = full_width_colon(head);
    let (colon, width) = match (ascii, full) {
        (Some(a), Some(f)) if f < a => (f, '：'.len_utf8()),
        (Some(a), _) => (a, 1),
        (None, Some(f)) => (f, '：'.len_utf8()),
        (None, None) => return None,
    };
    let label = &text[..colon];
    let words = label.split(' ').filter(|w| !w.is_empty()).count();
    let plain = label
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b' ' | b'.' | b'\'' | b'-'));
    let rest = &text[colon + width..];
    let space = rest.len() - rest.trim_start().len();
    (text.starts_with(|c: char| c.is_ascii_uppercase())
        && plain
        && words <= 3
        && (space > 0 || width > 1))
        .then_some(colon + width + space)
}

/// `line` without the speaker label opening it, Chinese ([`speaker_label_len`]) or English
/// (`Guest: `): a copy of the original is still a copy when each carries its own label.
pub fn after_speaker_label(line: &str) -> &str {
    // Asked of every line by several rules: most have no colon where a label's would stand.
    if !colon_near_start(line.as_bytes()) {
        return line;
    }
    let label = speaker_label_len(line).or_else(|| latin_label_len(line));
    label.map_or(line, |len| &line[len..])
}

/// The text after a speaker label when it has no Han character (`阿明：Bye!`, `Lily：OK!`): a
/// line read as Chinese only for its label, which is English behind it. `None` for a line
/// without a label, with nothing after it, or with Chinese after it. Most lines have no colon
/// near their start and are answered without looking for a label ([`after_speaker_label`]).
pub fn english_behind_label(line: &str) -> Option<&str> {
    let body = after_speaker_label(line);
    // A line that is all label ("一位匿名听众问:", the quote in the next cue) has no English
    // behind it: it is Chinese text whose marks are checked.
    (body.len() < line.len() && !body.trim().is_empty() && !has_han(body)).then_some(body)
}

/// The English text of a translation slot read as `script`, set apart from its speaker label:
/// behind the label of a Latin or neutral line, or of a line read as Chinese only for its label
/// ([`english_behind_label`]); `None` for a Chinese line.
pub fn english_text(line: &str, script: Script) -> Option<&str> {
    match script {
        Script::Han => english_behind_label(line),
        _ => Some(after_speaker_label(line)),
    }
}

/// Where the first full-width colon `：` (EF BC 9A) of `bytes` starts: a search for its last
/// byte, which few other characters end in, checked by the two before it.
fn full_width_colon(bytes: &[u8]) -> Option<usize> {
    memchr::memchr_iter(0x9A, bytes)
        .find(|&i| i >= 2 && bytes[i - 2] == 0xEF && bytes[i - 1] == 0xBC)
        .map(|i| i - 2)
}

/// Whether `text` is one or two Latin words in quotes, followed by Chinese punctuation
/// (`“procrastinate”。`) or in corner brackets (`「serendipity」`): a Chinese line naming an
/// English word, as a language lesson does, not English. A quoted English sentence pasted
/// into the Chinese slot (`“How much is this?”`) has more words.
fn is_cited_term(text: &str) -> bool {
    let body = text.trim();
    let unmarked = body.trim_end_matches(['。', '！', '？', '，', '、', '；', '：', ' ']);
    let chinese_mark = unmarked.len() < body.len();
    let inner = [
        ('“', '”'),
        ('「', '」'),
        ('『', '』'),
        ('"', '"'),
        ('《', '》'),
    ]
    .iter()
    .find_map(|&(open, close)| {
        let inner = unmarked.strip_prefix(open)?.strip_suffix(close)?;
        (chinese_mark || open == '「' || open == '『').then_some(inner)
    });
    inner.is_some_and(|inner| {
        !inner.is_empty()
            && !inner
                .chars()
                .any(|c| is_han(c) || matches!(c, '“' | '”' | '"'))
            && inner.split_whitespace().count() <= 2
    })
}

/// Whether `text` is English words, not a name or a code the Chinese side may keep: no Han,
/// [`LATIN_BESIDE_CJK_PUNCT`] letters or more, and a lower-case word of [`LOWER_WORD`] letters.
fn is_english_sentence(text: &str) -> bool {
    // An address after a label is contact information ("商务合作：hello@example.fm"), not words.
    let body = text.trim();
    // A word cited in quotes is the term a Chinese sentence names ("词之一：“serendipity”。").
    if is_cited_term(body) {
        return false;
    }
    if !body.contains(' ')
        && (body.contains('@') || body.contains("://") || body.starts_with("www."))
    {
        return false;
    }
    let (mut letters, mut run, mut run_lower, mut lower_word) = (0, 0, true, false);
    for c in text.chars() {
        if c.is_ascii_alphabetic() {
            letters += 1;
            run += 1;
            run_lower &= c.is_ascii_lowercase();
            continue;
        }
        lower_word |= run >= LOWER_WORD && run_lower;
        (run, run_lower) = (0, true);
        if is_han(c) {
            return false;
        }
    }
    lower_word |= run >= LOWER_WORD && run_lower;
    lower_word && letters >= LATIN_BESIDE_CJK_PUNCT
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_colon_is_found_in_the_first_32_bytes_exactly() {
        // The byte-by-byte definition the word test must agree with.
        let naive = |b: &[u8]| {
            let head = &b[..b.len().min(32)];
            head.contains(&b':') || head.windows(2).any(|w| w == [0xBC, 0x9A])
        };
        let mut lines = vec![String::new(), "：".into(), ":".into(), "好".into()];
        for pad in 0..34 {
            for mark in [":", "：", "，", "传", "\u{FF1A}x"] {
                lines.push(format!("{}{mark}", "a".repeat(pad)));
                lines.push(format!("{}{mark}后面", "中".repeat(pad / 3)));
            }
        }
        for line in &lines {
            assert_eq!(
                colon_near_start(line.as_bytes()),
                naive(line.as_bytes()),
                "{line:?}"
            );
        }
        // Bytes 0xBC then 0x9A split by the window's end do not count.
        let mut b = vec![b'a'; 31];
        b.extend([0xBC, 0x9A]);
        assert!(!colon_near_start(&b));
        let marked: u64 = [1, 3, 4, 6].iter().map(|i| 0x80u64 << (8 * i)).sum();
        assert_eq!(bytes_equal(u64::from_le_bytes(*b"a:b::c:d"), b':'), marked);
        // A byte one above or below, and 0x80 beside a match, are not marked.
        assert_eq!(
            bytes_equal(u64::from_le_bytes(*b";9\x80:::::"), b':'),
            0x8080_8080_8000_0000
        );
    }

    #[test]
    fn english_after_a_chinese_speaker_label_is_english() {
        assert_eq!(classify("嘉宾：Wait for me."), Script::Latin);
        assert_eq!(classify("主持人: Let's head out."), Script::Latin);
        assert_eq!(classify("史蒂夫·乔布斯：Stay hungry."), Script::Latin);
        // A name, a code or an acronym after a label, Chinese after it, or no label: Chinese.
        for line in [
            "商务合作：hello@example.fm",
            "官网：https://example.com/show",
            "注意：API",
            "嘉宾：John Smith",
            "嘉宾：等等我。",
            "他说的是：Wait，我们等等。",
            "这位来自北京的嘉宾说：wait for me",
        ] {
            assert_eq!(classify(line), Script::Han, "{line}");
        }
        assert_eq!(speaker_label_len("李明：  你好"), Some("李明：  ".len()));
        assert_eq!(speaker_label_len("你好"), None);
        // A letter or digit telling two speakers of one role apart.
        assert_eq!(speaker_label_len("主持人A：好的"), Some("主持人A：".len()));
        assert_eq!(speaker_label_len("嘉宾 2: 好的"), Some("嘉宾 2: ".len()));
        assert_eq!(speaker_label_len("主持人ABC：好的"), None);
        assert_eq!(speaker_label_len("主持人A说：好的"), None);
        assert_eq!(speaker_label_len("A主持人：好的"), None);
        assert_eq!(
            after_speaker_label("主持人B：Yes, but people still do it."),
            "Yes, but people still do it."
        );
        for (line, colon) in [
            ("嘉宾：", true),
            ("史蒂夫·乔布斯：", true),
            ("李明: ", true),
            ("你好", false),
            ("这是一句很长的话，后面才有冒号：", false),
        ] {
            assert_eq!(colon_near_start(line.as_bytes()), colon, "{line}");
        }
        assert_eq!(after_speaker_label("Guest: Wait for me."), "Wait for me.");
        assert_eq!(after_speaker_label("Speaker 2:  Go."), "Go.");
        assert_eq!(after_speaker_label("嘉宾：Wait for me."), "Wait for me.");
        for line in [
            "at 10:30 we go",
            "Wait: no.",
            "Ratio 3:1 holds",
            "The plan for the trip: go.",
        ] {
            let expected = if line == "Wait: no." { "no." } else { line };
            assert_eq!(after_speaker_label(line), expected, "{line}");
        }
    }

    #[test]
    fn classifies_lines_by_script() {
        assert_eq!(classify("我们走吧。"), Script::Han);
        assert_eq!(classify("用 Rust 写的。"), Script::Han);
        assert_eq!(classify("Let's go."), Script::Latin);
        assert_eq!(classify("Café au lait"), Script::Latin);
        assert_eq!(classify("Q。"), Script::Han);
        assert_eq!(classify("2024 — 100%"), Script::Neutral);
        assert_eq!(classify(""), Script::Neutral);
        // ASCII lines, told without decoding.
        assert_eq!(classify("12:30 - 100%"), Script::Neutral);
        assert_eq!(classify("42 x"), Script::Latin);
    }

    #[test]
    fn english_citing_chinese_or_with_full_width_marks_is_english() {
        // Han only inside brackets or quotes, in English text.
        assert_eq!(
            classify("My favourite dish is mapo tofu (麻婆豆腐)."),
            Script::Latin
        );
        assert_eq!(classify("She wrote “谢谢” on the card."), Script::Latin);
        assert_eq!(
            classify("The film 《流浪地球》 opened in 2019."),
            Script::Latin
        );
        // A Chinese side with a bracketed note, a title, or Latin only in brackets.
        assert_eq!(classify("（笑）"), Script::Han);
        assert_eq!(classify("[音乐]"), Script::Han);
        assert_eq!(classify("《流浪地球》（The Wandering Earth）"), Script::Han);
        assert_eq!(classify("Netflix《纸牌屋》"), Script::Han);
        assert_eq!(classify("Wang Fang（王芳）"), Script::Han);
        assert_eq!(
            classify("我们用 Kubernetes 部署 microservices"),
            Script::Han
        );
        // A few Han characters in a long English sentence: English.
        assert_eq!(
            classify(
                "There's a word I like, which you can translate into Chinese as 脚手架, and it means scaffolding."
            ),
            Script::Latin
        );
        // Without Chinese punctuation, a plain English sentence of five words or more around a
        // Chinese word is English (a language lesson quotes the Chinese it explains).
        assert_eq!(
            classify("Some people say 机缘巧合, which is close."),
            Script::Latin
        );
        // With Chinese punctuation, fewer words, or no sentence end: Chinese.
        assert_eq!(classify("My friend said 谢谢，and left."), Script::Han);
        assert_eq!(classify("Big data 真的很重要."), Script::Han);
        assert_eq!(classify("My friend said 谢谢 and left"), Script::Han);
        assert_eq!(classify("My friend said 谢谢 and left."), Script::Latin);
        // After a word or two, one or two cited characters in a plain English sentence.
        assert_eq!(
            classify("Is the 床 a bed, or the railing of a well?"),
            Script::Latin
        );
        assert_eq!(classify("Machine learning 的核心是数据。"), Script::Han);
        assert_eq!(
            classify("Machine learning 的核心 is data and more data."),
            Script::Han
        );
        assert_eq!(classify("AI 模型 is great."), Script::Han);
        // A short sentence or more Han: Chinese.
        assert_eq!(
            classify("英文叫 when in doubt, sit them out。"),
            Script::Han
        );
        assert_eq!(
            classify("我们用 Kubernetes 部署 microservices and containers on the cloud"),
            Script::Han
        );
        // A mismatched closer cannot hide Han: the apostrophe ’ is not a quote.
        assert_eq!(classify("don’t (really) 知道 what"), Script::Han);
        // English words with full-width punctuation, and short tokens that stay Chinese.
        assert_eq!(classify("How much is this？"), Script::Latin);
        assert_eq!(classify("「Wait for me.」"), Script::Latin);
        assert_eq!(classify("Yes，I know。"), Script::Latin);
        assert_eq!(classify("OK！"), Script::Han);
        assert_eq!(classify("Ana Lima。"), Script::Han);
        assert_eq!(classify("Hello！"), Script::Han);
        // Maths with a Chinese full stop.
        assert_eq!(classify("3*(2^2)*dt + (dt)^3。"), Script::Han);
        assert_eq!(classify("- g sin（θ）。"), Script::Han);
        assert_eq!(classify("GDP？"), Script::Han);
        assert_eq!(classify("Q。"), Script::Han);
        assert_eq!(classify("？！"), Script::Han);
        // One or two English words cited in quotes, with Chinese punctuation: a Chinese line
        // naming the word (a language lesson); a quoted sentence is still English.
        assert_eq!(classify("“procrastinate”。"), Script::Han);
        assert_eq!(classify("「serendipity」"), Script::Han);
        assert_eq!(classify("“pro bono”，"), Script::Han);
        assert_eq!(classify("“How much is this?”。"), Script::Latin);
        assert_eq!(classify("“procrastinate”"), Script::Latin);
        // After a speaker-like label, too.
        assert_eq!(classify("词之一：“serendipity”。"), Script::Han);
        assert_eq!(classify("嘉宾：Wait for me, please."), Script::Latin);
    }

    #[test]
    fn han_ranges() {
        assert!(is_han('中'));
        assert!(is_han('𠮷'));
        assert!(!is_han('。'));
        assert!(is_cjk_punct('。'));
        assert!(is_cjk_punct('，'));
        assert!(!is_cjk_punct(','));
    }

    #[test]
    fn a_latin_name_with_a_full_width_colon_is_a_label() {
        assert_eq!(after_speaker_label("Lily：Bye!"), "Bye!");
        assert_eq!(after_speaker_label("Lily： Bye!"), "Bye!");
        assert_eq!(after_speaker_label("Lily: Bye!"), "Bye!");
        // An ASCII colon still needs the space after it ("Note:3" is no label).
        assert_eq!(after_speaker_label("Note:3 apples"), "Note:3 apples");
        assert_eq!(english_behind_label("阿明：Bye!"), Some("Bye!"));
        assert_eq!(english_behind_label("阿明：再见！"), None);
        assert_eq!(english_behind_label("Bye!"), None);
    }
}
