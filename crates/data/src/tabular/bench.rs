//! A generated CSV of village figures for the ingest benchmark (`bench/data.sh`, through the
//! hidden `terbuka bench-data dataset-csv`): every column type, deterministic (the same row
//! count gives the same bytes), written as it is generated.

use std::io::Write;

const KECAMATAN: [&str; 8] = [
    "Bojonegoro",
    "Dander",
    "Kalitidu",
    "Kapas",
    "Baureno",
    "Sumberrejo",
    "Padangan",
    "Ngasem",
];

const SYLLABLES: [&str; 12] = [
    "ka", "li", "re", "jo", "su", "ko", "ngum", "pak", "da", "lem", "wo", "ro",
];

/// A small generator (SplitMix64): no dependency, same output everywhere.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// The header of the generated file.
pub const HEADER: &str =
    "kode_desa,desa,kecamatan,tahun,penduduk,luas_km2,desa_wisata,tanggal_pendataan,keterangan";

/// Write `rows` rows (and the header) to `out`.
pub fn dataset_csv(rows: u64, out: &mut impl Write) -> std::io::Result<()> {
    let mut mix = Mix(0x5EED_DA7A_2026_0005);
    writeln!(out, "{HEADER}")?;
    for i in 0..rows {
        let k = usize::try_from(mix.below(KECAMATAN.len() as u64)).unwrap_or(0);
        let mut desa = String::new();
        for s in 0..2 + mix.below(2) {
            let syl = SYLLABLES[usize::try_from(mix.below(12)).unwrap_or(0)];
            if s == 0 {
                let mut c = syl.chars();
                if let Some(f) = c.next() {
                    desa.extend(f.to_uppercase());
                    desa.push_str(c.as_str());
                }
            } else {
                desa.push_str(syl);
            }
        }
        let note = match mix.below(4) {
            0 => "\"Data BPS, diperbarui\"",
            1 => "hasil pendataan lapangan",
            _ => "",
        };
        writeln!(
            out,
            "35.22.{:02}.{:04},{desa},{},{},{},{}.{:02},{},{}-{:02}-{:02},{note}",
            k + 1,
            2001 + i % 10_000,
            KECAMATAN[k],
            2015 + mix.below(11),
            500 + mix.below(15_000),
            mix.below(40),
            mix.below(100),
            if mix.below(5) == 0 { "ya" } else { "tidak" },
            2015 + mix.below(11),
            1 + mix.below(12),
            1 + mix.below(28),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tabular::{ColumnType, LoadOptions, inspect};

    #[test]
    fn the_generated_file_loads_with_every_type() {
        let mut bytes = Vec::new();
        dataset_csv(2_000, &mut bytes).unwrap();
        let i = inspect(&bytes, "bench.csv", &LoadOptions::default());
        assert!(i.report.is_ok(), "{:?}", i.report);
        assert_eq!(i.rows, 2_000);
        let kinds: Vec<ColumnType> = i.columns.iter().map(|c| c.kind).collect();
        use ColumnType::*;
        assert_eq!(
            kinds,
            [
                Text, Text, Text, Integer, Integer, Number, Boolean, Date, Text
            ]
        );
        let mut again = Vec::new();
        dataset_csv(2_000, &mut again).unwrap();
        assert_eq!(bytes, again);
    }
}
