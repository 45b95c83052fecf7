#!/usr/bin/env python3
"""Builds the built-in `pudong` catalog from the research catalog (catalog.json, draft-1).

    python3 make_pudong.py RESEARCH.json          # writes pudong.json and ../BuiltinPudong.swift
    python3 make_pudong.py RESEARCH.json --table  # also prints the item table of docs/catalog.md

The research file is kept outside the repository (it is the project's shared research notes).
Every departure from it is listed below (ALIASES, RULES, EXCLUDE, REQUIRE_NAME, ...) and in
docs/catalog.md. Output is deterministic: run it twice, get the same bytes.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

AREA_CLASS_IDS = {"urbanized": "urban", "urbanizing_expansion": "expansion", "outer_suburban": "remote"}
AREA_CLASSES = {
    "urban": ("Urbanized area", ["城市地区", "城市化", "urbanized", "urbanised", "urban area", "urbanized area",
                                 "urbanised area"], "The 12 街道 (S1)"),
    "expansion": ("Urbanizing expansion area", ["城镇化地区", "城镇化拓展地区", "拓展区", "urbanizing_expansion",
                                                 "urbanising_expansion", "urbanizing expansion", "urbanising expansion area",
                                                 "expansion area", "urbanizing"], "16 镇 (S1); which ones is inferred"),
    "remote": ("Outer-suburban area", ["远郊", "远郊区", "outer_suburban", "outer suburban", "outer suburbs",
                                      "remote area"], "8 镇 (S1); which ones is inferred"),
}

# Further names accepted for items (facility `type` columns, options).
ALIASES = {
    "kindergarten": ["幼稚园"],
    "junior_middle_school": ["初中", "初级中学", "junior high school"],
    "community_school": ["社区学校", "老年学校", "老年大学", "成人学校", "community school", "senior school"],
    "community_health_center": ["社区卫生服务中心", "社区卫生服务分中心", "社区医院", "community health centre",
                                "community health center"],
    "community_health_station": ["社区卫生服务站", "村卫生室", "卫生站", "卫生室", "community health station",
                                 "village clinic"],
    "elderly_institution": ["养老机构", "养老院", "敬老院", "nursing home", "elderly care institution"],
    "elderly_care_home": ["照护之家", "elderly care home"],
    "elderly_day_care": ["日间照料中心", "日照中心", "elderly day care", "elderly day-care centre"],
    "elderly_meal_point": ["社区老年助餐点", "老年助餐点", "助餐点", "长者食堂", "senior canteen", "elderly meal point"],
    "elderly_service_center": ["综合为老服务中心", "为老服务中心", "elderly service centre", "elderly service center"],
    "elderly_activity_room": ["老年活动室", "老年活动中心", "senior activity room"],
    "community_cultural_center": ["文化活动中心", "社区文化中心", "community cultural centre",
                                  "community cultural center"],
    "neighborhood_cultural_room": ["居村综合文化活动室", "综合文化活动室", "综合文化服务站", "文化活动室",
                                   "neighbourhood_cultural_room", "neighbourhood cultural room", "village cultural room"],
    "library_branch": ["图书馆分馆", "社区书屋", "农家书屋", "图书馆", "branch library", "library", "reading room"],
    "cultural_square": ["文化广场", "百姓舞台", "cultural square"],
    "community_fitness_center": ["市民健身中心", "社区健身中心", "community fitness centre", "fitness centre"],
    "fitness_station": ["健身苑点", "健身苑", "健身点", "益智健身苑点", "outdoor fitness station", "fitness garden"],
    "public_ball_court": ["市民球场", "多功能运动场", "球场", "ball court", "sports pitch"],
    "fitness_trail": ["jogging path", "fitness trail"],
    "swimming_pool": ["游泳池", "游泳馆", "swimming pool"],
    "wet_market": ["标准化菜市场", "菜市场", "菜场", "农贸市场", "wet market", "fresh food market"],
    "supermarket": ["超市", "生鲜超市"],
    "community_commercial_center": ["社区商业中心", "邻里中心", "neighbourhood centre", "commercial centre"],
    "pharmacy": ["药房", "drugstore"],
    "community_park": ["社区公园", "城市公园", "公园", "park", "city park", "community park"],
    "pocket_park": ["口袋公园", "街心花园", "小游园", "游园"],
    "public_square": ["广场", "square"],
    "bus_stop": ["公交站", "公交车站"],
    "metro_station": ["地铁站", "轨道交通站点", "地铁", "metro", "subway station", "rail transit station"],
    "bike_share_point": ["共享单车", "公共自行车", "bike share", "bike sharing"],
    "childcare_point": ["托育点", "宝宝屋", "托儿所", "托育", "nursery", "infant childcare"],
}

# Rule lists replaced where the research's notes say a rule needs a name match (`name~`) but the
# item-level flag could not say so per rule, or where they name a tag exclusion.
RULES = {
    "primary_school": ["amenity=school;isced:level=1", "amenity=school;school=primary", "amenity=school;name~"],
    "junior_middle_school": ["amenity=school;isced:level=2", "amenity=school;school=secondary;name~",
                             "amenity=school;name~"],
    "elderly_day_care": ["amenity=social_facility;social_facility=day_care;social_facility:for=senior",
                         "amenity=social_facility;social_facility:for=senior;name~"],
    "elderly_activity_room": ["amenity=community_centre;community_centre:for=senior", "amenity=social_centre;name~",
                              "amenity=community_centre;name~"],
    "swimming_pool": ["leisure=swimming_pool;access!=private|customers", "leisure=sports_centre;sport=swimming",
                      "leisure=water_park"],
    "pocket_park": ["leisure=park", "leisure=garden;access!=private", "landuse=recreation_ground"],
    "childcare_point": ["amenity=childcare", "amenity=kindergarten;nursery=yes", "amenity=kindergarten;name~"],
}
REQUIRE_NAME = {"primary_school": False, "junior_middle_school": False}  # now per rule (name~)
EXCLUDE = {  # from the research notes ("exclude names containing ...")
    "kindergarten": "托育|宝宝屋|早教|托儿所",
    "junior_middle_school": "^(?!.*(完全中学|一贯制)).*(高级中学|高中)",
    "elderly_institution": "照护之家",
}
LEFT_OUT = {"x_user_defined"}  # a placeholder without rules: X items are declared per catalog

SUBDISTRICT_ALIASES = {"南汇新城镇": ["Nanhui New City"]}

NOTES = [
    "The official list of Pudong's 21 basic items was NOT found: the items of the basic domains "
    "(education, health, elderly_care, culture, sports) are a reconstruction; see each item's confidence "
    "(high = certainly a basic item, medium = probable, low = filler chosen to reach 21).",
    "Pudong's test reach is 15 minutes for every item (walk or cycle by area class); ref_minutes and "
    "ref_radius_m are finer targets from GB 50180-2018 and the Shanghai 2016 guideline, for optional "
    "stricter scoring only.",
    "Area classes of the 24 towns (16 expansion, 8 remote) are an inference from population density; "
    "only the 12 街道 (urban) are certain. 祝桥 (remote) and 新场 (expansion) are the borderline pair.",
    "Cycling at 12 km/h is an assumption (no Pudong figure found); walking at 4.0 km/h gives 1000 m in "
    "15 minutes (GB 50180-2018: 800-1000 m).",
    "托育 (0-3 childcare) is a 2021+ extension, kept as the related domain 'childcare', not a basic item.",
    "No subdistrict's X list was found: the x_local domain has no items and every subdistrict's x_items "
    "is empty. Declare X items and list them per subdistrict in a custom catalog.",
    "OSM maps small community facilities in China sparsely: coverage computed from OSM is OSM-observed "
    "coverage, not true coverage.",
]


def item(f):
    out = {"id": f["id"], "domain": f["domain"], "name_zh": f["name_zh"], "name_en": f["name_en"]}
    if ALIASES.get(f["id"]):
        out["aliases"] = ALIASES[f["id"]]
    out["reach_minutes"] = f.get("reach_minutes", 15)
    out["osm_tags"] = RULES.get(f["id"], f["osm_tags"])
    if f.get("name_regex"):
        out["name_regex"] = f["name_regex"]
    if f["id"] in EXCLUDE:
        out["exclude_name_regex"] = EXCLUDE[f["id"]]
    out["require_name_match"] = REQUIRE_NAME.get(f["id"], f.get("require_name_match", False))
    out["confidence"] = f["confidence"]
    for key in ("ref_minutes", "ref_radius_m", "note", "source"):
        if f.get(key) not in (None, ""):
            out[key] = f[key]
    return out


def build(research):
    domains = []
    for d in research["domains"]:
        dom = {k: d[k] for k in ("id", "name_zh", "name_en", "kind")}
        note = d.get("note")
        if d["kind"] == "x":
            note = "No X items are built in; a custom catalog declares them and lists them in subdistricts' x_items."
        if note:
            dom["note"] = note
        dom["source"] = d["source"]
        domains.append(dom)
    classes = []
    for c in research["area_classes"]:
        cid = AREA_CLASS_IDS[c["id"]]
        name_en, aliases, note = AREA_CLASSES[cid]
        classes.append({"id": cid, "name_zh": c["name_zh"], "name_en": name_en, "aliases": aliases,
                        "modes": {"residential": c["origins"]["residential"], "village": c["origins"]["village"]},
                        "note": note, "source": c["source"]})
    subs = []
    for s in research["subdistricts"]:
        note = s["basis"] + ("; borderline: " + s["borderline"] if s.get("borderline") else "")
        sub = {"name_zh": s["name_zh"], "name_en": s["name_en"], "type": s["type"],
               "area_class": AREA_CLASS_IDS[s["area_class"]], "inferred": not s["certain"], "x_items": []}
        if s["name_zh"] in SUBDISTRICT_ALIASES:
            sub["aliases"] = SUBDISTRICT_ALIASES[s["name_zh"]]
        sub["note"] = note
        subs.append(sub)
    return {
        "format": "servicecircle-catalog/1", "id": "pudong", "version": "research-" + research["version"],
        "walk_kmh": 4.0, "cycle_kmh": 12.0, "reach_minutes": 15, "horizon_minutes": 30, "notes": NOTES,
        "domains": domains, "items": [item(f) for f in research["facilities"] if f["id"] not in LEFT_OUT],
        "area_classes": classes, "subdistricts": subs,
    }


def dump(value, indent=0):
    """JSON with objects spread over lines and lists of scalars kept on one line."""
    pad, inner = "  " * indent, "  " * (indent + 1)
    if isinstance(value, dict):
        body = ",\n".join(f"{inner}{json.dumps(k, ensure_ascii=False)}: {dump(v, indent + 1)}" for k, v in value.items())
        return "{\n" + body + "\n" + pad + "}"
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        return "[\n" + ",\n".join(inner + dump(v, indent + 1) for v in value) + "\n" + pad + "]"
    if isinstance(value, list) and sum(len(json.dumps(v, ensure_ascii=False)) for v in value) > 90:
        return "[\n" + ",\n".join(inner + json.dumps(v, ensure_ascii=False) for v in value) + "\n" + pad + "]"
    return json.dumps(value, ensure_ascii=False)


def compact(catalog):
    """One line per domain, item, class and subdistrict: the form compiled into the library."""
    lines = []
    for k, v in catalog.items():
        if isinstance(v, list) and v and isinstance(v[0], (dict, str)):
            rows = ",\n".join(json.dumps(x, ensure_ascii=False) for x in v)
            lines.append(f'"{k}": [\n{rows}\n]')
        else:
            lines.append(f'"{k}": {json.dumps(v, ensure_ascii=False)}')
    return "{\n" + ",\n".join(lines) + "\n}\n"


def table(catalog):
    kinds = {d["id"]: d for d in catalog["domains"]}
    rows = ["| # | id | domain | 中文 | English | conf. | OSM tags |", "|---|---|---|---|---|---|---|"]
    for n, it in enumerate(catalog["items"], 1):
        tags = "<br>".join(f"`{t}`" for t in it["osm_tags"]).replace("|", "\\|")
        dom = kinds[it["domain"]]
        rows.append(f"| {n} | `{it['id']}` | {dom['name_zh']} {it['domain']} ({dom['kind']}) | {it['name_zh']} "
                    f"| {it['name_en']} | {it['confidence']} | {tags} |")
    rows += ["", "| 街镇 | English | type | area class | inferred |", "|---|---|---|---|---|"]
    for sub in catalog["subdistricts"]:
        rows.append(f"| {sub['name_zh']} | {sub['name_en']} | {sub['type']} | `{sub['area_class']}` "
                    f"| {'yes' if sub['inferred'] else 'no'} |")
    return "\n".join(rows)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        catalog = build(json.load(f))
    with open(os.path.join(HERE, "pudong.json"), "w", encoding="utf-8") as f:
        f.write(dump(catalog) + "\n")
    swift = ("// Generated by Resources/make_pudong.py: the built-in `pudong` catalog, the same document as\n"
             "// Resources/pudong.json (compiled in, so the `circle` binary needs no resource bundle). Do not edit.\n\n"
             "extension BuiltinCatalogs {\n    static let pudong = #\"\"\"\n" + compact(catalog) + "\"\"\"#\n}\n")
    with open(os.path.join(HERE, "..", "BuiltinPudong.swift"), "w", encoding="utf-8") as f:
        f.write(swift)
    if "--table" in sys.argv:
        print(table(catalog))


if __name__ == "__main__":
    main()
