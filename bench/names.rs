//! Speed of the names core on one core: variant_key names/s, similarity pairs/s (scalar, both
//! names prepared on each call; then one name against each, where the repeated name is not
//! prepared again) and prepared pairs/s (what similarity_matrix does per pair).
//!
//! Run: cargo bench --bench names
//! The names are those of tests/data/name_variants.tsv (Latin, Arabic script, Cyrillic).

use std::hint::black_box;
use std::time::{Duration, Instant};

use nomina::normalize::normalize;
use nomina::similarity::{similarity, similarity_prepared, PreparedName};
use nomina::variants::variant_key;

const GOLDEN: &str = include_str!("../tests/data/name_variants.tsv");

fn names() -> Vec<String> {
    let mut names: Vec<String> = GOLDEN
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .flat_map(|l| l.split('\t').skip(1).map(str::to_owned).collect::<Vec<_>>())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Runs `f` over `items` repeatedly for about `budget`; returns items per second.
fn rate<T>(items: &[T], budget: Duration, mut f: impl FnMut(&T)) -> f64 {
    let start = Instant::now();
    let mut done = 0usize;
    while start.elapsed() < budget {
        for item in items {
            f(item);
        }
        done += items.len();
    }
    done as f64 / start.elapsed().as_secs_f64()
}

fn main() {
    let all = names();
    let latin: Vec<String> = all.iter().filter(|n| n.is_ascii()).cloned().collect();
    let budget = Duration::from_millis(1500);
    println!("| operation (1 core) | names | speed |");
    println!("|---|---|---|");
    for (label, set) in [("all scripts", &all), ("ASCII only", &latin)] {
        let r = rate(set, budget, |n| {
            black_box(normalize(black_box(n)));
        });
        println!("| normalize | {} {label} | {:.2} M names/s |", set.len(), r / 1e6);
        let r = rate(set, budget, |n| {
            black_box(variant_key(black_box(n)));
        });
        println!("| variant_key | {} {label} | {:.2} M names/s |", set.len(), r / 1e6);
        let pairs: Vec<(&String, &String)> = set.iter().zip(set.iter().rev()).collect();
        let r = rate(&pairs, budget, |(a, b)| {
            black_box(similarity(black_box(a), black_box(b)));
        });
        println!("| similarity (scalar) | {} {label} | {:.2} M pairs/s |", set.len(), r / 1e6);
        let query = &set[set.len() / 2];
        let r = rate(set, budget, |b| {
            black_box(similarity(black_box(query), black_box(b)));
        });
        println!("| similarity (scalar, one name against each) | {} {label} | {:.2} M pairs/s |", set.len(), r / 1e6);
        let prepared: Vec<PreparedName> = set.iter().map(|n| PreparedName::new(n)).collect();
        let pairs: Vec<(&PreparedName, &PreparedName)> =
            prepared.iter().flat_map(|a| prepared.iter().map(move |b| (a, b))).collect();
        let r = rate(&pairs, budget, |(a, b)| {
            black_box(similarity_prepared(black_box(a), black_box(b)));
        });
        println!("| similarity, prepared (similarity_matrix) | {} {label} | {:.2} M pairs/s |", set.len(), r / 1e6);
    }
    println!("\nCommand: cargo bench --bench names");
}
