//! Numbers mentioned in an English sentence and in its Chinese translation.
//!
//! A rule wants to say "the numbers differ" only when that is almost surely
//! true, so this module leans hard towards precision:
//!
//! * anything with more than one plausible reading gets every reading as a
//!   candidate value (`7:00 pm` may be 7 or 19, `60s` may be 60 or 1960, the
//!   `10` of "10 to 20,000" may be 10 or 10,000), so a partner is easy to find;
//! * anything too common or too vague to be worth reporting (`one`, `三`,
//!   `百姓`, `第一`, `几十`) is *weak*: it may satisfy a partner but is never
//!   reported as missing;
//! * idioms that merely contain numeral characters (`十分`, `千万不要`, `万一`)
//!   are not numbers at all.
//!
//! Both extractors are hand-written scanners (no regex on the hot path) and
//! return an empty `Vec`, without allocating, for texts that hold no digit or
//! numeral at all.

use crate::text::{CharSet, FnvBuild, ascii_letters_end, bmp_code_at, utf8_width};
#[cfg(test)]
use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// One number found in a text.
///
/// A mention carries several `values` when the surface form is ambiguous, so
/// that matching can accept any reading instead of guessing one and raising a
/// false alarm.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberMention {
    /// Byte range into the text (on char boundaries), for pointing at it.
    pub span: Range<usize>,
    /// Every value this mention may stand for; the first is the most literal.
    pub values: Values,
    /// False when the form is too common or vague to report as missing
    /// (small spelled-out numbers, ordinals, `几十`); it may still match.
    pub strong: bool,
    /// The unit written after the number, when it is one whose system tells "3 feet" from 3米.
    pub unit: Option<Unit>,
    /// Bit `i` for each reading `values[i]` that is a conversion to metric ("8 feet": 2.4):
    /// it matches only a number in metric units ([`mentions_match`]).
    pub converted: u16,
}

/// A unit of measurement written after a number ([`NumberMention::unit`]). A value in feet
/// against the same value in metres is a translation error that values alone cannot see: the
/// two match only through the conversion a translator writes (8 feet, 2.4米).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    /// Imperial (feet, pounds, °F), or metric (米, 公斤, 摄氏度).
    pub imperial: bool,
    /// What it measures: only units of one dimension are compared.
    pub dimension: Dimension,
    /// Where the unit's word ends in the text, for quoting the mention with it.
    pub end: u32,
}

impl Unit {
    /// Whether `other` measures the same thing in the other system (feet against 米): the two
    /// values agree only through a conversion.
    pub fn other_system(&self, other: &Unit) -> bool {
        self.dimension == other.dimension && self.imperial != other.imperial
    }
}

/// What a [`Unit`] measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    /// Feet, inches, miles (and miles an hour); metres, kilometres.
    Length,
    /// Square feet; square metres.
    Area,
    /// Pounds; kilograms, grams.
    Mass,
    /// Gallons; litres.
    Volume,
    /// Degrees Fahrenheit; degrees Celsius.
    Temperature,
}

/// Readings kept inline: all but the rarest forms (`quarter`: four) have at most three.
const INLINE_VALUES: usize = 3;

/// The values of one mention (see [`InlineVec`]).
pub type Values = InlineVec<f64, INLINE_VALUES>;

/// How many unmatched mentions of one side a [`NumberDiff`] keeps inline.
const INLINE_UNMATCHED: usize = 4;

/// How many tokens of one Chinese number are kept inline (`三千五百万` has five).
const INLINE_TOKENS: usize = 8;

/// A short list kept inline, on the heap only past `N` items. The number scan makes such lists
/// for every line and every comparison (the readings of a mention, the tokens of a Chinese
/// number, the mentions a comparison leaves unmatched), and a heap vector each was millions of
/// allocations and frees on a big file.
#[derive(Clone)]
pub enum InlineVec<T: Copy + Default, const N: usize> {
    /// The first `len` of `items`.
    Inline {
        /// How many of `items` are in the list.
        len: u8,
        /// The list, then unused slots.
        items: [T; N],
    },
    /// More than `N`.
    Spilled(Vec<T>),
}

impl<T: Copy + Default, const N: usize> Default for InlineVec<T, N> {
    fn default() -> Self {
        InlineVec::Inline {
            len: 0,
            items: [T::default(); N],
        }
    }
}

impl<T: Copy + Default, const N: usize> InlineVec<T, N> {
    /// The list `values`, in order.
    pub fn of(values: &[T]) -> Self {
        let mut out = Self::default();
        for &v in values {
            out.push(v);
        }
        out
    }

    /// Adds an item at the end.
    pub fn push(&mut self, v: T) {
        match self {
            InlineVec::Inline { len, items } if usize::from(*len) < N.min(usize::from(u8::MAX)) => {
                items[usize::from(*len)] = v;
                *len += 1;
            }
            InlineVec::Inline { len, items } => {
                let mut spilled = items[..usize::from(*len)].to_vec();
                spilled.push(v);
                *self = InlineVec::Spilled(spilled);
            }
            InlineVec::Spilled(list) => list.push(v),
        }
    }

    /// Puts an item first (for readings: it becomes the most literal one).
    pub fn insert_first(&mut self, v: T) {
        let mut all = Vec::with_capacity(self.len() + 1);
        all.push(v);
        all.extend_from_slice(self);
        *self = Self::of(&all);
    }
}

impl<T: Copy + Default, const N: usize> std::ops::Deref for InlineVec<T, N> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        match self {
            InlineVec::Inline { len, items } => &items[..usize::from(*len)],
            InlineVec::Spilled(list) => list,
        }
    }
}

impl<T: Copy + Default, const N: usize> std::ops::DerefMut for InlineVec<T, N> {
    fn deref_mut(&mut self) -> &mut [T] {
        match self {
            InlineVec::Inline { len, items } => &mut items[..usize::from(*len)],
            InlineVec::Spilled(list) => list,
        }
    }
}

impl<T: Copy + Default, const N: usize> FromIterator<T> for InlineVec<T, N> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut out = Self::default();
        for v in iter {
            out.push(v);
        }
        out
    }
}

impl<'a, T: Copy + Default, const N: usize> IntoIterator for &'a InlineVec<T, N> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<T: Copy + Default + PartialEq, const N: usize> PartialEq for InlineVec<T, N> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<T: Copy + Default + Eq, const N: usize> Eq for InlineVec<T, N> {}

impl<T: Copy + Default + PartialEq, const N: usize> PartialEq<Vec<T>> for InlineVec<T, N> {
    fn eq(&self, other: &Vec<T>) -> bool {
        **self == **other
    }
}

impl<T: Copy + Default + std::fmt::Debug, const N: usize> std::fmt::Debug for InlineVec<T, N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl NumberMention {
    /// The mention as written, from the text it was found in (a copy per mention was a
    /// million allocations on a big file, for the few that are ever quoted).
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.span.clone()).unwrap_or("")
    }

    /// [`NumberMention::text`] with its unit, when it has one ("3 feet", 3米): how a unit
    /// error is quoted.
    pub fn text_with_unit<'a>(&self, source: &'a str) -> &'a str {
        match self.unit {
            Some(u) => source
                .get(self.span.start..u.end as usize)
                .unwrap_or(self.text(source)),
            None => self.text(source),
        }
    }
}

/// The outcome of [`compare`]: which strong mentions found no partner.
///
/// Indices rather than copies so the caller can point at spans in the texts
/// it already holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NumberDiff {
    /// Indices into the English mentions that have no Chinese partner.
    pub only_en: InlineVec<usize, INLINE_UNMATCHED>,
    /// Indices into the Chinese mentions that have no English partner.
    pub only_zh: InlineVec<usize, INLINE_UNMATCHED>,
}

impl NumberDiff {
    /// True when every strong number found a partner, i.e. nothing to report.
    pub fn is_empty(&self) -> bool {
        self.only_en.is_empty() && self.only_zh.is_empty()
    }
}

// ---------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------

/// Two values are the same number when equal within 1e-9 relative.
fn same_value(a: f64, b: f64) -> bool {
    if a == b {
        return true;
    }
    if !a.is_finite() || !b.is_finite() {
        return false;
    }
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

fn values_overlap(a: &[f64], b: &[f64]) -> bool {
    a.iter().any(|&x| b.iter().any(|&y| same_value(x, y)))
}

/// Whether English mention `e` and Chinese mention `z` may stand for the same number: a value
/// agrees, and where both give units of one dimension in two systems, it is a value converted
/// from the English (8 feet: 2.4米, never 8米).
fn mentions_match(e: &NumberMention, z: &NumberMention) -> bool {
    let other_system = matches!((e.unit, z.unit), (Some(a), Some(b)) if a.other_system(&b));
    if !e.unit.is_some_and(|a| a.imperial) {
        // A metric English value has no conversions, and against imperial Chinese is an error.
        return !other_system && values_overlap(&e.values, &z.values);
    }
    // An imperial value's conversions to metric ([`NumberMention::converted`]) match a Chinese
    // number in metric units of its dimension, and its other readings every other number.
    e.values.iter().enumerate().any(|(i, &x)| {
        let conversion = i < 16 && e.converted & (1 << i) != 0;
        conversion == other_system && z.values.iter().any(|&y| same_value(x, y))
    })
}

/// Adds an alternative reading unless it is already there (or not finite).
fn push_alt(values: &mut Values, v: f64) {
    if v.is_finite() && !values.iter().any(|&x| same_value(x, v)) {
        values.push(v);
    }
}

/// Adds each reading times `scale` as a reading too (a count in a larger unit).
fn push_scaled(values: &mut Values, scale: f64) {
    // A copy of the readings, inline for all but the rarest mentions: no heap vector per call.
    let given = values.clone();
    for v in given.iter() {
        push_alt(values, v * scale);
    }
}

fn char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..)?.chars().next()
}

fn char_before(text: &str, pos: usize) -> Option<char> {
    text.get(..pos)?.chars().next_back()
}

/// ASCII and full-width digits.
fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

fn make_mention(span: Range<usize>, values: Values, strong: bool) -> NumberMention {
    NumberMention {
        span,
        values,
        strong,
        unit: None,
        converted: 0,
    }
}

/// A run of digits with optional `,` grouping and a decimal part.
struct Digits {
    end: usize,
    value: f64,
    int_len: usize,
    decimal: bool,
}

/// True when `pos` starts exactly three digits followed by a non-digit.
fn group_follows(text: &str, pos: usize) -> bool {
    let mut it = text.get(pos..).unwrap_or("").chars();
    for _ in 0..3 {
        if !it.next().is_some_and(is_digit) {
            return false;
        }
    }
    !it.next().is_some_and(is_digit)
}

/// Reads a number at `start`, which must begin with a digit. Values are
/// accumulated in f64 so that 50 (or 500) digits saturate instead of
/// overflowing.
fn scan_digits(text: &str, start: usize, allow_fw_comma: bool) -> Digits {
    let mut pos = start;
    let mut value = 0.0f64;
    let mut int_len = 0usize;
    let mut group_len = 0usize;
    let mut grouped = false;
    while let Some(c) = char_at(text, pos) {
        if let Some(d) = digit_value(c) {
            value = value * 10.0 + f64::from(d);
            int_len += 1;
            group_len += 1;
            pos += c.len_utf8();
            continue;
        }
        // A space groups the digits of a figure, not those of a name's number: "V2 151" is the
        // speed V2 and 151 (so is "A4 100"), where "2 151" alone is 2151.
        let space = matches!(c, ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}')
            && !text.as_bytes()[..start]
                .last()
                .is_some_and(u8::is_ascii_alphabetic);
        let comma = c == ',' || space || (allow_fw_comma && c == '，');
        if comma
            && group_len <= 3
            && (!grouped || group_len == 3)
            && group_follows(text, pos + c.len_utf8())
        {
            grouped = true;
            group_len = 0;
            pos += c.len_utf8();
            continue;
        }
        break;
    }
    let mut decimal = false;
    if let Some(c) = char_at(text, pos)
        && (c == '.' || c == '．')
        && char_at(text, pos + c.len_utf8()).is_some_and(is_digit)
    {
        decimal = true;
        pos += c.len_utf8();
        let mut scale = 0.1f64;
        let mut kept = 0;
        while let Some(c) = char_at(text, pos) {
            let Some(d) = digit_value(c) else { break };
            if kept < 17 {
                value += f64::from(d) * scale;
                scale /= 10.0;
                kept += 1;
            }
            pos += c.len_utf8();
        }
        // Re-derive from the literal where possible to avoid `0.1 * 3` noise.
        if kept > 0
            && let Some(s) = text.get(start..pos)
        {
            let clean: String = s
                .chars()
                .filter_map(|c| match c {
                    ',' | '，' => None,
                    '．' => Some('.'),
                    c => digit_value(c)
                        .and_then(|d| char::from_digit(d, 10))
                        .or(Some(c)),
                })
                .collect();
            if let Ok(v) = clean.parse::<f64>() {
                value = v;
            }
        }
    }
    Digits {
        end: pos,
        value,
        int_len,
        decimal,
    }
}

/// `7:45`: a colon followed by exactly two digits marks the number before it
/// as an hour.
fn is_time_colon(text: &str, pos: usize) -> bool {
    match char_at(text, pos) {
        Some(c @ (':' | '：')) => group_follows_n(text, pos + c.len_utf8(), 2),
        _ => false,
    }
}

fn group_follows_n(text: &str, pos: usize, n: usize) -> bool {
    let mut it = text.get(pos..).unwrap_or("").chars();
    for _ in 0..n {
        if !it.next().is_some_and(is_digit) {
            return false;
        }
    }
    !it.next().is_some_and(is_digit)
}

/// The `00` of `7:00`: says nothing a translation must repeat.
fn is_zero_minutes(text: &str, start: usize, d: &Digits) -> bool {
    d.value == 0.0
        && d.int_len == 2
        && !d.decimal
        && matches!(char_before(text, start), Some(':' | '：'))
        && text
            .get(..start)
            .and_then(|s| s.chars().rev().nth(1))
            .is_some_and(is_digit)
}

/// An hour may be written on a 12- or a 24-hour clock.
fn add_hour_alts(values: &mut Values) {
    let h = values[0];
    if h.fract() == 0.0 {
        if (0.0..=12.0).contains(&h) {
            push_alt(values, h + 12.0);
        } else if h > 12.0 && h <= 24.0 {
            push_alt(values, h - 12.0);
        }
    }
}

/// `60s` / `六十年代` may mean 60 or 1960; `1960s` may be shortened to 60.
fn add_decade_alts(values: &mut Values) {
    let v = values[0];
    if v.fract() != 0.0 || v % 10.0 != 0.0 {
        return;
    }
    if (10.0..=90.0).contains(&v) {
        push_alt(values, 1900.0 + v);
    } else if (1000.0..=2100.0).contains(&v) {
        push_alt(values, v % 100.0);
    }
}

/// Range shorthand: in "10 to 20,000", "2 or 3 million", "一到两万", the first
/// number borrows the second one's magnitude. Give it that reading too.
fn apply_ranges(text: &str, out: &mut [NumberMention], connectors: &[&str]) {
    for k in 1..out.len() {
        let (left, right) = out.split_at_mut(k);
        let a_m = &mut left[k - 1];
        let b_m = &right[0];
        let Some(gap) = text.get(a_m.span.end..b_m.span.start) else {
            continue;
        };
        let gap = gap.trim();
        if !connectors.iter().any(|c| c.eq_ignore_ascii_case(gap)) {
            continue;
        }
        let (a, b) = (a_m.values[0], b_m.values[0]);
        if !(a > 0.0 && a < 1000.0 && b >= 1000.0 && a < b) {
            continue;
        }
        for p in [1e3, 1e4, 1e6, 1e8, 1e9, 1e12] {
            let c = a * p;
            if c <= b * (1.0 + 1e-9) && c * 10.0 >= b * (1.0 - 1e-9) {
                push_alt(&mut a_m.values, c);
            }
        }
        // The second number's scale word, whatever the span: "between 20 and 500 million" is 20
        // million to 500 million (2000万到5亿).
        if let Some(scale) = text.get(b_m.span.clone()).and_then(scale_word_of)
            && a * scale < b
        {
            push_alt(&mut a_m.values, a * scale);
        }
    }
}

/// Separators of an English list of numbers ("412, 425, and 431 thousand").
const LIST_SEPARATORS: &[&str] = &[",", ", and", ", or"];

/// Gives the numbers of an English list the scale word its last number ends with: "412, 425,
/// and 431 thousand" says thousand once for all three (41.2万、42.5万和43.1万), as "between 20
/// and 500 million" does for a range ([`apply_ranges`], which also reads a pair joined by
/// "and" or "or").
fn apply_list_scales(text: &str, out: &mut [NumberMention]) {
    for k in (1..out.len()).rev() {
        let Some(scale) = text.get(out[k].span.clone()).and_then(scale_word_of) else {
            continue;
        };
        let last = out[k].values[0];
        let mut j = k;
        while j > 0 {
            let gap = text
                .get(out[j - 1].span.end..out[j].span.start)
                .unwrap_or("")
                .trim_end();
            if !LIST_SEPARATORS.iter().any(|s| gap.eq_ignore_ascii_case(s)) {
                break;
            }
            let a = out[j - 1].values[0];
            // A count of the same unit as the last: within a factor of ten of it.
            if !(a > 0.0 && a < 1000.0 && a * scale * 10.0 >= last && a * scale <= last * 10.0) {
                break;
            }
            push_alt(&mut out[j - 1].values, a * scale);
            j -= 1;
        }
    }
}

/// The scale word a number ends with: "500 million", `5亿`.
fn scale_word_of(number: &str) -> Option<f64> {
    let last = number.rsplit([' ', '-']).next().unwrap_or(number);
    const SCALES: [(&str, f64); 8] = [
        ("thousand", 1e3),
        ("million", 1e6),
        ("billion", 1e9),
        ("trillion", 1e12),
        ("万", 1e4),
        ("萬", 1e4),
        ("亿", 1e8),
        ("億", 1e8),
    ];
    SCALES
        .iter()
        .find(|(w, _)| last.ends_with(w) && (w.len() == 3 || last.eq_ignore_ascii_case(w)))
        .map(|&(_, s)| s)
}

/// Whether the Chinese before `start` hedges the number after it (约, 约为, 大约, 大概是, 将近).
fn zh_hedged_before(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("");
    let before = before
        .strip_suffix('为')
        .or_else(|| before.strip_suffix('是'))
        .unwrap_or(before);
    ["约", "大概", "差不多", "将近", "近"]
        .iter()
        .any(|h| before.ends_with(h))
}

/// A range of shares in tenths writes 成 once, after its second number: in 两到三成 ("20 to 30
/// percent") the 两 is also 20 %.
fn apply_share_ranges(text: &str, out: &mut [NumberMention]) {
    for k in 1..out.len() {
        let (left, right) = out.split_at_mut(k);
        let (a_m, b_m) = (&mut left[k - 1], &right[0]);
        let shares = text
            .get(b_m.span.clone())
            .is_some_and(|t| t.ends_with('成'))
            && text
                .get(a_m.span.clone())
                .is_some_and(|t| !t.ends_with('成'));
        let joined = text
            .get(a_m.span.end..b_m.span.start)
            .is_some_and(|gap| ZH_CONNECTORS.contains(&gap.trim()));
        let a = a_m.values[0];
        if shares && joined && a > 0.0 && a < 10.0 {
            push_alt(&mut a_m.values, a * 10.0);
        }
    }
}

