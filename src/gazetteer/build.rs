//! The gazetteer itself: entities, the table of every name they go by, and the indexes over
//! the names' folded forms and variant keys that `tag` and `find` use.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};
use std::hash::{Hash, Hasher};

use hashbrown::HashTable;
use rustc_hash::{FxHashMap, FxHasher};

use super::entity::{CaseMode, Entity};
use serde_json::Value;
use super::find::TrigramIndex;
use super::resolve::EntityFacts;
use super::stopwords;
use super::tag::{initial_class, transliterated, KEY_DEMONYM, KEY_LATIN_DEMONYM, KEY_LATIN_NAME, KEY_NAME};
use super::trie::{Trie, WordHash};
use super::words::{is_word_char, word_len, Shape};
use crate::error::{NominaError, Result};
use crate::normalize::normalize;
use crate::variants::variant_key;

/// What a name is to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Name,
    Alias,
    Demonym,
}

/// One name of one entity. Its text lives in the entity (`slot` 0 is the name, then the
/// aliases, then the demonyms); its folded form and variant key in the shared tables.
#[derive(Debug, Clone)]
pub(crate) struct NameRef {
    pub entity: u32,
    pub slot: u32,
    pub role: Role,
    /// Group of names with this folded form (`u32::MAX`: folds to nothing).
    pub form: u32,
    /// Group of names with this variant key (`u32::MAX`: no key).
    pub key: u32,
    pub shape: Shape,
    /// First letter class of the folded form (see `tag::initial_class`).
    pub initial: char,
    /// Listed in the entity's `attributes.case_sensitive_aliases`: matches only as written.
    pub exact_case: bool,
    /// Listed in the entity's `attributes.ambiguous_aliases`: also a word or another
    /// entity's name, so a weak clue that needs the document's support.
    pub ambiguous: bool,
    /// The entity's country writes its names in another script (see `tag::transliterated`):
    /// a Latin spelling of them may be a transliteration variant.
    pub transliterated: bool,
}

/// What the variant tier reads of a name, kept for the members of each variant key group in
/// group order (`Gazetteer::key_members`) so that a group's names are read in one run of memory.
#[derive(Debug, Clone, Copy)]
pub(crate) struct KeyMember {
    pub entity: u32,
    pub initial: char,
    pub shape: Shape,
    pub role: Role,
    pub exact_case: bool,
    pub ambiguous: bool,
    pub transliterated: bool,
    /// Written in Latin script (a Latin-script word may be a variant of it).
    pub latin: bool,
}

/// What the exact tier reads of a name matched through its pattern, kept for the members of
/// each pattern group in group order (`Gazetteer::pattern_members`): a group's names are read
/// in one run of memory, their texts in one string, whatever the entities' layout in memory.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PatternMember {
    pub entity: u32,
    pub shape: Shape,
    pub role: Role,
    pub exact_case: bool,
    pub ambiguous: bool,
    /// The name as written: `surfaces[surface.0..surface.1]` of `PatternMembers`.
    surface: (u32, u32),
}

/// What the exact tier asks first of a pattern group it found, in one place (one read of
/// memory for a group seldom found, where three arrays cost one each).
#[derive(Debug, Clone, Copy)]
struct GroupHead {
    /// Where the group's members start in `PatternMembers::members`.
    first: u32,
    /// Index in `PatternMembers::stop_masks` of the pattern's stopword languages.
    stop: u16,
    /// `Gazetteer::form_lowercase_ok` of the pattern.
    lowercase_ok: bool,
}

/// The members of every pattern group, with the names as written end to end.
pub(crate) struct PatternMembers {
    /// One per group, and one more that ends the last group's members.
    heads: Vec<GroupHead>,
    /// The distinct `Gazetteer::form_stop_langs` values (a few hundred).
    stop_masks: Vec<u64>,
    members: Vec<PatternMember>,
    surfaces: String,
}

