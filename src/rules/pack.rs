//! Declarative rules written entirely in TOML ("rule packs"): regexes on the English source and
//! the Chinese target, a message, a severity, an optional replacement, and examples that must
//! fire and must not fire.
//!
//! Built-in packs live in `rules/packs/*.toml` and are embedded in the binary; users add folders
//! with `rule-dirs`. A pack rule is a [`PackRule`] implementing the same [`Rule`] trait as the
//! built-in rules. `Rule::meta` returns `&'static RuleMeta` and diagnostics carry `&'static str`
//! rule names, so a loaded rule is leaked (`Box::leak`) once per pack file per process: a few
//! hundred bytes per rule, loaded once, which keeps the hot path and every built-in rule free of
//! lifetimes. A cache keyed by file path makes loading the same folder twice (two configs naming
//! it) leak nothing more.
//!
//! Every rule's examples are run when it loads: `bad` must fire, `good` must not, and `fixed`
//! (when given) must be what the fix makes of `bad`. A pack whose examples fail does not load.

use super::docs::{OptionDoc, RuleDoc};
use super::{Context, FixKind, Rule, RuleMeta};
use crate::config::Settings;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::error::{Error, Result};
use crate::model::{Pair, Segment, Span};
use crate::script::Script;
use regex::{Regex, RegexBuilder};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use toml::Spanned;

/// Compiled-program limit for user regexes: large enough for long alternations of glossary
/// terms, small enough that a pathological pattern fails at load instead of eating memory.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// Built-in packs, embedded.
const BUILTIN_PACKS: &[(&str, &str)] = &[(
    "rules/packs/ml-glossary.toml",
    include_str!("../../rules/packs/ml-glossary.toml"),
)];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    rule: Vec<Spanned<RawPackRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPackRule {
    name: String,
    severity: Severity,
    #[serde(default = "yes")]
    default_enabled: bool,
    summary: String,
    #[serde(default)]
    what: String,
    #[serde(default)]
    why: String,
    message: String,
    if_source: Option<Spanned<String>>,
    if_target: Option<Spanned<String>>,
    unless_source: Option<Spanned<String>>,
    unless_target: Option<Spanned<String>>,
    replacement: Option<String>,
    #[serde(default)]
    unsafe_fix: bool,
    bad: String,
    good: String,
    fixed: Option<String>,
    #[serde(default)]
    references: Vec<String>,
}

fn yes() -> bool {
    true
}

/// A rule defined in a pack file.
#[derive(Debug)]
pub struct PackRule {
    meta: &'static RuleMeta,
    message: String,
    if_source: Option<Regex>,
    if_target: Option<Regex>,
    unless_source: Option<Regex>,
    unless_target: Option<Regex>,
    replacement: Option<String>,
    applicability: Applicability,
    /// The pack file it came from (for messages).
    pub origin: String,
}

/// `Some(None)` when there is no condition, `Some(Some(..))` when it matches, `None` otherwise.
#[allow(clippy::option_option)]
fn matches<'t>(
    re: &Option<Regex>,
    side: Option<(&'t str, Segment)>,
) -> Option<Option<(regex::Captures<'t>, Segment)>> {
    match re {
        None => Some(None),
        Some(re) => side.and_then(|(text, seg)| re.captures(text).map(|c| Some((c, seg)))),
    }
}

fn segment_text<'a>(ctx: &'a Context<'_>, seg: Option<Segment>) -> Option<(&'a str, Segment)> {
    seg.map(|s| (ctx.doc.text(&s), s))
}

