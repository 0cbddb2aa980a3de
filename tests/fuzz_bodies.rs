//! The fuzz targets' bodies (`fuzz/fuzz_targets/bodies/`) run on every fixture and on a few
//! hostile byte strings. cargo-fuzz needs nightly and is not part of CI; this keeps the targets
//! compiling against the library as it changes, and their properties (no panic, spans on char
//! boundaries inside the text, stream windows pointing into the whole input) checked on
//! known inputs in every `cargo test`.

mod parse_interleaved {
    include!("../fuzz/fuzz_targets/bodies/parse_interleaved.rs");
}
mod parse_formats {
    include!("../fuzz/fuzz_targets/bodies/parse_formats.rs");
}
mod check_roundtrip {
    include!("../fuzz/fuzz_targets/bodies/check_roundtrip.rs");
}
mod check_stream {
    include!("../fuzz/fuzz_targets/bodies/check_stream.rs");
}

use std::path::Path;

/// Every fixture file's bytes, and byte strings no fixture has.
fn inputs() -> Vec<Vec<u8>> {
    fn walk(dir: &Path, out: &mut Vec<Vec<u8>>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = Vec::new();
    walk(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .as_path(),
        &mut out,
    );
    assert!(out.len() > 50, "fixtures found: {}", out.len());
    out.extend(
        [
            &b""[..],
            b"\xEF\xBB\xBF",
            b"\0\0\n\0",
            b"\xFF\xFE bad\n",
            "我们出发吧,\r\nLet's go.\r天黑了\nIt's dark.\n".as_bytes(),
            "00:00:01,000 --> 10:00:00,000\n你好\nHello\n".as_bytes(),
            "\t\t\n{\"source\": \"Hi\", \"target\": \"你好\"}\n".as_bytes(),
        ]
        .map(<[u8]>::to_vec),
    );
    out
}

#[test]
fn parse_interleaved_holds_on_every_fixture() {
    for input in inputs() {
        parse_interleaved::run(&input);
    }
}

#[test]
fn parse_formats_holds_on_every_fixture_in_every_format() {
    for input in inputs() {
        // The first byte picks the format (and, from 128, two-file mode).
        for pick in [0u8, 1, 2, 3, 4, 128, 131] {
            let mut data = vec![pick];
            data.extend_from_slice(&input);
            parse_formats::run(&data);
        }
    }
}

#[test]
fn check_roundtrip_holds_on_every_fixture() {
    for input in inputs() {
        check_roundtrip::run(&input);
    }
}

#[test]
fn check_stream_holds_on_every_fixture_in_windows() {
    for input in inputs() {
        // The first two bytes are the window size in bytes.
        for window in [1u16, 64, 4096] {
            let mut data = window.to_le_bytes().to_vec();
            data.extend_from_slice(&input);
            check_stream::run(&data);
        }
    }
}
