//! Fixtures of the rules that fix: each `bad.txt` triggers its rule and is fixed clean, each
//! `good.txt` (tricky cases) does not trigger it.

use translint::config::Settings;
use translint::fix::{FixMode, fix_text};

fn settings(rule: &str, options: &str) -> Settings {
    let mut s = Settings {
        select: vec![rule.to_string()],
        ..Settings::default()
    };
    if !options.is_empty() {
        s.rule_options
            .insert(rule.to_string(), toml::from_str(options).expect("options"));
    }
    s
}

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/fixtures/{path}", env!("CARGO_MANIFEST_DIR")))
        .expect("fixture")
}

/// Findings of `rule` in `text`, then the text fixed and the findings left.
fn run(rule: &str, options: &str, text: &str) -> (usize, String, usize) {
    let s = settings(rule, options);
    let rules = s.active_rules().expect("rule");
    let before = translint::check_text("t.txt", text.to_string(), &Default::default(), &s, &rules);
    let o = fix_text(
        "t.txt",
        text.to_string(),
        &Default::default(),
        &s,
        &rules,
        FixMode::default(),
    );
    (
        before.diagnostics.len(),
        o.fixed().to_string(),
        o.report.diagnostics.len(),
    )
}

#[test]
fn whitespace_fixtures() {
    let (found, fixed, left) = run("whitespace", "", &read("rules/whitespace.bad.txt"));
    assert_eq!(found, 8);
    assert_eq!(left, 0);
    assert_eq!(
        fixed,
        "我们明天见。\nSee you tomorrow.\n他说 OK。\nHe said OK.\n这个词很长。\nThis word is long.\n\n好的。\nFine.\n"
    );
    let (found, fixed, _) = run("whitespace", "", &read("rules/whitespace.good.txt"));
    assert_eq!(found, 0);
    assert_eq!(fixed, read("rules/whitespace.good.txt"));
}

#[test]
fn cjk_latin_spacing_fixtures_in_both_styles() {
    let bad = read("rules/cjk-latin-spacing.bad.txt");
    let good = read("rules/cjk-latin-spacing.good.txt");
    let (found, fixed, left) = run("cjk-latin-spacing", "", &bad);
    assert_eq!(found, 2);
    assert_eq!(left, 0);
    assert!(fixed.starts_with("我们用 Rust 写了 3 个工具。\n"));
    assert!(fixed.contains("他在 NASA 工作。"));
    assert_eq!(run("cjk-latin-spacing", "", &good).0, 0);
    // The opposite house style turns the good file's spaced lines back.
    let (found, fixed, left) = run("cjk-latin-spacing", "style = \"no-space\"", &good);
    assert_eq!(found, 3);
    assert_eq!(left, 0);
    assert!(fixed.contains("刚完成A轮融资。"));
    assert!(fixed.starts_with("我们用Rust写了3个工具。\n"));
    assert!(fixed.contains("2024年3月5日，他跑了5km。"));
    assert!(fixed.contains("访问https://example.com吧。"));
    assert_eq!(run("cjk-latin-spacing", "style = \"no-space\"", &bad).0, 0);
}

#[test]
fn cjk_latin_spacing_is_off_by_default() {
    let s = Settings::default();
    let rules = s.active_rules().expect("rules");
    let r = translint::check_text(
        "t.txt",
        read("rules/cjk-latin-spacing.bad.txt"),
        &Default::default(),
        &s,
        &rules,
    );
    assert!(!r.diagnostics.iter().any(|d| d.rule == "cjk-latin-spacing"));
}

#[test]
fn overlapping_fixes_of_two_rules_settle_in_passes() {
    // halfwidth-punctuation absorbs the spaces after the comma; whitespace would collapse the
    // same run. The earlier-starting fix wins whole, the other is not applied half-way, and the
    // next pass finds nothing left.
    let s = Settings::default();
    let rules = s.active_rules().expect("rules");
    let text = "好,  走吧 。  \nGood,  let us go.\n";
    let o = fix_text(
        "t.txt",
        text.to_string(),
        &Default::default(),
        &s,
        &rules,
        FixMode::default(),
    );
    assert_eq!(o.fixed(), "好，走吧 。\nGood, let us go.\n");
    assert!(o.converged);
    assert!(o.passes <= 2, "{} passes", o.passes);
    let again = fix_text(
        "t.txt",
        o.fixed().to_string(),
        &Default::default(),
        &s,
        &rules,
        FixMode::default(),
    );
    assert!(again.applied.is_empty());
}

