//! The interleaved layout: a translation line, then its original (or the reverse), line after line.
//!
//! Real files carry app headers and footers, UI text in the middle, lines whose partner is missing
//! and originals pasted into the translation slot. The parser therefore does not pair lines two by
//! two: it decides which language comes first from the lengths of neighbours, then finds the best
//! pairing of the whole file with a linear dynamic programme in which every line is either paired
//! with the next one or left alone. One bad line costs one line, never the rest of the file.

use super::lines::{chunk_bounds, lines};
use super::timestamp::{LineStamp, line_stamp};
use crate::data::{APP_TEXT_PATTERNS, ends_sentence, with_app_text};
use crate::model::{Document, Format, Order, Pair, Segment, SourceFile, Span, Stray, StrayKind};
use crate::script::{Script, classify};
use crate::text::{
    COPY_THRESHOLD, ascii_alnum_runs, copy_similarity, copy_similarity_of_lines,
    lowercase_word_hash, non_space_chars,
};
use rayon::prelude::*;

/// Parse interleaved text. Never fails.
pub fn parse(file: SourceFile) -> Document {
    parse_in_order(file, None)
}

/// [`parse`] with the order of the languages given (`None`: decided from the text). Windows of a
/// stream after the first keep the first window's order: a short last window has too little
/// evidence of its own.
pub fn parse_in_order(file: SourceFile, given: Option<Order>) -> Document {
    let text = file.text.as_str();
    let scanning = crate::timing::phase("  scan");
    // App text is set aside before pairing, so a UI line between a translation and its original
    // does not separate them. Each such line keeps the number of dialogue lines before it, to
    // be put back in place.
    let Scanned { dialogue, app_text } = scan(text);
    drop(scanning);
    let dialogue = dialogue.as_slice();
    // Which language stands first. Two kinds of evidence: each Chinese line between two English
    // lines votes for the neighbour it resembles (endings, names, numbers, length), and the
    // pairing score of each order counts the lines it leaves without a partner (at the edges a
    // wrong order orphans the first and last lines). A vote weighs about half a pair.
    // The two candidate pairings and the votes are independent: they run in parallel.
    const VOTE_WEIGHT: f64 = 5.0;
    let pairing = crate::timing::phase("  pairing");
    if let Some(order) = given {
        let (_, links) = best_pairing(text, dialogue, order);
        drop(pairing);
        let _t = crate::timing::phase("  build");
        return build(file, dialogue, &links, &app_text, order);
    }
    let (((score_t, links_t), (score_s, links_s)), votes) = rayon::join(
        || {
            rayon::join(
                || best_pairing(text, dialogue, Order::TargetFirst),
                || best_pairing(text, dialogue, Order::SourceFirst),
            )
        },
        || order_votes(text, dialogue),
    );
    let evidence = VOTE_WEIGHT * votes as f64 + (score_t - score_s);
    let (order, links) = if evidence >= 0.0 {
        drop(links_s);
        (Order::TargetFirst, links_t)
    } else {
        drop(links_t);
        (Order::SourceFirst, links_s)
    };
    drop(pairing);
    let _t = crate::timing::phase("  build");
    build(file, dialogue, &links, &app_text, order)
}

/// Bytes of text per parallel work item when classifying lines: big enough to amortise
/// scheduling, small enough to keep both cores busy on one file.
const SCAN_CHUNK: usize = 1 << 20;

/// The non-blank lines of a file: dialogue, and app text set aside with the number of dialogue
/// lines before each.
#[derive(Default)]
struct Scanned {
    dialogue: Vec<Item>,
    app_text: Vec<(usize, Item)>,
}

impl Scanned {
    /// Appends classified lines in file order, setting their app text aside.
    fn append(&mut self, items: &[Item]) {
        for item in items {
            if item.app_text {
                self.app_text.push((self.dialogue.len(), *item));
            } else {
                self.dialogue.push(*item);
            }
        }
    }
}

/// Classify every non-blank line. Classification is per line and is the costliest part of
/// parsing (profiled: script, app-text patterns, length), so the text is cut into chunks at line
/// breaks and the chunks are scanned in parallel; results are concatenated in file order. App
/// text is set aside while joining the chunks: removing it from the joined lines afterwards moved
/// every item of a big file once more, on one core.
fn scan(text: &str) -> Scanned {
    let mut all = scan_lines(text);
    set_stamps_aside(&mut all);
    all
}

/// Least share (one line in this many) of the dialogue lines that open with a bare timestamp
/// (`00:30 …`, not in brackets) or are one, for such stamps to be read as timestamps. A
/// transcript exported with timestamps has one on every line, on every other line when only
/// one language carries them, or on a line of its own before each pair (one line in three);
/// a sentence that happens to begin with a time ("10:30 is too late." and its translation) is
/// rare.
const MIN_BARE_STAMP_SHARE: usize = 4;

