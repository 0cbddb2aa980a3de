//! Standard input in windows (`stream::check_stream`): the first two bytes give the window size,
//! the rest is the input (any bytes). Never panics; invalid UTF-8 is the only error, and every
//! finding points, through its window's origin, at the same bytes in the whole input.
#![no_main]

mod body {
    include!("bodies/check_stream.rs");
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| body::run(data));
