//! Reading SRT/WebVTT timing lines as real files write them.
//!
//! Read (the cdown/srt and pysubs2 cases, research/subtitle_cjk.md §4): `,` `.` or `:` before
//! the fraction, one to three fraction digits or none, missing hours (VTT), hours over 24, arrows
//! `-->`, `->`, `-- >`, `—>`, `→`, full-width digits and delimiters (`０１：２３，４５６`, common in
//! files typed with a Chinese input method), cue settings after the end time. What strict players
//! reject among these is noted ([`TimingLine::form`], [`TimingLine::fullwidth`]) for
//! `subtitle-syntax` to report.

/// A timing line read into milliseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimingLine {
    /// Start in ms.
    pub start_ms: i64,
    /// End in ms.
    pub end_ms: i64,
    /// True when full-width digits or delimiters had to be converted (players may reject them).
    pub fullwidth: bool,
    /// True when digits trail the milliseconds (`04,560.0000000000009`, a float printed by a
    /// script): they are ignored, but players may reject the line.
    pub trailing_digits: bool,
    /// How the line departs from `HH:MM:SS,mmm --> HH:MM:SS,mmm`: [`form`] bits, read here and
    /// judged by the format (VTT times may leave out the hours and write `.`).
    pub form: u8,
}

/// Bits of [`TimingLine::form`].
pub mod form {
    /// The arrow is not `-->` (`->`, `-- >`, `—>`, `→`): players such as ffmpeg reject the line.
    pub const ARROW: u8 = 1;
    /// A time has no milliseconds or not three digits of them (`00:02:51`, `00:02:51,5`), or a
    /// `:` before them: players reject or misread it (ffmpeg reads `,5` as 5 ms).
    pub const FRACTION: u8 = 2;
    /// A time has no hours (`02:51,000`): valid in WebVTT, not in SRT.
    pub const NO_HOURS: u8 = 4;
    /// A time has `,` before the milliseconds (SRT's form; browsers reject it in WebVTT).
    pub const COMMA: u8 = 8;
    /// A time's minutes or seconds are not two digits (`00:01:2,920`): a digit lost or one too
    /// many, which players reject or read as another time.
    pub const FIELD_DIGITS: u8 = 16;
}

/// Why a line that looks like a timing line could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimingError(pub String);

/// Map full-width digits and delimiters to ASCII; `None` when nothing needed mapping.
fn to_ascii(c: char) -> Option<char> {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        '：' => Some(':'),
        '，' | '、' => Some(','),
        '．' | '。' => Some('.'),
        '－' | '—' | '–' => Some('-'),
        '＞' => Some('>'),
        '→' => Some('>'),
        _ => None,
    }
}

/// True when the line has an arrow and so claims to be a timing line.
pub fn looks_like_timing(line: &str) -> bool {
    // Asked for every line of a subtitle file: four of the six arrows hold a `>`, which most
    // lines do not, and the other two are not ASCII.
    (memchr::memchr(b'>', line.as_bytes()).is_some()
        && (line.contains("-->")
            || line.contains("->")
            || line.contains("—>")
            || line.contains("-- >")))
        || (!line.is_ascii() && (line.contains("－－＞") || line.contains('→')))
}

/// Whether a timing line holds a second arrow after its first (`00:00:07,000 --> 00:00:08,000
/// --> 00:00:03,000`): it is read as its first two times, the rest taken for cue settings.
pub fn has_second_arrow(line: &str) -> bool {
    line.find('>')
        .is_some_and(|i| looks_like_timing(&line[i + 1..]))
}

/// Read `START ARROW END [settings]`. Call only on lines where [`looks_like_timing`] holds.
pub fn parse_timing_line(line: &str) -> Result<TimingLine, TimingError> {
    match exact_timing_line(line) {
        Some(timing) => Ok(timing),
        None => read_timing_line(line),
    }
}