impl PatternMembers {
    fn new(g: &Gazetteer) -> Option<PatternMembers> {
        let groups = g.surfaces.as_ref().unwrap_or(&g.forms);
        let mut surfaces = String::new();
        let mut members = Vec::with_capacity(g.names.len());
        let mut heads = Vec::with_capacity(groups.len() + 1);
        let mut stop_masks = vec![0u64];
        let mut stop_index: FxHashMap<u64, u16> = FxHashMap::default();
        stop_index.insert(0, 0);
        // The stopword languages and lower-case names are those of folded forms: under
        // case="sensitive" the groups are of surfaces, and the tagger asks neither.
        let forms = g.surfaces.is_none();
        for group in 0..groups.len() as u32 {
            let mask = if forms { g.form_stop_langs.get(group as usize).copied().unwrap_or(0) } else { 0 };
            let stop = match stop_index.get(&mask) {
                Some(&i) => i,
                None => {
                    let i = u16::try_from(stop_masks.len()).ok()?;
                    stop_masks.push(mask);
                    stop_index.insert(mask, i);
                    i
                }
            };
            let lowercase_ok = forms && g.form_lowercase_ok.get(group as usize).copied().unwrap_or(false);
            heads.push(GroupHead { first: u32::try_from(members.len()).ok()?, stop, lowercase_ok });
            for &n in groups.members(group) {
                let name = &g.names[n as usize];
                let start = u32::try_from(surfaces.len()).ok()?;
                surfaces.push_str(g.surface(name));
                members.push(PatternMember {
                    entity: name.entity,
                    shape: name.shape,
                    role: name.role,
                    exact_case: name.exact_case,
                    ambiguous: name.ambiguous,
                    surface: (start, u32::try_from(surfaces.len()).ok()?),
                });
            }
        }
        heads.push(GroupHead { first: u32::try_from(members.len()).ok()?, stop: 0, lowercase_ok: false });
        Some(PatternMembers { heads, stop_masks, members, surfaces })
    }

    /// The members of `group`, whether some may be written in lower case, and the stopword
    /// languages of its pattern (both only for folded forms, else false and 0).
    pub fn group(&self, group: u32) -> (&[PatternMember], bool, u64) {
        let g = group as usize;
        match (self.heads.get(g), self.heads.get(g + 1)) {
            (Some(head), Some(next)) => (
                self.members.get(head.first as usize..next.first as usize).unwrap_or(&[]),
                head.lowercase_ok,
                self.stop_masks.get(usize::from(head.stop)).copied().unwrap_or(0),
            ),
            _ => (&[], false, 0),
        }
    }

    pub fn surface(&self, member: &PatternMember) -> &str {
        self.surfaces.get(member.surface.0 as usize..member.surface.1 as usize).unwrap_or("")
    }
}

/// Leftmost-longest Aho-Corasick automaton over the patterns; a match's value is its pattern's
/// group. `tag` does not use it (it looks patterns up from the positions where a name may
/// start, in a `Trie`); it is the benchmark's raw scan, and the reference the tests hold the
/// tagger's scan to.
pub(crate) type Matcher = CharwiseDoubleArrayAhoCorasick<u32>;

/// Distinct strings, each with the names that have it, stored compactly: the texts in one
/// arena, members in CSR form, and a hash table of group ids keyed by text.
#[derive(Default)]
pub(crate) struct Groups {
    arena: String,
    /// End of each text in `arena`.
    ends: Vec<u32>,
    table: HashTable<u32>,
    starts: Vec<u32>,
    members: Vec<u32>,
}

