//! Subtitle and corpus formats: parser tolerance (one fixture per case), exact spans, two-file
//! pairing, TSV/JSONL, format detection. The rules' own bad/good fixtures are in rules.rs.

use std::path::Path;
use std::process::Command;
use translint::model::{Document, Segment};
use translint::parse::{self, ParseOptions};

const DIR: &str = "fixtures/formats";

fn fixture(name: &str) -> (String, String) {
    let path = format!("{DIR}/{name}");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    (path.clone(), parse::decode(&path, bytes).unwrap())
}

fn parse_fixture(name: &str) -> Document {
    let (path, text) = fixture(name);
    parse::parse(&path, text, &ParseOptions::default())
}

/// Every segment's span sliced from the file: the pairs as (target, source) texts.
fn shape(d: &Document) -> Vec<(String, String)> {
    let side = |s: Option<Segment>| s.map_or("-".to_string(), |s| d.text(&s).to_string());
    d.pairs
        .iter()
        .map(|p| (side(p.target), side(p.source)))
        .collect()
}

fn timings(d: &Document) -> Vec<Option<(i64, i64)>> {
    d.pairs
        .iter()
        .map(|p| d.timing(p).map(|t| (t.start_ms, t.end_ms)))
        .collect()
}

/// (rule, 1-based line, message) of each parse problem.
fn problems(d: &Document) -> Vec<(&'static str, usize, String)> {
    d.problems
        .iter()
        .map(|p| {
            let (line, _) = d.file(p.file).line_col(p.span.start);
            (p.rule, line, p.message.clone())
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

const BASE: &[(&str, &str)] = &[
    ("我们明天去爬山。", "We're climbing the hill tomorrow."),
    ("记得带水。", "Remember to bring water."),
];

fn assert_base(name: &str) -> Document {
    let d = parse_fixture(name);
    assert_eq!(shape(&d), pairs(BASE), "{name}");
    assert_eq!(
        timings(&d),
        [Some((1000, 3000)), Some((3200, 5000))],
        "{name}"
    );
    d
}

#[test]
fn bom_and_crlf() {
    let d = assert_base("bom_crlf.srt");
    assert!(d.files[0].text.starts_with('\u{FEFF}'));
    assert!(d.files[0].text.contains("\r\n"));
    assert!(d.problems.is_empty(), "{:?}", d.problems);
}

#[test]
fn missing_final_newline() {
    let d = assert_base("no_final_newline.srt");
    assert!(!d.files[0].text.ends_with('\n'));
    assert!(d.problems.is_empty());
}

#[test]
fn missing_cue_numbers() {
    let d = assert_base("missing_numbers.srt");
    assert!(d.problems.is_empty());
    assert!(d.cues.iter().all(|c| c.id.is_none()));
}

#[test]
fn odd_cue_numbers_and_no_blank_line_between_cues() {
    let d = parse_fixture("odd_numbers.srt");
    let mut want = BASE.to_vec();
    want.push(("山顶很冷。", "It's cold at the top."));
    assert_eq!(shape(&d), pairs(&want));
    let ids: Vec<&str> = d
        .cues
        .iter()
        .map(|c| c.id.map_or("", |s| d.slice(0, s)))
        .collect();
    assert_eq!(ids, ["7.", "0003", "3"]);
    assert!(d.problems.is_empty(), "{:?}", d.problems);
}

#[test]
fn dot_instead_of_comma_in_timestamps() {
    let d = assert_base("dot_timestamps.srt");
    assert!(d.problems.is_empty());
}

#[test]
fn fullwidth_timestamps_are_read_and_reported() {
    let d = assert_base("fullwidth_timestamps.srt");
    let p = problems(&d);
    assert_eq!(p.len(), 1);
    assert_eq!((p[0].0, p[0].1), ("subtitle-syntax", 2));
    assert!(p[0].2.contains("full-width"), "{}", p[0].2);
}

#[test]
fn extra_blank_lines() {
    let d = assert_base("extra_blank_lines.srt");
    assert!(d.problems.is_empty());
}

#[test]
fn garbage_between_cues_bad_timing_and_empty_cue_are_reported_not_dropped() {
    let d = parse_fixture("garbage.srt");
    assert_eq!(
        shape(&d),
        pairs(&[BASE[0], BASE[1], ("山顶很冷。", "It's cold at the top.")])
    );
    // The cue with the unreadable timing line keeps its text, without timing.
    assert_eq!(timings(&d), [Some((1000, 3000)), Some((3200, 5000)), None]);
    let mut p = problems(&d);
    p.sort_by_key(|x| x.1);
    let at: Vec<(&str, usize)> = p.iter().map(|(r, l, _)| (*r, *l)).collect();
    assert_eq!(
        at,
        [
            ("subtitle-syntax", 1),  // before the first cue
            ("subtitle-syntax", 7),  // between cues
            ("subtitle-syntax", 15), // unreadable timing line
            ("subtitle-syntax", 20), // empty cue
        ]
    );
    assert!(p[0].2.contains("before the first cue"));
    assert!(p[1].2.contains("outside any cue"));
    // It says why the line cannot be read.
    assert_eq!(
        p[2].2,
        "unreadable timing line (start time `00:00:05,x00`: fraction `x00` is not a number); the cue is kept without timing"
    );
    assert!(p[3].2.contains("no text"));
    // The garbage spans cover exactly the stray text.
    let spans: Vec<&str> = d
        .problems
        .iter()
        .filter(|p| p.message.contains("cue is not") || p.message.contains("outside"))
        .map(|p| d.slice(0, p.span))
        .collect();
    assert!(spans.contains(&"Subtitles by the hill club"), "{spans:?}");
    assert!(
        spans.contains(&"(a note the editor left behind)"),
        "{spans:?}"
    );
}

#[test]
fn vtt_header_note_style_region_ids_settings_and_tags() {
    let d = parse_fixture("blocks.vtt");
    assert_eq!(d.format, translint::model::Format::Vtt);
    assert_eq!(shape(&d), pairs(BASE));
    assert_eq!(timings(&d), [Some((1000, 3000)), Some((3200, 5000))]);
    assert!(d.problems.is_empty(), "{:?}", d.problems);
    assert_eq!(d.cues[0].id.map(|s| d.slice(0, s)), Some("intro"));
    assert_eq!(d.cues[1].id, None);
}

#[test]
fn a_side_over_several_lines_is_one_segment_covering_them() {
    let d = parse_fixture("multiline.srt");
    assert_eq!(
        shape(&d),
        pairs(&[(
            "我们明天一早\n就去爬那座山。",
            "We're climbing that hill\nearly tomorrow morning."
        )])
    );
    assert_eq!(d.lines_of(&d.cues[0]).len(), 4);
}

/// Round trip: for every fixture, every segment's span is on char boundaries, holds text with no
/// surrounding white space, and each cue line's span is exactly the line minus edge tags.
#[test]
fn spans_point_exactly_at_cue_text() {
    for entry in std::fs::read_dir(DIR).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            continue;
        }
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let d = parse_fixture(&name);
        let text = &d.files[0].text;
        for p in &d.pairs {
            for seg in [p.source, p.target].into_iter().flatten() {
                assert!(
                    text.is_char_boundary(seg.span.start) && text.is_char_boundary(seg.span.end)
                );
                let t = d.text(&seg);
                assert_eq!(t, t.trim(), "{name}: {t:?}");
                let line = d.line_of(&seg);
                assert!(line.start <= seg.span.start && seg.span.end <= line.end);
            }
        }
        for c in &d.cues {
            for l in d.lines_of(c) {
                let whole = &text[d.line_of(l).range()];
                let inner = d.text(l);
                assert!(whole.contains(inner), "{name}");
                assert!(
                    !inner.contains('\n'),
                    "{name}: a line segment spans one line"
                );
            }
        }
    }
}

#[test]
fn no_input_prefix_panics_any_parser() {
    use translint::model::Format::*;
    for name in [
        "garbage.srt",
        "blocks.vtt",
        "fullwidth_timestamps.srt",
        "corpus.jsonl",
        "corpus.tsv",
    ] {
        let (path, text) = fixture(name);
        let cuts: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for &i in &cuts {
            for f in [Interleaved, Srt, Vtt, Tsv, Jsonl] {
                let opts = ParseOptions {
                    format: Some(f),
                    ..ParseOptions::default()
                };
                let _ = parse::parse(&path, text[..i].to_string(), &opts);
            }
        }
    }
}

#[test]
fn format_detection_by_extension_and_content() {
    use translint::model::Format::*;
    let srt = "1\n00:00:01,000 --> 00:00:02,000\n你好。\nHello.\n";
    assert_eq!(parse::detect_format("a.srt", ""), Srt);
    assert_eq!(parse::detect_format("a.VTT", ""), Vtt);
    assert_eq!(parse::detect_format("a.tsv", ""), Tsv);
    assert_eq!(parse::detect_format("a.jsonl", ""), Jsonl);
    assert_eq!(parse::detect_format("en.vtt.1", "\u{FEFF}WEBVTT\n\n"), Vtt);
    assert_eq!(parse::detect_format("notes.txt", srt), Srt);
    assert_eq!(
        parse::detect_format("cmn.txt", "Hi.\t你好。\nGo.\t走。\n"),
        Tsv
    );
    assert_eq!(parse::detect_format("rows", "{\"source\": \"a\"}\n"), Jsonl);
    assert_eq!(
        parse::detect_format("talk.txt", "你好。\nHello.\n"),
        Interleaved
    );
}

// ---------------------------------------------------------------------------------------------
// The binary: rules on fixtures.

fn run(args: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_translint"))
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// (rule, path, line) of every diagnostic.
fn found(v: &serde_json::Value) -> Vec<(String, String, u64)> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn timing_thresholds_are_configurable_options() {
    use translint::config::Settings;
    let (path, text) = fixture("../rules/cue-duration.bad.srt");
    let mut settings = Settings {
        select: vec!["cue-duration".into()],
        ..Settings::default()
    };
    let rules = settings.active_rules().unwrap();
    let opts = ParseOptions::default();
    let n = |s: &Settings| {
        translint::check_text(&path, text.clone(), &opts, s, &rules)
            .diagnostics
            .len()
    };
    assert_eq!(n(&settings), 3);
    let table: toml::Table = toml::from_str("min-ms = 300\nmax-ms = 9000").unwrap();
    settings.rule_options.insert("cue-duration".into(), table);
    assert_eq!(n(&settings), 0);
}

#[test]
fn parse_problems_follow_selection() {
    let path = format!("{DIR}/garbage.srt");
    let all = found(&run(&[&path]));
    assert_eq!(all.iter().filter(|d| d.0 == "subtitle-syntax").count(), 4);
    let ignored = found(&run(&["--ignore", "subtitle-syntax", &path]));
    assert!(ignored.iter().all(|d| d.0 != "subtitle-syntax"));
}

/// The pair rules fire on the same text whether the pairs come from bilingual SRT cues or from
/// the same lines interleaved.
#[test]
fn bilingual_srt_fires_pair_rules_like_interleaved_text() {
    let pair_rules = "missing-translation,stray-line,duplicated-untranslated-line,untranslated-line,untranslated-fragment,halfwidth-punctuation";
    let texts = |file: &str| {
        let path = format!("{DIR}/{file}");
        let text = std::fs::read_to_string(&path).unwrap();
        let v = run(&["--select", pair_rules, &path]);
        let mut out: Vec<(String, String)> = v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let (a, b) = (
                    d["byte_start"].as_u64().unwrap(),
                    d["byte_end"].as_u64().unwrap(),
                );
                (
                    d["rule"].as_str().unwrap().to_string(),
                    text[a as usize..b as usize].to_string(),
                )
            })
            .collect();
        out.sort();
        out
    };
    let srt = texts("bilingual.srt");
    assert_eq!(srt, texts("bilingual.txt"));
    let rules: std::collections::BTreeSet<&str> = srt.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(rules.len(), 6, "every pair rule fires: {rules:?}");
    assert!(srt.contains(&(
        "missing-translation".into(),
        "Wait for me at the gate.".into()
    )));
    assert!(srt.contains(&("missing-translation".into(), "你看到那只鸟了吗？".into())));
}