/// The timing line as nearly every file writes it, `HH:MM:SS,mmm --> HH:MM:SS,mmm` (any number
/// of hour digits up to nine, `.` or `,` before the milliseconds), then nothing or white space
/// and ASCII cue settings: read by byte positions. `None` for any other line, which
/// [`read_timing_line`] reads (a test checks that both read such lines alike). A file of a
/// million cues has a million timing lines, and the general reading was a tenth of parsing it.
fn exact_timing_line(line: &str) -> Option<TimingLine> {
    if !line.is_ascii() {
        return None;
    }
    let b = line.as_bytes();
    let (start_ms, after_start) = exact_timestamp(b)?;
    let end_at = after_start + 5;
    if b.get(after_start..end_at) != Some(b" --> ") {
        return None;
    }
    let (end_ms, end_len) = exact_timestamp(b.get(end_at..)?)?;
    if b.get(end_at + end_len)
        .is_some_and(|c| !c.is_ascii_whitespace())
    {
        return None;
    }
    let comma = b[..end_at + end_len].contains(&b',');
    Some(TimingLine {
        start_ms,
        end_ms,
        fullwidth: false,
        trailing_digits: false,
        form: if comma { form::COMMA } else { 0 },
    })
}

/// `H:MM:SS,mmm` or `H:MM:SS.mmm` at the start of `b` (one to nine hour digits), as
/// milliseconds and the bytes it takes.
fn exact_timestamp(b: &[u8]) -> Option<(i64, usize)> {
    let hours = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=9).contains(&hours) {
        return None;
    }
    let &[b':', m1, m2, b':', s1, s2, b',' | b'.', f1, f2, f3] = b.get(hours..hours + 10)? else {
        return None;
    };
    if ![m1, m2, s1, s2, f1, f2, f3].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let digit = |c: u8| i64::from(c - b'0');
    let h = b[..hours].iter().fold(0, |h, &c| h * 10 + digit(c));
    let (m, sec) = (digit(m1) * 10 + digit(m2), digit(s1) * 10 + digit(s2));
    if m >= 60 || sec >= 60 {
        return None;
    }
    let ms = digit(f1) * 100 + digit(f2) * 10 + digit(f3);
    Some((((h * 60 + m) * 60 + sec) * 1000 + ms, hours + 10))
}

/// [`parse_timing_line`] for every form it accepts.
fn read_timing_line(line: &str) -> Result<TimingLine, TimingError> {
    let mut fullwidth = false;
    // Only characters outside ASCII are mapped: an ASCII line (nearly every one) is read as it
    // is, without a copy (a file of a million cues has a million timing lines).
    let norm: std::borrow::Cow<'_, str> = if line.is_ascii() {
        line.into()
    } else {
        line.chars()
            .map(|c| match to_ascii(c) {
                Some(a) => {
                    fullwidth |= !matches!(c, '—' | '–' | '→');
                    if c == '→' { '>' } else { a }
                }
                None => c,
            })
            .collect::<String>()
            .into()
    };
    // `→` maps to a bare `>`; `—>` to `->`; accept `-->`, `->`, `-- >` and `>` alone after that.
    let (left, arrow, right) = split_arrow(&norm)
        .ok_or_else(|| TimingError("no `-->` between the start and end times".into()))?;
    let (start_text, tail_a) = cut_trailing_digits(left.trim());
    let (start, start_form) = read_timestamp(start_text)
        .map_err(|e| TimingError(format!("start time `{}`: {e}", left.trim())))?;
    let right = right.trim_start();
    let (end_text, tail_b) = cut_trailing_digits(right.split_whitespace().next().unwrap_or(""));
    let (end, end_form) =
        read_timestamp(end_text).map_err(|e| TimingError(format!("end time `{end_text}`: {e}")))?;
    let arrow_form = if arrow == "-->" && !line.contains('→') {
        0
    } else {
        form::ARROW
    };
    Ok(TimingLine {
        start_ms: start,
        end_ms: end,
        fullwidth,
        trailing_digits: tail_a || tail_b,
        form: arrow_form | start_form | end_form,
    })
}

