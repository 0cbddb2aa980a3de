//! Turning the paths a user gives into the files to check.

use crate::error::{Error, Result};
use std::path::Path;

/// File extensions checked when a directory is walked.
pub const EXTENSIONS: &[&str] = &["txt", "srt", "vtt", "tsv", "jsonl"];

/// Expand directories (recursively, sorted, for reproducible output) into files with a known
/// extension; files named explicitly are always kept. Unreadable directories become errors in
/// the returned list so the other paths are still checked.
pub fn expand(paths: &[String]) -> Vec<Result<String>> {
    let mut out = Vec::new();
    for p in paths {
        if p == "-" || !Path::new(p).is_dir() {
            out.push(Ok(p.clone()));
        } else {
            walk_dir(Path::new(p), &mut out);
        }
    }
    out
}

fn walk_dir(dir: &Path, out: &mut Vec<Result<String>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            out.push(Err(Error::Io {
                path: dir.display().to_string(),
                source,
            }));
            return;
        }
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let is_hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if is_hidden {
            continue;
        }
        // Do not follow symlinked directories: no loops.
        let is_dir = std::fs::symlink_metadata(&path)
            .map(|m| m.is_dir())
            .unwrap_or(false);
        if is_dir {
            walk_dir(&path, out);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(Ok(path.display().to_string()));
        }
    }
}

/// What one check runs on: a file, or an original and its translation in two files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// One file (bilingual, or a corpus format).
    One(String),
    /// Two parallel files; the source (English) first.
    Two {
        /// The original.
        source: String,
        /// The translation.
        target: String,
    },
}

/// Which side a language tag in a file name stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Source,
    Target,
}

/// `en`, `eng`, `en-us`, `en_GB` are originals; `zh`, `zh-cn`, `zh-Hans`, `zh_TW`, `chs`, `cht`,
/// `cn`, `zho`, `chi` are translations. Compared case-insensitively.
fn side_of(tag: &str) -> Option<Side> {
    let t = tag.to_ascii_lowercase().replace('_', "-");
    let mut parts = t.split('-');
    let lang = parts.next()?;
    let rest: Vec<&str> = parts.collect();
    let region_ok = rest
        .iter()
        .all(|p| (2..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    if !region_ok || rest.len() > 2 {
        return None;
    }
    match lang {
        "en" | "eng" | "english" => Some(Side::Source),
        "zh" | "zho" | "chi" | "cmn" | "chinese" => Some(Side::Target),
        "chs" | "cht" | "cn" if rest.is_empty() => Some(Side::Target),
        _ => None,
    }
}

/// The path with its language tag replaced by a placeholder, and the side the tag names. The tag is
/// a dot-separated part of the file name (`talk.en.srt`, `en.vtt.1`) or, failing that, a directory
/// (`en-us/talk.srt`); the part closest to the file name wins.
fn sibling_key(path: &str) -> Option<(String, Side)> {
    let comps: Vec<&str> = path.split(['/', '\\']).collect();
    let (name, dirs) = comps.split_last()?;
    let pieces: Vec<&str> = name.split('.').collect();
    let searchable = if pieces.len() > 1 {
        pieces.len() - 1
    } else {
        0
    };
    for k in (0..searchable).rev() {
        if let Some(side) = side_of(pieces[k]) {
            let mut p = pieces.clone();
            p[k] = "\u{0}";
            let mut c: Vec<String> = dirs.iter().map(|d| d.to_string()).collect();
            c.push(p.join("."));
            return Some((c.join("/"), side));
        }
    }
    for k in (0..dirs.len()).rev() {
        if let Some(side) = side_of(dirs[k]) {
            let mut c: Vec<&str> = comps.clone();
            c[k] = "\u{0}";
            return Some((c.join("/"), side));
        }
    }
    None
}

/// Pair siblings among the paths: `NAME.en.EXT` with `NAME.zh.EXT` (any tag `side_of` knows, in
/// the file name or a directory). A pair forms only when its key has exactly one original and one
/// translation; everything else is checked on its own. Order follows the first path of each input.
pub fn pair_siblings(paths: Vec<String>) -> Vec<Input> {
    use std::collections::HashMap;
    let keys: Vec<Option<(String, Side)>> = paths
        .iter()
        .map(|p| if p == "-" { None } else { sibling_key(p) })
        .collect();
    let mut groups: HashMap<&str, (Vec<usize>, Vec<usize>)> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        if let Some((key, side)) = k {
            let g = groups.entry(key.as_str()).or_default();
            match side {
                Side::Source => g.0.push(i),
                Side::Target => g.1.push(i),
            }
        }
    }
    let mut partner: Vec<Option<usize>> = vec![None; paths.len()];
    for (s, t) in groups.values() {
        if let ([s], [t]) = (s.as_slice(), t.as_slice()) {
            partner[*s] = Some(*t);
            partner[*t] = Some(*s);
        }
    }
    let mut out = Vec::new();
    let mut done = vec![false; paths.len()];
    for i in 0..paths.len() {
        if done[i] {
            continue;
        }
        done[i] = true;
        match partner[i] {
            Some(j) => {
                done[j] = true;
                let (s, t) = match keys[i] {
                    Some((_, Side::Source)) => (i, j),
                    _ => (j, i),
                };
                out.push(Input::Two {
                    source: paths[s].clone(),
                    target: paths[t].clone(),
                });
            }
            None => out.push(Input::One(paths[i].clone())),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(p: &str) -> Input {
        Input::One(p.into())
    }

    fn two(s: &str, t: &str) -> Input {
        Input::Two {
            source: s.into(),
            target: t.into(),
        }
    }

    #[test]
    fn pairs_siblings_by_file_name_tag_and_directory() {
        let paths = [
            "d/talk.zh-CN.srt",
            "notes.txt",
            "d/talk.en.srt",
            "v/en.vtt.1",
            "v/zh-cn.vtt.1",
            "s/en-us/x.srt",
            "s/zh-hans/x.srt",
            "s/en-us/y.srt",
            "a.en_US.txt",
            "a.zh_Hant.txt",
        ];
        let got = pair_siblings(paths.iter().map(|s| s.to_string()).collect());
        assert_eq!(
            got,
            [
                two("d/talk.en.srt", "d/talk.zh-CN.srt"),
                one("notes.txt"),
                two("v/en.vtt.1", "v/zh-cn.vtt.1"),
                two("s/en-us/x.srt", "s/zh-hans/x.srt"),
                one("s/en-us/y.srt"),
                two("a.en_US.txt", "a.zh_Hant.txt"),
            ]
        );
    }

    #[test]
    fn ambiguous_or_unrelated_names_stay_single() {
        let paths = [
            "t.en.srt",
            "t.zh.srt",
            "t.zh-tw.srt",
            "zhen.srt",
            "en.srt",
            "b.fr.srt",
        ];
        let got = pair_siblings(paths.iter().map(|s| s.to_string()).collect());
        assert!(got.iter().all(|i| matches!(i, Input::One(_))), "{got:?}");
    }
}
