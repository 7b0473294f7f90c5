//! A place name written as a word of something else's name. English news names hospitals,
//! offices and firms with words that are also small towns (*Cook Children's Medical
//! **Center***, *State Fire **Marshal***, *Credit **Union***), and writes acronyms in capitals
//! that fold to a town's name (*the **NICE** program*, *police **SWAT** team*). Neither is read
//! as the town; a town's own name keeps its reading (*in Center*, *NICE, France*, a dateline
//! *XENIA —*).

use super::common_nouns::{sentence_initial, word_after, Span};
use super::words::WordSet;

/// Capitalised words that open a place's own name or qualify one (*Lake* Lanier, *Fort*
/// Benning, *North* Georgia, *Metropolitan* Atlanta), and capitalised function words (*The*
/// Dublin Singers): the word after them is still read as a place.
const PLACE_QUALIFIERS: &[&str] = &[
    "Lake", "Fort", "Mount", "Port", "Cape", "Point", "Saint", "San", "Santa", "Isle", "Camp", "Glen",
    "Upper", "Lower", "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western",
    "Central", "Greater", "Downtown", "Old", "New", "Little", "Big", "Grand", "Great", "Metropolitan",
    "Suburban", "Rural", "Coastal", "Upstate", "Downstate", "Inner", "Outer", "Mid", "Historic",
    "Northeast", "Northwest", "Southeast", "Southwest", "The", "A", "An", "In", "At", "Of", "To",
    "For", "From", "By", "On", "And", "Or", "With", "Near", "Outside", "Inside",
];

static PLACE_QUALIFIER_SET: WordSet = WordSet::new(&[PLACE_QUALIFIERS]);

/// The capitalised word right before the span, one space away, with its start (see
/// `word_before`).
fn capitalised_word_before<'t>(span: &Span<'t>) -> Option<(usize, &'t str)> {
    span.word_before.filter(|(_, w)| w.chars().next().is_some_and(char::is_uppercase))
}

/// True when the one-word span ends a longer capitalised name (*Medical Center*,
/// *Fire Marshal*): the word before it is capitalised, though it neither opens a sentence nor
/// qualifies a place, and no mention of its own (`mention_before`: *Detroit* in *Detroit
/// Edison* is a place, and a name beside a place name is left to the data).
pub(crate) fn ends_longer_name(span: &Span, mention_before: bool) -> bool {
    if mention_before || !span.one_word {
        return false;
    }
    let Some((word_start, word)) = capitalised_word_before(span) else {
        return false;
    };
    !PLACE_QUALIFIER_SET.contains(word) && !sentence_initial(span.text, word_start)
}

/// True when a capitalised word stands right before (as in `ends_longer_name`) or right after
/// the one-word span, one space away: the span is a word of a longer name (*Foreign
/// Minister*, *Flying Tigers*, *Andrei Bogdanov*), which spelling variants must not be.
pub(crate) fn beside_capitalised_word(span: &Span) -> bool {
    if !span.one_word {
        return false;
    }
    let next_capitalised = word_after(span.text, span.end)
        .is_some_and(|word| word.chars().next().is_some_and(char::is_uppercase) && !PLACE_QUALIFIER_SET.contains(word));
    next_capitalised || ends_longer_name(span, false)
}

/// Car makes whose models are named after places (*Dodge Durango*, *Hyundai Tucson*, *Toyota
/// Tacoma*, *Ford Taurus*): the place name after one is the model. Not *Lincoln* or *Mercury*,
/// which are also a city and a planet.
const VEHICLE_MAKES: &[&str] = &[
    "Ford", "Dodge", "Chevrolet", "Chevy", "Toyota", "Honda", "Nissan", "Hyundai", "Kia", "Jeep", "Buick",
    "Pontiac", "Chrysler", "Mazda", "Subaru", "Volkswagen", "VW", "GMC", "Cadillac", "Plymouth",
    "Oldsmobile", "Mitsubishi", "Suzuki", "Isuzu", "Acura", "Infiniti", "Lexus", "Volvo", "Audi", "BMW",
    "Peugeot", "Renault", "Citroën", "Fiat", "Opel", "Seat", "Skoda", "Škoda", "Dacia",
];

/// Words that open a sports club's name before its city (*AC Milan*, *Real Madrid*, *Club
/// América*, *Dynamo Kiev*): the place name after one is the club.
const CLUB_OPENERS: &[&str] = &[
    "FC", "AC", "CF", "SC", "AFC", "CD", "SK", "FK", "NK", "KV", "Club", "Real", "Inter", "Sporting",
    "Atletico", "Atlético", "Deportivo", "Racing", "Olympique", "Dynamo", "Dinamo", "Spartak", "Lokomotiv",
    "Zenit", "CSKA", "Partizan", "Legia", "Steaua", "Hertha", "Eintracht", "Borussia", "Werder", "Hellas",
];

