//! The fuzz targets' properties as quick tests: hundreds of changed files and
//! a few thousand generated texts, from the fuzz seeds and the fixtures, changed at random but
//! the same every run, so that `cargo test` checks what `cargo xtask fuzz`
//! checks at length.

include!("../../fuzz/properties.rs");

/// A small deterministic random source (xorshift): failures replay.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// `seed` with a few bytes changed, inserted, removed or cut off.
    fn mutate(&mut self, seed: &[u8]) -> Vec<u8> {
        let mut bytes = seed.to_vec();
        for _ in 0..=self.below(6) {
            let at = self.below(bytes.len() + 1);
            match self.below(4) {
                0 if at < bytes.len() => bytes[at] = self.next() as u8,
                1 => bytes.insert(at, self.next() as u8),
                2 if at < bytes.len() => {
                    bytes.remove(at);
                }
                _ => bytes.truncate(at.max(1)),
            }
        }
        bytes
    }
}

fn seeds(folder: &str) -> Vec<Vec<u8>> {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut found: Vec<_> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        // The committed seeds, not what a local fuzz run added beside them.
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("seed-"))
        })
        .collect();
    found.sort();
    found.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

#[test]
fn the_importer_keeps_its_properties_on_thousands_of_changed_files() {
    let (store, id) = super::programme_in_memory("Eigenschappen");
    let mut inputs = seeds("fuzz/corpus/spreadsheet");
    inputs.push(std::fs::read(super::fixture_path("bombs/wide.xls")).unwrap());
    inputs.push(std::fs::read(super::fixture_path("libreoffice/deelnemers-demo.xlsx")).unwrap());
    let mut dice = Dice(0x5EED_0FC0_FFEE);
    // Four hundred changed files (each planned as a whole import, about 20 ms
    // in a debug build); the fuzzer runs the same checks for minutes.
    for round in 0..400 {
        let seed = &inputs[round % inputs.len()];
        check_spreadsheet(&store, id, &dice.mutate(seed));
    }
    for seed in &inputs {
        check_spreadsheet(&store, id, seed);
    }
}

#[test]
fn the_availability_and_date_parsers_keep_their_properties() {
    let mut dice = Dice(0xDA7E_5EED);
    let words = [
        "ma",
        "di",
        "wo",
        "do",
        "vr",
        "za",
        "zo",
        "mon",
        "tue",
        "wed",
        "lun",
        "mar",
        "9",
        "12",
        "9:00",
        "12:30",
        "17u",
        "-",
        "–",
        ",",
        ";",
        " ",
        "tot",
        "to",
        "à",
        "h",
        "24:00",
        "0",
        "31",
        "02",
        "2027",
        "/",
        ".",
        "1899",
        "2201",
        "29-02-2028",
        "2027-13-01",
    ];
    let mut texts: Vec<String> = seeds("fuzz/corpus/availability")
        .into_iter()
        .chain(seeds("fuzz/corpus/date"))
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    for _ in 0..3_000 {
        let mut text = String::new();
        for _ in 0..=dice.below(8) {
            text.push_str(words[dice.below(words.len())]);
        }
        texts.push(text);
    }
    for text in &texts {
        check_availability(text);
        check_date(text);
    }
}
