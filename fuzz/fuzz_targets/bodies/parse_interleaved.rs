// Body of the `parse_interleaved` fuzz target (`fuzz/fuzz_targets/parse_interleaved.rs`). `tests/fuzz_bodies.rs`
// also includes it and runs it on every fixture, so the target keeps compiling and its
// properties keep holding under `cargo test`. Plain comments: the file is `include!`d.
//
// Bytes → decode → the interleaved parser: never panics; every pair side and stray is a span
// on char boundaries inside the text.

use translint::model::SourceFile;

/// One fuzz input: the properties above must hold for any bytes.
pub fn run(data: &[u8]) {
    let Ok(text) = translint::parse::decode("fuzz.txt", data.to_vec()) else {
        return;
    };
    let doc = translint::parse::interleaved::parse(SourceFile::new("fuzz.txt", text));
    let text = &doc.files[0].text;
    let segments = doc
        .pairs
        .iter()
        .flat_map(|p| [p.source, p.target])
        .flatten()
        .chain(doc.strays.iter().map(|s| s.segment));
    for s in segments {
        for span in [s.span, doc.line_of(&s)] {
            assert!(span.start <= span.end && span.end <= text.len());
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
    }
}