// ---------------------------------------------------------------------------
// English
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq)]
enum Word {
    Zero,
    Unit(f64),
    Teen(f64),
    Tens(f64),
    Hundred,
    Big(f64),
    Half,
    Quarter,
    Dozen,
    Twice,
    Month(f64),
    Decade(f64),
    /// `first`, `tenth`, `hundredth`: a translation often uses the cardinal.
    Ord(f64),
    /// `double`, `noon`: a weak value and nothing more.
    Vague(f64),
    /// `thirds`, `quarters`, `fifths`: the parts of a fraction ("two thirds").
    Parts(f64),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Suffix {
    None,
    Ordinal,
    Plural,
    Kilo,
    Mega,
    Giga,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum AtomKind {
    Num {
        value: f64,
        suffix: Suffix,
        hour: bool,
        /// A number that may match but is never reported missing: the minutes of a whole
        /// hour ("9:00"), a name's number (`COVID-19`), a formula's subscript (`CO2`).
        weak: bool,
    },
    Word(Word),
}

#[derive(Debug, Clone, Copy)]
struct Atom {
    start: usize,
    end: usize,
    kind: AtomKind,
}

/// Shortest word of [`NUMBER_WORDS`] and [`MONTH_WORDS`] (`one`, `six`, `jan`…): a test holds the table to it, and
/// the many shorter English words ("a", "to", "of") skip the lookup.
const MIN_NUMBER_WORD: usize = 3;

fn lookup_word(word: &str) -> Option<Word> {
    if word.len() < MIN_NUMBER_WORD {
        return None;
    }
    word_table(word)
}

/// English number words, lower-cased, and what they stand for.
const NUMBER_WORDS: &[(&str, Word)] = &[
    ("zero", Word::Zero),
    // A score: "two-nil", "won three nil" (3比0).
    ("nil", Word::Zero),
    ("one", Word::Unit(1.0)),
    ("two", Word::Unit(2.0)),
    ("three", Word::Unit(3.0)),
    ("four", Word::Unit(4.0)),
    ("five", Word::Unit(5.0)),
    ("six", Word::Unit(6.0)),
    ("seven", Word::Unit(7.0)),
    ("eight", Word::Unit(8.0)),
    ("nine", Word::Unit(9.0)),
    ("ten", Word::Teen(10.0)),
    ("eleven", Word::Teen(11.0)),
    ("twelve", Word::Teen(12.0)),
    ("thirteen", Word::Teen(13.0)),
    ("fourteen", Word::Teen(14.0)),
    ("fifteen", Word::Teen(15.0)),
    ("sixteen", Word::Teen(16.0)),
    ("seventeen", Word::Teen(17.0)),
    ("eighteen", Word::Teen(18.0)),
    ("nineteen", Word::Teen(19.0)),
    ("twenty", Word::Tens(20.0)),
    ("thirty", Word::Tens(30.0)),
    ("forty", Word::Tens(40.0)),
    ("fourty", Word::Tens(40.0)),
    ("fifty", Word::Tens(50.0)),
    ("sixty", Word::Tens(60.0)),
    ("seventy", Word::Tens(70.0)),
    ("eighty", Word::Tens(80.0)),
    ("ninety", Word::Tens(90.0)),
    ("hundred", Word::Hundred),
    ("thousand", Word::Big(1e3)),
    ("million", Word::Big(1e6)),
    ("billion", Word::Big(1e9)),
    ("trillion", Word::Big(1e12)),
    ("half", Word::Half),
    ("quarter", Word::Quarter),
    ("dozen", Word::Dozen),
    ("twice", Word::Twice),
    ("double", Word::Vague(2.0)),
    ("triple", Word::Vague(3.0)),
    // "went up tenfold": 翻了十倍.
    ("twofold", Word::Vague(2.0)),
    ("threefold", Word::Vague(3.0)),
    ("fourfold", Word::Vague(4.0)),
    ("fivefold", Word::Vague(5.0)),
    ("sixfold", Word::Vague(6.0)),
    ("sevenfold", Word::Vague(7.0)),
    ("eightfold", Word::Vague(8.0)),
    ("ninefold", Word::Vague(9.0)),
    ("tenfold", Word::Vague(10.0)),
    ("hundredfold", Word::Vague(100.0)),
    ("thousandfold", Word::Vague(1e3)),
    ("noon", Word::Vague(12.0)),
    ("midday", Word::Vague(12.0)),
    ("midnight", Word::Vague(12.0)),
    ("squared", Word::Vague(2.0)),
    ("cubed", Word::Vague(3.0)),
    ("decade", Word::Vague(10.0)),
    ("century", Word::Vague(100.0)),
    ("millennium", Word::Vague(1e3)),
    // "marked the centenary": 一百周年.
    ("centenary", Word::Vague(100.0)),
    ("centennial", Word::Vague(100.0)),
    ("bicentenary", Word::Vague(200.0)),
    ("bicentennial", Word::Vague(200.0)),
    ("first", Word::Ord(1.0)),
    ("second", Word::Ord(2.0)),
    ("third", Word::Ord(3.0)),
    ("fourth", Word::Ord(4.0)),
    ("fifth", Word::Ord(5.0)),
    ("sixth", Word::Ord(6.0)),
    ("seventh", Word::Ord(7.0)),
    ("eighth", Word::Ord(8.0)),
    ("ninth", Word::Ord(9.0)),
    ("tenth", Word::Ord(10.0)),
    ("halves", Word::Parts(2.0)),
    ("thirds", Word::Parts(3.0)),
    ("quarters", Word::Parts(4.0)),
    ("fourths", Word::Parts(4.0)),
    ("fifths", Word::Parts(5.0)),
    ("sixths", Word::Parts(6.0)),
    ("sevenths", Word::Parts(7.0)),
    ("eighths", Word::Parts(8.0)),
    ("ninths", Word::Parts(9.0)),
    ("tenths", Word::Parts(10.0)),
    ("eleventh", Word::Ord(11.0)),
    ("twelfth", Word::Ord(12.0)),
    ("thirteenth", Word::Ord(13.0)),
    ("fourteenth", Word::Ord(14.0)),
    ("fifteenth", Word::Ord(15.0)),
    ("sixteenth", Word::Ord(16.0)),
    ("seventeenth", Word::Ord(17.0)),
    ("eighteenth", Word::Ord(18.0)),
    ("nineteenth", Word::Ord(19.0)),
    ("twentieth", Word::Ord(20.0)),
    ("thirtieth", Word::Ord(30.0)),
    ("fortieth", Word::Ord(40.0)),
    ("fiftieth", Word::Ord(50.0)),
    ("sixtieth", Word::Ord(60.0)),
    ("seventieth", Word::Ord(70.0)),
    ("eightieth", Word::Ord(80.0)),
    ("ninetieth", Word::Ord(90.0)),
    ("hundredth", Word::Ord(100.0)),
    ("thousandth", Word::Ord(1e3)),
    ("millionth", Word::Ord(1e6)),
    ("twenties", Word::Decade(20.0)),
    ("thirties", Word::Decade(30.0)),
    ("forties", Word::Decade(40.0)),
    ("fifties", Word::Decade(50.0)),
    ("sixties", Word::Decade(60.0)),
    ("seventies", Word::Decade(70.0)),
    ("eighties", Word::Decade(80.0)),
    ("nineties", Word::Decade(90.0)),
];

/// Month names and abbreviations: numbers only when capitalised (`May` is 5, `may` is not).
const MONTH_WORDS: &[(&str, Word)] = &[
    ("january", Word::Month(1.0)),
    ("jan", Word::Month(1.0)),
    ("february", Word::Month(2.0)),
    ("feb", Word::Month(2.0)),
    ("march", Word::Month(3.0)),
    ("april", Word::Month(4.0)),
    ("apr", Word::Month(4.0)),
    ("may", Word::Month(5.0)),
    ("june", Word::Month(6.0)),
    ("jun", Word::Month(6.0)),
    ("july", Word::Month(7.0)),
    ("jul", Word::Month(7.0)),
    ("august", Word::Month(8.0)),
    ("aug", Word::Month(8.0)),
    ("september", Word::Month(9.0)),
    ("sept", Word::Month(9.0)),
    ("sep", Word::Month(9.0)),
    ("october", Word::Month(10.0)),
    ("oct", Word::Month(10.0)),
    ("november", Word::Month(11.0)),
    ("nov", Word::Month(11.0)),
    ("december", Word::Month(12.0)),
    ("dec", Word::Month(12.0)),
];

/// [`NUMBER_WORDS`] and [`MONTH_WORDS`] by spelling.
struct WordTable {
    /// Lower-cased spelling → (word, is a month), FNV-hashed: one probe per candidate word,
    /// where a `match` over a hundred strings compared many.
    words: HashMap<&'static [u8], (Word, bool), FnvBuild>,
    /// `shapes[len][first]` has bit `last` set when a spelling of `len` bytes starts with letter
    /// `first` and ends with letter `last` (letters as 0..26): almost every English word fails
    /// this test, so few are hashed at all. Exact, since it is built from the same spellings.
    shapes: [[u32; 26]; MAX_NUMBER_WORD + 1],
}

/// Longest spelling in [`NUMBER_WORDS`] and [`MONTH_WORDS`] (`seventeenths`); a test holds the
/// tables to it.
const MAX_NUMBER_WORD: usize = 12;

impl WordTable {
    /// Whether `word` has the length, first and last letter (in any case) of a spelling.
    fn may_have(&self, word: &[u8]) -> bool {
        let (Some(&first), Some(&last)) = (word.first(), word.last()) else {
            return false;
        };
        let lower = |b: u8| b.to_ascii_lowercase().wrapping_sub(b'a');
        let (first, last) = (lower(first), lower(last));
        self.shapes
            .get(word.len())
            .and_then(|row| row.get(usize::from(first)))
            .is_some_and(|bits| last < 26 && bits & (1 << last) != 0)
    }
}

static WORD_TABLE: LazyLock<WordTable> = LazyLock::new(|| {
    let months = MONTH_WORDS.iter().map(|&(w, v)| (w, (v, true)));
    let all = NUMBER_WORDS
        .iter()
        .map(|&(w, v)| (w, (v, false)))
        .chain(months);
    let mut shapes = [[0u32; 26]; MAX_NUMBER_WORD + 1];
    let mut words = HashMap::default();
    for (w, v) in all {
        let b = w.as_bytes();
        if let (Some(&first), Some(&last)) = (b.first(), b.last())
            && let Some(row) = shapes.get_mut(b.len())
            && first.is_ascii_lowercase()
            && last.is_ascii_lowercase()
        {
            row[usize::from(first - b'a')] |= 1 << (last - b'a');
        }
        words.insert(b, v);
    }
    WordTable { words, shapes }
});

/// The number word `word` spells (any case; months only when capitalised).
fn word_table(word: &str) -> Option<Word> {
    if word.len() > MAX_NUMBER_WORD || word.is_empty() {
        return None;
    }
    let table = &*WORD_TABLE;
    if !table.may_have(word.as_bytes()) {
        return None;
    }
    let mut buf = [0u8; MAX_NUMBER_WORD];
    for (b, x) in buf.iter_mut().zip(word.bytes()) {
        *b = x.to_ascii_lowercase();
    }
    let lower = &buf[..word.len()];
    let capital = word.as_bytes()[0].is_ascii_uppercase();
    let &(w, month) = table.words.get(lower)?;
    (capital || !month).then_some(w)
}

/// Letters glued to a number: `1st`, `1960s`, `60's`, `5k`, `3m`, `2bn`.
fn english_suffix(text: &str, end: usize) -> (Suffix, usize) {
    let rest = text.get(end..).unwrap_or("");
    let letters = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    let word = &rest[..letters];
    let suffix = if word.eq_ignore_ascii_case("st")
        || word.eq_ignore_ascii_case("nd")
        || word.eq_ignore_ascii_case("rd")
        || word.eq_ignore_ascii_case("th")
    {
        Suffix::Ordinal
    } else if word == "s" {
        Suffix::Plural
    } else if word.eq_ignore_ascii_case("k") {
        Suffix::Kilo
    } else if word.eq_ignore_ascii_case("m") || word.eq_ignore_ascii_case("mn") {
        Suffix::Mega
    } else if word.eq_ignore_ascii_case("bn") || word == "B" {
        Suffix::Giga
    } else if letters == 0 {
        for apos in ["'s", "’s"] {
            if let Some(after) = rest.strip_prefix(apos)
                && !after
                    .bytes()
                    .next()
                    .is_some_and(|b| b.is_ascii_alphabetic())
            {
                return (Suffix::Plural, end + apos.len());
            }
        }
        Suffix::None
    } else {
        Suffix::None
    };
    if suffix == Suffix::None {
        (suffix, end)
    } else {
        (suffix, end + letters)
    }
}

/// Case-insensitive `prefix` at the start of `s`, not followed by a letter.
fn starts_with_word(s: &str, prefix: &str) -> bool {
    strip_prefix_ignore_case(s, prefix)
        .is_some_and(|rest| !rest.bytes().next().is_some_and(|b| b.is_ascii_alphabetic()))
}

/// `7 pm`, `7am`, `7 o'clock`.
fn followed_by_clock(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or("").trim_start_matches(' ');
    // Every number of every line asks: most are followed by a word that starts otherwise.
    if !rest
        .bytes()
        .next()
        .is_some_and(|b| matches!(b.to_ascii_lowercase(), b'a' | b'p' | b'o'))
    {
        return false;
    }
    ["am", "pm", "a.m.", "p.m.", "o'clock", "o’clock"]
        .iter()
        .any(|w| starts_with_word(rest, w))
}

/// "a hundred", "an eighth": the article stands for one.
fn preceded_by_article(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("").trim_end();
    for art in ["a", "an"] {
        if before.len() >= art.len() && before.is_char_boundary(before.len() - art.len()) {
            let (head, tail) = before.split_at(before.len() - art.len());
            if tail.eq_ignore_ascii_case(art)
                && !head
                    .bytes()
                    .next_back()
                    .is_some_and(|b| b.is_ascii_alphabetic())
            {
                return true;
            }
        }
    }
    false
}

/// The number words and digit strings of an English line, in order, into `atoms` (cleared
/// first).
fn english_atoms(text: &str, atoms: &mut Vec<Atom>) {
    atoms.clear();
    let bytes = text.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        let b = bytes[pos];
        if b.is_ascii_alphabetic() {
            let start = pos;
            pos = ascii_letters_end(bytes, pos);
            let word = &text[start..pos];
            let w = lookup_word(word).or_else(|| {
                (word.len() == 4
                    && word.eq_ignore_ascii_case("love")
                    && love_in_a_score(text, start, pos, atoms))
                .then_some(Word::Zero)
            });
            if let Some(w) = w {
                atoms.push(Atom {
                    start,
                    end: pos,
                    kind: AtomKind::Word(w),
                });
            }
            continue;
        }
        if b.is_ascii() && !b.is_ascii_digit() {
            pos += 1;
            continue;
        }
        let Some(c) = char_at(text, pos) else { break };
        if is_digit(c) {
            let d = scan_digits(text, pos, false);
            let (suffix, end) = english_suffix(text, d.end);
            let hour = is_time_colon(text, d.end) || followed_by_clock(text, end);
            // `COVID-19` is 新冠 in Chinese: a name, not a number.
            let weak = is_zero_minutes(text, pos, &d)
                || text.get(..pos).is_some_and(|b| {
                    b.len() >= 6
                        && b.is_char_boundary(b.len() - 6)
                        && b[b.len() - 6..].eq_ignore_ascii_case("covid-")
                })
                || is_formula_subscript(bytes, pos, &d);
            atoms.push(Atom {
                start: pos,
                end,
                kind: AtomKind::Num {
                    value: d.value,
                    suffix,
                    hour,
                    weak,
                },
            });
            pos = end;
            continue;
        }
        if let Some(value) = circled_number(c) {
            // `③` is the number 3, as a digit would be.
            atoms.push(Atom {
                start: pos,
                end: pos + c.len_utf8(),
                kind: AtomKind::Num {
                    value: f64::from(value),
                    suffix: Suffix::None,
                    hour: false,
                    weak: false,
                },
            });
        }
        pos += c.len_utf8();
    }
}

/// The digit a word atom says when it is one digit (`zero` to `nine`).
fn digit_word(atom: &Atom) -> Option<u8> {
    match atom.kind {
        AtomKind::Word(Word::Zero) => Some(0),
        AtomKind::Word(Word::Unit(v)) if (1.0..=9.0).contains(&v) && v.fract() == 0.0 => {
            Some(v as u8)
        }
        _ => None,
    }
}

/// Joins digits said one by one into the number they spell, as radio and phone talk says them:
/// "heading zero nine zero" (零九零, 090), "one one eight decimal seven" (118.7), "squawk four
/// two one three" (4213), "runway two seven" (27). Words one space apart, one `decimal` or
/// `point` among them; two words when the first is not "one" ("I bought one two years ago"
/// is a pronoun and a count), three otherwise.
fn join_spoken_digits(text: &str, atoms: &mut Vec<Atom>) {
    let mut k = 0;
    while k + 1 < atoms.len() {
        if digit_word(&atoms[k]).is_none() {
            k += 1;
            continue;
        }
        // The run's last atom, and after how many digits a decimal point stands: read first,
        // so that a lone digit word (most of them) allocates nothing.
        let mut point = None;
        let mut end = k;
        // A digit word that opens a compound ("eight-hour", "two-year") counts something of
        // its own: "three eight-hour shifts" is three shifts of eight hours, not 38.
        let opens_compound = |atom: &Atom| {
            let after = text.as_bytes().get(atom.end..).unwrap_or_default();
            after.first() == Some(&b'-') && after.get(1).is_some_and(u8::is_ascii_alphabetic)
        };
        while atoms
            .get(end + 1)
            .is_some_and(|next| digit_word(next).is_some() && !opens_compound(next))
            && !opens_compound(&atoms[end])
        {
            let gap = text.get(atoms[end].end..atoms[end + 1].start).unwrap_or("");
            let decimal_point = point.is_none()
                && (gap.eq_ignore_ascii_case(" decimal ") || gap.eq_ignore_ascii_case(" point "));
            if decimal_point {
                point = Some(end + 1 - k);
            } else if gap != " " {
                break;
            }
            end += 1;
        }
        let said_one = text
            .get(atoms[k].start..atoms[k].end)
            .is_some_and(|w| w.eq_ignore_ascii_case("one"));
        let least = if said_one { 3 } else { 2 };
        if end + 1 - k < least {
            k = end + 1;
            continue;
        }
        // Read from the digits written out, as a literal is ("118.7", not 118 + 0.7).
        let mut literal = String::with_capacity(end + 2 - k);
        for (i, atom) in atoms[k..=end].iter().enumerate() {
            if point == Some(i) {
                literal.push('.');
            }
            literal.push(char::from(b'0' + digit_word(atom).unwrap_or(0)));
        }
        let Ok(value) = literal.parse::<f64>() else {
            k = end + 1;
            continue;
        };
        let joined = Atom {
            start: atoms[k].start,
            end: atoms[end].end,
            kind: AtomKind::Num {
                value,
                suffix: Suffix::None,
                hour: false,
                weak: false,
            },
        };
        atoms.splice(k..=end, [joined]);
        k += 1;
    }
}

/// Whether the digit at `pos` is a chemical formula's subscript (`CO2`, `H2O`, `CH4`): one digit,
/// glued to an element symbol (a capital, perhaps a small letter) that opens a word or follows
/// another symbol's subscript. A translation writes the substance's name (二氧化碳), without
/// the digit. `A380` and `G20` (more digits) and `iPhone15` (a word) stay numbers.
fn is_formula_subscript(bytes: &[u8], pos: usize, d: &Digits) -> bool {
    // One digit, then the end of the word or the next symbol (`H2O`).
    let next = bytes.get(d.end).copied().unwrap_or(b' ');
    if d.end != pos + 1 || d.decimal || (next.is_ascii_alphanumeric() && !next.is_ascii_uppercase())
    {
        return false;
    }
    let head = &bytes[..pos];
    let letters = head
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    let word = &head[pos - letters..];
    let opens = pos == letters || !head[pos - letters - 1].is_ascii_alphanumeric();
    // Element symbols: a capital, or a capital and a small letter, one after another. No
    // symbol begins with J or Q: `Q3` is a quarter of the year.
    let mut k = 0;
    while k < word.len() {
        if !word[k].is_ascii_uppercase() || matches!(word[k], b'J' | b'Q') {
            return false;
        }
        k += 1 + usize::from(word.get(k + 1).is_some_and(u8::is_ascii_lowercase));
    }
    (1..=4).contains(&letters) && opens
}

/// Whether "love" at `start..end` is a tennis score's zero: joined by a hyphen to a number just
/// before it ("fifteen-love", `atoms` so far) or just after it ("love-thirty", "love-15"), as
/// 15比0 writes it. "I love you" is no number.
fn love_in_a_score(text: &str, start: usize, end: usize, atoms: &[Atom]) -> bool {
    let after_number = start > 0
        && text.as_bytes()[start - 1] == b'-'
        && atoms.last().is_some_and(|a| a.end == start - 1);
    let before_number = text
        .get(end..)
        .and_then(|r| r.strip_prefix('-'))
        .is_some_and(|r| {
            let b = r.as_bytes();
            b.first().is_some_and(u8::is_ascii_digit)
                || lookup_word(&r[..ascii_letters_end(b, 0)]).is_some()
        });
    after_number || before_number
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Gap {
    Adjacent,
    And,
    Other,
}

fn gap_kind(g: &str) -> Gap {
    let t = g.trim();
    if t.is_empty() || t == "-" || t == "‐" || t == "–" {
        Gap::Adjacent
    } else if t.eq_ignore_ascii_case("and") {
        Gap::And
    } else {
        Gap::Other
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Last {
    Digits,
    Unit,
    Teen,
    Tens,
    TensUnit,
    Hundred,
    Big(f64),
}

/// Whether the gap `from..to` between two number words holds a hyphen or dash.
fn hyphen_between(text: &str, from: usize, to: usize) -> bool {
    text.get(from..to)
        .is_some_and(|g| g.contains(['-', '‐', '–']))
}

/// Least digit words a spoken digit string has: "three-one" is a score or two numbers.
const MIN_SPOKEN_DIGITS: usize = 3;

/// The value, end and next atom of digit words joined by hyphens from atom `i` ("nine-one-one"
/// is 911), when there are [`MIN_SPOKEN_DIGITS`] or more.
fn spoken_digits(text: &str, atoms: &[Atom], i: usize) -> Option<(f64, usize, usize)> {
    let digit = |k: usize| match atoms.get(k)?.kind {
        AtomKind::Word(Word::Unit(v)) => Some(v),
        AtomKind::Word(Word::Zero) => Some(0.0),
        _ => None,
    };
    let mut value = digit(i)?;
    let mut k = i + 1;
    while let Some(v) = digit(k)
        && text.get(atoms[k - 1].end..atoms[k].start) == Some("-")
    {
        value = value * 10.0 + v;
        k += 1;
    }
    (k - i >= MIN_SPOKEN_DIGITS).then(|| (value, atoms[k - 1].end, k))
}

/// Joins single digits chained by hyphens ("3-2-1", [`MIN_SPOKEN_DIGITS`] or more) into the
/// number they spell, as "three-two-one" is read ([`spoken_digits`]): a translation writes the
/// name of a rule or a countdown in digits, and read as 3 and a range 2–1 it matched nothing.
/// Mentions from `base` on.
fn join_digit_chains(text: &str, out: &mut Vec<NumberMention>, base: usize) {
    let single_digit = |m: &NumberMention| {
        m.span.len() == 1
            && text
                .as_bytes()
                .get(m.span.start)
                .is_some_and(u8::is_ascii_digit)
    };
    let mut k = base;
    while k + MIN_SPOKEN_DIGITS <= out.len() {
        let mut end = k;
        while end + 1 < out.len()
            && single_digit(&out[end])
            && single_digit(&out[end + 1])
            && out[end + 1].span.start == out[end].span.end + 1
            && text.as_bytes()[out[end].span.end] == b'-'
        {
            end += 1;
        }
        if end + 1 - k < MIN_SPOKEN_DIGITS {
            k = end + 1;
            continue;
        }
        let value = out[k..=end].iter().fold(0.0, |v, m| {
            v * 10.0 + f64::from(text.as_bytes()[m.span.start] - b'0')
        });
        let joined = make_mention(
            out[k].span.start..out[end].span.end,
            Values::of(&[value]),
            true,
        );
        out.splice(k..=end, [joined]);
        k += 1;
    }
}

/// The scale word of "… of a million" when atom `k` is one (`million`, `billion`) and the
/// text from `from` to it is " of a ": its multiplier and end.
fn of_a_scale_word(atoms: &[Atom], k: usize, text: &str, from: usize) -> Option<(f64, usize)> {
    let b = atoms.get(k)?;
    let AtomKind::Word(Word::Big(m)) = b.kind else {
        return None;
    };
    text.get(from..b.start)?
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .eq(["of", "a"])
        .then_some((m, b.end))
}

/// Parses one number phrase starting at atom `i`, pushes its mention, and
/// returns the index of the next unused atom.
fn english_phrase(text: &str, atoms: &[Atom], i: usize, out: &mut Vec<NumberMention>) -> usize {
    let a = atoms[i];
    let span = a.start..a.end;
    // "the nineteen sixties": a century word before a decade word is one decade, 1960.
    if let AtomKind::Word(Word::Teen(c @ (18.0 | 19.0)) | Word::Tens(c @ 20.0)) = a.kind
        && let Some(b) = atoms.get(i + 1)
        && let AtomKind::Word(Word::Decade(v)) = b.kind
        && text
            .get(a.end..b.start)
            .is_some_and(|g| gap_kind(g) == Gap::Adjacent)
    {
        let year = c * 100.0 + v;
        out.push(make_mention(a.start..b.end, Values::of(&[year, v]), true));
        return i + 2;
    }
    // "nine-one-one", "four-one-five": digits said one by one are one number (911).
    if let Some((value, end, next)) = spoken_digits(text, atoms, i) {
        out.push(make_mention(a.start..end, Values::of(&[value]), true));
        return next;
    }
    let (mut total, mut cur, last, has_digits, bare) = match a.kind {
        AtomKind::Word(Word::Month(m)) => {
            out.push(make_mention(span, Values::of(&[m]), false));
            return i + 1;
        }
        AtomKind::Word(Word::Decade(v)) => {
            out.push(make_mention(span, Values::of(&[v, 1900.0 + v]), false));
            return i + 1;
        }
        AtomKind::Word(Word::Quarter) => {
            // "a quarter of a million": a share of the scale word (25万).
            if let Some((m, end)) = of_a_scale_word(atoms, i + 1, text, a.end) {
                out.push(make_mention(a.start..end, Values::of(&[0.25 * m]), true));
                return i + 2;
            }
            out.push(make_mention(
                span,
                Values::of(&[0.25, 15.0, 45.0, 25.0]),
                false,
            ));
            return i + 1;
        }
        AtomKind::Word(Word::Twice) => {
            out.push(make_mention(span, Values::of(&[2.0]), false));
            return i + 1;
        }
        AtomKind::Word(Word::Vague(v) | Word::Ord(v)) => {
            let mut values = Values::of(&[v]);
            if v == 12.0 && matches!(a.kind, AtomKind::Word(Word::Vague(_))) {
                values.push(0.0);
                values.push(24.0);
            }
            // "a fifth", "a tenth": a share, as a percentage (两成, 20%) or a fraction.
            // "1 third" (a digit before it, 1 三分之一) likewise.
            let digit_before = text
                .get(..a.start)
                .and_then(|t| t.strip_suffix(' '))
                .is_some_and(|t| t.ends_with(|c: char| c.is_ascii_digit()));
            // "every tenth of a degree" (零点一度): a part of one unit; "eighth-inch spacers"
            // (八分之一英寸的十字卡), a part of the unit it is hyphened to.
            let part_of_one = text.get(a.end..).is_some_and(|rest| {
                starts_with_word(rest.trim_start(), "of a")
                    || starts_with_word(rest.trim_start(), "of an")
                    || rest.strip_prefix('-').is_some_and(|unit| {
                        [
                            "inch",
                            "mile",
                            "pound",
                            "cup",
                            "teaspoon",
                            "tablespoon",
                            "gallon",
                        ]
                        .iter()
                        .any(|u| starts_with_word(unit, u))
                    })
            });
            // "a decade and a half" is fifteen years (十五年).
            if matches!(a.kind, AtomKind::Word(Word::Vague(_)))
                && let Some(h) = atoms.get(i + 1)
                && h.kind == AtomKind::Word(Word::Half)
                && text
                    .get(a.end..h.start)
                    .is_some_and(|g| g.split_whitespace().eq(["and", "a"]))
            {
                out.push(make_mention(
                    a.start..h.end,
                    Values::of(&[v * 1.5, v]),
                    false,
                ));
                return i + 2;
            }
            let share = preceded_by_article(text, a.start) || digit_before || part_of_one;
            if matches!(a.kind, AtomKind::Word(Word::Ord(_))) && share {
                if (3.0..=10.0).contains(&v) {
                    values.push(100.0 / v);
                    values.push(1.0 / v);
                } else if v >= 100.0 {
                    // "a thousandth of a second": 千分之一秒.
                    values.push(1.0 / v);
                }
            }
            out.push(make_mention(span, values, false));
            return i + 1;
        }
        AtomKind::Word(Word::Dozen) => {
            out.push(make_mention(span, Values::of(&[12.0]), false));
            return i + 1;
        }
        AtomKind::Word(Word::Zero) => {
            out.push(make_mention(span, Values::of(&[0.0]), false));
            return i + 1;
        }
        AtomKind::Word(Word::Half) => {
            // "half a dozen" is six (六个), not a half and a dozen.
            if let Some(b) = atoms.get(i + 1)
                && b.kind == AtomKind::Word(Word::Dozen)
                && text
                    .get(a.end..b.start)
                    .is_some_and(|g| g.trim().eq_ignore_ascii_case("a"))
            {
                out.push(make_mention(a.start..b.end, Values::of(&[6.0]), false));
                return i + 2;
            }
            if let Some(b) = atoms.get(i + 1)
                && let AtomKind::Word(Word::Big(m)) = b.kind
                && text
                    .get(a.end..b.start)
                    .is_some_and(|g| g.trim().eq_ignore_ascii_case("a"))
            {
                out.push(make_mention(
                    a.start..b.end,
                    Values::of(&[0.5 * m, 0.5]),
                    true,
                ));
                return i + 2;
            }
            let mut values = Values::of(&[0.5, 50.0]);
            let rest = text.get(a.end..).unwrap_or("").trim_start();
            if starts_with_word(rest, "an hour") || starts_with_word(rest, "hour") {
                values.push(30.0);
            }
            // "an hour and a half" is 1.5 hours, or 90 minutes (九十分钟).
            let before = text.get(..a.start).unwrap_or("").trim_end().as_bytes();
            if before.len() >= 10 && before[before.len() - 10..].eq_ignore_ascii_case(b"hour and a")
            {
                values = Values::of(&[1.5, 90.0]);
            }
            out.push(make_mention(span, values, false));
            return i + 1;
        }
        AtomKind::Num {
            value,
            suffix,
            hour,
            weak,
        } => {
            if suffix != Suffix::None || hour || weak {
                let mut values = Values::of(&[value]);
                match suffix {
                    Suffix::Plural => add_decade_alts(&mut values),
                    Suffix::Kilo => values.insert_first(value * 1e3),
                    Suffix::Mega => values.insert_first(value * 1e6),
                    Suffix::Giga => values.insert_first(value * 1e9),
                    Suffix::None | Suffix::Ordinal => {}
                }
                if hour {
                    add_hour_alts(&mut values);
                }
                out.push(make_mention(span, values, !weak));
                return i + 1;
            }
            (0.0, value, Last::Digits, true, false)
        }
        AtomKind::Word(Word::Parts(d)) => {
            // "1 third", "5 thirds": a part, also read as one part (5 个三分之一).
            let mut values = Values::of(&[d]);
            push_alt(&mut values, 1.0 / d);
            push_alt(&mut values, 100.0 / d);
            out.push(make_mention(span, values, false));
            return i + 1;
        }
        // "two thirds", "three-quarters": a fraction (三分之二, 66.7%); "three-quarter-point",
        // hyphenated before its noun, too.
        AtomKind::Word(Word::Unit(v))
            if let Some(b) = atoms.get(i + 1)
                && let Some(d) = match b.kind {
                    AtomKind::Word(Word::Parts(d)) => Some(d),
                    AtomKind::Word(Word::Quarter) => Some(4.0),
                    _ => None,
                }
                && text.get(a.end..b.start).is_some_and(|g| {
                    g == "-" || (g.trim().is_empty() && b.kind != AtomKind::Word(Word::Quarter))
                }) =>
        {
            let share = v / d;
            let rest = text.get(b.end..).unwrap_or("");
            // "three quarters of a billion": the share of the scale word (7.5亿).
            if let Some((m, end)) = of_a_scale_word(atoms, i + 2, text, b.end) {
                out.push(make_mention(a.start..end, Values::of(&[share * m]), true));
                return i + 3;
            }
            let mut values = Values::of(&[share]);
            push_alt(&mut values, share * 100.0);
            // "the first three quarters", "two quarters in a row": quarters of the year
            // (前三季度), counted; a share is "of" something.
            if d == 4.0 && !starts_with_word(rest.trim_start(), "of") {
                push_alt(&mut values, v);
            }
            out.push(make_mention(a.start..b.end, values, true));
            return i + 2;
        }
        AtomKind::Word(Word::Unit(v)) => (0.0, v, Last::Unit, false, false),
        AtomKind::Word(Word::Teen(v)) => (0.0, v, Last::Teen, false, false),
        AtomKind::Word(Word::Tens(v)) => {
            // "fifty-fifty" is an idiom for "equally", not two numbers.
            if let Some(b) = atoms.get(i + 1)
                && b.kind == a.kind
                && text.get(a.end..b.start) == Some("-")
            {
                return i + 2;
            }
            (0.0, v, Last::Tens, false, false)
        }
        AtomKind::Word(Word::Hundred) => (
            0.0,
            100.0,
            Last::Hundred,
            false,
            !preceded_by_article(text, a.start),
        ),
        AtomKind::Word(Word::Big(m)) => (
            m,
            0.0,
            Last::Big(m),
            false,
            !preceded_by_article(text, a.start),
        ),
    };
    let mut last = last;
    let mut j = i;
    let mut ordinal = false;
    let mut share = None;
    while let Some(b) = atoms.get(j + 1) {
        let gap = gap_kind(text.get(atoms[j].end..b.start).unwrap_or("x"));
        if gap == Gap::Other {
            break;
        }
        let AtomKind::Word(w) = b.kind else { break };
        let adjacent = gap == Gap::Adjacent;
        // An ordinal ends the phrase: "thirty-first", "one hundredth".
        if let Word::Ord(v) = w {
            // "wrap twenty first." is twenty, then the adverb: a spaced "first" that ends the
            // clause, with no "the" before the number ("the twenty first", "twenty-first").
            let adverb = v == 1.0
                && text
                    .get(atoms[j].end..b.start)
                    .is_some_and(|g| !g.contains('-'))
                && text
                    .get(b.end..)
                    .map(str::trim_start)
                    .is_some_and(|r| !r.starts_with(|c: char| c.is_alphanumeric()))
                && !text
                    .get(..a.start)
                    .and_then(|t| t.trim_end().rsplit(|c: char| !c.is_alphabetic()).next())
                    .is_some_and(|w| w.eq_ignore_ascii_case("the"));
            let done = match last {
                Last::Tens if adjacent && v < 10.0 && !adverb => {
                    cur += v;
                    true
                }
                Last::Hundred if v < 100.0 && !adverb => {
                    cur += v;
                    true
                }
                // "get to 100 million first." is the adverb too.
                Last::Big(_) if cur == 0.0 && v < 100.0 && !adverb => {
                    cur = v;
                    true
                }
                Last::Unit | Last::Teen | Last::TensUnit | Last::Digits
                    if adjacent && v >= 100.0 =>
                {
                    // "one hundredth", "three thousandths": a fraction too (0.01).
                    if last == Last::Unit {
                        share = Some(cur / v);
                    }
                    cur *= v;
                    true
                }
                _ => false,
            };
            if done {
                ordinal = true;
                j += 1;
            }
            break;
        }
        let next = match (last, w) {
            // Spoken years: "nineteen ninety-seven", "nineteen-ninety-seven", "twenty twenty".
            // Across a hyphen, a teen below sixteen is a score: "fifteen-thirty" (15比30).
            (Last::Teen, Word::Tens(v) | Word::Teen(v))
                if adjacent
                    && cur >= 13.0
                    && (cur >= 16.0 || !hyphen_between(text, atoms[j].end, b.start)) =>
            {
                cur = cur * 100.0 + v;
                if v >= 20.0 {
                    Last::Tens
                } else {
                    Last::TensUnit
                }
            }
            (Last::Tens, Word::Tens(v) | Word::Teen(v)) if adjacent && cur == 20.0 => {
                cur = cur * 100.0 + v;
                if v >= 20.0 {
                    Last::Tens
                } else {
                    Last::TensUnit
                }
            }
            (Last::Digits, Word::Hundred) if adjacent && cur < 1000.0 => {
                cur *= 100.0;
                Last::Hundred
            }
            (Last::Tens, Word::Unit(v)) if adjacent => {
                cur += v;
                Last::TensUnit
            }
            (Last::Unit | Last::Teen | Last::Tens | Last::TensUnit, Word::Hundred)
                if adjacent && cur < 100.0 =>
            {
                cur *= 100.0;
                Last::Hundred
            }
            (Last::Hundred, Word::Unit(v) | Word::Teen(v) | Word::Tens(v)) => {
                cur += v;
                match w {
                    Word::Unit(_) => Last::Unit,
                    Word::Teen(_) => Last::Teen,
                    _ => Last::Tens,
                }
            }
            (Last::Big(_), Word::Unit(v) | Word::Teen(v) | Word::Tens(v)) if cur == 0.0 => {
                cur = v;
                match w {
                    Word::Unit(_) => Last::Unit,
                    Word::Teen(_) => Last::Teen,
                    _ => Last::Tens,
                }
            }
            (
                Last::Digits
                | Last::Unit
                | Last::Teen
                | Last::Tens
                | Last::TensUnit
                | Last::Hundred,
                Word::Big(m),
            ) if adjacent && cur > 0.0 && (total == 0.0 || total > m * 999.0) => {
                total += cur * m;
                cur = 0.0;
                Last::Big(m)
            }
            _ => break,
        };
        // A later segment must be smaller than the multiplier before it.
        if let (Last::Big(m), Last::Unit | Last::Teen | Last::Tens) = (last, next)
            && cur >= m
        {
            break;
        }
        last = next;
        j += 1;
    }
    let value = total + cur;
    let mut end = atoms[j].end;
    let mut values = Values::of(&[value]);
    let mut next = j + 1;
    let mut scaled = false;
    if let Some(h) = atoms.get(j + 1)
        && h.kind == AtomKind::Word(Word::Half)
        && text
            .get(end..h.start)
            .is_some_and(|g| g.split_whitespace().eq(["and", "a"]))
    {
        values = Values::of(&[value + 0.5, value]);
        end = h.end;
        next = j + 2;
        // "two and a half million": the half is of the multiplier's unit.
        if let Some(b) = atoms.get(j + 2)
            && let AtomKind::Word(Word::Big(m)) = b.kind
            && text.get(end..b.start).is_some_and(|g| g.trim().is_empty())
        {
            values = Values::of(&[(value + 0.5) * m]);
            end = b.end;
            next = j + 3;
            scaled = true;
        }
    }
    if followed_by_clock(text, end) {
        add_hour_alts(&mut values);
    }
    if let Some(share) = share {
        push_alt(&mut values, share);
    }
    let strong = has_digits || scaled || (value >= 10.0 && !bare && !ordinal);
    out.push(make_mention(a.start..end, values, strong));
    next
}

const EN_CONNECTORS: &[&str] = &["to", "-", "–", "—", "~", "or", "and"];

/// Numbers in an English sentence, in text order.
///
/// Ordinal words (`first`) are not numbers; `one`..`nine`, month names and
/// other vague forms come back weak so they can confirm but never accuse.
pub fn english_numbers(text: &str) -> Vec<NumberMention> {
    let mut out = Vec::new();
    english_numbers_into(text, &mut out);
    out
}

/// [`english_numbers`] appended to `out`: the alignment pass keeps every line's mentions end to
/// end in one vector, without a vector per line on the way.
pub fn english_numbers_into(text: &str, out: &mut Vec<NumberMention>) {
    let base = out.len();
    // One buffer per thread, not a vector per line: nearly every line of a transcript with
    // numbers has an atom, and allocating one was a sixth of the instructions here (callgrind).
    thread_local! {
        static ATOMS: std::cell::RefCell<Vec<Atom>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    ATOMS.with_borrow_mut(|atoms| {
        english_atoms(text, atoms);
        join_spoken_digits(text, atoms);
        if atoms.is_empty() {
            return;
        }
        let base = out.len();
        let mut i = 0;
        while i < atoms.len() {
            i = english_phrase(text, atoms, i, out).max(i + 1);
        }
        let slash_or_tag = has_slash_or_tag(text);
        if slash_or_tag {
            drop_markup(text, out, base);
        }
        join_digit_chains(text, out, base);
        apply_ranges(text, &mut out[base..], EN_CONNECTORS);
        apply_list_scales(text, &mut out[base..]);
        if slash_or_tag {
            read_digit_fractions(text, &mut out[base..]);
        }
        read_grand(text, &mut out[base..]);
        weaken_odds_idiom(text, &mut out[base..]);
        read_counted_units(text, &mut out[base..]);
        read_spoken_pairs(text, &mut out[base..]);
        read_english_dates(text, out, base);
        read_imperial_heights(text, out, base);
        read_plural_units(text, &mut out[base..]);
        strengthen_named_centuries(text, &mut out[base..]);
        weaken_repeated_figures(text, &mut out[base..]);
        read_one_in_n(text, out, base);
        apply_signs(text, &mut out[base..], english_sign);
        read_units(text, &mut out[base..]);
    });
    if might_hold_regnal_numeral(text) {
        regnal_numerals(text, out, base);
    }
}

/// Where the values of dates begin ([`date_value`]): far above the counts, years and sums a
/// transcript's dates sit beside, and far enough below 2⁵³ that two dates one day apart stay
/// two values under [`same_value`]'s tolerance.
const DATE_VALUE: f64 = 52_000_000.0;

/// The value a month and day read as together: "August 9" and 9月8日 hold the same two numbers,
/// so compared one by one they agreed, and a day and month swapped was never reported.
fn date_value(month: f64, day: f64) -> f64 {
    DATE_VALUE + month * 100.0 + day
}

/// A whole number from `lo` to `hi` when `m` reads as one first.
fn first_whole_in(m: &NumberMention, lo: f64, hi: f64) -> Option<f64> {
    let v = *m.values.first()?;
    (v.fract() == 0.0 && (lo..=hi).contains(&v)).then_some(v)
}

/// Joins an English month and day ("August 9", "9 August", "the 4th of July") into one mention
/// of their [`date_value`] (and the day alone, for a Chinese line that gives only the day).
fn read_english_dates(text: &str, out: &mut Vec<NumberMention>, base: usize) {
    let month = |m: &NumberMention| {
        first_whole_in(m, 1.0, 12.0).filter(|_| {
            !m.strong
                && text
                    .get(m.span.clone())
                    .and_then(word_table)
                    .is_some_and(|w| matches!(w, Word::Month(_)))
        })
    };
    let day = |m: &NumberMention| {
        let word = text.get(m.span.clone())?;
        let digits = ["st", "nd", "rd", "th"]
            .iter()
            .find_map(|s| word.strip_suffix(s))
            .unwrap_or(word);
        let in_digits =
            !digits.is_empty() && digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit());
        // "the first of May", "May fifth", "March thirty-first" (a count after a month, "in
        // May twenty people came", is no day).
        let ordinal = || {
            is_ordinal_text(Some(word))
                && word.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-')
                && !word.ends_with("ths")
        };
        (in_digits || ordinal())
            .then(|| first_whole_in(m, 1.0, 31.0))
            .flatten()
    };
    // A date in digits: the month and day of an ISO date after its year ("2012-04-20"), or
    // either reading of "3/5" (March 5th, or the 3rd of May), beside what it read as already
    // (a fraction, three fifths).
    let two_digits = |m: &NumberMention| {
        text.get(m.span.clone())
            .is_some_and(|t| (1..=2).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()))
    };
    let after_year = |out: &[NumberMention], k: usize| {
        k > base
            && text
                .get(out[k - 1].span.clone())
                .is_some_and(|t| t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()))
            && text.get(out[k - 1].span.end..out[k].span.start) == Some("-")
    };
    let mut k = base + 1;
    while k < out.len() {
        let (a, b) = (&out[k - 1], &out[k]);
        let gap = text.get(a.span.end..b.span.start).unwrap_or("");
        let numeric = two_digits(a) && two_digits(b);
        let mut values = Values::default();
        let mut slash = None;
        match gap {
            " " => {
                if let Some((m, d)) = month(a)
                    .zip(day(b))
                    .or_else(|| day(a).zip(month(b)).map(|(d, m)| (m, d)))
                {
                    values = Values::of(&[date_value(m, d), d]);
                }
            }
            // "April the tenth".
            " the " => {
                if let Some((m, d)) = month(a).zip(day(b)) {
                    values = Values::of(&[date_value(m, d), d]);
                }
            }
            " of " => {
                if let Some((d, m)) = day(a).zip(month(b)) {
                    values = Values::of(&[date_value(m, d), d]);
                }
            }
            "-" if numeric && after_year(out, k - 1) => {
                if let (Some(m), Some(d)) =
                    (first_whole_in(a, 1.0, 12.0), first_whole_in(b, 1.0, 31.0))
                {
                    values = Values::of(&[date_value(m, d), d]);
                }
            }
            "/" if numeric => {
                // Kept as two mentions, for a Chinese line that writes the fraction (3/4杯):
                // the second also reads as the date, and the first may then go unmatched.
                let (x, y) = (first_whole_in(a, 1.0, 31.0), first_whole_in(b, 1.0, 31.0));
                if let (Some(x), Some(y)) = (x, y)
                    && (x <= 12.0 || y <= 12.0)
                {
                    slash = Some((x, y));
                }
            }
            _ => {}
        }
        if !values.is_empty() {
            let span = a.span.start..b.span.end;
            // A month and day named are a date ("the first of May"); in digits, as strong as
            // their parts ("24/7" was weakened as an idiom).
            let strong = matches!(gap, " " | " of " | " the ") || a.strong || b.strong;
            out[k - 1] = make_mention(span, values, strong);
            out.remove(k);
        } else {
            if let Some((x, y)) = slash {
                if x <= 12.0 {
                    push_alt(&mut out[k].values, date_value(x, y));
                }
                if y <= 12.0 {
                    push_alt(&mut out[k].values, date_value(y, x));
                }
                out[k - 1].strong = false;
            }
            k += 1;
        }
    }
}

/// Whether a mention's text is an ordinal ("19th", "nineteenth", "twenty-first", "second").
fn is_ordinal_text(word: Option<&str>) -> bool {
    word.is_some_and(|w| ["st", "nd", "rd", "th"].iter().any(|s| w.ends_with(s)))
}

/// A number joined to a plural scale word ("count in ten-thousands", "in the hundreds") names a
/// unit of counting (万), not a count: weak, and also read as the unit it names.
fn read_plural_units(text: &str, mentions: &mut [NumberMention]) {
    for m in mentions {
        let rest = text.get(m.span.end..).unwrap_or("");
        let scale = [
            ("-thousands", 1e3),
            ("-hundreds", 100.0),
            ("-millions", 1e6),
        ]
        .iter()
        .find(|(w, _)| starts_with_word(rest, w))
        .map(|&(_, s)| s);
        if let Some(scale) = scale {
            m.strong = false;
            push_scaled(&mut m.values, scale);
        }
    }
}

/// Joins a height in feet and inches ("five foot ten", "6 feet 2 inches", "five-foot-ten") into
/// one mention of its metres, rounded as a Chinese line writes it (一米七八 = 1.78, 一米八 =
/// 1.8) and in centimetres (178厘米): subtitlers convert heights, and the two counts read alone
/// differed from the metres ("ten" against 七八). Weak: a conversion rounds.
fn read_imperial_heights(text: &str, out: &mut Vec<NumberMention>, base: usize) {
    let mut k = base + 1;
    while k < out.len() {
        let (a, b) = (&out[k - 1], &out[k]);
        let gap = text.get(a.span.end..b.span.start).unwrap_or("");
        // Compared without lower-casing a copy: most lines with two numbers are no height.
        let foot = [" foot ", " feet ", "-foot-", " foot, ", " feet, "]
            .iter()
            .any(|f| gap.eq_ignore_ascii_case(f));
        if let (true, Some(f), Some(i)) = (
            foot,
            first_whole_in(a, 3.0, 7.0),
            first_whole_in(b, 0.0, 11.0),
        ) {
            let metres = (f * 12.0 + i) * 0.0254;
            let mut values = Values::of(&[(metres * 100.0).round() / 100.0]);
            push_alt(&mut values, (metres * 10.0).round() / 10.0);
            push_alt(&mut values, (metres * 100.0).round());
            let mut end = b.span.end;
            if let Some(rest) = text.get(end..)
                && let Some(unit) = [" inches", " inch"]
                    .iter()
                    .find(|u| starts_with_word(rest, u))
            {
                end += unit.len();
            }
            out[k - 1] = make_mention(a.span.start..end, values, false);
            out.remove(k);
        } else {
            k += 1;
        }
    }
}

/// Makes a past century named by an ordinal word strong: "the nineteenth century" says which
/// century as plainly as "the 19th century", and a translation writes it (十九世纪). The
/// twentieth and twenty-first stay vague: Chinese says them without a numeral as often as with
/// one (上世纪, 本世纪, 新世纪). A lone "nineteenth" stays a vague ordinal.
fn strengthen_named_centuries(text: &str, mentions: &mut [NumberMention]) {
    for m in mentions {
        let after = text.get(m.span.end..).unwrap_or("");
        let after = after.strip_prefix([' ', '-']).unwrap_or("");
        if !m.strong
            && first_whole_in(m, 1.0, 19.0).is_some()
            && starts_with_word(after, "century")
            && text
                .get(m.span.clone())
                .is_some_and(|w| w.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-'))
        {
            m.strong = true;
        }
    }
}

/// Joins a Chinese month and day (`9月8日`, `八月九号`) into one mention of their
/// [`date_value`], and a century and its decade (`十八世纪六十年代`, the 1760s) into one
/// mention of the decade's year.
fn read_chinese_dates(text: &str, out: &mut Vec<NumberMention>, base: usize) {
    let mut k = base + 1;
    while k < out.len() {
        let (a, b) = (&out[k - 1], &out[k]);
        let after_a = text.get(a.span.end..).unwrap_or("");
        let joined = if after_a.starts_with('月')
            && b.span.start == a.span.end + '月'.len_utf8()
            && let (Some(m), Some(d)) = (first_whole_in(a, 1.0, 12.0), first_whole_in(b, 1.0, 31.0))
            && let Some(day_mark) = text
                .get(b.span.end..)
                .and_then(|r| r.chars().next())
                .filter(|c| matches!(c, '日' | '号' | '號'))
        {
            let end = b.span.end + day_mark.len_utf8();
            // The date alone: the English keeps the day as a reading too (for a Chinese line
            // that gives only the day), and one side's is enough.
            Some(make_mention(
                a.span.start..end,
                Values::of(&[date_value(m, d)]),
                a.strong || b.strong,
            ))
        } else if after_a.starts_with("世纪")
            && b.span.start == a.span.end + "世纪".len()
            && text
                .get(b.span.clone())
                .is_some_and(|t| t.ends_with("年代"))
            && let (Some(c), Some(d)) = (first_whole_in(a, 1.0, 21.0), first_whole_in(b, 0.0, 90.0))
            && d % 10.0 == 0.0
        {
            // An English "the sixties" that leaves the century out still reads as 1960.
            Some(make_mention(
                a.span.start..b.span.end,
                Values::of(&[(c - 1.0) * 100.0 + d]),
                true,
            ))
        } else {
            None
        };
        if let Some(m) = joined {
            out[k - 1] = m;
            out.remove(k);
        } else {
            k += 1;
        }
    }
}

/// A count, its measure word and 半: the count and a half (六个半, 一岁半 "eighteen months old",
/// 一分半钟 "90 seconds", 两年半, 三天半).
const AND_A_HALF: &[&str] = &["个半", "岁半", "分半", "年半", "天半", "周半"];

/// Units a Chinese translation counts in another unit, and by how much: 2亿像素 for "200
/// megapixels", 两千多年 for "two millennia", 两百多年 for "two centuries", 0.74美元 for "74
/// cents".
const COUNTED_UNITS: &[(&str, f64)] = &[
    ("megapixels", 1e6),
    ("megapixel", 1e6),
    ("MP", 1e6),
    // "a 717-gigapixel scan": 7170亿像素.
    ("gigapixels", 1e9),
    ("gigapixel", 1e9),
    ("millennia", 1e3),
    ("millennium", 1e3),
    ("centuries", 100.0),
    ("century", 100.0),
    ("decades", 10.0),
    // "74 cents a share": 每股0.74美元.
    ("cents", 0.01),
    ("cent", 0.01),
    // "183 centimetres": 一米八三 (1.83 m).
    ("centimetres", 0.01),
    ("centimeters", 0.01),
    ("cm", 0.01),
    // "ninety minutes later": 一个半小时后; "every 90 seconds": 每一分半钟; "eighteen months
    // old": 一岁半.
    ("minutes", 1.0 / 60.0),
    ("seconds", 1.0 / 60.0),
    ("months", 1.0 / 12.0),
    ("month", 1.0 / 12.0),
    // "a 600-megawatt unit": 60万千瓦 (Chinese energy writing counts power in kilowatts).
    ("megawatts", 1e3),
    ("megawatt", 1e3),
    ("MW", 1e3),
    ("gigawatts", 1e6),
    ("gigawatt", 1e6),
    ("GW", 1e6),
    // "150 kilos of apples": 三百斤 (a jin is half a kilogram).
    ("kilograms", 2.0),
    ("kilogram", 2.0),
    ("kilos", 2.0),
    ("kg", 2.0),
    // "two hectares": 三十亩 (a mu is a fifteenth of a hectare).
    ("hectares", 15.0),
    ("hectare", 15.0),
    // "two kilometres underwater": 两千多米.
    ("kilometres", 1e3),
    ("kilometers", 1e3),
    ("kilometre", 1e3),
    ("kilometer", 1e3),
];

/// The text after a number that ends at byte `end`, where its unit stands: past one hyphen or
/// space ("48-megapixel", "40 miles").
fn unit_text_after(text: &str, end: usize) -> &str {
    let rest = text.get(end..).unwrap_or("");
    rest.strip_prefix(['-', ' ']).unwrap_or(rest)
}

/// Adds the readings a translator gives a converted value `metric`: rounded to two significant
/// figures (804.7 → 800, as "约800公里" rounds "500 miles"; 4.99 → 5.0) and, from ten up, to a
/// whole number (804.7 → 805, 64.37 → 64) and, below a hundred, to one decimal (37.78 → 37.8,
/// as 100°F is written 37.8摄氏度), and to a round figure (below).
fn push_converted(m: &mut NumberMention, metric: f64) {
    let size = metric.abs();
    if size > 0.0 && size.is_finite() {
        let unit = 10f64.powi(size.log10().floor() as i32 - 1);
        push_conversion(m, (metric / unit).round() * unit);
        // Below ten a whole number is too coarse a rounding (9 pounds is 4.1 kg, not 4).
        if size >= 10.0 {
            push_conversion(m, metric.round());
        }
        if (10.0..100.0).contains(&size) {
            push_conversion(m, (metric * 10.0).round() / 10.0);
        }
        // A rounder figure still: to a half below ten (8 feet, 约2.5米), to five up to a
        // thousand (16 inches, 约40厘米).
        if size < 10.0 {
            push_conversion(m, (metric * 2.0).round() / 2.0);
        } else if size < 1000.0 {
            push_conversion(m, (metric / 5.0).round() * 5.0);
        }
    }
}

/// Adds a converted reading: after the first (the value as written), which it may equal
/// (−40°F is −40°C), and only a value converted matches a number in the other system's unit
/// ([`mentions_match`]).
fn push_conversion(m: &mut NumberMention, v: f64) {
    if v.is_finite() && !m.values.iter().skip(1).any(|&x| same_value(x, v)) {
        if m.values.len() < 16 {
            m.converted |= 1 << m.values.len();
        }
        m.values.push(v);
    }
}

/// An English unit of measurement ([`english_unit_word`]).
#[derive(Clone, Copy)]
struct EnglishUnit {
    imperial: bool,
    dimension: Dimension,
    /// An imperial unit's size in the metric unit a translator converts it to: "40 miles an
    /// hour" is 每小时约64公里, "eleven pounds" 5公斤, "ten gallons" 38升, "an 8-foot ceiling"
    /// 2.4米高的天花板, "12 inches" 30厘米, "500 square feet" 46平方米.
    metric: f64,
}

/// The English unit word that opens `rest`, if any, and its length in bytes: feet, inches,
/// miles, mph, pounds, gallons, and squares of the units of length; metres, centimetres,
/// millimetres, kilometres, kilograms, litres and their squares. Matched on the lower-cased
/// word: every number of every line asks.
fn english_unit_word(rest: &str) -> Option<(EnglishUnit, usize)> {
    use Dimension::*;
    // Every unit word begins with one of these letters: most words are turned away by a byte.
    if !rest.as_bytes().first().is_some_and(|b| {
        matches!(
            b.to_ascii_lowercase(),
            b'c' | b'f' | b'g' | b'i' | b'k' | b'l' | b'm' | b'n' | b'o' | b'p' | b's'
        )
    }) {
        return None;
    }
    let word_end = ascii_letters_end(rest.as_bytes(), 0);
    if word_end == 0 || word_end > 11 {
        return None;
    }
    let mut buf = [0u8; 11];
    for (b, x) in buf.iter_mut().zip(rest.bytes()) {
        *b = x.to_ascii_lowercase();
    }
    let (imperial, dimension, metric) = match &buf[..word_end] {
        b"square" | b"sq" => {
            // The square of a unit of length, and of its size.
            let next = rest[word_end..].strip_prefix(' ')?;
            let (unit, len) = english_unit_word(next)?;
            let area = EnglishUnit {
                dimension: Area,
                metric: unit.metric * unit.metric,
                ..unit
            };
            return (unit.dimension == Length).then_some((area, word_end + 1 + len));
        }
        // Aviation and shipping count in nautical miles (海里), outside both systems like the
        // imperial units: "2,050 nautical miles" is no 2050公里, and a pilot's "10 miles" are 10海里.
        b"nautical" => {
            let next = rest[word_end..].strip_prefix(' ')?;
            let len = ascii_letters_end(next.as_bytes(), 0);
            let mile = &next[..len];
            if !(mile.eq_ignore_ascii_case("miles") || mile.eq_ignore_ascii_case("mile")) {
                return None;
            }
            let unit = EnglishUnit {
                imperial: true,
                dimension: Length,
                metric: 1.852,
            };
            return Some((unit, word_end + 1 + len));
        }
        b"feet" | b"foot" | b"ft" => (true, Length, 0.3048),
        b"inches" | b"inch" => (true, Length, 2.54),
        b"miles" | b"mile" | b"mph" => (true, Length, 1.609_344),
        b"pounds" | b"pound" | b"lbs" | b"lb" => (true, Mass, 0.453_592_37),
        // In grams: "a 12-ounce bag" is 340克.
        b"ounces" | b"ounce" | b"oz" => (true, Mass, 28.349_523_125),
        b"gallons" | b"gallon" => (true, Volume, 3.785_411_784),
        b"metres" | b"meters" | b"metre" | b"meter" | b"centimetres" | b"centimeters" | b"cm"
        | b"millimetres" | b"millimeters" | b"mm" | b"kilometres" | b"kilometers" | b"km" => {
            (false, Length, 1.0)
        }
        b"kilograms" | b"kilogram" | b"kilos" | b"kg" => (false, Mass, 1.0),
        b"litres" | b"liters" | b"litre" | b"liter" => (false, Volume, 1.0),
        _ => return None,
    };
    let unit = EnglishUnit {
        imperial,
        dimension,
        metric,
    };
    Some((unit, word_end))
}

/// The scale a temperature after a number names ([`degrees`]).
enum Degrees {
    /// A degree sign or "degrees" alone: Fahrenheit or Celsius (or an angle).
    Plain,
    /// Fahrenheit (imperial) or Celsius, and the byte length of the words from the unit's start.
    Named(bool, usize),
}

/// [`Degrees`] opening `rest` (the text after a number): a degree sign or "degrees" with
/// "Fahrenheit" or "F" after it (or "Fahrenheit" alone), or "Celsius", "centigrade" or "C".
fn degrees(rest: &str) -> Option<Degrees> {
    // A degree sign (0xC2 0xB0), "degrees" or "Fahrenheit": most mentions are turned away by a
    // byte.
    if !matches!(
        rest.as_bytes().first(),
        Some(0xC2 | b'd' | b'D' | b'F' | b'f')
    ) {
        return None;
    }
    if starts_with_word(rest, "Fahrenheit") {
        return Some(Degrees::Named(true, "Fahrenheit".len()));
    }
    let after = strip_prefix_ignore_case(rest, "°").or_else(|| {
        ["degrees", "degree"]
            .iter()
            .find(|d| starts_with_word(rest, d))
            .map(|d| &rest[d.len()..])
    })?;
    let scale = after.strip_prefix(' ').unwrap_or(after);
    let named = [
        ("Fahrenheit", true),
        ("F", true),
        ("Celsius", false),
        ("centigrade", false),
        ("C", false),
    ]
    .into_iter()
    .find(|(w, _)| starts_with_word(scale, w));
    Some(match named {
        Some((word, imperial)) => Degrees::Named(imperial, rest.len() - scale.len() + word.len()),
        None => Degrees::Plain,
    })
}

/// Units after the numbers of an English line: a mention followed by a unit keeps it
/// ([`NumberMention::unit`]), and an imperial value also reads as the metric value a
/// translator writes for it ([`push_converted`]). A temperature that may be in degrees
/// Fahrenheit ("95 degrees Fahrenheit", "100°F", and "350 degrees" unless it says Celsius)
/// reads as its Celsius value: 95°F is 35摄氏度, "preheat to 350 degrees" 预热到175度; plain
/// degrees keep no unit, and the reading costs little where they were Celsius or an angle (the
/// number still reads as written). Read after the signs, as that conversion is no factor
/// (−40°F is −40°C, not the negative of 40°F's 4.4°C).
fn read_units(text: &str, mentions: &mut [NumberMention]) {
    for m in mentions.iter_mut() {
        let rest = unit_text_after(text, m.span.end);
        let unit_at = text.len() - rest.len();
        let Some(&v) = m.values.first() else { continue };
        if let Some((unit, len)) = english_unit_word(rest) {
            m.unit = Some(Unit {
                imperial: unit.imperial,
                dimension: unit.dimension,
                end: (unit_at + len) as u32,
            });
            if unit.imperial {
                push_converted(m, v * unit.metric);
            }
            continue;
        }
        let fahrenheit = match degrees(rest) {
            None => continue,
            Some(Degrees::Plain) => true,
            Some(Degrees::Named(imperial, len)) => {
                m.unit = Some(Unit {
                    imperial,
                    dimension: Dimension::Temperature,
                    end: (unit_at + len) as u32,
                });
                imperial
            }
        };
        if fahrenheit {
            let celsius = (v - 32.0) * 5.0 / 9.0;
            push_converted(m, celsius);
            // Temperatures are given in whole degrees (30°F is 零下1摄氏度), an oven's to five
            // (350°F is 175度).
            push_conversion(m, celsius.round());
            if celsius.abs() >= 100.0 {
                push_conversion(m, (celsius / 5.0).round() * 5.0);
            }
        }
    }
}

/// Chinese units whose system and dimension a mention keeps ([`Unit`]), longest first where
/// one ends another (平方米 before 米). 尺, 寸, 斤 and 里 are Chinese units of neither system.
const CHINESE_UNITS: &[(&str, bool, Dimension)] = &[
    ("平方英尺", true, Dimension::Area),
    ("平方米", false, Dimension::Area),
    ("平米", false, Dimension::Area),
    ("英尺", true, Dimension::Length),
    ("英寸", true, Dimension::Length),
    ("英里", true, Dimension::Length),
    ("海里", true, Dimension::Length),
    ("厘米", false, Dimension::Length),
    ("公分", false, Dimension::Length),
    ("毫米", false, Dimension::Length),
    ("公里", false, Dimension::Length),
    ("千米", false, Dimension::Length),
    ("米", false, Dimension::Length),
    ("磅", true, Dimension::Mass),
    ("盎司", true, Dimension::Mass),
    ("公斤", false, Dimension::Mass),
    ("千克", false, Dimension::Mass),
    ("克", false, Dimension::Mass),
    ("加仑", true, Dimension::Volume),
    ("毫升", false, Dimension::Volume),
    ("升", false, Dimension::Volume),
    ("华氏度", true, Dimension::Temperature),
    ("摄氏度", false, Dimension::Temperature),
];

/// Marks each Chinese mention followed by a unit of [`CHINESE_UNITS`] ("3米", "8英尺", "35摄氏
/// 度", and past a vague 多 or 余: "3米多").
fn tag_chinese_units(text: &str, mentions: &mut [NumberMention]) {
    for m in mentions.iter_mut() {
        let rest = text.get(m.span.end..).unwrap_or("");
        let rest = rest.trim_start_matches([' ', '多', '余']);
        // Every unit begins with one of these characters: most measure words (个, 张) are not.
        if !rest.starts_with([
            '平', '英', '厘', '公', '毫', '千', '米', '磅', '克', '加', '升', '华', '摄',
        ]) {
            continue;
        }
        if let Some(&(word, imperial, dimension)) = CHINESE_UNITS
            .iter()
            .find(|(word, _, _)| rest.starts_with(word))
        {
            m.unit = Some(Unit {
                imperial,
                dimension,
                end: (text.len() - rest.len() + word.len()) as u32,
            });
        }
    }
}

/// `s` without `prefix` at its start, in any ASCII case.
fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// [`strip_prefix_ignore_case`] at the end of `s`.
fn strip_suffix_ignore_case<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let at = s.len().checked_sub(suffix.len())?;
    let tail = s.get(at..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &s[..at])
}

/// Readings that depend on the words around a mention, after the number scan:
/// - a count of [`COUNTED_UNITS`] ("48-megapixel", "two centuries") is also that many of the
///   smaller unit;
/// - "24/7" is "all the time" (全天候), never a number to report.
fn read_counted_units(text: &str, mentions: &mut [NumberMention]) {
    for k in 0..mentions.len() {
        let rest = unit_text_after(text, mentions[k].span.end);
        // Every unit begins with one of these letters: most mentions are turned away by a byte.
        let may_be_unit = matches!(
            rest.as_bytes().first(),
            Some(b'm' | b'M' | b'c' | b'C' | b'd' | b'D' | b'k' | b'g' | b'G' | b'h' | b's')
        );
        if may_be_unit
            && let Some(&(_, scale)) = COUNTED_UNITS.iter().find(|(unit, _)| {
                if unit.bytes().all(|b| b.is_ascii_uppercase()) {
                    rest.starts_with(unit)
                        && !rest[unit.len()..]
                            .bytes()
                            .next()
                            .is_some_and(|b| b.is_ascii_alphanumeric())
                } else {
                    starts_with_word(rest, unit)
                }
            })
            // "the 19th century" names a century, it does not count 1,900 years (二十世纪 has
            // that reading, as the 1900s).
            && !(scale == 100.0 && is_ordinal_text(text.get(mentions[k].span.clone())))
        {
            push_scaled(&mut mentions[k].values, scale);
            // The first number of a range counts in the unit too ("150 to 200 kilos").
            if k > 0
                && text
                    .get(mentions[k - 1].span.end..mentions[k].span.start)
                    .is_some_and(|gap| EN_CONNECTORS.contains(&gap.trim()))
            {
                let first = mentions[k - 1].values.first().map(|v| v * scale);
                if let Some(v) = first {
                    push_alt(&mut mentions[k - 1].values, v);
                }
            }
        }
        if k == 0 {
            continue;
        }
        let (left, right) = mentions.split_at_mut(k);
        let (a, b) = (&mut left[k - 1], &mut right[0]);
        let between = text.get(a.span.end..b.span.start).unwrap_or("");
        if a.values.first() == Some(&24.0) && b.values.first() == Some(&7.0) && between == "/" {
            a.strong = false;
            b.strong = false;
        }
        // "10 out of 10" is full marks, 满分10分: the Chinese writes the number once.
        if between.eq_ignore_ascii_case(" out of ") && a.values.first() == b.values.first() {
            b.strong = false;
        }
    }
}

/// A number said again in a figure of speech ("forty days and forty nights", "ten by ten",
/// "day after day"): the translation says it once (四十个日夜), so the repeat is a number the
/// translation may leave out. A few words with a joining word between the two make the figure;
/// "100 metres at 100 km/h" says the number twice about two things, and both count.
fn weaken_repeated_figures(text: &str, mentions: &mut [NumberMention]) {
    const JOINING: &[&str] = &["and", "by", "after", "or", "to", "x"];
    for k in 1..mentions.len() {
        let (a, b) = (&mentions[k - 1], &mentions[k]);
        if a.values.first() != b.values.first() {
            continue;
        }
        let between = text.get(a.span.end..b.span.start).unwrap_or("");
        let figure = between.len() <= 16
            && between
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| JOINING.iter().any(|j| w.eq_ignore_ascii_case(j)));
        if figure {
            mentions[k].strong = false;
        }
    }
}

/// Currency words after which British English says the pence ("88 pounds 50": £88.50).
const MONEY_WORDS: &[&str] = &[
    "pounds", "pound", "quid", "dollars", "dollar", "bucks", "euros",
];

/// One of a currency said before its cents ("a dollar twenty"), with the space after it.
const A_MONEY: &[&str] = &["a dollar ", "a pound ", "a quid ", "a buck ", "a euro "];

/// Two numbers said as one, read after the number scan:
/// - "88 pounds 50" is 88.50 (88.5英镑): the first number also reads as the sum, and the pence
///   become a number the translation may leave out;
/// - "a quarter to ten", "twenty minutes to ten" is the hour before (九点四十五分, 九点四十): the
///   hour also reads as one less, the minutes as what is left of the hour.
fn read_spoken_pairs(text: &str, mentions: &mut [NumberMention]) {
    // "a dollar twenty" is 1.20 (1.2美元), as "one dollar twenty" is: "a" is no mention.
    for m in mentions.iter_mut() {
        let before = text.get(..m.span.start).unwrap_or("");
        // Every such word ends in one of these letters, then a space: most mentions are turned
        // away by two bytes.
        let b = before.as_bytes();
        if !(b.len() >= 7
            && b[b.len() - 1] == b' '
            && matches!(
                b[b.len() - 2].to_ascii_lowercase(),
                b'r' | b'd' | b'k' | b'o'
            ))
        {
            continue;
        }
        let Some(&y) = m.values.first() else { continue };
        let a_money = A_MONEY.iter().any(|w| {
            strip_suffix_ignore_case(before, w)
                .is_some_and(|b| b.is_empty() || b.ends_with(|c: char| !c.is_alphanumeric()))
        });
        if a_money && y.fract() == 0.0 && (1.0..100.0).contains(&y) {
            push_alt(&mut m.values, 1.0 + y / 100.0);
        }
    }
    for k in 1..mentions.len() {
        let (left, right) = mentions.split_at_mut(k);
        let (a, b) = (&mut left[k - 1], &mut right[0]);
        let between = text.get(a.span.end..b.span.start).unwrap_or("");
        let (Some(&x), Some(&y)) = (a.values.first(), b.values.first()) else {
            continue;
        };
        let whole = |v: f64| v.fract() == 0.0 && v >= 1.0;
        let word = between.trim();
        if between.starts_with(' ')
            && between.ends_with(' ')
            && MONEY_WORDS.iter().any(|w| word.eq_ignore_ascii_case(w))
            && whole(x)
            && whole(y)
            && y < 100.0
        {
            push_alt(&mut a.values, x + y / 100.0);
            b.strong = false;
            continue;
        }
        let said = text.get(a.span.clone()).unwrap_or("");
        let quarter =
            said.eq_ignore_ascii_case("quarter") || said.eq_ignore_ascii_case("a quarter");
        let minutes_to = between.eq_ignore_ascii_case(" minutes to ") && whole(x) && x < 60.0;
        if (quarter && between.eq_ignore_ascii_case(" to ") || minutes_to) && whole(y) && y <= 24.0
        {
            push_alt(&mut b.values, if y == 1.0 { 12.0 } else { y - 1.0 });
            if minutes_to {
                push_alt(&mut a.values, 60.0 - x);
            }
        }
    }
}

/// "One in three", "1 out of 10,000", "nine in ten": a share. "One in three" becomes one
/// mention of 1/3 (三分之一, 33 %) that keeps the denominator as a reading
/// ("三个人里就有一个"), replacing the mentions of the one and the denominator among this
/// text's mentions (`out[base..]`); a larger count keeps its mention, which also reads as the share (九成, 90 %),
/// and the denominator stays a weak mention of its own ("十个人里有九个"). Strong, as 三分之一
/// is: "one in three" against 四分之一 differ.
fn read_one_in_n(text: &str, out: &mut Vec<NumberMention>, base: usize) {
    let mut k = base + 1;
    while k < out.len() {
        let (a, b) = (&out[k - 1], &out[k]);
        // "one in three", and "nine in ten" (九成, 90 %): a whole count written plainly.
        let count = a
            .values
            .first()
            .copied()
            .filter(|&x| x >= 1.0 && x.fract() == 0.0)
            .filter(|_| {
                text.get(a.span.clone())
                    .is_some_and(|t| t.bytes().all(|b| b.is_ascii_digit()) || is_plain_count(t))
            });
        // Not a name's number ("COVID-19 in 2020"), nor "in" before a year: a share of more
        // than a hundred parts says "out of".
        let standalone = !text
            .get(..a.span.start)
            .is_some_and(|t| t.ends_with(|c: char| c == '-' || c.is_ascii_alphanumeric()));
        let of = count.is_some() && standalone && {
            let between = text.get(a.span.end..b.span.start).unwrap_or("").trim();
            let few_parts = b.values.first().is_some_and(|&n| n <= 100.0);
            (between.eq_ignore_ascii_case("in") && (few_parts || count == Some(1.0)))
                || between.eq_ignore_ascii_case("out of")
        };
        match (count, b.values.first()) {
            (Some(x), Some(&n)) if of && n > x => {
                // "Around 1 in 11" may be rendered 约十分之一: hedged, only a share of ten or
                // fewer parts is a firm number (as with small counts).
                let hedged = text
                    .get(..a.span.start)
                    .unwrap_or("")
                    .trim_end()
                    .rsplit(|c: char| !c.is_ascii_alphabetic())
                    .next()
                    .is_some_and(|w| {
                        ["about", "around", "roughly", "approximately", "nearly"]
                            .iter()
                            .any(|h| w.eq_ignore_ascii_case(h))
                    });
                if x > 1.0 {
                    // "nine in ten" is 九成 or 90 %, or "十个人里有九个" with both numbers: the
                    // count also reads as the share, and the whole is never missing alone.
                    push_alt(&mut out[k - 1].values, x / n);
                    push_alt(&mut out[k - 1].values, 100.0 * x / n);
                    // A share is a firm number however it is spelled (三成 is not 五成).
                    out[k - 1].strong = !hedged || n <= 10.0;
                    out[k].strong = false;
                    k += 1;
                    continue;
                }
                let mut values = Values::of(&[1.0 / n]);
                push_alt(&mut values, 100.0 / n);
                push_alt(&mut values, n);
                out[k] = make_mention(a.span.start..b.span.end, values, !hedged || n <= 10.0);
                out.remove(k - 1);
            }
            _ => k += 1,
        }
    }
}

/// Whether `text` may hold a ruler's Roman numeral of two or more letters ("Louis XIV",
/// "Henry VIII"): every one has a V or an X, or is II or III. A byte test, since it is asked of
/// every English line.
fn might_hold_regnal_numeral(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr2(b'V', b'X', b).is_some()
        || memchr::memchr_iter(b'I', b).any(|i| b.get(i + 1) == Some(&b'I'))
}

/// The value of a Roman numeral of two or more letters written in canonical form, if `word`
/// is one.
fn roman_value(word: &str) -> Option<f64> {
    if word.len() < 2 || word.len() > 9 {
        return None;
    }
    let digit = |b: u8| match b {
        b'I' => Some(1),
        b'V' => Some(5),
        b'X' => Some(10),
        b'L' => Some(50),
        b'C' => Some(100),
        _ => None,
    };
    let digits: Option<Vec<u32>> = word.bytes().map(digit).collect();
    let digits = digits?;
    let mut total = 0;
    for (i, &d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|&next| next > d) {
            total -= d as i64;
        } else {
            total += d as i64;
        }
    }
    // Canonical form only ("IIII", "VX" and "IC" are no numerals): write it back and compare.
    let canonical = {
        let mut n = total;
        let mut out = String::new();
        for (v, s) in [
            (100, "C"),
            (90, "XC"),
            (50, "L"),
            (40, "XL"),
            (10, "X"),
            (9, "IX"),
            (5, "V"),
            (4, "IV"),
            (1, "I"),
        ] {
            while n >= v {
                out.push_str(s);
                n -= v;
            }
        }
        out
    };
    (total > 0 && canonical == word).then_some(total as f64)
}

