//! parse → lint with every rule → apply every fix edit → parse and lint again, then the fix
//! engine itself (`fix::fix_text` with unsafe fixes): never panics, every diagnostic and edit
//! span is valid, and fixing the fixed text changes nothing more than another pass would.
#![no_main]

mod body {
    include!("bodies/check_roundtrip.rs");
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| body::run(data));
