//! Fuzzing the importer against the database: damaged copies of a good CSV and XLSX file go
//! through `import_file`; none may panic, and every refused file must leave no trace
//! (no version, line, name, stored file or audit entry). Deterministic (a fixed seed), so a
//! failure reproduces.

use budget::{ImportError, Stage};

use super::{count, csv, good_rows, importer, xlsx};
use crate::support::TestApp;

/// Iterations per format.
const ROUNDS: usize = 150;

/// xorshift64*: small, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A damaged copy of `good`: a few bytes changed, a slice removed or duplicated, or cut short.
fn damage(rng: &mut Rng, good: &[u8]) -> Vec<u8> {
    let mut bytes = good.to_vec();
    match rng.below(4) {
        0 => {
            for _ in 0..1 + rng.below(6) {
                let i = rng.below(bytes.len());
                bytes[i] = rng.next() as u8;
            }
        }
        1 => {
            let at = rng.below(bytes.len());
            let len = rng.below(64).min(bytes.len() - at);
            bytes.drain(at..at + len);
        }
        2 => {
            let at = rng.below(bytes.len());
            let len = rng.below(64).min(bytes.len() - at);
            let copy: Vec<u8> = bytes[at..at + len].to_vec();
            let to = rng.below(bytes.len());
            bytes.splice(to..to, copy);
        }
        _ => bytes.truncate(rng.below(bytes.len()).max(1)),
    }
    bytes
}

#[tokio::test]
async fn damaged_files_never_panic_and_refused_ones_write_nothing() {
    let app = TestApp::start().await;
    let mut rng = Rng(0x7e4b_0c2d_9a11_3f05);
    let files = [
        (csv(&good_rows()), "apbd.csv"),
        (xlsx(&good_rows(), "anggaran"), "apbd.xlsx"),
    ];
    let (mut refused, mut accepted) = (0, 0);
    for (good, name) in &files {
        for _ in 0..ROUNDS {
            let bytes = damage(&mut rng, good);
            let before = (
                count(&app, "budget_versions").await,
                count(&app, "budget_lines").await,
                count(&app, "budget_names").await,
                count(&app, "files").await,
                count(&app, "audit_log").await,
                app.stored_objects(),
            );
            match budget::import_file(&app.state, &bytes, name, 2026, Stage::Murni, &importer())
                .await
            {
                Ok(summary) => {
                    accepted += 1;
                    assert!(summary.lines > 0);
                }
                Err(ImportError::Rejected(report)) => {
                    refused += 1;
                    assert!(!report.problems.is_empty());
                    let after = (
                        count(&app, "budget_versions").await,
                        count(&app, "budget_lines").await,
                        count(&app, "budget_names").await,
                        count(&app, "files").await,
                        count(&app, "audit_log").await,
                        app.stored_objects(),
                    );
                    assert_eq!(before, after, "a refused file wrote something");
                }
                Err(ImportError::Failed(err)) => panic!("storage failed: {err:#}"),
            }
        }
    }
    println!(
        "budget fuzz: {refused} refused, {accepted} accepted of {} damaged files",
        2 * ROUNDS
    );
    assert!(refused > ROUNDS / 2, "most damaged files are refused");
}
