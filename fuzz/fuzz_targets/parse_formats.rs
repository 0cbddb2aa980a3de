//! `parse::parse` with every `Format` (the first byte picks it): never panics, spans valid.
#![no_main]

use libfuzzer_sys::fuzz_target;
use translint::model::Format;

const FORMATS: &[Format] = &[
    Format::Interleaved,
    Format::Srt,
    Format::Vtt,
    Format::Tsv,
    Format::Jsonl,
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let format = FORMATS[pick as usize % FORMATS.len()];
    let doc = translint::parse::parse("fuzz", text.to_string(), Some(format));
    for p in &doc.problems {
        let t = &doc.files[p.file].text;
        assert!(p.span.end <= t.len() && t.is_char_boundary(p.span.start) && t.is_char_boundary(p.span.end));
    }
    for s in doc.pairs.iter().flat_map(|p| [p.source, p.target]).flatten() {
        let t = &doc.files[s.file].text;
        assert!(s.span.end <= t.len() && t.is_char_boundary(s.span.start) && t.is_char_boundary(s.span.end));
    }
});
