//! Prints a synthetic tracking plan: `cargo run --example gen_plan -- EVENTS [SEED]`.
fn main() {
    let mut args = std::env::args().skip(1);
    let events = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let seed = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    print!("{}", trackc::synth::plan(events, seed));
}