fn hash_str(s: &str) -> u64 {
    let mut h = FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

impl Groups {
    /// Group id of each string in `texts` (empty strings get `u32::MAX`), then members filled.
    fn build<'a>(texts: impl Iterator<Item = &'a str>, count: usize) -> (Groups, Vec<u32>) {
        let mut groups = Groups { table: HashTable::with_capacity(count), ..Groups::default() };
        let mut of_name = Vec::with_capacity(count);
        for text in texts {
            if text.is_empty() {
                of_name.push(u32::MAX);
                continue;
            }
            let hash = hash_str(text);
            let Groups { arena, ends, table, .. } = &mut groups;
            let found = table.find(hash, |&g| Groups::text_in(arena, ends, g) == text).copied();
            let id = match found {
                Some(id) => id,
                None => {
                    let id = ends.len() as u32;
                    arena.push_str(text);
                    ends.push(arena.len() as u32);
                    table.insert_unique(hash, id, |&g| hash_str(Groups::text_in(arena, ends, g)));
                    id
                }
            };
            of_name.push(id);
        }
        // Counting sort of names by group.
        let mut counts = vec![0u32; groups.ends.len() + 1];
        for &g in of_name.iter().filter(|&&g| g != u32::MAX) {
            counts[g as usize + 1] += 1;
        }
        for i in 1..counts.len() {
            counts[i] += counts[i - 1];
        }
        let mut fill = counts.clone();
        let mut members = vec![0u32; counts.last().copied().unwrap_or(0) as usize];
        for (name, &g) in of_name.iter().enumerate() {
            if g != u32::MAX {
                members[fill[g as usize] as usize] = name as u32;
                fill[g as usize] += 1;
            }
        }
        groups.starts = counts;
        groups.members = members;
        (groups, of_name)
    }

    fn text_in<'s>(arena: &'s str, ends: &[u32], group: u32) -> &'s str {
        let g = group as usize;
        let start = if g == 0 { 0 } else { ends[g - 1] as usize };
        ends.get(g).map_or("", |&end| &arena[start..end as usize])
    }

    /// The text of a group (`""` for `u32::MAX`).
    pub fn text(&self, group: u32) -> &str {
        if group as usize >= self.ends.len() {
            return "";
        }
        Groups::text_in(&self.arena, &self.ends, group)
    }

    pub fn texts(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.ends.len() as u32).map(move |g| self.text(g))
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Where the members of `group` are in `members` (and in arrays kept parallel to it).
    pub fn member_range(&self, group: u32) -> std::ops::Range<usize> {
        let g = group as usize;
        match (self.starts.get(g), self.starts.get(g + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        }
    }

    pub fn members(&self, group: u32) -> &[u32] {
        let g = group as usize;
        match (self.starts.get(g), self.starts.get(g + 1)) {
            (Some(&a), Some(&b)) => &self.members[a as usize..b as usize],
            _ => &[],
        }
    }

    pub fn get(&self, text: &str) -> Option<u32> {
        self.table.find(hash_str(text), |&g| self.text(g) == text).copied()
    }
}

/// A gazetteer: entities and the indexes to find them in text and by name.
pub struct Gazetteer {
    /// Distinct for every gazetteer built or loaded in this process (keys memo tables).
    pub(crate) uid: u64,
    pub(crate) case: CaseMode,
    pub(crate) entities: Vec<Arc<Entity>>,
    pub(crate) by_id: FxHashMap<Box<str>, u32>,
    pub(crate) names: Vec<NameRef>,
    /// Names by folded form: the exact tier's patterns (smart and insensitive case).
    pub(crate) forms: Groups,
    /// Names by variant key.
    pub(crate) keys: Groups,
    /// For each variant key group, what its names may be matched as by the variant tier
    /// (`tag::KEY_*` bits).
    pub(crate) key_variants: Vec<u8>,
    /// The names of each variant key group as the variant tier reads them, parallel to the
    /// groups' members (`keys.member_range`).
    pub(crate) key_members: Vec<KeyMember>,
    /// Names by their text as written: the patterns of case="sensitive".
    pub(crate) surfaces: Option<Groups>,
    /// Stopword languages (bit set, see `stopwords`) of each folded form.
    pub(crate) form_stop_langs: Vec<u64>,
    /// Whether some name of each folded form may match a word starting in lower case under
    /// case="smart": a demonym, or a name that itself starts in lower case (*iPhone*).
    pub(crate) form_lowercase_ok: Vec<bool>,
    /// The exact tier's trie over the patterns, built on first use: finding and loading do not
    /// need it.
    pub(crate) trie: OnceLock<Trie>,
    /// An Aho-Corasick automaton over the same patterns, built only for `raw_scan`.
    pub(crate) matcher: OnceLock<std::result::Result<Option<Matcher>, String>>,
    pub(crate) trigrams: OnceLock<TrigramIndex>,
    /// The members of the exact tier's pattern groups (`None` if their texts do not fit in
    /// 4 GiB: then the tier reads the names), built on first use.
    pub(crate) pattern_members: OnceLock<Option<PatternMembers>>,
    /// What resolution reads of each entity (see `resolve::EntityFacts`), built on first use.
    pub(crate) facts: OnceLock<Vec<EntityFacts>>,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Gazetteer({} entities, {} names, case={})", self.entities.len(), self.names.len(), self.case.as_str())
    }
}

