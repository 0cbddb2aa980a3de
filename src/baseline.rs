//! Baselines: record today's findings so that CI reports only new ones.
//!
//! A finding is keyed by (path, rule, hash of its pair's normalised text) — not by line number —
//! so that editing elsewhere in the file does not invalidate the baseline, while changing the
//! pair itself does (then it is a new finding). The normalised text is the pair's source and
//! target with white space collapsed; the hash is FNV-1a 64, implemented here so that it is the
//! same on every platform, build and run (std's hasher is randomised).

use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::model::{Document, FileId, Span};
use crate::report::FileReport;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// The file format's version.
pub const VERSION: u32 = 1;

/// FNV-1a, 64-bit (Fowler, Noll, Vo).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Collapse runs of white space to one space and trim.
fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn contains(line: Span, at: usize) -> bool {
    line.start <= at && at <= line.end
}

/// Finds the text each finding is anchored to: its pair's source and target, else its stray
/// line, else its physical line. Indexed once per document (binary search per finding), so a
/// file with many pairs and findings stays linear-logarithmic.
pub struct Anchors<'a> {
    doc: &'a Document,
    /// (file, line span, pair index or `usize::MAX - stray index`), sorted.
    lines: Vec<(FileId, Span, usize)>,
}

impl<'a> Anchors<'a> {
    /// Index a document's pair and stray lines.
    pub fn new(doc: &'a Document) -> Self {
        let mut lines = Vec::new();
        for (i, pair) in doc.pairs.iter().enumerate() {
            for s in [pair.source, pair.target].into_iter().flatten() {
                lines.push((s.file, doc.line_of(&s), i));
            }
        }
        for (i, stray) in doc.strays.iter().enumerate() {
            lines.push((
                stray.segment.file,
                doc.line_of(&stray.segment),
                usize::MAX - i,
            ));
        }
        lines.sort_by_key(|&(f, l, _)| (f, l.start, l.end));
        Anchors { doc, lines }
    }

    /// The normalised anchor text of a finding.
    pub fn text(&self, d: &Diagnostic) -> String {
        let doc = self.doc;
        let at = d.span.start;
        // The last indexed line starting at or before `at` in the finding's file.
        let idx = self
            .lines
            .partition_point(|&(f, l, _)| (f, l.start) <= (d.file, at));
        let hit = idx
            .checked_sub(1)
            .map(|i| self.lines[i])
            .filter(|&(f, l, _)| f == d.file && contains(l, at));
        match hit {
            Some((_, _, i)) if i < doc.pairs.len() => {
                let pair = &doc.pairs[i];
                let text = |s: Option<crate::model::Segment>| {
                    s.map_or(String::new(), |s| normalise(doc.text(&s)))
                };
                format!("{}\u{1f}{}", text(pair.source), text(pair.target))
            }
            Some((_, _, i)) => doc
                .strays
                .get(usize::MAX - i)
                .map_or(String::new(), |s| normalise(doc.text(&s.segment))),
            None => {
                let f = &doc.file(d.file);
                normalise(&f.text[f.line_span(f.line_index(at.min(f.text.len()))).range()])
            }
        }
    }

    /// The baseline key of a finding.
    pub fn key(&self, d: &Diagnostic) -> Key {
        (
            crate::walk::normal_path(&self.doc.file(d.file).path),
            d.rule.to_string(),
            fnv1a64(self.text(d).as_bytes()),
        )
    }
}

/// One finding's key: path, rule, hash of the anchor text.
pub type Key = (String, String, u64);

/// Recorded findings with their multiplicity.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Baseline {
    /// Key → how many findings had it.
    pub entries: BTreeMap<Key, usize>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Entry {
    path: String,
    rule: String,
    hash: String,
    count: usize,
}

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FileFormat {
    version: u32,
    entries: Vec<Entry>,
}

/// What applying a baseline did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Findings hidden because they were recorded.
    pub hidden: usize,
    /// Recorded findings (of checked files) that no longer occur.
    pub stale: usize,
    /// The baseline without its stale entries, for `--prune-baseline`.
    pub pruned: Baseline,
}

impl Baseline {
    /// Record every finding of a run.
    pub fn of(reports: &[FileReport]) -> Baseline {
        let mut b = Baseline::default();
        for r in reports {
            let anchors = Anchors::new(&r.doc);
            for d in &r.diagnostics {
                *b.entries.entry(anchors.key(d)).or_default() += 1;
            }
        }
        b
    }