/// Leaves the timestamps of a transcript out of its lines ([`LineStamp`]): a stamp opening a
/// line is left out of its segment, a stamp alone on its line is layout, like a blank line.
/// Stamps in brackets always are; bare ones when at least one line in
/// [`MIN_BARE_STAMP_SHARE`] has one.
fn set_stamps_aside(all: &mut Scanned) {
    let stamped = all.dialogue.iter().filter(|i| i.stamp != 0).count();
    if stamped == 0 {
        return;
    }
    let bare_too = stamped * MIN_BARE_STAMP_SHARE >= all.dialogue.len();
    let applies = |item: &Item| item.stamp != 0 && (bare_too || item.stamp & Stamp::BRACKETED != 0);
    // App text keeps its place among the dialogue lines that remain.
    let mut app = all.app_text.iter_mut().peekable();
    let mut kept = 0;
    let dialogue = std::mem::take(&mut all.dialogue);
    for (k, mut item) in dialogue.into_iter().enumerate() {
        while let Some((before, _)) = app.next_if(|(before, _)| *before <= k) {
            *before = kept;
        }
        if applies(&item) {
            if item.stamp & Stamp::ALONE != 0 {
                continue;
            }
            item.content.start += usize::from(item.stamp & Stamp::LEN);
        }
        all.dialogue.push(item);
        kept += 1;
    }
    for (before, _) in app {
        *before = kept;
    }
}

/// Classify every non-blank line ([`scan`] before timestamps are set aside).
fn scan_lines(text: &str) -> Scanned {
    let bounds = chunk_bounds(text.as_bytes(), SCAN_CHUNK);
    let mut all = Scanned::default();
    if bounds.len() <= 2 {
        let (items, _) = scan_range(text, 0, text.len());
        all.append(&items);
        return all;
    }
    // Each chunk's lines, and how many of them are app text.
    let per_chunk: Vec<(Vec<Item>, usize)> = bounds
        .par_windows(2)
        .map(|w| scan_range(text, w[0], w[1]))
        .collect();
    all.dialogue
        .reserve(per_chunk.iter().map(|(items, app)| items.len() - app).sum());
    crate::pages::touch_spare_capacity(&mut all.dialogue);
    for (items, app) in per_chunk {
        if app == 0 {
            all.dialogue.extend(items);
        } else {
            all.append(&items);
        }
    }
    all
}

/// Classify the non-blank lines of `text[start..end]` (a run of whole lines); also returns how
/// many are app text.
fn scan_range(text: &str, start: usize, end: usize) -> (Vec<Item>, usize) {
    let mut app = 0;
    let items = with_app_text(|patterns| {
        let mut strong = patterns.strong.in_order(text, end);
        lines(&text[start..end])
            .filter(|l| !l.content.is_empty())
            .map(|line| {
                let span = Span::new(line.content.start + start, line.content.end + start);
                let content = &text[span.range()];
                let stamp = Stamp::pack(line_stamp(content));
                // The words after a timestamp are what is classified and measured.
                let words = if stamp & Stamp::ALONE == 0 {
                    &content[usize::from(stamp & Stamp::LEN)..]
                } else {
                    content
                };
                let (script, chars) = classify_and_count(words);
                let app_text = strong.is_match(span.range());
                app += usize::from(app_text);
                Item {
                    content: span,
                    script,
                    app_text,
                    ending: ending(content),
                    chars: chars as f32,
                    stamp,
                }
            })
            .collect()
    });
    (items, app)
}

/// [`classify`] and the count of non-space characters in one pass (ASCII bytes without
/// decoding): every line of a file is measured.
fn classify_and_count(text: &str) -> (Script, usize) {
    (classify(text), non_space_chars(text))
}

/// A non-blank line as the pairing sees it. Only the trimmed content is kept: the whole line is
/// found again from the text when a segment is built (items are the parser's largest
/// allocation on a big file, two per pair).
#[derive(Clone, Copy)]
struct Item {
    content: Span,
    script: Script,
    app_text: bool,
    /// How the line ends: a translation ends as its original does.
    ending: Ending,
    /// Non-space characters, for the length fit.
    chars: f32,
    /// A timestamp opening the line ([`Stamp`]), 0 when there is none.
    stamp: u8,
}

/// [`LineStamp`] packed into a byte of [`Item`]: items are the parser's largest allocation, two
/// per pair, and a byte fits in their padding. The low six bits are the stamp's length (a
/// stamp and its white space of more bytes is read as text).
struct Stamp;

impl Stamp {
    const BRACKETED: u8 = 1 << 6;
    const ALONE: u8 = 1 << 7;
    const LEN: u8 = Stamp::BRACKETED - 1;

    fn pack(stamp: Option<LineStamp>) -> u8 {
        match stamp {
            Some(s) if s.len <= usize::from(Stamp::LEN) => {
                s.len as u8
                    | if s.bracketed { Stamp::BRACKETED } else { 0 }
                    | if s.alone { Stamp::ALONE } else { 0 }
            }
            _ => 0,
        }
    }
}

impl Item {
    fn segment(&self) -> Segment {
        Segment {
            file: 0,
            span: self.content,
            script: self.script,
        }
    }
}

/// How a sentence ends, for comparing a line with its translation.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ending {
    Question,
    Exclamation,
    Statement,
    Other,
}

