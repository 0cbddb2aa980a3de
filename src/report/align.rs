//! `translint align`: the pairing as a reviewer wants to see it — each pair's length fit, the
//! suspect regions, and the repair proposed for each.

use crate::align::Analysis;
use crate::align::dp::{Bead, Finding, ShiftKind};
use crate::model::{Document, Segment};
use serde::Serialize;
use std::io::{self, Write};

/// One pair's row.
#[derive(Serialize)]
struct Row<'a> {
    pair: usize,
    line: usize,
    en_len: f64,
    zh_len: f64,
    delta: Option<f64>,
    suspect: bool,
    source: &'a str,
    target: &'a str,
}

/// One suspect region and its repair.
#[derive(Serialize)]
struct Region {
    kind: &'static str,
    first_pair: usize,
    last_pair: usize,
    first_line: usize,
    last_line: usize,
    gain: f64,
    anchor_confirmed: bool,
    repair: String,
}

#[derive(Serialize)]
struct AlignReport<'a> {
    path: &'a str,
    pairs: usize,
    model: Model,
    rows: Vec<Row<'a>>,
    regions: Vec<Region>,
}

#[derive(Serialize)]
struct Model {
    c: f64,
    s2: f64,
}

fn line_of(doc: &Document, seg: Option<Segment>) -> usize {
    seg.map_or(0, |s| doc.file(s.file).line_col(s.span.start).0)
}

fn pair_line(doc: &Document, k: usize) -> usize {
    let p = &doc.pairs[k];
    let t = line_of(doc, p.target);
    let s = line_of(doc, p.source);
    match (t, s) {
        (0, s) => s,
        (t, 0) => t,
        (t, s) => t.min(s),
    }
}

fn regions(doc: &Document, a: &Analysis) -> Vec<Region> {
    a.findings
        .iter()
        .zip(&a.confirmed)
        .map(|(f, &confirmed)| {
            let (kind, first, last, gain, repair) = match f {
                Finding::Swap { at, gain } => (
                    "swap",
                    *at,
                    at + 1,
                    *gain,
                    format!("swap the translations of pairs {} and {}", at + 1, at + 2),
                ),
                Finding::Split { at, gain } => (
                    "split",
                    *at,
                    at + 1,
                    *gain,
                    format!("merge pairs {} and {}", at + 1, at + 2),
                ),
                Finding::Shift {
                    start,
                    end,
                    kind,
                    gain,
                    repair,
                } => {
                    // An empty slot is no line to name (as in `alignment-shift`'s help): the
                    // line without a partner is the one the repair leaves alone with text.
                    let holds_text = |seg: Option<crate::model::Segment>| {
                        seg.is_some_and(|x| !x.span.is_empty())
                    };
                    let moves: Vec<String> = repair
                        .iter()
                        .filter(|s| s.bead != Bead::OneOne)
                        .filter(|s| match s.bead {
                            Bead::OneZero => {
                                holds_text(doc.pairs.get(s.en.start).and_then(|p| p.source))
                            }
                            Bead::ZeroOne => {
                                holds_text(doc.pairs.get(s.zh.start).and_then(|p| p.target))
                            }
                            _ => true,
                        })
                        .map(|s| match s.bead {
                            Bead::OneZero => {
                                format!("English of pair {} has no translation", s.en.start + 1)
                            }
                            Bead::ZeroOne => {
                                format!("Chinese of pair {} has no original", s.zh.start + 1)
                            }
                            Bead::Swap => {
                                format!("swap pairs {} and {}", s.en.start + 1, s.en.start + 2)
                            }
                            other => format!(
                                "{other:?}: English pairs {}–{} with Chinese pairs {}–{}",
                                s.en.start + 1,
                                s.en.end,
                                s.zh.start + 1,
                                s.zh.end
                            ),
                        })
                        .collect();
                    let direction = match kind {
                        ShiftKind::Dropped => "translations belong to the next pair",
                        ShiftKind::Inserted => "translations belong to the previous pair",
                    };
                    (
                        "shift",
                        *start,
                        end.saturating_sub(1).max(*start),
                        *gain,
                        if moves.is_empty() {
                            // Every line of the repair is paired (the lines left over are empty
                            // slots): nothing to name but the direction.
                            format!("{direction}; re-pair the lines one step over")
                        } else {
                            format!(
                                "{direction}; {}; re-pair the rest one step over",
                                moves.join("; ")
                            )
                        },
                    )
                }
            };
            Region {
                kind,
                first_pair: first + 1,
                last_pair: last + 1,
                first_line: pair_line(doc, first),
                last_line: pair_line(doc, last.min(doc.pairs.len().saturating_sub(1))),
                gain,
                anchor_confirmed: confirmed,
                repair,
            }
        })
        .collect()
}