/// Every name of an entity, in slot order, with its role.
pub(crate) fn entity_names(e: &Entity) -> impl Iterator<Item = (&str, Role)> {
    std::iter::once((e.name.as_str(), Role::Name))
        .chain(e.aliases.iter().map(|a| (a.as_str(), Role::Alias)))
        .chain(e.demonyms.iter().map(|d| (d.as_str(), Role::Demonym)))
}

impl Gazetteer {
    /// Build from entities (tidied here: trimmed, duplicate aliases merged). Duplicate ids and
    /// empty names are errors naming the record (`source`, 1-based position).
    pub fn new(entities: Vec<Entity>, case: CaseMode, source: &str) -> Result<Gazetteer> {
        let entities = entities
            .into_iter()
            .enumerate()
            .map(|(i, e)| e.tidy(source, Some(i + 1)))
            .collect::<Result<Vec<_>>>()?;
        Gazetteer::from_tidy(entities, case, source)
    }

    /// Build from entities already tidied by a reader (which named their lines on error).
    pub fn from_tidy(entities: Vec<Entity>, case: CaseMode, source: &str) -> Result<Gazetteer> {
        let folded: Vec<(String, String)> = {
            use rayon::prelude::*;
            let surfaces: Vec<&str> = entities.iter().flat_map(|e| entity_names(e).map(|(s, _)| s)).collect();
            surfaces.par_iter().map(|s| (normalize(s), variant_key(s))).collect()
        };
        let forms = folded.iter().map(|(f, _)| f.as_str()).collect();
        let keys = folded.iter().map(|(_, k)| k.as_str()).collect();
        Gazetteer::assemble(entities, case, forms, keys, source)
    }

