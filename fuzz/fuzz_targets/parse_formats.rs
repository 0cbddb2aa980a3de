//! `parse::parse` with every `Format` (the first byte picks it), and `parse::parse_two` (two-file
//! mode, the input split at its first NUL): never panics, every span valid in its file.
#![no_main]

mod body {
    include!("bodies/parse_formats.rs");
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| body::run(data));
