"""The three outputs from one context: bordereau, packing list, full detail (no layout)."""

from __future__ import annotations

import datetime as dt
import re

from pdf_support import load_profile
from stress_support import eight_members

from carte_prep.core.model import CurrentCard, Household, PostalAddress, Tracking
from carte_prep.dossier import render_html
from carte_prep.dossier.context import build_dossier
from carte_prep.dossier.scripts import glyph_warnings
from carte_prep.dossier.views import NOT_READY, Dossier
from support import TODAY, household_of, person


def _dossier(name: str) -> Dossier:
    return build_dossier(
        load_profile(name), member_id=None, today=TODAY, show_ids=False, with_attachments=False
    )


def test_a_gathered_document_waiting_for_its_translation_is_not_ready() -> None:
    household = load_profile("haddad-household")
    samir = household.member("samir")
    birth = samir.tracking["birth-certificate"]
    assert birth.status == "gathered"
    assert not birth.translated
    d = build_dossier(
        household, member_id="samir", today=TODAY, show_ids=False, with_attachments=False
    )
    part = d.parts[0]
    rows = {row.id: row for s in part.sections for row in s.rows}
    assert rows["birth-certificate"].state == "untranslated"
    assert rows["birth-certificate"].number in {line.number for line in part.missing}
    assert "translation" in part.verdict.text
    assert not part.verdict.ready
    ticked = sum(row.state == "done" for row in rows.values())
    assert ticked == part.done  # the ticks agree with "n of m pieces ready"


def test_the_verdict_counts_what_is_missing_and_says_the_filing_window() -> None:
    """The window's first day too: a verdict saying only "file by" let Margaret file
    before her window opened (the dossier walk)."""
    d = _dossier("thompson-family")
    david, margaret = d.parts[0], d.parts[1]
    assert (
        david.verdict.text == "Not ready: 1 missing, 1 too old; file from 21/11/2026 to 20/01/2027"
    )
    assert margaret.verdict.text.endswith("; file from 01/01/2027 to 02/03/2027")
    html = render_html(load_profile("thompson-family"), today=TODAY)
    cover = html.split('class="cover"')[1].split("</section>")[0]
    assert "Not ready: 1 missing, 1 too old; file from 21/11/2026 to 20/01/2027" in cover


def test_the_bordereau_is_french_with_nom_in_capitals_and_pieces_in_order() -> None:
    household = load_profile("thompson-family").model_copy(
        update={"address": PostalAddress(street="2 rue Neuve", postcode="24000", town="Périgueux")}
    )
    html = render_html(household, today=TODAY, only="bordereau")
    assert html.count('<section class="bordereau') == 3  # one per applicant at the desk
    assert '<html class="dossier" lang="fr">' in html
    assert '<span class="nom">THOMPSON</span> David James' in html
    assert "2 rue Neuve" in html
    assert "24000 Périgueux" in html
    assert "Original</th><th>Copie</th><th>Fourni" in html
    assert "Packing list" not in html
    assert "Still missing" not in html
    numbers = re.findall(r'<td class="num">(\d+)</td>', html.split("bordereau-margaret")[0])
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]
    assert "•••••••734" in html
    assert "2404118734" not in html


def test_a_member_with_an_address_of_their_own_has_it_on_their_bordereau() -> None:
    household = load_profile("thompson-family").model_copy(
        update={"address": PostalAddress(street="2 rue Neuve", postcode="24000", town="Périgueux")}
    )
    emily = household.member("emily").model_copy(
        update={
            "address": PostalAddress(street="5 quai Nord", postcode="33000", town="Bordeaux"),
            "phone": "+33 6 12 34 56 78",
            "email": "emily@example.org",
        }
    )
    household = household.model_copy(
        update={"members": [emily if m.id == "emily" else m for m in household.members]}
    )
    d = build_dossier(
        household, member_id=None, today=TODAY, show_ids=False, with_attachments=False
    )
    by_anchor = {b.anchor: b for b in d.bordereaux}
    assert by_anchor["bordereau-emily"].address == ("5 quai Nord", "33000 Bordeaux")
    assert by_anchor["bordereau-emily"].phone == "+33 6 12 34 56 78"
    assert by_anchor["bordereau-david"].address == ("2 rue Neuve", "24000 Périgueux")


