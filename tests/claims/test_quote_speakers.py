"""Who speaks and who is named in quotations of varied synthetic articles, English and Chinese: said/told/according
to, 说/表示/称/介绍, pronouns resolved across paragraphs, names in Latin, pinyin, hanzi and Arabic script."""

from __future__ import annotations

import pytest

from veracity.claims.quotes import Quote, find_quotes

OFFICIAL = "“Memet Tursun was never held at any centre,” a county spokesman said."


def _last(*paragraphs: str) -> Quote:
    return find_quotes(paragraphs)[-1]


@pytest.mark.parametrize(("paragraphs", "speaker"), [
    # a pronoun takes the nearest person before it that fits, not the last speaker
    ((OFFICIAL, "His wife, Aygul Rozi, was not at home. “They took him at night and we never saw him again,” "
      "she said."), "His wife"),
    ((OFFICIAL, "Her brother disagreed.", "“She was taken in 2018 and nobody has seen her since,” he said."),
     "Her brother"),
    (("“Nobody on this list was ever detained at all,” Gulnar Memet said.", "Her son Rozi was at school.",
      "“I have not heard from my husband in two years,” she said."), "Gulnar Memet"),
    (("Officials in Hotan rejected the report on Monday.", "“Nobody on this list was ever detained,” they said."),
     "Officials"),
    # none fits: empty rather than the wrong person
    ((OFFICIAL, "“They took him at night and we never saw him again,” she said."), ""),
    # said / told / according to, before and after the quotation
    (("“He was sent there for his own good,” according to Memet Tursun.",), "Memet Tursun"),
    (("“Memet Tursun has never been detained at all,” the official told Radio Free Asia.",), "the official"),
    (("Her mother, Aygul Rozi, told reporters: “My son was taken in 2017 for praying.”",), "Aygul Rozi"),
    (("“My son was taken in 2017 for praying at home,” said Patigul Yasin, a farmer.",), "Patigul Yasin"),
    (("“We have no information about him at all,” said his wife, Aygul Rozi.",), "Aygul Rozi"),
    # Chinese: 说/表示/称, with when/where/to whom between the speaker and the verb; 他/她 across paragraphs
    (("县政府发言人在发布会上称：“买买提·吐尔逊从未进入职业技能教育培训中心。”",), "县政府发言人"),
    (("发言人20日对记者表示：“买买提·吐尔逊已经结业回家，生活正常。”",), "发言人"),
    (("他的哥哥在国外，不同意这种说法。“我的弟弟2017年被带走，至今没有消息。”他说。",), "他的哥哥"),
    (("“买买提·吐尔逊从未进入职业技能教育培训中心。”发言人说。", "热合曼的母亲不同意。",
      "“我的儿子2017年被带走了，至今没有消息。”她说。"), "热合曼的母亲"),
    (("乡干部说：“买买提·吐尔逊已经结业回家了。”", "他的哥哥不同意。",
      "“我的弟弟还没有回家，我们很担心他。”她说。"), "乡干部"),
])
def test_the_speaker_is_the_person_the_article_names(paragraphs: tuple[str, ...], speaker: str) -> None:
    assert _last(*paragraphs).speaker == speaker


@pytest.mark.parametrize(("paragraph", "speaker"), [
    ("据村干部介绍，阿依古丽·肉孜已经结业回家，现在过着正常的生活。", "村干部"),
    ("村干部20日对记者表示，阿依古丽·肉孜已经结业回家，现在过着正常的生活。", "村干部"),
    ("阿依古丽·肉孜的哥哥在国外接受采访时表示，他的妹妹2017年被带走，至今没有音讯。", "阿依古丽·肉孜的哥哥"),
    ("A county official said on Friday that Rozi Qurban had graduated and gone home.", "A county official"),
])
def test_a_reported_speaker_is_named_without_the_clause_after_it(paragraph: str, speaker: str) -> None:
    assert (_last(paragraph).kind, _last(paragraph).speaker) == ("reported", speaker)


@pytest.mark.parametrize(("paragraph", "persons"), [
    ("“Maimaiti Tuerxun never attended a training centre,” the official said.", ("Maimaiti Tuerxun",)),
    ("“My son ياسىن قۇربان was taken away in 2018,” Aygul Rozi said.", ("ياسىن قۇربان",)),
    ("发言人说：“买买提·吐尔逊从未进入职业技能教育培训中心，他在家里。”", ("买买提·吐尔逊",)),
    ("发言人说：“帕提古丽・托合提和阿不都热依木·艾买提已经结业回家。”", ("帕提古丽・托合提", "阿不都热依木·艾买提")),
    ("“Memet Tursun has never been detained,” the official told Radio Free Asia.", ("Memet Tursun",)),
])
def test_persons_are_the_names_alone(paragraph: str, persons: tuple[str, ...]) -> None:
    assert _last(paragraph).persons == persons


def test_a_quotation_only_paragraph_continues_the_last_speaker_not_a_subject_named_since() -> None:
    quotes = find_quotes(("“They came at night and took him away,” Gulnar Memet said.",
                          "“We have waited for a year and heard nothing from anyone.”"))
    assert [q.speaker for q in quotes] == ["Gulnar Memet", "Gulnar Memet"]


@pytest.mark.parametrize(("paragraphs", "speaker"), [
    ((OFFICIAL, "His sister, Aygul Rozi, lives abroad. She said that her brother was taken in 2017 for praying."),
     "His sister"),
    (("发言人说：“买买提·吐尔逊已经结业回家了。”", "他的哥哥不同意。他表示，他的弟弟2017年被带走，至今没有音讯。"),
     "他的哥哥"),
    ((OFFICIAL, "She said that her brother was taken in 2017 for praying at home."), ""),
])
def test_reported_speech_by_a_pronoun_takes_the_nearest_fitting_person(paragraphs: tuple[str, ...],
                                                                       speaker: str) -> None:
    assert (_last(*paragraphs).kind, _last(*paragraphs).speaker) == ("reported", speaker)


def test_a_lone_character_before_the_verb_is_not_a_speaker() -> None:
    assert [q.speaker for q in find_quotes(("据介绍，买买提·吐尔逊已经结业回家了，现在生活正常。",))] == []
