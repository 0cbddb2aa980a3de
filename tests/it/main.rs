//! One integration-test binary (ripgrep's habit: fewer binaries, faster links).

mod cli;
mod common;
mod rules;
mod snapshots;