#[test]
fn sibling_files_pair_and_diagnostics_name_the_right_file() {
    let en = format!("{DIR}/talk.en.srt");
    let zh = format!("{DIR}/talk.zh-CN.srt");
    let check = |v: &serde_json::Value| {
        // Both files are read and counted; their cues make one set of pairs.
        assert_eq!(v["summary"]["files"], 2);
        assert_eq!(v["summary"]["pairs"], 5);
        let f = found(v);
        let pair_rules: Vec<_> = f
            .iter()
            .filter(|d| {
                d.0 == "missing-translation"
                    || d.0 == "duplicated-untranslated-line"
                    || d.0 == "alignment-shift"
            })
            .cloned()
            .collect();
        // The cue dropped from the translation is a missing translation: the files pair by
        // timing, so nothing after it shifts.
        assert_eq!(
            pair_rules,
            [
                ("missing-translation".to_string(), en.clone(), 11),
                ("duplicated-untranslated-line".to_string(), zh.clone(), 15),
            ]
        );
    };
    check(&run(&[&zh, &en]));
    check(&run(&["--source", &en, "--target", &zh]));
    // Without pairing, each file is one-sided throughout.
    let v = run(&[
        "--no-pair-siblings",
        "--select",
        "missing-translation",
        &en,
        &zh,
    ]);
    assert_eq!(found(&v).len(), 9);
}

