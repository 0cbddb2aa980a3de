//! Small text measures shared by the parser and the rules.

use std::hash::{BuildHasherDefault, Hasher};

/// Letters and digits only, lower-cased: what two copies of a line still share after a scraper
/// has touched punctuation, case or spacing.
pub fn copy_key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// `char::is_whitespace` for an ASCII byte (vertical tab included, unlike
/// `u8::is_ascii_whitespace`).
pub fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// [`is_ascii_space`] as two comparisons (tab to carriage return are 9..=13), which the
/// compiler vectorises in the byte-lane counts.
#[inline]
fn is_ascii_space_lane(b: u8) -> bool {
    b == b' ' || b.wrapping_sub(b'\t') < 5
}

/// Characters of an ASCII text that are not white space: one per byte, a count the compiler
/// vectorises (the parser and the length model measure every line).
pub fn ascii_non_space_count(text: &[u8]) -> usize {
    // Counted in byte-wide lanes over chunks short enough not to overflow them: a `usize` per
    // byte kept the compiler from vectorising.
    let mut spaces = 0;
    for chunk in text.chunks(255) {
        let mut n = 0u8;
        for &b in chunk {
            n += u8::from(is_ascii_space_lane(b));
        }
        spaces += usize::from(n);
    }
    text.len() - spaces
}

/// The maximal runs of ASCII letters and digits of `text`, in order. Found by bytes: every
/// other character separates them, so a Chinese line is one pass with nothing decoded (the
/// alignment's Latin words and the parser's order votes read lines this way).
pub fn ascii_alnum_runs(text: &str) -> impl Iterator<Item = &str> {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while b.get(i).is_some_and(|c| !c.is_ascii_alphanumeric()) {
            i += 1;
        }
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
            i += 1;
        }
        text.get(start..i).filter(|run| !run.is_empty())
    })
}

/// Whether any byte of `bytes` satisfies `pred`, tested 32 bytes at a time without an early
/// exit inside a block, which the compiler vectorises: the rules' "does this Chinese line have
/// an ASCII letter / ASCII punctuation" pre-tests read every line of a file.
#[inline]
pub fn any_byte(bytes: &[u8], pred: impl Fn(u8) -> bool) -> bool {
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        if block.iter().fold(false, |found, &b| found | pred(b)) {
            return true;
        }
    }
    blocks.remainder().iter().any(|&b| pred(b))
}

/// `u8::is_ascii_alphabetic` by arithmetic (no branches, so [`any_byte`] vectorises it).
#[inline]
pub fn is_ascii_letter(b: u8) -> bool {
    (b | 0x20).wrapping_sub(b'a') < 26
}

