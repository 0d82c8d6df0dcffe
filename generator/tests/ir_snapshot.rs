//! Insta snapshots of the lowered IR (`generator::lower`) of every fixture in `tests/fixtures/` and of the customer
//! spec: the decisions (names, presence, unions, statuses, encodings) before any code is printed, so a change in
//! lowering shows up here, beside its effect on the output in `fixtures_snapshot.rs`.
//!
//! Each snapshot is the `Api`'s `{:#?}` in the shorter form of `support/compact_debug.rs` (empty values left
//! out). After an IR or lowering change, update with `INSTA_UPDATE=always cargo test -p generator --test
//! fixtures_snapshot --test ir_snapshot` (or `cargo insta review`) and read the diff.

#[path = "support/compact_debug.rs"]
mod compact_debug;
#[path = "support/fixtures.rs"]
mod fixtures;

/// The IR of a spec, as the snapshot shows it.
fn lowered(text: &str) -> String {
    let spec = generator::parse(text).unwrap_or_else(|d| panic!("{d}"));
    let (api, _) = generator::lower(&spec).unwrap_or_else(|d| panic!("{d}"));
    compact_debug::compact(&format!("{api:#?}"))
}

macro_rules! ir_snapshots {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                let ir = lowered(&fixtures::read(stringify!($name)));
                insta::assert_snapshot!(stringify!($name), ir);
            }
        )*
    };
}

fixtures::with_fixtures!(ir_snapshots);

#[test]
fn stax_customer() {
    let text = std::fs::read_to_string(fixtures::CUSTOMER_SPEC).expect("spec/stax-customer.yaml");
    let ir = lowered(&text);
    insta::assert_snapshot!("stax_customer", ir);
}