#[test]
fn two_file_timing_rules_run_per_file() {
    use translint::config::Settings;
    let en = format!("{DIR}/talk.en.srt");
    let zh = format!("{DIR}/talk.zh-CN.srt");
    // The translation drifts 80 ms: merged, the two files' cues would overlap everywhere.
    let v = run(&[
        "--select",
        "cue-overlap,cue-order",
        "--source",
        &en,
        "--target",
        &zh,
    ]);
    assert!(found(&v).is_empty());
    // Gaps are 100 ms inside each file (2 100 ms where the zh file lacks a cue); a 10-frame
    // minimum (417 ms) flags the 4 gaps of the en file and 2 of the 3 of the zh file.
    let mut settings = Settings {
        select: vec!["cue-gap".into()],
        ..Settings::default()
    };
    settings
        .rule_options
        .insert("cue-gap".into(), toml::from_str("min-frames = 10").unwrap());
    let rules = settings.active_rules().unwrap();
    let r =
        translint::check_two_files(&en, &zh, &ParseOptions::default(), &settings, &rules).unwrap();
    let per_file: Vec<usize> = (0..2)
        .map(|f| r.diagnostics.iter().filter(|d| d.file == f).count())
        .collect();
    assert_eq!(per_file, [4, 2]);
}

#[test]
fn tsv_and_jsonl_corpora() {
    let v = run(&[&format!("{DIR}/corpus.tsv")]);
    let rules: Vec<(String, u64)> = found(&v).into_iter().map(|(r, _, l)| (r, l)).collect();
    assert_eq!(
        rules,
        [
            ("missing-translation".to_string(), 2),
            ("duplicated-untranslated-line".to_string(), 3),
            ("missing-translation".to_string(), 4),
        ]
    );
    let path = format!("{DIR}/corpus.jsonl");
    let v = run(&["--source-field", "en", "--target-field", "zh", &path]);
    let rules: Vec<(String, u64)> = found(&v).into_iter().map(|(r, _, l)| (r, l)).collect();
    assert_eq!(
        rules,
        [
            ("untranslated-fragment".to_string(), 2),
            ("table-syntax".to_string(), 3),
            ("table-syntax".to_string(), 4),
            ("table-syntax".to_string(), 5),
        ]
    );
    assert_eq!(v["summary"]["pairs"], 2);
}

