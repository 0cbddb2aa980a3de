//! Property tests of the fix engine over generated interleaved transcripts with random defects:
//! fixing is idempotent, changes only the bytes its edits name, keeps line structure (safe fixes),
//! and changes the pairing only where an unsafe structural fix (deleting a stray line) says so.

use proptest::prelude::*;
use translint::config::Settings;
use translint::fix::{FixMode, FixOutcome, fix_text};

const ZH: &[&str] = &[
    "我们", "今天", "讨论", "城市", "面包", "老师", "学生", "音乐", "河流", "山上", "朋友", "早上",
    "喜欢", "觉得", "非常", "重要",
];
const EN: &[&str] = &[
    "we",
    "talk",
    "about",
    "the",
    "city",
    "bread",
    "teacher",
    "music",
    "river",
    "friend",
    "morning",
    "like",
    "think",
    "very",
    "important",
    "today",
];

/// One damage a line can carry.
#[derive(Clone, Copy, Debug)]
enum Defect {
    None,
    DoubleSpace,
    Tab,
    Trailing,
    Leading,
    ZeroWidth,
    IdeographicSpace,
    SoftHyphen,
    MidBom,
}

fn defect() -> impl Strategy<Value = Defect> {
    prop_oneof![
        4 => Just(Defect::None),
        1 => Just(Defect::DoubleSpace),
        1 => Just(Defect::Tab),
        1 => Just(Defect::Trailing),
        1 => Just(Defect::Leading),
        1 => Just(Defect::ZeroWidth),
        1 => Just(Defect::IdeographicSpace),
        1 => Just(Defect::SoftHyphen),
        1 => Just(Defect::MidBom),
    ]
}

/// A generated pair: Chinese clauses (word indices), ASCII or full-width separators, an optional
/// Latin name and number, an English sentence, and one defect per side.
#[derive(Clone, Debug)]
struct GenPair {
    clauses: Vec<Vec<usize>>,
    ascii_punct: bool,
    question: bool,
    name: Option<bool>,
    number: bool,
    en: Vec<usize>,
    zh_defect: Defect,
    en_defect: Defect,
}

fn gen_pair() -> impl Strategy<Value = GenPair> {
    (
        prop::collection::vec(prop::collection::vec(0..ZH.len(), 1..4), 1..4),
        any::<bool>(),
        any::<bool>(),
        prop::option::of(any::<bool>()),
        any::<bool>(),
        prop::collection::vec(0..EN.len(), 2..9),
        defect(),
        defect(),
    )
        .prop_map(
            |(clauses, ascii_punct, question, name, number, en, zh_defect, en_defect)| GenPair {
                clauses,
                ascii_punct,
                question,
                name,
                number,
                en,
                zh_defect,
                en_defect,
            },
        )
}

/// Put a defect into a line (between words where it needs a place).
fn damage(line: &str, d: Defect) -> String {
    let mid = line
        .char_indices()
        .nth(line.chars().count() / 2)
        .map_or(line.len(), |(i, _)| i);
    let (a, b) = line.split_at(mid);
    match d {
        Defect::None => line.to_string(),
        Defect::DoubleSpace => line.replacen(' ', "  ", 1),
        Defect::Tab => line.replacen(' ', "\t", 1),
        Defect::Trailing => format!("{line}  "),
        Defect::Leading => format!(" \u{3000}{line}"),
        Defect::ZeroWidth => format!("{a}\u{200B}{b}"),
        Defect::IdeographicSpace => line.replacen(' ', "\u{3000}", 1),
        Defect::SoftHyphen => format!("{a}\u{00AD}{b}"),
        Defect::MidBom => format!("{a}\u{FEFF}{b}"),
    }
}

impl GenPair {
    fn zh(&self) -> String {
        let sep = if self.ascii_punct { "," } else { "，" };
        let mut s = self
            .clauses
            .iter()
            .map(|c| c.iter().map(|&i| ZH[i]).collect::<String>())
            .collect::<Vec<_>>()
            .join(sep);
        match self.name {
            Some(true) => s.insert_str(0, "Rust "),
            Some(false) => s.insert_str(0, "Rust"),
            None => {}
        }
        if self.number {
            s.push_str("大约17,000人");
        }
        s.push_str(match (self.question, self.ascii_punct) {
            (true, true) => "?",
            (true, false) => "？",
            _ => "。",
        });
        damage(&s, self.zh_defect)
    }