/// A ruler's or a sequel's Roman numeral after a capitalised name ("Louis XIV", "Henry VIII",
/// "World War II"): 路易十四 writes it as a Chinese number. Weak, so it confirms a Chinese
/// number and is never reported as missing (the translation may leave it out). Added among
/// this text's mentions (`out[base..]`) in text order.
fn regnal_numerals(text: &str, out: &mut Vec<NumberMention>, base: usize) {
    let base_len = out.len();
    let b = text.as_bytes();
    let mut previous_capitalised = false;
    let mut pos = 0;
    // Words are runs of ASCII letters and digits (bytes of other characters are never ASCII,
    // so the byte positions stay on character boundaries).
    while pos < b.len() {
        if !b[pos].is_ascii_alphanumeric() {
            pos += 1;
            continue;
        }
        let start = pos;
        while pos < b.len() && b[pos].is_ascii_alphanumeric() {
            pos += 1;
        }
        let word = &text[start..pos];
        let roman = roman_value(word);
        let follows_name = previous_capitalised && start > 0 && b[start - 1] == b' ';
        if follows_name && let Some(v) = roman {
            out.push(make_mention(start..pos, Values::of(&[v]), false));
        }
        previous_capitalised = b[start].is_ascii_uppercase() && roman.is_none();
    }
    if out.len() > base_len {
        out[base..].sort_by_key(|m| m.span.start);
    }
}

