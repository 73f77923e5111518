"""The names of the review roles' groups: data that the role set-up (review.roles), the file
collections (review.files) and their data migration all read, kept apart so none of them has to
import another."""

ROLE_DRAFTER = "信息员"
ROLE_REVIEWER = "审核员"
ROLE_LEADER = "领导"
ROLE_SITE_ADMIN = "站点管理员"
ROLES = [ROLE_DRAFTER, ROLE_REVIEWER, ROLE_LEADER, ROLE_SITE_ADMIN]
EDITORIAL_ROLES = [ROLE_DRAFTER, ROLE_REVIEWER, ROLE_LEADER]

# Wagtail's own groups, created by its migrations; their root-collection grants are revoked.
WAGTAIL_STOCK_GROUPS = ["Editors", "Moderators"]
