"""Loose name keys: one key for the spellings a Chinese reading and a Latin one give of one name."""

from __future__ import annotations

import pytest

from veracity.link.features import name_features

SAME = [  # the sample's cross-script misses before loose keys: the Chinese reading loses a sound
    ("布再娜甫·吾甫尔", "Buzeynep Ghopur"),  # 吾甫尔 BL ~ Ghopur KBL
    ("吐尔洪·托合提", "Turghun Tohti"),  # 吐尔洪 TLN ~ Turghun TLK
    ("木克热木·司马义", "Mukerrem Smayil"),  # 司马义 SM ~ Smayil SML
    ("吐尼亚孜·依布拉音", "Tuniyaz Ibrahim"),  # 依布拉音 BLN ~ Ibrahim BLM
    ("努尔古丽·阿不都吾甫尔", "Nurgul Abdughopur"),  # 阿不都吾甫尔 BTB ~ Abdughopur BTK
]
DIFFERENT = [  # Abdu- names a loose key still tells apart: the relatives of one family are not another's
    ("努尔比亚·阿不都拉", "Nurbiya Abduqadir"),
    ("阿不都拉·塔依尔", "Abdukerim Tahir"),
]


@pytest.mark.parametrize(("chinese", "latin"), SAME)
def test_loose_keys_agree_across_scripts(chinese: str, latin: str) -> None:
    assert name_features(chinese).loose == name_features(latin).loose


@pytest.mark.parametrize(("chinese", "latin"), DIFFERENT)
def test_loose_keys_keep_abdu_names_apart(chinese: str, latin: str) -> None:
    assert name_features(chinese).loose != name_features(latin).loose