    fn en(&self) -> String {
        let mut s = self.en.iter().map(|&i| EN[i]).collect::<Vec<_>>().join(" ");
        if let Some(first) = s.get(..1) {
            let up = first.to_ascii_uppercase();
            s.replace_range(..1, &up);
        }
        if self.name.is_some() {
            s.push_str(", in Rust");
        }
        if self.number {
            s.push_str(", about 17,000 people");
        }
        s.push(if self.question { '?' } else { '.' });
        damage(&s, self.en_defect)
    }
}

/// A generated transcript.
#[derive(Clone, Debug)]
struct GenDoc {
    pairs: Vec<GenPair>,
    header: bool,
    footer: bool,
    middle_stray: Option<usize>,
    blank_with_spaces: Option<usize>,
    bom: bool,
    eol: usize,
    final_newline: bool,
}

fn gen_doc() -> impl Strategy<Value = GenDoc> {
    (
        prop::collection::vec(gen_pair(), 3..12),
        any::<bool>(),
        any::<bool>(),
        prop::option::of(1usize..3),
        prop::option::of(0usize..6),
        any::<bool>(),
        0usize..3,
        any::<bool>(),
    )
        .prop_map(
            |(pairs, header, footer, middle_stray, blank_with_spaces, bom, eol, final_newline)| {
                GenDoc {
                    pairs,
                    header,
                    footer,
                    middle_stray,
                    blank_with_spaces,
                    bom,
                    eol,
                    final_newline,
                }
            },
        )
}

const HEADER: &str = "节目简介";
const MIDDLE: &str = "展开全部字幕(还有 99 条)";
const FOOTER: &str = "字幕由某某小组提供";

impl GenDoc {
    /// The text, and the stray lines put into it.
    fn render(&self) -> (String, Vec<&'static str>) {
        let mut lines: Vec<String> = Vec::new();
        let mut strays = Vec::new();
        if self.header {
            lines.push(HEADER.into());
            strays.push(HEADER);
        }
        for (k, p) in self.pairs.iter().enumerate() {
            if self.middle_stray == Some(k) {
                lines.push(MIDDLE.into());
                strays.push(MIDDLE);
            }
            if self.blank_with_spaces == Some(k) {
                lines.push(" \t ".into());
            }
            lines.push(p.zh());
            lines.push(p.en());
        }
        if self.footer {
            lines.push(FOOTER.into());
            strays.push(FOOTER);
        }
        let eol = ["\n", "\r\n", "\r"][self.eol];
        let mut text = if self.bom {
            "\u{FEFF}".to_string()
        } else {
            String::new()
        };
        text.push_str(&lines.join(eol));
        if self.final_newline {
            text.push_str(eol);
        }
        (text, strays)
    }
}

fn fix(text: &str, mode: FixMode, extra: &[&str]) -> FixOutcome {
    let settings = Settings {
        extend_select: extra.iter().map(|s| s.to_string()).collect(),
        ..Settings::default()
    };
    let rules = settings.active_rules().expect("known rules");
    fix_text(
        "gen.txt",
        text.to_string(),
        &Default::default(),
        &settings,
        &rules,
        mode,
    )
}

/// The line breaks of a text, in order.
fn breaks(t: &str) -> Vec<&str> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\r' if b.get(i + 1) == Some(&b'\n') => {
                out.push("\r\n");
                i += 1;
            }
            b'\r' => out.push("\r"),
            b'\n' => out.push("\n"),
            _ => {}
        }
        i += 1;
    }
    out
}

