"""How county drafters say the scheme's policy terms in other words, for the synthetic
generator's rewording operators (bench/synthetic_corpus.py).

The project's glossary (govtrace/data/glossary.tsv) pairs English and Chinese terms for
answering English questions; it has no Chinese paraphrases, so it cannot reword Chinese.
These pairs were written from the way the seed plans (000, 003) and the hand-written
paraphrase sets (bench/paraphrase/) restate the scheme: a formal term and the plainer or
local words a county uses for the same thing. Longer terms win over the shorter ones they
contain (行政规范性文件 before 规范性文件).
"""

from __future__ import annotations

import random
import re
from functools import cache

TERMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # policy objects
    ("行政规范性文件", ("红头文件", "涉及群众权利义务的文件")),
    ("规范性文件", ("红头文件", "制度性文件")),
    ("重大行政决策", ("重大决策事项", "事关全局的决策")),
    ("合法性审查", ("法律审核把关", "合法性把关")),
    ("合法性审核", ("法律审核把关", "合法性把关")),
    ("行政复议", ("复议", "复议办案")),
    ("出庭应诉", ("出庭", "走进法庭")),
    ("行政执法", ("执法", "执法办案")),
    ("执法人员", ("一线执法者", "执法队员")),
    ("突发事件", ("突发情况", "各类险情")),
    ("应急预案", ("应急处置方案", "处置预案")),
    ("应急管理", ("应急工作", "防灾减灾")),
    ("政务公开", ("政府信息公开", "晒权晒责")),
    ("政务诚信", ("政府守信", "政府讲诚信")),
    ("政务服务", ("办事服务", "便民服务")),
    ("权责清单", ("权力和责任清单", "履职清单")),
    ("告知承诺制", ("承诺即办", "先承诺后核查")),
    ("一网通办", ("网上一次办成", "指尖办理")),
    ("市场主体", ("经营主体", "企业和个体户")),
    ("公平竞争审查", ("公平竞争把关", "竞争影响评估")),
    ("营商环境", ("发展环境", "企业经营环境")),
    ("行政调解", ("行政机关调解", "部门调处")),
    ("行政裁决", ("行政机关裁断", "居中裁决")),
    ("政府督查", ("督查督办", "跟踪问效")),
    ("法治政府建设", ("依法行政工作", "法治建设")),
    ("领导干部", ("领导同志", "干部")),
    ("信息化", ("数字化", "网上")),
    ("专项整治", ("集中治理", "专门治理")),
    ("矛盾纠纷", ("群众纠纷", "矛盾问题")),
    ("人民群众", ("群众", "老百姓")),
    # verbs and qualifiers drafters vary freely
    ("建立健全", ("建好", "搭建")),
    ("进一步", ("再", "更加")),
    ("加强", ("抓好", "强化")),
    ("推进", ("推动", "抓实")),
    ("落实", ("做实", "执行好")),
    ("完善", ("改进", "补齐")),
    ("健全", ("建好", "配套")),
    ("严格", ("从严", "认真")),
    ("全面", ("全方位", "普遍")),
    ("提升", ("提高", "增强")),
    ("深化", ("深入", "持续")),
    ("规范", ("理顺", "整顿")),
    ("机制", ("办法", "做法")),
    ("制度", ("规定", "规矩")),
    ("体系", ("框架", "网络")),
    ("开展", ("组织", "进行")),
    ("依法", ("按照法律", "按法定要求")),
    ("各级", ("各层级", "上下各级")),
)


@cache
def _pattern() -> re.Pattern[str]:
    terms = sorted((term for term, _ in TERMS), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, terms)))


@cache
def _alternatives() -> dict[str, tuple[str, ...]]:
    return dict(TERMS)


def substitute(text: str, rng: random.Random, share: float) -> str:
    """``text`` with each glossary term replaced, with probability ``share``, by one of its
    alternatives (drawn from ``rng``, so the same seed gives the same text)."""
    if share <= 0:
        return text
    alternatives = _alternatives()

    def swap(match: re.Match[str]) -> str:
        term = match[0]
        return rng.choice(alternatives[term]) if rng.random() < share else term

    return _pattern().sub(swap, text)