impl Rule for PackRule {
    fn meta(&self) -> &'static RuleMeta {
        self.meta
    }

    fn check_pair(&self, ctx: &Context<'_>, pair: &Pair, out: &mut Vec<Diagnostic>) {
        // A target with no Chinese in it is an untranslated line (other rules report that);
        // glossary conditions on it would only add noise.
        if self.if_target.is_some() || self.unless_target.is_some() {
            let han = pair.target.is_some_and(|t| t.script == Script::Han);
            if !han {
                return;
            }
        }
        let source = segment_text(ctx, pair.source);
        let target = segment_text(ctx, pair.target);
        let lacks = |re: &Option<Regex>, side: Option<(&str, Segment)>| match (re, side) {
            (None, _) => true,
            (Some(re), Some((text, _))) => !re.is_match(text),
            (Some(_), None) => false,
        };
        let Some(src) = matches(&self.if_source, source) else {
            return;
        };
        let Some(tgt) = matches(&self.if_target, target) else {
            return;
        };
        if !lacks(&self.unless_source, source) || !lacks(&self.unless_target, target) {
            return;
        }
        // Point at the target match, else the whole target, else the source match.
        let (file, span, matched) = if let Some((caps, seg)) = &tgt {
            let m = caps.get(0).map_or(0..0, |m| m.range());
            let start = seg.span.start + m.start;
            (
                seg.file,
                Span::new(start, seg.span.start + m.end),
                caps.get(0).map_or("", |m| m.as_str()),
            )
        } else if let Some((_, seg)) = target {
            (seg.file, seg.span, "")
        } else if let Some((caps, seg)) = &src {
            let m = caps.get(0).map_or(0..0, |m| m.range());
            (
                seg.file,
                Span::new(seg.span.start + m.start, seg.span.start + m.end),
                caps.get(0).map_or("", |m| m.as_str()),
            )
        } else {
            return;
        };
        let source_match = src
            .as_ref()
            .and_then(|(c, _)| c.get(0))
            .map_or("", |m| m.as_str());
        let message = self
            .message
            .replace("{match}", matched)
            .replace("{source-match}", source_match);
        let name = self.meta().name;
        let mut d = Diagnostic::new(name, self.meta.severity, file, span, message);
        if let (Some(rep), Some((caps, seg)), Some(re)) = (&self.replacement, &tgt, &self.if_target)
        {
            let mut first = String::new();
            caps.expand(rep, &mut first);
            // Every match of the target's condition, not only the one the finding points at: one
            // a pass left a line with more matches than `fix` makes passes still wrong.
            // Empty matches are left out (a pattern that can match nothing would insert at every
            // character); when there is no other, the one the finding points at is kept.
            let text = ctx.doc.text(seg);
            let mut edits: Vec<Edit> = re
                .captures_iter(text)
                .filter_map(|c| {
                    let m = c.get(0).filter(|m| !m.is_empty())?;
                    let mut replacement = String::new();
                    c.expand(rep, &mut replacement);
                    Some(Edit {
                        file,
                        span: Span::new(seg.span.start + m.start(), seg.span.start + m.end()),
                        replacement: replacement.into(),
                    })
                })
                .collect();
            if edits.is_empty() {
                edits.push(Edit {
                    file,
                    span,
                    replacement: first.clone().into(),
                });
            }
            let alike = edits.iter().all(|e| *e.replacement == *first);
            let title = match edits.len() {
                1 => format!("Replace with `{first}`"),
                n if alike => format!("Replace the {n} matches with `{first}`"),
                n => format!("Replace the {n} matches (the first with `{first}`)"),
            };
            d = d.with_fix(Fix {
                applicability: self.applicability,
                title: title.into(),
                edits,
            });
        }
        out.push(d);
    }
}

fn leak(rule: PackRule) -> &'static PackRule {
    Box::leak(Box::new(rule))
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The first capture group a replacement refers to (`$1`, `$name`, `${name}`; `$$` is a dollar)
/// that `re` does not have: the regex crate expands it to nothing, and the fix would delete
/// text.
fn missing_group(replacement: &str, re: &Regex) -> Option<String> {
    let b = replacement.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'$' {
            i += 1;
            continue;
        }
        if b.get(i + 1) == Some(&b'$') {
            i += 2;
            continue;
        }
        let (name, next) = if b.get(i + 1) == Some(&b'{') {
            match replacement[i + 2..].find('}') {
                Some(end) => (&replacement[i + 2..i + 2 + end], i + 3 + end),
                None => ("", i + 1),
            }
        } else {
            let len = b[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                .count();
            (&replacement[i + 1..i + 1 + len], i + 1 + len)
        };
        i = next.max(i + 1);
        if name.is_empty() {
            continue;
        }
        let known = match name.parse::<usize>() {
            Ok(k) => k < re.captures_len(),
            Err(_) => re.capture_names().flatten().any(|n| n == name),
        };
        if !known {
            return Some(name.to_string());
        }
    }
    None
}

