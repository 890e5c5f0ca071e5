//! Codegen time for all six emitter targets on a generated 1,000-event plan.
//! Run: `cargo bench --bench emitters` (figures go in docs/benchmarks.md).

use std::fmt::Write;
use std::time::{Duration, Instant};
use trackc::build::target::{Header, TargetContext};
use trackc::codegen::{self, lower};
use trackc::config::OutputConfig;

fn plan_yaml(events: usize) -> String {
    let mut s = String::from(
        "plan:\n  id: bench\n  name: Bench\n  version: 1\nowners:\n  team:\n    name: Team\n\
         sources:\n  web:\n    side: client\n  api:\n    side: server\n\
         properties:\n  tier:\n    type: string\n    enum: [free, pro, enterprise]\n    description: Tier.\n\
         \x20 account_id:\n    type: string\n    format: uuid\n    description: Account.\nevents:\n",
    );
    for i in 0..events {
        let side = if i % 2 == 0 { "client" } else { "server" };
        let src = if i % 2 == 0 { "web" } else { "api" };
        let _ = write!(
            s,
            "  Object{i} Action{i}:\n    description: Event number {i}.\n    owner: team\n    side: {side}\n    sources: [{src}]\n\
             \x20   properties:\n      account_id: {{}}\n      tier: {{}}\n\
             \x20     count:\n        type: integer\n        minimum: 0\n        maximum: 1000\n        description: A count.\n\
             \x20     label:\n        type: string\n        required: false\n        nullable: true\n        max_length: 80\n        description: A label.\n\
             \x20     code:\n        type: string\n        pattern: \"^[A-Z]{{3}}$\"\n        description: A code.\n\
             \x20     items:\n        type: array\n        max_items: 10\n        items:\n          type: string\n          description: An item.\n        description: Items.\n\
             \x20     detail:\n        type: object\n        description: Detail.\n        properties:\n\
             \x20         ratio:\n            type: number\n            description: Ratio.\n\
             \x20         kind:\n            type: string\n            enum: [a, b, c]\n            description: Kind.\n"
        );
    }
    s
}

/// CPU time of this thread in ns (Linux), so a busy machine does not
/// inflate the figure the way wall time does.
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("plan.yaml"), plan_yaml(1000)).expect("write plan");
    let load_start = Instant::now();
    let checked = trackc::check::check_path(dir.path(), &Default::default()).expect("plan loads");
    let load = load_start.elapsed();
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics.first());
    let header = Header {
        plan_id: "bench".into(),
        plan_version: Some(1),
        plan_hash: "0".repeat(64),
    };
    let output = OutputConfig {
        target: "all".into(),
        out: "out".into(),
        sources: Vec::new(),
        side: None,
        additional_properties: None,
    };
    let mut runs: Vec<Duration> = Vec::new();
    let mut cpu: Vec<u64> = Vec::new();
    let mut bytes = 0;
    for _ in 0..10 {
        let start = Instant::now();
        let cpu_start = cpu_ns();
        bytes = 0;
        for target in codegen::TARGETS {
            let cx = TargetContext {
                plan: &checked.plan,
                events: lower::events_on(&checked.plan, None),
                header: &header,
                output: &output,
            };
            let files = codegen::generate(target, &cx)
                .expect("target")
                .expect("renders");
            bytes += files.iter().map(|f| f.contents.len()).sum::<usize>();
        }
        runs.push(start.elapsed());
        cpu.push(cpu_ns() - cpu_start);
    }
    runs.sort();
    cpu.sort_unstable();
    let start = cpu_ns();
    for target in codegen::TARGETS {
        let cx = TargetContext {
            plan: &checked.plan,
            events: lower::events_on(&checked.plan, None),
            header: &header,
            output: &output,
        };
        let lang = codegen::naming::Lang::for_target(target).expect("built in");
        lower::lower(lang, &cx).expect("lowers");
    }
    println!(
        "lowering alone, six targets: {:.1} ms CPU",
        (cpu_ns() - start) as f64 / 1e6
    );
    println!(
        "1,000 events, six targets: codegen CPU time min {:.1} ms, median {:.1} ms",
        cpu[0] as f64 / 1e6,
        cpu[cpu.len() / 2] as f64 / 1e6
    );
    println!(
        "1,000 events, six targets: codegen wall min {:.1} ms, median {:.1} ms, max {:.1} ms ({} KiB of code); load + check {:.1} ms",
        runs[0].as_secs_f64() * 1e3,
        runs[runs.len() / 2].as_secs_f64() * 1e3,
        runs[runs.len() - 1].as_secs_f64() * 1e3,
        bytes / 1024,
        load.as_secs_f64() * 1e3
    );
}