/// How a line ends, behind closing quotes and brackets. Read from the line's last bytes: every
/// line of a file is looked at.
fn ending(text: &str) -> Ending {
    let mut b = text.as_bytes();
    loop {
        match b {
            [rest @ .., b'"' | b'\'' | b')' | b' '] => b = rest,
            // ” ’ (U+201D, U+2019), 」 』 (U+300D, U+300F), ） (U+FF09).
            [rest @ .., 0xE2, 0x80, 0x9D | 0x99]
            | [rest @ .., 0xE3, 0x80, 0x8D | 0x8F]
            | [rest @ .., 0xEF, 0xBC, 0x89] => b = rest,
            _ => break,
        }
    }
    match b {
        // ？ (U+FF1F), ！ (U+FF01), 。 (U+3002).
        [.., b'?'] | [.., 0xEF, 0xBC, 0x9F] => Ending::Question,
        [.., b'!'] | [.., 0xEF, 0xBC, 0x81] => Ending::Exclamation,
        [.., b'.'] | [.., 0xE3, 0x80, 0x82] => Ending::Statement,
        _ => Ending::Other,
    }
}

/// Latin words (2+ letters, lower-cased) and digit runs: what a translation carries over verbatim.
fn anchors(text: &str) -> Vec<String> {
    let mut out: Vec<String> = anchor_words(text).map(str::to_ascii_lowercase).collect();
    out.sort();
    out.dedup();
    out
}

/// Words of [`anchors`], not yet lower-cased or deduplicated: runs of ASCII letters and digits
/// two bytes or longer, and single digits.
fn anchor_words(text: &str) -> impl Iterator<Item = &str> {
    ascii_alnum_runs(text).filter(|w| w.len() >= 2 || w.as_bytes()[0].is_ascii_digit())
}

/// How many of the Chinese line's [`anchors`] the English line also has.
#[cfg(test)]
fn shared_anchors(zh: &str, en: &str) -> usize {
    ZhAnchors::of(zh).shared_with(en)
}

/// Most anchors of a Chinese line [`ZhAnchors`] holds on the stack.
const MAX_ZH_ANCHORS: usize = 64;

/// A Chinese line's [`anchors`], prepared once for the English lines it is compared with (a vote
/// compares it with both neighbours). Every window of the file asks, so
/// word hashes are compared on the stack instead of lower-cased word lists (which was a third
/// of parsing); a line with more anchors than the stack holds takes the list path.
struct ZhAnchors<'a> {
    zh: &'a str,
    /// Hashes ([`lowercase_word_hash`]) of the distinct anchors.
    hashes: [u64; MAX_ZH_ANCHORS],
    n: usize,
    /// Bit `len` (63 for any longer word) for each anchor length: an English word of another
    /// length is not hashed.
    lengths: u64,
    /// More anchors than `hashes` holds.
    overflow: bool,
}

/// [`ZhAnchors::lengths`]' bit of a word.
fn length_bit(w: &str) -> u64 {
    1u64 << w.len().min(63)
}

impl<'a> ZhAnchors<'a> {
    fn of(zh: &'a str) -> Self {
        let mut a = ZhAnchors {
            zh,
            hashes: [0; MAX_ZH_ANCHORS],
            n: 0,
            lengths: 0,
            overflow: false,
        };
        for w in anchor_words(zh) {
            a.lengths |= length_bit(w);
            let h = lowercase_word_hash(w);
            if a.hashes[..a.n].contains(&h) {
                continue;
            }
            if a.n == MAX_ZH_ANCHORS {
                a.overflow = true;
                break;
            }
            a.hashes[a.n] = h;
            a.n += 1;
        }
        a
    }

    /// How many of the anchors the English line `en` also has.
    fn shared_with(&self, en: &str) -> usize {
        if self.overflow {
            let za = anchors(self.zh);
            let ea = anchors(&en.to_ascii_lowercase());
            return za.iter().filter(|a| ea.binary_search(a).is_ok()).count();
        }
        if self.n == 0 {
            return 0;
        }
        let mut found = 0u64;
        for w in anchor_words(en) {
            if self.lengths & length_bit(w) == 0 {
                continue;
            }
            let h = lowercase_word_hash(w);
            if let Some(i) = self.hashes[..self.n].iter().position(|&x| x == h) {
                found |= 1 << i;
            }
        }
        found.count_ones() as usize
    }
}

/// A Chinese line as a vote compares it with its neighbours: its ending and anchors, found once.
struct ZhSide<'a> {
    item: &'a Item,
    ending: Ending,
    anchors: ZhAnchors<'a>,
}

impl<'a> ZhSide<'a> {
    fn of(text: &'a str, item: &'a Item) -> Self {
        let zt = &text[item.content.range()];
        ZhSide {
            item,
            ending: item.ending,
            anchors: ZhAnchors::of(zt),
        }
    }
}

/// How much a Chinese line looks like the translation of an English line, from evidence other
/// than position: matching sentence endings, shared names and numbers, plausible lengths.
fn affinity(text: &str, zh: &ZhSide<'_>, en: &Item) -> f32 {
    let et = &text[en.content.range()];
    let mut score = 0.0;
    let (ze, ee) = (zh.ending, en.ending);
    if ze == ee && ze != Ending::Other {
        score += 1.5;
    }
    score += 2.0 * zh.anchors.shared_with(et) as f32;
    let r = ((zh.item.chars + 2.0) / (LENGTH_RATIO * en.chars + 2.0)).ln();
    score - r * r
}

