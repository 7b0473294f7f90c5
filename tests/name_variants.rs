//! The golden name data shared with the Python suite (tests/data/name_variants.tsv).

use nomina::normalize::normalize;
use nomina::similarity::{same_name, similarity, DEFAULT_THRESHOLD};
use nomina::variants::variant_key;

const GOLDEN: &str = include_str!("data/name_variants.tsv");

#[test]
fn golden_name_data() {
    let mut failures = Vec::new();
    let mut rows = 0;
    for (number, line) in GOLDEN.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [relation, a, b] = fields[..] else {
            panic!("line {}: expected 3 tab-separated fields: {line:?}", number + 1);
        };
        rows += 1;
        let ok = match relation {
            "normalize" => normalize(a) == b,
            "key" => variant_key(a) == b,
            "same_key" => variant_key(a) == variant_key(b),
            "same_name" => same_name(a, b, DEFAULT_THRESHOLD),
            "different" => !same_name(a, b, DEFAULT_THRESHOLD),
            other => panic!("line {}: unknown relation {other:?}", number + 1),
        };
        if !ok {
            failures.push(format!(
                "line {}: {relation} {a:?} {b:?} (normalize {:?} / {:?}, keys {:?} / {:?}, similarity {:.3})",
                number + 1,
                normalize(a),
                normalize(b),
                variant_key(a),
                variant_key(b),
                similarity(a, b)
            ));
        }
    }
    assert!(rows > 50, "only {rows} golden rows");
    assert!(failures.is_empty(), "{} golden rows fail:\n{}", failures.len(), failures.join("\n"));
}
