//! Configuration discovery, rule packs, CI output formats and baselines, end to end through the
//! built binary on temporary repositories this test writes.

use std::path::Path;
use std::process::{Command, Output};

fn translint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_translint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run translint")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/config")
            .join(name),
    )
    .unwrap()
}

/// A pair with a half-width comma in the Chinese and one with an untranslated word.
const TWO_FINDINGS: &str = "我们今天聊面包,很好吃。\nToday we talk about bread, it is tasty.\n它只保留了 essentials。\nIt keeps only the essentials.\n";

/// The sample repository: two configs with different settings, a .gitignore, an excluded
/// folder and per-file ignores.
fn sample_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, ".gitignore", "ignored/\n");
    write(
        root,
        "translint.toml",
        "exclude = [\"drafts/**\", \"vendor\"]\n\
         [severity]\nuntranslated-fragment = \"error\"\n\
         [per-file-ignores]\n\"notes/*.txt\" = [\"halfwidth-punctuation\"]\n",
    );
    write(root, "a.txt", TWO_FINDINGS);
    write(root, "notes/n.txt", TWO_FINDINGS);
    write(root, "drafts/d.txt", TWO_FINDINGS);
    write(root, "vendor/deep/v.txt", TWO_FINDINGS);
    write(root, "ignored/i.txt", TWO_FINDINGS);
    write(
        root,
        "sub/translint.toml",
        "select = [\"halfwidth-punctuation\"]\nallow = [\"essentials\"]\n[severity]\nhalfwidth-punctuation = \"info\"\n",
    );
    write(root, "sub/deep/b.txt", TWO_FINDINGS);
    dir
}

