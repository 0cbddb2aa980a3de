//! Synthetic bilingual corpus: word templates written for this generator (never real data),
//! with a few per mille of every defect translint looks for. Shared by `examples/gen_corpus.rs`
//! and the benchmarks.
#![allow(dead_code)]

use std::io::{self, Write};

/// xorshift64*: tiny, deterministic, good enough for picking words.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// True with probability `per_mille`/1000.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.next() % 1000 < per_mille
    }
}

const SUBJECTS: &[(&str, &str)] = &[
    ("We", "我们"),
    ("My sister", "我姐姐"),
    ("The team", "团队"),
    ("Our neighbours", "我们的邻居"),
    ("The teacher", "老师"),
    ("Everyone in the village", "村里的每个人"),
    ("The old farmer", "老农夫"),
    ("Two students", "两个学生"),
];

const VERBS: &[(&str, &str)] = &[
    ("carried", "搬了"),
    ("painted", "粉刷了"),
    ("counted", "数了"),
    ("repaired", "修好了"),
    ("cleaned", "打扫了"),
    ("checked", "检查了"),
    ("moved", "挪了"),
    ("bought", "买了"),
];

const OBJECTS: &[(&str, &str)] = &[
    ("boxes", "个箱子"),
    ("chairs", "把椅子"),
    ("windows", "扇窗户"),
    ("bicycles", "辆自行车"),
    ("lamps", "盏灯"),
    ("baskets", "个篮子"),
    ("tables", "张桌子"),
    ("doors", "扇门"),
];

const TIMES: &[(&str, &str)] = &[
    ("yesterday morning", "昨天早上"),
    ("last week", "上周"),
    ("after lunch", "午饭后"),
    ("before the storm", "暴风雨来之前"),
    ("on Sunday", "星期天"),
    ("late at night", "深夜"),
];

const REASONS: &[(&str, &str)] = &[
    ("because the market opens early", "因为市场开门很早"),
    ("so that the hall would be ready", "好让大厅准备就绪"),
    ("although it was raining hard", "尽管雨下得很大"),
    ("while the children were asleep", "趁孩子们睡着的时候"),
    ("and nobody complained about it", "而且没有人抱怨"),
    ("since the old ones were broken", "因为旧的已经坏了"),
];

/// Common English words pasted into Chinese (the `untranslated-fragment` defect).
const LEFTOVERS: &[&str] = &["actually", "basically", "really", "essentials", "anyway"];

/// App text a scraper leaves between lines (the `stray-line` defect), written for this tool.
const UI_LINES: &[&str] = &["展开全部字幕(还有 3 条)", "Show more", "Download the app"];

/// One clean pair: (English, Chinese).
fn sentence(rng: &mut Rng) -> (String, String, u32) {
    let (se, sz) = rng.pick(SUBJECTS);
    let (ve, vz) = rng.pick(VERBS);
    let (oe, oz) = rng.pick(OBJECTS);
    let (te, tz) = rng.pick(TIMES);
    let (re, rz) = rng.pick(REASONS);
    let n = 2 + rng.below(98) as u32;
    (
        format!("{se} {ve} {n} {oe} {te}, {re}."),
        format!("{sz}{tz}{vz}{n}{oz}，{rz}。"),
        n,
    )
}