#[test]
fn a_decimal_point_written_as_a_full_stop_is_fixed_and_nothing_else() {
    let bad = read("rules/number-mismatch.bad.txt");
    let (found, fixed, left) = run("number-mismatch", "", &bad);
    assert_eq!(found, 8);
    // Only the decimal is fixable: the seven other differences are left for a person.
    assert_eq!(left, 7);
    assert_eq!(fixed, bad.replace("0。01", "0.01"));
    assert_ne!(fixed, bad);
    // A full stop between two numbers of two sentences is not touched.
    let good = read("rules/number-mismatch.good.txt");
    let (found, fixed, _) = run("number-mismatch", "", &good);
    assert_eq!((found, fixed), (0, good));
}

#[test]
fn a_misplaced_chinese_break_is_merged_into_one_pair() {
    let s = settings("split-sentence", "");
    let rules = s.active_rules().expect("rule");
    let text = read("rules/split-sentence-misplaced.bad.txt");
    let o = fix_text(
        "t.txt",
        text,
        &Default::default(),
        &s,
        &rules,
        FixMode { unsafe_fixes: true },
    );
    assert_eq!(
        o.fixed(),
        "我们先看一下今天的天气。\n\
         Let's look at today's weather first.\n\
         早上会下一点小雨，到了中午雨会停下来，下午天气转晴，气温也会慢慢升高，适合出门散步。\n\
         There will be a little rain in the morning, and it will stop by noon. In the afternoon \
         it will clear up and get warmer, so it is a good time for a walk.\n\
         晚上可能有风。\n\
         It may be windy in the evening.\n\
         周末我们打算去山里露营，顺便带孩子们好好看看夜空里的星星。\n\
         We plan a camping trip this weekend. We also want to show the children the stars.\n\
         别忘了带帐篷。\n\
         Don't forget the tent.\n"
    );
    assert!(
        o.report.diagnostics.is_empty(),
        "{:?}",
        o.report.diagnostics
    );
}