#[test]
fn each_file_gets_its_closest_config() {
    let dir = sample_repo();
    let o = translint(
        dir.path(),
        &["check", ".", "--format", "concise", "--quiet"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "./a.txt:1:8: warning[halfwidth-punctuation] ASCII `,` in Chinese text; use full-width `，`\n\
         ./a.txt:3:7: error[untranslated-fragment] English word `essentials` left untranslated in the Chinese text\n\
         ./notes/n.txt:3:7: error[untranslated-fragment] English word `essentials` left untranslated in the Chinese text\n\
         ./sub/deep/b.txt:1:8: info[halfwidth-punctuation] ASCII `,` in Chinese text; use full-width `，`\n"
    );
    // An explicitly named file is checked even when excluded; --no-config drops every setting.
    let o = translint(
        dir.path(),
        &["check", "drafts/d.txt", "--format", "concise", "--quiet"],
    );
    assert_eq!(stdout(&o).lines().count(), 2);
    let o = translint(
        dir.path(),
        &[
            "check",
            "drafts/d.txt",
            "--force-exclude",
            "--format",
            "concise",
            "--quiet",
        ],
    );
    assert_eq!(stdout(&o), "");
    let o = translint(
        dir.path(),
        &[
            "check",
            "sub",
            "--no-config",
            "--format",
            "concise",
            "--quiet",
        ],
    );
    assert_eq!(
        stdout(&o),
        "sub/deep/b.txt:1:8: warning[halfwidth-punctuation] ASCII `,` in Chinese text; use full-width `，`\n\
         sub/deep/b.txt:3:7: warning[untranslated-fragment] English word `essentials` left untranslated in the Chinese text\n"
    );
    // --config PATH applies one file everywhere; KEY=VALUE overrides on top.
    let o = translint(
        dir.path(),
        &[
            "check",
            "a.txt",
            "--config",
            "sub/translint.toml",
            "--config",
            "severity.halfwidth-punctuation = \"error\"",
            "--format",
            "concise",
            "--quiet",
        ],
    );
    assert_eq!(
        stdout(&o),
        "a.txt:1:8: error[halfwidth-punctuation] ASCII `,` in Chinese text; use full-width `，`\n"
    );
}

#[test]
fn baseline_hides_recorded_findings_and_counts_stale_ones() {
    let dir = sample_repo();
    let root = dir.path();
    let o = translint(
        root,
        &[
            "check",
            ".",
            "--write-baseline",
            "base.json",
            "--format",
            "concise",
            "--quiet",
        ],
    );
    assert!(stderr(&o).contains("wrote 4 finding(s)"), "{}", stderr(&o));
    // Edits elsewhere (a new clean pair on top) keep the old findings hidden; a new finding shows.
    write(
        root,
        "a.txt",
        &format!(
            "开场白。\nThe opening.\n{TWO_FINDINGS}新的一行,有问题。\nA new line, with a problem.\n"
        ),
    );
    // One old finding disappears: its baseline entry becomes stale.
    write(
        root,
        "sub/deep/b.txt",
        "我们今天聊面包，很好吃。\nToday we talk about bread, it is tasty.\n",
    );
    let o = translint(
        root,
        &[
            "check",
            ".",
            "--baseline",
            "base.json",
            "--format",
            "concise",
            "--quiet",
        ],
    );
    assert_eq!(
        stdout(&o),
        "./a.txt:7:5: warning[halfwidth-punctuation] ASCII `,` in Chinese text; use full-width `，`\n"
    );
    assert!(
        stderr(&o).contains("3 finding(s) hidden, 1 stale entry"),
        "{}",
        stderr(&o)
    );
    let o = translint(
        root,
        &[
            "check",
            ".",
            "--baseline",
            "base.json",
            "--prune-baseline",
            "--quiet",
        ],
    );
    assert!(
        stderr(&o).contains("pruned 1 stale entry"),
        "{}",
        stderr(&o)
    );
    let o = translint(
        root,
        &[
            "check",
            ".",
            "--baseline",
            "base.json",
            "--format",
            "concise",
        ],
    );
    assert!(
        stderr(&o).contains("3 finding(s) hidden, 0 stale entries"),
        "{}",
        stderr(&o)
    );
    let text = std::fs::read_to_string(root.join("base.json")).unwrap();
    assert!(!text.contains("sub/deep/b.txt"));
    assert!(!text.contains("\"line\""), "baseline must not key on lines");
}

#[test]
fn config_errors_name_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a.txt", TWO_FINDINGS);
    write(
        root,
        "translint.toml",
        "allow = []\n\n[rules.duplicated-untranslated-line]\nmin-similarity = 0.8\nmax-similarity = 1\n",
    );
    let o = translint(root, &["check", "a.txt"]);
    assert_eq!(o.status.code(), Some(2));
    let want = format!(
        "error: {}:5: `rules.duplicated-untranslated-line`: unknown option `max-similarity` (options: min-similarity)\n",
        root.join("translint.toml").display()
    );
    assert_eq!(stderr(&o), want);
    write(
        root,
        "translint.toml",
        "select = [\"ALL\"]\nignroe = [\"stray-line\"]\n",
    );
    let o = translint(root, &["check", "a.txt"]);
    assert!(
        stderr(&o).contains("translint.toml:2: unknown field `ignroe`"),
        "{}",
        stderr(&o)
    );
    write(root, "translint.toml", "[language]\nsource = \"fr\"\n");
    let o = translint(root, &["check", "a.txt"]);
    assert!(
        stderr(&o).contains("translint.toml:2: `language.source` = \"fr\" is not supported"),
        "{}",
        stderr(&o)
    );
    let o = translint(
        root,
        &[
            "check",
            "a.txt",
            "--no-config",
            "--config",
            "rules.stray-line.x = 1",
        ],
    );
    assert_eq!(
        stderr(&o),
        "error: --config 'rules.stray-line.x = 1': `rules.stray-line`: unknown option `x` (this rule has no options)\n"
    );
}