static MAKES_AND_CLUB_OPENERS: WordSet = WordSet::new(&[VEHICLE_MAKES, CLUB_OPENERS]);

/// True when the span follows a car make or a club's opening word (*Dodge **Durango***,
/// *AC **Milan***): it names the model or the club, not the place.
pub(crate) fn names_model_or_club(span: &Span) -> bool {
    // Every make and opener starts with a capital: most words before a span are out at that.
    span.word_before.is_some_and(|(_, w)| {
        w.starts_with(char::is_uppercase) && MAKES_AND_CLUB_OPENERS.contains(w)
    })
}

/// Words after which *the Town* is a thing named after the town, not the town: a verb, a
/// preposition or a relative pronoun (*the Webster was*, *the Herald in the 1960s*, *the
/// Boons that*). Not *and*, *or* nor *of*: *the Gainesville and Lindsay communities*.
const AFTER_A_NAMED_THING: &[&str] = &[
    "was", "is", "has", "had", "last", "will", "would", "said", "says", "who", "which", "that", "in",
    "on", "at", "for", "to", "with", "from", "by",
];

/// True when the one-word span follows a lower-case *the* and ends its noun phrase (before a
/// stop, a possessive, a verb or a preposition): English takes no article before a town's own
/// name, so *running the Webster.* and *hired by the Herald in 1960* name a theatre and a
/// newspaper. Names that take one (*The Hague*, *the Bronx*) are aliases of their own, and
/// big places are left alone (see the caller).
pub(crate) fn after_the_article(span: &Span) -> bool {
    if !span.word_before.is_some_and(|(_, w)| w == "the") || !span.one_word {
        return false;
    }
    let rest = &span.text[span.end..];
    if rest.is_empty() || rest.starts_with(['.', ';', ':', '!', '?', ')']) || rest.starts_with("'s") || rest.starts_with("’s") {
        return true;
    }
    word_after(span.text, span.end).is_some_and(|w| AFTER_A_NAMED_THING.contains(&w))
}

/// True when the one-word span is joined to a capitalised word by an ampersand (*McPherson &
/// Jacobsen*, *Callison Tighe & Robinson*, *Swift & Co.*): a firm's name, made of surnames.
/// Small places only (see the caller): *Trinidad & Tobago* writes two islands so.
pub(crate) fn in_firm_name(text: &str, start: usize, end: usize) -> bool {
    let capitalised = |w: &str| w.starts_with(char::is_uppercase);
    let partner_after = text[end..].strip_prefix(" & ").is_some_and(capitalised);
    let partner_before = text[..start]
        .strip_suffix(" & ")
        .is_some_and(|b| b.rsplit(' ').next().is_some_and(|w| capitalised(w) && w.chars().count() > 1));
    (partner_after || partner_before) && !text[start..end].contains(' ')
}

/// A short word in capitals: the shape of an acronym.
fn acronym_shaped(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (2..=5).contains(&letters) && !word.chars().any(char::is_lowercase) && !word.contains(' ')
}

