//! Helpers shared by the unit tests.

/// A fixed generator of pseudo-random numbers (xorshift64) for generated test cases: a failure
/// repeats on the next run.
pub fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}
