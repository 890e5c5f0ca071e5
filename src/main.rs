fn main() -> std::process::ExitCode {
    trackc::cli::main()
}