#[test]
fn spaces_at_a_json_fields_edges_are_removed_and_the_line_stays_json() {
    let s = settings("whitespace", "");
    let rules = s.active_rules().expect("rule");
    let o = fix_text(
        "t.jsonl",
        read("rules/whitespace-fields.bad.jsonl"),
        &Default::default(),
        &s,
        &rules,
        FixMode::default(),
    );
    let fixed = o.fixed();
    for line in fixed.lines() {
        let row: serde_json::Value = serde_json::from_str(line).expect("still JSON");
        for field in ["source", "target"] {
            let text = row[field].as_str().expect("a string");
            assert_eq!(text, text.trim(), "{line}");
        }
    }
    assert!(
        fixed.contains(r#""target": "我们天一亮就出发了。"}"#),
        "{fixed}"
    );
    assert!(o.report.diagnostics.is_empty());
}

/// `text` (an SRT file) with its stray cues deleted by the unsafe fix.
fn without_stray_cues(text: &str) -> String {
    let s = settings("stray-line", "");
    let rules = s.active_rules().expect("rule");
    let mode = FixMode { unsafe_fixes: true };
    let o = fix_text(
        "t.srt",
        text.to_string(),
        &Default::default(),
        &s,
        &rules,
        mode,
    );
    assert!(
        o.report.diagnostics.is_empty(),
        "{:?}",
        o.report.diagnostics
    );
    o.fixed().to_string()
}

#[test]
fn deleting_stray_cues_renumbers_the_cues_after_them() {
    // A header, an ad break in the middle and a footer: the cues left are numbered 1, 2, 3
    // again, and the file ends where the last dialogue cue did.
    assert_eq!(
        without_stray_cues(&read("fix/stray-cues.srt")),
        read("fix/stray-cues.fixed.srt")
    );
    // A byte-order mark before a deleted first cue stays.
    let with_bom = format!("\u{FEFF}{}", read("fix/stray-cues.srt"));
    assert_eq!(
        without_stray_cues(&with_bom),
        format!("\u{FEFF}{}", read("fix/stray-cues.fixed.srt"))
    );
}

#[test]
fn cue_numbers_out_of_sequence_are_kept_as_they_are() {
    // Numbered by tens (an editor's scheme): deleting a cue leaves the others' numbers alone.
    let text = "10\n00:00:01,000 --> 00:00:03,000\n广告\n\n20\n00:00:03,500 --> 00:00:06,000\n船马上就要开了。\nThe boat is about to leave.\n\n30\n00:00:06,500 --> 00:00:09,000\n快上来吧。\nCome aboard quickly.\n";
    assert_eq!(
        without_stray_cues(text),
        "20\n00:00:03,500 --> 00:00:06,000\n船马上就要开了。\nThe boat is about to leave.\n\n30\n00:00:06,500 --> 00:00:09,000\n快上来吧。\nCome aboard quickly.\n"
    );
}

#[test]
fn a_crossing_that_leaves_a_sentence_open_is_reported_without_a_swap() {
    // The line that would translate the long sentence ends on "，": it may hold one sentence's
    // translation and the start of the next, so swapping is not offered blindly.
    let text = read("rules/crossed-pair-mid-sentence.bad.txt");
    let s = settings("crossed-pair", "");
    let rules = s.active_rules().expect("rule");
    let report = translint::check_text("t.txt", text, &Default::default(), &s, &rules);
    let [d] = report.diagnostics.as_slice() else {
        panic!("one crossing expected: {:?}", report.diagnostics);
    };
    assert!(d.fix.is_none(), "{d:?}");
    assert!(
        d.help
            .as_deref()
            .is_some_and(|h| h.contains("mid-sentence")),
        "{d:?}"
    );
    // The same crossing with a full stop is offered the swap.
    let closed =
        read("rules/crossed-pair-mid-sentence.bad.txt").replace("都能兼顾，", "都能兼顾。");
    let report = translint::check_text("t.txt", closed, &Default::default(), &s, &rules);
    assert!(
        report.diagnostics.iter().any(|d| d.fix.is_some()),
        "{:?}",
        report.diagnostics
    );
}

#[test]
fn a_sentence_translated_on_its_first_line_is_merged_under_one_speaker_label() {
    let s = settings("split-sentence", "");
    let rules = s.active_rules().expect("rule");
    let mode = FixMode { unsafe_fixes: true };
    let text = read("rules/split-sentence-one-line.bad.txt");
    let o = fix_text("t.txt", text, &Default::default(), &s, &rules, mode);
    let fixed = o.fixed();
    assert!(
        fixed.contains(
            "Host: Today we talk about old trains and why so many people still spend hours riding them.\n主持人：今天聊聊老式火车"
        ),
        "{fixed}"
    );
    assert!(
        fixed.contains("rattle, but I love watching the countryside slowly go by.\n嘉宾：座位很硬"),
        "{fixed}"
    );
    assert!(!fixed.contains("Host: and"), "{fixed}");
    assert!(
        o.report.diagnostics.is_empty(),
        "{:?}",
        o.report.diagnostics
    );
}

#[test]
fn cue_numbers_at_the_top_of_the_range_are_renumbered_without_overflow() {
    let top = u64::MAX;
    let text = format!(
        "{}\n00:00:01,000 --> 00:00:03,000\n广告\n\n{}\n00:00:03,500 --> 00:00:06,000\n船马上就要开了。\nThe boat is about to leave.\n",
        top - 1,
        top
    );
    assert_eq!(
        without_stray_cues(&text),
        format!(
            "{}\n00:00:03,500 --> 00:00:06,000\n船马上就要开了。\nThe boat is about to leave.\n",
            top - 1
        )
    );
}