/// Negates the values of each mention that is signed (`sign_at` of the text before and after
/// it gives where its sign starts): "minus 273.15" is −273.15, and 二百七十三点一五 without its 零下
/// or 负 differs. The mention's span takes in a sign before it, so a finding names "minus 12".
fn apply_signs(
    text: &str,
    mentions: &mut [NumberMention],
    sign_at: fn(&str, &str, Option<usize>) -> Option<usize>,
) {
    let mut previous_end = None;
    for m in mentions.iter_mut() {
        let before = text.get(..m.span.start).unwrap_or("");
        let after = text.get(m.span.end..).unwrap_or("");
        if let Some(at) = sign_at(before, after, previous_end) {
            for v in m.values.iter_mut() {
                *v = -*v;
            }
            m.span.start = at.min(m.span.start);
        }
        previous_end = Some(m.span.end);
    }
}

/// Where an English number's sign starts, if it is negative: "minus" or "negative" before it
/// (not after another number: "10 minus 3" subtracts), a sign glued to it ([`glued_sign`]), or
/// "below zero" after it ("ten degrees below zero", 零下十度; the span stays the number's).
fn english_sign(before: &str, after: &str, previous_end: Option<usize>) -> Option<usize> {
    let rest = after.trim_start();
    let rest = rest
        .get(..8)
        .filter(|w| w.eq_ignore_ascii_case("degrees "))
        .map_or(rest, |_| rest[8..].trim_start());
    if rest
        .get(..10)
        .is_some_and(|w| w.eq_ignore_ascii_case("below zero"))
    {
        return Some(before.len());
    }
    if let Some(rest) = before.strip_suffix(['-', '−']) {
        return glued_sign(rest);
    }
    let trimmed = before.trim_end();
    let at = ["minus", "negative"].iter().find_map(|w| {
        let at = trimmed.len().checked_sub(w.len())?;
        (trimmed.is_char_boundary(at) && trimmed[at..].eq_ignore_ascii_case(w)).then_some(at)
    })?;
    let head = &trimmed[..at];
    let starts_word = head.is_empty() || head.ends_with(|c: char| !c.is_alphanumeric());
    // "10 minus 3": a number just before the sign word makes it a subtraction.
    let after_number = previous_end.is_some_and(|end| head.trim_end().len() <= end);
    (starts_word && !after_number).then_some(at)
}

/// Where a hyphen or minus sign glued to a number starts, when it is the number's sign: no
/// letter or digit stands before it ("-5", "(−3", "480,-1000"; not "5-10" or "COVID-19").
fn glued_sign(rest: &str) -> Option<usize> {
    (!rest.ends_with(|c: char| c.is_ascii_alphanumeric())).then_some(rest.len())
}

/// The characters of the chemical elements (and of deuterium and tritium), each written as one
/// in Chinese (the names of the China National Committee for Terms in Sciences and
/// Technologies): a hyphen after one opens an isotope's mass number, not a negative number.
const ELEMENTS: &str = "氢氘氚氦锂铍硼碳氮氧氟氖钠镁铝硅磷硫氯氩钾钙钪钛钒铬锰铁钴镍铜锌镓锗砷硒溴氪铷锶钇锆铌钼锝钌铑钯银镉铟锡锑碲碘氙铯钡镧铈镨钕钷钐铕钆铽镝钬铒铥镱镥铪钽钨铼锇铱铂金汞铊铅铋钋砹氡钫镭锕钍镤铀镎钚镅锔锫锎锿镄钔锘铹";

/// [`english_sign`] of a Chinese number: 零下 or 负 right before it ("零下五度", "负三", "负 1" as
/// captions space it), or a hyphen or minus sign glued to it that follows no ASCII letter or
/// digit ("气温-5℃") nor an element's character ([`ELEMENTS`]: 碳-14), unless it opens the line
/// (a dialogue dash).
fn chinese_sign(before: &str, _after: &str, _previous_end: Option<usize>) -> Option<usize> {
    if let Some(rest) = before.strip_suffix(['-', '−']) {
        // A hyphen opening a line is a subtitle's dialogue dash ("-十二个人。" for "- Twelve
        // people."): a Chinese line writes a temperature below zero as 零下 or 负.
        let line_start = rest.trim_end_matches([' ', '\u{3000}', '\t']);
        if line_start.is_empty() || line_start.ends_with(['\n', '\r']) {
            return None;
        }
        // An isotope's mass number (碳-14, 铀-238) is hyphened to its element, as "carbon-14" is.
        if rest
            .chars()
            .next_back()
            .is_some_and(|c| ELEMENTS.contains(c))
        {
            return None;
        }
        return glued_sign(rest);
    }
    let trimmed = before.trim_end_matches([' ', '\u{3000}']);
    let at = ["零下", "负", "負"]
        .iter()
        .find(|w| trimmed.ends_with(*w))
        .map(|w| trimmed.len() - w.len())?;
    // After a number 负 is "lost" (胜5负1: five wins, one loss), not a sign.
    let after_number = trimmed[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit() || is_numeric_char(c));
    (!after_number).then_some(at)
}

/// A Chinese number right after 减 or 扣 ("减10点生命值", "扣5分") may be what the original
/// calls "minus 10" or "10 off": it also reads as its negative. After a number the verb is a
/// subtraction or a deal (满100减10), read as it is.
fn read_minus_verbs(text: &str, mentions: &mut [NumberMention]) {
    for m in mentions.iter_mut() {
        let before = text.get(..m.span.start).unwrap_or("");
        let Some(head) = ["减去", "扣除", "减", "扣"]
            .iter()
            .find_map(|w| before.strip_suffix(w))
        else {
            continue;
        };
        let after_number = head
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit() || is_numeric_char(c));
        if !after_number {
            let negatives: Vec<f64> = m.values.iter().map(|v| -v).collect();
            for v in negatives {
                push_alt(&mut m.values, v);
            }
        }
    }
}

/// "nine times out of ten" (or "ninety-nine times out of a hundred") says "almost always": its
/// numbers confirm a match but are not reported when the translation says 十有八九.
fn weaken_odds_idiom(text: &str, mentions: &mut [NumberMention]) {
    for k in 1..mentions.len() {
        let (a, b) = (&mentions[k - 1], &mentions[k]);
        let whole = |m: &NumberMention| m.values.first().copied();
        let odds = matches!((whole(a), whole(b)), (Some(x), Some(y)) if x + 1.0 == y && y >= 10.0);
        let between = text.get(a.span.end..b.span.start).unwrap_or("").trim();
        if odds
            && (between.eq_ignore_ascii_case("times out of")
                || between.eq_ignore_ascii_case("times out of a"))
        {
            mentions[k - 1].strong = false;
            mentions[k].strong = false;
        }
    }
}

// ---------------------------------------------------------------------------
// Chinese
// ---------------------------------------------------------------------------

/// Plain numerals only: the financial forms (拾, 陆, 伍 ...) are far more
/// often ordinary words (收拾, 大陆) or names than numbers in transcripts.
fn zh_numeral(c: char) -> Option<f64> {
    Some(match c {
        '零' | '〇' => 0.0,
        '一' => 1.0,
        '二' | '两' | '兩' => 2.0,
        '三' => 3.0,
        '四' => 4.0,
        '五' => 5.0,
        '六' => 6.0,
        '七' => 7.0,
        '八' => 8.0,
        '九' => 9.0,
        _ => return None,
    })
}

fn zh_unit(c: char) -> Option<f64> {
    Some(match c {
        '十' => 10.0,
        '百' => 100.0,
        '千' => 1e3,
        '万' | '萬' => 1e4,
        '亿' | '億' => 1e8,
        _ => return None,
    })
}

fn is_numeric_char(c: char) -> bool {
    // One `match` over the few code points (ASCII and full-width digits, [`zh_numeral`],
    // [`zh_unit`]; a test checks it against them over every char): it is asked for every
    // character of every Chinese line.
    matches!(
        c,
        '0'..='9'
            | '０'..='９'
            | '零'
            | '〇'
            | '一'
            | '二'
            | '两'
            | '兩'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '万'
            | '萬'
            | '亿'
            | '億'
    )
}

fn is_run_start(c: char) -> bool {
    is_numeric_char(c) || c == '半'
}

/// Words that contain numeral characters but are not numbers. Matched
/// longest first; see [`stop_ranges`] for the exceptions.
const STOP_WORDS: &[&str] = &[
    "十分",
    "十足",
    "十字",
    "十全十美",
    "十万火急",
    "十之八九",
    "十有八九",
    "十拿九稳",
    "八九不离十",
    "一五一十",
    "千万",
    "万一",
    "万物",
    "万岁",
    "万分",
    "万万",
    "万能",
    "万事",
    "万象",
    "万圣",
    "万里",
    "万无一失",
    "千里",
    "千方百计",
    "千辛万苦",
    "千军万马",
    "千变万化",
    "千丝万缕",
    "千家万户",
    "千篇一律",
    "千载难逢",
    "千千万万",
    "成千上万",
    "成百上千",
    "百姓",
    "百货",
    "百科",
    "百合",
    "百灵",
    "百忙",
    "百般",
    "百发百中",
    "百战百胜",
    "百闻不如一见",
    "亿万",
    "九死一生",
    "九牛一毛",
    "九霄云外",
    "三心二意",
    "一模一样",
    "独一无二",
    "乱七八糟",
    "七上八下",
    "七嘴八舌",
    "七零八落",
    "四面八方",
    "五颜六色",
    "五花八门",
    "六神无主",
    "三言两语",
    "三三两两",
    "接二连三",
    "不三不四",
    "朝三暮四",
    "一清二楚",
    "一干二净",
    "一石二鸟",
    "一举两得",
    "两全其美",
    "一心一意",
    "半信半疑",
    "一丝不苟",
    "一见钟情",
    "三明治",
    "八卦",
    "二手",
    "一些",
    "一起",
    "一直",
    "一样",
    "一下",
    "一定",
    "一切",
    "统一",
    "唯一",
    "一旦",
    "一般",
    "一点一点",
    "一点点",
    "一点",
    "有点",
    "一会儿",
    "一会",
    "一边",
    "一方面",
    "一致",
    "一共",
    "一向",
    "一再",
    "一律",
    "一同",
    "一番",
    "一阵",
    "一辈子",
    "一路",
    "一流",
    // First-line, front-line, top-tier (一线药物, 一线城市, 一线员工): a rank, never a count.
    "一线",
    "一口气",
    "一连",
    "一贯",
    "一味",
    "一概",
    "一并",
    "不一",
    // Days of the week: 星期六 is Saturday, not six (`周` only when no numeral stands before
    // it: 两周 is two weeks, and in 三周一次 the 一 is "once"; see `stop_ranges`).
    "星期一",
    "星期二",
    "星期三",
    "星期四",
    "星期五",
    "星期六",
    "星期日",
    "星期天",
    "礼拜一",
    "礼拜二",
    "礼拜三",
    "礼拜四",
    "礼拜五",
    "礼拜六",
    "礼拜日",
    "礼拜天",
    "周一",
    "周二",
    "周三",
    "周四",
    "周五",
    "周六",
    "周日",
    // Festival dates named by their day: 大年三十 (New Year's Eve), 正月十五 (the Lantern
    // Festival), 八月十五 (Mid-Autumn). With 日 or 号 after it, 八月十五 is a date of the calendar
    // (see `stop_ranges`).
    "年三十",
    "正月十五",
    "八月十五",
    // Shopping festivals named by their date: 双11 / 双十一 ("Singles Day"), 双12, 618.
    "双11",
    "双十一",
    "双12",
    "双十二",
    // 两 as the tael, the old unit of silver and gold (4.5亿两白银: 450 million taels), not
    // "two" closing the number before it.
    "两白银",
    "两银子",
    "两黄金",
];

/// [`STOP_WORDS`] by their first character, longest first.
static STOP_BY_FIRST: LazyLock<HashMap<char, Vec<&'static str>>> = LazyLock::new(|| {
    let mut map: HashMap<char, Vec<&'static str>> = HashMap::new();
    for &w in STOP_WORDS {
        if let Some(c) = w.chars().next() {
            map.entry(c).or_default().push(w);
        }
    }
    for words in map.values_mut() {
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    }
    map
});

/// The first characters of [`STOP_WORDS`].
static STOP_FIRSTS: LazyLock<CharSet> =
    LazyLock::new(|| CharSet::from_ranges(STOP_BY_FIRST.keys().map(|&c| (c, c)).collect()));

/// The stop words in `text`, as a regular expression of them, longest first, finds them: from
/// the left, the longest word at each place, then on after it. Looked up by first character:
/// the expression cost a search of 300 instructions or more even on short lines, and every
/// Chinese line with a numeral in a stop word asks.
fn stop_matches(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(at) = STOP_FIRSTS.next_in(text, from) {
            let rest = &text[at..];
            let c = rest.chars().next()?;
            let found = STOP_BY_FIRST
                .get(&c)
                .and_then(|words| words.iter().find(|w| rest.starts_with(**w)));
            match found {
                Some(w) => {
                    from = at + w.len();
                    return Some(at..from);
                }
                None => from = at + c.len_utf8(),
            }
        }
        None
    })
}

/// The reference for [`stop_matches`].
#[cfg(test)]
static STOP_RE: LazyLock<Regex> = LazyLock::new(|| {
    let mut words: Vec<&str> = STOP_WORDS.to_vec();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let pattern = words
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|");
    // The pattern is built from constants only; a failure is a programming
    // error caught by the unit tests, never an input-dependent one.
    Regex::new(&pattern).expect("stop-word pattern is valid")
});

/// Punctuation that ends a clause, or a space: what follows a number, never the word an adverb
/// qualifies.
fn is_clause_end(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '，' | '。'
                | '！'
                | '？'
                | '；'
                | '：'
                | '、'
                | '）'
                | '」'
                | '”'
                | ','
                | '.'
                | '!'
                | '?'
                | ';'
                | ':'
                | ')'
        )
}

/// Byte ranges covered by idioms that are not numbers. A word beginning with
/// a numeral is exempt when it continues a number (`一千万`, `二十分钟`,
/// `三点十分`), and `十分钟` / `十分之一` / `一点钟` are real numbers.
fn stop_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    for m in stop_matches(text) {
        let w = &text[m.clone()];
        let starts_numeric = w.chars().next().is_some_and(is_numeric_char);
        // The tael follows its number (二十两银子); every other numeric stop word after a
        // numeral is part of that number.
        let tael = matches!(w, "两白银" | "两银子" | "两黄金");
        if starts_numeric
            && !tael
            && char_before(text, m.start).is_some_and(|c| is_numeric_char(c) || c == '点')
        {
            continue;
        }
        if w.starts_with('周') && char_before(text, m.start).is_some_and(is_numeric_char) {
            continue;
        }
        let next = char_at(text, m.end);
        // 十分 is "very" before what it qualifies; before a mark or the end it is a score or an
        // amount ("从一分到十分，", "打了十分。").
        if w == "十分" && next.is_none_or(|c| matches!(c, '钟' | '之') || is_clause_end(c)) {
            continue;
        }
        // 万分之一 is one in ten thousand; 万分 alone is "extremely" (万分感谢).
        if w == "万分" && next == Some('之') {
            continue;
        }
        if w.ends_with("月十五") && next.is_some_and(|c| matches!(c, '日' | '号' | '號')) {
            continue;
        }
        // 今年三十岁: the 年 of 今年 and an age, not 年三十.
        if w == "年三十"
            && (next.is_some_and(|c| {
                matches!(c, '岁' | '歲' | '多' | '几' | '个' | '日' | '号' | '號')
            }) || char_before(text, m.start).is_some_and(|c| {
                matches!(
                    c,
                    '今' | '去' | '明' | '前' | '后' | '後' | '每' | '这' | '那' | '当'
                )
            }))
        {
            continue;
        }
        if w == "一点" && next.is_some_and(|c| c == '钟' || c == '半' || is_numeric_char(c)) {
            continue;
        }
        // 凌晨一点, 下午一点: an hour after a time of day; 一点到四点: the first hour of a range.
        if w == "一点" && (after_time_of_day(text, m.start) || hour_range_follows(text, m.end)) {
            continue;
        }
        // 千万 is "by all means" before what it urges (千万不要, 千万小心); before what it counts
        // it is ten million (千万人口, 千万富翁, 千万元, 千万级).
        if w == "千万"
            && text
                .get(m.end..)
                .is_some_and(|r| TEN_MILLION_OF.iter().any(|n| r.starts_with(n)))
        {
            continue;
        }
        ranges.push(m);
    }
    ranges
}

/// Words for a time of day, after which 一点 is one o'clock ([`stop_ranges`]).
const TIMES_OF_DAY: &[&str] = &[
    "凌晨", "早上", "早晨", "上午", "中午", "下午", "晚上", "夜里", "半夜", "深夜", "傍晚", "午夜",
];

/// Whether a time of day ([`TIMES_OF_DAY`]) ends right before byte `at`.
fn after_time_of_day(text: &str, at: usize) -> bool {
    text.get(..at)
        .is_some_and(|t| TIMES_OF_DAY.iter().any(|w| t.ends_with(w)))
}

/// Whether `到` or `至` and another hour (a numeral, then 点) follow byte `at`: 一点到四点.
fn hour_range_follows(text: &str, at: usize) -> bool {
    let Some(rest) = text.get(at..).and_then(|r| r.strip_prefix(['到', '至'])) else {
        return false;
    };
    let numerals = rest
        .char_indices()
        .take_while(|&(_, c)| is_numeric_char(c))
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    numerals > 0 && rest[numerals..].starts_with('点')
}

/// What 千万 counts when it is ten million rather than "by all means" ([`stop_ranges`]).
const TEN_MILLION_OF: &[&str] = &[
    "人", "元", "美元", "欧元", "英镑", "日元", "港元", "富翁", "级", "量级", "以上", "左右", "户",
    "次", "名", "辆", "吨", "个", "台", "份", "册", "字", "像素", "年", "像", "用户", "观众",
    "粉丝",
];

/// The characters of [`STOP_WORDS`].
static STOP_CHARS: LazyLock<CharSet> = LazyLock::new(|| {
    CharSet::from_ranges(
        STOP_WORDS
            .iter()
            .flat_map(|w| w.chars())
            .map(|c| (c, c))
            .collect(),
    )
});

/// The stop-word ranges of a text, searched for only when first asked about a character of a
/// stop word ([`STOP_CHARS`]): most subtitle numbers are digits, and the search was a third of
/// [`chinese_numbers`]. A text whose possible mentions are all digits has none (a stop word
/// can only block a run that reaches into it through a Chinese numeral or unit).
struct Blocked<'a> {
    text: &'a str,
    ranges: std::cell::OnceCell<Vec<Range<usize>>>,
}

impl<'a> Blocked<'a> {
    fn new(text: &'a str) -> Self {
        Blocked {
            text,
            ranges: std::cell::OnceCell::new(),
        }
    }

    /// No position blocked: the digits after `点` are read whatever word they are part of.
    fn nowhere() -> Self {
        Blocked {
            text: "",
            ranges: std::cell::OnceCell::new(),
        }
    }

