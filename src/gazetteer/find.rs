//! Looking one name up among all names: exact hits on the folded form and on the variant key,
//! then fuzzy candidates from a trigram index over the variant keys (only the rarest trigrams
//! of the query are read, so a lookup costs the same whatever the gazetteer's size), ranked by
//! string similarity with a prominence prior. Never a scan of every name.

use rustc_hash::FxHashMap;

use super::build::{Gazetteer, Role};
use super::resolve::prominence;
use super::tag::MatchKind;
use crate::normalize::normalize;
use crate::similarity::similarity;
use crate::variants::variant_key;

/// One answer of `find`: an entity, how sure, and which of its names matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub entity: u32,
    pub score: f64,
    pub alias: String,
    pub match_kind: MatchKind,
}

/// Filters of `find`.
#[derive(Debug, Clone, Default)]
pub struct FindOptions {
    pub limit: usize,
    pub kind: Option<String>,
    pub country: Option<String>,
}

/// Posting lists of the trigrams of the folded forms (form groups, not names: many names
/// share a form).
pub(crate) struct TrigramIndex {
    ids: FxHashMap<u64, u32>,
    starts: Vec<u32>,
    members: Vec<u32>,
}

/// Trigrams of a key padded at both ends, each packed in a u64 (3 x 21 bits).
fn trigrams(key: &str) -> Vec<u64> {
    let chars: Vec<u32> = std::iter::once(1).chain(key.chars().map(|c| c as u32)).chain(std::iter::once(2)).collect();
    let mut grams: Vec<u64> = chars
        .windows(3)
        .map(|w| (u64::from(w[0]) << 42) | (u64::from(w[1]) << 21) | u64::from(w[2]))
        .collect();
    grams.sort_unstable();
    grams.dedup();
    grams
}

