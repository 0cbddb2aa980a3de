//! One integration-test binary (ripgrep's habit: fewer binaries, faster links).

mod cli;
mod common;
mod config_ci;
mod fix_cli;
mod fix_props;
mod fix_rules;
mod rules;
mod snapshots;