#[test]
fn glossary_pack_fires_fixes_and_explains() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let pack = fixture("glossary-pack.toml");
    write(root, "house-rules/glossary.toml", &pack);
    write(
        root,
        "translint.toml",
        "rule-dirs = [\"house-rules\"]\nselect = [\"house-glossary-attention\"]\n",
    );
    let text = "我们先介绍背景。\nFirst we introduce the background.\n它用了关注机制。\nIt uses an attention mechanism.\n";
    write(root, "t.txt", text);
    let o = translint(root, &["check", "t.txt", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let d = &v["diagnostics"][0];
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 1);
    assert_eq!(d["rule"], "house-glossary-attention");
    assert_eq!(
        d["message"],
        "`attention mechanism` is 注意力机制 in our glossary, not `关注机制`"
    );
    let edit = &d["fix"]["edits"][0];
    let s = edit["byte_start"].as_u64().unwrap() as usize;
    let e = edit["byte_end"].as_u64().unwrap() as usize;
    assert_eq!(&text[s..e], "关注机制");
    let fixed = format!(
        "{}{}{}",
        &text[..s],
        edit["replacement"].as_str().unwrap(),
        &text[e..]
    );
    assert_eq!(fixed, text.replace("关注机制", "注意力机制"));
    // `explain` and `rules` see the pack through the folder's config.
    let o = translint(root, &["explain", "house-glossary-attention"]);
    assert!(
        stdout(&o).contains("Translate \"attention mechanism\" as 注意力机制."),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("这个模型依靠关注机制。"));
    let o = translint(root, &["rules"]);
    assert!(stdout(&o).contains("house-glossary-attention"));
    // A pack whose `bad` example no longer fires refuses to load, naming the file and line.
    write(
        root,
        "house-rules/glossary.toml",
        &pack.replace("这个模型依靠关注机制", "这个模型依靠某种机制"),
    );
    let o = translint(root, &["check", "t.txt"]);
    assert!(
        stderr(&o).contains(
            "glossary.toml:2: rule `house-glossary-attention`: its `bad` example does not fire"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn github_lines_are_well_formed_and_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "p/g.toml", &fixture("glossary-pack.toml"));
    write(root, "translint.toml", "rule-dirs = [\"p\"]\n");
    write(
        root,
        "a,b:c.txt",
        "𠮷野家大甩卖,快去。\nYoshinoya has a big sale, go now.\n",
    );
    let o = translint(root, &["check", "a,b:c.txt", "--format", "github"]);
    let out = stdout(&o);
    assert_eq!(
        out,
        "::notice file=a%2Cb%3Ac.txt,line=1,col=4,endLine=1,endColumn=7,title=translint (house-banned-percent)::50%25 off: banned,%0Areally\n\
         ::warning file=a%2Cb%3Ac.txt,line=1,col=7,endLine=1,endColumn=8,title=translint (halfwidth-punctuation)::ASCII `,` in Chinese text; use full-width `，`\n"
    );
    let re = regex::Regex::new(
        r"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^,:]+::[^\r\n]*$",
    )
    .unwrap();
    assert!(out.lines().all(|l| re.is_match(l)));
}

#[test]
fn columns_are_right_after_non_bmp_characters() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // 𠮷 is 4 bytes (a surrogate pair in UTF-16); each of the next five Han characters 3 bytes.
    write(
        root,
        "b.txt",
        "𠮷野家很好吃,我们去吧。\nYoshinoya is tasty, let us go.\n",
    );
    let o = translint(root, &["check", "b.txt", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let d = &v["diagnostics"][0];
    assert_eq!(
        (
            d["line"].as_u64(),
            d["column"].as_u64(),
            d["end_column"].as_u64()
        ),
        (Some(1), Some(7), Some(8))
    );
    assert_eq!(
        (d["byte_start"].as_u64(), d["byte_end"].as_u64()),
        (Some(19), Some(20))
    );
    let o = translint(root, &["check", "b.txt", "--format", "rdjson"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"]["value"], "halfwidth-punctuation");
    assert_eq!(d["severity"], "WARNING");
    let range = &d["location"]["range"];
    assert_eq!(
        (
            range["start"]["line"].as_u64(),
            range["start"]["column"].as_u64()
        ),
        (Some(1), Some(20))
    );
    assert_eq!(
        (
            range["end"]["line"].as_u64(),
            range["end"]["column"].as_u64()
        ),
        (Some(1), Some(21))
    );
    assert_eq!(d["suggestions"][0]["text"], "，");
    let o = translint(root, &["check", "b.txt", "--format", "sarif"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let region = &v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startColumn"].as_u64(), region["endColumn"].as_u64()),
        (Some(7), Some(8))
    );
}

/// The schema lives in the workplace's shared folder, beside the repository in CI.
fn sarif_schema() -> Option<serde_json::Value> {
    let candidates = [
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/sarif-schema-2.1.0.json"),
        Path::new("/work/shared/schemas/sarif-schema-2.1.0.json").to_path_buf(),
    ];
    let text = candidates
        .iter()
        .find_map(|p| std::fs::read_to_string(p).ok())?;
    serde_json::from_str(&text).ok()
}

#[test]
fn sarif_on_the_real_sample_validates() {
    let sample = Path::new("/work/shared/samples/000_27576f02312f1d68.txt");
    let Some(schema) = sarif_schema().filter(|_| sample.exists()) else {
        eprintln!("SARIF schema or sample transcript not present; skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let o = translint(
        dir.path(),
        &[
            "check",
            sample.to_str().unwrap(),
            "--format",
            "sarif",
            "--output-file",
            "out.sarif",
        ],
    );
    assert!(o.stdout.is_empty());
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.sarif")).unwrap())
            .unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("compile the SARIF schema");
    let errors: Vec<String> = validator
        .iter_errors(&v)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let run = &v["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert!(!run["results"].as_array().unwrap().is_empty());
    for r in run["results"].as_array().unwrap() {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(run["tool"]["driver"]["rules"][i]["id"], r["ruleId"]);
    }
    // A deliberately broken log fails, so the validation above can fail.
    let mut broken = v.clone();
    broken["runs"][0]["columnKind"] = "bytes".into();
    assert!(!validator.is_valid(&broken));
}

/// A CI job that reads only the report must not take a run that skipped a file for a clean one:
/// every machine-readable format lists the inputs it could not read, beside the others' findings.
#[test]
fn machine_reports_list_the_inputs_that_could_not_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "ok.txt",
        "他说好的,马上来。\nHe said fine, coming right away.\n",
    );
    std::fs::write(
        root.join("bad.txt"),
        b"\xe4\xbd\xa0\xe5\xa5\xbd\xe3\x80\x82\nHel\xfflo.\n",
    )
    .unwrap();
    let run = |format: &str| {
        let o = translint(
            root,
            &[
                "check",
                "ok.txt",
                "bad.txt",
                "--no-config",
                "--format",
                format,
            ],
        );
        assert_eq!(o.status.code(), Some(2), "{format}: {}", stderr(&o));
        stdout(&o)
    };
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(json["diagnostics"][0]["path"], "ok.txt");
    assert_eq!(
        json["unreadable"],
        serde_json::json!([{"path": "bad.txt", "line": 2,
            "message": "bad.txt:2: not valid UTF-8 (first invalid byte at offset 13); convert the file to UTF-8"}])
    );
    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).unwrap();
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let note = &invocation["toolExecutionNotifications"][0];
    assert_eq!(note["level"], "error");
    let place = &note["locations"][0]["physicalLocation"];
    assert_eq!(place["artifactLocation"]["uri"], "bad.txt");
    assert_eq!(place["region"]["startLine"], 2);
    if let Some(schema) = sarif_schema() {
        let validator = jsonschema::options().build(&schema).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
    }
    let junit = run("junit");
    assert!(
        junit.contains(r#"<testsuites name="translint" tests="2" failures="1" errors="1">"#),
        "{junit}"
    );
    assert!(
        junit.contains(r#"<testsuite name="bad.txt" tests="1" failures="0" errors="1">"#),
        "{junit}"
    );
    assert!(
        junit.contains(r#"<error message="bad.txt:2: not valid UTF-8"#),
        "{junit}"
    );
    let github = run("github");
    assert!(github.contains("::error file=bad.txt,line=2,title=translint (unreadable input)::bad.txt:2: not valid UTF-8"), "{github}");
    let rdjson: serde_json::Value = serde_json::from_str(&run("rdjson")).unwrap();
    let last = rdjson["diagnostics"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["location"]["path"], "bad.txt");
    assert_eq!(last["severity"], "ERROR");
    // A clean run says so: an empty list, a successful invocation.
    let o = translint(
        root,
        &["check", "ok.txt", "--no-config", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["unreadable"], serde_json::json!([]));
    let o = translint(
        root,
        &["check", "ok.txt", "--no-config", "--format", "sarif"],
    );
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        sarif["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
    // Standard input streamed as GitHub annotations gets its annotation too.
    let o = Command::new(env!("CARGO_BIN_EXE_translint"))
        .current_dir(root)
        .args(["check", "-", "--no-config", "--format", "github"])
        .stdin(std::fs::File::open(root.join("bad.txt")).unwrap())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).starts_with("::error file=<stdin>,line=2,"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn statistics_junit_init_and_completions() {
    let dir = sample_repo();
    let root = dir.path();
    let o = translint(root, &["check", ".", "--statistics", "--no-config"]);
    assert_eq!(
        stdout(&o),
        "5\thalfwidth-punctuation\n5\tuntranslated-fragment\n"
    );
    let o = translint(
        root,
        &[
            "check",
            ".",
            "--statistics",
            "--format",
            "json",
            "--no-config",
        ],
    );
    let counts: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        counts,
        serde_json::json!([
            {"rule": "halfwidth-punctuation", "count": 5},
            {"rule": "untranslated-fragment", "count": 5}
        ])
    );
    let o = translint(root, &["check", ".", "--format", "junit", "--no-config"]);
    let xml = stdout(&o);
    assert!(
        xml.contains(r#"<testsuites name="translint" tests="10" failures="10" errors="0">"#),
        "{xml}"
    );
    assert_eq!(xml.matches("<failure ").count(), 10);
    let fresh = tempfile::tempdir().unwrap();
    let o = translint(fresh.path(), &["init"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = translint(fresh.path(), &["init"]);
    assert_eq!(o.status.code(), Some(2));
    write(fresh.path(), "a.txt", TWO_FINDINGS);
    let o = translint(
        fresh.path(),
        &["check", "a.txt", "--format", "concise", "--quiet"],
    );
    assert_eq!(stdout(&o).lines().count(), 2, "{}", stderr(&o));
    let o = translint(fresh.path(), &["completions", "bash"]);
    assert!(stdout(&o).contains("--write-baseline"));
}

#[test]
fn junit_has_a_suite_per_file_and_infos_pass() {
    use crate::common::run;
    let o = run(&[
        "check",
        "--no-config",
        "fixtures/demo/hike.en.srt",
        "fixtures/demo/hike.zh.srt",
        "--format",
        "junit",
    ]);
    let xml = stdout(&o);
    for file in ["hike.en.srt", "hike.zh.srt"] {
        assert_eq!(
            xml.matches(&format!(r#"<testsuite name="fixtures/demo/{file}""#))
                .count(),
            1,
            "{xml}"
        );
    }
    // Each suite holds only its own file's findings.
    let zh_suite = xml
        .split(r#"<testsuite name="fixtures/demo/hike.zh.srt""#)
        .nth(1)
        .and_then(|s| s.split("</testsuite>").next())
        .unwrap_or_default();
    assert!(!zh_suite.contains("hike.en.srt"), "{zh_suite}");
    // An info is a passing case with its text as output, not a failure.
    assert!(
        xml.contains("<system-out>fixtures/demo/hike.en.srt:18:1: info[cue-gap]"),
        "{xml}"
    );
    assert!(!xml.contains(r#"type="info""#), "{xml}");
}

#[test]
fn ci_format_snapshots() {
    use crate::common::run;
    let file = "fixtures/config/ci-sample.txt";
    for (format, name) in [
        ("github", "ci_github"),
        ("junit", "ci_junit"),
        ("rdjson", "ci_rdjson"),
    ] {
        let o = run(&["check", "--no-config", file, "--format", format]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        insta::assert_snapshot!(name, stdout(&o));
    }
}

#[test]
fn an_unreadable_file_in_a_walk_is_reported_and_the_rest_checked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a.txt", TWO_FINDINGS);
    std::fs::write(root.join("b.txt"), b"\xff\xfe not utf-8\n").unwrap();
    write(root, "c.txt", TWO_FINDINGS);
    let o = translint(
        root,
        &[
            "check",
            ".",
            "--no-config",
            "--format",
            "concise",
            "--quiet",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o).lines().count(), 4, "{}", stdout(&o));
    assert!(
        stderr(&o).contains("b.txt:1: not valid UTF-8"),
        "{}",
        stderr(&o)
    );
}