def test_anef_applicants_get_a_packing_list_but_no_bordereau() -> None:
    d = _dossier("haddad-household")
    assert d.bordereaux == ()
    assert [k.name for k in d.packing] == ["Samir Haddad", "Nadia Haddad"]


def test_the_packing_list_has_empty_boxes_photos_fee_and_what_to_bring() -> None:
    html = render_html(load_profile("thompson-family"), today=TODAY, only="packing-list")
    assert html.count('class="packing"') == 3
    assert "Original in the folder" in html
    assert "Copy in the folder" in html
    assert "box box-done" not in html  # nothing ticked in advance
    assert "3 identical paper photos" in html
    assert "Gratuit" in html  # the Withdrawal Agreement card is free
    assert "15/12/2026 at 10:30" in html  # David's appointment
    assert "Arrive 15 minutes early" in html


def test_the_full_dossier_puts_bordereau_and_packing_list_in_front_and_norms_once() -> None:
    html = render_html(load_profile("thompson-family"), today=TODAY)
    where = [html.index(f'id="{part}-david"') for part in ("bordereau", "packing", "member")]
    assert where == sorted(where)
    assert html.count("35 mm wide × 45 mm high") == 1  # photo norms once per household
    assert html.count("Buying the timbre fiscal électronique") == 1


def test_the_how_to_text_of_a_piece_is_printed_once_per_household() -> None:
    d = _dossier("thompson-family")
    rows = [r for p in d.parts for s in p.sections for r in s.rows if r.id == "paper-photos"]
    assert len(rows) == 3
    assert all(r.state in NOT_READY for r in rows)
    assert rows[0].how_to
    assert not rows[0].how_to_anchor
    assert all(r.how_to_anchor == rows[0].anchor and not r.how_to for r in rows[1:])
    html = render_html(load_profile("thompson-family"), today=TODAY)
    assert html.count(rows[0].how_to.split(".")[0]) == 1


def test_still_missing_is_an_index_with_the_page_of_each_how_to() -> None:
    d = _dossier("thompson-family")
    lines = [line for p in d.parts for line in p.missing]
    assert len(lines) == sum(
        r.state in NOT_READY for p in d.parts for s in p.sections for r in s.rows
    )
    photos = [line for line in lines if line.name_fr.startswith("Photographies")]
    assert {line.how_to_anchor for line in photos} == {"row-david-paper-photos"}
    html = render_html(load_profile("thompson-family"), today=TODAY)
    index = html[html.index('id="still-missing"') :].split("</section>")[0]
    assert index.count('<tr class="line-') == len(lines)
    assert 'href="#row-david-paper-photos"' in index
    assert "How to get it:" not in index  # the how-to itself is in the checklist


def test_from_four_people_the_packing_list_is_one_grid() -> None:
    household = eight_members()
    d = build_dossier(
        household, member_id=None, today=TODAY, show_ids=False, with_attachments=False
    )
    grid = d.packing_grid
    assert grid is not None
    assert len(grid.people) == 8
    passport = grid.rows[0]
    assert passport.name_fr.startswith("Passeport")
    assert all(cell is not None and cell.number == 1 for cell in passport.cells)
    pieces = {r.name_fr for p in d.parts for s in p.sections for r in s.rows if r.state != "skip"}
    assert {row.name_fr for row in grid.rows} == pieces  # each piece once
    html = render_html(household, today=TODAY)
    assert 'class="packing"' not in html  # no list per person
    assert html.count('<table class="packing-grid">') == 1
    assert _dossier("thompson-family").packing_grid is None  # three people: one list each


def _long_note_household() -> Household:
    note = "Asked the town hall twice about the copy. " * 40 + "LAST-WORDS"
    return household_of(
        person("visiteur", "first-admission", tracking={"passport": Tracking(notes=note)})
    )


