//! Tests of the gazetteer as a whole: tagging, finding, saving.

use super::*;

/// `rule` applied to the first occurrence of `word` in `text`: how the tests of the span rules
/// (`common_nouns`, `longer_names`, `persons`) name a span.
pub(crate) fn rule_at(rule: impl Fn(&str, usize, usize) -> bool, text: &str, word: &str) -> bool {
    let start = text.find(word).unwrap();
    rule(text, start, start + word.len())
}

fn seeds_gazetteer(case: CaseMode) -> Gazetteer {
    let entities = vec![
        Entity::new("geonames:174448", "Ālbū Kamāl").with_kind("place").with_country("SY").with_population(80808)
            .with_aliases(&["Abu Kamal", "Albu Kamal", "al-Bukamal"]),
        Entity::new("geonames:163843", "Syria").with_kind("country").with_country("SY")
            .with_aliases(&["Syrie", "Syrien"]).with_demonyms(&["syrien", "syrienne", "syriens", "syriennes"]),
        Entity::new("geonames:99237", "Iraq").with_kind("country").with_country("IQ").with_aliases(&["Irak"]),
        Entity::new("actor:isis", "Islamic State").with_kind("organization")
            .with_aliases(&["Etat islamique", "État islamique", "EI", "Daech", "Daesh", "ISIS"]),
        Entity::new("actor:sohr", "Syrian Observatory for Human Rights").with_kind("organization").with_country("GB")
            .with_aliases(&["OSDH", "Osdh", "Observatoire syrien des droits de l'homme"]),
        Entity::new("actor:trump", "Donald Trump").with_kind("person").with_country("US").with_aliases(&["Trump"]),
        Entity::new("geonames:les", "Les").with_kind("place").with_country("ES"),
        Entity::new("geonames:sur", "Sur").with_kind("place").with_country("OM"),
        Entity::new("geonames:ontario", "Ontario").with_kind("region").with_aliases(&["Ont"]),
        Entity::new("geonames:tripoli-ly", "Tripoli").with_kind("place").with_country("LY").with_population(1_150_000),
        Entity::new("geonames:tripoli-lb", "Tripoli").with_kind("place").with_country("LB").with_population(229_000)
            .with_aliases(&["Trablous"]),
        Entity::new("geonames:lebanon", "Lebanon").with_kind("country").with_country("LB").with_aliases(&["Liban"]),
        Entity::new("geonames:idlib", "Idlib").with_kind("place").with_country("SY").with_aliases(&["Idleb"]),
    ];
    Gazetteer::new(entities, case, "test").unwrap()
}

fn ids(g: &Gazetteer, text: &str) -> Vec<(String, String, &'static str)> {
    g.tag(text, &TagOptions::new())
        .unwrap()
        .into_iter()
        .map(|m| (m.text.clone(), g.entity(m.entity).id.clone(), m.match_kind.as_str()))
        .collect()
}

#[test]
fn tags_the_seed_sentence() {
    let g = seeds_gazetteer(CaseMode::Smart);
    let text = "Les forces syriennes ont repris Boukamal, selon l'Osdh. Sur le long terme, l'EI et Daech \
                perdent du terrain en Syrie et en Irak, a dit Trump.";
    let got = ids(&g, text);
    let texts: Vec<&str> = got.iter().map(|(t, _, _)| t.as_str()).collect();
    assert_eq!(texts, ["syriennes", "Boukamal", "Osdh", "EI", "Daech", "Syrie", "Irak", "Trump"], "{got:?}");
    assert_eq!(got[1].1, "geonames:174448");
    assert_eq!(got[1].2, "variant");
    assert_eq!(got[0].2, "demonym");
    assert_eq!(got[3].1, "actor:isis");
}