/// Windows of three lines that [`order_votes`] examines at most; a longer file is sampled at an
/// even stride and the count scaled back up.
///
/// The order is one decision per file, and a few hundred thousand windows settle it as surely
/// as millions: on a million-pair file, examining every window was a quarter of parsing. Files
/// up to this size (about 100,000 pairs) are counted in full, so their result is exact.
const MAX_VOTE_WINDOWS: usize = 200_000;

/// Each Chinese line between two English lines votes for the neighbour it resembles more:
/// positive totals mean "translation first".
fn order_votes(text: &str, items: &[Item]) -> i64 {
    order_votes_sampled(text, items, MAX_VOTE_WINDOWS)
}

/// [`order_votes`] examining about `max_windows` windows.
fn order_votes_sampled(text: &str, items: &[Item], max_windows: usize) -> i64 {
    let windows = items.len().saturating_sub(2);
    // Odd, so that both parities of window start are sampled: in an interleaved file only every
    // other window has a Chinese line between two English ones.
    let stride = windows.div_ceil(max_windows.max(1)).max(1) | 1;
    // Each window is independent: counted in parallel.
    let sampled: i64 = (0..windows)
        .into_par_iter()
        .step_by(stride)
        .map(|k| {
            let w = &items[k..k + 3];
            if w[0].script == Script::Latin
                && w[1].script == Script::Han
                && w[2].script == Script::Latin
            {
                let zh = ZhSide::of(text, &w[1]);
                let after = affinity(text, &zh, &w[2]);
                let before = affinity(text, &zh, &w[0]);
                if after > before + 0.25 {
                    return 1;
                } else if before > after + 0.25 {
                    return -1;
                }
            }
            0i64
        })
        .sum();
    sampled * stride as i64
}

/// How a line relates to the line after it in the chosen pairing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Link {
    /// Paired with the next line.
    Pair,
    /// Left alone.
    Alone,
}

/// Chinese characters per English character (non-space), a prior from human translations
/// (design notes §4: 0.28–0.38).
const LENGTH_RATIO: f32 = 0.35;

/// Bonus in 0..=4 for a length ratio that fits a translation: it tips the balance between the
/// two possible orders and between two ways of pairing an ambiguous stretch.
fn length_fit(target: &Item, source: &Item) -> f32 {
    let r = ((target.chars + 2.0) / (LENGTH_RATIO * source.chars + 2.0))
        .ln()
        .abs();
    (4.0 - 2.0 * r).max(0.0)
}

/// Bonus for a translation that ends as its original does (both questions, exclamations or
/// statements). It settles what the lengths leave open in a short file: a title without a full
/// stop before "Let's head out." / "我们出发吧。" is not the translation.
fn ending_fit(target: &Item, source: &Item) -> f32 {
    if target.ending == source.ending && target.ending != Ending::Other {
        1.0
    } else {
        0.0
    }
}

/// Score of pairing `a` (first slot) with `b` (second slot); `None` if they cannot be a pair.
fn pair_score(text: &str, a: &Item, b: &Item, order: Order) -> Option<f32> {
    if a.app_text || b.app_text {
        return None;
    }
    // Map the two slots to (target, source) scripts.
    let (target, source) = match order {
        Order::TargetFirst => (a, b),
        Order::SourceFirst => (b, a),
    };
    use Script::*;
    match (target.script, source.script) {
        (Han, Latin) => Some(10.0 + length_fit(target, source) + ending_fit(target, source)),
        (Han, Neutral) | (Neutral, Latin) => Some(6.0),
        (Neutral, Neutral) => Some(3.0),
        (Latin, Latin) => {
            let (t, s) = (&text[target.content.range()], &text[source.content.range()]);
            if copy_similarity_of_lines(t, s, COPY_THRESHOLD).is_some() {
                Some(9.0)
            } else if rewords(t, s) {
                Some(REWORDED_SCORE)
            } else {
                Some(2.0)
            }
        }
        // The translation pasted where the original belongs: a pair whose original is lost.
        (Han, Han) => {
            let (t, s) = (&text[target.content.range()], &text[source.content.range()]);
            copy_similarity(t, s, COPY_THRESHOLD).map(|_| 9.0)
        }
        _ => None,
    }
}

/// Score of a translation slot holding English that rewords the original beside it: above two
/// unrelated English lines (2), below a copy (9). In a run of three English lines, the two that
/// share their words are the pair, and the third is the line that lost its partner.
const REWORDED_SCORE: f32 = 5.0;

/// Least distinct words ([`anchors`]) of the slot line, and least share of them in the
/// original, for [`rewords`].
const REWORD_MIN_WORDS: usize = 4;
const REWORD_MIN_SHARE: f64 = 0.6;

/// Whether English `slot` rewords English `original`: most of its words are the original's
/// ("15 million tonnes of gas reached the stratosphere." beside "About 15 million tonnes of
/// gas went up into the stratosphere.").
fn rewords(slot: &str, original: &str) -> bool {
    let a = ZhAnchors::of(slot);
    a.n >= REWORD_MIN_WORDS && a.shared_with(original) as f64 >= REWORD_MIN_SHARE * a.n as f64
}