/// The end of the run of ASCII letters in `b` that starts at `start` (`start` itself when `b[start]`
/// is no letter). Eight bytes are classified at once, so a word's end costs no branch per
/// byte: the English lines' words are scanned this way for numbers and for lexicon words.
#[inline]
pub fn ascii_letters_end(b: &[u8], start: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut i = start;
    while let Some(chunk) = b.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        // Per byte, with bit 5 set (lower case): at least 'a' and below '{', and ASCII. The
        // sums stay below 0x100 per byte, so no carry crosses into the next byte.
        const HIGH: u64 = 0x80 * ONES;
        let x = (w | (0x20 * ONES)) & (0x7F * ONES);
        let at_least_a = x + (0x80 - u64::from(b'a')) * ONES;
        let past_z = x + (0x80 - u64::from(b'z') - 1) * ONES;
        let letters = at_least_a & !past_z & !w & HIGH;
        let others = !letters & HIGH;
        if others != 0 {
            return i + (others.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while b.get(i).is_some_and(u8::is_ascii_alphabetic) {
        i += 1;
    }
    i
}

/// A set of characters: a bitmap of the Basic Multilingual Plane (8 KiB; a lookup per
/// character of a line) and sorted, disjoint ranges for the rest. For the per-line scans that
/// look for a few characters (app-text patterns, numerals).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct CharSet {
    /// Sorted, disjoint, non-adjacent ranges: the whole set.
    pub ranges: Vec<(char, char)>,
    /// Bit `c` for each member `c` below U+10000.
    bmp: Box<[u64]>,
    /// Whether any member is ASCII (an ASCII line then needs no scan).
    pub has_ascii: bool,
}

/// Code points below this are in [`CharSet`]'s bitmap.
const BMP_END: u32 = 0x1_0000;

impl CharSet {
    /// The characters from U+0080 to U+FFFF for which `pred` holds: a definition by predicate
    /// turned into a bitmap for scans that look up every character of a line.
    pub fn of_bmp(pred: impl Fn(char) -> bool) -> CharSet {
        let chars = (0x80..BMP_END)
            .filter_map(char::from_u32)
            .filter(|&c| pred(c));
        CharSet::from_ranges(chars.map(|c| (c, c)).collect())
    }

    /// The set of the characters in `ranges` (inclusive, in any order, overlapping or not).
    pub fn from_ranges(mut ranges: Vec<(char, char)>) -> CharSet {
        ranges.sort_unstable();
        let mut merged: Vec<(char, char)> = Vec::with_capacity(ranges.len());
        for (lo, hi) in ranges {
            match merged.last_mut() {
                Some(last) if u32::from(lo) <= u32::from(last.1).saturating_add(1) => {
                    last.1 = last.1.max(hi);
                }
                _ => merged.push((lo, hi)),
            }
        }
        let mut bmp = vec![0u64; BMP_END as usize / 64].into_boxed_slice();
        for &(lo, hi) in &merged {
            for c in u32::from(lo)..=u32::from(hi).min(BMP_END - 1) {
                bmp[c as usize / 64] |= 1 << (c % 64);
            }
        }
        let has_ascii = merged.first().is_some_and(|&(lo, _)| lo.is_ascii());
        CharSet {
            ranges: merged,
            bmp,
            has_ascii,
        }
    }

    /// Whether a character of `text` is in the set.
    pub fn any_in(&self, text: &str) -> bool {
        self.next_in(text, 0).is_some()
    }

    /// The byte position of the first character of `text` from byte `from` (a character
    /// boundary) on that is in the set. Characters are decoded from their bytes here (two- and
    /// three-byte ones inline): this runs on every line of a file.
    pub fn next_in(&self, text: &str, from: usize) -> Option<usize> {
        if !self.has_ascii && text.is_ascii() {
            return None;
        }
        let b = text.as_bytes();
        let mut i = from;
        while let Some(&lead) = b.get(i) {
            let width = utf8_width(lead);
            let hit = match width {
                1..=3 => self.contains_bmp(bmp_code_at(b, i)),
                _ => text
                    .get(i..)
                    .and_then(|t| t.chars().next())
                    .is_some_and(|c| self.contains(c)),
            };
            if hit {
                return Some(i);
            }
            i += width;
        }
        None
    }

    /// Whether the character with code point `code` (a Basic Multilingual Plane one, decoded
    /// from its bytes by the caller) is in the set.
    #[inline]
    pub fn contains_bmp(&self, code: u32) -> bool {
        self.bmp
            .get(code as usize / 64)
            .is_some_and(|w| w >> (code % 64) & 1 == 1)
    }

    /// Whether `c` is in the set.
    pub fn contains(&self, c: char) -> bool {
        let code = u32::from(c);
        if code < BMP_END {
            return self.contains_bmp(code);
        }
        let k = self.ranges.partition_point(|&(_, hi)| hi < c);
        self.ranges.get(k).is_some_and(|&(lo, _)| lo <= c)
    }
}

/// Characters of `text` that are not white space (`char::is_whitespace`), counted from the
/// UTF-8 bytes without decoding: the parser measures every line with it too.
pub fn non_space_chars(text: &str) -> usize {
    if text.is_ascii() {
        return ascii_non_space_count(text.as_bytes());
    }
    non_space_chars_in_lanes(text.as_bytes())
}

/// [`non_space_chars`] of UTF-8 text without a walk over its characters: the bytes that start a
/// character, less the white space characters, each found by its bytes (the ASCII ones, and the
/// encodings [`is_non_ascii_space`] lists), counted in byte lanes the compiler vectorises, 255
/// bytes at a time so that no lane overflows. A walk decoded each character of a Chinese line,
/// and lines longer than 255 bytes or holding “quotes” took it.
fn non_space_chars_in_lanes(b: &[u8]) -> usize {
    let mut count = 0;
    let mut at = 0;
    while at < b.len() {
        let end = (at + 255).min(b.len());
        let (mut starts, mut spaces, mut other_lead) = (0u8, 0u8, 0u8);
        for &x in &b[at..end] {
            starts += u8::from((x as i8) >= -0x40);
            spaces += u8::from(is_ascii_space_lane(x));
            other_lead |= u8::from(x == 0xC2) | u8::from(x == 0xE1) | u8::from(x == 0xE2);
        }
        // Encodings that start in this block, read on into the next one.
        let window = &b[at..(end + 2).min(b.len())];
        let (next, after) = (
            window.get(1..).unwrap_or_default(),
            window.get(2..).unwrap_or_default(),
        );
        let triples = window.iter().zip(next).zip(after).take(end - at);
        // U+3000 (E3 80 80); the other non-ASCII spaces begin with C2, E1 or E2, which most
        // Chinese lines do not hold.
        let ideographic =
            |x: u8, y: u8, z: u8| u8::from(x == 0xE3) & u8::from(y == 0x80) & u8::from(z == 0x80);
        if other_lead == 0 {
            for ((&x, &y), &z) in triples {
                spaces += ideographic(x, y, z);
            }
        } else {
            for (&x, &y) in window.iter().zip(next).take(end - at) {
                // U+0085, U+00A0.
                spaces += u8::from(x == 0xC2) & (u8::from(y == 0x85) | u8::from(y == 0xA0));
            }
            for ((&x, &y), &z) in triples {
                // U+1680; U+2000–U+200A, U+2028, U+2029, U+202F; U+205F.
                let ogham = u8::from(x == 0xE1) & u8::from(y == 0x9A) & u8::from(z == 0x80);
                let general = u8::from(x == 0xE2)
                    & (u8::from(y == 0x80)
                        & (u8::from(z.wrapping_sub(0x80) <= 0x0A)
                            | u8::from(z == 0xA8)
                            | u8::from(z == 0xA9)
                            | u8::from(z == 0xAF))
                        | u8::from(y == 0x81) & u8::from(z == 0x9F));
                spaces += ideographic(x, y, z) | ogham | general;
            }
        }
        count += usize::from(starts) - usize::from(spaces);
        at = end;
    }
    count
}

/// The code point of the one-, two- or three-byte UTF-8 character at byte `i` of `b` (a
/// character boundary of valid UTF-8), decoded from its bytes: the per-character scans ask this
/// for every character of a line. A four-byte character gives a wrong value; callers check the
/// width first.
#[inline]
pub fn bmp_code_at(b: &[u8], i: usize) -> u32 {
    let low6 = |k: usize| b.get(k).map_or(0, |&x| u32::from(x & 0x3F));
    match b.get(i).copied().unwrap_or(0) {
        lead @ 0..0x80 => u32::from(lead),
        lead @ 0xC0..0xE0 => u32::from(lead & 0x1F) << 6 | low6(i + 1),
        lead => u32::from(lead & 0x0F) << 12 | low6(i + 1) << 6 | low6(i + 2),
    }
}

/// Length of the UTF-8 sequence a lead byte starts (1 for a continuation byte, which a walk
/// from a character boundary never meets): the byte walks of the hot scans step by it.
pub fn utf8_width(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

/// Calls `f(is_ascii_alphanumeric)` for each character of `text` that is not white space
/// (`char::is_whitespace`), in order, reading UTF-8 lead bytes instead of decoding: every pair's
/// lengths are counted by the alignment pass and again by `length-ratio-outlier`.
pub fn visible_chars(text: &str, mut f: impl FnMut(bool)) {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c < 0x80 {
            if !is_ascii_space(c) {
                f(c.is_ascii_alphanumeric());
            }
            i += 1;
        } else {
            let end = (i + utf8_width(c)).min(b.len());
            if !is_non_ascii_space(&b[i..end]) {
                f(false);
            }
            i = end;
        }
    }
}

/// The UTF-8 encodings of the non-ASCII white space characters (Unicode `White_Space`): U+0085,
/// U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F and U+3000.
fn is_non_ascii_space(ch: &[u8]) -> bool {
    matches!(
        ch,
        [0xC2, 0x85 | 0xA0]
            | [0xE1, 0x9A, 0x80]
            | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF]
            | [0xE2, 0x81, 0x9F]
            | [0xE3, 0x80, 0x80]
    )
}