#[test]
fn offsets_are_char_indices_of_the_original() {
    let g = seeds_gazetteer(CaseMode::Smart);
    let text = "😀 Ça s'est passé à l’EI, Ālbū Kamāl\r\net ÉTAT ISLAMIQUE à Idleb.";
    let chars: Vec<char> = text.chars().collect();
    let mentions = g.tag(text, &TagOptions::new()).unwrap();
    assert!(mentions.len() >= 3, "{mentions:?}");
    for m in mentions {
        let slice: String = chars[m.start..m.end].iter().collect();
        assert_eq!(slice, m.text);
    }
}

#[test]
fn never_inside_words_nor_after_non_elided_apostrophes() {
    let g = Gazetteer::new(
        vec![Entity::new("a", "gion"), Entity::new("b", "hui"), Entity::new("c", "Idleb")],
        CaseMode::Insensitive,
        "test",
    )
    .unwrap();
    let found = ids(&g, "la région, aujourd'hui, d'Idleb");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "Idleb");
}

#[test]
fn acronyms_only_in_capitals_and_names_only_capitalised() {
    let g = seeds_gazetteer(CaseMode::Smart);
    assert!(ids(&g, "ei, Ei, daech et les sur").is_empty());
    assert_eq!(ids(&g, "EI").len(), 1);
}

#[test]
fn insensitive_and_sensitive_are_keyword_semantics() {
    let entities = vec![Entity::new("ny", "New York"), Entity::new("n", "new"), Entity::new("y", "York")];
    let g = Gazetteer::new(entities.clone(), CaseMode::Insensitive, "t").unwrap();
    let got: Vec<_> = ids(&g, "new york and NEW, york").into_iter().map(|(t, id, _)| (t, id)).collect();
    assert_eq!(got, [("new york".into(), "ny".into()), ("NEW".into(), "n".into()), ("york".into(), "y".into())]);
    let g = Gazetteer::new(entities, CaseMode::Sensitive, "t").unwrap();
    let got: Vec<_> = ids(&g, "new york and New York, York").into_iter().map(|(t, _, _)| t).collect();
    assert_eq!(got, ["new", "New York", "York"]);
}

#[test]
fn ambiguous_names_follow_the_document() {
    let g = seeds_gazetteer(CaseMode::Smart);
    let m = g.tag("Tripoli est calme.", &TagOptions::new()).unwrap();
    assert_eq!(g.entity(m[0].entity).id, "geonames:tripoli-ly");
    assert_eq!(g.entity(m[0].alternatives[0]).id, "geonames:tripoli-lb");
    let m = g.tag("Au Liban, Tripoli est calme.", &TagOptions::new()).unwrap();
    assert_eq!(g.entity(m[1].entity).id, "geonames:tripoli-lb");
}

#[test]
fn batch_equals_one_by_one() {
    let g = seeds_gazetteer(CaseMode::Smart);
    let texts = ["Boukamal en Syrie", "", "l'EI à Idleb", "Trump"];
    let options = TagOptions::new();
    let batch = g.tag_batch(&texts, &options, Some(2)).unwrap();
    let single: Vec<_> = texts.iter().map(|t| g.tag(t, &options).unwrap()).collect();
    assert_eq!(batch, single);
}

#[test]
fn finds_variants_and_typos() {
    let g = seeds_gazetteer(CaseMode::Smart);
    let options = FindOptions { limit: 3, ..Default::default() };
    let top = &g.find("Boukamal", &options)[0];
    assert_eq!(g.entity(top.entity).id, "geonames:174448");
    let top = &g.find("Syrie", &options)[0];
    assert_eq!((g.entity(top.entity).id.as_str(), top.match_kind), ("geonames:163843", MatchKind::Alias));
    let top = &g.find("Idlb", &options)[0];
    assert_eq!(g.entity(top.entity).id, "geonames:idlib");
    let filtered = g.find("Tripoli", &FindOptions { limit: 3, country: Some("lb".into()), ..Default::default() });
    assert_eq!(filtered.len(), 1);
}