    /// Whether the character at byte `pos` is inside a stop word.
    fn at(&self, pos: usize) -> bool {
        // A character that is in no stop word is in no stop-word range.
        if char_at(self.text, pos).is_none_or(|c| !STOP_CHARS.contains(c)) {
            return false;
        }
        // Sorted and non-overlapping (regex matches in order).
        let ranges = self.ranges.get_or_init(|| {
            let mut candidates = std::iter::successors(next_candidate(self.text, 0), |&i| {
                next_candidate(
                    self.text,
                    i + char_at(self.text, i).map_or(1, char::len_utf8),
                )
            });
            let chinese = candidates.any(|i| !char_at(self.text, i).is_some_and(is_digit));
            if chinese {
                stop_ranges(self.text)
            } else {
                Vec::new()
            }
        });
        let i = ranges.partition_point(|r| r.end <= pos);
        ranges.get(i).is_some_and(|r| r.start <= pos)
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum TokKind {
    Digits {
        value: f64,
        int_len: usize,
        decimal: bool,
    },
    Numeral(f64),
    Unit(f64),
    /// `多`, `余`, `来`, `几` between a number and its unit (`十几万`).
    Skip {
        vague: bool,
    },
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    kind: TokKind,
    start: usize,
    end: usize,
}

impl Default for Tok {
    /// A placeholder for [`InlineVec`]'s unused slots.
    fn default() -> Self {
        Tok {
            kind: TokKind::Numeral(0.0),
            start: 0,
            end: 0,
        }
    }
}

struct Run {
    toks: InlineVec<Tok, INLINE_TOKENS>,
    /// Index of the first of two adjacent ascending numerals (`三四万`).
    range_at: Option<usize>,
    end: usize,
}

fn is_next(a: f64, b: f64) -> bool {
    a >= 1.0 && same_value(a + 1.0, b)
}

fn all_numerals(toks: &[Tok]) -> bool {
    toks.iter().all(|t| matches!(t.kind, TokKind::Numeral(_)))
}

fn numeral_of(t: &Tok) -> f64 {
    match t.kind {
        TokKind::Numeral(v) => v,
        _ => f64::NAN,
    }
}

/// Collects the tokens of one Chinese number starting at `start`.
fn collect_run(text: &str, start: usize, blocked: &Blocked) -> Run {
    let mut toks: InlineVec<Tok, INLINE_TOKENS> = InlineVec::default();
    let mut range_at = None;
    let mut pos = start;
    // Tracked incrementally so a pathological run stays linear.
    let mut last_unit: Option<f64> = None;
    let mut numerals_only = true;
    while let Some(c) = char_at(text, pos) {
        if pos != start && blocked.at(pos) {
            break;
        }
        let len = c.len_utf8();
        if is_digit(c) {
            if matches!(
                toks.last().map(|t| t.kind),
                Some(TokKind::Digits { .. } | TokKind::Numeral(_) | TokKind::Skip { .. })
            ) {
                break;
            }
            let d = scan_digits(text, pos, true);
            numerals_only = false;
            toks.push(Tok {
                kind: TokKind::Digits {
                    value: d.value,
                    int_len: d.int_len,
                    decimal: d.decimal,
                },
                start: pos,
                end: d.end,
            });
            pos = d.end;
            if is_time_colon(text, pos) {
                break;
            }
            // Machine translation writes `150 万`: the space belongs to the number.
            if char_at(text, pos) == Some(' ')
                && char_at(text, pos + 1)
                    .and_then(zh_unit)
                    .is_some_and(|u| u >= 100.0)
            {
                pos += 1;
            }
            continue;
        }
        if let Some(v) = zh_numeral(c) {
            let has_unit = last_unit.is_some();
            match toks.last().map(|t| t.kind) {
                None | Some(TokKind::Unit(_)) => {}
                Some(TokKind::Digits { .. } | TokKind::Skip { .. }) => break,
                Some(TokKind::Numeral(prev)) => {
                    if !has_unit || prev == 0.0 {
                        // A bare digit string (`一九六四`) or `一百零五`.
                    } else if range_at.is_none() && is_next(prev, v) {
                        range_at = Some(toks.len() - 1);
                    } else {
                        break;
                    }
                }
            }
            toks.push(Tok {
                kind: TokKind::Numeral(v),
                start: pos,
                end: pos + len,
            });
            pos += len;
            continue;
        }
        if let Some(u) = zh_unit(c) {
            // Within a 万 section small units must decrease: 五十千米 is 50 km.
            if u < 1e4 && last_unit.is_some_and(|p| p <= u) {
                break;
            }
            // 百 before 帕 is the hectopascal's prefix: 1013.25百帕 is 1013.25 hPa, 10百帕 "ten
            // hectopascals" (but 一百帕斯卡 is 100 pascals).
            if c == '百'
                && text
                    .get(pos + len..)
                    .is_some_and(|r| r.starts_with('帕') && !r.starts_with("帕斯"))
            {
                break;
            }
            // 千 straight after 万 or 亿 is a unit's prefix: 60万千瓦 is 600,000 kW (600 MW),
            // 3.8万千米 38,000 km.
            if c == '千'
                && matches!(toks.last().map(|t| t.kind), Some(TokKind::Unit(p)) if p >= 1e4)
                && char_at(text, pos + len).is_some_and(|n| METRIC_AFTER_KILO.contains(&n))
            {
                break;
            }
            if last_unit.is_none() && toks.len() >= 2 && numerals_only {
                if toks.len() == 2 && is_next(numeral_of(&toks[0]), numeral_of(&toks[1])) {
                    range_at = Some(0);
                } else {
                    break;
                }
            }
            last_unit = Some(u);
            numerals_only = false;
            toks.push(Tok {
                kind: TokKind::Unit(u),
                start: pos,
                end: pos + len,
            });
            pos += len;
            continue;
        }
        // An invisible character inside a number (二\u{200B}十, pasted from a web page) is no
        // break in it: `whitespace` reports it, and the number stays one.
        if matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        ) && !toks.is_empty()
            && char_at(text, pos + len)
                .is_some_and(|n| zh_numeral(n).is_some() || zh_unit(n).is_some())
        {
            pos += len;
            continue;
        }
        if matches!(c, '多' | '余' | '来' | '几')
            && !toks.is_empty()
            && char_at(text, pos + len).and_then(zh_unit).is_some()
        {
            numerals_only = false;
            toks.push(Tok {
                kind: TokKind::Skip { vague: c == '几' },
                start: pos,
                end: pos + len,
            });
            pos += len;
            continue;
        }
        break;
    }
    Run {
        toks,
        range_at,
        end: pos,
    }
}

/// Units written after 千 (kilo-): 千瓦 kW, 千克 kg, 千米 km, 千卡 kcal, 千焦 kJ, 千帕 kPa, 千赫 kHz,
/// 千伏 kV.
const METRIC_AFTER_KILO: [char; 8] = ['瓦', '克', '米', '卡', '焦', '帕', '赫', '伏'];

/// Evaluates `三千五百`, `一亿三千万`, `1.5万`, `一万五` (= 15000).
fn eval_tokens<'a>(toks: impl Iterator<Item = &'a Tok>) -> f64 {
    let (mut big, mut mid, mut small) = (0.0f64, 0.0f64, 0.0f64);
    let mut cur: Option<(f64, bool)> = None;
    let mut last_unit = 0.0;
    let mut after_zero = false;
    for t in toks {
        match t.kind {
            TokKind::Digits { value, .. } => cur = Some((value, false)),
            TokKind::Numeral(v) => {
                if v == 0.0 {
                    after_zero = true;
                    cur = None;
                } else {
                    cur = Some((v, true));
                }
            }
            TokKind::Unit(u) if u < 1e4 => {
                small += cur.map_or(1.0, |c| c.0) * u;
                cur = None;
                last_unit = u;
                after_zero = false;
            }
            TokKind::Unit(u) if u < 1e8 => {
                let base = small + cur.map_or(0.0, |c| c.0);
                mid = if base == 0.0 {
                    if mid == 0.0 { u } else { mid * u }
                } else {
                    (mid + base) * u
                };
                small = 0.0;
                cur = None;
                last_unit = u;
                after_zero = false;
            }
            TokKind::Unit(u) => {
                let base = mid + small + cur.map_or(0.0, |c| c.0);
                big = if base == 0.0 {
                    if big == 0.0 { u } else { big * u }
                } else {
                    (big + base) * u
                };
                mid = 0.0;
                small = 0.0;
                cur = None;
                last_unit = u;
                after_zero = false;
            }
            TokKind::Skip { .. } => {}
        }
    }
    let tail = match cur {
        Some((v, true)) if !after_zero && last_unit >= 100.0 && v < 10.0 => v * last_unit / 10.0,
        Some((v, _)) => v,
        None => 0.0,
    };
    big + mid + small + tail
}

/// Digit-by-digit reading: `一九六四` = 1964.
fn concat_numerals(toks: &[Tok]) -> f64 {
    toks.iter().fold(0.0, |acc, t| acc * 10.0 + numeral_of(t))
}

fn run_strong(toks: &[Tok]) -> bool {
    let vague = toks
        .iter()
        .any(|t| matches!(t.kind, TokKind::Skip { vague: true }));
    let has_digits = toks
        .iter()
        .any(|t| matches!(t.kind, TokKind::Digits { .. }));
    let has_unit = toks.iter().any(|t| matches!(t.kind, TokKind::Unit(_)));
    let leading_big = matches!(toks.first().map(|t| t.kind), Some(TokKind::Unit(u)) if u >= 100.0);
    !vague && (has_digits || (has_unit && !leading_big))
}

/// Value and strength of a number that may carry a `点` decimal part, for the
/// numerator of a fraction (`百分之零点五`). Returns the end position.
fn value_with_point(text: &str, start: usize, blocked: &Blocked) -> Option<(f64, bool, usize)> {
    if !char_at(text, start).is_some_and(is_numeric_char) || blocked.at(start) {
        return None;
    }
    let run = collect_run(text, start, blocked);
    if run.toks.is_empty() {
        return None;
    }
    let base = if run.range_at.is_none() && run.toks.len() > 1 && all_numerals(&run.toks) {
        concat_numerals(&run.toks)
    } else {
        eval_tokens(run.toks.iter())
    };
    let strong = run_strong(&run.toks);
    if text[run.end..].starts_with('点') {
        let after = run.end + '点'.len_utf8();
        let frac = collect_run(text, after, &Blocked::nowhere());
        if !frac.toks.is_empty() && all_numerals(&frac.toks) {
            let digits = concat_numerals(&frac.toks);
            let n = i32::try_from(frac.toks.len()).unwrap_or(i32::MAX);
            return Some((base + digits / 10f64.powi(n), true, frac.end));
        }
    }
    Some((base, strong, run.end))
}

/// The first two numerals of a run, `a` and `b`, as weak mentions each: the two ends of a range
/// (五六个) or the factors of a times-table line (二五一十).
fn push_weak_numerals(toks: &[Tok], a: f64, b: f64, out: &mut Vec<NumberMention>) {
    for (t, v) in toks.iter().zip([a, b]) {
        out.push(make_mention(t.start..t.end, Values::of(&[v]), false));
    }
}

/// Where the product of a times-table line ends (二五一十: 2 × 5 = 一十; 五五二十五), when the
/// numerals `a` `b` read digit by digit are followed by the tens numeral `tens`, then 十 at
/// `at` and at most one more numeral, and that is a × b. Recited, not counted: 二五一 is no
/// 251.
fn times_table_product(text: &str, a: f64, b: f64, tens: &Tok, at: usize) -> Option<usize> {
    let rest = text.get(at..)?.strip_prefix('十')?;
    // At most one more numeral, one to nine: 一十 is ten, 二十五 twenty-five.
    let units = rest
        .chars()
        .next()
        .and_then(|c| Some((zh_numeral(c)?, c.len_utf8())))
        .filter(|(u, _)| (1.0..=9.0).contains(u));
    let (units, width) = units.unwrap_or((0.0, 0));
    let product = numeral_of(tens) * 10.0 + units;
    ((1.0..=9.0).contains(&a) && (1.0..=9.0).contains(&b) && a * b == product)
        .then_some(at + '十'.len_utf8() + width)
}

/// Suffixes after which `千` is the metric prefix: `五千克` is 5 kg, `三十万千米` 300,000 km,
/// `42千焦` 42 kJ.
const KILO_UNITS: &[&str] = &["克", "米", "瓦", "卡", "字节", "赫", "焦", "帕", "伏"];

/// Parses the Chinese number at `start`, pushes its mention(s), and returns
/// where scanning continues (always past `start`).
fn zh_mention(text: &str, start: usize, blocked: &Blocked, out: &mut Vec<NumberMention>) -> usize {
    let Some(c) = char_at(text, start) else {
        return text.len();
    };
    let here = &text[start..];
    let weak_ctx = matches!(char_before(text, start), Some('第' | '几' | '数'));
    if here.starts_with("百分百") {
        let end = start + "百分百".len();
        out.push(make_mention(start..end, Values::of(&[100.0]), false));
        return end;
    }
    if here.starts_with("一半") {
        let end = start + "一半".len();
        out.push(make_mention(start..end, Values::of(&[0.5, 50.0]), false));
        return end;
    }
    if c == '半' {
        let end = start + c.len_utf8();
        let mut values = Values::of(&[0.5, 50.0]);
        let rest = &text[end..];
        if ["小时", "个小时", "钟头", "个钟头"]
            .iter()
            .any(|w| rest.starts_with(w))
        {
            values.push(30.0);
        }
        // 半斤: half a jin, "250 grams".
        if rest.starts_with('斤') {
            values.push(250.0);
        }
        out.push(make_mention(start..end, values, false));
        return end;
    }
    let run = collect_run(text, start, blocked);
    if run.toks.is_empty() {
        return start + c.len_utf8();
    }
    let rest = &text[run.end..];

    // Fractions and percentages: 百分之五十, 十分之九, 三分之一.
    // Without a number after 之, 分 is the unit and 之 opens a word: "0到10分之间" is "between 0
    // and 10 points", not a fraction.
    let fraction = rest
        .strip_prefix("分之")
        .and_then(|_| value_with_point(text, run.end + "分之".len(), blocked));
    if let Some((y, ystrong, yend)) = fraction {
        let x = eval_tokens(run.toks.iter());
        let ystart = run.end + "分之".len();
        // 百分之十几, 百分之二十多, 百分之十出头: "in the teens", "over twenty percent".
        let vague =
            text[yend..].starts_with(['几', '多', '余', '来']) || text[yend..].starts_with("出头");
        if same_value(x, 100.0) {
            // 百分之百 is as often "absolutely" as "100%".
            let strong = !same_value(y, 100.0) && !vague;
            out.push(make_mention(start..yend, Values::of(&[y]), strong));
            // "1 in 100" is also rendered 百分之一: offer the 100, weakly.
            out.push(make_mention(start..run.end, Values::of(&[100.0]), false));
        } else {
            out.push(make_mention(start..run.end, Values::of(&[x]), false));
            let mut values = Values::of(&[y]);
            if x != 0.0 {
                push_alt(&mut values, y / x * 100.0);
                push_alt(&mut values, y / x);
            }
            // A whole fraction (三分之二, 二分之三) is a value even when its numerals are small:
            // "two thirds" against 二分之三 differ. So is one part in ten or fewer (四分之一
            // against "one in three"); 万分之一 and 千分之一 are as often "a slim chance".
            // Hedged, one part in ten is a rough share (约为十分之一 for "around 1 in 11").
            let rough = x >= 10.0 && zh_hedged_before(text, start);
            let whole_fraction = x > 1.0 && y > 0.0 && (y != 1.0 || (x <= 10.0 && !rough));
            let span = if whole_fraction {
                start..yend
            } else {
                ystart..yend
            };
            out.push(make_mention(
                span,
                values,
                (ystrong || whole_fraction) && !weak_ctx && !vague,
            ));
        }
        return yend;
    }

    let has_digits = run
        .toks
        .iter()
        .any(|t| matches!(t.kind, TokKind::Digits { .. }));
    let ends_in_skip = matches!(run.toks.last().map(|t| t.kind), Some(TokKind::Skip { .. }));
    let simple = run.range_at.is_none() && !(run.toks.len() > 1 && all_numerals(&run.toks));

    // Clock times and decimals: 七点, 七点半, 七点四十五分, 7点45, 三点一四.
    if rest.starts_with('点') && simple && !ends_in_skip {
        let h = eval_tokens(run.toks.iter());
        let h_strong = run_strong(&run.toks) && !weak_ctx;
        let after = run.end + '点'.len_utf8();
        let mut hour = Values::of(&[h]);
        add_hour_alts(&mut hour);
        let tail = &text[after..];
        if tail.starts_with('半') {
            out.push(make_mention(start..after, hour, h_strong));
            let end = after + '半'.len_utf8();
            out.push(make_mention(after..end, Values::of(&[0.5, 30.0]), false));
            return end;
        }
        if let Some(n) = char_at(text, after).and_then(zh_numeral)
            && tail[n_len(tail)..].starts_with('刻')
        {
            out.push(make_mention(start..after, hour, h_strong));
            let end = after + n_len(tail) + '刻'.len_utf8();
            out.push(make_mention(after..end, Values::of(&[n, 15.0 * n]), false));
            return end;
        }
        if char_at(text, after).is_some_and(is_numeric_char) && !blocked.at(after) {
            let r2 = collect_run(text, after, blocked);
            if !r2.toks.is_empty() {
                let has_ten = r2.toks.iter().any(|t| {
                    matches!(t.kind, TokKind::Unit(u) if u == 10.0)
                        || matches!(t.kind, TokKind::Digits { .. })
                });
                let fen = text[r2.end..].starts_with('分');
                let lead = r2
                    .toks
                    .iter()
                    .take_while(|t| matches!(t.kind, TokKind::Numeral(_)))
                    .count();
                let only_units_after = r2.toks[lead..]
                    .iter()
                    .all(|t| matches!(t.kind, TokKind::Unit(u) if u >= 100.0));
                if !(has_ten || fen || has_digits) && lead > 0 && only_units_after {
                    // Decimal: 三点一四, 一点五亿.
                    let digits = concat_numerals(&r2.toks[..lead]);
                    let n = i32::try_from(lead).unwrap_or(i32::MAX);
                    let mut v = h + digits / 10f64.powi(n);
                    for t in &r2.toks[lead..] {
                        if let TokKind::Unit(u) = t.kind {
                            v *= u;
                        }
                    }
                    out.push(make_mention(start..r2.end, Values::of(&[v]), !weak_ctx));
                    return r2.end;
                }
                // 八点五分 is 8:05 on a clock and 8.5 points on a scorecard (总分八点五分): the
                // hour also reads as the decimal, and the single minute digit is then a number
                // the original may not say.
                let one_digit = fen && lead == 1 && r2.toks.len() == 1 && !has_digits;
                if one_digit {
                    push_alt(&mut hour, h + concat_numerals(&r2.toks) / 10.0);
                }
                out.push(make_mention(start..after, hour, h_strong));
                let m = if r2.range_at.is_none() && r2.toks.len() > 1 && all_numerals(&r2.toks) {
                    concat_numerals(&r2.toks)
                } else {
                    eval_tokens(r2.toks.iter())
                };
                let end = if fen {
                    r2.end + '分'.len_utf8()
                } else {
                    r2.end
                };
                out.push(make_mention(
                    after..end,
                    Values::of(&[m]),
                    run_strong(&r2.toks) && !one_digit,
                ));
                return end;
            }
        }
        let end = if tail.starts_with('钟') {
            after + '钟'.len_utf8()
        } else {
            after
        };
        out.push(make_mention(start..end, hour, h_strong));
        return end;
    }

    let toks = &run.toks;
    // 十几 and 十来 ("about ten", 十来个人, 二十来岁): a number more or less.
    let vague_after = rest.starts_with(['几', '来']);

    // Bare numeral strings: 五六个 (a range), 一九六四年 (digit by digit).
    if toks.len() >= 2 && all_numerals(toks) {
        let (a, b) = (numeral_of(&toks[0]), numeral_of(&toks[1]));
        if toks.len() == 3
            && let Some(product_end) = times_table_product(text, a, b, &toks[2], run.end)
        {
            // A line of the times table: 二五一十, 五五二十五 ("five fives are twenty-five").
            // The factors and the product are numbers the English may say or not.
            push_weak_numerals(toks, a, b, out);
            out.push(make_mention(
                toks[2].start..product_end,
                Values::of(&[a * b]),
                false,
            ));
            return product_end;
        }
        let year = rest.starts_with('年');
        if toks.len() == 2 && is_next(a, b) {
            push_weak_numerals(toks, a, b, out);
            return run.end;
        }
        let v = concat_numerals(toks);
        if toks.len() == 2 && rest.starts_with('折') {
            // A discount said digit by digit: 八五折 is 85% of the price, "15 percent off".
            let end = run.end + '折'.len_utf8();
            out.push(make_mention(
                start..end,
                Values::of(&[v, 100.0 - v]),
                !weak_ctx,
            ));
            return end;
        }
        let mut values = Values::of(&[v]);
        if year && toks.len() == 2 {
            push_alt(&mut values, 1900.0 + v);
            push_alt(&mut values, 2000.0 + v);
        }
        let strong = (toks.len() >= 3 || year) && !weak_ctx && !vague_after;
        out.push(make_mention(start..run.end, values, strong));
        return run.end;
    }

    let strong = run_strong(toks) && !weak_ctx && !vague_after;
    // 十几, 二十几 (and no unit after the 几): "ten-odd", any of the next nine numbers ("a dozen
    // or so" is 十几个).
    let odd_tens = vague_after
        && text[run.end..]
            .chars()
            .nth(1)
            .is_none_or(|c| zh_unit(c).is_none());

    // Ranges with a shared unit: 三四万, 十一二岁, 一两百. They are
    // estimates ("a decade or two" is 一二十年), so they stay weak.
    if let Some(r) = run.range_at
        && r + 1 < toks.len()
    {
        let va = eval_tokens(
            toks.iter()
                .enumerate()
                .filter(|(k, _)| *k != r + 1)
                .map(|(_, t)| t),
        );
        let vb = eval_tokens(
            toks.iter()
                .enumerate()
                .filter(|(k, _)| *k != r)
                .map(|(_, t)| t),
        );
        out.push(make_mention(start..toks[r].end, Values::of(&[va]), false));
        out.push(make_mention(
            toks[r + 1].start..run.end,
            Values::of(&[vb]),
            false,
        ));
        return run.end;
    }

    let v = eval_tokens(toks.iter());
    let mut values = Values::of(&[v]);
    if odd_tens && (10.0..100.0).contains(&v) && v % 10.0 == 0.0 {
        for k in 1..10 {
            push_alt(&mut values, v + f64::from(k));
        }
    }
    let mut end = run.end;
    let single_digits = match &toks[..] {
        [
            Tok {
                kind: TokKind::Digits {
                    int_len, decimal, ..
                },
                ..
            },
        ] => Some((*int_len, *decimal)),
        _ => None,
    };
    let mut strong = strong;
    // "20世纪" (the 20th century) is how Chinese says "the nineteen-": English often leaves the
    // century out, so it may confirm but never be reported.
    if rest.starts_with("世纪") {
        strong = false;
        push_alt(&mut values, (v - 1.0) * 100.0);
    }
    // The mention holds the suffix that makes its value (`八十年代`, `三成`, `七折`), so a message
    // quotes the number as written.
    if rest.starts_with("年代") {
        add_decade_alts(&mut values);
        end += "年代".len();
    } else if rest.starts_with('年') && single_digits == Some((2, false)) {
        push_alt(&mut values, 1900.0 + v);
        push_alt(&mut values, 2000.0 + v);
    }
    if rest.starts_with('成') {
        push_alt(&mut values, v * 10.0);
        end += '成'.len_utf8();
    } else if rest.starts_with('折') {
        // 七折 and 8.5折 are tenths of the price, 85折 hundredths: 70% or 85% paid, 30% or
        // 15% off.
        let paid = if v < 10.0 { v * 10.0 } else { v };
        push_alt(&mut values, paid);
        push_alt(&mut values, 100.0 - paid);
        end += '折'.len_utf8();
        // A discount is a price, never "a" or "one": 七折 against "20% off" is reported.
        strong |= !weak_ctx;
    } else if rest.starts_with('刻') {
        push_alt(&mut values, v * 15.0);
    } else if let Some(half) = AND_A_HALF.iter().find(|h| rest.starts_with(*h)) {
        push_alt(&mut values, v + 0.5);
        end += half.len();
    }
    if matches!(toks.last().map(|t| t.kind), Some(TokKind::Unit(u)) if u == 1e3)
        && KILO_UNITS.iter().any(|u| rest.starts_with(u))
    {
        push_alt(&mut values, v / 1e3);
        // The number before the prefix, whatever its own units: 三十万 of 三十万千米.
        if let Some((_, before)) = toks.split_last()
            && !before.is_empty()
        {
            push_alt(&mut values, eval_tokens(before.iter()));
        }
    }
    // A jin is 500 grams: 一斤 is "500 grams", 半斤 "250 grams" (read on this side, where the
    // unit is written: "500 grams" read as one jin matched any 一 of a line).
    if rest.starts_with('斤') {
        push_alt(&mut values, v * 500.0);
    }
    // 五毛: five tenths of a yuan, "fifty cents"; 一块五: "one fifty", 1.5 yuan, and its 五 is
    // tenths of a yuan.
    let tenths = if rest.starts_with(['毛', '角']) {
        push_alt(&mut values, v * 10.0);
        push_alt(&mut values, v / 10.0);
        None
    } else {
        spoken_tenths(text, run.end)
    };
    if let Some((fraction, ..)) = tenths {
        push_alt(&mut values, v + fraction);
    }
    if single_digits.is_some() {
        if is_time_colon(text, run.end) {
            add_hour_alts(&mut values);
        }
        let d = Digits {
            end: run.end,
            value: v,
            int_len: single_digits.map_or(0, |s| s.0),
            decimal: single_digits.is_some_and(|s| s.1),
        };
        // Translators write `1小时` for "an hour": a lone 1 proves nothing.
        if is_zero_minutes(text, start, &d)
            || (d.int_len == 1 && !d.decimal && v == 1.0)
            || is_chat_slang(text, start, run.end)
        {
            strong = false;
        }
    }
    out.push(make_mention(start..end, values, strong));
    if let Some((_, t, tenths_at, tenths_end)) = tenths {
        let mut tenths_values = Values::of(&[t]);
        push_alt(&mut tenths_values, t * 10.0);
        push_alt(&mut tenths_values, t / 10.0);
        out.push(make_mention(tenths_at..tenths_end, tenths_values, false));
        return tenths_end;
    }
    end
}

/// Whether the digits at `start..end` of a Chinese line are chat slang, not a count: 666
/// (well played, 溜) and 2333 (laughter), with no unit or measure word after them ("弹幕全在刷
/// 666。"; 666元 is a price).
fn is_chat_slang(text: &str, start: usize, end: usize) -> bool {
    let digits = text.get(start..end).unwrap_or("").as_bytes();
    let slang = digits.len() >= 3
        && (digits.iter().all(|&d| d == b'6')
            || (digits[0] == b'2' && digits[1..].iter().all(|&d| d == b'3') && digits.len() >= 4));
    slang
        && text[end..].chars().next().is_none_or(|c| {
            !crate::script::is_han(c) || matches!(c, '了' | '啊' | '呀' | '吧' | '的' | '哈')
        })
}

/// The fraction of a spoken price or height after its unit (`一块五`, `两元八毛`, `一米八`,
/// `一米七五`): when `块` or `元` at byte `at` is followed by one numeral, or `米` by one or two,
/// and then by the end, `毛`/`角`, `钱`, `的`, `人民币`, a price's "per" (`一块五一碗`), a
/// height's `高`/`个`/`左右`/`多`/`了`, or punctuation, returns the fraction (`五` after `块` is 0.5,
/// `七五` after `米` 0.75), the numerals' own value, and where they start and end (with a
/// `毛`/`角`). Anything else after the numeral (`一块五点出发`: together, at five) is neither.
fn spoken_tenths(text: &str, at: usize) -> Option<(f64, f64, usize, usize)> {
    let rest = &text[at..];
    let unit = ['块', '元', '米', '秒']
        .into_iter()
        .find(|&c| rest.starts_with(c))?;
    if unit == '秒' {
        return race_time_hundredths(text, at + '秒'.len_utf8());
    }
    let metres = unit == '米';
    let numeral = |c: char| {
        zh_numeral(c)
            .or_else(|| c.to_digit(10).map(f64::from))
            .filter(|&n| n > 0.0 || metres)
    };
    let digits_at = at + unit.len_utf8();
    let c = char_at(text, digits_at)?;
    let mut value = numeral(c).filter(|&n| n > 0.0)?;
    let mut places = 1;
    let mut end = digits_at + c.len_utf8();
    if metres
        && let Some(d) = char_at(text, end)
        && let Some(n) = numeral(d)
    {
        value = value * 10.0 + n;
        places = 2;
        end += d.len_utf8();
    }
    // Han characters are alphanumeric too: only these few may follow the last numeral.
    let after = &text[end..];
    let ends = |f: char| {
        let word = if metres {
            matches!(f, '的' | '高' | '个' | '多' | '了') || after.starts_with("左右")
        } else {
            matches!(f, '钱' | '的' | '一') || after.starts_with("人民币")
        };
        word || !(f.is_alphanumeric() || matches!(f, '.' | '．'))
    };
    match char_at(text, end) {
        Some(sub @ ('毛' | '角')) if !metres => end += sub.len_utf8(),
        Some(f) if !ends(f) => return None,
        _ => {}
    }
    let fraction = value / 10f64.powi(places);
    Some((fraction, value, digits_at, end))
}

/// [`spoken_tenths`] of a race time (`9秒83`, `九秒五八`: 9.83 and 9.58 seconds): exactly two
/// numerals right after `秒`, at `digits_at`, and then no other numeral, point or measure word
/// (`5秒12个` is not a time).
fn race_time_hundredths(text: &str, digits_at: usize) -> Option<(f64, f64, usize, usize)> {
    let numeral = |c: char| zh_numeral(c).or_else(|| c.to_digit(10).map(f64::from));
    let first = char_at(text, digits_at)?;
    let second_at = digits_at + first.len_utf8();
    let second = char_at(text, second_at)?;
    let value = numeral(first)? * 10.0 + numeral(second)?;
    let end = second_at + second.len_utf8();
    if let Some(f) = char_at(text, end)
        && (is_numeric_char(f)
            || f.is_ascii_digit()
            || matches!(
                f,
                '.' | '．'
                    | '点'
                    | '个'
                    | '次'
                    | '人'
                    | '名'
                    | '位'
                    | '分'
                    | '秒'
                    | '米'
                    | '岁'
                    | '天'
                    | '年'
            ))
    {
        return None;
    }
    Some((value / 100.0, value, digits_at, end))
}

/// True when a mention's text is a plain count: one English number word (`eight`, `twenty`)
/// or Chinese numerals and digits only (`两`, `十八`), or a share in tenths (`六成`), not an
/// ordinal, a multiplier (`triple`), a decade or a unit of time (`second`). `number-mismatch`
/// names such a number as the likely counterpart of one that differs.
pub fn is_plain_count(text: &str) -> bool {
    if text.bytes().all(|b| b.is_ascii_alphabetic()) {
        return matches!(
            lookup_word(text),
            Some(Word::Zero | Word::Unit(_) | Word::Teen(_) | Word::Tens(_))
        );
    }
    let numerals = text.strip_suffix('成').unwrap_or(text);
    // A count and a half (两岁半) is a plain count too.
    let numerals = AND_A_HALF
        .iter()
        .find_map(|h| numerals.strip_suffix(h))
        .unwrap_or(numerals);
    !numerals.is_empty() && numerals.chars().all(is_numeric_char)
}

fn n_len(s: &str) -> usize {
    s.chars().next().map_or(0, char::len_utf8)
}

const ZH_CONNECTORS: &[&str] = &["到", "至", "-", "~", "～", "—", "–", "或", "或者"];

