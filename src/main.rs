//! The `gazette` command; everything it does is in [`gazette::cli`].

/// mimalloc rather than the system's allocator: a build is many small
/// allocations made and freed on every core (pages, Pagefind's index), where
/// it is faster and returns memory sooner (figures in docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    gazette::cli::main()
}
