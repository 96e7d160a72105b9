"""The legal path of an application, derived from what the person holds and asks for.

People cannot be expected to know that the card asked for at the end of a long-stay visa
is, in the law, neither a "first application" nor quite a renewal. They say what they hold
today and what they ask for; this module names the path the law distinguishes (R.431-5,
L.436-4, L.436-5 CESEDA), says why in their words, and says plainly when the catalogue
does not cover the case, with the official page to read instead.

Nationality comes first: an Algerian national is under the Franco-Algerian accord of 1968,
which replaces the CESEDA cards by certificats de résidence. Asked for a CESEDA card, the
answer names the certificate to ask for instead, never the CESEDA card's list.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from carte_prep.core.catalogue import Card, Catalogue, Source, load_catalogue
from carte_prep.core.countries import country_name
from carte_prep.core.model import Application
from carte_prep.core.vocab import PROCEDURE_LABELS, AppointmentKind, HeldKind, Procedure, Regime
from carte_prep.i18n import _

GENERAL_PAGE = Source(
    url="https://www.service-public.gouv.fr/particuliers/vosdroits/N110",
    note="service-public: titres de séjour, every card and procedure",
)
"""Where to read when the card itself is not in the catalogue."""


class ProcedureDecision(BaseModel):
    model_config = ConfigDict(frozen=True)

    path: Procedure
    label: str
    why: str
    """One sentence, in the person's words, that says how the path follows from the answers."""
    assumptions: tuple[str, ...] = ()
    """What was taken for granted because a question was left unanswered."""
    held_kind: HeldKind | None
    held_card: str | None
    """The card held today, or the card a held VLS-TS stands for (assumed when not said)."""
    regime: Regime = "ceseda"
    """The body of law the card asked for is issued under."""
    covered: bool = True
    reason: str | None = None
    """Why a path that is not covered cannot be prepared here."""
    read_instead: Source | None = None


def _short(catalogue: Catalogue, card_id: str | None) -> str:
    card = catalogue.cards.get(card_id) if card_id else None
    return card.short_en if card else _("card '{card}'").format(card=card_id)


def _path_for_card_request(
    application: Application, card: Card | None, catalogue: Catalogue
) -> tuple[Procedure, str | None, list[str]]:
    held = application.current_card
    target = application.card_type
    if held is None:
        return "first-admission", None, []
    assumptions: list[str] = []
    held_card = held.card_type
    if held.kind == "vls-ts":
        if held_card is None:
            held_card = target
            assumptions.append(
                _(
                    "You did not say which long-stay visa you hold: it is taken to be the "
                    "VLS-TS for the {card}."
                ).format(card=_short(catalogue, target))
            )
        return (
            ("after-vls-ts" if held_card == target else "change-of-status"),
            held_card,
            assumptions,
        )
    if held_card is None:
        held_card = target
        assumptions.append(
            _(
                "You did not say which card you hold: it is taken to be the same card, so this "
                "is a renewal."
            )
        )
    renews = held_card == target or (card is not None and held_card in card.renews_from)
    return ("renewal" if renews else "change-of-status"), held_card, assumptions


def _visa_words(application: Application, card: Card | None) -> str:
    """What entering without a long-stay visa means for this card, in one sentence."""
    if not application.situation.no_long_stay_visa:
        return ""
    rule = card.regularisation if card else "without-long-stay-visa"
    if rule == "without-long-stay-visa":
        return _(
            "You have no long-stay visa: the droit de visa de régularisation applies "
            "(L.436-4 CESEDA)."
        )
    if rule == "if-irregular-stay":
        return _(
            "You have no long-stay visa: this card does not need one, and the droit de visa "
            "de régularisation is due only if you stay in France irregularly."
        )
    return _(
        "You have no long-stay visa: this card does not need one, and no droit de visa de "
        "régularisation is due (L.436-4 CESEDA exempts it)."
    )


