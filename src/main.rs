#![deny(clippy::unwrap_used, clippy::expect_used)]

// mimalloc: loading a large plan is dominated by many small allocations
// (one per YAML scalar and model string); it cuts check time noticeably.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    trackc::cli::main()
}
