//! Turning the paths a user gives into the files to check.
//!
//! Folders are walked in parallel with the `ignore` crate (ripgrep's walker): `.gitignore`,
//! `.ignore` and hidden files are respected, symlinks are followed with loop detection. Problems
//! (a symlink loop, an unreadable folder) are collected and reported, never fatal; the result
//! is sorted so output is reproducible.

use crate::error::{Error, Result};
use std::path::Path;
use std::sync::Mutex;

/// File extensions checked when a directory is walked.
pub const EXTENSIONS: &[&str] = &["txt", "srt", "vtt", "tsv", "jsonl", "ndjson"];

/// One file to check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The path, as given or as joined under a walked folder.
    pub path: String,
    /// True when the user named the file itself (then `exclude` does not apply).
    pub explicit: bool,
}

/// What walking the given paths found.
#[derive(Debug, Default)]
pub struct Walk {
    /// Files, sorted within each given folder, in the order the paths were given.
    pub files: Vec<Found>,
    /// Problems met on the way.
    pub errors: Vec<Error>,
}

fn has_known_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Walk `paths`: files named explicitly are always kept; folders are walked for files with a
/// known extension.
pub fn walk(paths: &[String]) -> Walk {
    walk_pruned(paths, None)
}

/// A test deciding that a folder met during a walk is not entered (e.g. `exclude`).
pub type Prune = std::sync::Arc<dyn Fn(&Path) -> bool + Send + Sync>;

/// [`walk`], not entering folders for which `prune` is true.
pub fn walk_pruned(paths: &[String], prune: Option<Prune>) -> Walk {
    let mut out = Walk::default();
    for p in paths {
        if p == "-" || !Path::new(p).is_dir() {
            out.files.push(Found {
                path: p.clone(),
                explicit: true,
            });
            continue;
        }
        let found: Mutex<(Vec<String>, Vec<Error>)> = Mutex::default();
        let mut builder = ignore::WalkBuilder::new(p);
        if let Some(prune) = prune.clone() {
            builder.filter_entry(move |e| {
                e.depth() == 0 || !e.file_type().is_some_and(|t| t.is_dir()) || !prune(e.path())
            });
        }
        builder
            .require_git(false)
            .follow_links(true)
            .threads(std::thread::available_parallelism().map_or(1, |n| n.get().min(8)))
            .build_parallel()
            .run(|| {
                Box::new(|entry| {
                    let item = match entry {
                        Ok(e) => {
                            let is_file = e.file_type().is_some_and(|t| t.is_file());
                            (is_file && has_known_extension(e.path()))
                                .then(|| Ok(e.path().display().to_string()))
                        }
                        Err(e) => Some(Err(Error::Io {
                            path: p.clone(),
                            source: std::io::Error::other(e.to_string()),
                        })),
                    };
                    if let (Some(item), Ok(mut f)) = (item, found.lock()) {
                        match item {
                            Ok(path) => f.0.push(path),
                            Err(e) => f.1.push(e),
                        }
                    }
                    ignore::WalkState::Continue
                })
            });
        let (mut files, mut errors) = found.into_inner().unwrap_or_default();
        files.sort();
        errors.sort_by_key(|e| e.to_string());
        out.files.extend(files.into_iter().map(|path| Found {
            path,
            explicit: false,
        }));
        out.errors.extend(errors);
    }
    // A file named twice (`talk.txt ./talk.txt`, or inside a folder also given) is checked once,
    // as given first; named itself anywhere, it is explicit.
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut files: Vec<Found> = Vec::with_capacity(out.files.len());
    for f in out.files {
        match seen.entry(normal_path(&f.path)) {
            std::collections::hash_map::Entry::Occupied(k) => {
                files[*k.get()].explicit |= f.explicit;
            }
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(files.len());
                files.push(f);
            }
        }
    }
    out.files = files;
    out
}

/// A path as the user's files are told apart by (and a baseline records them): without `./`
/// segments, and relative to the working folder when it is under it, so `check .`, `check
/// talk.txt` and `check $PWD/talk.txt` name a file alike.
pub fn normal_path(path: &str) -> String {
    use std::path::Component;
    static CWD: std::sync::OnceLock<Option<std::path::PathBuf>> = std::sync::OnceLock::new();
    let p = Path::new(path);
    let p = match CWD.get_or_init(|| std::env::current_dir().ok()) {
        Some(cwd) if p.is_absolute() => p.strip_prefix(cwd).unwrap_or(p),
        _ => p,
    };
    if p.is_absolute() {
        let kept: std::path::PathBuf = p
            .components()
            .filter(|c| !matches!(c, Component::CurDir))
            .collect();
        return kept.to_string_lossy().into_owned();
    }
    let parts: Vec<String> = p
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        path.to_string()
    } else {
        parts.join("/")
    }
}

