//! Hostile inputs: each gives a clear diagnostic or error, in bounded time, through the binary.
//! Big inputs are generated here at run time (never committed); the 50 MB single line is scaled
//! down in debug builds and runs at full size with `cargo test --release -- --ignored`.

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Run `translint check` on `bytes` written to a temporary file; returns output and elapsed time.
fn check_bytes(name: &str, bytes: &[u8], extra: &[&str]) -> (Output, Duration) {
    let path = temp_file(name, bytes);
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_translint"))
        .arg("check")
        .arg(&path)
        .args(["--format", "json-lines"])
        .args(extra)
        .output()
        .unwrap();
    let elapsed = start.elapsed();
    let _ = std::fs::remove_file(&path);
    (out, elapsed)
}

/// `bytes` written to a file named `name` in this run's temporary folder.
fn temp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("translint-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn rules(out: &Output) -> Vec<String> {
    stdout(out)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["rule"].as_str().map(str::to_string))
        .collect()
}

/// One long line of Chinese with ASCII commas and English words: no partner, many marks.
fn long_line(bytes: usize) -> Vec<u8> {
    let unit = "我们出发吧,essentials 天快黑了,";
    let mut s = String::with_capacity(bytes + unit.len());
    while s.len() < bytes {
        s.push_str(unit);
    }
    s.push_str("。\n");
    s.into_bytes()
}

fn assert_long_line(bytes: usize, limit: Duration) {
    let (out, elapsed) = check_bytes("long.txt", &long_line(bytes), &[]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = rules(&out);
    assert!(r.contains(&"missing-translation".to_string()), "{r:?}");
    assert!(r.contains(&"halfwidth-punctuation".to_string()), "{r:?}");
    assert!(r.contains(&"untranslated-fragment".to_string()), "{r:?}");
    assert!(
        elapsed < limit,
        "{bytes} bytes on one line took {elapsed:?}"
    );
}

#[test]
fn long_single_line_is_linear() {
    // 2 MB in debug builds (each rule is linear in the line, so this catches quadratic work).
    assert_long_line(2 << 20, Duration::from_secs(60));
}

#[test]
fn a_long_tsv_row_without_a_tab_is_linear() {
    // 2 MB of English words with single spaces and no tab, then two spaces and Chinese: the row
    // is read as its two columns; its spaces are looked at once each (reading the row's start
    // again at every space made this quadratic).
    let mut row = "word ".repeat(400_000);
    row.push_str(" 中文。\n");
    let (out, elapsed) = check_bytes("long.tsv", row.as_bytes(), &[]);
    assert!(
        rules(&out).contains(&"table-syntax".to_string()),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(elapsed < Duration::from_secs(60), "took {elapsed:?}");
}

#[test]
#[ignore = "50 MB: run with `cargo test --release --test hostile -- --ignored`"]
fn fifty_megabyte_single_line() {
    assert_long_line(50 << 20, Duration::from_secs(60));
}

#[test]
fn every_rule_on_a_long_mixed_line_is_linear() {
    // Rules that are off by default run too (`--select ALL`): `cjk-latin-spacing` counted the
    // backticks before each Han–Latin boundary again at every boundary, quadratic in the line
    // (400 KB took 2.8 s in a release build).
    let unit = "中a用Rust写`x`的3个工具 see www.example.com 和2024年";
    let mut line = String::new();
    while line.len() < 1 << 20 {
        line.push_str(unit);
    }
    let text = format!("{line}。\nMiddle a tool.\n");
    let (out, elapsed) = check_bytes("mixed.txt", text.as_bytes(), &["--select", "ALL"]);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        rules(&out).contains(&"cjk-latin-spacing".to_string()),
        "{:?}",
        rules(&out)
    );
    assert!(elapsed < Duration::from_secs(60), "{elapsed:?}");
}

/// `n` different words of letters only ("wba", "wbb", …).
fn distinct_words(n: usize) -> Vec<String> {
    (0..n)
        .map(|mut i| {
            let mut w = String::from("w");
            loop {
                w.push(char::from(b'a' + (i % 26) as u8));
                i /= 26;
                if i == 0 {
                    break w;
                }
            }
        })
        .collect()
}

#[test]
fn a_pair_of_many_different_words_is_linear() {
    // Each word of the Chinese is looked up among the English words: once per word with a scan
    // of the English, that was quadratic (100,000 words took minutes in a release build).
    let words = distinct_words(20_000);
    let plain = words.join(" ");
    let hyphenated: Vec<String> = words.iter().map(|w| format!("{w}-x{w}")).collect();
    let text = format!(
        "我们说 {}，还有 {}。\nWe say \"{plain}\" and {}.\n",
        words.join("，说 "),
        hyphenated.join("，说 "),
        hyphenated.join(" ")
    );
    let (out, elapsed) = check_bytes("words.txt", text.as_bytes(), &[]);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(elapsed < Duration::from_secs(30), "{elapsed:?}");
}

#[test]
fn a_million_empty_lines() {
    let (out, elapsed) = check_bytes("empty.txt", &vec![b'\n'; 1_000_000], &[]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).is_empty());
    assert!(elapsed < Duration::from_secs(30), "{elapsed:?}");
}