def test_a_long_note_is_cut_at_a_word_in_the_table_and_whole_only_with_notes_full() -> None:
    household = _long_note_household()
    saved = household.members[0].tracking["passport"].notes
    short, full = (
        build_dossier(
            household,
            member_id=None,
            today=TODAY,
            show_ids=False,
            with_attachments=False,
            notes=mode,
        )
        for mode in ("short", "full")
    )
    row = next(r for s in short.parts[0].sections for r in s.rows if r.id == "passport")
    assert row.notes_cut
    assert len(row.notes) < 300
    assert row.notes.endswith(" …")
    assert saved.startswith(row.notes.removesuffix(" …") + " ")  # cut between two words
    assert short.full_notes == ()  # the default: no notes section
    assert short.notes_shortened == 1
    assert [n.text for n in full.full_notes] == [saved]


def test_the_dossier_says_where_a_shortened_note_is_whole_or_that_notes_are_left_out() -> None:
    household = _long_note_household()
    short = render_html(household, today=TODAY)
    assert (
        '… <span class="note-cut">[Note shortened: <code>--notes full</code> prints it whole]'
        in short
    )
    assert "1 long note is shortened in the checklists" in short
    assert "LAST-WORDS" not in short
    full = render_html(household, today=TODAY, notes="full")
    assert 'The whole note: <a class="pageref" href="#note-' in full
    assert 'id="notes-in-full"' in full
    assert full.count("LAST-WORDS") == 1  # whole once, in the notes section
    none = render_html(household, today=TODAY, notes="none")
    assert "Asked the town hall" not in none
    assert "Your notes are left out of this copy" in none


def test_notes_are_not_repeated_in_still_missing() -> None:
    household = _long_note_household()
    html = render_html(household, today=TODAY)
    index = html[html.index('id="still-missing"') :].split("</section>")[0]
    assert "passport" in index.lower()
    assert "Asked the town hall" not in index
    assert html.count("Asked the town hall twice") > 1  # in the checklist row


def test_names_in_lists_are_bidi_isolated() -> None:
    html = render_html(load_profile("haddad-household"), today=TODAY)
    assert "For: <bdi>Samir Haddad</bdi>, <bdi>Nadia Haddad</bdi>" in html


def test_amounts_follow_the_language_and_french_names_keep_french_print_conventions() -> None:
    html = render_html(load_profile("nguyen-student"), today=TODAY)
    assert "€100" in html
    assert "100\u00a0€" not in html
    assert "d’acte" in html
    assert "d'acte" not in html
    assert "enter the timbre number" in html  # ANEF: the electronic stamp is typed in
    assert 'lang="fr"' in html


def test_a_card_of_unknown_type_says_so() -> None:
    held = CurrentCard(valid_from=dt.date(2025, 2, 1), valid_until=dt.date(2027, 1, 31))
    member = person("visiteur", "renewal")
    assert member.application is not None
    application = member.application.model_copy(update={"current_card": held})
    household = household_of(member.model_copy(update={"application": application}))
    d = build_dossier(
        household, member_id=None, today=TODAY, show_ids=False, with_attachments=False
    )
    facts = {f.label: f.value for f in d.parts[0].facts}
    assert facts["Current card"] == "type not recorded · valid 01/02/2025 – 31/01/2027"


def test_a_character_no_font_has_is_reported_before_rendering() -> None:
    unknown = "\U000f0001"  # private use: no font draws it
    household = household_of(
        person("visiteur", "first-admission").model_copy(update={"given_names": f"Ana{unknown}"})
    )
    warnings = glyph_warnings(household)
    assert len(warnings) == 1
    assert "U+F0001" in warnings[0]
    assert "fonts-noto" in warnings[0]
    assert glyph_warnings(load_profile("nguyen-student")) == []


def test_the_running_header_keeps_the_surname_whole() -> None:
    household = household_of(
        person("visiteur", "first-admission").model_copy(
            update={
                "given_names": "Oliver Maximilian Alexander Benedict Christopher Frederick",
                "surname": "Thompson-Worthington",
            }
        )
    )
    d = build_dossier(
        household, member_id=None, today=TODAY, show_ids=False, with_attachments=False
    )
    running = d.parts[0].running
    assert running.startswith("THOMPSON-WORTHINGTON Oliver")
    assert len(running) <= 95