impl TrigramIndex {
    fn build<'a>(keys: impl ExactSizeIterator<Item = &'a str>) -> TrigramIndex {
        let mut ids: FxHashMap<u64, u32> = FxHashMap::default();
        let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(keys.len() * 8);
        for (k, key) in keys.enumerate() {
            for gram in trigrams(key) {
                let next = ids.len() as u32;
                let id = *ids.entry(gram).or_insert(next);
                pairs.push((id, k as u32));
            }
        }
        let mut starts = vec![0u32; ids.len() + 1];
        for &(g, _) in &pairs {
            starts[g as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut fill = starts.clone();
        let mut members = vec![0u32; pairs.len()];
        for (g, k) in pairs {
            members[fill[g as usize] as usize] = k;
            fill[g as usize] += 1;
        }
        TrigramIndex { ids, starts, members }
    }

    fn postings(&self, gram: u64) -> &[u32] {
        match self.ids.get(&gram) {
            Some(&g) => &self.members[self.starts[g as usize] as usize..self.starts[g as usize + 1] as usize],
            None => &[],
        }
    }

    /// Groups sharing the most trigrams with `key`, best first, at most `limit`.
    fn nearest(&self, key: &str, limit: usize) -> Vec<u32> {
        let grams = trigrams(key);
        let mut lists: Vec<&[u32]> = grams.iter().map(|&g| self.postings(g)).filter(|p| !p.is_empty()).collect();
        lists.sort_by_key(|p| p.len());
        // The rarest trigrams carry the information; common ones ("an", "al") would make a
        // lookup as slow as a scan. Read lists until the budget is spent (at least three).
        const BUDGET: usize = 4000;
        let mut counts: FxHashMap<u32, u32> = FxHashMap::with_capacity_and_hasher(2048, Default::default());
        let mut spent = 0;
        for (read, list) in lists.iter().enumerate() {
            if read >= 3 && spent + list.len() > BUDGET {
                break;
            }
            spent += list.len();
            for &k in *list {
                *counts.entry(k).or_insert(0) += 1;
            }
        }
        let mut best: Vec<(u32, u32)> = counts.into_iter().collect();
        let cut = best.len().min(limit);
        if cut == 0 {
            return Vec::new();
        }
        best.select_nth_unstable_by(cut - 1, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        best.truncate(cut);
        best.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        best.into_iter().map(|(k, _)| k).collect()
    }
}

/// 1 - optimal-string-alignment distance (Levenshtein with transpositions) / longer length,
/// over chars: the typo-level closeness of two folded forms, which the variant key (blind to
/// vowels) cannot see.
fn edit_ratio(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    let width = b.len() + 1;
    let mut before: Vec<usize> = vec![0; width];
    let mut previous: Vec<usize> = (0..width).collect();
    let mut current: Vec<usize> = vec![0; width];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (previous[j - 1] + cost).min(previous[j] + 1).min(current[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            current[j] = d;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    1.0 - previous[b.len()] as f64 / longest as f64
}

impl Gazetteer {
    /// `find` for many names on `threads` threads (`None`: all cores); same answers, same order.
    pub fn find_batch(&self, names: &[&str], options: &FindOptions, threads: Option<usize>) -> crate::Result<Vec<Vec<Candidate>>> {
        crate::parallel::map_ordered(names, threads, |name| self.find(name, options))
    }

    /// The entities whose names are closest to `name`, best first.
    pub fn find(&self, name: &str, options: &FindOptions) -> Vec<Candidate> {
        let query = name.trim();
        if query.is_empty() || options.limit == 0 {
            return Vec::new();
        }
        let folded = normalize(query);
        let key = variant_key(query);
        let wanted = |n: u32| {
            let e = self.entity(self.names[n as usize].entity);
            options.kind.as_deref().map_or(true, |k| e.kind == k)
                && options.country.as_deref().map_or(true, |c| e.country.as_deref().is_some_and(|ec| ec.eq_ignore_ascii_case(c)))
        };
        // Folded forms to consider, each with how it was reached.
        let mut forms: Vec<(u32, MatchKind)> = Vec::new();
        let exact_form = self.forms.get(&folded);
        if let Some(g) = exact_form {
            forms.push((g, MatchKind::Normalized));
        }
        let key_group = if key.is_empty() { None } else { self.keys.get(&key) };
        if let Some(k) = key_group {
            let mut seen = Vec::new();
            for &n in self.keys.members(k) {
                let f = self.names[n as usize].form;
                if Some(f) != exact_form && f != u32::MAX && !seen.contains(&f) {
                    seen.push(f);
                    forms.push((f, MatchKind::Variant));
                }
            }
        }
        let hits = forms.iter().flat_map(|&(g, _)| self.forms.members(g)).filter(|&&n| wanted(n)).count();
        if hits < options.limit {
            let index = self.trigrams.get_or_init(|| TrigramIndex::build(self.forms.texts()));
            for f in index.nearest(&folded, 24) {
                if !forms.iter().any(|&(g, _)| g == f) {
                    forms.push((f, MatchKind::Fuzzy));
                }
            }
        }
        // Rank forms by closeness of spelling (cheap), then score the best few in full.
        let mut ranked: Vec<(u32, MatchKind, f64)> = forms
            .into_iter()
            .map(|(g, kind)| (g, kind, if kind == MatchKind::Normalized { 1.0 } else { edit_ratio(&folded, self.forms.text(g)) }))
            .collect();
        ranked.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
        let mut best: FxHashMap<u32, Candidate> = FxHashMap::default();
        let mut scored_forms = 0;
        for (g, kind, closeness) in ranked {
            let members: Vec<u32> = self.forms.members(g).iter().copied().filter(|&n| wanted(n)).collect();
            if members.is_empty() {
                continue;
            }
            scored_forms += 1;
            if scored_forms > 8 + options.limit {
                break;
            }
            for n in members {
                let name_ref = &self.names[n as usize];
                let surface = self.surface(name_ref);
                let (kind, sim) = match (kind, name_ref.role) {
                    (MatchKind::Normalized, Role::Name) if surface == query => (MatchKind::Exact, 1.0),
                    (MatchKind::Normalized, Role::Alias) if surface == query => (MatchKind::Alias, 1.0),
                    (MatchKind::Normalized, Role::Demonym) => (MatchKind::Demonym, 0.98),
                    (MatchKind::Normalized, _) => (MatchKind::Normalized, 0.98),
                    (kind, _) => {
                        let sim = 0.5 * similarity(query, surface) + 0.5 * closeness;
                        (kind, if kind == MatchKind::Variant { sim.min(0.97) } else { sim.min(0.95) })
                    }
                };
                let e = self.entity(name_ref.entity);
                let score = (0.95 * sim + 0.05 * (prominence(e) / 0.3).min(1.0)).clamp(0.0, 1.0);
                match best.get(&name_ref.entity) {
                    Some(c) if c.score >= score => {}
                    _ => {
                        best.insert(
                            name_ref.entity,
                            Candidate { entity: name_ref.entity, score, alias: surface.to_string(), match_kind: kind },
                        );
                    }
                }
            }
        }
        let mut out: Vec<Candidate> = best.into_values().collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entity.cmp(&b.entity)));
        out.truncate(options.limit);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::edit_ratio;

    #[test]
    fn transpositions_cost_one_edit() {
        assert_eq!(edit_ratio("vilar", "vialr"), 0.8);
        assert_eq!(edit_ratio("abc", "abc"), 1.0);
        assert_eq!(edit_ratio("", ""), 1.0);
        assert!((edit_ratio("kitten", "sitting") - (1.0 - 3.0 / 7.0)).abs() < 1e-9);
    }
}