/// [`walk`] flattened: files and problems in one list (problems first).
pub fn expand(paths: &[String]) -> Vec<Result<String>> {
    let w = walk(paths);
    w.errors
        .into_iter()
        .map(Err)
        .chain(w.files.into_iter().map(|f| Ok(f.path)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_told_apart_alike_however_they_were_given() {
        assert_eq!(normal_path("./talk.txt"), "talk.txt");
        assert_eq!(normal_path("./a/./b/talk.txt"), "a/b/talk.txt");
        assert_eq!(normal_path("a/b/talk.txt"), "a/b/talk.txt");
        let cwd = std::env::current_dir().unwrap();
        let absolute = cwd.join("x").join("talk.txt");
        assert_eq!(normal_path(&absolute.to_string_lossy()), "x/talk.txt");
        assert_eq!(normal_path("/elsewhere/talk.txt"), "/elsewhere/talk.txt");
        assert_eq!(normal_path("<stdin>"), "<stdin>");
    }

    #[test]
    fn a_file_named_twice_is_checked_once() {
        let dir = tempfile::Builder::new().prefix("walk").tempdir().unwrap();
        let file = dir.path().join("talk.txt");
        std::fs::write(&file, "你好。\nHello.\n").unwrap();
        let folder = dir.path().to_string_lossy().to_string();
        let named = file.to_string_lossy().to_string();
        let dotted = format!("{folder}/./talk.txt");
        let w = walk(&[folder, named.clone(), dotted, "-".into(), "-".into()]);
        let paths: Vec<(&str, bool)> = w
            .files
            .iter()
            .map(|f| (f.path.as_str(), f.explicit))
            .collect();
        assert_eq!(paths, [(named.as_str(), true), ("-", true)]);
    }

    #[test]
    fn walks_sorted_respecting_gitignore_and_hidden() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in [
            "b/z.txt",
            "b/a.txt",
            "a.TXT",
            "skip/x.txt",
            ".hidden/y.txt",
            "c.md",
        ] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x\n").unwrap();
        }
        std::fs::write(root.join(".gitignore"), "skip/\n").unwrap();
        let w = walk(&[root.display().to_string()]);
        let rel: Vec<String> = w
            .files
            .iter()
            .map(|f| {
                f.path
                    .strip_prefix(&root.display().to_string())
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(rel, vec!["/a.TXT", "/b/a.txt", "/b/z.txt"]);
        assert!(w.errors.is_empty());
        let pruned = walk_pruned(
            &[root.display().to_string()],
            Some(std::sync::Arc::new(|p: &Path| p.ends_with("b"))),
        );
        assert_eq!(pruned.files.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_reported_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("d")).unwrap();
        std::fs::write(root.join("d/a.txt"), "x\n").unwrap();
        std::os::unix::fs::symlink(root.join("d"), root.join("d/loop")).unwrap();
        let w = walk(&[root.display().to_string()]);
        assert_eq!(w.files.len(), 1);
        assert_eq!(w.errors.len(), 1);
        assert!(w.errors[0].to_string().contains("loop"), "{}", w.errors[0]);
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

impl Input {
    /// The path that names this input: the file, or a pair's translation. Its configuration is
    /// found from it, and an error about the input is reported under it.
    pub fn key(&self) -> &str {
        match self {
            Input::One(p) => p,
            Input::Two { target, .. } => target,
        }
    }
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

/// Tags [`sibling_on_disk`] tries for the other side of a file.
const SOURCE_TAGS: &[&str] = &["en", "en-us", "en-US", "en-gb", "en-GB", "eng"];
const TARGET_TAGS: &[&str] = &[
    "zh", "zh-cn", "zh-CN", "zh-hans", "zh-Hans", "zh-tw", "zh-TW", "zh-hant", "zh-Hant", "zh_CN",
    "chs", "cht", "cn", "zho", "chi", "cmn",
];

/// The other language's file beside `path` when it exists (`talk.zh.srt` beside `talk.en.srt`):
/// checked alone, a one-language file is a missing translation on every line, and the user
/// most likely meant to give both.
pub fn sibling_on_disk(path: &str) -> Option<String> {
    let p = Path::new(path);
    let name = p.file_name()?.to_str()?;
    let pieces: Vec<&str> = name.split('.').collect();
    let k = (0..pieces.len().saturating_sub(1))
        .rev()
        .find(|&k| side_of(pieces[k]).is_some())?;
    let tags = match side_of(pieces[k])? {
        Side::Source => TARGET_TAGS,
        Side::Target => SOURCE_TAGS,
    };
    tags.iter().find_map(|tag| {
        let mut other = pieces.clone();
        other[k] = tag;
        let candidate = p.with_file_name(other.join("."));
        candidate
            .is_file()
            .then(|| candidate.to_string_lossy().into_owned())
    })
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
mod sibling_tests {
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
