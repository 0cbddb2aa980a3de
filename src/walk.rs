//! Turning the paths a user gives into the files to check.

use crate::error::{Error, Result};
use std::path::Path;

/// File extensions checked when a directory is walked.
pub const EXTENSIONS: &[&str] = &["txt"];

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