#[test]
fn nul_bytes_are_text_not_an_error() {
    let text = "我们出发吧。\0\nLet's\0 head out.\n\0\0\0\n天快黑了。\nIt's getting dark.\n";
    let (out, _) = check_bytes("nul.txt", text.as_bytes(), &[]);
    assert!(matches!(out.status.code(), Some(0 | 1)));
    // The NUL-only line has no partner; everything else pairs.
    assert_eq!(rules(&out), ["missing-translation"]);
}

#[test]
fn binary_data_is_a_clear_error() {
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    let (out, _) = check_bytes("blob.txt", &bytes, &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not valid UTF-8"), "{err}");
    assert!(err.contains("offset"), "{err}");
}

#[test]
fn invalid_utf8_in_the_middle_names_offset_and_line() {
    let mut bytes = "我们出发吧。\nLet's head out.\n".as_bytes().to_vec();
    let offset = bytes.len();
    bytes.extend_from_slice(b"\xff\xfe bad\n");
    bytes.extend_from_slice("天快黑了。\nIt's getting dark.\n".as_bytes());
    let (out, _) = check_bytes("bad.txt", &bytes, &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("offset {offset}")), "{err}");
    assert!(err.contains("bad.txt:3:"), "{err}");
}

#[test]
fn a_big_file_is_checked_alike_mapped_and_read() {
    // Over the 8 MiB from which `check` maps a file, with findings all through it.
    let mut text = numbered_pairs(0, 120_000);
    text.push_str("我们出发吧,essentials。\nLet's head out.\n");
    assert!(text.len() > 8 << 20);
    let (mapped, _) = check_bytes("big-mapped.txt", text.as_bytes(), &[]);
    let (read, _) = check_bytes("big-mapped.txt", text.as_bytes(), &["--no-mmap"]);
    // Warnings only: exit code 0 either way.
    assert_eq!(mapped.status.code(), Some(0));
    assert_eq!(read.status.code(), Some(0));
    assert!(rules(&mapped).contains(&"untranslated-fragment".to_string()));
    assert_eq!(stdout(&mapped), stdout(&read));
    // Invalid UTF-8 near the end of a mapped-size file: the read's error, offset and line.
    let mut bytes = text.into_bytes();
    let at = bytes.len() - 5;
    bytes[at] = 0xFF;
    let (out, _) = check_bytes("big-bad.txt", &bytes, &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("offset {at}")), "{err}");
    assert!(err.contains("big-bad.txt:240002:"), "{err}");
}

