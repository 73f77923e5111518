"""Where each kind of record lives in the content tree (docs/architecture.md), and its page type."""

# url_path of the column (relative to the site root) for each import kind.
KIND_COLUMN_PATHS = {
    "rule_of_law_report": "zwgk/zfxxgk/yfxz",
    "disclosure_annual_report": "zwgk/zfxxgk/xxgknb",
    "normative_document": "zwgk/zfxxgk/gfxwj",
    "policy_interpretation": "zwgk/zfxxgk/zcjd",
    "power_list": "zwgk/zfxxgk/qzqd",
    "enforcement_publicity": "zwgk/zfxxgk/xzzfgs",
    "regulation": "zwgk/zfxxgk/flfg",
    "news": "zwgk/gzdt",
    "other": "zwgk/zfxxgk/fdzdgknr",
}

# The column tree: (slug, title, column_type, children).
COLUMN_TREE = [
    ("zwgk", "政务公开", "section", [
        ("zfxxgk", "政府信息公开", "section", [
            ("xxgkzn", "信息公开指南", "guide", []),
            ("xxgkzd", "信息公开制度", "rules", []),
            ("fdzdgknr", "法定主动公开内容", "list", []),
            ("xxgknb", "信息公开年报", "annual_report", []),
            ("xxgkml", "政府信息公开目录", "catalogue", []),
            ("yfxz", "依法行政", "list", []),
            ("gfxwj", "规范性文件", "list", []),
            ("zcjd", "政策解读", "list", []),
            ("qzqd", "权责清单", "list", []),
            ("xzzfgs", "行政执法公示", "list", []),
            ("flfg", "法律法规", "list", []),
            ("bmxxgk", "部门信息公开", "section", []),
        ]),
        ("gzdt", "工作动态", "list", []),
        ("pfxc", "普法宣传", "list", []),
    ]),
]