/// The text with everything a safe fix may change mapped away: spacing and invisible characters
/// dropped, full-width punctuation folded to ASCII. Safe fixes must leave this unchanged.
fn normalize(t: &str, drop_breaks: bool) -> String {
    t.chars()
        .filter(|&c| {
            !matches!(
                c,
                ' ' | '\t'
                    | '\u{3000}'
                    | '\u{200B}'
                    | '\u{200C}'
                    | '\u{200D}'
                    | '\u{2060}'
                    | '\u{FEFF}'
                    | '\u{00AD}'
            ) && !(drop_breaks && (c == '\n' || c == '\r'))
        })
        .map(|c| match c {
            '，' => ',',
            '？' => '?',
            '！' => '!',
            '：' => ':',
            '；' => ';',
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect()
}

/// Replay the applied edits pass by pass with a naive splice and check the result is the fixed
/// text: the engine changed exactly the bytes its edits name and nothing else.
fn replay(o: &FixOutcome) -> String {
    let mut text = o.original[0].clone();
    for pass in 0..o.passes {
        let mut edits: Vec<_> = o
            .applied
            .iter()
            .filter(|f| f.pass == pass)
            .flat_map(|f| f.edits.iter())
            .collect();
        edits.sort_by_key(|e| e.span.start);
        for w in edits.windows(2) {
            assert!(
                w[0].span.end <= w[1].span.start,
                "overlapping edits applied"
            );
        }
        for e in edits.iter().rev() {
            text.replace_range(e.span.range(), &e.replacement);
        }
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn safe_fixes_are_idempotent_local_and_keep_structure(doc in gen_doc(), spacing in any::<bool>()) {
        let (text, _) = doc.render();
        let extra: &[&str] = if spacing { &["cjk-latin-spacing"] } else { &[] };
        let once = fix(&text, FixMode::default(), extra);
        prop_assert!(once.converged);
        let fixed = once.fixed().to_string();
        prop_assert_eq!(replay(&once), fixed.clone());
        // Idempotent: a second run changes nothing.
        let twice = fix(&fixed, FixMode::default(), extra);
        prop_assert_eq!(twice.fixed(), fixed.as_str());
        prop_assert!(twice.applied.is_empty());
        // Only spacing, invisibles and punctuation width changed; line breaks, the BOM and the
        // final newline are as they were; the pairing is the same.
        prop_assert_eq!(normalize(&fixed, false), normalize(&text, false));
        prop_assert_eq!(breaks(&fixed), breaks(&text));
        prop_assert_eq!(fixed.starts_with('\u{FEFF}'), text.starts_with('\u{FEFF}'));
        let before = translint::parse::parse("gen.txt", text.clone(), &Default::default());
        prop_assert_eq!(once.report.doc.pairs.len(), before.pairs.len());
        prop_assert_eq!(once.report.doc.strays.len(), before.strays.len());
        // English lines keep their words and word boundaries.
        let words = |doc: &translint::model::Document| -> Vec<Vec<String>> {
            doc.pairs.iter().filter_map(|p| p.source).map(|s| {
                doc.text(&s).split_whitespace().map(|w| w.chars().filter(|c| !matches!(c, '\u{200B}' | '\u{00AD}' | '\u{FEFF}')).collect()).filter(|w: &String| !w.is_empty()).collect()
            }).collect()
        };
        prop_assert_eq!(words(&once.report.doc), words(&before));
        // Nothing fixable is left: ASCII punctuation next to Chinese is gone.
        prop_assert!(!once.report.diagnostics.iter().any(|d| d.rule == "halfwidth-punctuation" || d.rule == "whitespace"));
        // Numbers keep their ASCII comma (counted once invisible characters inside are gone).
        let visible: String = text.chars().filter(|c| !matches!(c, '\u{200B}' | '\u{00AD}' | '\u{FEFF}')).collect();
        let numbers = visible.matches("17,000").count();
        prop_assert_eq!(fixed.matches("17,000").count(), numbers);
    }

    #[test]
    fn unsafe_fixes_remove_exactly_the_stray_lines(doc in gen_doc()) {
        let (text, strays) = doc.render();
        let mode = FixMode { unsafe_fixes: true };
        let once = fix(&text, mode, &[]);
        prop_assert!(once.converged);
        let fixed = once.fixed().to_string();
        prop_assert_eq!(replay(&once), fixed.clone());
        let twice = fix(&fixed, mode, &[]);
        prop_assert_eq!(twice.fixed(), fixed.as_str());
        prop_assert!(once.report.doc.strays.is_empty());
        // The pairing changes only by the merges a split-sentence fix announces.
        let before = translint::parse::parse("gen.txt", text.clone(), &Default::default());
        let merges = once.applied.iter().filter(|f| f.rule == "split-sentence").count();
        prop_assert_eq!(once.report.doc.pairs.len() + merges, before.pairs.len());
        let stray_fixes = once.applied.iter().filter(|f| f.rule == "stray-line").count();
        prop_assert_eq!(stray_fixes, strays.len());
        let mut expected = text.clone();
        for s in &strays {
            expected = expected.replacen(s, "", 1);
        }
        prop_assert_eq!(normalize(&fixed, true), normalize(&expected, true));
        prop_assert_eq!(fixed.starts_with('\u{FEFF}'), text.starts_with('\u{FEFF}'));
        // The final-newline state is kept.
        let ends = |t: &str| t.ends_with('\n') || t.ends_with('\r');
        prop_assert_eq!(ends(&fixed), ends(&text));
    }
}
