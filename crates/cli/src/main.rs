//! The `zan` binary; everything is in the library (see `lib.rs`).

/// mimalloc rather than the system's malloc: indexing allocates and frees a great deal
/// (documents, tokens, segments), and with the system's allocator freed pages went back
/// to the kernel and came back zeroed; a 100k build takes some 6 % less CPU (see the
/// workspace's Cargo.toml for why without huge pages).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    zan::main()
}
