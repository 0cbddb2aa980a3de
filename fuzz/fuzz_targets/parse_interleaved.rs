//! Bytes → decode → the interleaved parser: never panics; every pair side and stray is a span
//! on char boundaries inside the text.
#![no_main]

mod body {
    include!("bodies/parse_interleaved.rs");
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| body::run(data));