    /// Put the indexes together from entities and each name's (folded form, variant key).
    pub(crate) fn assemble(
        entities: Vec<Entity>,
        case: CaseMode,
        forms: Vec<&str>,
        keys: Vec<&str>,
        source: &str,
    ) -> Result<Gazetteer> {
        let mut by_id = FxHashMap::default();
        by_id.reserve(entities.len());
        for (i, e) in entities.iter().enumerate() {
            if by_id.insert(Box::from(e.id.as_str()), i as u32).is_some() {
                return Err(NominaError::InvalidData {
                    source: source.into(),
                    line: Some(i + 1),
                    field: Some("id".into()),
                    message: format!("duplicate id {:?}", e.id),
                });
            }
        }
        // Each name's shape and script, on all cores (the Unicode tables make them costly for
        // names in other scripts).
        let (shapes, latin): (Vec<Shape>, Vec<bool>) = {
            use rayon::prelude::*;
            let surfaces: Vec<&str> = entities.iter().flat_map(|e| entity_names(e).map(|(s, _)| s)).collect();
            surfaces.par_iter().map(|s| (Shape::of(s), super::tag::latin_script(s))).unzip()
        };
        let mut names = Vec::with_capacity(forms.len());
        for (i, e) in entities.iter().enumerate() {
            let list = |key: &str| e.attributes.get(key).and_then(|v| v.as_array());
            let (case_sensitive, ambiguous) = (list("case_sensitive_aliases"), list("ambiguous_aliases"));
            let listed = |list: Option<&Vec<Value>>, surface: &str| list.is_some_and(|a| a.iter().any(|v| v.as_str() == Some(surface)));
            let transliterated = transliterated(e.country.as_deref());
            for (slot, (surface, role)) in entity_names(e).enumerate() {
                names.push(NameRef {
                    exact_case: listed(case_sensitive, surface),
                    ambiguous: listed(ambiguous, surface),
                    entity: i as u32,
                    slot: slot as u32,
                    role,
                    form: u32::MAX,
                    key: u32::MAX,
                    shape: shapes.get(names.len()).copied().unwrap_or_default(),
                    initial: '\0',
                    transliterated,
                });
            }
        }
        if names.len() != forms.len() || names.len() != keys.len() {
            return Err(NominaError::InvalidData {
                source: source.into(),
                line: None,
                field: None,
                message: "the stored names do not match the entities".into(),
            });
        }
        let (forms, form_of) = Groups::build(forms.into_iter(), names.len());
        let (keys, key_of) = Groups::build(keys.into_iter(), names.len());
        for (n, (form, key)) in names.iter_mut().zip(form_of.into_iter().zip(key_of)) {
            n.form = form;
            n.key = key;
            n.initial = initial_class(forms.text(form));
        }
        let surfaces = (case == CaseMode::Sensitive).then(|| {
            let all: Vec<&str> = entities.iter().flat_map(|e| entity_names(e).map(|(s, _)| s)).collect();
            Groups::build(all.into_iter(), names.len()).0
        });
        let form_stop_langs = forms.texts().map(stopwords::languages_of).collect();
        let key_members = (0..keys.len() as u32)
            .flat_map(|g| keys.members(g))
            .map(|&m| {
                let n = &names[m as usize];
                KeyMember {
                    entity: n.entity,
                    initial: n.initial,
                    shape: n.shape,
                    role: n.role,
                    exact_case: n.exact_case,
                    ambiguous: n.ambiguous,
                    transliterated: n.transliterated,
                    latin: latin.get(m as usize).copied().unwrap_or(false),
                }
            })
            .collect();
        let mut key_variants = vec![0u8; keys.len()];
        for n in names.iter().filter(|n| n.key != u32::MAX) {
            let bits = if n.role == Role::Demonym {
                KEY_DEMONYM | if n.transliterated { KEY_LATIN_DEMONYM } else { 0 }
            } else if !n.shape.all_caps && !n.exact_case && !n.ambiguous {
                KEY_NAME | if n.transliterated { KEY_LATIN_NAME } else { 0 }
            } else {
                0
            };
            key_variants[n.key as usize] |= bits;
        }
        let mut form_lowercase_ok = vec![false; forms.len()];
        for n in names.iter().filter(|n| n.form != u32::MAX) {
            if n.role == Role::Demonym || (n.shape.cased && !n.shape.first_upper && !n.shape.all_caps) {
                form_lowercase_ok[n.form as usize] = true;
            }
        }
        static NEXT_UID: AtomicU64 = AtomicU64::new(1);
        Ok(Gazetteer {
            uid: NEXT_UID.fetch_add(1, Ordering::Relaxed),
            case,
            entities: entities.into_iter().map(Arc::new).collect(),
            by_id,
            names,
            forms,
            keys,
            key_variants,
            key_members,
            surfaces,
            form_stop_langs,
            form_lowercase_ok,
            trie: OnceLock::new(),
            matcher: OnceLock::new(),
            trigrams: OnceLock::new(),
            facts: OnceLock::new(),
            pattern_members: OnceLock::new(),
        })
    }

