"""The content model and the pre-publish checks share one home for personal data
(disclosure/personal_data.py): the same number is found, and masked the same way, on both paths."""

import pytest

from disclosure.models import EnforcementDecisionPage
from disclosure.personal_data import id_checksum_char, mask_id_number, mask_mobile
from review.checks import personal_data_findings

FIRST17 = "43058119900101123"
ID_NUMBER = FIRST17 + id_checksum_char(FIRST17)
MOBILE = "13912345678"
SAMPLE = f"当事人张三，身份证号{ID_NUMBER}，联系电话{MOBILE}，罚款2000元。"

# A new page asks for the default locale.
pytestmark = pytest.mark.django_db


def test_the_review_check_and_the_enforcement_page_mask_the_sample_identically():
    findings = personal_data_findings([("正文", SAMPLE)])
    check_masks = sorted(finding.text for finding in findings)

    page = EnforcementDecisionPage(party_name="某某有限公司", party_type="organisation")
    public = page.mask_personal_data(SAMPLE)

    assert check_masks == sorted([ID_NUMBER[:6] + "********" + ID_NUMBER[14:], MOBILE[:3] + "****" + MOBILE[7:]])
    for masked in check_masks:
        assert masked in public
    assert ID_NUMBER not in public and MOBILE not in public
    assert public == SAMPLE.replace(ID_NUMBER, mask_id_number(ID_NUMBER)).replace(MOBILE, mask_mobile(MOBILE))


def test_the_metadata_refusal_names_the_number_masked_the_same_way():
    page = EnforcementDecisionPage(party_name="某某有限公司", party_type="organisation")
    errors = page.publish_errors({"source_name": SAMPLE})
    assert mask_id_number(ID_NUMBER) in errors["source_name"]
    assert ID_NUMBER not in errors["source_name"]