/// The first `{name}` in a message that is not one of its placeholders (`{match}`,
/// `{source-match}`): it would be printed as written.
fn unknown_placeholder(message: &str) -> Option<String> {
    let mut rest = message;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        let word = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if word && name != "match" && name != "source-match" {
            return Some(name.to_string());
        }
        rest = &after[close + 1..];
    }
    None
}

/// Parse a pack's text into rules (not yet leaked), checking regexes and examples.
fn parse_pack(label: &str, text: &str) -> Result<Vec<PackRule>> {
    let err = |offset: usize, message: String| Error::Config {
        location: format!("{label}:{}", line_of(text, offset)),
        message,
    };
    let file: PackFile = toml::from_str(text).map_err(|e| {
        err(
            e.span().map_or(0, |s| s.start),
            e.message().trim().to_string(),
        )
    })?;
    let mut out = Vec::new();
    for spanned in file.rule {
        let at = spanned.span().start;
        let raw = spanned.into_inner();
        let name = raw.name.clone();
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(err(at, format!("rule name `{name}` must be kebab-case")));
        }
        let compile = |key: &str, p: &Option<Spanned<String>>| -> Result<Option<Regex>> {
            let Some(p) = p else { return Ok(None) };
            RegexBuilder::new(p.get_ref())
                .size_limit(REGEX_SIZE_LIMIT)
                .dfa_size_limit(REGEX_SIZE_LIMIT)
                .build()
                .map(Some)
                .map_err(|e| {
                    err(
                        p.span().start,
                        format!("rule `{name}`: `{key}` is not a usable regex: {e}"),
                    )
                })
        };
        let if_source = compile("if-source", &raw.if_source)?;
        let if_target = compile("if-target", &raw.if_target)?;
        let unless_source = compile("unless-source", &raw.unless_source)?;
        let unless_target = compile("unless-target", &raw.unless_target)?;
        if if_source.is_none() && if_target.is_none() {
            return Err(err(
                at,
                format!("rule `{name}` needs `if-source` or `if-target`"),
            ));
        }
        if raw.replacement.is_some() && if_target.is_none() {
            return Err(err(
                at,
                format!(
                    "rule `{name}`: `replacement` rewrites the `if-target` match, so it needs `if-target`"
                ),
            ));
        }
        if let (Some(rep), Some(re)) = (&raw.replacement, &if_target)
            && let Some(group) = missing_group(rep, re)
        {
            return Err(err(
                at,
                format!(
                    "rule `{name}`: `replacement` uses `${group}`, which `if-target` does not capture"
                ),
            ));
        }
        if let Some(unknown) = unknown_placeholder(&raw.message) {
            return Err(err(
                at,
                format!(
                    "rule `{name}`: `message` has `{{{unknown}}}`; the placeholders are `{{match}}` and `{{source-match}}`"
                ),
            ));
        }
        let fix = match (&raw.replacement, raw.unsafe_fix) {
            (None, _) => FixKind::None,
            (Some(_), false) => FixKind::Safe,
            (Some(_), true) => FixKind::Unsafe,
        };
        let doc = RuleDoc {
            name: name.clone(),
            severity: raw.severity.as_str().to_string(),
            default_enabled: raw.default_enabled,
            fix: match fix {
                FixKind::None => "none",
                FixKind::Safe => "safe",
                FixKind::Unsafe => "unsafe",
            }
            .to_string(),
            fixes: None,
            summary: raw.summary.clone(),
            what: if raw.what.trim().is_empty() {
                describe(&raw)
            } else {
                raw.what.clone()
            },
            why: raw.why.clone(),
            options: Vec::<OptionDoc>::new(),
            bad: raw.bad.clone(),
            good: raw.good.clone(),
            references: {
                let mut r = raw.references.clone();
                r.push(format!("defined in the rule pack {label}"));
                r
            },
        };
        let doc_text = toml::to_string(&doc).map_err(|e| err(at, e.to_string()))?;
        let rule = PackRule {
            meta: Box::leak(Box::new(RuleMeta {
                name: Box::leak(name.clone().into_boxed_str()),
                severity: raw.severity,
                default_enabled: raw.default_enabled,
                fix,
                doc: Box::leak(doc_text.into_boxed_str()),
            })),
            message: raw.message.clone(),
            if_source,
            if_target,
            unless_source,
            unless_target,
            replacement: raw.replacement.clone(),
            applicability: if raw.unsafe_fix {
                Applicability::Unsafe
            } else {
                Applicability::Safe
            },
            origin: label.to_string(),
        };
        rule.check_examples(&raw)
            .map_err(|m| err(at, format!("rule `{name}`: {m}")))?;
        out.push(rule);
    }
    Ok(out)
}

