//! Snapshots of the rendered human output: what a user reads.

use crate::common::{run, stdout};

#[test]
fn demo_full_output() {
    let o = run(&["check", "fixtures/demo/"]);
    insta::assert_snapshot!("demo_full", stdout(&o));
}

#[test]
fn demo_concise_output() {
    let o = run(&["check", "--format", "concise", "fixtures/demo/"]);
    insta::assert_snapshot!("demo_concise", stdout(&o));
}

#[test]
fn explain_output() {
    let o = run(&["explain", "halfwidth-punctuation"]);
    insta::assert_snapshot!("explain_halfwidth", stdout(&o));
}
