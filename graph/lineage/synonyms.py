"""Policy-term synonym classes: the words a county drafter uses for the scheme's terms.

A plan that rewords its scheme keeps the *concepts* (a red-letter document is a normative
document, 复议 is 行政复议, 首违不罚 is a penalty waived) while changing the words; word
TF-IDF sees those as unrelated words. :mod:`words` maps every word of a class to the class's
first (canonical) word, on both sides of a comparison, so the concept counts once whichever
way it is said.

Written by hand from how Chinese government plans commonly restate these terms; kept apart
from ``bench/policy_glossary.py`` on purpose: that one drives the synthetic generator's
rewording, and a linker normalizing with the generator's own dictionary would measure the
dictionary, not the linker. A class holds words of one policy meaning only: a word shared by
two scheme tasks' topics (掌上办 and 网上办) is not merged, since it would blur the tasks.
"""

from __future__ import annotations

from functools import cache

CLASSES: tuple[tuple[str, ...], ...] = (
    # documents and decisions
    ("行政规范性文件", "规范性文件", "红头文件", "政策性文件", "政策文件", "发文", "乱发文"),
    ("合法性审查", "合法性审核", "法律审核", "合法性把关", "法律把关", "法律关"),
    ("重大决策", "重大行政决策", "决策事项", "重大决策事项"),
    ("风险评估", "社会稳定风险评估", "稳评", "稳定风险评估"),
    ("听证", "听证会"),
    ("后评估", "决策后评估", "实施后评估"),
    ("终身追责", "终身责任追究", "责任倒查", "倒查"),
    ("督查", "政府督查", "督办", "督查室", "跟踪督办", "督查督办"),
    # law enforcement
    ("执法", "行政执法", "执法办案"),
    ("综合执法", "综合行政执法"),
    ("执法人员", "执法队员", "一线执法者", "行政执法人员"),
    ("持证上岗", "亮证", "亮证执法"),
    ("全过程记录", "录音录像", "执法记录仪"),
    ("裁量权基准", "裁量基准", "处罚基准"),
    ("免罚", "免予处罚", "不予处罚", "首违不罚", "轻微免罚", "免罚清单"),
    ("柔性执法", "温情执法", "人性化执法"),
    ("普法", "以案释法", "讲法说理", "释法说理"),
    ("局队合一", "局队一体"),
    ("下放", "下沉", "交办"),
    ("移送", "移交"),
    ("执法监督", "行政执法监督"),
    ("罚没指标", "罚款指标", "罚没任务", "罚款任务"),
    ("非现场监管", "远程监管", "在线监测", "远程视频"),
    ("执法终端", "手持终端", "移动执法终端", "智能终端"),
    ("专项整治", "专项行动", "集中整治", "专项治理"),
    ("双随机", "随机抽查"),
    # services and the market
    ("告知承诺", "告知承诺制", "承诺制", "先承诺后核查", "承诺即办"),
    ("容缺受理", "容缺", "先收件后补齐"),
    ("一窗受理", "综合窗口", "一窗收件"),
    ("好差评", "打分", "差评"),
    ("掌上办", "指尖办", "手机办", "掌上办理", "手机办理", "掌上可办"),
    # 一网通办 is delivered by the one integrated platform the plans name
    ("一网通办", "政务服务平台", "一体化政务服务平台", "一体化平台"),
    ("简政放权", "放管服", "放管服改革"),
    ("营商环境", "发展环境", "经营环境", "营商"),
    ("市场主体", "经营主体"),
    ("地方保护", "设卡", "封锁市场", "市场分割"),
    ("拖欠", "欠款", "欠账"),
    ("政商交往", "政商关系", "打交道"),
    ("权责清单", "权力清单", "责任清单", "履职清单"),
    ("诚信", "政务诚信", "守信", "失信", "说话算数", "讲诚信"),
    ("政务公开", "政府信息公开", "信息公开"),
    ("政府开放日", "开放日"),
    # emergencies
    ("突发事件", "突发情况", "险情", "灾情", "灾害"),
    ("应急预案", "预案", "处置方案", "应急处置方案"),
    ("应急物资", "救灾物资", "储备物资"),
    ("演练", "应急演练", "实战演练"),
    ("哄抬物价", "涨价", "抬价"),
    ("囤积居奇", "囤货", "囤积"),
    ("造谣", "造谣滋事", "散布谣言", "谣言", "造谣生事"),
    ("社会应急力量", "救援队", "救援队伍", "民间救援"),
    ("网格化", "网格员", "网格"),
    # disputes
    ("调解", "行政调解", "调处", "调解员"),
    ("裁决", "行政裁决", "裁断", "居中裁断", "居中裁决"),
    ("复议", "行政复议"),
    ("复议委员会", "行政复议委员会"),
    ("应诉", "出庭应诉", "出庭", "上法庭", "民告官", "被诉", "行政诉讼",
     "行政机关负责人出庭应诉"),
    ("生效裁判", "生效判决", "判决"),
    # supervision, leadership, capacity
    ("三个区分开来", "容错纠错", "容错"),
    ("统计造假", "数据造假"),
    ("主要负责人", "一把手", "主要负责同志"),
    ("法治建设第一责任人", "第一责任人职责", "第一责任人"),
    # the Party committee of the plan's level, by the level's name (盟委, 旗委, 县委 …)
    ("党委", "各级党委", "盟委", "市委", "旗委", "县委"),
    ("党校", "盟委党校", "市委党校", "旗委党校", "县委党校"),  # a school, not the committee
    ("汇报", "情况汇报", "工作汇报", "专题汇报"),
    # the annual report on building rule-of-law government (年度报告制度), however titled
    ("年度报告", "上年度报告", "法治建设情况报告", "法治政府建设情况报告",
     "法治建设报告", "法治政府建设报告"),
    # a people's congress and a CPPCC supervise a government chiefly through the
    # suggestions of its deputies and the proposals of its members, which a report counts
    ("人大监督", "人大", "人大代表", "人大代表建议", "代表建议"),
    ("政协监督", "政协", "政协委员", "政协民主监督", "委员提案", "政协委员提案", "政协提案"),
    ("学法", "学法用法", "会前学法", "法治讲座", "专题讲座"),
    ("考法", "任前考法", "法律知识考试"),
    ("理论研究", "研究课题", "课题研究"),
    ("示范创建", "示范地区", "示范县", "示范市"),
    ("基层立法联系点", "立法联系点", "联系点"),
)


@cache
def canonical() -> dict[str, str]:
    """Each word of a class → the class's first word."""
    return {word: words[0] for words in CLASSES for word in words}
