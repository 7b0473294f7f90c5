//! One entity per mention. When the words of a mention name several entities (*Paris*, France
//! or Texas; *Tripoli*, Libya or Lebanon), the document decides: the countries that its
//! unambiguous mentions point at and the regions it names (a town beside its state), then kind
//! and population priors. The losers stay on the
//! mention as alternatives, best first, so the choice can be explained and overridden.

use rustc_hash::{FxHashMap, FxHashSet};

use super::build::Gazetteer;
use super::entity::{CaseMode, Entity};
use super::common_nouns::{reads_as_common_word, reads_as_date, reads_as_ethnic_group, Span};
use super::longer_names::{after_the_article, beside_capitalised_word, ends_longer_name, in_firm_name, names_model_or_club};
use super::persons::{in_arabic_name, is_name_head, PersonNames};
use super::reuse::with_reused;
use super::tag::MatchKind;

/// One entity a span of text may name, and how.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Option_ {
    pub entity: u32,
    pub kind: MatchKind,
    /// Matched only through an alias the data marks ambiguous.
    pub ambiguous: bool,
    /// Found by the variant tier: spelt like none of the entity's names, only with the same
    /// variant key (a name, `MatchKind::Variant`, or a demonym, `MatchKind::Demonym`).
    pub by_variant: bool,
    /// The name matched is written in capitals (an acronym).
    pub all_caps_name: bool,
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
        options.sort_by_key(|o| (o.entity, o.ambiguous, o.kind));
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
        // Organisations and people are in a gazetteer because news names them: the *White
        // House* or *Sana* (the agency) before a translated name of Casablanca or Sanaa, a
        // small town named *Obama* or *Lapid*; a big place named by its own name still wins
        // on population, and context decides between close calls.
        "organization" | "person" => 0.25,
        "place" => 0.05,
        _ => 0.0,
    }
}

/// Prior weight of an entity whatever the text: big places, countries and national capitals
/// (`attributes.capital`) are mentioned more.
pub(crate) fn prominence(e: &Entity) -> f64 {
    let population = e.population.map_or(0.0, |p| ((p as f64) + 1.0).log10() / 7.0).min(1.0);
    let capital = if e.attributes.get("capital").and_then(|v| v.as_bool()).unwrap_or(false) { 0.1 } else { 0.0 };
    kind_prior(&e.kind) + 0.15 * population + capital
}

/// Context weight a country needs before a place in it is taken from a spelling variant: its
/// name or demonym once, or two other places in it.
const STRONG_CONTEXT: f64 = 2.0;

/// Places found only through a spelling variant need the document to be about their country:
/// a key that drops vowels (*Soutenues* / Stains) collides too often otherwise.
fn needs_context(e: &EntityFacts) -> bool {
    !matches!(e.kind, Kind::Country | Kind::Organization | Kind::Person)
}

/// A country too, when the spelling is a variant: every country goes by its names in many
/// languages already, so a variant of none of them is more often an English word or a
/// surname (*Garden*, *Jerry Don*: Jordan; *Melody Vess*: Maldives) than a new spelling.
fn variant_needs_context(e: &EntityFacts) -> bool {
    needs_context(e) || e.kind == Kind::Country
}

/// True when the span's first word (of several) may head a person's name (*Jerry* Don).
fn starts_with_name_head(span: &str) -> bool {
    span.split_once(' ').is_some_and(|(first, _)| is_name_head(first))
}

/// Ids of the regions an entity lies in, as the data gives them (`attributes.admin1` of places,
/// `attributes.parent` of subdivisions: record ids, see python/nomina/data/README.md).
fn containers(e: &Entity) -> impl Iterator<Item = &str> {
    ["admin1", "parent"].into_iter().filter_map(|key| e.attributes.get(key).and_then(|v| v.as_str()))
}

/// Kinds of entity resolution tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Country,
    Region,
    Place,
    Organization,
    Person,
    Other,
}

const NO_ENTITY: u32 = u32::MAX;

