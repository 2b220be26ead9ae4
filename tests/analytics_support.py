"""Small national reports over three years, for the analytics tests and the app."""

from __future__ import annotations

HEAD = ("政府工作报告\n\n——{year}年3月5日在第十四届全国人民代表大会上\n\n国务院总理\n\n"
        "各位代表：\n\n现在，我代表国务院，向大会报告政府工作，请予审议。\n\n")

REPORTS = {
    "2023年中华人民共和国国务院政府工作报告.txt": HEAD.format(year=2023) + (
        "一、2022年工作回顾\n\n"
        "过去一年，国内生产总值增长3%，城镇新增就业1206万人，居民消费价格上涨2%。扎实推进碳达峰工作。\n\n"
        "发展数字经济，推进数字中国建设。数字经济蓬勃发展。\n\n"
        "二、2023年经济社会发展总体要求和政策取向\n\n"
        "今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人左右，城镇调查失业率5.5%左右；"
        "居民消费价格涨幅3%左右；粮食产量保持在1.3万亿斤以上。\n\n"
        "积极的财政政策要加力提效。赤字率拟按3%安排。拟安排地方政府专项债券3.8万亿元。\n"
    ),
    "2024年中华人民共和国国务院政府工作报告.txt": HEAD.format(year=2024) + (
        "一、2023年工作回顾\n\n"
        "国内生产总值增长5.2%。扎实推进碳达峰工作，积极稳妥推进碳达峰碳中和。\n\n"
        "二、2024年经济社会发展总体要求和政策取向\n\n"
        "今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上，城镇调查失业率5.5%左右；"
        "居民消费价格涨幅3%左右；粮食产量1.3万亿斤以上；单位国内生产总值能耗降低2.5%左右。\n\n"
        "三、2024年政府工作任务\n\n"
        "大力推进现代化产业体系建设，加快发展新质生产力。因地制宜发展新质生产力。\n\n"
        "深入推进数字经济创新发展，开展人工智能+行动。培育新质生产力，发展数字经济。\n\n"
        "赤字率拟按3%安排，比上年增加1800亿元。拟安排地方政府专项债券3.9万亿元、比上年增加1000亿元。\n"
    ),
    "2020年政府工作报告.txt": HEAD.format(year=2020) + (
        "一、2019年工作和今年以来疫情防控\n\n国内生产总值增长6.1%。\n\n"
        "二、今年发展主要目标和下一阶段工作总体部署\n\n"
        "今年发展主要目标是：城镇新增就业900万人以上，城镇调查失业率6%左右，城镇登记失业率5.5%左右；"
        "居民消费价格涨幅3.5%左右。\n\n"
        "需要说明的是，我们没有提出全年经济增速具体目标，主要因为全球疫情和经贸形势不确定性很大。\n\n"
        "今年赤字率拟按3.6%以上安排。\n"
    ),
    "GR2024_en.txt": (
        "REPORT ON THE WORK OF THE GOVERNMENT\n\nI. A Review of Our Work in 2023\n\n"
        "GDP grew by 5.2 percent. We worked toward carbon peaking and the digital economy grew fast.\n\n"
        "II. Overall Requirements and Policy Priorities for 2024\n\n"
        "The main projected targets for development this year are as follows: GDP growth of around 5 percent; "
        "over 12 million new urban jobs; a surveyed urban unemployment rate of around 5.5 percent; "
        "CPI increase of around 3 percent.\n\n"
        "We have set the deficit-to-GDP ratio for this year at 3 percent.\n"
    ),
}

PROVINCIAL = {
    "2024年浙江省政府工作报告.txt": (
        "政府工作报告\n\n——2024年1月23日在浙江省第十四届人民代表大会第二次会议上\n\n浙江省省长\n\n"
        "一、2023年工作回顾\n\n省政府坚持稳中求进，因地制宜发展新质生产力，扎实推进碳达峰工作。\n\n"
        "二、2024年工作任务\n\n加快培育新质生产力，建设新质生产力先行区。\n"
    ),
}
"""A provincial report of 2024, beside the national ones: a trend counts it only when split by kind."""
