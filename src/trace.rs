//! Phase times for the benchmark's diagnostics: with `VANBAN_TRACE=1` in the
//! environment every [`mark`] prints the milliseconds since the process began
//! (its first mark) and the phase's name to stderr. Off, a mark costs one
//! load of a cached flag.

use std::sync::OnceLock;
use std::time::Instant;

static START: OnceLock<Option<Instant>> = OnceLock::new();

/// Prints `<ms since start> <thread> <what>` when tracing is on.
pub fn mark(what: &str) {
    let start = START.get_or_init(|| std::env::var_os("VANBAN_TRACE").map(|_| Instant::now()));
    if let Some(start) = start {
        let thread = std::thread::current();
        eprintln!("trace {:8.2} ms  {:<16} {what}", start.elapsed().as_secs_f64() * 1e3, thread.name().unwrap_or("?"));
    }
}
