//! Phase timings for profiling: with `TRANSLINT_TIMINGS=1` in the environment, each phase of a
//! check (parse, alignment search, rule passes, rendering) prints its wall time to standard
//! error, with the resident and peak memory at its end where the system tells them (Linux). Off
//! by default, and then one relaxed atomic load per phase.

use std::sync::OnceLock;
use std::time::Instant;

/// Whether timings were asked for (read once).
fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("TRANSLINT_TIMINGS").is_some_and(|v| v != "0"))
}

/// A running phase; prints its name and duration when dropped, if timings are on.
pub struct Phase {
    name: &'static str,
    start: Option<Instant>,
}

/// Start timing the phase `name`.
pub fn phase(name: &'static str) -> Phase {
    Phase {
        name,
        start: enabled().then(Instant::now),
    }
}

impl Drop for Phase {
    #[allow(clippy::print_stderr)] // the one place the library writes: asked for by the user
    fn drop(&mut self) {
        if let Some(start) = self.start {
            let memory = memory().map_or(String::new(), |(rss, peak)| {
                format!("   rss {:>6} MB  peak {:>6} MB", rss >> 10, peak >> 10)
            });
            eprintln!(
                "translint: {:<14} {:>9.1} ms{memory}",
                self.name,
                start.elapsed().as_secs_f64() * 1e3
            );
        }
    }
}

/// Resident and peak resident memory in KiB (`VmRSS`, `VmHWM` of `/proc/self/status`): which
/// phase holds the memory of a big run. `None` where the file does not exist.
fn memory() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}
