import pickle

import pytest

import nomina

FRENCH = "Le groupe Etat islamique est parvenu à reprendre samedi la ville syrienne de Boukamal."
ENGLISH = "The Islamic State group retook the Syrian town of Abu Kamal on Saturday, two days later."
GERMAN = "Die Terrormiliz Islamischer Staat hat die syrische Stadt Abu Kamal zurückerobert."
RUSSIAN = "Боевики группировки Исламское государство снова захватили сирийский город Абу-Кемаль."
ARABIC = "استعاد تنظيم الدولة الإسلامية السيطرة على مدينة البوكمال السورية يوم السبت."


def test_seeds_are_french(seed_texts):
    assert len(seed_texts) == 5
    for name, text in seed_texts.items():
        d = nomina.detect(text)
        assert d is not None, name
        assert (d.lang, d.iso639_3, d.name, d.script, d.reliable) == ("fr", "fra", "French", "Latin", True), name
        assert 0.5 < d.confidence <= 1.0


@pytest.mark.parametrize(
    "text, lang, iso3, script",
    [(ENGLISH, "en", "eng", "Latin"), (GERMAN, "de", "deu", "Latin"), (RUSSIAN, "ru", "rus", "Cyrillic"), (ARABIC, "ar", "ara", "Arabic")],
)
def test_detects_news_languages(text, lang, iso3, script):
    d = nomina.detect(text)
    assert (d.lang, d.iso639_3, d.script) == (lang, iso3, script)


def test_lang_falls_back_to_iso639_3_only_where_no_639_1_exists():
    codes = {iso3: code for code, iso3, _ in nomina.languages()}
    assert codes["pes"] == "fa" and codes["cmn"] == "zh" and codes["fra"] == "fr"
    assert all(len(code) in (2, 3) for code in codes.values())
    assert len(codes) == 70


@pytest.mark.parametrize("text", ["", "   \n\t", "2017-11-11 12:30", "!!! ??? ...", "\x00\x00", "😀🎉"])
def test_nothing_to_say(text):
    assert nomina.detect(text) is None


def test_allowlist_restricts_and_accepts_codes_and_names():
    for allow in (["de", "es"], ["deu", "spa"], ["German", "Spanish"]):
        assert nomina.detect(FRENCH, allowlist=allow).lang in {"de", "es"}
    assert nomina.detect(FRENCH, allowlist=["fr", "en"]).lang == "fr"
    assert nomina.detect(FRENCH, allowlist=("fra",)).lang == "fr"


def test_unknown_allowlist_entry_raises_naming_it():
    with pytest.raises(ValueError, match="klingon"):
        nomina.detect(FRENCH, allowlist=["fr", "klingon"])
    with pytest.raises(ValueError, match="empty"):
        nomina.detect(FRENCH, allowlist=[])
    with pytest.raises(ValueError, match="xx"):
        nomina.detect_batch([FRENCH], allowlist=["xx"])


def test_batch_equals_one_by_one(seed_texts):
    texts = [*seed_texts.values(), None, "", ENGLISH, GERMAN, RUSSIAN, ARABIC, "123"] * 20
    expected = [None if t is None else nomina.detect(t) for t in texts]
    for threads in (None, 1, 2):
        assert nomina.detect_batch(texts, threads=threads) == expected
    assert nomina.detect_batch(iter(texts), threads=2) == expected
    assert nomina.detect_batch(tuple(texts)) == expected
    assert nomina.detect_batch([]) == []


def test_batch_allowlist_equals_one_by_one():
    texts = [FRENCH, ENGLISH, GERMAN]
    assert nomina.detect_batch(texts, allowlist=["en", "de"]) == [nomina.detect(t, allowlist=["en", "de"]) for t in texts]


@pytest.mark.parametrize("threads", [0, -1])
def test_bad_thread_count(threads):
    with pytest.raises(ValueError, match="threads"):
        nomina.detect_batch([FRENCH], threads=threads)


@pytest.mark.parametrize("bad, type_name", [(None, "NoneType"), (b"bytes", "bytes"), (42, "int"), (3.5, "float")])
def test_bad_input_names_the_type(bad, type_name):
    with pytest.raises(TypeError, match=type_name):
        nomina.detect(bad)
    with pytest.raises(TypeError, match=type_name):
        nomina.detect_spans(bad)


def test_bad_batch_item_names_position_and_type():
    with pytest.raises(TypeError, match=r"texts\[1\].*bytes"):
        nomina.detect_batch([FRENCH, b"x"])
    with pytest.raises(TypeError, match="str"):
        nomina.detect_batch(FRENCH)
    with pytest.raises(TypeError, match="int"):
        nomina.detect_batch(5)


def test_hostile_text_never_crashes():
    for text in ["\ud800", "Bonjour \udcff le monde, comment allez-vous aujourd'hui ?", "a\x00b\x00" * 1000, "\u202eتنظيم\u202c"]:
        nomina.detect(text)
        for span in nomina.detect_spans(text):
            assert 0 <= span.start < span.end <= len(text)
    assert nomina.detect_batch(["\ud800x", None])[1] is None


def test_ten_megabytes():
    text = (FRENCH + " ") * (10_000_000 // (len(FRENCH) + 1))
    assert len(text) >= 9_900_000
    assert nomina.detect(text).lang == "fr"
    spans = nomina.detect_spans(text)
    assert [s.lang for s in spans] == ["fr"]


def test_spans_split_languages_with_str_offsets():
    text = f"{FRENCH} Ça s'est passé à l'aube.\n{ENGLISH}\r\n{RUSSIAN} 😀"
    spans = nomina.detect_spans(text)
    assert [s.lang for s in spans] == ["fr", "en", "ru"]
    assert spans[0].start == 0 and spans[-1].end == len(text)
    for a, b in zip(spans, spans[1:]):
        assert a.end == b.start
    assert text[spans[1].start:spans[1].end].strip() == ENGLISH
    assert "Абу-Кемаль" in text[spans[2].start:spans[2].end]


def test_short_sentence_takes_the_document_language():
    text = f"{FRENCH} Oui. {FRENCH}"
    assert [s.lang for s in nomina.detect_spans(text)] == ["fr"]


def test_detection_value_semantics():
    d = nomina.detect(FRENCH)
    assert d == nomina.detect(FRENCH)
    assert d != nomina.detect(ENGLISH)
    assert pickle.loads(pickle.dumps(d)) == d
    assert repr(d).startswith("Detection(lang='fr', iso639_3='fra', name='French', script='Latin', confidence=")
    span = nomina.detect_spans(FRENCH)[0]
    assert pickle.loads(pickle.dumps(span)) == span
    assert "LanguageSpan(start=0" in repr(span)
    with pytest.raises(AttributeError):
        d.lang = "en"
