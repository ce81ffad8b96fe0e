"""Program codes are recognised by shape and normalised so spellings of one program agree."""

import pytest

from handlers.extractors.subjects import Programs, find_codes, normalise


@pytest.mark.parametrize("spelling", ["UCART22", "UCART-22", "UCAR-T22", "UCART 22", "ucart22"])
def test_spellings_of_one_program_share_a_key(spelling):
    assert normalise(spelling) == "UCART22"


def test_codes_found_with_their_spelling_and_aliases():
    call = Programs(
        "Our pipeline: UCART22, UCART123 and UCARTMESO, targeting mesothelin, plus TALGlobin01.\n"
        "Phase 1 data for CD19 and COVID-19 updates."
    )
    assert {"UCART22", "UCART123", "UCARTMESO", "TALGLOBIN01"} <= call.keys
    assert not {"CD19", "COVID19", "PHASE1"} & call.keys
    found = call.in_text("We plan INDs for UCART 22, UCART mesothelin and the TALGlobin program.")
    assert [(key, said) for key, said, _ in found] == [
        ("UCART22", "UCART 22"), ("UCARTMESO", "mesothelin"), ("TALGLOBIN01", "TALGlobin")]


def test_code_without_number_is_not_guessed_when_ambiguous():
    call = Programs("UCART22 and UCART123 are in the clinic.")
    assert call.in_text("the UCART platform") == []


@pytest.mark.parametrize(("text", "key"), [
    ("We expect to submit an NDA for olezarsen next year.", "OLEZARSEN"),
    ("The BLA for tarlatamab was accepted.", "TARLATAMAB"),
    ("Data for vutrisiran come next.", "VUTRISIRAN"),
])
def test_drug_names_by_their_stem(text, key):
    assert [k for k, _, _ in Programs(text).in_text(text)] == [key]


def test_english_words_are_not_drug_names():
    text = "We will increase the database release and cancel the concept."
    assert Programs(text).in_text(text) == []


def test_an_all_capital_word_before_a_number_is_still_a_code():
    # The digit-code reading ("MODULE 2") is rejected; the all-capital reading at the same place stands.
    assert find_codes("We launched MODULE 2 and ALLO-501 today.") == [("MODULE", 12), ("ALLO-501", 25)]


def test_drug_classes_and_genes_named_by_their_target_are_no_codes():
    # "GLP-1", "DPP-4", "SGLT2", "APOE4": what a medicine acts on or a patient carries, not a program.
    assert find_codes("GLP-1 and DPP-4 medicines, SGLT2 inhibitors and APOE4 carriers, unlike ABC-101.") == [
        ("ABC-101", 71)]


# The whole-call scans start from a class or a literal for speed; they must find exactly what the
# plain patterns (a leading `\b`, or `_TARGETING` tried at every capital) find.
_SCANNED = ("Ucart-22 and ucart MESO, x-UCART1, which is targeting BCMA-2; foo-ABCD, targeting CD19. "
            "\u212aLLO-1 KLLO-2 mkllo-33 \u017fALL x1 ALLO-22x, ALLO 7. UCARTMESO, targeting mesothelin, "
            "AB-1234567890123456789, targets CD22 and XY12, directed against GPRC5D. "
            # a code inside the match before it: "BCMA1" is that match's target, so no second match
            "QR1234, targeting BCMA1, targeting CD19.")


@pytest.mark.parametrize("prefixes", [frozenset({"UCART", "ALLO", "KLLO", "SALL"}), frozenset({"UCA", "UCART"}),
                                      frozenset({"ALLO"})])
def test_prefixed_codes_scan_finds_what_a_leading_word_boundary_finds(prefixes):
    import re

    from handlers.extractors.subjects import _prefixed

    plain = rf"\b(?:{'|'.join(map(re.escape, sorted(prefixes)))})[- ](?P<suffix>[A-Z0-9][A-Z0-9x]{{1,8}})\b"
    expected = [(m.span(), m["suffix"]) for m in re.finditer(plain, _SCANNED, re.I)]
    assert expected  # the text holds such codes, so an empty scan cannot pass
    assert [(m.span(), m["suffix"]) for m in _prefixed(prefixes).finditer(_SCANNED)] == expected


# Without the characters IGNORECASE folds onto ASCII letters (Kelvin sign, long s, dotted and dotless i),
# the same text, for the `str.find` scan; with them, the pattern's scan is used.
_PLAIN_SCANNED = ("Ucart-22 and ucart MESO, x-UCART1, _UCART-4 UCART-ALLO-5 ALLO-CS1x foo-ABCD. kLLO-1 KLLO-2 "
                  "mkllo-33 sALL x1 ALLO-22x, ALLO 7. UCARTMESO, UCART-1234567890, UCART-\u00e9t UCA-12 UCART "
                  "ALLO 9.")


@pytest.mark.parametrize("text", [_SCANNED, _PLAIN_SCANNED])
@pytest.mark.parametrize("prefixes", [frozenset({"UCART", "ALLO", "KLLO", "SALL"}), frozenset({"UCA", "UCART"}),
                                      frozenset({"ALLO"})])
def test_prefixed_codes_found_by_find_are_the_patterns_matches(text, prefixes):
    from handlers.extractors.subjects import _prefixed, _prefixed_codes

    expected = [(m.start(), m.group(0), m["suffix"]) for m in _prefixed(prefixes).finditer(text)]
    assert expected
    assert _prefixed_codes(text, prefixes) == expected


def test_aliases_scan_finds_what_the_whole_pattern_finds():
    from handlers.extractors.subjects import _TARGETING, _targeting

    expected = [(m.span(), m["code"], m["target"]) for m in _TARGETING.finditer(_SCANNED)]
    assert len(expected) >= 4
    assert [(m.span(), m["code"], m["target"]) for m in _targeting(_SCANNED)] == expected