fn shorten(text: &str, n: usize) -> String {
    let mut s: String = text.chars().take(n).collect();
    if text.chars().count() > n {
        s.push('…');
    }
    s
}

/// Render the alignment of one document as text. `all` prints every pair; otherwise only the
/// suspect ones (|δ| > 2.5 or inside a region).
pub fn render(out: &mut dyn Write, doc: &Document, a: &Analysis, all: bool) -> io::Result<()> {
    let regions = regions(doc, a);
    // Which pairs a region covers, marked once: asking every region for every pair was
    // quadratic (a million pairs with 10,000 regions: 8 s).
    let mut covered = vec![false; doc.pairs.len()];
    for r in &regions {
        let (first, last) = (
            r.first_pair.saturating_sub(1),
            r.last_pair.min(covered.len()),
        );
        if let Some(marks) = covered.get_mut(first..last) {
            marks.fill(true);
        }
    }
    let in_region = |k: usize| covered.get(k).copied().unwrap_or(false);
    writeln!(
        out,
        "{}: {} pairs; length model: Chinese ≈ {:.3} × English + 2.5 characters, s² = {:.3}",
        doc.path(),
        doc.pairs.len(),
        a.model.c,
        a.model.s2
    )?;
    writeln!(
        out,
        "{:>6} {:>6} {:>5} {:>5} {:>7}  text",
        "pair", "line", "en", "zh", "δ"
    )?;
    for (k, p) in doc.pairs.iter().enumerate() {
        let lengths = crate::align::pair_lengths(doc, p);
        let delta = a.delta(lengths);
        let suspect = in_region(k)
            || delta.is_some_and(|d| d.abs() > 2.5)
            || p.source.is_none()
            || p.target.is_none();
        if !all && !suspect {
            continue;
        }
        let zh = p
            .target
            .map_or("—".to_string(), |s| shorten(doc.text(&s), 24));
        let en = p
            .source
            .map_or("—".to_string(), |s| shorten(doc.text(&s), 48));
        writeln!(
            out,
            "{:>6} {:>6} {:>5.0} {:>5.0} {:>7} {} {zh} | {en}",
            k + 1,
            pair_line(doc, k),
            lengths.0,
            lengths.1,
            delta.map_or("-".into(), |d| format!("{d:+.1}")),
            if suspect { "!" } else { " " },
        )?;
    }
    if regions.is_empty() {
        writeln!(
            out,
            "no suspect regions: every pair fits its neighbours best as given"
        )?;
    } else {
        writeln!(out, "suspect regions:")?;
        for r in &regions {
            writeln!(
                out,
                "  {} at lines {}–{} (pairs {}–{}): {} — gain {:.0} (e^{:.1} times likelier){}",
                r.kind,
                r.first_line,
                r.last_line,
                r.first_pair,
                r.last_pair,
                r.repair,
                r.gain,
                r.gain / 100.0,
                if r.anchor_confirmed {
                    ", confirmed by anchors"
                } else {
                    ""
                }
            )?;
        }
    }
    Ok(())
}

/// Render the alignment of one document as JSON.
pub fn render_json(out: &mut dyn Write, doc: &Document, a: &Analysis) -> io::Result<()> {
    let rows = doc
        .pairs
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let (en_len, zh_len) = crate::align::pair_lengths(doc, p);
            Row {
                pair: k + 1,
                line: pair_line(doc, k),
                en_len,
                zh_len,
                delta: a.delta((en_len, zh_len)),
                suspect: a.in_finding(k),
                source: p.source.map_or("", |s| doc.text(&s)),
                target: p.target.map_or("", |s| doc.text(&s)),
            }
        })
        .collect();
    let report = AlignReport {
        path: doc.path(),
        pairs: doc.pairs.len(),
        model: Model {
            c: a.model.c,
            s2: a.model.s2,
        },
        rows,
        regions: regions(doc, a),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}