def _why(
    application: Application, path: Procedure, held_card: str | None, catalogue: Catalogue
) -> str:
    asked = _short(catalogue, application.card_type)
    held = _short(catalogue, held_card)
    match path:
        case "first-admission":
            visa = _visa_words(application, catalogue.cards.get(application.card_type or ""))
            first = _(
                "You hold no residence card and no VLS-TS, and ask for the {asked}: this is a "
                "first admission to stay (première demande)."
            ).format(asked=asked)
            return f"{first} {visa}" if visa else first
        case "after-vls-ts":
            return _(
                "You hold a VLS-TS for the {asked} and ask for that card: this is the first "
                "card after a long-stay visa; prefectures and service-public call it a renewal "
                "(renouvellement), and the filing window of R.431-5 CESEDA applies."
            ).format(asked=asked)
        case "renewal":
            if held_card != application.card_type:
                return _(
                    "You hold the {held} and ask for the {asked}: prefectures treat this as a "
                    "renewal (renouvellement)."
                ).format(held=held, asked=asked)
            return _(
                "You hold the {asked} and ask for it again: this is a renewal (renouvellement)."
            ).format(asked=asked)
        case "change-of-status":
            if application.current_card and application.current_card.kind == "vls-ts":
                change = _(
                    "You hold a VLS-TS for the {held} and ask for a different card, the "
                    "{asked}: this is a change of status (changement de statut)."
                )
            else:
                change = _(
                    "You hold the {held} and ask for a different card, the {asked}: this is a "
                    "change of status (changement de statut)."
                )
            conditions = _(
                "The filing window of what you hold applies, and you must meet the new card's "
                "own conditions."
            )
            return f"{change.format(held=held, asked=asked)} {conditions}"
        case "duplicate":
            return _("You ask for a duplicate of your {asked}, lost or stolen.").format(asked=asked)
        case "change-of-situation":
            return _(
                "You declare a change on your {asked}: the card itself stays the same."
            ).format(asked=asked)
        case "vls-ts-validation":
            return _("You arrived with a VLS-TS for the {asked} and validate it online.").format(
                asked=asked
            )


def _not_covered(
    application: Application, card: Card, path: Procedure
) -> tuple[str, Source] | None:
    refused = card.not_covered.get(path)
    if refused is not None:
        return refused.reason, refused.read
    rule = card.paths.get(path)
    if rule is None:
        covered = ", ".join(PROCEDURE_LABELS[p] for p in card.paths)
        return (
            _(
                "carte-prep has no checklist for the {card} by this path ({path}); it covers: "
                "{covered}."
            ).format(card=card.short_en, path=PROCEDURE_LABELS[path], covered=covered),
            card.official_page,
        )
    without_visa = rule.without_long_stay_visa
    if path == "first-admission" and application.situation.no_long_stay_visa and without_visa:
        return without_visa.reason, without_visa.read
    held = application.current_card
    from_visa = rule.refused_from_vls_ts
    if from_visa is not None and held is not None and held.kind == "vls-ts":
        return from_visa.reason, from_visa.read
    after = rule.only_after_reason
    if after is not None and held is not None and held.card_type not in rule.only_after:
        return after.reason, after.read
    return None


def _regime_refusal(
    card: Card, nationality: str | None, catalogue: Catalogue
) -> tuple[str, Source] | None:
    """Why this nationality cannot have this card, and what to read (None: it can)."""
    own = catalogue.regimes.get(card.regime)
    if own is not None and nationality is not None and nationality not in own.countries:
        return own.only_for, card.official_page
    regime = catalogue.regime_for(nationality)
    if regime is None or card.regime == regime.id or card.id in regime.open_cards:
        return None
    instead = regime.instead.get(card.id)
    if instead is not None and instead.use is not None:
        other = catalogue.cards[instead.use]
        instead_words = _(
            "In place of the {card} you ask for the {other} (« {name_fr} »): choose it in the "
            "profile."
        ).format(card=card.short_en, other=other.short_en, name_fr=other.name_fr)
        return f"{regime.applies} {instead_words}", other.official_page
    reason = (
        instead.reason
        if instead is not None and instead.reason
        else _(
            "The {card} is a CESEDA card: carte-prep has no checklist yet for the certificate "
            "that may take its place."
        ).format(card=card.short_en)
    )
    read = instead.read if instead is not None and instead.read else regime.read
    return f"{regime.applies} {reason}", read