/// What resolution reads of an entity for every option of every mention, computed once per
/// gazetteer (`Gazetteer::facts`): its kind, prominence and the regions it lies in, without
/// reading attributes and ids each time. 24 bytes, what the rules of `drop_by_surroundings`
/// read first (the first read of an entity's facts in a text is mostly a cache miss).
#[derive(Debug, Clone, Copy)]
#[repr(C)]
pub(crate) struct EntityFacts {
    pub kind: Kind,
    /// Some region is named at all (if not in this gazetteer).
    pub has_containers: bool,
    /// A place under `SMALL_PLACE_POPULATION` (or without a population).
    small_place: bool,
    /// `may_be_lesser_place`, by kind and population.
    lesser_place: bool,
    /// The entity's country as a number, one per distinct country code of the gazetteer
    /// (`NO_COUNTRY` if none): resolution counts the document's countries without reading
    /// each entity's code.
    pub country: u32,
    /// The entity its `admin1` and `parent` attributes name (`containers`), if the gazetteer
    /// has it (`NO_ENTITY` if not).
    pub admin1: u32,
    pub parent: u32,
    pub prominence: f64,
}

const _: () = assert!(std::mem::size_of::<EntityFacts>() == 24);

pub(crate) const NO_COUNTRY: u32 = u32::MAX;

impl EntityFacts {
    /// The facts of every entity of `g`, by entity index.
    pub fn of_all(g: &Gazetteer) -> Vec<EntityFacts> {
        let mut countries: FxHashMap<&str, u32> = FxHashMap::default();
        g.entities
            .iter()
            .map(|e| {
                let mut facts = EntityFacts::of(g, e);
                if let Some(country) = e.country.as_deref() {
                    let next = countries.len() as u32;
                    facts.country = *countries.entry(country).or_insert(next);
                }
                facts
            })
            .collect()
    }

    fn of(g: &Gazetteer, e: &Entity) -> EntityFacts {
        let entity_of = |key: &str| {
            e.attributes.get(key).and_then(|v| v.as_str()).and_then(|id| g.by_id.get(id)).copied().unwrap_or(NO_ENTITY)
        };
        let kind = match e.kind.as_str() {
            "country" => Kind::Country,
            "region" => Kind::Region,
            "place" => Kind::Place,
            "organization" => Kind::Organization,
            "person" => Kind::Person,
            _ => Kind::Other,
        };
        EntityFacts {
            kind,
            small_place: kind == Kind::Place && e.population.unwrap_or(0) < SMALL_PLACE_POPULATION,
            lesser_place: lesser_place(kind, e.population),
            prominence: prominence(e),
            admin1: entity_of("admin1"),
            parent: entity_of("parent"),
            has_containers: containers(e).next().is_some(),
            country: NO_COUNTRY,
        }
    }

    /// The regions of the gazetteer the entity lies in (see `containers`).
    fn regions(&self) -> impl Iterator<Item = u32> {
        [self.admin1, self.parent].into_iter().filter(|&r| r != NO_ENTITY)
    }
}

/// Support of the *Town, ST* pattern: it names the town and its region together.
const TOWN_REGION_SUPPORT: f64 = 0.8;

/// The *Town, Region* pattern (*Paris, Texas*; *Dublin, Ohio*; *Wheeling, W.Va.*; *Idlib,
/// Syria* is the country case, left to the country context): (mention index, entity) of the
/// options that it supports, the town that lies in one of the next mention's regions and that
/// region.
fn town_comma_region(g: &Gazetteer, text: &str, found: &[Found]) -> FxHashSet<(usize, u32)> {
    let mut paired = FxHashSet::default();
    for (i, pair) in found.windows(2).enumerate() {
        let (town, region) = (&pair[0], &pair[1]);
        let gap = text.get(town.end..region.start).unwrap_or("");
        if !matches!(gap, ", " | "," | ",\u{a0}") {
            continue;
        }
        for t in &town.options {
            let facts = &g.facts()[t.entity as usize];
            for r in &region.options {
                if facts.regions().any(|id| id == r.entity) {
                    paired.insert((i, t.entity));
                    paired.insert((i + 1, r.entity));
                }
            }
        }
    }
    paired
}

