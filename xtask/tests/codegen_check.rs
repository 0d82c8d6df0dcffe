//! `cargo test` fails when the spec was edited without regenerating: the same check as `cargo xtask codegen --check`.

#[test]
fn generated_client_is_current() {
    if let Err(e) = xtask::codegen(&xtask::workspace_root(), true) {
        panic!("{e}");
    }
}