/// FNV-1a for maps keyed by short words of fixed data (the lexicon, the number words), looked
/// up for every word of every line, where std's DoS-resistant SipHash was a measurable share of
/// the pass.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A `HashMap` hasher builder for [`Fnv`].
pub type FnvBuild = BuildHasherDefault<Fnv>;

/// FNV-1a (64-bit) of a word's bytes, ASCII lower-cased: a fixed hash (alike in every run and on
/// every thread) for comparing words without building lower-cased strings.
pub fn lowercase_word_hash(word: &str) -> u64 {
    word.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Sort and deduplicate `v[base..]` in place, leaving `v[..base]` alone: per-line lists appended
/// to one flat vector.
pub fn sort_dedup_tail<T: Ord + Copy>(v: &mut Vec<T>, base: usize) {
    v[base..].sort_unstable();
    let mut w = base;
    for r in base..v.len() {
        if w == base || v[r] != v[w - 1] {
            v[w] = v[r];
            w += 1;
        }
    }
    v.truncate(w);
}

/// [`copy_similarity`] of a translation and its original, compared again without their
/// speaker labels ([`crate::script::after_speaker_label`]) when they are not exact copies with
/// them, the higher of the two: `嘉宾：Wait for me.` copies `Guest: Wait for me.` exactly.
pub fn copy_similarity_of_lines(translation: &str, original: &str, min: f64) -> Option<f64> {
    let whole = copy_similarity(translation, original, min);
    if whole.is_some_and(|sim| sim >= 1.0) {
        return whole;
    }
    let t = crate::script::after_speaker_label(translation);
    let o = crate::script::after_speaker_label(original);
    if t.len() == translation.len() && o.len() == original.len() {
        return whole;
    }
    // The better of the two: "解说：Straight into the wall!" is an exact copy of its original
    // once the label is set aside, not a 90 % one.
    match (whole, copy_similarity(t, o, min)) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// Similarity in 0..=1 between two lines, by normalised Levenshtein over their copy keys.
/// Returns `None` quickly when the lengths alone rule out a near-copy (≥ `min` is impossible).
pub fn copy_similarity(a: &str, b: &str, min: f64) -> Option<f64> {
    if a.is_ascii() && b.is_ascii() {
        // The parser compares every two adjacent English lines: the checks below that most
        // pairs stop at are made on the keys as they are read, without building them.
        fn key(s: &str) -> impl Iterator<Item = u8> + '_ {
            s.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| b.to_ascii_lowercase())
        }
        let (la, lb) = (key(a).count(), key(b).count());
        if la == 0 || lb == 0 {
            return None;
        }
        if key(a).eq(key(b)) {
            return Some(1.0);
        }
        let longer = la.max(lb) as f64;
        if (la.min(lb) as f64) / longer < min
            || 1.0 - ascii_bag_distance(key(a), key(b)) as f64 / longer < min
        {
            return None;
        }
    }
    let (ka, kb) = (copy_key(a), copy_key(b));
    if ka.is_empty() || kb.is_empty() {
        return None;
    }
    if ka == kb {
        return Some(1.0);
    }
    let (la, lb) = (ka.chars().count() as f64, kb.chars().count() as f64);
    if la.min(lb) / la.max(lb) < min {
        return None;
    }
    // The edit distance is at least the bag distance (characters one key has more of than the
    // other), which rules out most pairs of different lines in linear time.
    if ka.is_ascii()
        && kb.is_ascii()
        && 1.0 - ascii_bag_distance(ka.bytes(), kb.bytes()) as f64 / la.max(lb) < min
    {
        return None;
    }
    let sim = if la.max(lb) > LEVENSHTEIN_MAX_CHARS as f64 {
        affix_similarity(&ka, &kb)
    } else {
        strsim::normalized_levenshtein(&ka, &kb)
    };
    (sim >= min).then_some(sim)
}