/// The regions the document is about: the region (state, governorate) that the most mentions
/// may lie in or name, when at least two do. *Columbus*, *Grove City* and *Franklin County*
/// may each be in several states; together they say Ohio, and so does the *Dublin* beside them.
/// Into `dominant`, sorted (`votes`: a buffer).
fn dominant_regions(g: &Gazetteer, found: &[Found], votes: &mut Vec<u32>, dominant: &mut Vec<u32>) {
    // Each mention's regions once (a mention has few), all in one list, counted when sorted.
    votes.clear();
    dominant.clear();
    for f in found {
        let first = votes.len();
        let vote = |votes: &mut Vec<u32>, r: u32| {
            if !votes[first..].contains(&r) {
                votes.push(r);
            }
        };
        for o in f.options.iter().filter(|o| !o.by_variant && !o.ambiguous) {
            let facts = &g.facts()[o.entity as usize];
            if facts.kind == Kind::Region {
                vote(votes, o.entity);
            }
            for r in facts.regions() {
                vote(votes, r);
            }
        }
    }
    votes.sort_unstable();
    let mut top = 0;
    for run in votes.chunk_by(|a, b| a == b) {
        match run.len().cmp(&top) {
            std::cmp::Ordering::Greater => {
                top = run.len();
                dominant.clear();
                dominant.push(run[0]);
            }
            std::cmp::Ordering::Equal => dominant.push(run[0]),
            std::cmp::Ordering::Less => {}
        }
    }
    if top < 2 {
        dominant.clear();
    }
}

/// Support of a place in the region the document is about (less than its region named).
const DOMINANT_REGION_SUPPORT: f64 = 0.25;

/// How much a region's seat town is preferred to the region of the same name, before context
/// (more than an exact name's lead over an alias).
const SEAT_MARGIN: f64 = 0.06;

/// Places, regions, countries, features: what a word of some other name (a person's, a firm's,
/// a car's) is mistaken for. People and organisations are such names themselves.
fn is_location(e: &EntityFacts) -> bool {
    !matches!(e.kind, Kind::Person | Kind::Organization)
}

/// Population under which a town's name ending a longer capitalised name (*Gaming Center*,
/// *Kwesi Millington*) is read as a word of that name (GeoNames' own cut, cities15000).
const SMALL_PLACE_POPULATION: u64 = 15_000;

/// Population under which a place or district that "said" something is a person's name:
/// bigger places speak through their officials in news (metonymy).
const SPEAKING_PLACE_POPULATION: u64 = 50_000;

/// A place or subdivision too small to speak for its people (see `SPEAKING_PLACE_POPULATION`).
fn may_be_lesser_place(e: &EntityFacts) -> bool {
    e.lesser_place
}

/// `may_be_lesser_place` of an entity of this kind and population.
fn lesser_place(kind: Kind, population: Option<u64>) -> bool {
    match kind {
        Kind::Place => population.unwrap_or(0) < SPEAKING_PLACE_POPULATION,
        // A region without a population (a curated area) is no small one.
        Kind::Region => population.is_some_and(|p| p < SPEAKING_PLACE_POPULATION),
        _ => false,
    }
}

/// What the rules of `drop_by_surroundings` may remove from a mention: which kinds of option it
/// has (see `Removable::of`).
#[derive(Debug, Clone, Copy, Default)]
struct Removable {
    variant: bool,
    place: bool,
    location: bool,
    /// A location the end of a longer name takes (`lesser_in_longer_name`).
    in_longer_name: bool,
    lesser_place: bool,
    demonym: bool,
}

impl Removable {
    fn of(facts: &[EntityFacts], options: &[Option_]) -> Removable {
        let mut r = Removable::default();
        for o in options {
            let e = &facts[o.entity as usize];
            r.variant |= o.by_variant;
            r.place |= e.kind == Kind::Place;
            r.location |= is_location(e);
            r.in_longer_name |= lesser_in_longer_name(e, o);
            r.lesser_place |= may_be_lesser_place(e);
            r.demonym |= o.kind == MatchKind::Demonym;
        }
        r
    }

