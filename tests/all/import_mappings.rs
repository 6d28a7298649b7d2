//! Column mappings saved by name (issue 20, item 3): `import save-mapping`, `import mappings
//! [--json]`, `import delete-mapping`, `import consent --saved-mapping NAME`, and a header no
//! preset knows read with the saved mapping whose columns it has — audited, and a bad name or
//! file refused with nothing changed.

use std::path::{Path, PathBuf};

use crate::common::{PASS, Run, TempStore, cli_init, query_i64, run};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

struct Desk {
    store: TempStore,
    pass_file: PathBuf,
}

impl Desk {
    fn new() -> Self {
        let store = TempStore::new();
        let out = cli_init(&store);
        assert_eq!(out.code, Some(0), "{out:?}");
        let pass_file = store.secret_file("owner-pass.txt", PASS);
        Self { store, pass_file }
    }

    fn cli(&self, args: &[&str]) -> Run {
        run(self.store.cli_with(&self.pass_file).args(args))
    }

    fn count(&self, sql: &str) -> i64 {
        query_i64(&self.store.raw(), sql)
    }
}

#[test]
fn a_saved_mapping_is_listed_used_by_name_and_offered_for_a_file_with_its_columns() {
    let desk = Desk::new();
    let mapping = data("mapping.toml");
    let out = desk.cli(&[
        "import",
        "save-mapping",
        "Shop export",
        "--from",
        mapping.to_str().unwrap(),
    ]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(
        out.stdout
            .contains("Saved the mapping \"Shop export\" (6 columns)"),
        "{out:?}"
    );
    assert_eq!(
        desk.count("SELECT COUNT(*) FROM audit_log WHERE action = 'import.mapping_saved'"),
        1
    );

    let out = desk.cli(&["import", "mappings", "--json"]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json[0]["name"], "Shop export");
    assert_eq!(json[0]["columns"]["e-mail-adresse"], "email");
    assert_eq!(json[0]["columns"]["kundennummer"], "ignore");
    assert_eq!(json[0]["saved_by"], "owner");
    let plain = desk.cli(&["import", "mappings"]);
    assert!(
        plain.stdout.contains("\"vorname\" → first_name"),
        "{plain:?}"
    );

    // No preset knows the German header; the saved mapping names its columns, so it reads it.
    let file = data("generic_mapped.csv");
    let out = desk.cli(&[
        "import",
        "consent",
        file.to_str().unwrap(),
        "--purpose",
        "newsletter",
    ]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(
        out.stderr
            .contains("preset generic with the saved mapping \"Shop export\""),
        "{out:?}"
    );
    assert!(desk.count("SELECT COUNT(*) FROM subjects") > 0);

    // By name, on a fresh store's second import of the same file: nothing new, no error.
    let out = desk.cli(&[
        "import",
        "consent",
        file.to_str().unwrap(),
        "--saved-mapping",
        "Shop export",
        "--purpose",
        "newsletter",
    ]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(
        out.stdout.contains("subjects created:          0"),
        "{out:?}"
    );

    // Saving again under the same name replaces it.
    let out = desk.cli(&[
        "import",
        "save-mapping",
        "Shop export",
        "--from",
        mapping.to_str().unwrap(),
    ]);
    assert!(out.stdout.contains("Replaced the mapping"), "{out:?}");
    assert_eq!(
        desk.count("SELECT COUNT(*) FROM import_mappings"),
        1,
        "one mapping per name"
    );

    let out = desk.cli(&["import", "delete-mapping", "Shop export"]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(desk.count("SELECT COUNT(*) FROM import_mappings"), 0);
    assert_eq!(
        desk.count("SELECT COUNT(*) FROM audit_log WHERE action = 'import.mapping_deleted'"),
        1
    );
}

#[test]
fn unknown_names_bad_files_and_bad_names_are_refused_and_change_nothing() {
    let desk = Desk::new();
    let file = data("generic_mapped.csv");

    let out = desk.cli(&[
        "import",
        "consent",
        file.to_str().unwrap(),
        "--saved-mapping",
        "Nope",
        "--purpose",
        "newsletter",
    ]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(
        out.stderr
            .contains("no mapping is saved as \"Nope\"; none is saved yet"),
        "{out:?}"
    );

    let bad = data("bad_mapping.toml");
    let out = desk.cli(&[
        "import",
        "save-mapping",
        "Shop",
        "--from",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(
        out.stderr
            .contains("bad_mapping.toml:3: \"firstname\" is not a field"),
        "{out:?}"
    );
    assert!(out.stderr.contains("Nothing was saved."), "{out:?}");

    let good = data("mapping.toml");
    for (name, says) in [
        ("  ", "give the mapping a name"),
        ("two\nlines", "control character"),
    ] {
        let out = desk.cli(&[
            "import",
            "save-mapping",
            name,
            "--from",
            good.to_str().unwrap(),
        ]);
        assert_eq!(out.code, Some(1), "{name:?}: {out:?}");
        assert!(out.stderr.contains(says), "{name:?}: {out:?}");
    }
    let out = desk.cli(&["import", "delete-mapping", "Nope"]);
    assert_eq!(out.code, Some(1), "{out:?}");

    // --mapping and --saved-mapping together are refused by the parser.
    let out = desk.cli(&[
        "import",
        "consent",
        file.to_str().unwrap(),
        "--saved-mapping",
        "Shop",
        "--mapping",
        good.to_str().unwrap(),
    ]);
    assert_eq!(out.code, Some(2), "{out:?}");

    assert_eq!(desk.count("SELECT COUNT(*) FROM import_mappings"), 0);
    assert_eq!(desk.count("SELECT COUNT(*) FROM subjects"), 0);
    assert_eq!(
        desk.count(
            "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'import.%' OR action = 'consent.imported'"
        ),
        0
    );
}
