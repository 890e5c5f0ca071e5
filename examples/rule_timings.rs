//! Times each model lint rule on a plan: `cargo run --release --example
//! rule_timings -- PLAN [RUNS]`. Loading is timed once, each rule's check
//! function `RUNS` times (default 20); the median is printed, so a rule that
//! grows faster than the plan shows up next to the loader's cost.

use std::time::{Duration, Instant};
use trackc::lint::{LintContext, registry::RULES};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: rule_timings PLAN [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args
        .next()
        .and_then(|r| r.parse().ok())
        .unwrap_or(20)
        .max(1);
    let start = Instant::now();
    let loaded = match trackc::load::load(std::path::Path::new(&path)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    println!(
        "load: {:.1} ms ({} events)",
        ms(start.elapsed()),
        loaded.plan.events.len()
    );
    let cx = LintContext {
        plan: &loaded.plan,
        sources: &loaded.sources,
    };
    let mut total = Duration::ZERO;
    for rule in RULES {
        let Some(check) = rule.check else { continue };
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| {
                let mut out = Vec::new();
                let t = Instant::now();
                check(&cx, &mut out);
                t.elapsed()
            })
            .collect();
        times.sort();
        let median = times.get(times.len() / 2).copied().unwrap_or_default();
        total += median;
        println!("{:32} {:8.3} ms", rule.meta.id, ms(median));
    }
    println!("{:32} {:8.3} ms", "all model rules", ms(total));
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