/// Where the next character at or after byte `from` that can begin a mention is (a
/// [`is_run_start`] character, or `平`/`立` of `平方`/`立方`): [`chinese_numbers`] steps from
/// one to the next, since every other character is stepped over. Walks bytes, as most
/// characters of a Chinese line are three-byte sequences that are not numerals.
fn next_candidate(text: &str, from: usize) -> Option<usize> {
    // Dereferenced once: through the `LazyLock` each character paid for the check that it is
    // initialised.
    let candidates: &CharSet = &CANDIDATE_CHARS;
    let b = text.as_bytes();
    let mut i = from;
    while let Some(&lead) = b.get(i) {
        let width = match lead {
            0..0x80 => {
                if lead.is_ascii_digit() {
                    return Some(i);
                }
                1
            }
            0xE0..0xF0 => {
                // A three-byte character, decoded from its bytes (the text is UTF-8).
                if candidates.contains_bmp(bmp_code_at(b, i)) {
                    return Some(i);
                }
                3
            }
            _ => utf8_width(lead),
        };
        i += width;
    }
    None
}

/// The characters other than ASCII digits that [`next_candidate`] stops at: where a mention can
/// begin ([`is_run_start`]), the enclosed numbers ([`circled_number`]) and the first characters
/// of `平方` and `立方`. Built from the
/// definitions over the whole Basic Multilingual Plane, as a bitmap: every character of every
/// Chinese line is looked up. None of them is outside the plane or two bytes long (a test
/// checks the scan against the definitions).
static CANDIDATE_CHARS: LazyLock<CharSet> = LazyLock::new(|| {
    CharSet::of_bmp(|c| is_run_start(c) || c == '平' || c == '立' || circled_number(c).is_some())
});

/// Numbers in a Chinese sentence, in text order.
///
/// Handles numerals with units (`三千五百`, `1.5万`), digit strings
/// (`一九六四年`), clock times, fractions and percentages, and ignores idioms
/// such as `十分` or `千万不要`. Lone `一`..`九`, ordinals (`第一`) and vague
/// amounts (`几十`) are weak.
pub fn chinese_numbers(text: &str) -> Vec<NumberMention> {
    let mut out = Vec::new();
    chinese_numbers_into(text, &mut out);
    out
}

/// [`chinese_numbers`] appended to `out` (see [`english_numbers_into`]).
///
/// A subtitle cue wraps its Chinese by width, and the break can fall inside a number (`第二` /
/// `十一场比赛`): such a break is read as if it were not there, and the mention's span runs
/// across it.
pub fn chinese_numbers_into(text: &str, out: &mut Vec<NumberMention>) {
    // Most lines hold no line break at all: one vectorised search turns them away.
    let cuts = if memchr::memchr(b'\n', text.as_bytes()).is_some() {
        breaks_inside_numbers(text)
    } else {
        Vec::new()
    };
    if cuts.is_empty() {
        chinese_line_numbers_into(text, out);
        return;
    }
    let mut joined = String::with_capacity(text.len());
    let mut at = 0;
    for cut in &cuts {
        joined.push_str(&text[at..cut.start]);
        at = cut.end;
    }
    joined.push_str(&text[at..]);
    let base = out.len();
    chinese_line_numbers_into(&joined, out);
    // Back to the text's offsets: a mention starting at a joint starts after the break, one
    // ending there ends before it.
    let removed_before = |p: usize, inclusive: bool| -> usize {
        let mut removed = 0;
        for cut in &cuts {
            let joint = cut.start - removed;
            if joint < p || (inclusive && joint == p) {
                removed += cut.len();
            } else {
                break;
            }
        }
        removed
    };
    for m in &mut out[base..] {
        let (s, e) = (m.span.start, m.span.end);
        m.span = s + removed_before(s, true)..e + removed_before(e, false);
    }
}

/// The line breaks of `text` (with the blanks around them) that fall inside a number: a Chinese
/// numeral or digit before, a Chinese numeral after (`三` / `十场`, `1.5` / `万`). Two digit strings
/// on two lines stay two numbers.
fn breaks_inside_numbers(text: &str) -> Vec<Range<usize>> {
    let is_zh_numeral = |c: char| zh_numeral(c).is_some() || zh_unit(c).is_some();
    let mut cuts = Vec::new();
    for nl in memchr::memchr_iter(b'\n', text.as_bytes()) {
        let before = text[..nl].trim_end_matches([' ', '\t', '\r', '\u{3000}']);
        let after = text[nl + 1..].trim_start_matches([' ', '\t', '\u{3000}']);
        let (Some(b), Some(a)) = (before.chars().next_back(), after.chars().next()) else {
            continue;
        };
        if (is_zh_numeral(b) || is_digit(b)) && is_zh_numeral(a) {
            cuts.push(before.len()..text.len() - after.len());
        }
    }
    cuts
}

/// Lengths that follow `平方`/`立方` in an area or volume unit (`平方米`, `立方英尺`).
const AREA_VOLUME_LENGTHS: &[&str] = &[
    "米", "厘米", "毫米", "分米", "千米", "公里", "公尺", "英尺", "英寸", "英里", "码", "海里",
];

/// [`chinese_numbers_into`] of text whose line breaks end numbers.
fn chinese_line_numbers_into(text: &str, out: &mut Vec<NumberMention>) {
    // The scan steps from one character that can begin a mention to the next: the others
    // would only be stepped over.
    let Some(first) = next_candidate(text, 0) else {
        return;
    };
    let blocked = Blocked::new(text);
    let base = out.len();
    let mut pos = first;
    while let Some(c) = next_candidate(text, pos).and_then(|at| {
        pos = at;
        char_at(text, at)
    }) {
        // `x 平方` is "x squared", which captions often write as `x2`.
        if (c == '平' || c == '立')
            && let Some(power) = [("平方", 2.0), ("立方", 3.0)]
                .iter()
                .find(|(w, _)| text[pos..].starts_with(w))
        {
            let end = pos + power.0.len();
            // `立方米` is the cubic metre, a unit and no power: read as 3, it was set against
            // any stray English number ("per second" of a flow in 立方米每秒).
            if !AREA_VOLUME_LENGTHS
                .iter()
                .any(|unit| text[end..].starts_with(unit))
            {
                out.push(make_mention(pos..end, Values::of(&[power.1]), false));
            }
            pos = end;
            continue;
        }
        if !is_run_start(c) || blocked.at(pos) {
            // `③` is the number 3, as a digit would be.
            if let Some(v) = circled_number(c)
                && !blocked.at(pos)
            {
                let end = pos + c.len_utf8();
                out.push(make_mention(pos..end, Values::of(&[f64::from(v)]), true));
            }
            pos += c.len_utf8();
            continue;
        }
        pos = zh_mention(text, pos, &blocked, out).max(pos + c.len_utf8());
    }
    let slash_or_tag = has_slash_or_tag(text);
    if slash_or_tag {
        drop_markup(text, out, base);
    }
    join_digit_chains(text, out, base);
    apply_ranges(text, &mut out[base..], ZH_CONNECTORS);
    apply_share_ranges(text, &mut out[base..]);
    if slash_or_tag {
        read_digit_fractions(text, &mut out[base..]);
    }
    apply_signs(text, &mut out[base..], chinese_sign);
    read_minus_verbs(text, &mut out[base..]);
    tag_chinese_units(text, &mut out[base..]);
    if out.len() >= base + 2 {
        read_chinese_dates(text, out, base);
        weaken_bracketed_conversions(text, &mut out[base..]);
    }
    // A car brand's dealership (sales, spare parts, service, survey): "4S店" is "the dealer".
    // Not a stop word: an ASCII first character would make the stop-word scan read every line
    // with a digit.
    let mut k = base;
    while k < out.len() {
        if text
            .get(out[k].span.end..)
            .is_some_and(|r| r.starts_with("S店"))
        {
            out.remove(k);
        } else {
            k += 1;
        }
    }
}

/// Most bytes of the unit between a number and the bracket of its conversion (`英里`, `华氏度`),
/// and of the unit inside the bracket.
const MAX_CONVERSION_UNIT_BYTES: usize = 12;

/// Weakens a number the translator added in brackets to convert the one before it: "11磅（大约5
/// 公斤）" for "eleven pounds", "40英里（约64公里）". Careful Chinese writing gives the metric
/// value beside an imperial one; the original has no such number, and it is no error.
fn weaken_bracketed_conversions(text: &str, mentions: &mut [NumberMention]) {
    const HEDGES: &[&str] = &[
        "",
        "约",
        "大约",
        "大概",
        "约合",
        "合",
        "折合",
        "即",
        "相当于",
    ];
    let short_unit = |t: &str| {
        !t.is_empty()
            && t.len() <= MAX_CONVERSION_UNIT_BYTES
            && !t.contains(['，', '。', '、', '；', ',', '（', '(', '）', ')'])
            && !t.bytes().any(|b| b.is_ascii_digit())
    };
    for k in 1..mentions.len() {
        let (before, m) = (&mentions[k - 1], &mentions[k]);
        let Some(gap) = text.get(before.span.end..m.span.start) else {
            continue;
        };
        let Some(open) = gap.rfind(['（', '(']) else {
            continue;
        };
        let bracket = gap[open..].chars().next().map_or(1, char::len_utf8);
        let hedge = gap[open + bracket..].trim();
        if !short_unit(gap[..open].trim()) || !HEDGES.contains(&hedge) {
            continue;
        }
        // The bracket holds the number, or a range of two ("（约10到32摄氏度）" converts "50到90华氏
        // 度"), and a unit.
        let Some(close) = text
            .get(m.span.end..)
            .and_then(|r| r.find(['）', ')']))
            .map(|c| c + m.span.end)
        else {
            continue;
        };
        let mut last = k;
        if let Some(next) = mentions.get(k + 1).filter(|n| n.span.end <= close) {
            let between = text.get(m.span.end..next.span.start).unwrap_or("");
            let connector = between.trim().trim_start_matches(|c: char| {
                !matches!(c, '到' | '至' | '-' | '~' | '～' | '–' | '—')
            });
            if !matches!(connector, "到" | "至" | "-" | "~" | "～" | "–" | "—") {
                continue;
            }
            last = k + 1;
        }
        if short_unit(
            text.get(mentions[last].span.end..close)
                .unwrap_or("")
                .trim(),
        ) {
            for mention in &mut mentions[k..=last] {
                mention.strong = false;
            }
        }
    }
}

/// The value of an enclosed number (`①` `⑴` `⒈` `❶` `➀` `➊` `㉑` `㊱`): list and step numbers that
/// one translation writes so and the other as `(1)` or `1.`. Both scans read them as digits
/// (the English one among its atoms, the Chinese one as a candidate character).
fn circled_number(c: char) -> Option<u32> {
    let c = c as u32;
    Some(match c {
        0x2460..=0x2473 => c - 0x2460 + 1,  // ① – ⑳
        0x2474..=0x2487 => c - 0x2474 + 1,  // ⑴ – ⒇
        0x2488..=0x249B => c - 0x2488 + 1,  // ⒈ – ⒛
        0x24F5..=0x24FE => c - 0x24F5 + 1,  // ⓵ – ⓾
        0x2776..=0x277F => c - 0x2776 + 1,  // ❶ – ❿
        0x2780..=0x2789 => c - 0x2780 + 1,  // ➀ – ➉
        0x278A..=0x2793 => c - 0x278A + 1,  // ➊ – ➓
        0x3251..=0x325F => c - 0x3251 + 21, // ㉑ – ㉟
        0x32B1..=0x32BF => c - 0x32B1 + 36, // ㊱ – ㊿
        _ => return None,
    })
}

/// Whether a line has a `/` (a digit fraction) or a `<` (markup): one search for both passes
/// that need them ([`read_digit_fractions`], [`drop_markup`]), since most lines have neither.
fn has_slash_or_tag(text: &str) -> bool {
    memchr::memchr2(b'/', b'<', text.as_bytes()).is_some()
}

/// Most bytes inside a markup tag [`drop_markup`] looks for.
const MAX_TAG_BYTES: usize = 64;

/// Drops the mentions from `out[base..]` that are inside subtitle markup: a WebVTT timestamp tag
/// (`<00:01:00.500>`, karaoke timing), a voice or class tag (`<v Speaker 2>`, `<c.yellow>`), a
/// font tag (`<font size=3>`). A tag is `<`, then a letter, `/` or a time (digits, `:`, `.`), and
/// `>` within [`MAX_TAG_BYTES`] with no `<` between; "x < 3" is not one.
fn drop_markup(text: &str, out: &mut Vec<NumberMention>, base: usize) {
    if out.len() == base {
        return;
    }
    let b = text.as_bytes();
    let mut tags: Vec<Range<usize>> = Vec::new();
    for open in memchr::memchr_iter(b'<', b) {
        if tags.last().is_some_and(|t| open < t.end) {
            continue;
        }
        let rest = &b[open + 1..b.len().min(open + 1 + MAX_TAG_BYTES)];
        let Some(len) = rest.iter().position(|&c| c == b'>' || c == b'<') else {
            continue;
        };
        let inside = &rest[..len];
        let is_tag = rest[len] == b'>'
            && match inside.first() {
                Some(c) if c.is_ascii_alphabetic() || *c == b'/' => true,
                Some(c) if c.is_ascii_digit() => inside
                    .iter()
                    .all(|&c| c.is_ascii_digit() || c == b':' || c == b'.'),
                _ => false,
            };
        if is_tag {
            tags.push(open..open + len + 2);
        }
    }
    if tags.is_empty() {
        return;
    }
    let inside_tag = |m: &NumberMention| {
        let k = tags.partition_point(|t| t.end <= m.span.start);
        tags.get(k).is_some_and(|t| t.start <= m.span.start)
    };
    let kept: Vec<NumberMention> = out.drain(base..).filter(|m| !inside_tag(m)).collect();
    out.extend(kept);
}

/// Words that may follow "grand" when it means a thousand ("three grand a year", "ten grand
/// for it"); any other word makes it the adjective ("a grand piano", "the grand total").
const AFTER_GRAND: &[&str] = &[
    "a", "an", "and", "at", "but", "each", "every", "for", "from", "in", "last", "less", "more",
    "of", "on", "or", "per", "plus", "so", "that", "this", "to",
];

/// "three grand", "50 grand": slang for thousands, so the number may also stand for a thousand
/// times itself (`三千块`).
fn read_grand(text: &str, mentions: &mut [NumberMention]) {
    // Looked for after each mention (a few bytes), not in the whole line.
    for m in mentions {
        let rest = &text[m.span.end..];
        let after_space = rest.trim_start_matches(' ');
        if after_space.len() == rest.len() {
            continue;
        }
        // `get`: the five bytes may end inside a character.
        let (Some(word), Some(tail)) = (after_space.get(..5), after_space.get(5..)) else {
            continue;
        };
        if !word.eq_ignore_ascii_case("grand") {
            continue;
        }
        let next: String = tail
            .trim_start_matches(' ')
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect::<String>()
            .to_ascii_lowercase();
        let glued = tail.starts_with(|c: char| c.is_ascii_alphanumeric());
        if !glued && (next.is_empty() || AFTER_GRAND.contains(&next.as_str())) {
            let thousands: Vec<f64> = m.values.iter().map(|v| v * 1e3).collect();
            for v in thousands {
                push_alt(&mut m.values, v);
            }
        }
    }
}

/// Proper fractions written with digits, `1/4` and `3/5`: the denominator may also stand for
/// the fraction's value (0.25, and 25 as a percentage), so "a quarter" on the other side is its
/// partner (a lone `1` numerator is weak already; another numerator still needs one, so `2/5`
/// against `3/5` differs). Both sides read fractions this way.
fn read_digit_fractions(text: &str, mentions: &mut [NumberMention]) {
    if mentions.len() < 2 {
        return;
    }
    let digits = |m: &NumberMention| {
        let t = &text[m.span.clone()];
        (!t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| m.values.first().copied())
            .flatten()
    };
    for k in 1..mentions.len() {
        let (a, b) = (&mentions[k - 1], &mentions[k]);
        if text.get(a.span.end..b.span.start) != Some("/") {
            continue;
        }
        let (Some(num), Some(den)) = (digits(a), digits(b)) else {
            continue;
        };
        // A date written day/month or month/day has one side over 12 or is no proper fraction
        // ("5/3"); a proper fraction's numerator is below its denominator.
        if num <= 0.0 || num >= den {
            continue;
        }
        push_alt(&mut mentions[k].values, num / den);
        push_alt(&mut mentions[k].values, 100.0 * num / den);
    }
}

// ---------------------------------------------------------------------------
// Comparison
// ---------------------------------------------------------------------------

/// When every strong number has a partner: the comparison again with the small numbers (2 to
/// 12 and the halves between, weak by default) made strong, returned when both sides then have
/// numbers without a partner ("two children" against "三个孩子", "seven and a half" against
/// 六个半). `None` when they still agree.
pub fn small_numbers_contradict(en: &[NumberMention], zh: &[NumberMention]) -> Option<NumberDiff> {
    let promote = |mentions: &[NumberMention]| {
        let mut mentions = mentions.to_vec();
        for m in &mut mentions {
            m.strong |= m.values.iter().any(|&v| is_small_count(v));
        }
        mentions
    };
    let diff = compare(&promote(en), &promote(zh));
    (!diff.only_en.is_empty() && !diff.only_zh.is_empty()).then_some(diff)
}

/// A small count, spelled out as often as written in digits: 2 to 12, or a half between them.
pub fn is_small_count(v: f64) -> bool {
    (2.0..=12.5).contains(&v) && (v.fract() == 0.0 || v.fract() == 0.5)
}

/// Kuhn's maximum matching between two mention lists, over their "same number" graph as bit
/// rows: each pair of mentions is compared once, up front. The augmenting paths asked the
/// comparison again at every step, and a bead of lines with a score of numbers each (beads are
/// scored many times in the search) cost a millisecond.
struct Matcher {
    /// Bit `j` of `en_edges[i]`: English mention `i` and Chinese mention `j` share a value.
    en_edges: [u64; MAX_EXACT],
    /// The same graph by Chinese mention: bit `i` of `zh_edges[j]`.
    zh_edges: [u64; MAX_EXACT],
    /// A bit per strong Chinese mention.
    zh_strong: u64,
    /// Partners as indices (at most [`MAX_EXACT`] mentions a side, so `u8`), in arrays on the
    /// stack: the alignment compares numbers for millions of beads, and three allocations each
    /// were a measurable part of it.
    match_en: [Option<u8>; MAX_EXACT],
    match_zh: [Option<u8>; MAX_EXACT],
    /// Vertices visited by the current augmenting search (Chinese ones from
    /// [`Matcher::augment_en`], English ones from [`Matcher::augment_zh`]).
    seen: u64,
}

/// The lowest set bit of `bits` at or above `from`, if any.
fn next_bit(bits: u64, from: usize) -> Option<usize> {
    let rest = if from >= 64 {
        0
    } else {
        bits & (u64::MAX << from)
    };
    (rest != 0).then(|| rest.trailing_zeros() as usize)
}

impl Matcher {
    /// The graph of `en` and `zh` (each at most [`MAX_EXACT`] mentions), nothing matched yet.
    fn new(en: &[NumberMention], zh: &[NumberMention]) -> Matcher {
        let mut graph = Matcher {
            en_edges: [0; MAX_EXACT],
            zh_edges: [0; MAX_EXACT],
            zh_strong: 0,
            match_en: [None; MAX_EXACT],
            match_zh: [None; MAX_EXACT],
            seen: 0,
        };
        for (j, z) in zh.iter().enumerate() {
            graph.zh_strong |= u64::from(z.strong) << j;
            for (i, e) in en.iter().enumerate() {
                if mentions_match(e, z) {
                    graph.en_edges[i] |= 1 << j;
                    graph.zh_edges[j] |= 1 << i;
                }
            }
        }
        graph
    }

    /// Kuhn augmenting path from English vertex `i`; prefers strong partners. Partners are
    /// tried in index order, strong ones first; one visited meanwhile is skipped.
    fn augment_en(&mut self, i: usize) -> bool {
        for strong in [self.zh_strong, !self.zh_strong] {
            let mut from = 0;
            while let Some(j) = next_bit(self.en_edges[i] & strong & !self.seen, from) {
                from = j + 1;
                self.seen |= 1 << j;
                let free = match self.match_zh[j] {
                    None => true,
                    Some(k) => self.augment_en(usize::from(k)),
                };
                if free {
                    self.match_zh[j] = Some(i as u8);
                    self.match_en[i] = Some(j as u8);
                    return true;
                }
            }
        }
        false
    }

    /// Finds a partner for Chinese vertex `j` without uncovering any English
    /// vertex: the path ends at a free English vertex or evicts a weak
    /// Chinese one. `seen` is indexed by English vertex here.
    fn augment_zh(&mut self, j: usize) -> bool {
        let mut from = 0;
        while let Some(i) = next_bit(self.zh_edges[j] & !self.seen, from) {
            from = i + 1;
            self.seen |= 1 << i;
            let ok = match self.match_en[i].map(usize::from) {
                None => true,
                Some(k) if self.zh_strong >> k & 1 == 0 => {
                    self.match_zh[k] = None;
                    true
                }
                Some(k) => self.augment_zh(k),
            };
            if ok {
                self.match_en[i] = Some(j as u8);
                self.match_zh[j] = Some(i as u8);
                return true;
            }
        }
        false
    }
}

/// Above this many mentions on one side, the exact (recursive, cubic)
/// matching gives way to a linear greedy one: no stack overflow, no stall.
const MAX_EXACT: usize = 64;

/// Greedy multiset matching on exact value bits, for pathological inputs.
fn compare_greedy(en: &[NumberMention], zh: &[NumberMention]) -> NumberDiff {
    use std::collections::HashMap;
    let mut buckets: HashMap<u64, Vec<usize>> = HashMap::new();
    // Weak Chinese mentions go in first so strong ones are popped first.
    for pass in [false, true] {
        for (j, m) in zh.iter().enumerate().filter(|(_, m)| m.strong == pass) {
            for v in m.values.iter() {
                buckets.entry(v.to_bits()).or_default().push(j);
            }
        }
    }
    let mut zh_used = vec![false; zh.len()];
    let mut only_en = Vec::new();
    for pass in [true, false] {
        for (i, m) in en.iter().enumerate().filter(|(_, m)| m.strong == pass) {
            let mut found = false;
            'values: for v in m.values.iter() {
                if let Some(list) = buckets.get_mut(&v.to_bits()) {
                    while let Some(j) = list.pop() {
                        if !zh_used[j] {
                            zh_used[j] = true;
                            found = true;
                            break 'values;
                        }
                    }
                }
            }
            if !found && m.strong {
                only_en.push(i);
            }
        }
    }
    only_en.sort_unstable();
    NumberDiff {
        only_en: InlineVec::of(&only_en),
        only_zh: (0..zh.len())
            .filter(|&j| zh[j].strong && !zh_used[j])
            .collect(),
    }
}

/// Matches the two mention lists as multisets and lists the strong mentions
/// left without a partner.
///
/// Each mention is used at most once; two mentions match when any of their
/// values agree. The matching maximises the number of strong mentions covered
/// on both sides, so a weak mention never "steals" the partner of a strong
/// one.
pub fn compare(en: &[NumberMention], zh: &[NumberMention]) -> NumberDiff {
    if !en.iter().any(|m| m.strong) && !zh.iter().any(|m| m.strong) {
        return NumberDiff::default();
    }
    if let ([e], [z]) = (en, zh) {
        // One mention a side (most pairs with numbers): they match or both are left over.
        if mentions_match(e, z) {
            return NumberDiff::default();
        }
        return NumberDiff {
            only_en: InlineVec::of(if e.strong { &[0] } else { &[] }),
            only_zh: InlineVec::of(if z.strong { &[0] } else { &[] }),
        };
    }
    compare_matching(en, zh)
}

