// Body of the `parse_formats` fuzz target (`fuzz/fuzz_targets/parse_formats.rs`). `tests/fuzz_bodies.rs`
// also includes it and runs it on every fixture, so the target keeps compiling and its
// properties keep holding under `cargo test`. Plain comments: the file is `include!`d.
//
// `parse::parse` with every `Format` (the first byte picks it), and `parse::parse_two` (two-file
// mode, the input split at its first NUL): never panics, every span valid in its file.

use translint::model::Format;

const FORMATS: &[Format] = &[
    Format::Interleaved,
    Format::Srt,
    Format::Vtt,
    Format::Tsv,
    Format::Jsonl,
];

/// One fuzz input: the properties above must hold for any bytes.
pub fn run(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let options = translint::parse::ParseOptions {
        format: Some(FORMATS[pick as usize % FORMATS.len()]),
        ..Default::default()
    };
    let doc = if pick >= 128 {
        let (a, b) = text.split_once('\0').unwrap_or((text, ""));
        translint::parse::parse_two(("a", a.to_string()), ("b", b.to_string()), &options)
    } else {
        translint::parse::parse("fuzz", text.to_string(), &options)
    };
    for p in &doc.problems {
        let t = &doc.file(p.file).text;
        assert!(
            p.span.end <= t.len()
                && t.is_char_boundary(p.span.start)
                && t.is_char_boundary(p.span.end)
        );
    }
    let strays = doc.strays.iter().map(|s| s.segment);
    for s in doc
        .pairs
        .iter()
        .flat_map(|p| [p.source, p.target])
        .flatten()
        .chain(strays)
    {
        let t = &doc.file(s.file).text;
        assert!(
            s.span.end <= t.len()
                && t.is_char_boundary(s.span.start)
                && t.is_char_boundary(s.span.end)
        );
        // The whole lines around a segment hold it and end on line breaks.
        let line = doc.line_of(&s);
        assert!(line.start <= s.span.start && s.span.end <= line.end && line.end <= t.len());
        assert!(t.is_char_boundary(line.start) && t.is_char_boundary(line.end));
    }
}
