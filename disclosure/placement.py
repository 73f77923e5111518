"""The column tree a new site starts with (docs/architecture.md). Which column each kind of item
goes to is the kind registry's `column` (disclosure/kinds.py); each of those is a column here."""

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
