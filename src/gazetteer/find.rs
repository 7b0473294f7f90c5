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

/// Posting lists of the trigrams of the variant keys (key groups, not names: many names share
/// a key).
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

    /// Key groups sharing the most trigrams with `key`, best first, at most `limit`.
    fn nearest(&self, key: &str, limit: usize) -> Vec<u32> {
        let grams = trigrams(key);
        let mut lists: Vec<&[u32]> = grams.iter().map(|&g| self.postings(g)).filter(|p| !p.is_empty()).collect();
        lists.sort_by_key(|p| p.len());
        // The rarest trigrams carry the information; common ones ("an", "al") would make a
        // lookup as slow as a scan. Read lists until the budget is spent (at least three).
        const BUDGET: usize = 6000;
        let mut counts: FxHashMap<u32, u32> = FxHashMap::default();
        let mut spent = 0;
        let mut read = 0;
        for list in &lists {
            if read >= 3 && spent + list.len() > BUDGET {
                break;
            }
            spent += list.len();
            read += 1;
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

impl Gazetteer {
    /// The entities whose names are closest to `name`, best first.
    pub fn find(&self, name: &str, options: &FindOptions) -> Vec<Candidate> {
        let query = name.trim();
        if query.is_empty() || options.limit == 0 {
            return Vec::new();
        }
        let folded = normalize(query);
        let key = variant_key(query);
        // name id -> how it matched
        let mut hits: Vec<(u32, MatchKind)> = Vec::new();
        if let Some(g) = self.forms.get(&folded) {
            for &n in self.forms.members(g) {
                let exact = self.surface(&self.names[n as usize]) == query;
                let kind = match self.names[n as usize].role {
                    Role::Name if exact => MatchKind::Exact,
                    Role::Alias if exact => MatchKind::Alias,
                    Role::Demonym => MatchKind::Demonym,
                    _ => MatchKind::Normalized,
                };
                hits.push((n, kind));
            }
        }
        let key_group = if key.is_empty() { None } else { self.keys.get(&key) };
        if let Some(g) = key_group {
            hits.extend(self.keys.members(g).iter().map(|&n| (n, MatchKind::Variant)));
        }
        let wanted = |n: u32| {
            let e = self.entity(self.names[n as usize].entity);
            options.kind.as_deref().map_or(true, |k| e.kind == k)
                && options.country.as_deref().map_or(true, |c| e.country.as_deref().is_some_and(|ec| ec.eq_ignore_ascii_case(c)))
        };
        let distinct_hits = hits.iter().filter(|(n, _)| wanted(*n)).count();
        if distinct_hits < options.limit && !key.is_empty() {
            let index = self.trigrams.get_or_init(|| TrigramIndex::build(self.keys.texts()));
            let mut budget = 64usize;
            for k in index.nearest(&key, 24) {
                if Some(k) == key_group {
                    continue;
                }
                for &n in self.keys.members(k) {
                    if budget == 0 {
                        break;
                    }
                    if wanted(n) {
                        hits.push((n, MatchKind::Fuzzy));
                        budget -= 1;
                    }
                }
            }
        }
        // Best candidate per entity.
        let mut best: FxHashMap<u32, Candidate> = FxHashMap::default();
        for (n, kind) in hits {
            if !wanted(n) {
                continue;
            }
            let name_ref = &self.names[n as usize];
            let surface = self.surface(name_ref);
            let sim = match kind {
                MatchKind::Exact | MatchKind::Alias => 1.0,
                MatchKind::Normalized | MatchKind::Demonym => 0.98,
                MatchKind::Variant => similarity(query, surface).clamp(0.9, 0.97),
                MatchKind::Fuzzy => similarity(query, surface).min(0.95),
            };
            let e = self.entity(name_ref.entity);
            let score = (0.9 * sim + 0.1 * (prominence(e) / 0.3).min(1.0)).clamp(0.0, 1.0);
            let candidate = Candidate { entity: name_ref.entity, score, alias: surface.to_string(), match_kind: kind };
            match best.get(&name_ref.entity) {
                Some(c) if c.score >= score => {}
                _ => {
                    best.insert(name_ref.entity, candidate);
                }
            }
        }
        let mut out: Vec<Candidate> = best.into_values().collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entity.cmp(&b.entity)));
        out.truncate(options.limit);
        out
    }
}