#[test]
fn input_format_overrides_detection() {
    let dir = std::env::temp_dir().join(format!("translint-formats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("rows.txt");
    std::fs::write(&p, "Good night.\t晚安。\nSee you.\t\n").unwrap();
    let p = p.to_str().unwrap();
    let v = run(&[
        "--input-format",
        "tsv",
        "--select",
        "missing-translation",
        p,
    ]);
    assert_eq!(found(&v).len(), 1);
    assert_eq!(v["summary"]["pairs"], 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn directories_are_walked_for_subtitle_and_corpus_files() {
    let dir = std::env::temp_dir().join(format!("translint-walk-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["a.srt", "b.vtt", "c.tsv", "d.jsonl", "e.txt", "f.md"] {
        std::fs::write(dir.join(name), "").unwrap();
    }
    let got: Vec<String> = translint::walk::expand(&[dir.to_str().unwrap().to_string()])
        .into_iter()
        .map(|r| {
            Path::new(&r.unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(got, ["a.srt", "b.vtt", "c.tsv", "d.jsonl", "e.txt"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_empty_cue_in_the_translation_file_is_missing_translation() {
    let dir = std::env::temp_dir().join(format!("translint-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let en = dir.join("a.en.srt");
    let zh = dir.join("a.zh.srt");
    std::fs::write(
        &en,
        "1\n00:00:01,000 --> 00:00:02,000\nGood night.\n\n2\n00:00:02,100 --> 00:00:03,000\nSleep well.\n",
    )
    .unwrap();
    std::fs::write(
        &zh,
        "1\n00:00:01,000 --> 00:00:02,000\n晚安。\n\n2\n00:00:02,100 --> 00:00:03,000\n\n",
    )
    .unwrap();
    let (en, zh) = (en.to_str().unwrap(), zh.to_str().unwrap());
    let v = run(&["--select", "missing-translation,subtitle-syntax", en, zh]);
    assert_eq!(
        found(&v),
        [("missing-translation".to_string(), en.to_string(), 7)]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// What a user reads for a two-file check: each finding shows the file it is in, the related
/// location the other file.
#[test]
fn two_file_full_output_snapshot() {
    let o = crate::common::run(&[
        "check",
        "--select",
        "missing-translation,alignment-shift,duplicated-untranslated-line,reading-speed",
        "fixtures/formats/talk.en.srt",
        "fixtures/formats/talk.zh-CN.srt",
    ]);
    insta::assert_snapshot!("two_file_full", crate::common::stdout(&o));
}

/// A cue side over two lines is underlined across both.
#[test]
fn multi_line_cue_side_snapshot() {
    let o = crate::common::run(&[
        "check",
        "--select",
        "reading-speed,line-length",
        "--format",
        "full",
        "fixtures/formats/timing-multiline.srt",
    ]);
    insta::assert_snapshot!("multi_line_cue_side", crate::common::stdout(&o));
}

/// No cue is dropped silently: every cue line is inside a pair side or a stray, and a cue with no
/// text is a reported problem at its timing line.
#[test]
fn every_cue_is_accounted_for() {
    for entry in std::fs::read_dir(DIR).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if !(name.ends_with(".srt") || name.ends_with(".vtt")) {
            continue;
        }
        let d = parse_fixture(&name);
        let covered: Vec<_> = d
            .pairs
            .iter()
            .flat_map(|p| [p.source, p.target])
            .flatten()
            .chain(d.strays.iter().map(|s| s.segment))
            .map(|s| s.span)
            .collect();
        assert!(!d.cues.is_empty(), "{name}");
        for c in &d.cues {
            if d.lines_of(c).is_empty() {
                assert!(
                    d.problems.iter().any(|p| p.span == c.timing_line),
                    "{name}: empty cue not reported"
                );
            }
            for l in d.lines_of(c) {
                assert!(
                    covered
                        .iter()
                        .any(|s| s.start <= l.span.start && l.span.end <= s.end),
                    "{name}: cue line {:?} is in no pair or stray",
                    d.text(l)
                );
            }
        }
    }
}

#[test]
fn a_negative_time_is_read_and_reported() {
    let text = "1\n-00:00:05,000 --> 00:00:06,000\n好。\nGood.\n\n2\n00:00:07,000 --> 00:00:08,000\n走。\nGo.\n";
    let d = translint::parse::parse("neg.srt", text.to_string(), &Default::default());
    assert_eq!(timings(&d), [Some((-5000, 6000)), Some((7000, 8000))]);
    assert_eq!(
        problems(&d),
        [(
            "subtitle-syntax",
            2,
            "a negative time in the timing line; players reject it".to_string()
        )]
    );
}

#[test]
fn a_second_arrow_is_read_and_reported() {
    let text = "1\n00:00:07,000 --> 00:00:08,000 --> 00:00:03,000\n好。\nGood.\n\nWEBVTT-like settings follow\n\n2\n00:00:09,000 --> 00:00:10,000 align:start position:10%\n走。\nGo.\n";
    let d = translint::parse::parse("arrows.srt", text.to_string(), &Default::default());
    assert_eq!(timings(&d), [Some((7000, 8000)), Some((9000, 10000))]);
    let p: Vec<(&str, usize, String)> = problems(&d)
        .into_iter()
        .filter(|p| p.2.contains("arrow"))
        .collect();
    assert_eq!(
        p,
        [(
            "subtitle-syntax",
            2,
            "a second arrow in the timing line; read as its first two times".to_string()
        )]
    );
}

#[test]
fn tsv_columns_are_read_from_a_header_or_the_scripts() {
    // Chinese first, behind a header row naming the columns: the header is not a pair, the
    // English column is the original, and the defects are found where they are.
    let expected = [
        ("missing-translation".to_string(), 3),
        ("duplicated-untranslated-line".to_string(), 5),
    ];
    let v = run(&[&format!("{DIR}/zh-first-header.tsv")]);
    let rules: Vec<(String, u64)> = found(&v).into_iter().map(|(r, _, l)| (r, l)).collect();
    assert_eq!(rules, expected);
    assert_eq!(v["summary"]["pairs"], 4);
    // No header, an id column first: the scripts of the cells find the two texts.
    let v = run(&[&format!("{DIR}/id-zh-en.tsv")]);
    let rules: Vec<(String, u64)> = found(&v).into_iter().map(|(r, _, l)| (r, l)).collect();
    assert_eq!(
        rules,
        [
            ("missing-translation".to_string(), 2),
            ("duplicated-untranslated-line".to_string(), 4),
        ]
    );
    assert_eq!(v["summary"]["pairs"], 4);
}

#[test]
fn transcript_timestamps_are_layout() {
    // Stamps opening the Chinese lines are not numbers of the sentence: only the real
    // disagreement (两 / twelve) is reported.
    let v = run(&[&format!("{DIR}/timestamped.txt")]);
    assert_eq!(
        found(&v),
        [(
            "number-mismatch".to_string(),
            format!("{DIR}/timestamped.txt"),
            5
        )]
    );
    // Stamps on lines of their own are neither app text nor lines without a partner: only the
    // English line whose translation is missing is.
    let v = run(&[&format!("{DIR}/timestamp-lines.txt")]);
    assert_eq!(
        found(&v),
        [(
            "missing-translation".to_string(),
            format!("{DIR}/timestamp-lines.txt"),
            8
        )]
    );
    assert_eq!(v["summary"]["pairs"], 4);
}

#[test]
fn a_line_dropped_from_one_of_two_plain_files_is_reported_once_where_it_was_dropped() {
    // The second English line has no translation: every later Chinese line belongs to the next
    // English one. Paired line by line, the last English line is left alone; the shift already
    // names the place, so that line is not reported again as a missing translation.
    let v = run(&[&format!("{DIR}/hike.en.txt"), &format!("{DIR}/hike.zh.txt")]);
    assert_eq!(
        found(&v),
        [(
            "alignment-shift".to_string(),
            format!("{DIR}/hike.zh.txt"),
            2
        )]
    );
    // The English line is in the other file: the repair says which.
    let help = v["diagnostics"][0]["help"].as_str().unwrap_or_default();
    assert!(
        help.starts_with(&format!(
            "the English on line 2 of {DIR}/hike.en.txt has no translation"
        )),
        "{help}"
    );
}
