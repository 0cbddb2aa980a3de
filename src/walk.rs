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
pub const EXTENSIONS: &[&str] = &["txt"];

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
    out
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