/// The conditions in words, for `explain` when a pack gives no `what`.
fn describe(raw: &RawPackRule) -> String {
    let mut parts = Vec::new();
    let show = |p: &Option<Spanned<String>>| p.as_ref().map(|p| p.get_ref().clone());
    if let Some(p) = show(&raw.if_source) {
        parts.push(format!("the English matches /{p}/"));
    }
    if let Some(p) = show(&raw.if_target) {
        parts.push(format!("the Chinese matches /{p}/"));
    }
    if let Some(p) = show(&raw.unless_source) {
        parts.push(format!("the English does not match /{p}/"));
    }
    if let Some(p) = show(&raw.unless_target) {
        parts.push(format!("the Chinese does not match /{p}/"));
    }
    let mut s = format!("Reports a pair when {}.", parts.join(" and "));
    if let Some(r) = &raw.replacement {
        s.push_str(&format!(" The fix replaces the match with `{r}`."));
    }
    s
}

impl PackRule {
    /// Findings of this rule alone on an example fragment.
    fn run_on(&self, text: &str) -> (Vec<Diagnostic>, String) {
        let doc = crate::parse::parse("example", text.to_string(), &Default::default());
        let settings = Settings::default();
        let ctx = Context::new(&doc, &settings);
        let mut out = Vec::new();
        for pair in &doc.pairs {
            self.check_pair(&ctx, pair, &mut out);
        }
        let fixed = apply_fixes(&doc.files[0].text, &out);
        (out, fixed)
    }

    fn check_examples(&self, raw: &RawPackRule) -> std::result::Result<(), String> {
        let (bad, fixed) = self.run_on(&raw.bad);
        if bad.is_empty() {
            return Err("its `bad` example does not fire".into());
        }
        let (good, _) = self.run_on(&raw.good);
        if let Some(d) = good.first() {
            return Err(format!(
                "its `good` example fires (at byte {}: {})",
                d.span.start, d.message
            ));
        }
        if let Some(want) = &raw.fixed
            && want.trim_end() != fixed.trim_end()
        {
            return Err(format!(
                "its fix turns `bad` into\n{fixed}\nbut `fixed` says\n{want}"
            ));
        }
        if raw.fixed.is_some() && self.replacement.is_none() {
            return Err("`fixed` is given but the rule has no `replacement`".into());
        }
        Ok(())
    }
}

/// Apply the fixes' edits (non-overlapping, first wins) to `text`; used to check `fixed`.
pub fn apply_fixes(text: &str, diags: &[Diagnostic]) -> String {
    let mut edits: Vec<&Edit> = diags
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .flat_map(|f| &f.edits)
        .collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::new();
    let mut at = 0;
    for e in edits {
        if e.span.start < at || e.span.end > text.len() {
            continue;
        }
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The built-in packs' rules. A built-in pack that fails to load is a bug caught by the tests;
/// at run time it is skipped rather than taking the binary down.
pub fn builtin_packs() -> &'static [&'static PackRule] {
    static BUILTIN: OnceLock<Vec<&'static PackRule>> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        BUILTIN_PACKS
            .iter()
            .filter_map(|(label, text)| parse_pack(label, text).ok())
            .flatten()
            .map(leak)
            .collect()
    })
}

/// Load a pack from text (used for files and in tests).
pub fn load_str(label: &str, text: &str) -> Result<Vec<&'static PackRule>> {
    Ok(parse_pack(label, text)?.into_iter().map(leak).collect())
}

