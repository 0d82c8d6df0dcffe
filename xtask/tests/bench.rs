//! `cargo xtask bench`'s generation figures, measured in-process on the customer spec (no thresholds: timings
//! depend on the machine and the profile).

use xtask::bench::{generation, report};

#[test]
fn generation_stats_of_the_customer_spec() {
    let spec = xtask::workspace_root().join(xtask::SPEC);
    let stats = match generation::measure(&spec, 1) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    assert!(stats.ops > 0, "{stats:?}");
    assert!(stats.total > std::time::Duration::ZERO && stats.floor > std::time::Duration::ZERO, "{stats:?}");
    assert!(stats.lines > stats.spec_lines && stats.spec_lines > 0, "{stats:?}");
    assert!(stats.bytes > stats.lines, "{stats:?}");
    // The child process's output reads back to the same figures.
    assert_eq!(generation::from_lines(&generation::to_lines(&stats)).as_ref(), Ok(&stats));

    let table = report::generation_table(&[("stax-customer".into(), Ok(stats.clone()))]);
    let row = table.lines().find(|l| l.starts_with("| stax-customer |")).unwrap_or_default();
    assert!(row.contains(&format!("| {} |", stats.ops)), "{table}");
    assert!(row.contains(&format!("| {} |", stats.lines)), "{table}");
}

#[test]
fn consumer_calls_every_operation() {
    let text = std::fs::read_to_string(xtask::workspace_root().join(xtask::SPEC)).unwrap_or_default();
    let spec = generator::parse(&text).unwrap_or_else(|d| panic!("{d}"));
    let (api, _) = generator::lower(&spec).unwrap_or_else(|d| panic!("{d}"));
    let main = xtask::bench::crates::consumer_main(&api, "stax_customer_client");
    for op in &api.operations {
        assert!(main.contains(&format!("client.{}(", op.method_name)), "{} missing:\n{main}", op.method_name);
    }
    assert!(main.contains("client.list_customers_stream(any())"), "{main}");
    assert!(main.contains("client.update_customer_checked(any(), any())"), "{main}");
}

#[test]
fn a_second_run_is_refused_while_one_is_running() {
    let dir = std::env::temp_dir().join(format!("xtask-bench-guard-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let first = xtask::bench::RunGuard::acquire(&dir);
    assert!(first.is_ok(), "{first:?}");
    let second = xtask::bench::RunGuard::acquire(&dir);
    assert!(second.as_ref().is_err_and(|e| e.contains("is running")), "{second:?}");
    drop(first);
    // A file left by a process that no longer exists is taken over.
    let _ = std::fs::write(dir.join(".running"), "4194305");
    let third = xtask::bench::RunGuard::acquire(&dir);
    assert!(third.is_ok(), "{third:?}");
    drop(third);
    let _ = std::fs::remove_dir_all(&dir);
}