#[test]
fn save_and_load_round_trip_and_reject_damage() {
    let g = seeds_gazetteer(CaseMode::Smart);
    let bytes = g.to_bytes();
    let back = Gazetteer::from_bytes(&bytes, "bytes").unwrap();
    assert_eq!(back.to_bytes(), bytes);
    assert_eq!(back.entities().len(), g.entities().len());
    let text = "Boukamal, l'EI, Syrie";
    assert_eq!(back.tag(text, &TagOptions::new()).unwrap(), g.tag(text, &TagOptions::new()).unwrap());
    for cut in [0, 5, 20, bytes.len() / 2, bytes.len() - 1] {
        assert!(Gazetteer::from_bytes(&bytes[..cut], "cut").is_err());
    }
    let mut flipped = bytes.clone();
    let last = flipped.len() - 3;
    flipped[last] ^= 0x55;
    assert!(Gazetteer::from_bytes(&flipped, "flipped").is_err());
    assert!(Gazetteer::from_bytes(b"PK\x03\x04 not a gazetteer at all.....", "zip").is_err());
}

#[test]
fn gzip_compressed_saved_form_loads_the_same_and_damage_is_an_error() {
    use std::io::Write;
    let g = seeds_gazetteer(CaseMode::Smart);
    let bytes = g.to_bytes();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&bytes).unwrap();
    let gz = gz.finish().unwrap();
    assert_eq!(Gazetteer::from_bytes(&gz, "gz").unwrap().to_bytes(), bytes);
    for cut in [2, 10, gz.len() / 2, gz.len() - 1] {
        let err = Gazetteer::from_bytes(&gz[..cut], "default.gazetteer.gz").unwrap_err();
        assert!(err.to_string().contains("default.gazetteer.gz"), "{err}");
    }
    let mut flipped = gz.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x55;
    assert!(Gazetteer::from_bytes(&flipped, "flipped").is_err());
}

#[test]
fn lower_case_phrases_of_the_data_match_in_lower_case_and_single_words_do_not() {
    let entities = vec![
        Entity::new("actor:vks", "Russian Aerospace Forces").with_kind("organization")
            .with_aliases(&["armée de l'air russe", "aviation russe"]),
        Entity::new("trap:gion", "gion").with_kind("place"),
    ];
    let g = Gazetteer::new(entities, CaseMode::Smart, "test").unwrap();
    let found = ids(&g, "Hier, l'armée de l'air russe et l'aviation russe ont frappé; gion.");
    let texts: Vec<&str> = found.iter().map(|(t, _, _)| t.as_str()).collect();
    assert_eq!(texts, ["armée de l'air russe", "aviation russe"]);
}

#[test]
fn duplicate_ids_and_empty_names_are_errors() {
    let err = Gazetteer::new(vec![Entity::new("a", "A"), Entity::new("a", "B")], CaseMode::Smart, "recs").unwrap_err();
    assert!(err.to_string().contains("line 2") && err.to_string().contains("duplicate id"), "{err}");
    assert!(Gazetteer::new(vec![Entity::new("a", " ")], CaseMode::Smart, "recs").is_err());
}

