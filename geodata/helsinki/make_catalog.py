#!/usr/bin/env python3
"""A catalog for the Helsinki sample: the built-in pudong catalog with its Chinese name rules
relaxed, so that Finnish OSM data (schools named "…koulu", clinics without 社区卫生服务中心) is
recognised. Same items, domains, reach and speeds; only the OSM matching changes:

- a tag rule that needs a Chinese name (`name~`) is dropped, since no Helsinki name matches it;
  an item whose every rule needs one (`require_name_match`) keeps no rule (it has no facility in
  Helsinki) — except the two health items, whose clinic and doctor tags stand for themselves;
- schools: Finnish schools are `amenity=school` without `isced:level`, so both school items
  accept any `amenity=school` (a Finnish comprehensive school serves both ages);
- Pudong's 36 subdistricts are replaced by the sample's four quadrants (origins carry their own
  area class, so the table is informative).

Usage: python3 make_catalog.py   (writes catalog-helsinki.json beside this script)
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "..", "..", "Sources", "CircleCatalog", "Resources", "pudong.json")


def main():
    with open(SOURCE, encoding="utf-8") as f:
        catalog = json.load(f)
    catalog["id"] = "helsinki-sample"
    catalog["version"] = catalog.get("version", "") + "+helsinki"
    catalog["notes"] = ["Derived from the built-in pudong catalog for the Helsinki sample: Chinese name rules "
                        "relaxed (geodata/helsinki/make_catalog.py). Not a Helsinki planning standard.",
                        "Why many items show “no data” here: most items of this catalog are Chinese facility types (社区综合为老服务中心, 社区学校/老年学校, 社区文化活动中心, 标准化菜市场…) that Finland does not have, or that OSM maps only by Chinese names, so Helsinki"s OSM data holds no facility of them. They are reported as “no data”, not as gaps; the Pudong-like synthetic district shows the catalog with every item present."]
    for item in catalog["items"]:
        rules = [r for r in item.get("osm_tags", []) if "name~" not in [t.strip() for t in r.split(";")]]
        if item.get("require_name_match") and item["domain"] != "health":
            rules = []
        if item["id"] in ("primary_school", "junior_middle_school"):
            rules.append("amenity=school")
        item["osm_tags"] = rules
        item["require_name_match"] = False
        item.pop("name_regex", None)
        item.pop("exclude_name_regex", None)
    catalog["subdistricts"] = [
        {"name_zh": f"赫尔辛基{zh}", "name_en": f"Helsinki {en}", "type": "街道", "area_class": "urban", "inferred": True}
        for en, zh in [("NW", "西北"), ("NE", "东北"), ("SW", "西南"), ("SE", "东南")]
    ]
    out = os.path.join(HERE, "catalog-helsinki.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(catalog, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print(f"wrote {out}: {len(catalog['items'])} items")


if __name__ == "__main__":
    main()