def _regime_note(card: Card, nationality: str | None, catalogue: Catalogue) -> tuple[str, str]:
    """(the sentence that says why the regime applies, an assumption made or '')."""
    own = catalogue.regimes.get(card.regime)
    if own is None or (nationality is not None and nationality not in own.countries):
        return "", ""
    if nationality is None:
        return own.applies, _(
            "Nationality not set: the {card} is only for nationals of {countries} ({regime}); "
            "you are taken to be one. Set the nationality in the profile."
        ).format(
            card=card.short_en,
            countries=", ".join(country_name(code) for code in own.countries),
            regime=own.name_en,
        )
    return own.applies, ""


def _pointer(
    application: Application, card: Card, path: Procedure, label: str
) -> ProcedureDecision:
    """A situation listed so people find it, with what to read: no checklist at all."""
    assert card.not_covered_yet is not None
    held = application.current_card
    return ProcedureDecision(
        path=path,
        label=label,
        why=card.summary,
        held_kind=held.kind if held else None,
        held_card=held.card_type if held else None,
        regime=card.regime,
        covered=False,
        reason=card.not_covered_yet.reason,
        read_instead=card.not_covered_yet.read,
    )


def decide_procedure(
    application: Application,
    catalogue: Catalogue | None = None,
    nationality: str | None = None,
) -> ProcedureDecision:
    """The path the law gives this application, why, and whether it is covered here.

    ``nationality`` (an ISO code) decides the regime: the Franco-Algerian accord replaces
    the CESEDA cards for Algerian nationals.
    """
    catalogue = catalogue or load_catalogue()
    card = catalogue.cards.get(application.card_type)
    held = application.current_card
    held_kind = held.kind if held else None
    if application.request == "card":
        path, held_card, assumptions = _path_for_card_request(application, card, catalogue)
    else:
        path, held_card, assumptions = application.request, application.card_type, []
    label = PROCEDURE_LABELS[path]
    if card is None:
        return ProcedureDecision(
            path=path,
            label=label,
            why=_(
                "You ask for the card '{card}', which this version of carte-prep does not know."
            ).format(card=application.card_type),
            held_kind=held_kind,
            held_card=held_card,
            covered=False,
            reason=_(
                "The card '{card}' is not in carte-prep's catalogue (it may have been renamed "
                "or removed): choose the card again in the profile."
            ).format(card=application.card_type),
            read_instead=GENERAL_PAGE,
        )
    if card.not_covered_yet is not None:
        return _pointer(application, card, path, label)
    why = _why(application, path, held_card, catalogue)
    applies, assumed = _regime_note(card, nationality, catalogue)
    if applies:
        why = f"{applies} {why}"
    if assumed:
        assumptions.append(assumed)
    refusal = _regime_refusal(card, nationality, catalogue) or _not_covered(application, card, path)
    return ProcedureDecision(
        path=path,
        label=label,
        why=why,
        assumptions=tuple(assumptions),
        held_kind=held_kind,
        held_card=held_card,
        regime=card.regime,
        covered=refusal is None,
        reason=refusal[0] if refusal else None,
        read_instead=refusal[1] if refusal else None,
    )


def likely_appointment_kind(application: Application | None) -> AppointmentKind:
    """The kind a new prefecture appointment most likely is, from the path the answers
    give: a first application for a first admission, a renewal appointment otherwise."""
    if application is None:
        return "first-application"
    path = decide_procedure(application).path
    return "first-application" if path == "first-admission" else "renewal"
