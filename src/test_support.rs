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

/// A string of up to `max_len` pieces drawn from `pieces` by `next` ([`xorshift`]): generated
/// texts dense in the characters a scan must get right.
pub fn random_text<S: AsRef<str>>(
    next: &mut impl FnMut() -> u64,
    pieces: &[S],
    max_len: usize,
) -> String {
    let len = (next() % (max_len as u64 + 1)) as usize;
    (0..len)
        .map(|_| pieces[(next() % pieces.len() as u64) as usize].as_ref())
        .collect()
}
