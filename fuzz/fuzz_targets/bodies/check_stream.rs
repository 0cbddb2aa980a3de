// Body of the `check_stream` fuzz target (`fuzz/fuzz_targets/check_stream.rs`). `tests/fuzz_bodies.rs`
// also includes it and runs it on every fixture, so the target keeps compiling and its
// properties keep holding under `cargo test`. Plain comments: the file is `include!`d.
//
// Standard input in windows (`stream::check_stream`): the first two bytes give the window size,
// the rest is the input (any bytes). Never panics; invalid UTF-8 is the only error, and every
// finding points, through its window's origin, at the same bytes in the whole input.

use translint::config::Settings;

/// One fuzz input: the properties above must hold for any bytes.
pub fn run(data: &[u8]) {
    let Some((size, input)) = data.split_first_chunk::<2>() else {
        return;
    };
    let window = usize::from(u16::from_le_bytes(*size));
    let settings = Settings {
        select: vec!["ALL".into()],
        ..Settings::default()
    };
    let Ok(rules) = settings.active_rules() else {
        return;
    };
    let mut last = 0;
    let result = translint::stream::check_stream(
        "-",
        translint::stream::StreamInput {
            reader: Box::new(std::io::Cursor::new(input.to_vec())),
            window,
            // On demand: a reading thread outlives a run that stops early by design (it is
            // not joined), which the leak checker would report after every such input. The
            // unit tests check that reading ahead hands the windows the same bytes.
            read_ahead: false,
        },
        &Default::default(),
        &settings,
        &rules,
        |w| {
            let file = w.report.doc.file(0);
            let base = file.origin().byte;
            assert_eq!(&input[base..base + file.text.len()], file.text.as_bytes());
            for d in &w.report.diagnostics {
                assert!(d.span.end <= file.text.len());
                assert!(base + d.span.start >= last);
                last = base + d.span.start;
            }
            Ok(true)
        },
    );
    match result {
        Ok(()) => {}
        Err(translint::error::Error::InvalidUtf8 { offset, .. }) => {
            assert!(offset < input.len() && std::str::from_utf8(input).is_err());
        }
        Err(e) => panic!("unexpected error: {e}"),
    }
}