/// [`compare`] by maximum matching (greedy past [`MAX_EXACT`] mentions a side).
fn compare_matching(en: &[NumberMention], zh: &[NumberMention]) -> NumberDiff {
    if en.len() > MAX_EXACT || zh.len() > MAX_EXACT {
        return compare_greedy(en, zh);
    }
    let mut m = Matcher::new(en, zh);
    for pass in [true, false] {
        for (i, mention) in en.iter().enumerate() {
            if mention.strong == pass {
                m.seen = 0;
                m.augment_en(i);
            }
        }
    }
    for (j, mention) in zh.iter().enumerate() {
        if mention.strong && m.match_zh[j].is_none() {
            m.seen = 0;
            m.augment_zh(j);
        }
    }
    NumberDiff {
        only_en: (0..en.len())
            .filter(|&i| en[i].strong && m.match_en[i].is_none())
            .collect(),
        only_zh: (0..zh.len())
            .filter(|&j| zh[j].strong && m.match_zh[j].is_none())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nautical_miles_ounces_hectopascals_and_jin() {
        let differ =
            |en: &str, zh: &str| !compare(&english_numbers(en), &chinese_numbers(zh)).is_empty();
        // Nautical miles are 海里, and a pilot's plain "miles" too; kilometres only converted.
        assert!(!differ("2,050 nautical miles", "2050海里"));
        assert!(!differ("10 miles out", "10海里外"));
        assert!(differ("2,050 nautical miles", "2050公里"));
        assert!(!differ("2,050 nautical miles", "约3800公里"));
        // Ounces convert to grams, 盎司 keeps the value.
        assert!(!differ("a 12-ounce bag", "一袋340克"));
        assert!(!differ("a 12-ounce bag", "一袋12盎司"));
        assert!(differ("a 12-ounce bag", "一袋12克"));
        // 百帕 is the hectopascal; 一斤 is 500 grams; "a dollar twenty" is 1.20.
        assert!(!differ("1013.25 hectopascals", "1013.25百帕"));
        assert!(differ("1013 hectopascals", "1031百帕"));
        assert!(!differ(
            "Each hectopascal is about 30 feet.",
            "每差1百帕，大约就是30英尺。"
        ));
        assert!(!differ("a hundred pascals", "一百帕斯卡"));
        assert!(!differ("that's for 500 grams", "这是一斤的价格"));
        assert!(!differ("250 grams is plenty", "半斤就够了"));
        assert!(differ("It is 12 pounds for 500 grams.", "一缸奶"));
        assert!(!differ("About a dollar twenty a cup.", "每杯大约1.2美元。"));
        assert!(differ("About a dollar twenty a cup.", "每杯大约1.5美元。"));
        // A name's digit before a space groups nothing: V2 and 151, not 2,151.
        assert!(!differ("Rotate 146, V2 151.", "抬轮速度146，V2是151。"));
        assert!(!differ("It cost 2 151 dollars.", "花了2151美元。"));
        // 一点 is one o'clock after a time of day or opening a range of hours, else "a little".
        assert!(!differ("Between 1 and 4 a.m.", "凌晨一点到四点"));
        assert!(!differ("at 1 p.m.", "下午一点"));
        assert!(!differ("a bit more", "再多一点"));
        // A list's last scale word counts for each of its numbers.
        assert!(!differ(
            "Three houses sold for 412, 425, and 431 thousand.",
            "三套房分别卖了41.2万、42.5万和43.1万。"
        ));
        assert!(differ(
            "Three houses sold for 412, 425, and 431 thousand.",
            "三套房分别卖了41.2万、45.2万和43.1万。"
        ));
        // Digits said one by one are the number they spell.
        assert!(!differ(
            "Turn left heading zero nine zero.",
            "左转航向零九零。"
        ));
        assert!(!differ(
            "Contact tower on one one eight decimal seven.",
            "联系塔台118.7。"
        ));
        assert!(differ(
            "Contact tower on one one eight decimal seven.",
            "联系塔台118.9。"
        ));
        assert!(!differ("Squawk four two one three.", "应答机4213。"));
        assert!(!differ("I bought one two years ago.", "我两年前买了一个。"));
    }

    #[test]
    fn units_of_two_systems_match_only_through_a_conversion() {
        let differ =
            |en: &str, zh: &str| !compare(&english_numbers(en), &chinese_numbers(zh)).is_empty();
        // Tagged on both sides, with where the unit ends.
        let e = english_numbers("about 6 feet wide");
        let unit = e[0].unit.expect("feet are a unit");
        assert!(unit.imperial && unit.dimension == Dimension::Length);
        assert_eq!(e[0].text_with_unit("about 6 feet wide"), "6 feet");
        let z = chinese_numbers("宽6米多");
        assert_eq!(z[0].text_with_unit("宽6米多"), "6米");
        assert!(!z[0].unit.expect("米 is a unit").imperial);
        // The value as written matches the same system, a conversion the other.
        assert!(
            !differ("6 feet", "6英尺") && !differ("6 feet", "1.8米") && differ("6 feet", "6米")
        );
        assert!(!differ("40 pounds", "18公斤") && differ("40 pounds", "40公斤"));
        // A conversion matches only a metric number: nine pounds is no 四 of "four months".
        assert!(differ("four months old and 9 pounds", "四个月大，6磅"));
        // −40°F is −40°C; plain degrees name no scale, and 尺 is neither system's foot.
        assert!(!differ("minus 40 degrees Fahrenheit", "零下40摄氏度"));
        assert!(!differ("350 degrees", "175度") && !differ("350 degrees", "350度"));
        assert!(!differ("3 feet", "3尺"));
        // A metric original against an imperial translation is an error too.
        assert!(differ("400 meters", "400英尺") && !differ("400 meters", "400米"));
    }

    #[test]
    fn enclosed_numbers_are_numbers_on_both_sides() {
        let values =
            |ms: Vec<NumberMention>| -> Vec<f64> { ms.iter().map(|m| m.values[0]).collect() };
        assert_eq!(
            values(chinese_numbers("第①步洗菜，第②步切菜。")),
            [1.0, 2.0]
        );
        assert_eq!(values(chinese_numbers("⑴ 三个人 ⒇")), [1.0, 3.0, 20.0]);
        assert_eq!(values(english_numbers("Step ③ then ㉑")), [3.0, 21.0]);
        // Against `(1)` `(2)`: the same numbers, no difference.
        let (en, zh) = (
            english_numbers("Step (1) is washing, step (2) is cutting."),
            chinese_numbers("第①步是洗菜，第②步是切菜。"),
        );
        assert!(compare(&en, &zh).is_empty());
        // Quotes and dashes (E2 lead bytes) are no numbers.
        assert!(chinese_numbers("他说“好”——走吧").is_empty());
    }

    #[test]
    fn inline_lists_spill_in_order() {
        let mut v: InlineVec<usize, 2> = [3, 1].into_iter().collect();
        assert!(matches!(v, InlineVec::Inline { len: 2, .. }));
        v.push(2);
        assert!(matches!(v, InlineVec::Spilled(_)));
        assert_eq!(v, vec![3, 1, 2]);
        v.sort_unstable();
        v.insert_first(9);
        assert_eq!(v, vec![9, 1, 2, 3]);
        let w: InlineVec<usize, 2> = InlineVec::of(&[9, 1, 2, 3]);
        assert_eq!(v, w);
        assert_eq!(InlineVec::<usize, 4>::default().len(), 0);
        assert_eq!(format!("{:?}", InlineVec::<f64, 3>::of(&[0.5])), "[0.5]");
    }

    #[test]
    fn number_words_are_found_in_any_case_and_months_only_capitalised() {
        // One entry per spelling: a key listed twice would silently keep one of its values.
        let mut keys: Vec<&str> = NUMBER_WORDS
            .iter()
            .chain(MONTH_WORDS)
            .map(|e| e.0)
            .collect();
        let n = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), n);
        // Every spelling is lower-case letters and fits the lookup's buffer, so the shape
        // pre-test never turns one away.
        for k in &keys {
            assert!(k.len() <= MAX_NUMBER_WORD && k.bytes().all(|b| b.is_ascii_lowercase()));
            assert!(WORD_TABLE.may_have(k.as_bytes()), "{k}");
            let capital = k[..1].to_uppercase() + &k[1..];
            assert!(word_table(&capital).is_some(), "{k}");
        }
        assert!(!WORD_TABLE.may_have(b"zebra") && !WORD_TABLE.may_have(b""));
        assert!(WORD_TABLE.may_have(b"SEVEN") && WORD_TABLE.may_have(b"Seven"));
        assert!(!WORD_TABLE.may_have(b"0ne") && !WORD_TABLE.may_have(b"{}"));
        assert_eq!(word_table("Seventeen"), Some(Word::Teen(17.0)));
        assert_eq!(word_table("FORTY"), word_table("fourty"));
        assert_eq!(word_table("May"), Some(Word::Month(5.0)));
        assert_eq!(word_table("may"), None);
        assert_eq!(word_table("Sept"), Some(Word::Month(9.0)));
        assert_eq!(word_table("seventy-one"), None);
        assert_eq!(word_table("hundreds"), None);
    }

    #[test]
    fn stop_words_are_searched_only_when_they_can_block() {
        // What lets [`Blocked`] search for stop words only when a position could be in one.
        let text = "他十分高兴地买了3本书";
        let blocked = Blocked::new(text);
        assert!(blocked.at(text.find('十').unwrap()));
        assert!(!blocked.at(text.find('3').unwrap()));
        assert!(!blocked.at(text.len()) && !Blocked::nowhere().at(0));
        // Only digits could begin a mention: no stop word blocks them.
        let text = "有点3个";
        assert!(!Blocked::new(text).at(0));
        let text = "有点三个";
        assert!(Blocked::new(text).at(0));
    }

    #[test]
    fn formula_subscripts_are_weak_and_model_numbers_strong() {
        let strength = |t: &str| -> Vec<(f64, bool)> {
            english_numbers(t)
                .iter()
                .map(|m| (m.values.first().copied().unwrap_or(0.0), m.strong))
                .collect()
        };
        assert_eq!(
            strength("CO2 and H2O and CH4"),
            [(2.0, false), (2.0, false), (4.0, false)]
        );
        assert_eq!(
            strength("the A380 at the G20"),
            [(380.0, true), (20.0, true)]
        );
        assert_eq!(strength("Q3 sales"), [(3.0, true)]);
        assert_eq!(strength("iPhone5"), [(5.0, true)]);
    }

    #[test]
    fn a_line_break_inside_a_number_is_read_through() {
        let text = "一共有二\n十三个，超过1.5\r\n万人次";
        let found = chinese_numbers(text);
        let values: Vec<f64> = found
            .iter()
            .map(|m| m.values.first().copied().unwrap_or(0.0))
            .collect();
        assert_eq!(values, [23.0, 15_000.0]);
        // The spans are the text's, across the break.
        assert_eq!(found[0].text(text), "二\n十三");
        assert_eq!(found[1].text(text), "1.5\r\n万");
        // A break that ends a number or separates two digit strings stays.
        let values = |t: &str| -> Vec<f64> {
            chinese_numbers(t)
                .iter()
                .map(|m| m.values.first().copied().unwrap_or(0.0))
                .collect()
        };
        assert_eq!(values("有三个\n十个"), [3.0, 10.0]);
        assert_eq!(values("2023\n2024年"), [2023.0, 2024.0]);
    }

    #[test]
    fn numeric_chars_are_the_digits_numerals_and_units() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let by_parts = is_digit(c) || zh_numeral(c).is_some() || zh_unit(c).is_some();
            assert_eq!(is_numeric_char(c), by_parts, "{c:?}");
        }
    }

    #[test]
    fn candidates_are_found_by_bytes_as_by_chars() {
        let texts = [
            "我们上周数了99张桌子，尽管下雨。",
            "平方和立方，x平方",
            "没有数字的句子。",
            "emoji 👩‍👩‍👧 then 七 and ３ and é",
            "",
        ];
        for text in texts {
            let by_chars: Vec<usize> = text
                .char_indices()
                .filter(|&(_, c)| {
                    is_run_start(c) || c == '平' || c == '立' || circled_number(c).is_some()
                })
                .map(|(i, _)| i)
                .collect();
            let mut by_bytes = Vec::new();
            let mut from = 0;
            while let Some(i) = next_candidate(text, from) {
                by_bytes.push(i);
                from = i + 1;
                while !text.is_char_boundary(from) {
                    from += 1;
                }
            }
            assert_eq!(by_bytes, by_chars, "{text}");
        }
    }

    #[test]
    fn no_number_word_is_shorter_than_the_lookup_skips() {
        let letters = ('a'..='z').chain('A'..='Z').map(String::from);
        let mut words: Vec<String> = letters.clone().collect();
        for a in letters.clone() {
            for b in letters.clone() {
                words.push(format!("{a}{b}"));
            }
        }
        assert_eq!(MIN_NUMBER_WORD, 3);
        assert!(words.iter().all(|w| word_table(w).is_none()));
        assert!(word_table("one").is_some() && lookup_word("Jan").is_some());
    }

    /// Primary values of every mention.
    fn en_vals(s: &str) -> Vec<f64> {
        english_numbers(s).iter().map(|m| m.values[0]).collect()
    }

    fn zh_vals(s: &str) -> Vec<f64> {
        chinese_numbers(s).iter().map(|m| m.values[0]).collect()
    }

    fn strong_vals(ms: &[NumberMention]) -> Vec<f64> {
        ms.iter()
            .filter(|m| m.strong)
            .map(|m| m.values[0])
            .collect()
    }

    /// Both sides find numbers and they match as multisets.
    #[track_caller]
    fn same(en: &str, zh: &str) {
        let e = english_numbers(en);
        let z = chinese_numbers(zh);
        assert!(!e.is_empty(), "no English number in {en:?}");
        assert!(!z.is_empty(), "no Chinese number in {zh:?}");
        let d = compare(&e, &z);
        assert!(
            d.is_empty(),
            "{en:?} vs {zh:?}: {d:?}\n en={e:?}\n zh={z:?}"
        );
    }

    #[track_caller]
    fn differ(en: &str, zh: &str) {
        let e = english_numbers(en);
        let z = chinese_numbers(zh);
        assert!(
            !compare(&e, &z).is_empty(),
            "{en:?} vs {zh:?} should differ\n en={e:?}\n zh={z:?}"
        );
    }

    #[test]
    fn plain_counts_are_number_words_and_numerals() {
        for t in ["eight", "Twenty", "zero", "两", "十八", "3", "六成"] {
            assert!(is_plain_count(t), "{t}");
        }
        for t in [
            "second", "triple", "twenties", "first", "7点", "几十", "", "a", "成",
        ] {
            assert!(!is_plain_count(t), "{t}");
        }
    }

    #[test]
    fn spoken_prices_read_their_tenths() {
        // 一块五 is "one fifty": 1.5 yuan, or one and fifty (cents).
        same("The noodles were one fifty a bowl.", "面条一块五一碗。");
        same("It was 1.50 a bowl.", "一块五一碗。");
        same("Twenty dollars fifty.", "二十块五。");
        same("Three fifty, please.", "三块五毛钱。");
        same("This coffee is $2.80.", "这杯咖啡两块八。");
        same("Fifty cents, that's all.", "五毛钱，就这些。");
        same("They sold it for 3.5 a jin.", "他们卖3块5一斤。");
        // Still a different price.
        differ("The noodles were fifteen fifty.", "面条二十块五。");
        // Not a price: 一块 is "together", and the 五 belongs to 五点.
        let z = chinese_numbers("我们一块五点出发。");
        assert!(z.iter().all(|m| !m.values.contains(&50.0)), "{z:?}");
        assert_eq!(spoken_tenths("一块五点", "一".len()), None);
        assert_eq!(spoken_tenths("一块儿去", "一".len()), None);
        assert_eq!(
            spoken_tenths("一块五毛", "一".len()),
            Some((0.5, 5.0, "一块".len(), "一块五毛".len()))
        );
        assert_eq!(spoken_tenths("一块五", "一".len()), Some((0.5, 5.0, 6, 9)));
        // 人民币 after the price; a height in metres.
        same(
            "One dollar buys about 7.2 yuan.",
            "一美元大约能换七块二人民币。",
        );
        same("He ran it in 9.83 seconds.", "他跑出了9秒83的成绩。");
        same("She won in 46.40 seconds.", "她以46秒40夺冠。");
        differ("He ran it in 9.88 seconds.", "他跑出了9秒83的成绩。");
        same(
            "We waited 5 seconds, and 12 people came in.",
            "我们等了5秒，12个人进来了。",
        );
        same("Half a dozen eggs will do.", "六个鸡蛋就够了。");
        same("It fell to minus 12 degrees.", "气温降到了零下12度。");
        same("its eigenvalue is negative 1", "它的特征值是负 1");
        same("The home team won 5 and lost 1.", "主队胜5负1。");
        same("It is ten degrees below zero now.", "现在是零下十度。");
        same("It was 3 below zero.", "当时零下三度。");
        same("It was -5°C outside.", "外面是零下五摄氏度。");
        same("Growth was negative 3 percent.", "增长率是负百分之三。");
        differ(
            "Absolute zero is minus 273.15 degrees.",
            "绝对零度是二百七十三点一五度。",
        );
        differ("It was 5 degrees.", "外面是-5℃。");
        // An isotope's mass number is no negative number; a temperature is.
        same(
            "Carbon-14 decays, and so does uranium-238.",
            "碳-14会衰变，铀-238也会。",
        );
        same("It was minus 40 degrees.", "气温是-40度。");
        same("10 minus 3 is 7.", "10减3等于7。");
        same("COVID-19 spread in 2020.", "COVID-19 在2020年传播开来。");
        same("from 5-10 people", "五到十个人");
        same(
            "Type =FV(7%/12,480,-1000) in Excel.",
            "在 Excel 里输入 =FV(7%/12,480,-1000)。",
        );
        same("Two thirds of them agreed.", "他们中三分之二的人同意了。");
        same(
            "Three quarters of the seats were empty.",
            "四分之三的座位是空的。",
        );
        differ("Two thirds of them agreed.", "他们中二分之三的人同意了。");
        differ(
            "Three fifths of the class passed.",
            "班上五分之二的人及格了。",
        );
        // 分 with no number after 之 is the unit: "between 0 and 10 points".
        same(
            "It gets a score from 0 to 10.",
            "它会得到一个0到10分之间的评分。",
        );
        // Festival days named by their date are no numbers; an age after 今年 and a calendar
        // date are.
        for festival in [
            "大年三十我们吃了饺子。",
            "年三十那天下了雪。",
            "我们是八月十五认识的。",
            "正月十五要吃元宵。",
        ] {
            assert!(chinese_numbers(festival).is_empty(), "{festival}");
        }
        same("He is thirty.", "他今年三十岁。");
        differ("He is forty.", "他今年三十岁。");
        same("We met on August 15.", "我们是八月十五号认识的。");
        same("He is 1.8 meters tall.", "他身高一米八。");
        same("She is 1.75 m tall.", "她身高一米七五左右。");
        same("The wall is 2.3 metres high.", "这堵墙两米三高。");
        differ("He is 1.9 meters tall.", "他身高一米八。");
        // Not a height: 米 followed by another word.
        let z = chinese_numbers("一米五分钟");
        assert!(z.iter().all(|m| !m.values.contains(&1.5)), "{z:?}");
    }

    #[test]
    fn a_mention_holds_the_suffix_that_makes_its_value() {
        for (zh, quoted) in [
            ("目标是三成。", "三成"),
            ("全场七折。", "七折"),
            ("那是八十年代的事。", "八十年代"),
        ] {
            let z = chinese_numbers(zh);
            assert_eq!(z.len(), 1, "{zh}: {z:?}");
            assert_eq!(&zh[z[0].span.clone()], quoted);
        }
        differ("Our goal is 13%.", "我们的目标是三成。");
        same("Our goal is 30%.", "我们的目标是三成。");
    }

    #[test]
    fn first_ending_a_clause_is_an_adverb() {
        same("Let's wrap around twenty first.", "我们先包二十个左右。");
        same(
            "Do twenty first, then the rest.",
            "先做二十个，然后做剩下的。",
        );
        same("It was the twenty first.", "那是二十一号。");
        same("In the twenty-first century", "在二十一世纪");
        same("She finished twenty-first.", "她得了第二十一名。");
    }

    #[test]
    fn numbers_inside_subtitle_markup_are_not_read() {
        same(
            "<v Speaker 2>We <00:01:00.500>need <00:01:02.500>three eggs.",
            "<v 讲者 2>我们<00:01:00.500>需要三个<00:01:02.500>鸡蛋。",
        );
        assert_eq!(en_vals("<c.yellow>I have 5</c>"), vec![5.0]);
        assert_eq!(en_vals("<font size=3>two apples</font>"), vec![2.0]);
        // Comparisons are text.
        assert_eq!(en_vals("x < 3 and y > 2"), vec![3.0, 2.0]);
    }

    #[test]
    fn grand_is_a_thousand_only_after_a_number() {
        same(
            "This computer cost me three grand.",
            "这台电脑花了我三千块。",
        );
        same("He makes 50 grand a year.", "他一年挣五万。");
        differ("He bought three grand pianos.", "他买了三千架钢琴。");
        differ("Three grandchildren came.", "来了三千个人。");
        // Not a character boundary five bytes on.
        assert_eq!(en_vals("3 中文 grand"), vec![3.0]);
    }

    #[test]
    fn digit_fractions_are_fractions() {
        same(
            "He spends a quarter of his salary on rent.",
            "他把1/4的工资用来付房租。",
        );
        same("Half of the votes.", "1/2的选票。");
        same("A quarter of the class", "1/4 of the class");
        differ("A third of the class", "1/4的学生");
        differ("2/5 of the votes", "3/5的选票");
        // A date keeps its numbers.
        same("It opens on 3/5.", "3月5日开门。");
    }

    #[test]
    fn ten_odd_and_folds() {
        same(
            "Our team is only a dozen or so people.",
            "我们团队只有十几个人。",
        );
        same("About fifteen people came.", "来了十几个人。");
        same("Some twenty-five people came.", "来了二十几个人。");
        same("The valuation went up tenfold.", "估值翻了十倍。");
        // 十几万 is a hundred-odd thousand, not eleven to nineteen.
        let z = chinese_numbers("十几万人");
        assert!(z.iter().all(|m| !m.values.contains(&12.0)), "{z:?}");
    }

    #[track_caller]
    fn zh_one(s: &str, v: f64) {
        let z = chinese_numbers(s);
        assert_eq!(z.len(), 1, "{s:?}: {z:?}");
        assert!(same_value(z[0].values[0], v), "{s:?}: {z:?} != {v}");
        assert!(z[0].strong, "{s:?} should be strong");
    }

    #[track_caller]
    fn en_one(s: &str, v: f64, strong: bool) {
        let e = english_numbers(s);
        assert_eq!(e.len(), 1, "{s:?}: {e:?}");
        assert!(same_value(e[0].values[0], v), "{s:?}: {e:?} != {v}");
        assert_eq!(e[0].strong, strong, "{s:?}: {e:?}");
    }

    #[track_caller]
    fn no_strong_zh(s: &str) {
        let z = chinese_numbers(s);
        assert!(strong_vals(&z).is_empty(), "{s:?}: {z:?}");
    }

    // --- digits, grouping, decimals ------------------------------------

    #[test]
    fn grouping_and_decimals() {
        same("The ticket costs 5,000 yen.", "票价是5000日元。");
        en_one("We sold 17,000 copies.", 17000.0, true);
        en_one("It grew by 1,234,567 units.", 1234567.0, true);
        same("She is 1.5 meters tall.", "她身高1.5米。");
        same("Pi is about 3.14.", "圆周率大约是3.14。");
        same("Dial 123 now.", "现在拨打１２３。");
        same("The GPT-5000 is here.", "GPT 5,000 来了。");
        en_one("a 100,000 strong crowd", 100000.0, true);
        same("About 100,000 people live here.", "这里住着约100 000人。");
        assert_eq!(en_vals("1,2,3"), vec![1.0, 2.0, 3.0]);
        assert_eq!(en_vals("12345,678"), vec![12345.0, 678.0]);
        assert_eq!(en_vals("version 1.2.3"), vec![1.2, 3.0]);
        assert_eq!(en_vals("It ends here at 5."), vec![5.0]);
        assert_eq!(zh_vals("共１２，０００人"), vec![12000.0]);
    }

    #[test]
    fn percent() {
        same("Only 1% agreed.", "只有百分之一的人同意。");
        same("Only 1% agreed.", "只有1％的人同意。");
        same("Half price: 50% off.", "打折百分之五十。");
        same("It rose 50 percent.", "上涨了50%。");
        same("a 0.5% chance", "百分之零点五的机会");
        same("Roughly 1 in 100 have it.", "大约百分之一的人有。");
        // A share as an ordinal with an article is its percentage or fraction too.
        same("About a fifth of users pay.", "大约20%的用户付费。");
        same("It is closer to a fifth now.", "现在已经接近两成。");
        same("a tenth of the cost", "十分之一的成本");
        // …but "the fifth" is a position.
        let d = compare(&english_numbers("the fifth floor"), &chinese_numbers("20%"));
        assert!(!d.is_empty());
        // An approximate percentage is no exact number.
        no_strong_zh("增速在百分之十几");
        no_strong_zh("增速在百分之十出头");
        no_strong_zh("大概百分之二十多的人");
        // 百分之百 is often "absolutely": never reported.
        assert!(strong_vals(&chinese_numbers("我百分之百同意")).is_empty());
        assert!(strong_vals(&chinese_numbers("我百分百同意")).is_empty());
        same("I am 100% sure.", "我百分之百确定。");
    }

    // --- Chinese numerals ----------------------------------------------

    #[test]
    fn chinese_numeral_values() {
        zh_one("十个人", 10.0);
        zh_one("二十个人", 20.0);
        zh_one("十万人", 1e5);
        zh_one("八亿人", 8e8);
        zh_one("8亿人", 8e8);
        zh_one("20亿美元", 2e9);
        zh_one("一千万", 1e7);
        zh_one("两万块", 2e4);
        zh_one("三千五百米", 3500.0);
        zh_one("一百零五岁", 105.0);
        zh_one("1.5万元", 15000.0);
        zh_one("十亿年", 1e9);
        zh_one("三十年", 30.0);
        zh_one("80字节", 80.0);
        zh_one("一万五", 15000.0);
        zh_one("三千五", 3500.0);
        zh_one("两百五十", 250.0);
        zh_one("一亿三千万", 1.3e8);
        zh_one("一万亿", 1e12);
        zh_one("十一月", 11.0);
        zh_one("一千零一夜", 1001.0);
        zh_one("一点五亿", 1.5e8);
        zh_one("三点二五", 3.25);
        zh_one("一九六四年", 1964.0);
        zh_one("二〇一二年", 2012.0);
        zh_one("150 万个参数", 1.5e6);
        zh_one("100多万", 1e6);
        zh_one("十多万人", 1e5);
        zh_one("二十多岁", 20.0);
    }

    #[test]
    fn chinese_units_must_decrease() {
        // 千米 is a kilometre, not part of the number.
        let z = chinese_numbers("五十千米");
        assert!(same_value(z[0].values[0], 50.0), "{z:?}");
        same("fifty kilometres", "五十千米");
        same("5 kg", "五千克");
    }

    #[test]
    fn chinese_ranges() {
        assert_eq!(zh_vals("一万到两万"), vec![1e4, 2e4]);
        assert_eq!(zh_vals("九到十"), vec![9.0, 10.0]);
        assert_eq!(zh_vals("三四万人"), vec![3e4, 4e4]);
        assert_eq!(zh_vals("十一二岁"), vec![11.0, 12.0]);
        assert_eq!(zh_vals("一两百人"), vec![100.0, 200.0]);
        assert_eq!(zh_vals("五六个"), vec![5.0, 6.0]);
        assert_eq!(zh_vals("两三年"), vec![2.0, 3.0]);
        // Estimates stay weak.
        assert!(strong_vals(&chinese_numbers("过去一二十年")).is_empty());
        same("10,000 to 20,000 people", "一到两万人");
        same("between 30,000 and 40,000", "三四万");
        same("It takes 2 or 3 years.", "需要两三年。");
    }

    #[test]
    fn chinese_vague_amounts_are_weak() {
        no_strong_zh("几十个人");
        no_strong_zh("十几个人");
        no_strong_zh("数十人");
        no_strong_zh("几百万人");
        no_strong_zh("三十几万");
        no_strong_zh("上百人");
        no_strong_zh("百万富翁"); // idiom-ish, bare 百
        no_strong_zh("第一名");
        no_strong_zh("第20名");
        no_strong_zh("星期三");
    }

    #[test]
    fn days_of_the_week_are_not_numbers() {
        for s in [
            "星期六见",
            "我们礼拜天休息",
            "下周一开会",
            "周日早上",
            "每个星期五",
        ] {
            assert!(
                chinese_numbers(s).is_empty(),
                "{s:?}: {:?}",
                chinese_numbers(s)
            );
        }
        // A numeral before 周 counts weeks: the number stays.
        let first = |s: &str| chinese_numbers(s).first().map(|m| m.values.to_vec());
        assert_eq!(first("两周以后"), Some(vec![2.0]));
        assert_eq!(first("三周一次"), Some(vec![3.0]));
        // Saturday against noon: no number on either side to contradict.
        let en = english_numbers("We close before noon on Saturdays.");
        let zh = chinese_numbers("我们每个星期六中午之前关门。");
        assert!(!super::super::numbers_may_differ(&en, &zh), "{en:?} {zh:?}");
        no_strong_zh("五个苹果");
        no_strong_zh("它是一个好主意");
        no_strong_zh("等了一天");
        no_strong_zh("我睡了1小时");
    }

    #[test]
    fn english_odds_idioms_are_not_reported() {
        // "nine times out of ten" is "almost always" (十有八九): its numbers are weak.
        let e = english_numbers("Nine times out of ten, it is the cache.");
        assert!(strong_vals(&e).is_empty(), "{e:?}");
        let e = english_numbers("Ninety-nine times out of a hundred it works.");
        assert!(strong_vals(&e).is_empty(), "{e:?}");
        // A real count keeps its numbers: "three out of ten people".
        let e = english_numbers("Three out of ten people said no.");
        assert!(!strong_vals(&e).is_empty(), "{e:?}");
    }

    #[test]
    fn chinese_idioms_are_not_numbers() {
        for s in [
            "他十分高兴",
            "你千万不要忘记",
            "千万别去",
            "万一下雨怎么办",
            "一些人",
            "我们一起走",
            "他一直在等",
            "一模一样",
            "九死一生",
            "三心二意",
            "万物生长",
            "老百姓",
            "亿万富翁",
            "唯一的办法",
            "统一思想",
            "一旦开始",
            "一般来说",
            "有点累",
            "一点也不",
            "等一会儿",
            "一边走一边说",
            "一方面",
            "十字路口",
            "十全十美",
            "乱七八糟",
            "收拾房间",
            "大陆",
            "一点一点地",
        ] {
            no_strong_zh(s);
        }
        assert!(chinese_numbers("他十分高兴").is_empty());
        // A score or amount before a mark or the end.
        same(
            "on a scale from one to ten, they scored it",
            "从一分到十分，大家打分",
        );
        same("She gave it a ten.", "她打了十分。");
        assert!(chinese_numbers("你千万不要忘记").is_empty());
        assert!(chinese_numbers("千万要小心").is_empty());
        same("a city of ten million", "一座千万人口的城市");
        same("ten million yuan", "千万元");
        assert!(chinese_numbers("万一下雨").is_empty());
    }

    #[test]
    fn numbers_that_look_like_idioms() {
        zh_one("十分钟", 10.0);
        zh_one("二十分钟", 20.0);
        zh_one("一千万人", 1e7);
        zh_one("两千万", 2e7);
        zh_one("十万一千", 101000.0);
        same("I waited ten minutes.", "我等了十分钟。");
    }

    // --- English --------------------------------------------------------

    #[test]
    fn english_words() {
        en_one("I have four cats.", 4.0, false);
        en_one("twenty people", 20.0, true);
        en_one("twenty-five people", 25.0, true);
        en_one("twenty five people", 25.0, true);
        en_one("a hundred people", 100.0, true);
        en_one("a thousand people", 1000.0, true);
        en_one("a million stars", 1e6, true);
        en_one("two million stars", 2e6, true);
        en_one("1.5 million stars", 1.5e6, true);
        en_one("a billion stars", 1e9, true);
        en_one("one hundred and five", 105.0, true);
        en_one(
            "two hundred and fifty-three thousand four hundred",
            253400.0,
            true,
        );
        en_one("a hundred thousand", 1e5, true);
        en_one("three million two hundred thousand", 3.2e6, true);
        en_one("nineteen ninety-seven", 1997.0, true);
        en_one("twenty twenty", 2020.0, true);
        en_one("nineteen hundred", 1900.0, true);
        en_one("half a million", 5e5, true);
        en_one("ten", 10.0, true);
        en_one("one", 1.0, false);
        en_one("Zero.", 0.0, false);
        en_one("5k users", 5000.0, true);
        en_one("$2bn deal", 2e9, true);
        let e = english_numbers("one and a half hours");
        assert_eq!(e.len(), 1);
        assert!(same_value(e[0].values[0], 1.5));
    }

    #[test]
    fn english_words_match_chinese() {
        same("a billion people", "十亿人");
        same("a hundred years", "一百年");
        same("thirty years", "三十年");
        same("two thousand", "两千");
        same("twenty thousand", "两万");
        same("three thousand five hundred", "三千五百");
        same("one hundred and five", "一百零五");
        same("1.5 million", "150万");
        same("a 100,000 prize", "十万奖金");
        same("half a million", "五十万");
        same("ten million", "一千万");
        same("8 billion", "八十亿");
    }

    #[test]
    fn numbers_said_in_two_parts() {
        // Held-out travel, game and finance transcripts.
        same("It costs 88 pounds 50 online.", "网上申请要88.5英镑。");
        same(
            "It costs 88 pounds 50 online.",
            "网上申请要八十八英镑五十便士。",
        );
        differ("It costs 88 pounds 50 online.", "网上申请要98.5英镑。");
        same("We meet at a quarter to ten.", "我们九点四十五分见。");
        same("We meet at a quarter past nine.", "我们九点一刻见。");
        same("It leaves at twenty minutes to ten.", "九点四十开。");
        differ("We meet at a quarter to ten.", "我们八点四十五分见。");
        // A score read like a clock: 八点五分 is 8.5 points as well as 8:05.
        same("Overall, 8.5.", "总分八点五分。");
        same("at 3:05", "三点五分");
        // "minus 10" against 减10 / 扣10, and "10 off" against 减10; 满100减10 subtracts.
        same(
            "plus 20 speed but minus 10 max HP",
            "加20速度，但减10点最大生命值",
        );
        same("A wrong answer is minus 5 points.", "答错一题扣5分。");
        same("Spend 100 and get 10 off.", "满100减10。");
        differ("It fell to 5 degrees.", "降到了零下5度。");
        // A number said twice that the translation says once.
        same("forty days and forty nights", "四十个日夜");
        differ("forty days and fifty nights", "四十个日夜");
        differ("We have 3 apples and 3 pears.", "我们有3个苹果和5个梨。");
        differ(
            "Keep 100 metres back at 100 km/h.",
            "车速100公里/小时的时候，",
        );
        // Shopping festivals named by their date.
        assert!(chinese_numbers("今年双11期间，销量翻了一番。").is_empty());
        assert!(chinese_numbers("双十一那天我们都在加班。").is_empty());
        assert!(
            chinese_numbers("去4S店保养一次要八百块。")
                .iter()
                .all(|m| m.values[0] != 4.0)
        );
        same("He is 183 centimetres tall.", "他身高一米八三。");
        same("He is 183 cm tall.", "他身高183厘米。");
    }

    #[test]
    fn english_non_numbers() {
        assert!(english_numbers("Hello there, how are you?").is_empty());
        assert!(strong_vals(&english_numbers("He came first.")).is_empty());
        assert!(strong_vals(&english_numbers("Wait a second.")).is_empty());
        assert!(strong_vals(&english_numbers("No one knows.")).is_empty());
        assert!(strong_vals(&english_numbers("one of them")).is_empty());
        assert!(strong_vals(&english_numbers("hundreds of people")).is_empty());
        assert!(strong_vals(&english_numbers("thousands of miles")).is_empty());
        assert!(strong_vals(&english_numbers("a few hundred dollars")).is_empty());
        assert!(strong_vals(&english_numbers("Let's go fifty-fifty.")).is_empty());
        assert!(strong_vals(&english_numbers("the twenty-first century")).is_empty());
        assert!(strong_vals(&english_numbers("It may rain. May I?")).is_empty());
        assert!(english_numbers("someone, anyone, tone, often").is_empty());
    }

    #[test]
    fn ordinals_confirm_cardinals() {
        same("the tenth of May", "五月十日");
        same("his sixtieth birthday", "他六十岁生日");
        same("the twelfth century", "12世纪");
        same("the 21st century", "二十一世纪");
        same("the 3rd chapter", "第三章");
        same("on the thirty-first", "31号");
    }

    #[test]
    fn english_ranges() {
        let e = english_numbers("from 10 to 20,000 people");
        assert!(e[0].values.iter().any(|&v| same_value(v, 1e4)), "{e:?}");
        let e = english_numbers("2 or 3 million");
        assert!(e[0].values.iter().any(|&v| same_value(v, 2e6)), "{e:?}");
        let e = english_numbers("5-6 billion");
        assert!(e[0].values.iter().any(|&v| same_value(v, 5e9)), "{e:?}");
        // No shorthand when the numbers are unrelated.
        let e = english_numbers("call 555-1234");
        assert_eq!(e[0].values, vec![555.0]);
        same("nine or 10", "九到十");
        same("10 to 20,000", "一万到两万");
        same("2 or 3 million", "两三百万");
        same("2 or 3 million", "200万到300万");
        same("5 to 10 thousand", "五千到一万");
    }

    // --- decades, times, dates -----------------------------------------

    #[test]
    fn decades() {
        same("in the sixties", "在60年代");
        same("in the sixties", "在六十年代");
        same("in the 60s", "在六十年代");
        same("in the '60s", "在60年代");
        same("in the 60's", "在60年代");
        same("in the 1960s", "在60年代");
        same("in the 1960s", "在1960年代");
        same("in the 1980s", "上世纪八十年代");
        same("in the nineteen sixties", "在20世纪60年代");
        same("since the nineteen nineties", "从上世纪九十年代起");
        same("in '98", "在98年");
        same("in 1998", "在98年");
    }

    #[test]
    fn times() {
        same("at 7:45", "七点四十五分");
        same("at 7:45", "7点45分");
        same("at 7:45", "7点45");
        same("at 7:30", "七点半");
        same("at half past seven", "七点半");
        same("at 7 pm", "晚上19点");
        same("at 19:00", "晚上7点");
        same("at 7:00", "七点");
        same("at 10:15", "十点一刻");
        same("at ten o'clock", "十点钟");
        same("at 11 o'clock", "十一点");
        same("at 3:05", "三点零五分");
        same("at 3:05", "三点五分");
        same("at noon", "中午十二点");
        same("It's 7:45 now.", "现在是7：45。");
        same("half an hour", "半小时");
        same("30 minutes", "半个小时");
        same("only about 40 miles an hour", "每小时只有约64公里");
        same("about 500 miles away", "大约800公里外");
        same("The cat weighs 22 pounds.", "这只猫重10公斤。");
        same("She's eleven pounds.", "她5公斤。");
        let (e, z) = (
            english_numbers("four months old, 9 pounds"),
            chinese_numbers("四个月大，6磅"),
        );
        assert!(!compare(&e, &z).only_en.is_empty(), "{e:?} {z:?}");
        same("She's eleven pounds now.", "她现在11磅（大约5公斤）。");
        same(
            "only about 40 miles an hour",
            "每小时只有约40英里（约64公里）",
        );
        same(
            "2023 marked the bridge's centenary.",
            "2023年是这座桥建成一百周年。",
        );
        same("Nine in ten bags arrive on time.", "九成的行李准时到达。");
        same("roughly 9 out of 17", "大约是 17 次中的 9 次");
        same("He's eighteen months old.", "他一岁半了。");
        same("A train comes every 90 seconds.", "每一分半钟来一趟车。");
        same("It took two and a half years.", "花了两年半。");
    }

    #[test]
    fn dates() {
        same("2012-04-20", "2012年4月20日");
        same("June 26th, 1964", "1964年6月26日");
        same("June 26, 1964", "1964年6月26日");
        same("26 June 1964", "1964年六月二十六日");
        same("in 1964", "在一九六四年");
        same("December 25", "十二月二十五日");
        same("the 4th of July", "七月四日");
        same("May 5th", "5月5日");
    }

    #[test]
    fn counts_in_a_larger_unit() {
        same("200 megapixels", "2亿像素");
        same("a 48-megapixel lens", "4800万像素的镜头");
        same("a 50MP sensor", "5000万像素");
        same("two millennia", "两千多年");
        same("two millennia", "两千年");
        same("two centuries", "两个世纪");
        same("for three centuries", "三百年来");
        same("four decades", "四十年");
        // The unit's count is still read as it is.
        differ("three centuries", "四百年");
    }

    #[test]
    fn spoken_scores_cents_and_kilo_prefixes() {
        // Scores: nil and a tennis love are zero; a hyphen keeps two numbers apart.
        same("They won three-nil.", "他们3比0赢了。");
        same("One-nil to the home side.", "主队1比0领先。");
        same("Fifteen-love.", "15比0。");
        same("Love-thirty.", "0比30。");
        same("Fifteen-thirty.", "15比30。");
        differ("Fifteen-thirty.", "15比40。");
        // "love" away from a number is no zero.
        assert!(english_numbers("I love you.").is_empty());
        assert!(english_numbers("I love-hate that song.").is_empty());
        // A spoken year is still one number, hyphen or not.
        same("in nineteen sixty-four", "在1964年");
        same("until nineteen-ninety-seven", "到1997年");
        // Cents in dollars.
        same("74 cents per share", "每股0.74美元");
        same("74 cents per share", "每股74美分");
        differ("74 cents per share", "每股0.47美元");
        same("more than two kilometres underwater", "水下两千多米");
        same("more than two kilometres underwater", "水下两公里多");
        same(
            "Every tenth of a degree matters.",
            "每少升温零点一度都很重要。",
        );
        same("Rating: 10 out of 10.", "评分：满分10分。");
        same("I give it 8 out of 10.", "我给八分，满分十分。");
        // 千 as kilo after the number's own units.
        same(
            "three hundred thousand kilometres a second",
            "每秒三十万千米",
        );
        same("or 42 kilojoules", "也就是42千焦");
        differ("or 42 kilojoules", "也就是24千焦");
    }

    #[test]
    fn an_invisible_character_inside_a_number_is_no_break() {
        same("We waited twenty minutes.", "我们等了二\u{200B}十分钟。");
        same("It cost 3,500 yuan.", "花了三千\u{200B}五百元。");
    }

    #[test]
    fn recited_and_chat_numbers() {
        // A times-table line: factors and product, recited.
        same("Two fives are ten.", "二五一十。");
        same("Five times five is twenty-five.", "五五二十五。");
        assert!(strong_vals(&chinese_numbers("四五二十。")).is_empty());
        // Not a times table: the product is wrong, or the digits name a year.
        assert!(!strong_vals(&chinese_numbers("二五一十一个人")).is_empty());
        // Chat slang is no count; a price in sixes is.
        assert!(strong_vals(&chinese_numbers("弹幕全在刷666。")).is_empty());
        assert!(strong_vals(&chinese_numbers("哈哈2333")).is_empty());
        differ("This coat is 667 yuan.", "这件外套666元。");
    }

    #[test]
    fn idioms_and_names_that_hold_numerals() {
        // 24/7 is "all the time": never reported.
        assert!(strong_vals(&english_numbers("Support is online 24/7.")).is_empty());
        // A ruler's numeral after a name confirms the Chinese number, weakly.
        same("Louis XIV", "路易十四");
        same("Henry VIII and his six wives", "亨利八世和他的六位妻子");
        same("after World War II", "第二次世界大战之后");
        assert!(strong_vals(&english_numbers("Louis XIV")).is_empty());
        assert!(english_numbers("Malcolm X spoke. I said XI is no name.").is_empty());
        assert!(english_numbers("The VIP lounge at LAX.").is_empty());
        // 两 as the tael follows its number; 一线 is a rank.
        same("450 million taels of silver", "4.5亿两白银");
        same("twenty taels of silver", "二十两银子");
        assert!(chinese_numbers("常用的一线药物").is_empty());
        assert!(strong_vals(&chinese_numbers("两个银行")).is_empty());
        // A range of shares writes 成 once: 两到三成 is 20 to 30 %.
        same("20 to 30 percent", "两到三成");
        same("70 to 80%", "七到八成");
        same("two or three people", "两到三个人");
    }

    #[test]
    fn fractions() {
        let e = english_numbers("half of it");
        let z = chinese_numbers("一半");
        assert_eq!(e.len(), 1);
        assert_eq!(z.len(), 1);
        assert!(!e[0].strong && !z[0].strong);
        assert!(values_overlap(&e[0].values, &z[0].values));
        same("nine in ten", "十分之九");
        same("9 out of 10", "十分之九");
        same("90% of them", "十分之九");
        same("one third", "三分之一");
        same("1 in 1000", "千分之一");
        // "One in N" is a share; 万分之一 is one (万分 alone is "extremely").
        same("one in five", "五分之一");
        same("one in five", "20%");
        same("one in 10,000", "万分之一");
        same("1 out of 4", "四分之一");
        differ("one in three", "四分之一");
        differ("one in three", "大约四分之一");
        same("around 1 in 11", "约为十分之一");
        same("5 thirds and 1 third", "5 个三分之一和 1 个三分之一");
        same(
            "columns 1 third, negative 1 third, and 1 third, 2 thirds",
            "列为 1 三分之一、负 1 三分之一、以及 1 三分之一、2 三分之一",
        );
        assert!(chinese_numbers("万分感谢").is_empty());
        same("x squared", "x 平方");
        same("x2", "x 平方");
        same("80% of it", "八成");
        same("two and a half hours", "两个半小时");
        same("Two and a half million...", "两百五十万……");
        same("one and a half billion", "十五亿");
        differ("two and a half million", "三百万");
    }

    #[test]
    fn misc_matches() {
        same(
            "It's double the price of 10 years ago.",
            "价钱是10年前的2倍。",
        );
        same("Chapter 3", "第 3 章");
        same("a millennium ago, in 1800 BC", "公元前 1800 年，一千多年前");
        same("two or three", "两三个");
        same("Room 101", "101房间");
        same("one by one", "一个一个");
    }

    #[test]
    fn real_differences_are_reported() {
        differ("It costs 5,000 dollars.", "它要500美元。");
        differ("150 million parameters", "1500 万个参数");
        differ("He is 30.", "他四十岁。");
        differ("at 7:45", "八点");
        differ("in 1964", "1965年");
        differ("about 0.01 seconds", "大约 0。01 秒");
        differ("The trip took 12 hours.", "旅程花了很久。");
        differ("我", "十万");
        differ("It happened in 2017.", "这事发生在去年。");
        differ("a hundred people", "二百人");
        differ("twenty years", "三十年");
    }

    // --- compare semantics ---------------------------------------------

    #[test]
    fn candidates_are_where_the_definitions_say() {
        // The scan by code points against the char-level definition, over every character of
        // the plane's CJK and full-width blocks, and a few of other widths.
        let definition = |text: &str, from: usize| {
            text[from..]
                .char_indices()
                .find(|&(_, c)| {
                    c.is_ascii_digit()
                        || is_run_start(c)
                        || c == '平'
                        || c == '立'
                        || circled_number(c).is_some()
                })
                .map(|(k, _)| from + k)
        };
        let mut text = String::from("aé9𝔸😀");
        text.extend(
            (0x3000..0xA000u32)
                .chain(0xFF00..0x1_0000)
                .filter_map(char::from_u32),
        );
        let mut from = 0;
        loop {
            let found = next_candidate(&text, from);
            assert_eq!(found, definition(&text, from), "from {from}");
            let Some(at) = found else { break };
            from = at + text[at..].chars().next().map_or(1, char::len_utf8);
        }
    }

    #[test]
    fn values_keep_their_order_inline_and_spilled() {
        let mut v = Values::of(&[1.0, 2.0]);
        assert!(matches!(v, Values::Inline { len: 2, .. }));
        v.insert_first(0.5);
        assert_eq!(v, vec![0.5, 1.0, 2.0]);
        v.push(3.0);
        assert!(matches!(v, Values::Spilled(_)));
        assert_eq!(v, vec![0.5, 1.0, 2.0, 3.0]);
        v.insert_first(0.0);
        assert_eq!(v, vec![0.0, 0.5, 1.0, 2.0, 3.0]);
        assert_eq!(Values::of(&[]).len(), 0);
        // "a quarter" has four readings.
        let q = english_numbers("a quarter past");
        assert_eq!(q[0].values, vec![0.25, 15.0, 45.0, 25.0]);
    }

    fn m(values: &[f64], strong: bool) -> NumberMention {
        NumberMention {
            span: 0..0,
            values: Values::of(values),
            strong,
            unit: None,
            converted: 0,
        }
    }

    /// The matching as it was written before the graph became bit rows: the same number test
    /// asked at every step of the augmenting paths.
    fn reference_matching(en: &[NumberMention], zh: &[NumberMention]) -> (Vec<usize>, Vec<usize>) {
        struct Kuhn<'a> {
            en: &'a [NumberMention],
            zh: &'a [NumberMention],
            match_en: Vec<Option<usize>>,
            match_zh: Vec<Option<usize>>,
            seen: Vec<bool>,
        }
        impl Kuhn<'_> {
            fn edge(&self, i: usize, j: usize) -> bool {
                mentions_match(&self.en[i], &self.zh[j])
            }
            fn augment_en(&mut self, i: usize) -> bool {
                for pass in [true, false] {
                    for j in 0..self.zh.len() {
                        if self.zh[j].strong != pass || self.seen[j] || !self.edge(i, j) {
                            continue;
                        }
                        self.seen[j] = true;
                        let free = match self.match_zh[j] {
                            None => true,
                            Some(k) => self.augment_en(k),
                        };
                        if free {
                            self.match_zh[j] = Some(i);
                            self.match_en[i] = Some(j);
                            return true;
                        }
                    }
                }
                false
            }
            fn augment_zh(&mut self, j: usize) -> bool {
                for i in 0..self.en.len() {
                    if self.seen[i] || !self.edge(i, j) {
                        continue;
                    }
                    self.seen[i] = true;
                    let ok = match self.match_en[i] {
                        None => true,
                        Some(k) if !self.zh[k].strong => {
                            self.match_zh[k] = None;
                            true
                        }
                        Some(k) => self.augment_zh(k),
                    };
                    if ok {
                        self.match_en[i] = Some(j);
                        self.match_zh[j] = Some(i);
                        return true;
                    }
                }
                false
            }
        }
        let mut k = Kuhn {
            en,
            zh,
            match_en: vec![None; en.len()],
            match_zh: vec![None; zh.len()],
            seen: vec![false; en.len().max(zh.len())],
        };
        for pass in [true, false] {
            for (i, mention) in en.iter().enumerate() {
                if mention.strong == pass {
                    k.seen.fill(false);
                    k.augment_en(i);
                }
            }
        }
        for (j, mention) in zh.iter().enumerate() {
            if mention.strong && k.match_zh[j].is_none() {
                k.seen.fill(false);
                k.augment_zh(j);
            }
        }
        (
            (0..en.len())
                .filter(|&i| en[i].strong && k.match_en[i].is_none())
                .collect(),
            (0..zh.len())
                .filter(|&j| zh[j].strong && k.match_zh[j].is_none())
                .collect(),
        )
    }

    #[test]
    fn next_bit_finds_the_lowest_set_bit_from_a_place_on() {
        assert_eq!(next_bit(0b1010, 0), Some(1));
        assert_eq!(next_bit(0b1010, 2), Some(3));
        assert_eq!(next_bit(0b1010, 4), None);
        assert_eq!(next_bit(1 << 63, 63), Some(63));
        assert_eq!(next_bit(u64::MAX, 64), None);
        assert_eq!(next_bit(0, 0), None);
    }

    #[test]
    fn the_bit_row_matching_matches_as_the_reference_does() {
        // Few distinct values (with near-equal, signed zero and infinite ones), so that
        // mentions share values often and the augmenting paths run long and evict weak
        // partners; up to the full 64 mentions a side, so the highest bits are used.
        let pool = [
            1.0,
            2.0,
            3.0,
            1.0 + 1e-12,
            0.0,
            -0.0,
            f64::INFINITY,
            4.0,
            5.0,
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for round in 0..3_000 {
            let sizes = if round % 10 == 0 {
                (64, 64)
            } else {
                (next(20), next(20))
            };
            let mut side = |len: usize| -> Vec<NumberMention> {
                (0..len)
                    .map(|_| {
                        let values: Vec<f64> =
                            (0..1 + next(3)).map(|_| pool[next(pool.len())]).collect();
                        m(&values, next(3) > 0)
                    })
                    .collect()
            };
            let (en, zh) = (side(sizes.0), side(sizes.1));
            let diff = compare_matching(&en, &zh);
            let (only_en, only_zh) = reference_matching(&en, &zh);
            assert_eq!(diff.only_en, only_en, "{en:?} {zh:?}");
            assert_eq!(diff.only_zh, only_zh, "{en:?} {zh:?}");
        }
    }

    #[test]
    fn one_mention_a_side_compares_as_the_matching_does() {
        let forms = [
            m(&[5.0], true),
            m(&[5.0], false),
            m(&[6.0], true),
            m(&[6.0], false),
            m(&[0.5, 50.0], false),
            m(&[50.0, 5.0], true),
        ];
        for e in &forms {
            for z in &forms {
                let (e, z) = (std::slice::from_ref(e), std::slice::from_ref(z));
                assert_eq!(compare(e, z), compare_matching(e, z), "{e:?} {z:?}");
            }
        }
    }

    #[test]
    fn compare_is_a_multiset_match() {
        let d = compare(&english_numbers("5 apples, 5 pears"), &chinese_numbers("5"));
        assert_eq!(d.only_en.len(), 1);
        assert!(d.only_zh.is_empty());
        let d = compare(&english_numbers("5"), &chinese_numbers("5和5"));
        assert_eq!(d.only_zh.len(), 1);
        // A figure of speech says a number twice; the translation says it once.
        assert!(compare(&english_numbers("5 by 5"), &chinese_numbers("5")).is_empty());
        let d = compare(&english_numbers("5 and 6"), &chinese_numbers("5"));
        assert_eq!((d.only_en.len(), d.only_zh.len()), (1, 0));
        let d = compare(&english_numbers("3 and 4"), &chinese_numbers("4和3"));
        assert!(d.is_empty());
    }

    #[test]
    fn compare_weak_never_reported() {
        assert!(compare(&english_numbers("three apples"), &[]).is_empty());
        assert!(compare(&[], &chinese_numbers("三个苹果")).is_empty());
        assert!(compare(&english_numbers("3 apples"), &chinese_numbers("三个苹果")).is_empty());
        assert!(
            compare(
                &english_numbers("three apples"),
                &chinese_numbers("3个苹果")
            )
            .is_empty()
        );
        assert_eq!(compare(&english_numbers("3 apples"), &[]).only_en, vec![0]);
    }

    #[test]
    fn compare_prefers_covering_strong_mentions() {
        // The ambiguous English mention must go to the strong 2, not the weak 1.
        let en = [m(&[1.0, 2.0], true)];
        let zh = [m(&[1.0], false), m(&[2.0], true)];
        assert!(compare(&en, &zh).is_empty());
        // A weak English mention must not strand a strong one.
        let en = [m(&[7.0], false), m(&[7.0], true)];
        let zh = [m(&[7.0], true)];
        assert!(compare(&en, &zh).is_empty());
        // Chinese side needs re-routing after the English pass.
        let en = [m(&[1.0, 2.0], false), m(&[2.0], false)];
        let zh = [m(&[1.0], true), m(&[2.0], true)];
        assert!(compare(&en, &zh).is_empty());
        let en = [m(&[1.0, 2.0], true), m(&[2.0, 3.0], false)];
        let zh = [m(&[2.0], false), m(&[1.0], true), m(&[3.0], true)];
        assert!(compare(&en, &zh).is_empty());
    }

    #[test]
    fn compare_tolerance() {
        assert!(compare(&[m(&[0.1 + 0.2], true)], &[m(&[0.3], true)]).is_empty());
        assert!(!compare(&[m(&[1.0], true)], &[m(&[1.0001], true)]).is_empty());
        assert!(!compare(&[m(&[f64::INFINITY], true)], &[m(&[1e300], true)]).is_empty());
        assert!(compare(&[m(&[0.0], true)], &[m(&[0.0], true)]).is_empty());
    }

    #[test]
    fn indices_point_at_the_right_mentions() {
        let e = english_numbers("I bought 3 pens and 12 books.");
        let z = chinese_numbers("我买了3支笔和15本书。");
        let d = compare(&e, &z);
        assert_eq!(d.only_en, vec![1]);
        assert_eq!(e[1].text("I bought 3 pens and 12 books."), "12");
        assert_eq!(d.only_zh, vec![1]);
        assert_eq!(z[1].text("我买了3支笔和15本书。"), "15");
    }

    // --- robustness -----------------------------------------------------

    #[test]
    fn numeric_char_fast_path_agrees_with_the_tables() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let slow = is_digit(c) || zh_numeral(c).is_some() || zh_unit(c).is_some();
            assert_eq!(is_numeric_char(c), slow, "{c:?}");
        }
    }

    #[test]
    fn no_allocation_without_numbers() {
        assert_eq!(english_numbers("The quick brown fox.").capacity(), 0);
        assert_eq!(chinese_numbers("敏捷的棕色狐狸。").capacity(), 0);
        assert_eq!(english_numbers("").capacity(), 0);
        assert_eq!(chinese_numbers("").capacity(), 0);
    }

    #[test]
    fn spans_and_text_agree() {
        for s in [
            "June 26th, 1964 at 7:45 pm, about 1.5 million",
            "1964年6月26日晚上七点四十五分，约一百五十万，百分之五十",
            "十分之九的人在三四万之间",
        ] {
            for mention in english_numbers(s).iter().chain(chinese_numbers(s).iter()) {
                assert!(!mention.text(s).is_empty());
                assert!(!mention.values.is_empty());
            }
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        let fifty = "9".repeat(50);
        let huge = "9".repeat(400);
        let mixed = "１２３,456.７８９ 万 亿 十 百分之 分之 点 点钟 半 第 几 🙂 ,,, ... -- 1:2: ：";
        let cases = [
            "",
            " ",
            "0",
            "1234567890",
            "1,,,2",
            "..",
            ".5",
            "5.",
            ",",
            "1,000,",
            "1,00",
            fifty.as_str(),
            huge.as_str(),
            "🙂🙂🙂1🙂",
            "１２３",
            "：：",
            "7:",
            ":45",
            "12:345",
            "万",
            "亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿",
            "九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九",
            "分之",
            "百分之",
            "点",
            "一点",
            "零点",
            "三点",
            "三点十",
            "十分之",
            "零分之一",
            "半半半",
            "个半",
            "第",
            "几",
            "a",
            "a hundred",
            "hundred",
            "and a half",
            "half",
            "half a",
            "twenty-",
            "-twenty",
            "one-",
            "o'clock",
            "7 o'",
            "7 a.",
            "thousand million billion trillion",
            "1e309",
            "'s",
            "60'",
            "\u{0}\u{1}\u{7f}",
            "\u{feff}12",
            "ｍｉｘｅｄ　全角１２３，４５６．７",
            mixed,
        ];
        for s in cases {
            let e = english_numbers(s);
            let z = chinese_numbers(s);
            let _ = compare(&e, &z);
            let _ = compare(&z, &e);
            // Every prefix and suffix too, to hit end-of-text paths.
            for (i, _) in s.char_indices() {
                let _ = english_numbers(&s[i..]);
                let _ = chinese_numbers(&s[i..]);
                let _ = english_numbers(&s[..i]);
                let _ = chinese_numbers(&s[..i]);
            }
        }
        let e = english_numbers(&fifty);
        assert_eq!(e.len(), 1);
        assert!(e[0].values[0] > 9e48);
        let z = chinese_numbers(&huge);
        assert_eq!(z.len(), 1);
    }

    #[test]
    fn large_inputs_stay_fast_and_safe() {
        let en = "1 ".repeat(20_000);
        let zh = "1，".repeat(19_999) + "2";
        let e = english_numbers(&en);
        let z = chinese_numbers(&zh);
        assert_eq!(e.len(), 20_000);
        let d = compare(&e, &z);
        assert_eq!(d.only_en.len(), 1);
        assert_eq!(d.only_zh.len(), 1);
        let long_run = "九".repeat(100_000) + &"一些".repeat(50_000) + &"十万".repeat(10_000);
        let _ = chinese_numbers(&long_run);
        let _ = english_numbers(&"twenty-".repeat(50_000));
    }

    #[test]
    fn covid_is_a_name() {
        assert!(strong_vals(&english_numbers("COVID-19 spread fast.")).is_empty());
        let e = english_numbers("Covid-19 in 2020");
        assert_eq!(strong_vals(&e), vec![2020.0]);
    }

    #[test]
    fn stop_words_are_found_as_the_expression_finds_them() {
        assert!(STOP_RE.is_match("十分"));
        // Text dense in stop words' characters, overlapping and nested ones among them.
        let chars: Vec<String> = STOP_WORDS
            .iter()
            .flat_map(|w| w.chars())
            .chain("的了是 a1。".chars())
            .map(String::from)
            .collect();
        let mut rnd = crate::test_support::xorshift(7);
        for round in 0..20_000 {
            let text = crate::test_support::random_text(&mut rnd, &chars, 12);
            let fast: Vec<Range<usize>> = stop_matches(&text).collect();
            let reference: Vec<Range<usize>> =
                STOP_RE.find_iter(&text).map(|m| m.range()).collect();
            assert_eq!(fast, reference, "round {round}: {text}");
        }
        let all: String = STOP_WORDS.concat();
        let fast: Vec<Range<usize>> = stop_matches(&all).collect();
        let reference: Vec<Range<usize>> = STOP_RE.find_iter(&all).map(|m| m.range()).collect();
        assert_eq!(fast, reference);
    }

    #[test]
    fn calendar_quarters_are_counted_not_shares() {
        same("GDP in the first three quarters grew", "前三季度GDP增长");
        same(
            "growth slowed for two quarters in a row",
            "增长连续两个季度放缓",
        );
        // A share is still a share.
        same(
            "Three quarters of the seats were empty.",
            "四分之三的座位是空的。",
        );
        differ(
            "Three quarters of the seats were empty.",
            "三个座位是空的。",
        );
        // A hyphenated fraction before "point" is that much of a percentage point.
        same(
            "Four of those moves were three-quarter-point increases.",
            "其中有4次是一次加息75个基点。",
        );
        differ("a three-quarter-point increase", "加息50个基点");
    }

    #[test]
    fn fractions_of_a_hundred_and_of_a_scale_word() {
        same(
            "A basis point is one hundredth of a percentage point.",
            "1个基点等于0.01个百分点。",
        );
        same("one thousandth of a second", "千分之一秒");
        same("about a quarter of a million dollars", "大约25万美元");
        same("three quarters of a billion people", "7.5亿人");
        differ("about a quarter of a million dollars", "大约20万美元");
    }

    #[test]
    fn digits_said_one_by_one_are_one_number() {
        same("He dialed nine-one-one twice.", "他拨了两次911。");
        differ("He dialed nine-one-one.", "他拨了119。");
        // Two numbers joined by a hyphen stay two: a score, a range.
        same("They won three-one.", "他们3比1赢了。");
    }

    #[test]
    fn a_date_is_its_month_and_day_together() {
        differ(
            "On August 9, 2009, the motel burned.",
            "2009年9月8日，汽车旅馆被烧毁。",
        );
        same(
            "On August 9, 2009, the motel burned.",
            "2009年8月9日，汽车旅馆被烧毁。",
        );
        differ("on 3 March", "3月4日");
        same("on 3 March", "3月3日");
        differ("the 4th of July", "四月七日");
        differ("on the first of May", "6月1日");
        same("on the first of May", "5月1日");
        // The day alone, or the month alone, still matches its part.
        same("August 9", "9日");
        same("in August", "8月");
        same("School starts on April the tenth.", "学校四月十日开学。");
        same("It runs until March thirty-first.", "有效期到3月31日。");
        differ("It runs until March thirty-first.", "有效期到3月30日。");
        // A count after a month is no day.
        same("In May twenty people came.", "五月有二十个人来了。");
    }

    #[test]
    fn centuries_and_their_decades() {
        differ("the nineteenth century", "十八世纪");
        differ("the sixteenth century", "十七世纪");
        differ("the 19th century", "二十世纪");
        same("the 1800s", "十九世纪");
        same("the nineteenth century", "十九世纪");
        same("the nineteenth century", "19世纪");
        differ("In the 1860s he moved.", "十八世纪六十年代，他搬家了。");
        same("In the 1860s he moved.", "十九世纪六十年代，他搬家了。");
        same("in the nineteen sixties", "在20世纪60年代");
        // A century the English leaves out may still be written.
        same("in the sixties", "在二十世纪六十年代");
    }

    #[test]
    fn a_height_in_feet_and_inches_is_its_metres() {
        same("He was about five foot ten.", "他身高一米七八左右。");
        same("She is 6 feet 2 inches tall.", "她身高一米八八。");
        same("a five-foot-ten guard", "一个一米八的保安");
        same("He was five foot ten.", "他身高178厘米。");
        // One mention, not two counts: "ten" is no longer left to pair with 七八.
        let e = english_numbers("He was about five foot ten.");
        assert_eq!(e.len(), 1);
        assert!(!e[0].strong);
    }

    #[test]
    fn a_number_joined_to_a_plural_scale_word_is_a_unit() {
        same(
            "In Chinese you count in ten-thousands.",
            "中文是按“万”来数的。",
        );
        assert!(strong_vals(&english_numbers("In Chinese you count in ten-thousands.")).is_empty());
    }

    #[test]
    fn gigapixels_count_pixels() {
        same("The image is 717 gigapixels.", "图像有7170亿像素。");
    }
}
