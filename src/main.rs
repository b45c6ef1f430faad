//! The `gazette` command; everything it does is in [`gazette::cli`].

fn main() -> std::process::ExitCode {
    gazette::cli::main()
}
