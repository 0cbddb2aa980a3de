//! Phase timings for profiling: with `TRANSLINT_TIMINGS=1` in the environment, each phase of a
//! check (parse, alignment search, rule passes, rendering) prints its wall time to standard
//! error. Off by default, and then one relaxed atomic load per phase.

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
            eprintln!(
                "translint: {:<14} {:>9.1} ms",
                self.name,
                start.elapsed().as_secs_f64() * 1e3
            );
        }
    }
}
