//! One entity per mention. When the words of a mention name several entities (*Paris*, France
//! or Texas; *Tripoli*, Libya or Lebanon), the document decides: the countries that its
//! unambiguous mentions point at, then kind and population priors. The losers stay on the
//! mention as alternatives, best first, so the choice can be explained and overridden.

use rustc_hash::FxHashMap;

use super::build::Gazetteer;
use super::entity::Entity;
use super::tag::MatchKind;

/// One entity a span of text may name, and how.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Option_ {
    pub entity: u32,
    pub kind: MatchKind,
}

/// A span of text (byte offsets) and the entities it may name, one option per entity.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub options: Vec<Option_>,
}

impl Found {
    pub fn new(start: usize, end: usize, mut options: Vec<Option_>) -> Found {
        // Best way of matching first (MatchKind orders from exact to fuzzy), one per entity.
        options.sort_by_key(|o| (o.entity, o.kind));
        options.dedup_by_key(|o| o.entity);
        Found { start, end, options }
    }
}

pub(crate) struct Resolved {
    pub start: usize,
    pub end: usize,
    pub entity: u32,
    pub score: f64,
    pub match_kind: MatchKind,
    pub alternatives: Vec<u32>,
}

fn kind_prior(kind: &str) -> f64 {
    match kind {
        "country" => 0.15,
        "region" => 0.1,
        "organization" | "person" => 0.1,
        "place" => 0.05,
        _ => 0.0,
    }
}

/// Prior weight of an entity whatever the text: big places and countries are mentioned more.
pub(crate) fn prominence(e: &Entity) -> f64 {
    let population = e.population.map_or(0.0, |p| ((p as f64) + 1.0).log10() / 7.0).min(1.0);
    kind_prior(&e.kind) + 0.15 * population
}

/// Context weight a country needs before a place in it is taken from a spelling variant: its
/// name or demonym once, or two other places in it.
const STRONG_CONTEXT: f64 = 2.0;

/// Places found only through a spelling variant need the document to be about their country:
/// a key that drops vowels (*Soutenues* / Stains) collides too often otherwise.
fn needs_context(e: &Entity) -> bool {
    !matches!(e.kind.as_str(), "country" | "organization" | "person")
}

pub(crate) fn resolve(g: &Gazetteer, found: Vec<Found>) -> Vec<Resolved> {
    let mut context: FxHashMap<&str, f64> = FxHashMap::default();
    for f in &found {
        if let [only] = f.options.as_slice() {
            if only.kind != MatchKind::Variant {
                let e = g.entity(only.entity);
                if let Some(country) = e.country.as_deref() {
                    // A country or region named (or its demonym) says more than a town does.
                    let weight = if matches!(e.kind.as_str(), "country" | "region") { 2.0 } else { 1.0 };
                    *context.entry(country).or_insert(0.0) += weight;
                }
            }
        }
    }
    let in_context = |e: &Entity| e.country.as_deref().and_then(|c| context.get(c)).copied().unwrap_or(0.0);
    let mut resolved = Vec::with_capacity(found.len());
    for f in found {
        let mut scored: Vec<(Option_, f64)> = f
            .options
            .iter()
            .filter(|o| {
                let e = g.entity(o.entity);
                o.kind != MatchKind::Variant || !needs_context(e) || in_context(e) >= STRONG_CONTEXT
            })
            .map(|o| {
                let e = g.entity(o.entity);
                let support = 0.3 * in_context(e).min(4.0) / 4.0;
                (*o, o.kind.base_score() + support + prominence(e))
            })
            .collect();
        if scored.is_empty() {
            continue;
        }
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.entity.cmp(&b.0.entity)));
        let (best, best_score) = scored[0];
        let score = match scored.get(1) {
            None => best.kind.base_score(),
            Some(&(_, second)) => best.kind.base_score() * (0.6 + 0.4 * ((best_score - second) / 0.3).min(1.0)),
        };
        resolved.push(Resolved {
            start: f.start,
            end: f.end,
            entity: best.entity,
            score,
            match_kind: best.kind,
            alternatives: scored[1..].iter().map(|(o, _)| o.entity).collect(),
        });
    }
    resolved
}