/// What a generated pair looks like after defects are applied.
pub enum Entry {
    /// English and Chinese.
    Pair(String, String),
    /// One side only (a missing line).
    Only(String),
    /// App interface text.
    Ui(&'static str),
}

/// Generate `n` pairs (plus UI lines) with defects at roughly `rate` per mille each.
pub fn generate(n: usize, seed: u64, rate: u64) -> Vec<Entry> {
    let mut rng = Rng(seed.max(1));
    let mut out = Vec::with_capacity(n + n / 50);
    let mut i = 0;
    while i < n {
        let (en, mut zh, num) = sentence(&mut rng);
        // Defects, each at `rate` per mille.
        if rng.chance(rate) {
            zh = en.clone(); // English copied into the Chinese slot
        } else if rng.chance(rate) {
            let w = rng.pick(LEFTOVERS);
            zh = zh.replacen('，', &format!("，{w} "), 1); // English word inside Chinese
        } else if rng.chance(rate) {
            zh = zh.replace('，', ","); // ASCII comma in Chinese
        } else if rng.chance(rate) {
            zh = zh.replacen(&num.to_string(), &(num + 1).to_string(), 1); // number changed
        }
        if rng.chance(rate) {
            out.push(Entry::Ui(UI_LINES[rng.below(UI_LINES.len())]));
        }
        if rng.chance(rate) && i + 1 < n {
            // Swapped adjacent translations.
            let (en2, zh2, _) = sentence(&mut rng);
            out.push(Entry::Pair(en, zh2));
            out.push(Entry::Pair(en2, zh));
            i += 2;
            continue;
        }
        if rng.chance(rate) {
            // A missing line: one side only.
            out.push(Entry::Only(if rng.chance(500) { en } else { zh }));
        } else {
            out.push(Entry::Pair(en, zh));
        }
        i += 1;
    }
    out
}

fn srt_time(ms: u64) -> String {
    format!(
        "{:02}:{:02}:{:02},{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

/// A generated line broken into subtitle lines: Chinese every 16 characters, other text at
/// spaces within 42 characters (two lines, now and then three).
fn wrap(line: &str) -> Vec<String> {
    let chinese = line.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
    let mut lines: Vec<String> = Vec::new();
    if chinese {
        let chars: Vec<char> = line.chars().collect();
        lines.extend(chars.chunks(16).map(|c| c.iter().collect()));
    } else {
        for word in line.split(' ') {
            match lines.last_mut() {
                Some(last) if last.len() + 1 + word.len() <= 42 => {
                    last.push(' ');
                    last.push_str(word);
                }
                _ => lines.push(word.to_string()),
            }
        }
    }
    lines
}

pub fn write(out: &mut impl Write, entries: &[Entry], format: &str) -> io::Result<()> {
    match format {
        "interleaved" => {
            for e in entries {
                match e {
                    Entry::Pair(en, zh) => writeln!(out, "{zh}\n{en}")?,
                    Entry::Only(line) => writeln!(out, "{line}")?,
                    Entry::Ui(line) => writeln!(out, "{line}")?,
                }
            }
        }
        "tsv" => {
            for e in entries {
                match e {
                    Entry::Pair(en, zh) => writeln!(out, "{en}\t{zh}")?,
                    Entry::Only(line) => writeln!(out, "{line}\t")?,
                    Entry::Ui(line) => writeln!(out, "{line}\t{line}")?,
                }
            }
        }
        "srt" => {
            let mut t = 1000u64;
            for (i, e) in entries.iter().enumerate() {
                writeln!(out, "{}\n{} --> {}", i + 1, srt_time(t), srt_time(t + 2400))?;
                match e {
                    Entry::Pair(en, zh) => writeln!(out, "{zh}\n{en}\n")?,
                    Entry::Only(line) => writeln!(out, "{line}\n")?,
                    Entry::Ui(line) => writeln!(out, "{line}\n")?,
                }
                t += 2500;
            }
        }
        "srt-wrapped" => {
            // As a subtitler cuts them: lines broken within the layout limits (42 English, 16
            // Chinese characters), each cue on screen for 5 s.
            let mut t = 1000u64;
            for (i, e) in entries.iter().enumerate() {
                writeln!(out, "{}\n{} --> {}", i + 1, srt_time(t), srt_time(t + 5000))?;
                let lines = match e {
                    Entry::Pair(en, zh) => [wrap(zh), wrap(en)].concat(),
                    Entry::Only(line) => wrap(line),
                    Entry::Ui(line) => vec![line.to_string()],
                };
                writeln!(out, "{}\n", lines.join("\n"))?;
                t += 5200;
            }
        }
        other => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("unknown format {other}"),
            ));
        }
    }
    Ok(())
}

/// The corpus as one string, for benchmarks and tests.
pub fn text(n: usize, seed: u64, rate: u64, format: &str) -> String {
    let mut buf = Vec::new();
    // Writing into a Vec cannot fail, and the formats are the ones this module knows.
    if write(&mut buf, &generate(n, seed, rate), format).is_err() {
        return String::new();
    }
    String::from_utf8(buf).unwrap_or_default()
}