/// Best pairing of the whole file: maximise the summed pair scores, each line paired at most
/// once with its successor. Linear time and memory.
fn best_pairing(text: &str, items: &[Item], order: Order) -> (f64, Vec<Link>) {
    let n = items.len();
    // best(i): best score of items[i..], kept for i + 1 and i + 2 only; take[i]: whether
    // items[i] pairs with items[i+1].
    let (mut best_next, mut best_after) = (0f64, 0f64);
    let mut take = vec![false; n];
    for i in (0..n).rev() {
        let alone = best_next;
        let paired = if i + 1 < n {
            pair_score(text, &items[i], &items[i + 1], order).map(|s| best_after + f64::from(s))
        } else {
            None
        };
        let best = match paired {
            Some(p) if p >= alone => {
                take[i] = true;
                p
            }
            _ => alone,
        };
        best_after = best_next;
        best_next = best;
    }
    let total = best_next;
    let mut links = vec![Link::Alone; n];
    let mut i = 0;
    while i < n {
        if take[i] {
            links[i] = Link::Pair;
            i += 2;
        } else {
            i += 1;
        }
    }
    (total, links)
}

/// Pairs and strays from the chosen pairing of the dialogue lines (`links`) and the app-text
/// lines set aside (each with the number of dialogue lines before it), in file order.
fn build(
    file: SourceFile,
    items: &[Item],
    links: &[Link],
    app_text: &[(usize, Item)],
    order: Order,
) -> Document {
    let text = file.text.as_str();
    // Dialogue indices of the first paired line and of the last line of the last pair: lines
    // before or after them are header or footer.
    let first_pair = links.iter().position(|l| *l == Link::Pair);
    let last_pair = links.iter().rposition(|l| *l == Link::Pair).map(|k| k + 1);
    // At most one pair per link and per line left alone: sized once, never regrown (a doubling
    // of the largest vector of a big file).
    let linked = links.iter().filter(|l| **l == Link::Pair).count();
    let mut pairs = Vec::with_capacity(items.len() - linked + app_text.len());
    crate::pages::touch_spare_capacity(&mut pairs);
    let mut strays = Vec::new();
    // Once app text has begun the footer, the rest of it is the app's too: an "about" section's
    // sentences ("节目简介" / "《某节目》每周三更新，由某某主持。") have no partner by nature.
    let mut footer_begun = false;
    // Before the first pair, a sentence with app text after it is the header's too (an episode
    // blurb between "节目简介" and the date): dialogue never comes before the app's header. In
    // slots, the app-text lines standing before dialogue line `b` at `2b`, dialogue line `k` at
    // `2k + 1`: the last slot of the header that looks like app text.
    let looks_like_app =
        |content: &str| APP_TEXT_PATTERNS.weak.is_match(content) || !ends_sentence(content);
    let header_app_until = {
        let header_end = first_pair.unwrap_or(items.len());
        let dialogue = (0..header_end.min(items.len()))
            .rev()
            .find(|&k| looks_like_app(&text[items[k].content.range()]))
            .map(|k| 2 * k + 1);
        let set_aside = app_text
            .iter()
            .filter(|(before, _)| *before <= header_end)
            .map(|(before, _)| 2 * before)
            .max();
        dialogue.max(set_aside)
    };
    let mut unpaired =
        |item: &Item, slot: usize, in_header: bool, in_footer: bool, pairs: &mut Vec<Pair>| {
            let content = &text[item.content.range()];
            let (weak, sentence) = (
                APP_TEXT_PATTERNS.weak.is_match(content),
                ends_sentence(content),
            );
            let looks_like_app_text =
                weak || !sentence || header_app_until.is_some_and(|until| slot < until);
            // In the middle of the dialogue only a strong pattern, or a weak one on a line that is
            // not a sentence, makes app text; at the edges the shape of a title is enough.
            let app_shaped = item.app_text || (weak && !sentence);
            // After the last pair, a sentence is dialogue that lost its partner until app text has
            // begun the footer, even when it names the show ("That's all for this episode.").
            let kind = if in_header && (app_shaped || looks_like_app_text) {
                Some(StrayKind::Header)
            } else if in_footer && (app_shaped || !sentence || footer_begun) {
                footer_begun = true;
                Some(StrayKind::Footer)
            } else if app_shaped {
                Some(StrayKind::AppText(content.to_string()))
            } else {
                None
            };
            match kind {
                Some(kind) => strays.push(Stray {
                    segment: item.segment(),
                    kind,
                }),
                None => {
                    let seg = item.segment();
                    let is_target = seg.script == Script::Han;
                    pairs.push(Pair {
                        index: pairs.len(),
                        source: (!is_target).then_some(seg),
                        target: is_target.then_some(seg),
                        timed_by: None,
                    });
                }
            }
        };
    let mut app = app_text.iter().peekable();
    let mut k = 0;
    loop {
        // App text that stood before dialogue line k (or between the two lines of the pair
        // just built) comes first.
        while let Some((before, item)) = app.next_if(|(before, _)| *before <= k) {
            let in_header = first_pair.is_none_or(|f| *before <= f);
            let in_footer = last_pair.is_some_and(|l| *before > l);
            unpaired(item, 2 * before, in_header, in_footer, &mut pairs);
        }
        let Some(item) = items.get(k) else {
            break;
        };
        if links.get(k) == Some(&Link::Pair)
            && let Some(next) = items.get(k + 1)
        {
            let (a, b) = (item.segment(), next.segment());
            let (target, source) = match order {
                Order::TargetFirst => (a, b),
                Order::SourceFirst => (b, a),
            };
            pairs.push(Pair {
                index: pairs.len(),
                source: Some(source),
                target: Some(target),
                timed_by: None,
            });
            k += 2;
        } else {
            let in_header = first_pair.is_none_or(|f| k < f);
            let in_footer = last_pair.is_some_and(|l| k > l);
            unpaired(item, 2 * k + 1, in_header, in_footer, &mut pairs);
            k += 1;
        }
    }
    Document {
        files: vec![file],
        format: Format::Interleaved,
        order,
        pairs,
        strays,
        problems: Vec::new(),
        cues: Vec::new(),
        cue_lines: Vec::new(),
        independently_timed: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_fast_path_classifies_and_counts_as_the_general_one() {
        for t in [
            "Hello, world.",
            "2024 — 100%",
            "a\u{0B}b\u{0C}c d",
            "  ",
            "x",
            "Café",
            "好的",
        ] {
            let general = (
                classify(t),
                t.chars().filter(|c| !c.is_whitespace()).count(),
            );
            assert_eq!(classify_and_count(t), general, "{t:?}");
        }
    }

    #[test]
    fn sampled_votes_keep_the_order_of_a_long_file() {
        let mut translation_first = String::new();
        let mut original_first = String::new();
        for k in 0..400 {
            let (zh, en) = if k % 3 == 0 {
                (
                    format!("你有{k}个问题吗？"),
                    format!("Do you have {k} questions?"),
                )
            } else {
                (
                    format!("我们在第{k}站下车。"),
                    format!("We get off at stop {k}."),
                )
            };
            translation_first.push_str(&format!("{zh}\n{en}\n"));
            original_first.push_str(&format!("{en}\n{zh}\n"));
        }
        for (text, sign) in [(&translation_first, 1), (&original_first, -1)] {
            let items = scan(text).dialogue;
            let full = order_votes_sampled(text, &items, usize::MAX);
            assert!(full * sign > 0, "{full}");
            // Even and odd strides both see Chinese lines between English ones.
            for max in [10, 25, 40, 99, 200] {
                let sampled = order_votes_sampled(text, &items, max);
                assert!(sampled * sign > 0, "max {max}: {sampled} against {full}");
            }
        }
    }

    #[test]
    fn anchor_words_are_the_split_words() {
        fn by_split(t: &str) -> Vec<&str> {
            t.split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| w.len() >= 2 || w.bytes().all(|b| b.is_ascii_digit()) && !w.is_empty())
                .collect()
        }
        for t in [
            "",
            "a",
            "7",
            "我有3本书和一个iPhone 15。",
            "Tom's 2nd try: x y 42!",
            "é1 αβ Z9z 中a中 b",
            "ｆｕｌｌ１ 全角",
            "end with word",
            "  7  ",
        ] {
            assert_eq!(anchor_words(t).collect::<Vec<_>>(), by_split(t), "{t:?}");
        }
    }

    #[test]
    fn shared_anchors_agree_with_the_word_lists() {
        let many: String = (0..80).map(|i| format!("w{i} ")).collect();
        let cases = [
            (
                "我在 Google 用 GPT 4 写了 3 行",
                "I used GPT 4 at google to write 3 lines",
            ),
            ("没有名字。", "No names here."),
            ("iPhone 和 iphone", "The IPHONE."),
            (many.as_str(), many.as_str()),
            (many.as_str(), "w3 w70 w79 nothing"),
        ];
        for (zh, en) in cases {
            let za = anchors(zh);
            let ea = anchors(&en.to_ascii_lowercase());
            let expected = za.iter().filter(|a| ea.binary_search(a).is_ok()).count();
            assert_eq!(shared_anchors(zh, en), expected, "{zh:?} / {en:?}");
        }
    }

    fn doc(text: &str) -> Document {
        parse(SourceFile::new("t.txt", text.to_string()))
    }

    fn shape(d: &Document) -> Vec<String> {
        d.pairs
            .iter()
            .map(|p| {
                let t = p.target.map_or("-".to_string(), |s| d.text(&s).to_string());
                let s = p.source.map_or("-".to_string(), |s| d.text(&s).to_string());
                format!("{t} | {s}")
            })
            .collect()
    }

    #[test]
    fn timestamps_are_layout_not_text() {
        // Opening one side's lines, and alone on their lines: left out of the pairs.
        let d = doc(
            "[00:00:07] 我们出发吧。\nLet's head out.\n[00:00:12] 天快黑了。\nIt's getting dark.\n",
        );
        assert_eq!(
            shape(&d),
            [
                "我们出发吧。 | Let's head out.",
                "天快黑了。 | It's getting dark."
            ]
        );
        let d = doc("0:07\n我们出发吧。\nLet's head out.\n0:12\n天快黑了。\nIt's getting dark.\n");
        assert_eq!(d.pairs.len(), 2, "{:?}", shape(&d));
        assert!(d.strays.is_empty());
        // App text keeps its place among the lines that remain.
        let d = doc(
            "0:01\n我们出发吧。\nLet's head out.\n0:05\n点击展开全部字幕\n天快黑了。\nIt's getting dark.\n",
        );
        assert_eq!(d.pairs.len(), 2, "{:?}", shape(&d));
        assert_eq!(d.strays.len(), 1);
        assert!(d.strays[0].segment.span.start > d.pairs[0].source.unwrap().span.end);
        assert!(d.strays[0].segment.span.end < d.pairs[1].target.unwrap().span.start);
        // A sentence that begins with a time, in a file without timestamps, keeps it.
        let d = doc(
            "我们出发吧。\nLet's head out.\n天快黑了。\nIt's getting dark.\n等等我。\nWait for me.\n10:30 太晚了。\n10:30 is too late.\n我们得快点。\nWe should hurry.\n",
        );
        assert_eq!(shape(&d)[3], "10:30 太晚了。 | 10:30 is too late.");
    }

    #[test]
    fn pairs_clean_target_first_text() {
        let d = doc("我们出发吧。\nLet's head out.\n天快黑了。\nIt's getting dark.\n");
        assert_eq!(d.order, Order::TargetFirst);
        assert_eq!(
            shape(&d),
            [
                "我们出发吧。 | Let's head out.",
                "天快黑了。 | It's getting dark."
            ]
        );
        assert!(d.strays.is_empty());
    }

    #[test]
    fn detects_source_first_order() {
        let d = doc(
            "Let's head out before the storm arrives tonight.\n我们在今晚暴风雨来临前出发吧。\nIt's getting dark.\n天快黑了。\n",
        );
        assert_eq!(d.order, Order::SourceFirst);
        assert_eq!(shape(&d)[1], "天快黑了。 | It's getting dark.");
    }

    #[test]
    fn endings_settle_the_order_of_a_short_file_with_a_title_or_footer() {
        // The title's length fits "Let's head out." as well as the real translation does.
        let d = doc("山间小路\nLet's head out.\n我们出发吧。\n");
        assert_eq!(d.order, Order::SourceFirst);
        assert_eq!(shape(&d), ["我们出发吧。 | Let's head out."]);
        assert_eq!(d.strays.len(), 1);
        // An "about" label after two pairs is not the last line's translation.
        let d = doc(
            "谢谢各位来听。\nThanks for coming along, everybody.\n我们下回见。\nSee you next time.\n关于这个节目\n",
        );
        assert_eq!(d.order, Order::TargetFirst);
        assert_eq!(
            shape(&d),
            [
                "谢谢各位来听。 | Thanks for coming along, everybody.",
                "我们下回见。 | See you next time."
            ]
        );
    }

    #[test]
    fn an_about_section_and_a_generated_text_notice_are_app_text() {
        // After the footer's first app line, a sentence without a partner is the app's.
        let d =
            doc("我们出发吧。\nLet's head out.\n节目简介\n《海边日记》每周五更新，由两位主持。\n");
        assert_eq!(d.pairs.len(), 1);
        assert_eq!(d.strays.len(), 2);
        assert!(d.strays.iter().all(|s| s.kind == StrayKind::Footer));
        // Before any app line, it is a line that lost its translation.
        let d =
            doc("我们出发吧。\nLet's head out.\n《海边日记》每周五更新，由两位主持。\n节目简介\n");
        assert_eq!(d.pairs.len(), 2);
        // A notice that the text was generated, sentence or not.
        let d = doc("本文字稿由 AI 生成，经人工校对，仅供参考。\n我们出发吧。\nLet's head out.\n");
        assert_eq!(d.strays.len(), 1);
        assert_eq!(d.strays[0].kind, StrayKind::Header);
        let d = doc("本稿由平台自动转写，双语对照。\n我们出发吧。\nLet's head out.\n");
        assert_eq!(d.strays.len(), 1);
    }

    #[test]
    fn endings_are_read_behind_closing_quotes_and_brackets() {
        assert!(ending("他问：“走吗？”") == Ending::Question);
        assert!(ending("Really?' ") == Ending::Question);
        assert!(ending("（笑）好！") == Ending::Exclamation);
        assert!(ending("就这样。」") == Ending::Statement);
        assert!(ending("(and so on.)") == Ending::Statement);
        assert!(ending("一个标题") == Ending::Other);
        assert!(ending("") == Ending::Other);
        assert!(ending("”）") == Ending::Other);
    }

    #[test]
    fn header_footer_and_ui_line_are_strays_and_pairing_resyncs() {
        let text = "节目简介\n双语文稿\n我们出发吧。\nLet's head out.\n展开全部字幕(还有 2 条)\n天快黑了。\nIt's getting dark.\n快走。\nHurry.\n关于某某播客\n";
        let d = doc(text);
        assert_eq!(d.strays.len(), 4, "{:?}", d.strays);
        assert_eq!(d.pairs.len(), 3);
        assert!(
            d.pairs
                .iter()
                .all(|p| p.source.is_some() && p.target.is_some())
        );
        assert!(matches!(d.strays[2].kind, StrayKind::AppText(_)));
        assert_eq!(d.strays[3].kind, StrayKind::Footer);
    }

    #[test]
    fn ui_line_inside_a_pair_does_not_split_it() {
        let d = doc(
            "我们出发吧。\n展开全部字幕(还有 1 条)\nLet's head out.\n天快黑了。\nIt's getting dark.\n",
        );
        assert_eq!(shape(&d)[0], "我们出发吧。 | Let's head out.");
        assert_eq!(d.strays.len(), 1);
        assert_eq!(d.pairs.len(), 2);
    }

    #[test]
    fn missing_partner_costs_one_line() {
        let d =
            doc("我们出发吧。\nLet's head out.\nWait for me.\n天快黑了。\nIt's getting dark.\n");
        let s = shape(&d);
        assert_eq!(
            s,
            [
                "我们出发吧。 | Let's head out.",
                "- | Wait for me.",
                "天快黑了。 | It's getting dark."
            ]
        );
    }

    #[test]
    fn copied_originals_pair_with_themselves() {
        let d = doc(
            "我们出发吧。\nLet's head out.\nIt's getting dark.\nIt's getting dark.\nHurry.\nHurry.\n快走。\nGo.\n",
        );
        let s = shape(&d);
        assert_eq!(s[1], "It's getting dark. | It's getting dark.");
        assert_eq!(s[2], "Hurry. | Hurry.");
        assert_eq!(s.len(), 4);
    }

    #[test]
    fn a_chinese_line_twice_is_one_pair_missing_its_original() {
        let d = doc("我们出发吧。\nLet's head out.\n天快黑了。\n天快黑了。\n快走。\nHurry.\n");
        assert_eq!(shape(&d)[1], "天快黑了。 | 天快黑了。");
        assert_eq!(d.pairs.len(), 3);
    }

    #[test]
    fn blank_lines_crlf_and_bom_are_tolerated() {
        let d = doc(
            "\u{FEFF}我们出发吧。\r\n\r\nLet's head out.\r\n\r\n天快黑了。\r\nIt's getting dark.",
        );
        assert_eq!(
            shape(&d),
            [
                "我们出发吧。 | Let's head out.",
                "天快黑了。 | It's getting dark."
            ]
        );
    }

    /// The dialogue's spans and the app text's (dialogue lines before, span).
    fn shape_of(s: &Scanned) -> (Vec<Span>, Vec<(usize, Span)>) {
        (
            s.dialogue.iter().map(|i| i.content).collect(),
            s.app_text.iter().map(|(k, i)| (*k, i.content)).collect(),
        )
    }

    /// All of `text` scanned as one chunk.
    fn scanned_whole(text: &str) -> Scanned {
        let mut whole = Scanned::default();
        whole.append(&scan_range(text, 0, text.len()).0);
        whole
    }

    #[test]
    fn chunked_scan_equals_whole_scan() {
        let text = "我们出发吧。\r\nLet's head out.\n\n展开全部字幕（还有 12 条）\n天快黑了。\rIt's getting dark.\n快走。\nHurry.";
        let whole = scanned_whole(text);
        assert_eq!(whole.app_text.len(), 1);
        assert_eq!(whole.app_text[0].0, 2);
        for size in 1..text.len() + 2 {
            let bounds = chunk_bounds(text.as_bytes(), size);
            assert_eq!(bounds.first(), Some(&0));
            assert_eq!(bounds.last(), Some(&text.len()));
            let mut chunked = Scanned::default();
            for w in bounds.windows(2) {
                assert!(w[0] < w[1]);
                let (items, app) = scan_range(text, w[0], w[1]);
                assert_eq!(app, items.iter().filter(|i| i.app_text).count());
                chunked.append(&items);
            }
            assert_eq!(shape_of(&chunked), shape_of(&whole), "chunk size {size}");
        }
    }

    #[test]
    fn a_big_text_scanned_in_parallel_sets_app_text_aside_in_place() {
        let unit = "我们出发吧。\nLet's head out.\n展开全部字幕（还有 12 条）\n天快黑了。\nIt's getting dark.\n";
        let mut text = String::new();
        while text.len() < 3 * SCAN_CHUNK {
            text.push_str(unit);
            // Chunks without app text are joined whole.
            for _ in 0..20_000 {
                text.push_str("快走。\nHurry.\n");
            }
        }
        assert!(chunk_bounds(text.as_bytes(), SCAN_CHUNK).len() > 3);
        let scanned = scan(&text);
        assert!(scanned.app_text.len() >= 3);
        assert_eq!(shape_of(&scanned), shape_of(&scanned_whole(&text)));
    }

    #[test]
    fn empty_and_odd_inputs_do_not_panic() {
        for t in [
            "",
            "\u{FEFF}",
            "\n\n\n",
            "中",
            "a",
            "\r",
            "中\nb\n中\n中\n中",
        ] {
            let _ = doc(t);
        }
    }
}
