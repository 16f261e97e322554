"""What no parent explains (issue 17): a local innovation on a scheme task's topic adds its own
nouns no scheme item has, a rewording says its parent's points in words the scheme uses; the
combined scorer's ``top_unexplained`` feature tells them apart where the similarities cannot."""

from __future__ import annotations

import numpy as np

from govtrace.graph.lineage.features import FEATURES, unexplained_share
from govtrace.graph.lineage.fitted import default_model_path, load_model
from govtrace.graph.lineage.similarity import LevelMatrices
from tests.support.rankings import unit

MEDIATION = unit("17", "加强行政调解工作。推进行政调解与人民调解、行业性专业性调解、"
                       "司法调解有效衔接，建立矛盾纠纷多元化解中心，提供一站式纠纷解决服务。")
RECONSIDERATION = unit("18", "推进行政复议体制改革。整合行政复议职责，畅通行政复议渠道，"
                             "提升行政复议办案质量。")
REWORDING = "做好行政调解。让行政调解和人民调解、司法调解衔接起来，纠纷一站式解决。"
LOCAL = ("选取8个乡镇开展枫桥式司法所创建，配齐人民调解员，建立矛盾纠纷多元化解台账，"
         "实行周排查、月研判、季通报。")


def test_a_local_measure_leaves_more_of_its_words_unexplained_than_a_rewording_issue_17(
) -> None:
    level = LevelMatrices.of((MEDIATION, RECONSIDERATION))
    local = unexplained_share(LOCAL, level.word_space)
    rewording = unexplained_share(REWORDING, level.word_space)
    assert local > 0.5 > rewording
    assert unexplained_share(MEDIATION.text, level.word_space) == 0.0
    assert unexplained_share("", level.word_space) == 0.0


def test_the_shipped_model_reads_unexplained_words_as_evidence_against_issue_17() -> None:
    """The same row, the child's words less explained: a lower probability."""
    model = load_model(default_model_path())
    row = np.zeros((2, len(FEATURES)))
    for name, value in (("char_score", 0.05), ("char_rel", 1.0), ("char_margin", 0.3),
                        ("word_cosine", 0.15), ("word_rel", 1.0), ("word_margin", 0.3),
                        ("top_both", 1.0), ("position", 0.9)):
        row[:, FEATURES.index(name)] = value
    row[:, FEATURES.index("top_unexplained")] = (0.2, 0.7)
    explained, unexplained = model.log_odds(row)
    assert unexplained < explained
    assert model.contributions(tuple(row[1]))[FEATURES.index("top_unexplained")] < 0
