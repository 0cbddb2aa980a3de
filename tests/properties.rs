//! Property tests: parsing and checking never panic, and every span a diagnostic carries (primary,
//! related, fix edits) lies inside its file and on `char` boundaries.

use proptest::prelude::*;
use translint::config::Settings;
use translint::model::Format;

/// Every rule, default or not.
fn all_rules() -> (Settings, Vec<translint::config::ActiveRule>) {
    let settings = Settings {
        select: vec!["ALL".into()],
        ..Settings::default()
    };
    let rules = settings.active_rules().unwrap_or_default();
    (settings, rules)
}

/// Check `text` and assert the span invariants; returns the number of diagnostics.
fn check_spans(text: &str, format: Option<Format>) -> usize {
    let (settings, rules) = all_rules();
    let options = translint::parse::ParseOptions {
        format,
        ..Default::default()
    };
    let report = translint::check_text("p.txt", text.to_string(), &options, &settings, &rules);
    for d in &report.diagnostics {
        let mut spans = vec![(d.file, d.span)];
        spans.extend(d.related.iter().map(|l| (l.file, l.span)));
        if let Some(fix) = &d.fix {
            spans.extend(fix.edits.iter().map(|e| (e.file, e.span)));
        }
        for (file, span) in spans {
            let f = &report.doc.file(file).text;
            assert!(span.start <= span.end, "{} span {span:?} reversed", d.rule);
            assert!(span.end <= f.len(), "{} span {span:?} past the end", d.rule);
            assert!(
                f.is_char_boundary(span.start) && f.is_char_boundary(span.end),
                "{} span {span:?} splits a character",
                d.rule
            );
        }
        // Rendering positions must not panic either.
        let _ = translint::report::position(&report.doc, d);
    }
    report.diagnostics.len()
}

/// Lines from an alphabet that exercises the rules: Han, Latin words, ASCII and full-width
/// punctuation, case-changing letters whose lower case has another length, combining marks,
/// emoji with ZWJ, right-to-left text, BOM, zero-width and control characters, CR and LF.
fn bilingual() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("我们出发吧".to_string()),
        Just("天快黑了".to_string()),
        Just("Let's head out".to_string()),
        Just("essentials".to_string()),
        Just("Python".to_string()),
        Just("code save".to_string()),
        Just("example.com/save".to_string()),
        Just("展开全部字幕(还有 3 条)".to_string()),
        Just("Show more".to_string()),
        Just("İstanbul".to_string()),
        Just("ẞ".to_string()),
        Just("e\u{301}".to_string()),
        Just("👩\u{200D}💻".to_string()),
        Just("שלום".to_string()),
        Just("\u{FEFF}".to_string()),
        Just("\u{200B}".to_string()),
        Just("\0".to_string()),
        Just("`".to_string()),
        Just("17,000".to_string()),
        Just("https://a.b/c?d=1".to_string()),
        "[ ,?!:;()。，？！：；（）'\"@.\\-]{1,3}",
        "[a-zA-Z]{1,8}",
        "[\u{4e00}-\u{4e20}]{1,6}",
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just(" ".to_string()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_parse_and_check(text in any::<String>()) {
        check_spans(&text, None);
    }

    #[test]
    fn bilingual_soup_keeps_spans_on_char_boundaries(text in bilingual()) {
        check_spans(&text, Some(Format::Interleaved));
    }

    #[test]
    fn arbitrary_bytes_decode_or_name_the_bad_byte(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        match translint::parse::decode("b.txt", bytes.clone()) {
            Ok(text) => { check_spans(&text, None); }
            Err(translint::error::Error::InvalidUtf8 { offset, line, .. }) => {
                prop_assert!(offset < bytes.len());
                prop_assert!(std::str::from_utf8(&bytes[..offset]).is_ok());
                prop_assert!(std::str::from_utf8(&bytes[offset..]).is_err());
                prop_assert_eq!(line, 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count());
            }
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }
}

/// Numbered pairs, so that a stream has more pairs than a window holds back.
fn plain_pairs(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|k| format!("第{k}号房间里有两把椅子。\nRoom {k} has two chairs in it.\n"))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Standard input in windows: never a panic or an error on text, and every finding, moved
    /// to the whole input by its window's origin, points at the same bytes there, in order.
    #[test]
    fn windows_of_a_stream_point_into_the_whole_input(
        soups in prop::collection::vec(bilingual(), 1..4),
        window in 1usize..40_000,
    ) {
        let mut text = String::new();
        for (i, soup) in soups.iter().enumerate() {
            text.push_str(&plain_pairs(i * 300, 300));
            text.push_str(soup);
            text.push('\n');
        }
        let (settings, rules) = all_rules();
        let whole = translint::model::SourceFile::new("-", text.clone());
        let mut last_start = 0;
        let mut windows = 0;
        let result = translint::stream::check_stream(
            "-",
            translint::stream::StreamInput {
                reader: Box::new(std::io::Cursor::new(text.clone().into_bytes())),
                window,
                read_ahead: window % 2 == 0,
            },
            &Default::default(),
            &settings,
            &rules,
            |w| {
                windows += 1;
                let file = w.report.doc.file(0);
                let base = file.origin().byte;
                assert_eq!(&text[base..base + file.text.len()], file.text.as_str());
                for d in &w.report.diagnostics {
                    let start = base + d.span.start;
                    assert!(start >= last_start, "{} at {start} after {last_start}", d.rule);
                    last_start = start;
                    let (line, _) = file.line_col(d.span.start);
                    assert_eq!(line, whole.line_col(start).0, "{}", d.rule);
                }
                Ok(true)
            },
        );
        prop_assert!(result.is_ok(), "{:?}", result.err());
        prop_assert!(windows >= 1);
    }
}