/// `00:00:04,560.0000000000009` → (`00:00:04,560`, true): a second fraction after the
/// milliseconds is dropped.
fn cut_trailing_digits(s: &str) -> (&str, bool) {
    if let Some(comma) = s.find(',')
        && let Some(dot) = s[comma..].find('.').map(|d| comma + d)
        && s[dot + 1..].bytes().all(|b| b.is_ascii_digit())
        && !s[dot + 1..].is_empty()
    {
        return (&s[..dot], true);
    }
    (s, false)
}

/// The text before the arrow, the arrow, and the text after it.
fn split_arrow(s: &str) -> Option<(&str, &'static str, &str)> {
    for arrow in ["-->", "-- >", "->", ">"] {
        if let Some(i) = s.find(arrow) {
            return Some((&s[..i], arrow, &s[i + arrow.len()..]));
        }
    }
    None
}

/// `[H+:]MM:SS[(,|.|:)F{1,3}]` → milliseconds. Fractions of one or two digits are tenths and
/// hundredths (`1,5` is 1.5 s).
pub fn parse_timestamp(s: &str) -> Result<i64, String> {
    read_timestamp(s).map(|(ms, _)| ms)
}

/// [`parse_timestamp`], and the [`form`] bits of the time as written: how it departs from
/// `HH:MM:SS,mmm`.
fn read_timestamp(s: &str) -> Result<(i64, u8), String> {
    if s.is_empty() {
        return Err("missing".into());
    }
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    // Split off the fraction at the last `,` or `.`; a third `:` also introduces it.
    let mut form = 0;
    let (clock, fraction) = match s.rfind([',', '.']) {
        Some(i) => {
            if s[i..].starts_with(',') {
                form |= form::COMMA;
            }
            (&s[..i], Some(&s[i + 1..]))
        }
        None => {
            let colons = s.matches(':').count();
            match (colons, s.rfind(':')) {
                (3, Some(i)) => (&s[..i], Some(&s[i + 1..])),
                _ => (s, None),
            }
        }
    };
    if fraction.is_none_or(|f| f.len() != 3) || s.matches(':').count() == 3 {
        form |= form::FRACTION;
    }
    // At most three fields are read; a fourth makes the shape wrong (no vector per timestamp).
    let mut parts = clock.split(':');
    let fields: [Option<&str>; 4] = std::array::from_fn(|_| parts.next());
    let num = |f: &str, what: &str| -> Result<i64, String> {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("{what} `{f}` is not a number"));
        }
        if f.len() > 9 {
            return Err(format!("{what} `{f}` is too large (at most 9 digits)"));
        }
        f.parse::<i64>().map_err(|e| e.to_string())
    };
    if fields[1..]
        .iter()
        .flatten()
        .chain(fields[..1].iter().flatten().filter(|_| fields[2].is_none()))
        .any(|f| f.len() != 2)
    {
        form |= form::FIELD_DIGITS;
    }
    let (h, m, sec) = match fields {
        [Some(h), Some(m), Some(sec), None] => {
            (num(h, "hours")?, num(m, "minutes")?, num(sec, "seconds")?)
        }
        [Some(m), Some(sec), None, None] => {
            form |= form::NO_HOURS;
            (0, num(m, "minutes")?, num(sec, "seconds")?)
        }
        _ => return Err("expected HH:MM:SS,mmm".into()),
    };
    if m >= 60 || sec >= 60 {
        return Err("minutes and seconds must be below 60".into());
    }
    let ms = match fraction {
        None => 0,
        Some("") => 0,
        Some(f) if f.len() <= 3 => {
            let v = num(f, "fraction")?;
            v * 10i64.pow(3 - f.len() as u32)
        }
        Some(f) => return Err(format!("fraction `{f}` has more than three digits")),
    };
    let total = ((h * 60 + m) * 60 + sec) * 1000 + ms;
    Ok((if negative { -total } else { total }, form))
}