#[test]
fn case_sensitive_and_ambiguous_aliases_from_the_data() {
    let mut sana = Entity::new("actor:sana", "Syrian Arab News Agency").with_kind("organization").with_country("SY")
        .with_aliases(&["SANA", "Sana"]);
    sana.attributes.insert("case_sensitive_aliases".into(), serde_json::json!(["SANA", "Sana"]));
    let mut sanaa = Entity::new("geonames:71137", "Sanaa").with_kind("place").with_country("YE").with_population(1_937_451)
        .with_aliases(&["Sana", "Sana'a"]);
    sanaa.attributes.insert("ambiguous_aliases".into(), serde_json::json!(["Sana"]));
    let syria = Entity::new("geonames:163843", "Syria").with_kind("country").with_country("SY").with_aliases(&["Syrie"]);
    let g = Gazetteer::new(vec![sana, sanaa, syria], CaseMode::Smart, "t").unwrap();
    let got = ids(&g, "En Syrie, l'agence Sana rapporte que SANA, pas SaNa, ...");
    assert_eq!(got[1], ("Sana".into(), "actor:sana".into(), "alias"), "{got:?}");
    assert_eq!(got[2].1, "actor:sana");
    assert_eq!(got.len(), 3, "{got:?}");
    // Without the agency, an ambiguous alias of a far-away place needs its country in the text.
    let mut sanaa = Entity::new("geonames:71137", "Sanaa").with_kind("place").with_country("YE").with_aliases(&["Sana"]);
    sanaa.attributes.insert("ambiguous_aliases".into(), serde_json::json!(["Sana"]));
    let syria = Entity::new("geonames:163843", "Syria").with_kind("country").with_country("SY").with_aliases(&["Syrie"]);
    let yemen = Entity::new("geonames:69543", "Yemen").with_kind("country").with_country("YE");
    let g = Gazetteer::new(vec![sanaa, syria, yemen], CaseMode::Smart, "t").unwrap();
    assert_eq!(ids(&g, "En Syrie, selon Sana, ...").len(), 1);
    assert_eq!(ids(&g, "Au Yemen, Sana est calme").len(), 2);
}

#[test]
fn a_named_region_settles_its_towns() {
    let mut paris_tx = Entity::new("geonames:4717560", "Paris").with_kind("place").with_country("US").with_population(25_000);
    paris_tx.attributes.insert("admin1".into(), serde_json::json!("geonames:4736286"));
    let paris_fr = Entity::new("geonames:2988507", "Paris").with_kind("place").with_country("FR").with_population(2_138_551);
    let mut paris_tn = Entity::new("geonames:4647963", "Paris").with_kind("place").with_country("US").with_population(10_000);
    paris_tn.attributes.insert("admin1".into(), serde_json::json!("geonames:4662168"));
    let texas = Entity::new("geonames:4736286", "Texas").with_kind("region").with_country("US");
    let tennessee = Entity::new("geonames:4662168", "Tennessee").with_kind("region").with_country("US");
    let g = Gazetteer::new(vec![paris_tx, paris_fr, paris_tn, texas, tennessee], CaseMode::Smart, "t").unwrap();
    let entity_of = |text: &str| {
        let m = g.tag(text, &TagOptions::new()).unwrap();
        g.entity(m[0].entity).id.clone()
    };
    assert_eq!(entity_of("Paris is calm."), "geonames:2988507");
    assert_eq!(entity_of("Paris, Texas, is calm."), "geonames:4717560");
    assert_eq!(entity_of("Paris, Tennessee, is calm."), "geonames:4647963");
}

#[test]
fn forged_files_with_a_valid_checksum_never_panic() {
    // Damage that a checksum cannot catch (someone rewrote it): every read is still checked.
    let bytes = seeds_gazetteer(CaseMode::Smart).to_bytes();
    let header = 8 + 4 + 8 + 4;
    let mut rng = crate::test_rng::XorShift(0x2545_f491_4f6c_dd1d);
    let mut next = move || rng.next();
    for round in 0..3000 {
        let mut forged = bytes.clone();
        for _ in 0..1 + round % 4 {
            let at = header + (next() as usize) % (forged.len() - header);
            forged[at] = next() as u8;
        }
        if round % 7 == 0 {
            let cut = header + (next() as usize) % (forged.len() - header);
            forged.truncate(cut);
            let length = (forged.len() - header) as u64;
            forged[12..20].copy_from_slice(&length.to_le_bytes());
        }
        let crc = crc32fast::hash(&forged[header..]);
        forged[20..24].copy_from_slice(&crc.to_le_bytes());
        if let Ok(g) = Gazetteer::from_bytes(&forged, "forged") {
            let _ = g.tag("Boukamal, l'EI, Syrie et Daech", &TagOptions::new());
            let _ = g.find("Boukamal", &FindOptions { limit: 3, ..Default::default() });
        }
    }
}
