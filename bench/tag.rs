//! Tagging speed in Rust alone, phase by phase, on the data of `bench/gazetteer.py` (GeoNames
//! cities15000 with its alternate names, and the 5.6 MB news corpus), for profiling (`perf
//! record`) without Python in the way.
//!
//! Run: `python bench/gazetteer.py --write-corpus` once (writes the dump and the corpus to
//! $NOMINA_BENCH_CACHE, /tmp/nomina-bench by default), then `cargo bench --bench tag`.
//! `cargo bench --bench tag -- tag` runs only the tag loop (for a profile), 30 times.
//! `cargo bench --bench tag -- dump FILE` writes every mention of the corpus (under this
//! gazetteer and the packaged default one) to FILE, to compare two versions' answers.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Instant;

use nomina::gazetteer::geonames::read_geonames;
use nomina::gazetteer::{CaseMode, Gazetteer, GeonamesOptions, TagOptions};
use nomina::normalize::{normalize, normalize_with_offsets};

/// The system allocator, counting allocations (each pass reports how many it made: on a
/// fragmented heap, as in a long Python session, each costs more than here).
struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        System.alloc_zeroed(layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Nanoseconds this thread has run on a CPU (Linux; 0 elsewhere): on a shared machine, less
/// noisy than the wall clock (time spent waiting for a CPU is left out).
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}

fn main() {
    let cache = PathBuf::from(std::env::var("NOMINA_BENCH_CACHE").unwrap_or_else(|_| "/tmp/nomina-bench".into()));
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let only = args.first().cloned();
    let corpus = std::fs::read_to_string(cache.join("corpus.json")).expect("run python bench/gazetteer.py --write-corpus");
    let docs: Vec<String> = serde_json::from_str(&corpus).expect("a JSON list of texts");
    let size = docs.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    let dump = cache.join("cities15000.txt");
    let t = Instant::now();
    let entities = read_geonames(&dump, &GeonamesOptions::default()).expect("the dump");
    let read = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let built = Gazetteer::from_tidy(entities, CaseMode::Smart, "dump").expect("a gazetteer");
    let build = t.elapsed().as_secs_f64();
    let bytes = built.to_bytes();
    // As bench/gazetteer.py does: tag with the gazetteer loaded while the built one was alive.
    let t = Instant::now();
    let g = Gazetteer::from_bytes(&bytes, "bytes").expect("loads");
    let load = t.elapsed().as_secs_f64();
    drop(built);
    let t = Instant::now();
    g.prepare().expect("the trie");
    let prepare = t.elapsed().as_secs_f64();
    println!("{size:.1} MB, {} docs; read dump {read:.3} s, build {build:.3} s, trie {prepare:.3} s, load {load:.3} s", docs.len());
    let time = |label: &str, f: &dyn Fn() -> usize| {
        if only.as_deref().is_some_and(|o| o != label) {
            return;
        }
        // NOMINA_BENCH_RUNS=1: the first pass alone (cold memo of variant keys, as from Python).
        let runs = std::env::var("NOMINA_BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(if only.is_some() { 30 } else { 3 });
        let (mut first, mut best, mut best_cpu, mut first_allocations) = (0.0, f64::MAX, f64::MAX, 0);
        let mut out = 0;
        // `perf record -D -1 --control fifo:CTL` with NOMINA_PERF_CTL=CTL profiles the loops alone.
        let perf = |cmd: &str| {
            if let Ok(ctl) = std::env::var("NOMINA_PERF_CTL") {
                std::fs::write(ctl, cmd).expect("perf control fifo");
            }
        };
        for run in 0..runs {
            let (t, c, a) = (Instant::now(), cpu_ns(), ALLOCATIONS.load(Relaxed));
            perf("enable\n");
            out = f();
            perf("disable\n");
            let seconds = t.elapsed().as_secs_f64();
            if run == 0 {
                first = seconds;
                first_allocations = ALLOCATIONS.load(Relaxed) - a;
            }
            best = best.min(seconds);
            best_cpu = best_cpu.min((cpu_ns() - c) as f64 / 1e9);
        }
        println!(
            "{label:>14}: first {first:.3} s ({first_allocations} allocations), best of {runs} {best:.3} s, CPU {best_cpu:.3} s ({out})"
        );
    };
    let options = TagOptions::new();
    if only.as_deref() == Some("dump") {
        let out = args.get(1).expect("dump FILE");
        let default = Gazetteer::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/python/nomina/data/default.gazetteer.gz")))
            .expect("the default gazetteer");
        // Also some texts in capitals and in lower case (other paths of the tiers).
        let mut texts = docs.clone();
        texts.extend(docs.iter().take(300).map(|d| d.to_uppercase()));
        texts.extend(docs.iter().take(300).map(|d| d.to_lowercase()));
        let mut lines = String::new();
        for (name, g) in [("cities15000", &g), ("default", &default)] {
            for variants in [None, Some(false)] {
                let options = TagOptions { variants, ..TagOptions::new() };
                for (i, d) in texts.iter().enumerate() {
                    for m in g.tag(d, &options).expect("tags") {
                        let alternatives: Vec<&str> = m.alternatives.iter().map(|&a| g.entity(a).id.as_str()).collect();
                        lines += &format!(
                            "{name} {variants:?} {i} {}..{} {:?} {} {:.6} {} {alternatives:?}\n",
                            m.start, m.end, m.text, g.entity(m.entity).id, m.score, m.match_kind.as_str()
                        );
                    }
                }
            }
        }
        std::fs::write(out, lines).expect("written");
        return;
    }
    let exact = TagOptions { variants: Some(false), ..TagOptions::new() };
    time("tag", &|| docs.iter().map(|d| g.tag(d, &options).map_or(0, |m| m.len())).sum());
    time("tag_exact", &|| docs.iter().map(|d| g.tag(d, &exact).map_or(0, |m| m.len())).sum());
    time("fold", &|| docs.iter().map(|d| normalize(d).len()).sum());
    time("fold_offsets", &|| docs.iter().map(|d| normalize_with_offsets(d).text.len()).sum());
    let folded: Vec<String> = docs.iter().map(|d| normalize(d)).collect();
    g.raw_scan("").expect("automaton");
    time("raw_scan", &|| folded.iter().map(|f| g.raw_scan(f).unwrap_or(0)).sum());
}