/// max(|A \\ B|, |B \\ A|) over the multisets of two ASCII byte sequences, a lower bound of
/// their Levenshtein distance.
fn ascii_bag_distance(a: impl Iterator<Item = u8>, b: impl Iterator<Item = u8>) -> usize {
    let mut count = [0i64; 128];
    for c in a {
        count[usize::from(c & 0x7F)] += 1;
    }
    for c in b {
        count[usize::from(c & 0x7F)] -= 1;
    }
    let more_in_a: i64 = count.iter().filter(|&&d| d > 0).sum();
    let more_in_b: i64 = -count.iter().filter(|&&d| d < 0).sum::<i64>();
    more_in_a.max(more_in_b) as usize
}

/// Longest keys compared by edit distance, which costs time in the product of the lengths; past
/// it (only hostile or broken input has such lines) a linear bound is used instead.
const LEVENSHTEIN_MAX_CHARS: usize = 2000;

/// Shared prefix plus shared suffix over the longer length: a lower bound of the normalised
/// Levenshtein similarity (the edits fit in the middle), exact when the differences are in one
/// place, and linear.
fn affix_similarity(a: &str, b: &str) -> f64 {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let room = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    (prefix + suffix) as f64 / a.len().max(b.len()) as f64
}

/// Default similarity above which a line counts as a copy of its partner (design notes §4).
pub const COPY_THRESHOLD: f64 = 0.9;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_behind_a_label_is_exact_without_it() {
        let sim = |t: &str, o: &str| copy_similarity_of_lines(t, o, 0.8);
        assert_eq!(
            sim("解说：Straight into the wall!", "Straight into the wall!"),
            Some(1.0)
        );
        assert_eq!(sim("嘉宾：Wait for me.", "Guest: Wait for me."), Some(1.0));
        assert_eq!(sim("Wait for me.", "Wait for me."), Some(1.0));
        assert_eq!(sim("解说：球进了！", "Goal!"), None);
    }

    #[test]
    fn non_space_counts_without_a_walk_agree_with_the_characters() {
        let pieces = [
            "中", "文", "。", "、", "，", "a", "7", " ", "\t", "\n", "\u{0B}", "\u{0C}", "\r",
            "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{200A}", "\u{2028}", "\u{2029}",
            "\u{202F}", "\u{205F}", "\u{3000}", "“", "…", "é", "𝔸", "\u{3001}", "\u{E000}",
            "\u{3080}", "\u{2F80}",
        ];
        let mut state = 5u64;
        let mut used = 0;
        for _ in 0..5000 {
            let mut text = String::new();
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            // Up to 140 pieces: some texts are longer than a 255-byte block.
            for _ in 0..(state >> 40) % 140 {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                text.push_str(pieces[(state >> 33) as usize % pieces.len()]);
            }
            let by_chars = text.chars().filter(|c| !c.is_whitespace()).count();
            assert_eq!(non_space_chars(&text), by_chars, "{text:?}");
            used += usize::from(!text.is_ascii());
        }
        assert!(used > 1000, "the lanes counted {used} texts");
        assert_eq!(non_space_chars("中文，共 12 字。"), 8);
        assert_eq!(non_space_chars("中\u{3000}文"), 2);
        assert_eq!(non_space_chars("“中”"), 3);
        // Blocks of 255 bytes: white space split across a block's end, and long lines.
        for pad in 250..260 {
            for space in ["\u{3000}", "\u{2009}", "\u{A0}", "\u{205F}"] {
                let text = format!("{}{space}中{}", "a".repeat(pad), "文 ".repeat(200));
                let by_chars = text.chars().filter(|c| !c.is_whitespace()).count();
                assert_eq!(non_space_chars(&text), by_chars, "{pad} {space:?}");
            }
        }
    }

    #[test]
    fn code_points_are_decoded_as_chars_does() {
        let text = "a\u{7F}é\u{7FF}\u{800}中。\u{FFFF}";
        for (i, c) in text.char_indices() {
            assert_eq!(bmp_code_at(text.as_bytes(), i), u32::from(c), "{c:?}");
        }
    }

    #[test]
    fn letter_runs_end_where_the_bytes_say() {
        let plain = |b: &[u8], start: usize| {
            let mut i = start;
            while b.get(i).is_some_and(u8::is_ascii_alphabetic) {
                i += 1;
            }
            i
        };
        // Every byte value next to letters, at every offset of an eight-byte load.
        for other in 0..=255u8 {
            let mut b = b"Abcdefghijklmnopqrstuvwxyz@[`{".to_vec();
            for at in [1, 3, 7, 8, 9, 15, 16, 25] {
                let mut v = b.clone();
                v[at] = other;
                for start in 0..v.len() {
                    assert_eq!(
                        ascii_letters_end(&v, start),
                        plain(&v, start),
                        "{other} {at} {start}"
                    );
                }
            }
            b.push(other);
            assert_eq!(ascii_letters_end(&b, 0), plain(&b, 0));
        }
        let text = "Was it 1960s? Naïve café über THE end ZZ`zz{aa@AA[".as_bytes();
        for start in 0..=text.len() {
            assert_eq!(
                ascii_letters_end(text, start),
                plain(text, start),
                "{start}"
            );
        }
    }

    #[test]
    fn byte_tests_agree_with_the_standard_ones() {
        for b in 0..=255u8 {
            assert_eq!(is_ascii_letter(b), b.is_ascii_alphabetic(), "{b}");
        }
        let text = "中文，没有字母。".repeat(5) + "x" + &"中文".repeat(20);
        for end in 0..text.len() {
            let bytes = &text.as_bytes()[..end];
            for start in [0, 1, 31, 32, 33] {
                let part = bytes.get(start..).unwrap_or(&[]);
                assert_eq!(
                    any_byte(part, is_ascii_letter),
                    part.iter().any(u8::is_ascii_alphabetic)
                );
                assert_eq!(any_byte(part, |b| b == b'x'), part.contains(&b'x'));
            }
        }
    }

    #[test]
    fn ascii_spaces_are_the_ascii_whitespace_chars() {
        let all: Vec<u8> = (0..128).collect();
        for b in 0..128u8 {
            assert_eq!(is_ascii_space(b), char::from(b).is_whitespace(), "{b}");
        }
        // Every ASCII byte, and runs long enough to cross the counter's chunks.
        for len in [0, 1, 127, 128, 255, 256, 1000, 70_000] {
            let text: Vec<u8> = all.iter().copied().cycle().take(len).collect();
            let by_chars = text
                .iter()
                .filter(|&&b| !char::from(b).is_whitespace())
                .count();
            assert_eq!(ascii_non_space_count(&text), by_chars, "{len}");
            let spaces = vec![b' '; len];
            assert_eq!(ascii_non_space_count(&spaces), 0);
        }
    }

    #[test]
    fn bag_distance_bound_never_changes_the_answer() {
        let lines = [
            "The old farmer moved 99 boxes before the storm.",
            "The old farmer moved 98 boxes before the storm.",
            "The old farmer moved 99 boxes before the storm!!",
            "Before the storm, the old farmer moved 99 boxes.",
            "My sister moved 44 tables late at night.",
            "The young farmer moved 99 boxes before a storm.",
            "Café au lait, s'il vous plaît.",
            "Cafe au lait, sil vous plait.",
            "",
        ];
        for a in lines {
            for b in lines {
                for min in [0.5, 0.8, 0.9] {
                    let (ka, kb) = (copy_key(a), copy_key(b));
                    let expected = if ka.is_empty() || kb.is_empty() {
                        None
                    } else {
                        Some(strsim::normalized_levenshtein(&ka, &kb)).filter(|&s| s >= min)
                    };
                    assert_eq!(
                        copy_similarity(a, b, min),
                        expected,
                        "{a:?} / {b:?} at {min}"
                    );
                }
            }
        }
    }

    #[test]
    fn copies_survive_case_and_punctuation() {
        assert_eq!(copy_similarity("Right.", "right", 0.9), Some(1.0));
        assert!(copy_similarity("So that's the model.", "So that's the models.", 0.9).is_some());
        assert!(copy_similarity("Right.", "Okay.", 0.9).is_none());
        assert!(copy_similarity("...", "!!!", 0.9).is_none());
    }

    #[test]
    fn long_lines_use_the_linear_bound() {
        let a = "word ".repeat(1000);
        let mut b = a.clone();
        b.replace_range(2000..2004, "WXYZ");
        let sim = copy_similarity(&a, &b, 0.9).unwrap();
        assert!(sim > 0.99 && sim < 1.0, "{sim}");
        assert_eq!(affix_similarity("abcdef", "abXdef"), 5.0 / 6.0);
        assert_eq!(affix_similarity("aaaa", "aa"), 0.5);
        assert!(copy_similarity(&a, &"other ".repeat(900), 0.9).is_none());
    }
}

