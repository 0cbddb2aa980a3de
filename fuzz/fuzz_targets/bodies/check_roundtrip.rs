// Body of the `check_roundtrip` fuzz target (`fuzz/fuzz_targets/check_roundtrip.rs`). `tests/fuzz_bodies.rs`
// also includes it and runs it on every fixture, so the target keeps compiling and its
// properties keep holding under `cargo test`. Plain comments: the file is `include!`d.
//
// parse → lint with every rule → apply every fix edit → parse and lint again, then the fix
// engine itself (`fix::fix_text` with unsafe fixes): never panics, every diagnostic and edit
// span is valid, and fixing the fixed text changes nothing more than another pass would.

use translint::config::Settings;

fn check(text: String) -> translint::report::FileReport {
    let settings = Settings {
        select: vec!["ALL".into()],
        ..Settings::default()
    };
    let rules = settings.active_rules().unwrap_or_default();
    let options = translint::parse::ParseOptions::default();
    translint::check_text("fuzz.txt", text, &options, &settings, &rules)
}

/// One fuzz input: the properties above must hold for any bytes.
pub fn run(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let report = check(text.to_string());
    let text = &report.doc.files[0].text;
    let mut edits = Vec::new();
    for d in &report.diagnostics {
        let _ = translint::report::position(&report.doc, d);
        let mut spans = vec![d.span];
        spans.extend(d.related.iter().map(|l| l.span));
        if let Some(f) = &d.fix {
            for e in &f.edits {
                spans.push(e.span);
                edits.push(e.clone());
            }
        }
        for s in spans {
            assert!(s.start <= s.end && s.end <= text.len(), "{} {s:?}", d.rule);
            assert!(
                text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
                "{}",
                d.rule
            );
        }
    }
    // Apply non-overlapping edits back to front and check the result again.
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut kept: Vec<&translint::diagnostic::Edit> = Vec::new();
    for e in &edits {
        if kept.last().is_none_or(|k| k.span.end <= e.span.start) {
            kept.push(e);
        }
    }
    let mut fixed = text.to_string();
    for e in kept.iter().rev() {
        fixed.replace_range(e.span.range(), &e.replacement);
    }
    let _ = check(fixed);
    // The real fix engine, unsafe fixes included.
    let settings = Settings {
        select: vec!["ALL".into()],
        ..Settings::default()
    };
    let rules = settings.active_rules().unwrap_or_default();
    let options = translint::parse::ParseOptions::default();
    let mode = translint::fix::FixMode { unsafe_fixes: true };
    let outcome = translint::fix::fix_text(
        "fuzz.txt",
        text.to_string(),
        &options,
        &settings,
        &rules,
        mode,
    );
    let fixed = &outcome.report.doc.files[0].text;
    for d in &outcome.report.diagnostics {
        assert!(
            d.span.end <= fixed.len()
                && fixed.is_char_boundary(d.span.start)
                && fixed.is_char_boundary(d.span.end)
        );
    }
}
