"""Places of the sample case: Hotan prefecture's counties, Karakax townships, synthetic villages.

County codes are GB/T 2260 codes of Hotan prefecture (和田地区, 6532). Township
names are those of Moyu (Karakax) county; village names are common Uyghur
place words combined at random, so an address points at no real household.

>>> COUNTIES["653222"].zh
'墨玉县'
>>> UNKNOWN_REGION in COUNTIES
False
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class County:
    """A county-level division: GB/T 2260 code, Chinese name, Latin names, one town for addresses."""

    code: str
    zh: str
    latin: tuple[str, ...]
    town_zh: str


COUNTIES: dict[str, County] = {
    c.code: c
    for c in (
        County("653201", "和田市", ("Hotan city", "Khotan"), "古江巴格街道"),
        County("653221", "和田县", ("Hotan county",), "巴格其镇"),
        County("653222", "墨玉县", ("Karakax", "Qaraqash", "Moyu"), "喀拉喀什镇"),
        County("653223", "皮山县", ("Guma", "Pishan"), "固玛镇"),
        County("653224", "洛浦县", ("Lop", "Luopu"), "洛浦镇"),
        County("653225", "策勒县", ("Chira", "Qira", "Cele"), "策勒镇"),
        County("653226", "于田县", ("Keriya", "Yutian"), "木尕拉镇"),
        County("653227", "民丰县", ("Niya", "Minfeng"), "尼雅镇"),
    )
}
HOME_COUNTY = "653222"  # Moyu / Karakax: every household of the leak lives here
UNKNOWN_REGION = "653299"  # no such county in Hotan prefecture: used for the id.region_unknown defect

# Townships (乡/镇) of Moyu county: Chinese name and ULY Latin name.
TOWNSHIPS: tuple[tuple[str, str], ...] = (
    ("喀尔赛乡", "Qarsay"),
    ("扎瓦镇", "Zawa"),
    ("芒来乡", "Manglay"),
    ("托胡拉乡", "Tohula"),
    ("阿克萨拉依乡", "Aqsaray"),
    ("萨依巴格乡", "Saybagh"),
    ("普恰克其乡", "Puchaqchi"),
    ("加汗巴格乡", "Jahanbagh"),
)

# Village names: common Uyghur place words; the leak numbers groups (组) inside each village.
VILLAGES: tuple[tuple[str, str], ...] = (
    ("巴格其村", "Baghchi"),
    ("博斯坦村", "Bostan"),
    ("阔什巴格村", "Qoshbagh"),
    ("阿热勒村", "Aral"),
    ("英阿瓦提村", "Yéngi Awat"),
    ("托万阿热勒村", "Töwen Aral"),
    ("喀拉墩村", "Qaradöng"),
    ("也克先拜巴扎村", "Yekshenbe Bazar"),
    ("苏盖提力克村", "Sügetlik"),
    ("恰瓦克村", "Chawaq"),
)


@dataclass(frozen=True)
class Address:
    """Where a household lives: county code, township and village indices, group number."""

    county: str
    township: int
    village: int
    group: int

    def zh(self) -> str:
        """The address as the leak writes it (墨玉县XX乡XX村N组).

        >>> Address("653222", 0, 1, 3).zh()
        '墨玉县喀尔赛乡博斯坦村3组'
        >>> Address("653226", 0, 1, 3).zh()
        '于田县木尕拉镇博斯坦村3组'
        """
        county = COUNTIES[self.county]
        town = TOWNSHIPS[self.township][0] if self.county == HOME_COUNTY else county.town_zh
        return f"{county.zh}{town}{VILLAGES[self.village][0]}{self.group}组"

    def village_latin(self) -> str:
        """The village's Latin name."""
        return VILLAGES[self.village][1]

    def township_latin(self) -> str:
        """The township's Latin name (home county only; elsewhere the county's)."""
        if self.county == HOME_COUNTY:
            return TOWNSHIPS[self.township][1]
        return COUNTIES[self.county].latin[0]