/// Units and abbreviations that stay in Latin letters inside Chinese text.
const UNITS: &[&str] = &[
    "km", "kg", "cm", "mm", "ml", "mg", "mph", "kph", "ms", "ns", "kb", "mb", "gb", "tb", "kbps",
    "mbps", "hz", "khz", "mhz", "ghz", "fps", "dpi", "px", "pt", "em", "rem", "am", "pm", "vs",
    "etc", "eg", "ie", "ok", "okay", "ppm", "ppb", "rpm", "kwh", "mah", "psi", "hpa", "kpa", "db",
    "ph", "oz", "lb", "lbs",
];

/// Lower-case terms that Chinese writing keeps in Latin letters (tech words and loans).
const LOANS: &[&str] = &[
    "app",
    "apps",
    "bug",
    "bugs",
    "email",
    "wifi",
    "blog",
    "vlog",
    "emoji",
    "logo",
    "online",
    "offline",
    "web",
    "python",
    "java",
    "javascript",
    "linux",
    "excel",
    "ppt",
    "pdf",
    "html",
    "css",
    "json",
    "http",
    "https",
    "www",
    "com",
    "org",
    "net",
    "ios",
    "android",
    "iphone",
    "ipad",
    "wechat",
    "github",
    "google",
    "youtube",
    "tiktok",
    "twitter",
    "facebook",
    "podcast",
    "podcasts",
    "kpi",
    "vip",
    "diy",
    "cpu",
    "gpu",
    "ai",
    "pro",
    "max",
    "mini",
    "plus",
    "wow",
];

