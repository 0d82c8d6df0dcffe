//! `cargo xtask codegen` keeps the fixture crate in step with `tests/fixtures/`: new, changed and removed fixtures.

use std::fs;
use std::path::{Path, PathBuf};

/// A scratch workspace root holding the real spec and one fixture; removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("spec")).expect("create spec/");
        fs::create_dir_all(dir.join(xtask::fixtures::FIXTURES)).expect("create tests/fixtures/");
        let real = xtask::workspace_root().join(xtask::SPEC);
        fs::copy(real, dir.join(xtask::SPEC)).expect("copy the spec");
        Scratch(dir)
    }

    fn fixture(&self, name: &str, title: &str) {
        let text = format!("openapi: 3.0.3\ninfo: {{title: {title}, version: '1'}}\npaths: {{}}\n");
        fs::write(self.0.join(xtask::fixtures::FIXTURES).join(format!("{name}.yaml")), text).expect("write fixture");
    }

    fn out(&self) -> PathBuf {
        self.0.join(xtask::fixtures::OUT)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn fixtures_are_generated_checked_and_pruned() {
    let root = Scratch::new("fixtures");
    root.fixture("alpha", "Alpha");
    xtask::codegen(&root.0, false).expect("first run");
    let lib = read(&root.out().join("lib.rs"));
    assert!(lib.starts_with("// @generated"), "{lib}");
    assert!(lib.contains("pub mod runtime;\npub mod alpha;\n"), "{lib}");
    assert!(read(&root.out().join("runtime/mod.rs")).starts_with("// @generated"));
    assert!(read(&root.out().join("alpha/mod.rs")).contains("pub use crate::runtime as runtime;"));
    assert!(xtask::codegen(&root.0, true).is_ok(), "fresh output passes --check");

    root.fixture("alpha", "Alpha Two");
    let err = xtask::codegen(&root.0, true).expect_err("a changed fixture is stale");
    assert!(err.contains("alpha/mod.rs") && err.contains("cargo xtask codegen"), "{err}");

    fs::remove_file(root.0.join(xtask::fixtures::FIXTURES).join("alpha.yaml")).expect("remove fixture");
    root.fixture("beta", "Beta");
    let report = xtask::codegen(&root.0, false).expect("regenerate");
    assert!(report.lines.iter().any(|l| l.starts_with("deleted:") && l.contains("alpha")), "{:?}", report.lines);
    assert!(!root.out().join("alpha").exists(), "the emptied module directory is removed");
    assert!(read(&root.out().join("lib.rs")).contains("pub mod beta;"));
    assert!(xtask::codegen(&root.0, true).is_ok());
}

#[test]
fn a_fixture_name_that_is_not_a_module_name_is_refused() {
    let root = Scratch::new("badname");
    root.fixture("Bad-Name", "Bad");
    let err = xtask::codegen(&root.0, false).expect_err("refused");
    assert!(err.contains("Bad-Name.yaml"), "{err}");
}
