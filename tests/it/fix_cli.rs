//! The fix commands through the built binary: `fix`, `check --fix`, `--diff`, `--unsafe-fixes`,
//! `--show-fixes`, standard input, and what a fixed file keeps (BOM, CRLF, permissions).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const FIXTURE: &str = "fixtures/fix/damaged.txt";

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_translint"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run translint")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

/// A copy of `bytes` in a fresh temporary folder.
fn copy(bytes: &[u8], name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    (dir, path)
}

fn fixture() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE)).expect("fixture")
}

#[test]
fn diff_prints_the_change_and_writes_nothing() {
    let before = fixture();
    let o = run(&["check", "--diff", FIXTURE]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(fixture(), before, "--diff must not write");
    insta::assert_snapshot!("diff_safe", stdout(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("Would fix 11 issues (13 edits) in 1 file."),
        "{err}"
    );
}

#[test]
fn diff_with_unsafe_fixes_deletes_stray_lines() {
    let o = run(&["check", "--diff", "--unsafe-fixes", FIXTURE]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("diff_unsafe", stdout(&o));
}

#[test]
fn diff_of_a_clean_file_is_empty_and_exits_zero() {
    let (_d, path) = copy("你好。\nHello.\n".as_bytes(), "clean.txt");
    let o = run(&["fix", "--diff", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
}

#[test]
fn fix_writes_the_diffed_text_and_a_second_run_changes_nothing() {
    let diff = stdout(&run(&["check", "--diff", FIXTURE]));
    let (_d, path) = copy(&fixture(), "t.txt");
    let p = path.to_str().unwrap();
    let o = run(&["fix", p, "--show-fixes"]);
    assert_eq!(o.status.code(), Some(0), "only warnings are left");
    let out = stdout(&o);
    assert!(
        out.contains("Fixed 11 issues (13 edits) in 1 file."),
        "{out}"
    );
    assert!(out.contains("     6 × halfwidth-punctuation"), "{out}");
    assert!(out.contains("     5 × whitespace"), "{out}");
    let once = std::fs::read_to_string(&path).unwrap();
    // Every `+` line of the diff is in the fixed file; no `-` line is.
    for l in diff.lines().skip(2) {
        if let Some(added) = l.strip_prefix('+') {
            assert!(once.lines().any(|x| x == added), "missing {added:?}");
        } else if let Some(removed) = l.strip_prefix('-') {
            assert!(!once.lines().any(|x| x == removed), "kept {removed:?}");
        }
    }
    assert!(once.contains("17,000人，"));
    assert!(once.contains("https://example.com/bread?day=1,a=2"));
    assert!(once.contains("Anna Berg（她从柏林来）"));
    assert!(!once.contains('、'));
    let o = run(&["check", "--fix", p]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), once);
    assert!(stdout(&o).contains("Fixed 0 issues"));
}

#[test]
fn unsafe_fixes_remove_strays_and_keep_a_missing_final_newline() {
    let text = "节目简介\n今天很好,对吧?\nToday is good, right?\n字幕由某某提供";
    let (_d, path) = copy(text.as_bytes(), "t.txt");
    let o = run(&["fix", "--unsafe-fixes", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "今天很好，对吧？\nToday is good, right?"
    );
    let o = run(&["check", "--select", "stray-line", path.to_str().unwrap()]);
    assert!(stdout(&o).contains("0 warnings"));
}

#[test]
fn unsafe_fixes_take_a_strays_blank_line_with_it() {
    // Pairs parted by blank lines: no two blank lines in a row, and none ending the file.
    let text = "节目简介\n\n今天很好。\nToday is good.\n\n点击查看全部文稿\n\n明天见。\nSee you tomorrow.\n\n点赞关注\n";
    let (_d, path) = copy(text.as_bytes(), "t.txt");
    let o = run(&["fix", "--unsafe-fixes", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "今天很好。\nToday is good.\n\n明天见。\nSee you tomorrow.\n"
    );
}

#[test]
fn safe_fix_leaves_stray_lines() {
    let text = "节目简介\n今天很好。\nToday is good.\n";
    let (_d, path) = copy(text.as_bytes(), "t.txt");
    run(&["fix", path.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn stdin_with_fix_prints_the_fixed_text() {
    let mut child = bin()
        .args(["check", "--fix", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("真的吗?  \nReally?\n".as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "真的吗？\nReally?\n");
    assert!(String::from_utf8_lossy(&o.stderr).contains("Fixed 2 issues"));
}

#[test]
fn crlf_and_bom_are_kept() {
    let text =
        "\u{FEFF}节目简介\r\n我们走吧,好吗?\r\nShall we go, okay?\r\n他说  OK。\r\nHe said OK.\r\n";
    let (_d, path) = copy(text.as_bytes(), "t.txt");
    run(&["fix", path.to_str().unwrap()]);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "\u{FEFF}节目简介\r\n我们走吧，好吗？\r\nShall we go, okay?\r\n他说 OK。\r\nHe said OK.\r\n"
    );
    run(&["fix", "--unsafe-fixes", path.to_str().unwrap()]);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "\u{FEFF}我们走吧，好吗？\r\nShall we go, okay?\r\n他说 OK。\r\nHe said OK.\r\n"
    );
}

#[cfg(unix)]
#[test]
fn permissions_are_kept_and_symlinks_stay_links() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path) = copy(&fixture(), "t.txt");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(&path, &link).unwrap();
    let o = run(&["fix", link.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_ne!(std::fs::read(&path).unwrap(), fixture());
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 2);
}

#[test]
fn unreadable_and_non_utf8_files_exit_2_untouched() {
    let (_d, path) = copy(b"\xff\xfe bad,\n", "bad.txt");
    let o = run(&["fix", path.to_str().unwrap(), "does/not/exist.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&path).unwrap(), b"\xff\xfe bad,\n");
    let o = run(&["check", "--diff", "does/not/exist.txt"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn json_output_after_fixing_stays_json() {
    let (_d, path) = copy(&fixture(), "t.txt");
    let o = run(&[
        "fix",
        "--format",
        "json",
        "--show-fixes",
        path.to_str().unwrap(),
    ]);
    let v: serde_json::Value =
        serde_json::from_slice(&o.stdout).expect("stdout is one JSON document");
    assert!(v.is_object());
    assert!(String::from_utf8_lossy(&o.stderr).contains("Fixed 11 issues"));
}

#[test]
fn two_file_inputs_fix_the_file_that_needs_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/formats");
    let en = std::fs::read(root.join("talk.en.srt")).unwrap();
    let zh = std::fs::read_to_string(root.join("talk.zh-CN.srt")).unwrap();
    let damaged = zh.replacen('。', ",好吗?", 1);
    std::fs::write(dir.path().join("talk.en.srt"), &en).unwrap();
    std::fs::write(dir.path().join("talk.zh-CN.srt"), &damaged).unwrap();
    let o = run(&["fix", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert_eq!(std::fs::read(dir.path().join("talk.en.srt")).unwrap(), en);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("talk.zh-CN.srt")).unwrap(),
        zh.replacen('。', "，好吗？", 1)
    );
}