    /// Read a baseline file.
    pub fn load(path: &Path) -> Result<Baseline> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        let bad = |message: String| Error::Config {
            location: path.display().to_string(),
            message,
        };
        let file: FileFormat = serde_json::from_str(&text)
            .map_err(|e| bad(format!("not a translint baseline: {e}")))?;
        if file.version != VERSION {
            return Err(bad(format!(
                "baseline version {} is not {VERSION}",
                file.version
            )));
        }
        let mut b = Baseline::default();
        for e in file.entries {
            let hash = u64::from_str_radix(&e.hash, 16)
                .map_err(|_| bad(format!("bad hash `{}`", e.hash)))?;
            *b.entries
                .entry((crate::walk::normal_path(&e.path), e.rule, hash))
                .or_default() += e.count;
        }
        Ok(b)
    }

    /// The file's text (sorted, so that it diffs well).
    pub fn to_json(&self) -> String {
        let file = FileFormat {
            version: VERSION,
            entries: self
                .entries
                .iter()
                .map(|((path, rule, hash), &count)| Entry {
                    path: path.clone(),
                    rule: rule.clone(),
                    hash: format!("{hash:016x}"),
                    count,
                })
                .collect(),
        };
        let mut s = serde_json::to_string_pretty(&file).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Write the baseline file.
    pub fn save(&self, path: &Path) -> Result<()> {
        std::fs::write(path, self.to_json()).map_err(|source| Error::Write {
            path: path.display().to_string(),
            source,
        })
    }

    /// Remove recorded findings from `reports`; count what was hidden and what is stale.
    pub fn apply(&self, reports: &mut [FileReport]) -> Outcome {
        let mut left = self.entries.clone();
        let mut hidden = 0;
        let mut checked: HashSet<String> = HashSet::new();
        for r in reports.iter_mut() {
            checked.extend(
                r.doc
                    .files
                    .iter()
                    .map(|f| crate::walk::normal_path(&f.path)),
            );
            let anchors = Anchors::new(&r.doc);
            r.diagnostics
                .retain(|d| match left.get_mut(&anchors.key(d)) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        hidden += 1;
                        false
                    }
                    _ => true,
                });
        }
        let mut stale = 0;
        let mut pruned = Baseline::default();
        for (k, &recorded) in &self.entries {
            let unused = left.get(k).copied().unwrap_or(0);
            if checked.contains(&k.0) {
                stale += unused;
                if recorded > unused {
                    pruned.entries.insert(k.clone(), recorded - unused);
                }
            } else {
                pruned.entries.insert(k.clone(), recorded);
            }
        }
        Outcome {
            hidden,
            stale,
            pruned,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::config::Settings;

    fn run(text: &str) -> Vec<FileReport> {
        let s = Settings::default();
        let rules = s.active_rules().unwrap();
        vec![crate::check_text(
            "a.txt",
            text.to_string(),
            &Default::default(),
            &s,
            &rules,
        )]
    }

    #[test]
    fn fnv_known_values() {
        assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x85944171f73967e8);
    }

    const BEFORE: &str = "我们今天讨论面包。\nToday we talk about bread.\n它只保留了 essentials。\nIt keeps only the essentials.\n";

    #[test]
    fn survives_edits_elsewhere_and_catches_new_findings() {
        let old = run(BEFORE);
        assert_eq!(old[0].diagnostics.len(), 1, "{:?}", old[0].diagnostics);
        let b = Baseline::of(&old);
        let reloaded = Baseline::load(&{
            let p = std::env::temp_dir()
                .join(format!("translint-baseline-{}.json", std::process::id()));
            b.save(&p).unwrap();
            p
        })
        .unwrap();
        assert_eq!(reloaded, b);
        // A pair added above moves the finding down two lines: still hidden.
        let moved = format!("开场白在这里。\nHere is the opening.\n{BEFORE}");
        let mut reports = run(&moved);
        let o = b.apply(&mut reports);
        assert_eq!((o.hidden, o.stale), (1, 0));
        assert!(reports[0].diagnostics.is_empty());
        // Editing the finding's own pair makes it new, and the old entry stale.
        let edited = BEFORE.replace("It keeps only", "It keeps just");
        let mut reports = run(&edited);
        let o = b.apply(&mut reports);
        assert_eq!((o.hidden, o.stale), (0, 1));
        assert_eq!(reports[0].diagnostics.len(), 1);
        assert!(o.pruned.entries.is_empty());
    }
}