/// Load every `*.toml` pack in a folder (sorted), once per process per file.
pub fn load_dir(dir: &Path) -> Result<Vec<&'static PackRule>> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, Vec<&'static PackRule>>>> = OnceLock::new();
    let io = |source| Error::Io {
        path: dir.display().to_string(),
        source,
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let key = std::path::absolute(&path).unwrap_or_else(|_| path.clone());
        let cache = CACHE.get_or_init(Default::default);
        if let Some(rules) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
            out.extend(rules);
            continue;
        }
        let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        let rules = load_str(&path.display().to_string(), &text)?;
        if let Ok(mut c) = cache.lock() {
            c.insert(key, rules.clone());
        }
        out.extend(rules);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_packs_load_and_their_examples_pass() {
        for (label, text) in BUILTIN_PACKS {
            let rules = parse_pack(label, text).unwrap_or_else(|e| panic!("{e}"));
            assert!(!rules.is_empty(), "{label} has no rules");
        }
        assert_eq!(
            builtin_packs().len(),
            BUILTIN_PACKS
                .iter()
                .map(|(l, t)| parse_pack(l, t).map_or(0, |r| r.len()))
                .sum::<usize>()
        );
    }

    const GLOSSARY: &str = r#"
[[rule]]
name = "test-glossary-ssl"
severity = "warning"
summary = "Use 自监督学习 for self-supervised learning."
message = "`{source-match}` should be 自监督学习, not `{match}`"
if-source = '(?i)self-supervised learning'
if-target = '自我监督学习|自主监督学习'
replacement = "自监督学习"
bad = """
我们用自我监督学习训练模型。
We train the model with self-supervised learning.
"""
good = """
我们用自监督学习训练模型。
We train the model with self-supervised learning.
"""
fixed = """
我们用自监督学习训练模型。
We train the model with self-supervised learning.
"""
"#;

    #[test]
    fn glossary_rule_fires_and_fixes() {
        let rules = load_str("test.toml", GLOSSARY).unwrap();
        let r = rules[0];
        assert_eq!(r.meta().name, "test-glossary-ssl");
        assert_eq!(r.meta().fix, FixKind::Safe);
        let (d, fixed) =
            r.run_on("他们在研究自主监督学习。\nThey study self-supervised learning.\n");
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].message,
            "`self-supervised learning` should be 自监督学习, not `自主监督学习`"
        );
        assert_eq!(
            fixed,
            "他们在研究自监督学习。\nThey study self-supervised learning.\n"
        );
        let doc = RuleDoc::parse(r.meta().doc).unwrap();
        assert_eq!(doc.name, "test-glossary-ssl");
        assert!(doc.render().contains("自我监督学习"));
    }

    #[test]
    fn bad_packs_are_config_errors_with_lines() {
        let e = |t: &str| load_str("p.toml", t).unwrap_err().to_string();
        let wrong_example =
            GLOSSARY.replace("我们用自我监督学习训练模型", "我们用机器学习训练模型");
        assert!(
            e(&wrong_example)
                .starts_with("p.toml:2: rule `test-glossary-ssl`: its `bad` example does not fire"),
            "{}",
            e(&wrong_example)
        );
        let invalid = GLOSSARY.replace("'(?i)self-supervised learning'", "'(unclosed'");
        assert!(
            e(&invalid).starts_with(
                "p.toml:7: rule `test-glossary-ssl`: `if-source` is not a usable regex"
            )
        );
        let huge = GLOSSARY.replace("'(?i)self-supervised learning'", r"'\w{1000}{1000}'");
        let t = std::time::Instant::now();
        assert!(e(&huge).contains("is not a usable regex"), "{}", e(&huge));
        assert!(t.elapsed().as_secs() < 5);
        let unknown = GLOSSARY.replace("summary =", "sumary =");
        assert!(e(&unknown).contains("unknown field `sumary`"));
        let no_cond = GLOSSARY
            .replace("if-source = '(?i)self-supervised learning'\n", "")
            .replace("if-target = '自我监督学习|自主监督学习'\n", "");
        assert!(e(&no_cond).contains("needs `if-source` or `if-target`"));
        // A replacement's group that the pattern lacks would delete the match.
        let no_group = GLOSSARY.replace("replacement = \"自监督学习\"", "replacement = \"$9\"");
        assert!(
            e(&no_group).contains("`replacement` uses `$9`, which `if-target` does not capture"),
            "{}",
            e(&no_group)
        );
        let no_name = GLOSSARY.replace(
            "replacement = \"自监督学习\"",
            "replacement = \"${word}学习\"",
        );
        assert!(e(&no_name).contains("uses `$word`"), "{}", e(&no_name));
        // `$$` is a dollar, `$0` the whole match.
        let dollars = GLOSSARY.replace("replacement = \"自监督学习\"", "replacement = \"$$0\"");
        assert!(!e(&dollars).contains("does not capture"), "{}", e(&dollars));
        let typo = GLOSSARY.replace("not `{match}`", "not `{mtach}`");
        assert!(
            e(&typo).contains("`message` has `{mtach}`; the placeholders are"),
            "{}",
            e(&typo)
        );
    }

    #[test]
    fn replacement_groups_are_checked_against_the_pattern() {
        let re = Regex::new("(?P<w>自我|自主)(监督)").unwrap();
        assert_eq!(missing_group("$1$2$w${w}$0$$9", &re), None);
        assert_eq!(missing_group("$3", &re), Some("3".into()));
        assert_eq!(missing_group("${x}y", &re), Some("x".into()));
        assert_eq!(missing_group("cost: $ 5", &re), None);
        assert_eq!(
            unknown_placeholder("not `{match}` but {source-match}"),
            None
        );
        assert_eq!(unknown_placeholder("a set {} or { spaced }"), None);
    }

    #[test]
    fn one_fix_replaces_every_match_on_the_line() {
        // One match a pass left a line with more matches than `fix` makes passes still wrong.
        let r = load_str("test.toml", GLOSSARY).unwrap()[0];
        let wrong = "自我监督学习和自主监督学习，".repeat(12);
        let text = format!("{wrong}。\nSelf-supervised learning, twelve times.\n");
        let (d, fixed) = r.run_on(&text);
        assert_eq!(d.len(), 1);
        let fix = d[0].fix.as_ref().unwrap();
        assert_eq!(fix.edits.len(), 24);
        assert_eq!(fix.title, "Replace the 24 matches with `自监督学习`");
        assert_eq!(&text[d[0].span.range()], "自我监督学习");
        assert_eq!(
            fixed,
            format!(
                "{}。\nSelf-supervised learning, twelve times.\n",
                "自监督学习和自监督学习，".repeat(12)
            )
        );
        assert!(r.run_on(&fixed).0.is_empty());
    }

    #[test]
    fn each_match_gets_its_own_expansion() {
        let pack = GLOSSARY
            .replace(
                "if-target = '自我监督学习|自主监督学习'",
                "if-target = '(自我|自主)监督学习'",
            )
            .replace(
                "replacement = \"自监督学习\"",
                "replacement = \"自监督学习（原作$1）\"",
            )
            .replace(
                "fixed = \"\"\"\n我们用自监督学习训练模型。",
                "fixed = \"\"\"\n我们用自监督学习（原作自我）训练模型。",
            );
        let r = load_str("t.toml", &pack).unwrap()[0];
        let (d, fixed) =
            r.run_on("自我监督学习和自主监督学习。\nSelf-supervised learning twice.\n");
        let title = &d[0].fix.as_ref().unwrap().title;
        assert_eq!(
            title,
            "Replace the 2 matches (the first with `自监督学习（原作自我）`)"
        );
        assert!(
            fixed.starts_with("自监督学习（原作自我）和自监督学习（原作自主）。"),
            "{fixed}"
        );
    }

    #[test]
    fn unless_target_rule_points_at_the_target() {
        let pack = r#"
[[rule]]
name = "test-glossary-missing"
severity = "info"
summary = "Translate attention as 注意力."
message = "the English says `{source-match}` but the Chinese lacks 注意力"
if-source = '(?i)\battention\b'
unless-target = '注意力'
bad = """
这个模型靠关注机制。
This model relies on attention.
"""
good = """
这个模型靠注意力机制。
This model relies on attention.
"""
"#;
        let r = load_str("t.toml", pack).unwrap()[0];
        let text = "这个模型靠关注机制。\nThis model relies on attention.\n";
        let (d, fixed) = r.run_on(text);
        assert_eq!(d.len(), 1);
        assert_eq!(&text[d[0].span.range()], "这个模型靠关注机制。");
        assert_eq!(fixed, text);
        // An English line in the translation slot is not a glossary question.
        let (d, _) = r.run_on(
            "今天天气很好。\nThe weather is fine today.\nWe pay attention.\nWe pay attention.\n",
        );
        assert!(d.is_empty(), "{d:?}");
    }
}