#[test]
#[cfg(target_os = "linux")]
fn a_mapped_file_truncated_mid_run_is_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("translint-shrink-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("shrinks.txt");
    std::fs::write(&path, numbered_pairs(0, 250_000)).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_translint"))
        .arg("check")
        .arg(&path)
        .args(["--format", "json-lines"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Truncated as soon as the run has mapped it (its memory map lists the file).
    let maps = format!("/proc/{}/maps", child.id());
    let name = path.to_str().unwrap();
    let start = Instant::now();
    while !std::fs::read_to_string(&maps).is_ok_and(|m| m.contains(name)) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the file was never mapped"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(1000)
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let _ = std::fs::remove_file(&path);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("shrank while it was being checked"), "{err}");
    assert!(err.contains("--no-mmap"), "{err}");
}

#[test]
fn mixed_line_ends_pair_and_count_lines() {
    let text = "我们出发吧。\r\nLet's head out.\r天快黑了,对吧\nIt's getting dark, right?\r\n";
    let (out, _) = check_bytes("eol.txt", text.as_bytes(), &[]);
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["rule"], "halfwidth-punctuation");
    assert_eq!(lines[0]["line"], 3);
    assert_eq!(lines[0]["column"], 5);
}

#[test]
fn combining_marks_and_zwj_emoji_count_as_scalar_values() {
    let text = "我们用 essentials 做 Cafe\u{301} 👩\u{200D}💻,好吗?\nWe use the essentials for Café coding, okay?\n";
    let (out, _) = check_bytes("marks.txt", text.as_bytes(), &[]);
    let diags: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let frag = diags
        .iter()
        .find(|d| d["rule"] == "untranslated-fragment")
        .expect("fragment found");
    assert_eq!(frag["column"], 5);
    assert_eq!(frag["byte_start"], text.find("essentials").unwrap());
    let comma = diags
        .iter()
        .find(|d| d["rule"] == "halfwidth-punctuation")
        .expect("comma found");
    let at = text.find(',').unwrap();
    assert_eq!(comma["byte_start"], at);
    assert_eq!(comma["column"], text[..at].chars().count() + 1);
}

#[test]
fn right_to_left_text_is_checked_without_panic() {
    let text = "مرحبا بالعالم\nשלום עולם\n我们出发吧。\nLet's head out.\n";
    let (out, _) = check_bytes("rtl.txt", text.as_bytes(), &[]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    for line in stdout(&out).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let start = v["byte_start"].as_u64().unwrap() as usize;
        assert!(text.is_char_boundary(start));
    }
}

#[test]
fn a_file_that_is_only_a_bom() {
    let (out, _) = check_bytes("bom.txt", "\u{FEFF}".as_bytes(), &[]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).is_empty());
}

#[test]
fn a_ten_hour_cue_is_one_duration_warning() {
    let srt = "1\n00:00:01,000 --> 10:00:01,000\n我们出发吧。\nLet us go.\n\n\
               2\n10:00:02,000 --> 10:00:04,000\n天快黑了。\nIt is getting dark.\n";
    let (out, elapsed) = check_bytes("ten-hours.srt", srt.as_bytes(), &[]);
    // A warning only: the exit code stays 0, nothing else is reported about the long cue.
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(rules(&out), ["cue-duration"]);
    assert!(stdout(&out).contains("36000000 ms"), "{}", stdout(&out));
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
}