    /// The tagger's trie of patterns (built now if it was not yet), with the patterns that a
    /// word in lower case may begin marked (see `tag::exact_tier`).
    pub(crate) fn trie(&self) -> &Trie {
        self.trie.get_or_init(|| {
            let patterns = self.surfaces.as_ref().unwrap_or(&self.forms);
            let mut trie = Trie::new(patterns.texts());
            if self.case == CaseMode::Smart {
                let word_end = |from: usize, form: &str| from + word_len(&form[from..]);
                for (g, form) in self.forms.texts().enumerate() {
                    let first_word = word_end(0, form);
                    if first_word < form.len() || self.form_lowercase_ok[g] {
                        trie.mark(&form[..first_word]);
                    }
                    if self.form_lowercase_ok[g] && first_word == form.len() {
                        trie.lower_words.insert(form.as_bytes());
                    } else if self.form_lowercase_ok[g] {
                        trie.lower_first_words.insert(&form.as_bytes()[..first_word]);
                    }
                    // One character between the first two words, and more after the second.
                    let Some(sep) = form[first_word..].chars().next() else { continue };
                    let second = first_word + sep.len_utf8();
                    if form[second..].chars().next().is_some_and(is_word_char) {
                        let second_end = word_end(second, form);
                        // As `exact_tier` asks: the first word, then the rest.
                        let two = WordHash::of(&form.as_bytes()[..first_word]).extend(&form.as_bytes()[first_word..second_end]);
                        trie.first_two_words.insert_hash(two);
                        if second_end < form.len() {
                            trie.two_words.insert_hash(two);
                        }
                    }
                }
            }
            trie
        })
    }

    /// The members of the exact tier's pattern groups (built now if they were not yet).
    pub(crate) fn pattern_members(&self) -> Option<&PatternMembers> {
        self.pattern_members.get_or_init(|| PatternMembers::new(self)).as_ref()
    }

    /// What resolution reads of each entity, by entity index (built now if it was not yet).
    pub(crate) fn facts(&self) -> &[EntityFacts] {
        self.facts.get_or_init(|| EntityFacts::of_all(self))
    }

    /// The raw scan's automaton (built now if it was not yet).
    pub(crate) fn matcher(&self) -> Result<Option<&Matcher>> {
        let built = self.matcher.get_or_init(|| {
            let patterns = self.surfaces.as_ref().unwrap_or(&self.forms);
            if patterns.len() == 0 {
                return Ok(None);
            }
            CharwiseDoubleArrayAhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(patterns.texts())
                .map(Some)
                .map_err(|e| format!("cannot index {} names for tagging: {e}", patterns.len()))
        });
        built.as_ref().map(Option::as_ref).map_err(|e| NominaError::InvalidArgument(e.clone()))
    }

    /// Build the tagger's index now rather than on the first `tag`.
    pub fn prepare(&self) -> Result<()> {
        // Independent of each other: built side by side.
        rayon::join(
            || self.trie(),
            || {
                self.facts();
                self.pattern_members();
            },
        );
        Ok(())
    }

    pub fn case(&self) -> CaseMode {
        self.case
    }

    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// Number of names (names, aliases and demonyms) over all entities.
    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    pub fn get(&self, id: &str) -> Option<&Arc<Entity>> {
        self.by_id.get(id).map(|&i| &self.entities[i as usize])
    }

    pub fn entity(&self, index: u32) -> &Arc<Entity> {
        &self.entities[index as usize]
    }

    pub fn entities(&self) -> &[Arc<Entity>] {
        &self.entities
    }

    /// The text of a name as the entity writes it.
    pub(crate) fn surface(&self, name: &NameRef) -> &str {
        let e = &self.entities[name.entity as usize];
        let slot = name.slot as usize;
        if slot == 0 {
            &e.name
        } else if slot <= e.aliases.len() {
            &e.aliases[slot - 1]
        } else {
            e.demonyms.get(slot - 1 - e.aliases.len()).map_or("", String::as_str)
        }
    }

    /// Each name's (folded form, variant key), in name order: what `save` stores so that
    /// `load` need not fold again.
    pub(crate) fn folded_names(&self) -> impl Iterator<Item = (&str, &str)> {
        self.names.iter().map(|n| (self.forms.text(n.form), self.keys.text(n.key)))
    }
}