fn all_caps_word(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

/// True when the span is an acronym in mixed-case text (*the NICE program*), not a name written
/// in capitals: a capitals line or headline (a neighbouring word in capitals too) or a dateline
/// (*KENT, Ohio*; *XENIA —*) writes place names so.
pub(crate) fn acronym_in_running_text(text: &str, start: usize, end: usize) -> bool {
    let span = &text[start..end];
    if !acronym_shaped(span) {
        return false;
    }
    let after = text[end..].trim_start_matches(' ');
    if after.starts_with([',', '-', '–', '—', '(', ':']) {
        return false;
    }
    let next = after.split(|c: char| !c.is_alphanumeric() && c != '.').next().unwrap_or("");
    let before = text[..start].trim_end_matches(' ');
    let previous = before.rsplit(|c: char| !c.is_alphanumeric() && c != '.').next().unwrap_or("");
    !all_caps_word(next) && !all_caps_word(previous)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::gazetteer::tests::rule_at as at;

    fn tail(text: &str, word: &str) -> bool {
        at(|t, s, e| ends_longer_name(&Span::new(t, s, e), false), text, word)
    }

    fn acronym(text: &str, word: &str) -> bool {
        at(acronym_in_running_text, text, word)
    }

    #[test]
    fn last_words_of_longer_names() {
        assert!(tail("She was taken to Cook Children's Medical Center.", "Center"));
        assert!(tail("said County Fire Marshal John Holcomb", "Marshal"));
        assert!(tail("a 2007 Toyota Corolla, and a Dodge Durango", "Durango"));
    }

    #[test]
    fn places_after_qualifiers_openers_and_abbreviations() {
        assert!(!tail("a tributary of Lake Lanier this week", "Lanier"));
        assert!(!tail("the weather in North Georgia is mild", "Georgia"));
        assert!(!tail("Center police said", "Center"));
        assert!(!tail("He left. Center police said", "police"));
        assert!(!tail("He lives in Center, Texas.", "Center"));
        assert!(!tail("He met Mr. Lincoln there", "Lincoln"));
        assert!(!tail("the violence in Iran's Kermanshah province", "Kermanshah"));
        assert!(!tail("visit The Dublin Singers", "Dublin"));
        assert!(!tail("the Medical Center", "Medical Center"));
        let text = "at Detroit Edison today";
        let start = text.find("Edison").unwrap();
        assert!(!ends_longer_name(&Span::new(text, start, start + 6), true));
    }

    #[test]
    fn words_beside_capitalised_words() {
        let beside = |text: &str, word: &str| at(|t, s, e| beside_capitalised_word(&Span::new(t, s, e)), text, word);
        assert!(beside("said Foreign Minister Lavrov", "Foreign"));
        assert!(beside("the pilots of the Flying Tigers", "Flying"));
        assert!(beside("candidate Andrei Bogdanov on Wednesday", "Bogdanov"));
        assert!(!beside("two Abkhaz servicemen were hurt", "Abkhaz"));
        assert!(!beside("fighting near Boukamal, on the border", "Boukamal"));
        assert!(!beside("He left. Boukamal fell", "Boukamal"));
        assert!(!beside("from Tskhinvali to the South", "Tskhinvali"));
    }

    #[test]
    fn car_models_and_clubs_named_after_places() {
        let model = |text: &str, word: &str| at(|t, s, e| names_model_or_club(&Span::new(t, s, e)), text, word);
        assert!(model("rivals AC Milan and Inter", "Milan"));
        assert!(model("Mexico's Club America and Chelsea", "America"));
        assert!(model("this trophy's for Real Madrid.", "Madrid"));
        assert!(!model("the club in Milan", "Milan"));
        assert!(model("A red Dodge Durango with teens", "Durango"));
        assert!(model("driving a 2000 Ford Taurus on", "Taurus"));
        assert!(!model("the Ford plant in Dearborn", "Dearborn"));
        assert!(!model("a Lincoln Continental", "Continental"));
        assert!(!model("in Durango, Mexico", "Durango"));
    }

    #[test]
    fn makes_and_club_openers_are_capitalised() {
        // `names_model_or_club` reads only capitalised words.
        assert!(VEHICLE_MAKES.iter().chain(CLUB_OPENERS).all(|w| w.starts_with(char::is_uppercase)));
    }

    #[test]
    fn firms_named_with_an_ampersand() {
        assert!(at(in_firm_name, "representatives from McPherson & Jacobsen LLC", "McPherson"));
        assert!(at(in_firm_name, "an attorney with Callison Tighe & Robinson, which", "Robinson"));
        assert!(at(in_firm_name, "a raid at the Swift & Co. plant", "Swift"));
        assert!(!at(in_firm_name, "from Dallas & the suburbs", "Dallas"));
        assert!(!at(in_firm_name, "Q & Robinson", "Robinson")); // one letter: Q&A-like, no firm
        assert!(!at(in_firm_name, "Robinson and Jacobsen", "Robinson"));
    }

    #[test]
    fn things_named_after_towns() {
        let the = |text: &str, word: &str| at(|t, s, e| after_the_article(&Span::new(t, s, e)), text, word);
        assert!(the("continue running the Webster. Tragedy", "Webster"));
        assert!(the("Tragedy struck the Webster last year", "Webster"));
        assert!(the("hired by the Herald in the late 1960s", "Herald"));
        assert!(the("photos of the Boons on their property", "Boons"));
        assert!(the("the Herald’s editor", "Herald"));
        assert!(!the("the Gainesville and Lindsay communities", "Gainesville"));
        assert!(!the("the Houston area", "Houston"));
        assert!(!the("the Cathedral of the Holy Spirit", "Cathedral"));
        assert!(!the("The Webster was", "Webster")); // *The* opens the name
        assert!(!the("in Webster. Tragedy", "Webster"));
        assert!(!the("the North Webster.", "North Webster"));
    }

    #[test]
    fn acronyms_in_mixed_case_text() {
        assert!(acronym("the NICE program will kick off", "NICE"));
        assert!(acronym("An Albany police SWAT team arrived", "SWAT"));
        assert!(acronym("students at UF and elsewhere", "UF"));
    }

    #[test]
    fn names_in_capitals_lines_and_datelines() {
        assert!(!acronym("KENT, Ohio (AP) - Police said", "KENT"));
        assert!(!acronym("XENIA — The girlfriend of", "XENIA"));
        assert!(!acronym("OMAHA -- A University sociologist", "OMAHA"));
        assert!(!acronym("NEW DELHI POLICE ARREST", "DELHI"));
        assert!(!acronym("He lives in Paris now", "Paris"));
        assert!(!acronym("a plan for Paris-Nord", "Paris-Nord"));
    }
}
