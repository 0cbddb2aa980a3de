//! Inputs that once crashed or hung translint (found by fuzzing, property tests or review), kept
//! in `fixtures/regress/`. Each must check without a panic, with spans inside the file, and —
//! where `NAME.rules` exists — with exactly the rules listed there, in output order.

use std::process::Command;

#[test]
fn regression_fixtures_check_cleanly() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/regress");
    let mut checked = 0;
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    entries.sort();
    for path in entries {
        let out = Command::new(env!("CARGO_BIN_EXE_translint"))
            .arg("check")
            .arg(&path)
            .args(["--format", "json-lines", "--select", "ALL"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(out.status.code(), Some(0..=2)) && !stderr.contains("panicked"),
            "{}: {:?} {stderr}",
            path.display(),
            out.status
        );
        let bytes = std::fs::read(&path).unwrap();
        let mut rules = Vec::new();
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let (s, e) = (
                v["byte_start"].as_u64().unwrap() as usize,
                v["byte_end"].as_u64().unwrap() as usize,
            );
            assert!(s <= e && e <= bytes.len(), "{}: {line}", path.display());
            if let Ok(text) = std::str::from_utf8(&bytes) {
                assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
            }
            rules.push(v["rule"].as_str().unwrap().to_string());
        }
        let expected = path.with_extension("rules");
        if let Ok(want) = std::fs::read_to_string(&expected) {
            let want: Vec<&str> = want.lines().filter(|l| !l.trim().is_empty()).collect();
            assert_eq!(rules, want, "{}", path.display());
        }
        checked += 1;
    }
    assert!(checked > 0, "no fixtures in {dir}");
}