/// Names of Greek letters: variables in maths and science ("lambda 等于 1").
const GREEK: &[&str] = &[
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
    "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi",
    "psi", "omega",
];

/// Words that read maths notation aloud next to a variable ("theta dot", "ds over dt", "s of t").
pub const MATH_READING: &[&str] = &[
    "dot", "hat", "prime", "bar", "tilde", "squared", "cubed", "double", "over", "of", "sub",
    "star",
];

/// A token that reads as a maths variable: one or two letters, or a Greek letter's name.
pub fn is_math_variable(token: &str) -> bool {
    let letters = token.chars().filter(|c| c.is_alphabetic()).count();
    letters <= 2 || GREEK.contains(&token.to_lowercase().as_str())
}

/// Names of mathematical functions, written in Latin letters in any language's maths
/// ("sin（θ）", "log x"): notation, not an English word left untranslated.
pub const MATH_FUNCTIONS: &[&str] = &[
    "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh",
    "log", "exp", "lim", "det", "max", "min", "sup", "inf", "mod", "gcd", "lcm",
];

/// True for a Latin token that legitimately stays in Latin letters inside Chinese text: a name,
/// brand, acronym, code or file name, URL or e-mail, number-bearing model name, single-letter
/// variable, spelled-out letters or unit. `token` has no surrounding punctuation.
pub fn is_keepable_latin(token: &str) -> bool {
    if is_math_variable(token) {
        return true; // "t", "dt", "x轴", "lambda", digits
    }
    if token.chars().any(|c| {
        c.is_ascii_digit()
            || matches!(
                c,
                '@' | '/' | '_' | '\\' | '#' | '=' | '<' | '>' | '`' | '~' | '$' | '&' | '+'
            )
    }) {
        return true; // GPT-4, a/b, snake_case, e-mail, code
    }
    if token.contains('.') {
        return true; // media.py, e.g., a.com
    }
    let mut chars = token.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    if first_upper || token.chars().skip(1).any(char::is_uppercase) {
        return true; // Names, brands, ALLCAPS, iPhone
    }
    if token.contains('-') && token.split('-').any(|p| p.chars().count() <= 1) {
        return true; // s-i-m-c-l-r, k-means, x-axis
    }
    let lower = token.to_lowercase();
    if UNITS.contains(&lower.as_str())
        || LOANS.contains(&lower.as_str())
        || MATH_FUNCTIONS.contains(&lower.as_str())
    {
        return true;
    }
    // A lower-case word that is not common English is a term or name of the field ("nlist").
    !token
        .split(['-', '\'', '’'])
        .filter(|p| !p.is_empty())
        .any(|p| crate::data::is_common_english(&p.to_lowercase()))
}

