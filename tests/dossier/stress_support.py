"""An eight-member household with long notes and names in many scripts (importable).

Built from the example members, so every application is one the catalogue covers: the
three Thompsons (prefecture), the Haddads (ANEF, Arabic names), Linh (ANEF, Vietnamese),
the Benali and Selvaraj applicants. Names are replaced by ones in the scripts applicants'
names come in, and every tracked piece gets a note of about 1,900 characters.
"""

from __future__ import annotations

from pdf_support import load_profile

from carte_prep.core.model import Household, Member, PostalAddress

NAMES: dict[str, tuple[str, str | None]] = {
    "david": ("Oliver Maximilian Alexander Benedict Christopher", "Thompson-Worthington"),
    "margaret": ("Margaret Anne", "Thompson"),
    "emily": ("小明", "王"),
    "samir": ("سمير (Samir)", "Al-Rashid الرشيد"),
    "nadia": ("نادية Nadia", "Al-Rashid"),
    "linh": ("Thị Minh Linh", "Nguyễn-Thompson"),
    "yacine": ("अर्जुन", "शर्मा"),
    "priya": ("አበበ", "በቀለ"),
}
LONG_NOTE = (
    "Kept in the blue folder with the other originals. Asked the town hall on the phone "
    "(+33 5 53 00 00 00, ٠٦١٢٣٤٥٦٧٨) and they said it takes about ten days; the clerk "
    "suggested coming in person on a Tuesday morning, when the queue is short. "
) * 8


def eight_members() -> Household:
    members: list[Member] = []
    shared = []
    for profile in ("thompson-family", "haddad-household", "nguyen-student"):
        household = load_profile(profile)
        members.extend(household.members)
        shared.extend(household.shared)
    members.append(load_profile("benali-household").member("yacine"))
    members.append(load_profile("selvaraj-household").member("priya"))
    renamed = []
    for member in members:
        given, surname = NAMES[member.id]
        tracking = {
            item: t.model_copy(update={"notes": LONG_NOTE.strip()})
            for item, t in member.tracking.items()
        }
        renamed.append(
            member.model_copy(
                update={"given_names": given, "surname": surname, "tracking": tracking}
            )
        )
    return Household.model_validate(
        {
            "id": "stress-eight",
            "name": "Eight people, long notes",
            "address": PostalAddress(
                street="12 rue des Lilas, bâtiment B", postcode="24000", town="Périgueux"
            ).model_dump(),
            "members": [m.model_dump() for m in renamed],
            "shared": [s.model_dump() for s in shared],
        }
    )
