//! One integration-test binary (ripgrep's habit: fewer binaries, faster links).

mod cli;
mod common;
mod config_ci;
mod corpora;
mod fix_cli;
mod fix_props;
mod fix_rules;
mod formats;
mod rules;
mod snapshots;