/// A timestamp opening a line of a transcript (`[00:01:23] 你好。`, `00:30 Hello.`) or standing
/// alone on its line (`0:07`, as a video site's transcript is copied), as podcast and video
/// transcript exports write them. Layout, not text: the interleaved parser leaves it out of the
/// line's segment, so no rule reads its digits as numbers of the sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineStamp {
    /// Bytes of the stamp and the white space after it (the whole line when `alone`).
    pub len: usize,
    /// Written in brackets (`[00:07]`, `(1:02:03)`): no sentence starts so.
    pub bracketed: bool,
    /// Nothing else is on the line.
    pub alone: bool,
}

/// The timestamp opening `line` (trimmed): `M:SS`, `MM:SS`, `MMM:SS` or `H:MM:SS`/`HH:MM:SS`,
/// minutes and seconds below 60, an optional `.` or `,` fraction of one to three digits, in
/// `[]` or `()` or bare, followed by white space or the end of the line. A time glued to the
/// text (`10:30开会`) or followed by a mark (`3:20, then`) is part of the sentence.
pub fn line_stamp(line: &str) -> Option<LineStamp> {
    let b = line.as_bytes();
    let close = match *b.first()? {
        b'[' => Some(b']'),
        b'(' => Some(b')'),
        b'0'..=b'9' => None,
        _ => return None,
    };
    let mut at = usize::from(close.is_some());
    // A run of `min..=max` digits at `at`, as a number.
    let digits = |at: &mut usize, min: usize, max: usize| -> Option<u32> {
        let run = b[*at..].iter().take_while(|c| c.is_ascii_digit()).count();
        if run < min || run > max {
            return None;
        }
        let value = b[*at..*at + run]
            .iter()
            .fold(0u32, |v, &c| v * 10 + u32::from(c - b'0'));
        *at += run;
        Some(value)
    };
    let first_start = at;
    digits(&mut at, 1, 3)?;
    let first_len = at - first_start;
    let sexagesimal = |at: &mut usize| -> Option<()> {
        if b.get(*at) != Some(&b':') {
            return None;
        }
        *at += 1;
        (digits(at, 2, 2)? < 60).then_some(())
    };
    sexagesimal(&mut at)?;
    if b.get(at) == Some(&b':') {
        // Hours, minutes, seconds: the hours are one or two digits.
        if first_len > 2 {
            return None;
        }
        sexagesimal(&mut at)?;
    }
    if matches!(b.get(at), Some(b'.' | b',')) && b.get(at + 1).is_some_and(u8::is_ascii_digit) {
        at += 1;
        digits(&mut at, 1, 3)?;
    }
    if let Some(close) = close {
        if b.get(at) != Some(&close) {
            return None;
        }
        at += 1;
    }
    let rest = &line[at..];
    if rest.is_empty() {
        return Some(LineStamp {
            len: at,
            bracketed: close.is_some(),
            alone: true,
        });
    }
    let space = rest.len() - rest.trim_start().len();
    (space > 0).then_some(LineStamp {
        len: at + space,
        bracketed: close.is_some(),
        alone: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transcript_line_stamps() {
        fn stamp(line: &str) -> Option<(&str, bool, bool)> {
            line_stamp(line).map(|s| (&line[..s.len], s.bracketed, s.alone))
        }
        assert_eq!(
            stamp("[00:00:07] 你好。"),
            Some(("[00:00:07] ", true, false))
        );
        assert_eq!(stamp("00:30 汤熬好了。"), Some(("00:30 ", false, false)));
        assert_eq!(stamp("1:02:03.5\tHi."), Some(("1:02:03.5\t", false, false)));
        assert_eq!(stamp("(125:09,250)"), Some(("(125:09,250)", true, true)));
        assert_eq!(stamp("0:07"), Some(("0:07", false, true)));
        // Part of the sentence, or not a time.
        for line in [
            "10:30开会。",
            "3:20, then we left.",
            "3:2 is the score.",
            "12:75 Hi.",
            "123:45:00 Hi.",
            "[00:07 Hi.",
            "Hi 0:07",
            "2024 年",
            ":30 Hi",
        ] {
            assert_eq!(stamp(line), None, "{line}");
        }
    }

    #[test]
    fn the_form_names_what_strict_players_reject() {
        let f = |l: &str| parse_timing_line(l).map(|t| t.form).expect("read");
        assert_eq!(f("00:00:01,000 --> 00:00:02,000"), form::COMMA);
        assert_eq!(f("00:00:01.000 --> 00:00:02.000 line:90%"), 0);
        assert_eq!(f("00:00:01,000 -> 00:00:02,000"), form::ARROW | form::COMMA);
        assert_eq!(
            f("00:00:01,000 -- > 00:00:02,000"),
            form::ARROW | form::COMMA
        );
        assert_eq!(f("00:00:01,000 → 00:00:02,000"), form::ARROW | form::COMMA);
        assert_eq!(f("00:00:01 --> 00:00:02,000"), form::FRACTION | form::COMMA);
        assert_eq!(
            f("00:00:01,5 --> 00:00:02,000"),
            form::FRACTION | form::COMMA
        );
        assert_eq!(f("00:00:01:500 --> 00:00:02.000"), form::FRACTION);
        assert_eq!(f("01:01.500 --> 01:02.000"), form::NO_HOURS);
        assert_eq!(
            f("00:01,500 --> 00:00:02,000"),
            form::NO_HOURS | form::COMMA
        );
        // Read the same whichever reader takes the line.
        assert_eq!(
            read_timing_line("00:00:01,000 --> 00:00:02.000"),
            Ok(exact_timing_line("00:00:01,000 --> 00:00:02.000").expect("exact"))
        );
    }

    fn t(s: &str) -> (i64, i64, bool) {
        let l = parse_timing_line(s).unwrap();
        (l.start_ms, l.end_ms, l.fullwidth)
    }

    #[test]
    fn a_field_too_long_is_too_large_not_not_a_number() {
        assert_eq!(parse_timestamp("999999999:00:00,000").map(|_| ()), Ok(()));
        assert_eq!(
            parse_timestamp("1000000000:00:00,000"),
            Err("hours `1000000000` is too large (at most 9 digits)".to_string())
        );
        assert_eq!(
            parse_timestamp("1x:00:00,000"),
            Err("hours `1x` is not a number".to_string())
        );
    }

    #[test]
    fn the_arrow_test_finds_what_searching_every_arrow_finds() {
        let arrows = ["-->", "->", "－－＞", "—>", "→", "-- >"];
        let pieces = [
            "", "-", "--", ">", " ", "—", "－", "＞", "→", "a", "中", "0",
        ];
        let mut lines = Vec::new();
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    lines.push(format!("{a}{b}{c}"));
                }
            }
        }
        lines.extend(
            arrows
                .iter()
                .map(|a| format!("00:00:01,000 {a} 00:00:02,000")),
        );
        for line in &lines {
            let searched = arrows.iter().any(|a| line.contains(a));
            assert_eq!(looks_like_timing(line), searched, "{line:?}");
        }
    }

    #[test]
    fn exact_timing_lines_are_read_as_the_general_reading_reads_them() {
        // Lines near the exact form: each byte of a valid line replaced by one of a few others,
        // and the line cut short or continued.
        let valid = [
            "00:00:01,000 --> 00:00:04,500",
            "01:59:59.999 --> 02:00:00.000 align:start position:10%",
            "99:00:00,000 --> 00:00:00,001\t",
            "729:32:29,400 --> 1:32:34,400",
            "123456789:00:00,000 --> 1234567890:00:00,000",
        ];
        let replacements = [
            b'0', b'5', b'6', b'9', b':', b',', b'.', b' ', b'-', b'>', b'a', b'\t',
        ];
        let mut lines: Vec<String> = Vec::new();
        for v in valid {
            lines.push(v.to_string());
            for cut in 0..v.len() {
                lines.push(v[..cut].to_string());
            }
            for tail in ["x", " ", "\u{3000}", " 中", " ：", "0", ",5"] {
                lines.push(format!("{v}{tail}"));
            }
            for at in 0..v.len() {
                for r in replacements {
                    let mut bytes = v.as_bytes().to_vec();
                    bytes[at] = r;
                    lines.push(String::from_utf8(bytes).unwrap());
                }
            }
        }
        let mut exact = 0;
        for line in &lines {
            if let Some(timing) = exact_timing_line(line) {
                exact += 1;
                assert_eq!(Ok(timing), read_timing_line(line), "{line:?}");
            }
        }
        // The valid lines, their harmless variants (other digits, `.` for `,`, ASCII tails).
        assert!(exact > 100, "{exact}");
        assert_eq!(
            t("12:34:56,789 --> 12:34:57,000"),
            (45_296_789, 45_297_000, false)
        );
        assert_eq!(
            t("100:00:00,000 --> 100:00:00,001"),
            (360_000_000, 360_000_001, false)
        );
        // Ten hour digits are more than a timestamp holds, either way.
        assert!(parse_timing_line("1234567890:00:00,000 --> 1:00:00,000").is_err());
        // A full-width character after the times is still noted (the general reading).
        assert!(
            parse_timing_line("00:00:01,000 --> 00:00:02,000 ：")
                .unwrap()
                .fullwidth
        );
    }

    #[test]
    fn timestamps_with_too_few_or_too_many_fields_are_errors() {
        assert_eq!(parse_timestamp("01:02:03,5"), Ok(3_723_500));
        assert_eq!(parse_timestamp("02:03"), Ok(123_000));
        for bad in ["03", "1:2:3:4,000", "1:2:3:4:5", ":", "::", ""] {
            assert!(parse_timestamp(bad).is_err(), "{bad}");
        }
        // Full-width digits are read as ASCII; an ASCII line is read as it is.
        assert_eq!(t("０１：００ －－＞ ０２：００"), (60_000, 120_000, true));
        assert_eq!(t("01:00 --> 02:00"), (60_000, 120_000, false));
    }

    #[test]
    fn standard_and_dot_delimiters() {
        assert_eq!(t("00:00:01,500 --> 00:00:02,250"), (1500, 2250, false));
        assert_eq!(t("00:00:01.500 --> 00:00:02.250"), (1500, 2250, false));
        assert_eq!(
            t("01:00:01:500 --> 01:00:02:25"),
            (3_601_500, 3_602_250, false)
        );
    }

    #[test]
    fn vtt_short_form_and_settings() {
        assert_eq!(
            t("01:02.003 --> 01:04.000 line:85% align:middle"),
            (62_003, 64_000, false)
        );
    }

    #[test]
    fn fullwidth_digits_and_colons() {
        assert_eq!(
            t("００：００：０１，５００ --> ００：００：０２，０００"),
            (1500, 2000, true)
        );
        assert_eq!(
            t("00：00：01,500 －－＞ 00：00：02,000"),
            (1500, 2000, true)
        );
    }

    #[test]
    fn arrow_variants_short_fractions_and_long_hours() {
        assert_eq!(t("00:00:01,5->00:00:02"), (1500, 2000, false));
        assert_eq!(t("00:00:01,05 -- > 00:00:02,1"), (1050, 2100, false));
        assert_eq!(t("100:00:00,000 --> 100:00:01,000").0, 360_000_000);
    }

    #[test]
    fn digits_after_the_milliseconds_are_dropped_and_flagged() {
        let l = parse_timing_line("00:00:04,560.0000000000009 --> 00:00:10,639.8046875").unwrap();
        assert_eq!(
            (l.start_ms, l.end_ms, l.trailing_digits),
            (4560, 10_639, true)
        );
        assert!(
            !parse_timing_line("00:00:04,560 --> 00:00:05,000")
                .unwrap()
                .trailing_digits
        );
    }

    #[test]
    fn bad_timestamps_are_errors_not_panics() {
        for s in [
            "-->",
            "00:00:01,000 -->",
            "aa:bb:cc --> 00:00:01,000",
            "00:61:00,000 --> 00:62:00,000",
            "00:00:01,0000 --> 00:00:02,000",
            "99999999999:00:00 --> 0:0:0",
            "1 --> 2",
        ] {
            assert!(parse_timing_line(s).is_err(), "{s}");
        }
    }
}