    fn any(&self) -> bool {
        self.variant || self.location || self.demonym
    }
}

/// A name that is also a word or a person's name, or a small town's: what a longer name ending
/// with it takes (see `ends_longer_name`).
fn lesser_in_longer_name(e: &EntityFacts, o: &Option_) -> bool {
    is_location(e) && (o.ambiguous || e.small_place)
}

/// Under case="smart", the options that the words around a mention rule out: a town in the
/// grammar of a common word (see `common_nouns`), and (see `persons`) a place
/// name inside a person's name (*Scott Walker*, *Mr. Lincoln*), or one word spelt like a word
/// of one elsewhere (*Walker said*), unless the *Town, Region* pattern names it as a place.
///
/// Each rule only removes options of some kinds: it is not read for a mention that has none
/// left of them (`Removable`), and the text is not read for person names when no mention has a
/// location.
fn drop_by_surroundings<'t>(
    g: &Gazetteer,
    text: &'t str,
    runs: &dyn Fn() -> &'t [(usize, usize)],
    found: &mut [Found],
    paired: &FxHashSet<(usize, u32)>,
) {
    // No mention, nothing to rule out: the text is not read for person names at all.
    if g.case != CaseMode::Smart || found.is_empty() {
        return;
    }
    let facts = g.facts();
    let any_location = found.iter().any(|f| f.options.iter().any(|o| is_location(&facts[o.entity as usize])));
    let mut persons = if any_location { PersonNames::of(text, runs()) } else { PersonNames::default() };
    // People the gazetteer knows are named again by their last word (*Hollande* after
    // *François Hollande*).
    for f in found.iter() {
        if f.options.iter().all(|o| facts[o.entity as usize].kind == Kind::Person) {
            if let Some((_, last)) = text[f.start..f.end].rsplit_once(' ') {
                persons.add_word(last);
            }
        }
    }
    // Words the variant tier took that are words of longer names somewhere in the text
    // (*Andrei Bogdanov*, *Foreign Minister*): not variants there, nor anywhere else.
    let name_words: FxHashSet<&str> = found
        .iter()
        .filter(|f| f.options.iter().any(|o| o.by_variant) && beside_capitalised_word(&Span::new(text, f.start, f.end)))
        .map(|f| &text[f.start..f.end])
        .collect();
    let mut previous_end = None;
    for (i, f) in found.iter_mut().enumerate() {
        let mention_before = previous_end.is_some_and(|end: usize| end + 1 >= f.start);
        previous_end = Some(f.end);
        let r = Removable::of(facts, &f.options);
        if !r.any() {
            continue;
        }
        let span = Span::new(text, f.start, f.end);
        let surface = span.surface();
        let one_word = span.one_word;
        if r.variant && !name_words.is_empty() && name_words.contains(surface) {
            f.options.retain(|o| !o.by_variant);
        }
        // Towns named by a common word, written as that word (*das Essen*, *Reading the report*).
        if r.place && reads_as_common_word(&span) {
            f.options.retain(|o| facts[o.entity as usize].kind != Kind::Place);
        }
        // Nor is a date a place (*March 31*: not March, Cambridgeshire; *100 B.C.*).
        if r.location && reads_as_date(text, f.start, f.end) {
            f.options.retain(|o| !is_location(&facts[o.entity as usize]));
        }
        // A name that is also a word or a person's name, or a small town's, ending a longer
        // name (*Medical Center*, *Fire Marshal*, *Emilie Holroyd*): part of that name.
        if r.in_longer_name && ends_longer_name(&span, mention_before) {
            f.options.retain(|o| !lesser_in_longer_name(&facts[o.entity as usize], o));
        }
        // *Native Americans*, *African-American*: an ethnic group, not a country.
        if r.demonym && reads_as_ethnic_group(text, f.start, f.end) {
            f.options.retain(|o| o.kind != MatchKind::Demonym);
        }
        // A car model or a club (*Dodge Durango*, *AC Milan*), a word of an Arabic person's name (*Abdel-Hamid*,
        // *Hani El-Egeizi*): not places.
        if r.location && (names_model_or_club(&span) || in_arabic_name(text, f.start, f.end)) {
            f.options.retain(|o| !is_location(&facts[o.entity as usize]));
        }
        // *The Webster* (a theatre), *the Herald* (a paper), *McPherson & Jacobsen* (a firm): a
        // thing named after a town or a surname, unless the town is big enough to be spoken of so.
        if r.lesser_place && (after_the_article(&span) || in_firm_name(text, f.start, f.end)) {
            f.options.retain(|o| !may_be_lesser_place(&facts[o.entity as usize]));
        }
        // A spelling variant opening with a given name is that person's name (*Jerry Don*
        // is not Jordan).
        if r.variant && starts_with_name_head(surface) {
            f.options.retain(|o| !o.by_variant);
        }
        if !r.location {
            continue;
        }
        let inside = persons.covers(f.start) || persons.is_name_head(f.start, f.end);
        let same_word = one_word && persons.has_word(surface);
        // A word that speaks or has an age somewhere in the text is a person's name there and
        // everywhere, unless it names a place big enough to speak for its people (*Moscow
        // said*, *Gainesville says*) or is paired with its region.
        if r.lesser_place && !same_word && one_word && persons.is_speaker(surface) {
            f.options.retain(|o| !may_be_lesser_place(&facts[o.entity as usize]) || paired.contains(&(i, o.entity)));
        }
        if inside || same_word {
            f.options.retain(|o| !is_location(&facts[o.entity as usize]) || (!inside && paired.contains(&(i, o.entity))));
        }
    }
}