/// ASCII punctuation that may surround a Latin token without being part of it.
pub fn trim_token_punct(token: &str) -> &str {
    token.trim_matches(|c: char| {
        c.is_ascii_punctuation() && !matches!(c, '@' | '#' | '$' | '_' | '/' | '\\' | '`')
            || !c.is_alphanumeric() && !c.is_ascii()
    })
}

/// True when a line needs no translation at all: only a URL or e-mail, only numbers and symbols,
/// or only names, acronyms and letters ("T.", "NASA", "Yann LeCun", "example.com/promo").
pub fn needs_no_translation(text: &str, source: &str) -> bool {
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace())
        .map(trim_token_punct)
        .filter(|t| t.chars().any(char::is_alphanumeric))
        .collect();
    if tokens.is_empty() {
        return true;
    }
    tokens.len() <= 4
        && tokens.iter().all(|t| {
            let letters = t.chars().filter(|c| c.is_alphabetic()).count();
            if letters <= 1 || t.contains('.') || t.contains('/') || t.contains('@') {
                return true;
            }
            let inner_caps = t.chars().skip(1).any(char::is_uppercase);
            let capitalised = t.chars().next().is_some_and(char::is_uppercase);
            inner_caps
                || t.chars().any(|c| c.is_ascii_digit())
                || (capitalised && (is_name_like(t) || capitalised_in_source(t, source)))
        })
}

