//! TEMPORARY stand-in for the names module (normalize / variant_key / similarity) until the
//! `names` branch is merged; replaced by re-exports then.
use std::ops::Range;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

pub struct NormalizedText {
    pub text: String,
    sources: Vec<Range<usize>>,
    starts: Vec<usize>,
}

impl NormalizedText {
    pub fn source_range(&self, start: usize, end: usize) -> Range<usize> {
        let a = self.starts.partition_point(|&s| s < start);
        let b = self.starts.partition_point(|&s| s < end);
        if a >= b || b > self.sources.len() {
            return 0..0;
        }
        self.sources[a].start..self.sources[b - 1].end
    }
}

pub fn normalize_with_offsets(s: &str) -> NormalizedText {
    let mut text = String::new();
    let mut sources = Vec::new();
    let mut starts = Vec::new();
    let mut space: Option<Range<usize>> = None;
    for (i, c) in s.char_indices() {
        let r = i..i + c.len_utf8();
        if c.is_whitespace() {
            if !text.is_empty() && space.is_none() {
                space = Some(r);
            }
            continue;
        }
        let c = if matches!(c, '’' | 'ʼ' | '‘') { '\'' } else { c };
        for d in c.to_lowercase().collect::<String>().nfkd() {
            if is_combining_mark(d) {
                continue;
            }
            if let Some(sp) = space.take() {
                starts.push(text.len());
                text.push(' ');
                sources.push(sp);
            }
            starts.push(text.len());
            text.push(d);
            sources.push(r.clone());
        }
    }
    NormalizedText { text, sources, starts }
}

pub fn normalize(s: &str) -> String {
    normalize_with_offsets(s).text
}

pub fn variant_key(s: &str) -> String {
    let n = normalize(s);
    let mut out = String::new();
    for w in n.split(|c: char| !c.is_alphanumeric()) {
        if w == "al" || w == "el" || w.is_empty() {
            continue;
        }
        for c in w.chars() {
            let c = match c { 'o' => 'u', 'e' | 'i' => 'i', 'a' => continue, c => c };
            if !out.ends_with(c) {
                out.push(c);
            }
        }
    }
    out.replace("ou", "u").replace("u", "u")
}

pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (normalize(a), normalize(b));
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + usize::from(a[i - 1] != b[j - 1]));
        }
        prev = cur;
    }
    let m = a.len().max(b.len()).max(1);
    1.0 - prev[b.len()] as f64 / m as f64
}
