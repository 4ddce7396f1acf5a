//! The `zan` command, built inside the test package (see Cargo.toml).

fn main() -> std::process::ExitCode {
    zan::main()
}