#[test]
fn srt_cues_without_blank_lines_between_them_are_still_cues() {
    // Some exporters drop the blank line between cues: each number and timing line still starts
    // a cue, so every cue keeps its own pair and nothing runs into the next one.
    let mut srt = String::new();
    for k in 0..20_000 {
        let (s, e) = (2 * k, 2 * k + 1);
        srt.push_str(&format!(
            "{}\n{:02}:{:02}:{:02},000 --> {:02}:{:02}:{:02},900\n我们第{k}次出发。\nWe set out for the {k}th time.\n",
            k + 1,
            s / 3600,
            s / 60 % 60,
            s % 60,
            e / 3600,
            e / 60 % 60,
            e % 60,
        ));
    }
    let (out, elapsed) = check_bytes("no-blank-lines.srt", srt.as_bytes(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(rules(&out), Vec::<String>::new());
    assert!(elapsed < Duration::from_secs(20), "{elapsed:?}");
}

#[test]
fn a_tsv_row_of_two_hundred_thousand_columns_reads_the_first_two() {
    // The first column is the original, the second the translation, the rest are ignored
    // (corpus files carry scores and ids there): one copied translation, found once.
    let row: Vec<&str> = std::iter::repeat_n("我们", 100_000)
        .chain(std::iter::repeat_n("We", 100_000))
        .collect();
    let tsv = format!("{}\n", row.join("\t"));
    let (out, elapsed) = check_bytes("wide.tsv", tsv.as_bytes(), &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert_eq!(rules(&out), ["missing-translation"]);
    assert!(stdout(&out).contains("\"byte_end\":6,"), "{}", stdout(&out));
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
}

#[test]
fn fixing_and_diffing_a_file_of_repeated_lines_is_linear() {
    // The same pair 40,000 times, an ASCII comma in every Chinese line: one edit per pair, and
    // nothing but repeated lines for a diff to align (both used to take time quadratic in the
    // number of edits: checking each fix against every fix taken before it, and a
    // shortest-diff search over lines that all look alike).
    let text = "我们出发吧,天快黑了。\nLet us go, it is getting dark.\n".repeat(40_000);
    let path = temp_file("repeated.txt", text.as_bytes());
    let run = |args: &[&str]| {
        let start = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_translint"))
            .args(args)
            .arg(&path)
            .output()
            .unwrap();
        (out, start.elapsed())
    };
    let (diff, elapsed) = run(&["check", "--diff"]);
    assert_eq!(diff.status.code(), Some(1));
    let diff = stdout(&diff);
    assert_eq!(
        diff.lines().filter(|l| l.starts_with("-我们")).count(),
        40_000
    );
    assert_eq!(
        diff.lines()
            .filter(|l| l.starts_with("+我们出发吧，"))
            .count(),
        40_000
    );
    assert!(elapsed < Duration::from_secs(30), "--diff: {elapsed:?}");
    let (fixed, elapsed) = run(&["check", "--fix"]);
    assert!(
        fixed.status.success(),
        "{}",
        String::from_utf8_lossy(&fixed.stderr)
    );
    assert!(elapsed < Duration::from_secs(30), "--fix: {elapsed:?}");
    let after = std::fs::read_to_string(&path).unwrap();
    assert_eq!(after, text.replace("吧,天", "吧，天"));
    let _ = std::fs::remove_file(&path);
}

#[test]
fn stdin_is_read_to_the_end() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_translint"))
        .args(["check", "-", "--format", "json-lines"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        for _ in 0..20_000 {
            stdin
                .write_all("我们出发吧。\nLet's head out.\n".as_bytes())
                .unwrap();
        }
        stdin
            .write_all("只有 essentials。\nOnly the essentials.\n".as_bytes())
            .unwrap();
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let r = rules(&out);
    assert_eq!(r, ["untranslated-fragment"]);
    assert!(stdout(&out).contains("\"line\":40001"), "{}", stdout(&out));
}

/// `n` numbered pairs starting at `from`, none alike.
fn numbered_pairs(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|k| format!("第{k}号房间里有两把椅子。\nRoom {k} has two chairs in it.\n"))
        .collect()
}

#[test]
fn stdin_findings_are_printed_while_the_input_is_still_open() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_translint"))
        .args([
            "check",
            "-",
            "--format",
            "json-lines",
            "--stdin-window",
            "1",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (first_line, seen) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        use std::io::BufRead;
        let mut lines = std::io::BufReader::new(stdout).lines();
        let first = lines.next().and_then(Result::ok);
        let _ = first_line.send(first.clone());
        let rest: Vec<String> = lines.map_while(Result::ok).collect();
        (first, rest)
    });
    // A defect at the top, then more than a 1 MiB window of clean pairs.
    stdin
        .write_all("这个房间只有 essentials。\nThis room has only the essentials.\n".as_bytes())
        .unwrap();
    stdin
        .write_all(numbered_pairs(0, 20_000).as_bytes())
        .unwrap();
    stdin.flush().unwrap();
    // The first window's finding arrives while standard input is still open.
    let first = seen
        .recv_timeout(Duration::from_secs(120))
        .expect("a finding before the input ends")
        .expect("a line of output");
    assert!(first.contains("untranslated-fragment"), "{first}");
    assert!(first.contains("\"line\":1,"), "{first}");
    // A second defect after the first window: named by its line in the whole stream.
    stdin
        .write_all(numbered_pairs(20_000, 100).as_bytes())
        .unwrap();
    stdin
        .write_all("那个房间也只有 basics。\nThat room also has only the basics.\n".as_bytes())
        .unwrap();
    drop(stdin);
    let status = child.wait().unwrap();
    let (_, rest) = reader.join().unwrap();
    assert_eq!(status.code(), Some(0));
    assert_eq!(rest.len(), 1, "{rest:?}");
    let line = 2 + 2 * 20_100 + 1;
    assert!(rest[0].contains("untranslated-fragment"), "{}", rest[0]);
    assert!(
        rest[0].contains(&format!("\"line\":{line},")),
        "{}",
        rest[0]
    );
}

#[test]
fn stdin_read_whole_and_in_windows_find_the_same() {
    let text = format!(
        "{}这个房间只有 essentials。\nThis room has only the essentials.\n{}",
        numbered_pairs(0, 9_000),
        numbered_pairs(9_000, 9_000)
    );
    let run = |window: &str, format: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_translint"))
            .args(["check", "-", "--format", format, "--stdin-window", window])
            .env("NO_COLOR", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let bytes = text.clone().into_bytes();
        let writer = std::thread::spawn(move || stdin.write_all(&bytes).unwrap());
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap();
        (out.status.code(), stdout(&out))
    };
    // The finding is in the second 1 MiB window: every format names its line in the whole input.
    for (format, place) in [
        ("concise", "<stdin>:18001:8:"),
        ("full", "<stdin>:18001:8"),
        ("github", "line=18001,col=8"),
        ("json-lines", "\"line\":18001,\"column\":8"),
    ] {
        let whole = run("0", format);
        assert!(whole.1.contains(place), "{format}: {}", whole.1);
        assert_eq!(run("1", format), whole, "{format}");
    }
    let (_, concise) = run("1", "concise");
    assert!(
        concise.contains("Checked 1 file, 18001 pairs: 0 errors, 1 warning"),
        "{concise}"
    );
}

#[test]
fn invalid_utf8_late_in_a_stream_ends_it_after_the_earlier_findings() {
    let mut bytes = "这个房间只有 essentials。\nThis room has only the essentials.\n"
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(numbered_pairs(0, 20_000).as_bytes());
    let offset = bytes.len();
    bytes.extend_from_slice(b"\xff\n");
    let mut child = Command::new(env!("CARGO_BIN_EXE_translint"))
        .args(["check", "-", "--format", "concise", "--stdin-window", "1"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&bytes).unwrap());
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(
        text.contains("<stdin>:1:8: warning[untranslated-fragment]"),
        "{text}"
    );
    assert!(text.contains("Checked 1 file,"), "{text}");
    let err = String::from_utf8_lossy(&out.stderr);
    let line = 2 + 2 * 20_000 + 1;
    assert!(
        err.contains(&format!(
            "<stdin>:{line}: not valid UTF-8 (first invalid byte at offset {offset})"
        )),
        "{err}"
    );
}