/// True when `word` appears in the original capitalised somewhere other than at a sentence start:
/// then it is a name there ("Python"), even if the translator wrote it in lower case.
pub fn capitalised_in_source(word: &str, source: &str) -> bool {
    let lower: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
    if lower.is_empty() {
        return false;
    }
    // Compare in place at each upper-case character: offsets into a lower-cased copy of the
    // source drift when lower-casing changes a character's length ("İ"), and slicing the source
    // there panicked.
    source.char_indices().any(|(at, c)| {
        if !c.is_uppercase() {
            return false;
        }
        let mut rest = source[at..].chars().flat_map(char::to_lowercase);
        if !lower.iter().all(|&l| rest.next() == Some(l)) {
            return false;
        }
        let before = source[..at].trim_end();
        !(before.is_empty() || before.ends_with(['.', '?', '!', ':', '"']))
    })
}

/// Sounds people make in speech; capitalised at the start of a cue but never names.
const INTERJECTIONS: &[&str] = &[
    "mhmm", "mhm", "mm", "mmm", "hmm", "hm", "uh", "um", "uhm", "umm", "huh", "uh-huh", "yeah",
    "yep", "yup", "nope", "oh", "ah", "aha", "wow", "okay", "ok", "oops", "hey", "whoa", "ooh",
    // Hyphenated spellings of the same sounds.
    "mm-hmm", "mm-hm", "mmhmm", "hmm-mm", "uh-uh", "uh-oh", "huh-uh", "ah-ha", "oh-oh",
];

/// A capitalised word that is not common English and not an interjection: likely a name.
fn is_name_like(token: &str) -> bool {
    let lower = token.to_lowercase();
    !crate::data::COMMON_ENGLISH.contains(lower.as_str())
        && !INTERJECTIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod token_tests {
    use super::*;

    #[test]
    fn keepable_tokens() {
        for t in [
            "Meta",
            "NYU",
            "GPT-4",
            "iPhone",
            "media.py",
            "a@b.cn",
            "t",
            "s-i-m-c-l-r",
            "km",
            "nlist",
            "LeCun",
            "x",
        ] {
            assert!(is_keepable_latin(t), "{t}");
        }
        for t in ["essentials", "the", "actually", "self-supervised", "really"] {
            assert!(!is_keepable_latin(t), "{t}");
        }
    }

    #[test]
    fn capitalised_mid_sentence_is_a_name() {
        assert!(capitalised_in_source("python", "I write Python daily."));
        assert!(!capitalised_in_source("essentials", "Just the essentials."));
        assert!(!capitalised_in_source("right", "Right. That is it."));
    }

    #[test]
    fn lines_that_need_no_translation() {
        for t in [
            "T.",
            "example.com/promo。",
            "Yann LeCun",
            "2024",
            "NASA!",
            "GPT-4",
            "...",
            "Acme.com/save.",
        ] {
            assert!(needs_no_translation(t, ""), "{t}");
        }
        assert!(needs_no_translation("Ana Lima", "That was Ana Lima."));
        for t in [
            "Right.",
            "Okay.",
            "I think so.",
            "Public goods are great",
            "Mhmm.",
            "Uh-huh.",
            "Mm-hmm.",
            "Uh-oh!",
        ] {
            assert!(!needs_no_translation(t, t), "{t}");
        }
    }
}
