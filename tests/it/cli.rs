//! The binary end to end: exit codes, the JSON contract, inputs and the rule docs.

use crate::common::{fixture, run, stderr, stdout};

#[test]
fn clean_file_exits_zero() {
    let o = run(&["check", &fixture("rules/missing-translation.good.txt")]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("Checked 1 file, 7 pairs: 0 errors, 0 warnings, 0 infos."));
}

#[test]
fn errors_exit_one_and_warnings_do_not() {
    let o = run(&["check", &fixture("rules/missing-translation.bad.txt")]);
    assert_eq!(o.status.code(), Some(1));
    let o = run(&["check", &fixture("rules/untranslated-fragment.bad.txt")]);
    assert_eq!(o.status.code(), Some(0), "warnings alone pass");
}

#[test]
fn max_warnings_turns_warnings_into_failure() {
    let f = fixture("rules/untranslated-fragment.bad.txt");
    assert_eq!(
        run(&["check", &f, "--max-warnings", "7"]).status.code(),
        Some(1)
    );
    assert_eq!(
        run(&["check", &f, "--max-warnings", "8"]).status.code(),
        Some(0)
    );
}

#[test]
fn unreadable_file_exits_two_and_others_are_still_checked() {
    let o = run(&[
        "check",
        "no/such/file.txt",
        &fixture("rules/missing-translation.bad.txt"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no/such/file.txt: cannot read"),
        "{}",
        stderr(&o)
    );
    assert!(
        stdout(&o).contains("missing-translation"),
        "the readable file is still reported"
    );
}

#[test]
fn invalid_utf8_names_offset_and_line() {
    let dir = std::env::temp_dir().join(format!("translint-utf8-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("bad.txt");
    let mut bytes = "你好。\nHello.\n".as_bytes().to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe, b'\n']);
    std::fs::write(&path, &bytes).expect("write");
    let o = run(&["check", path.to_str().expect("utf-8 path")]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("not valid UTF-8"), "{err}");
    assert!(err.contains("offset 17"), "{err}");
    assert!(err.contains(":3:"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unknown_rule_is_a_usage_error() {
    let o = run(&[
        "check",
        "--select",
        "no-such-rule",
        &fixture("demo/transcript.txt"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown rule `no-such-rule`"));
}

#[test]
fn a_standard_input_window_too_big_is_a_usage_error() {
    // 65,536 MiB was reserved up front and the allocator aborted the run.
    for (window, says) in [
        ("65536", "more than the largest window, 4096 MiB"),
        ("lots", "not a whole number of MiB"),
    ] {
        let o = run(&["check", "--stdin-window", window, "-"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains(says), "{}", stderr(&o));
    }
}

#[test]
fn an_output_that_cannot_be_written_names_its_path() {
    let missing = std::env::temp_dir().join(format!("translint-missing-{}", std::process::id()));
    let report = missing.join("report.json");
    let report = report.to_str().unwrap();
    let demo = fixture("demo/transcript.txt");
    for args in [
        vec!["check", "--output-file", report, &demo],
        vec!["check", "--write-baseline", report, &demo],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).contains(&format!("{report}: cannot write")),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn json_follows_the_contract() {
    let o = run(&[
        "check",
        "--format",
        "json",
        &fixture("rules/untranslated-fragment.bad.txt"),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v["version"], 1);
    let d = &v["diagnostics"][0];
    for key in [
        "rule",
        "severity",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "byte_start",
        "byte_end",
        "message",
        "help",
        "fix",
    ] {
        assert!(d.get(key).is_some(), "missing {key}");
    }
    assert_eq!(d["rule"], "untranslated-fragment");
    // "这个背包只装了 essentials。": the word starts at column 9 (scalar values), byte 22.
    assert_eq!(d["line"], 1);
    assert_eq!(d["column"], 9);
    assert_eq!(d["end_column"], 19);
    assert_eq!(d["byte_start"], 22);
    assert_eq!(d["byte_end"], 32);
    assert!(d["fix"].is_null());
    let s = &v["summary"];
    assert_eq!(s["files"], 1);
    assert_eq!(s["pairs"], 8);
    assert_eq!(s["warnings"], 8);
    assert_eq!(s["errors"], 0);
}

#[test]
fn json_fix_carries_edits() {
    let o = run(&[
        "check",
        "--format",
        "json",
        &fixture("rules/halfwidth-punctuation.bad.txt"),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    let fix = &v["diagnostics"][0]["fix"];
    assert_eq!(fix["applicability"], "safe");
    assert_eq!(fix["edits"].as_array().map(Vec::len), Some(4));
    assert_eq!(fix["edits"][0]["replacement"], "，");
}

/// Runs the binary with `input` on standard input, from `dir`.
fn run_with_stdin(args: &[&str], input: &str, dir: &std::path::Path) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_translint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    // A run that stops before reading (a usage error) closes the pipe: not the test's concern.
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes());
    child.wait_with_output().expect("wait")
}

#[test]
fn stdin_is_read_with_dash() {
    let o = run_with_stdin(
        &["check", "--format", "concise", "-"],
        "我们走吧。\nLet's go.\nWait.\n",
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("<stdin>:3:1: error[missing-translation]"),
        "{out}"
    );
    assert_eq!(o.status.code(), Some(1));
}

/// One bilingual cue whose Chinese line is over the line-length limit.
const LONG_CUE: &str = "1\n00:00:01,000 --> 00:00:04,000\n这一行中文字幕比规定的每行十六个字还要长一些。\nThis subtitle line is longer than the limit allows.\n\n";

#[test]
fn stdin_filename_names_the_input_and_picks_its_format_and_configuration() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("episodes")).unwrap();
    std::fs::write(
        dir.path().join("translint.toml"),
        "[per-file-ignores]\n\"episodes/*.srt\" = [\"line-length\"]\n",
    )
    .unwrap();
    // Read as the file it names: SRT by its extension (read as interleaved text, the
    // timing line would be a stray line), reported under that name.
    let o = run_with_stdin(
        &[
            "check",
            "--format",
            "concise",
            "--stdin-filename",
            "talk.srt",
        ],
        LONG_CUE,
        dir.path(),
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("talk.srt:3:1: warning[line-length]"), "{out}");
    assert!(
        !out.contains("<stdin>") && !out.contains("stray-line"),
        "{out}"
    );
    // The named file's `[per-file-ignores]` apply; `-` among the paths is the same input.
    let o = run_with_stdin(
        &[
            "check",
            "--format",
            "concise",
            "-",
            "--stdin-filename",
            "episodes/talk.srt",
        ],
        LONG_CUE,
        dir.path(),
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("episodes/talk.srt:3:1"), "{out}");
    assert!(!out.contains("line-length"), "{out}");
}

#[test]
fn stdin_filename_without_dash_among_paths_is_a_usage_error() {
    let o = run_with_stdin(
        &[
            "check",
            "--stdin-filename",
            "talk.srt",
            &fixture("demo/transcript.txt"),
        ],
        LONG_CUE,
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("`-` is not among the paths"), "{err}");
}

#[test]
fn directories_are_walked_for_txt() {
    let o = run(&["check", "--format", "concise", "--quiet", &fixture("rules")]);
    let out = stdout(&o);
    assert!(out.contains("missing-translation.bad.txt:3:1"), "{out}");
    assert!(out.contains("stray-line.bad.txt:1:1"), "{out}");
}

#[test]
fn rules_lists_every_rule() {
    let out = stdout(&run(&["rules"]));
    for r in translint::rules::RULES {
        assert!(
            out.contains(r.meta().name),
            "{} missing from `translint rules`",
            r.meta().name
        );
    }
    // One column for the severities, however long a name.
    let columns: Vec<usize> = out
        .lines()
        .map(|l| {
            l.find(" off ")
                .or_else(|| l.find(" error "))
                .or_else(|| l.find(" warning "))
                .or_else(|| l.find(" info "))
                .unwrap_or(0)
        })
        .collect();
    assert!(columns.windows(2).all(|w| w[0] == w[1]), "{out}");
}

#[test]
fn explain_prints_the_rule_doc() {
    let o = run(&["explain", "untranslated-fragment"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.starts_with("untranslated-fragment\n"));
    assert!(out.contains("What it catches"));
    assert!(out.contains("Bad\n---"));
    assert!(out.contains("essentials"));
    let o = run(&["explain", "nope"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn no_color_when_not_a_terminal() {
    let o = run(&["check", &fixture("demo/transcript.txt")]);
    assert!(!stdout(&o).contains('\u{1b}'), "no ANSI escapes when piped");
    let o = run(&[
        "check",
        "--color",
        "always",
        &fixture("demo/transcript.txt"),
    ]);
    assert!(
        stdout(&o).contains('\u{1b}'),
        "--color always forces colour"
    );
}

#[test]
fn align_shows_the_crossing_and_its_repair() {
    let o = run(&["align", &fixture("rules/crossed-pair.bad.txt")]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("4 pairs; length model"), "{out}");
    assert!(
        out.contains("swap at lines 3–5 (pairs 2–3): swap the translations of pairs 2 and 3"),
        "{out}"
    );
    assert!(out.contains("confirmed by anchors"), "{out}");
    // Every pair listed, and only the two the crossing covers marked.
    let all = stdout(&run(&[
        "align",
        "--all",
        &fixture("rules/crossed-pair.bad.txt"),
    ]));
    let marked: Vec<&str> = all
        .lines()
        .filter(|l| l.contains(" ! "))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(marked, ["2", "3"], "{all}");
    let o = run(&[
        "align",
        "--format",
        "json",
        &fixture("rules/crossed-pair.bad.txt"),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v["pairs"], 4);
    assert_eq!(v["regions"][0]["kind"], "swap");
    assert_eq!(v["rows"].as_array().map(Vec::len), Some(4));
}

#[test]
fn align_on_a_clean_file_finds_nothing() {
    let out = stdout(&run(&["align", &fixture("rules/crossed-pair.good.txt")]));
    assert!(out.contains("no suspect regions"), "{out}");
}

#[test]
fn a_folder_with_nothing_to_check_is_a_warning() {
    let dir = tempfile::Builder::new().prefix("empty").tempdir().unwrap();
    let path = dir.path().to_string_lossy().to_string();
    let o = run(&["check", &path]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains(&format!("warning: no files to check in {path}")),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_file_named_twice_is_checked_once() {
    let file = fixture("demo/transcript.txt");
    let dotted = file.replace("fixtures/demo/", "fixtures/demo/./");
    let o = run(&["check", "--format", "concise", &file, &dotted]);
    assert!(
        stdout(&o).contains("Checked 1 file, 20 pairs"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn rule_names_on_the_command_line_are_forgiving_and_helpful() {
    let file = fixture("demo/transcript.txt");
    let o = run(&["check", &file, "--ignore", "halfwidth-punctuaton"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(
            "unknown rule `halfwidth-punctuaton` (did you mean `halfwidth-punctuation`?)"
        ),
        "{}",
        stderr(&o)
    );
    let o = run(&["explain", "stray-lines"]);
    assert!(
        stderr(&o).contains("did you mean `stray-line`?"),
        "{}",
        stderr(&o)
    );
    // A trailing comma adds no name, and `all` is `ALL`.
    let all = |select: &str| {
        stdout(&run(&[
            "check", "--format", "concise", &file, "--select", select,
        ]))
    };
    assert_eq!(all("all,"), all("ALL"));
    assert_eq!(
        stdout(&run(&[
            "check",
            "--format",
            "concise",
            &file,
            "--select",
            "whitespace,"
        ])),
        stdout(&run(&[
            "check",
            "--format",
            "concise",
            &file,
            "--select",
            "whitespace"
        ]))
    );
}

#[test]
fn a_one_language_file_checked_alone_names_its_sibling() {
    let o = run(&["check", &fixture("demo/hike.en.srt")]);
    // Written last, after the report, where a reader of "no translation" errors looks.
    assert!(
        stderr(&o).trim_end().ends_with(&format!(
            "note: {} looks like the other language of {}; give both paths to check them as a pair",
            fixture("demo/hike.zh.srt"),
            fixture("demo/hike.en.srt")
        )),
        "{}",
        stderr(&o)
    );
    let o = run(&[
        "check",
        &fixture("demo/hike.en.srt"),
        &fixture("demo/hike.zh.srt"),
    ]);
    assert!(!stderr(&o).contains("note:"), "{}", stderr(&o));
}

#[test]
fn rdjson_suggests_only_safe_fixes() {
    let o = run(&[
        "check",
        "--format",
        "rdjson",
        &fixture("demo/transcript.txt"),
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("rdjson is JSON");
    let diagnostics = v["diagnostics"].as_array().expect("a list");
    let has = |rule: &str| {
        diagnostics
            .iter()
            .filter(|d| d["code"]["value"] == rule)
            .map(|d| d.get("suggestions").is_some())
            .collect::<Vec<_>>()
    };
    // Full-width punctuation is a safe fix; deleting a stray line is not.
    assert!(has("halfwidth-punctuation").iter().all(|&s| s));
    assert!(!has("stray-line").is_empty());
    assert!(has("stray-line").iter().all(|&s| !s));
}