/// Buffers of `resolve`, reused from text to text on a thread.
#[derive(Debug, Default)]
struct Tables {
    votes: Vec<u32>,
    /// The regions the document is about (`dominant_regions`), sorted.
    dominant: Vec<u32>,
    /// Entities named by a name that is theirs without doubt, sorted.
    regions_named: Vec<u32>,
    /// Entities that are the one option of a mention, sorted.
    named: Vec<u32>,
    /// Weight of each country (`EntityFacts::country`) in the document: a document names few.
    context: Vec<(u32, f64)>,
    scored: Vec<(Option_, f64)>,
}

impl Tables {
    /// Entries a buffer may keep for the next text.
    const KEPT: usize = 1 << 12;

    fn fits(&self) -> bool {
        [self.votes.capacity(), self.dominant.capacity(), self.regions_named.capacity(), self.named.capacity()]
            .into_iter()
            .chain([self.context.capacity(), self.scored.capacity()])
            .all(|c| c <= Tables::KEPT)
    }
}

thread_local! {
    static TABLES: std::cell::Cell<Tables> = std::cell::Cell::default();
}

/// Each mention's entity. `runs` gives the words of `text` (`words::WordRuns`), read only if
/// needed.
pub(crate) fn resolve<'t>(
    g: &Gazetteer,
    text: &'t str,
    runs: &dyn Fn() -> &'t [(usize, usize)],
    found: &mut Vec<Found>,
) -> Vec<Resolved> {
    let paired = town_comma_region(g, text, found);
    drop_by_surroundings(g, text, runs, found, &paired);
    with_reused(&TABLES, Tables::fits, |tables| resolve_with(g, &paired, found, tables))
}

