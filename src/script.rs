//! Character classes that decide which language a piece of text is in.
//!
//! Language is decided by script, per character, never by a statistical model: a line that holds
//! Han characters is Chinese, one with Latin letters and no Han is English. This is exact, fast
//! and explainable in a diagnostic.

/// Which script dominates a line, as far as pairing is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Script {
    /// Holds Han characters, or (without Han) full-width CJK punctuation such as "。".
    Han,
    /// Latin letters and no Han.
    Latin,
    /// Neither: digits, punctuation, symbols — fits either side.
    Neutral,
}

/// True for CJK ideographs (the unified blocks, extensions and compatibility ideographs).
#[inline]
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF
        | 0x3400..=0x4DBF
        | 0x20000..=0x2A6DF
        | 0x2A700..=0x2EBEF
        | 0x30000..=0x3134F
        | 0xF900..=0xFAFF
        | 0x2F800..=0x2FA1F
        | 0x3007 // 〇
    )
}

/// True for punctuation that only Chinese/Japanese text uses (ideographic and full-width forms).
#[inline]
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c,
        '\u{3001}'..='\u{3006}' | '\u{3008}'..='\u{3011}' | '\u{3014}'..='\u{301F}'
        | '\u{FF01}' | '\u{FF08}' | '\u{FF09}' | '\u{FF0C}' | '\u{FF1A}' | '\u{FF1B}' | '\u{FF1F}'
        | '\u{FF5E}' | '\u{FF0E}' | '\u{FE10}'..='\u{FE19}' | '\u{FE30}'..='\u{FE4F}'
    )
}

/// Han or CJK punctuation: characters that make a line "Chinese side".
#[inline]
pub fn is_cjk(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// Latin letters, including accented ones ("Chalet", "Café").
#[inline]
pub fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c as u32, 0x00C0..=0x00D6 | 0x00D8..=0x00F6 | 0x00F8..=0x024F | 0x1E00..=0x1EFF)
}

/// Classify a line by the characters it holds.
pub fn classify(text: &str) -> Script {
    // An ASCII line (nearly every English line) is told by a byte test, without decoding: every
    // line of a file is classified.
    if text.is_ascii() {
        return if crate::text::any_byte(text.as_bytes(), crate::text::is_ascii_letter) {
            Script::Latin
        } else {
            Script::Neutral
        };
    }
    let mut latin = false;
    let mut cjk_punct = false;
    for c in text.chars() {
        if c.is_ascii() {
            latin |= c.is_ascii_alphabetic();
            continue;
        }
        if is_han(c) {
            return Script::Han;
        }
        cjk_punct |= is_cjk_punct(c);
        latin |= is_latin_letter(c);
    }
    if cjk_punct {
        Script::Han
    } else if latin {
        Script::Latin
    } else {
        Script::Neutral
    }
}

/// True when the text holds at least one Han character.
pub fn has_han(text: &str) -> bool {
    text.chars().any(is_han)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_lines_by_script() {
        assert_eq!(classify("我们走吧。"), Script::Han);
        assert_eq!(classify("用 Rust 写的。"), Script::Han);
        assert_eq!(classify("Let's go."), Script::Latin);
        assert_eq!(classify("Café au lait"), Script::Latin);
        assert_eq!(classify("Q。"), Script::Han);
        assert_eq!(classify("2024 — 100%"), Script::Neutral);
        assert_eq!(classify(""), Script::Neutral);
        // ASCII lines, told without decoding.
        assert_eq!(classify("12:30 - 100%"), Script::Neutral);
        assert_eq!(classify("42 x"), Script::Latin);
    }

    #[test]
    fn han_ranges() {
        assert!(is_han('中'));
        assert!(is_han('𠮷'));
        assert!(!is_han('。'));
        assert!(is_cjk_punct('。'));
        assert!(is_cjk_punct('，'));
        assert!(!is_cjk_punct(','));
    }
}