/// Resolution proper; `found` is left empty (its buffer kept for the next text).
fn resolve_with(g: &Gazetteer, paired: &FxHashSet<(usize, u32)>, found: &mut Vec<Found>, tables: &mut Tables) -> Vec<Resolved> {
    let Tables { votes, dominant, regions_named, named, context, scored } = tables;
    dominant_regions(g, found, votes, dominant);
    let facts = g.facts();
    // A name that is also a word or a person's name (Center, Taylor) needs the document to name
    // its region (see below): the entities named without doubt, listed only if some option
    // asks.
    regions_named.clear();
    let asks = |o: &Option_| !o.by_variant && o.ambiguous && facts[o.entity as usize].has_containers;
    if found.iter().any(|f| f.options.iter().any(asks)) {
        // Entities named in the document by a name that is theirs without doubt (read for the
        // regions places lie in: any option of a mention counts, not only the chosen one).
        for f in found.iter() {
            regions_named.extend(f.options.iter().filter(|o| !o.by_variant && !o.ambiguous).map(|o| o.entity));
        }
        regions_named.sort_unstable();
    }
    named.clear();
    context.clear();
    for f in found.iter() {
        if let [only] = f.options.as_slice() {
            if !only.by_variant && !only.ambiguous {
                named.push(only.entity);
                let only_facts = &facts[only.entity as usize];
                if only_facts.country != NO_COUNTRY {
                    // A country or region named (or its demonym) says more than a town does.
                    let weight = if matches!(only_facts.kind, Kind::Country | Kind::Region) { 2.0 } else { 1.0 };
                    match context.iter_mut().find(|(c, _)| *c == only_facts.country) {
                        Some((_, w)) => *w += weight,
                        None => context.push((only_facts.country, weight)),
                    }
                }
            }
        }
    }
    named.sort_unstable();
    let in_context = |e: &EntityFacts| context.iter().find(|(c, _)| *c == e.country).map_or(0.0, |&(_, w)| w);
    let has = |list: &[u32], r: u32| list.binary_search(&r).is_ok();
    let mut resolved = Vec::with_capacity(found.len());
    for (i, f) in found.drain(..).enumerate() {
        // A town named like the region it lies in is the region's seat (Idlib, Deir ez-Zor,
        // New York): the town is the usual reading of the shared name, so it takes the
        // region's prior (the region's population counts the town's) and a little more.
        let seat_bonus = |e: &EntityFacts| -> f64 {
            let region = e.admin1;
            if region == NO_ENTITY || e.kind != Kind::Place || !f.options.iter().any(|o| o.entity == region) {
                return 0.0;
            }
            (facts[region as usize].prominence - e.prominence).max(0.0) + SEAT_MARGIN
        };
        scored.clear();
        scored.extend(
            f.options
                .iter()
                .filter(|o| {
                    let facts = &facts[o.entity as usize];
                    if !o.by_variant && o.ambiguous && facts.has_containers {
                        // A name that is also a word or a person's name (Center, Taylor): the
                        // document must name the place's region, or pair them (Center, Texas).
                        return paired.contains(&(i, o.entity))
                            || facts.regions().any(|r| has(regions_named, r) || has(dominant, r));
                    }
                    let context_needed = match (o.by_variant, o.ambiguous) {
                        (true, _) => variant_needs_context(facts),
                        (false, true) => needs_context(facts),
                        (false, false) => false,
                    };
                    !context_needed || in_context(facts) >= STRONG_CONTEXT
                })
                .map(|o| {
                    let facts = &facts[o.entity as usize];
                    let mut support = 0.5 * in_context(facts).min(4.0) / 4.0;
                    if paired.contains(&(i, o.entity)) {
                        support += TOWN_REGION_SUPPORT;
                    }
                    // A town beside its state or governorate: the region named settles it.
                    if facts.regions().any(|r| has(named, r)) {
                        support += 0.4;
                    }
                    if facts.regions().any(|r| has(dominant, r)) {
                        support += DOMINANT_REGION_SUPPORT;
                    }
                    let doubt = if o.ambiguous { 0.15 } else { 0.0 };
                    (*o, o.kind.base_score() + support + facts.prominence + seat_bonus(facts) - doubt)
                }),
        );
        if scored.is_empty() {
            continue;
        }
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.entity.cmp(&b.0.entity)));
        let (best, best_score) = scored[0];
        let base = best.kind.base_score() * if best.ambiguous { 0.8 } else { 1.0 };
        let score = match scored.get(1) {
            None => base,
            Some(&(_, second)) => base * (0.6 + 0.4 * ((best_score - second) / 0.3).min(1.0)),
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
