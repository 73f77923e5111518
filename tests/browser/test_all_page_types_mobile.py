"""Every public page type of the full demo at phone widths (320 and 375 px) and on a wide screen.

For one live page of each type this checks, in Debian's Chromium:
- the document does not scroll sideways (WCAG 1.4.10 Reflow);
- no visible element sticks out of the viewport, unless it sits inside a container that scrolls
  on purpose (overflow-x: auto/scroll), and every such container that does scroll can be reached
  and scrolled with the keyboard: tabindex="0", role="region" and an accessible name (WCAG 2.1.1);
- visible text, chart labels in SVG included (at their scaled size), is at least 14 CSS px, and no
  chart label runs past the edge of its SVG;
- the header's links, search box and button are tap targets of at least 24x24 px (WCAG 2.5.8).

At 375 px, in the same page loads, every visible piece of text is also checked for contrast in
normal mode: at least 4.5:1, or 3:1 for large text (24 px, or 18.66 px bold) (WCAG 1.4.3); and the
first three elements Tab reaches after the skip link each show a focus indicator, an outline or a
box-shadow (WCAG 2.4.7).

With 长者模式 on (switched on through the header link, so by the cookie /elder-mode/ sets) every
page type is checked again at 320 px: the same layout checks, text of at least 18 CSS px, and
every visible piece of text at least 4.5:1 against its background (WCAG 1.4.3).
"""

import io
from urllib.parse import quote

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.browser

PHONE_WIDTHS = (320, 375)
MIN_TEXT_PX = 14
MIN_TARGET_PX = 24
ELDER_WIDTH = 320
ELDER_MIN_TEXT_PX = 18
MIN_CONTRAST = 4.5
MIN_CONTRAST_LARGE = 3.0
CONTRAST_WIDTH = 375
FOCUS_STEPS = 3


@pytest.fixture
def demo_live_server(live_server, transactional_db):
    # The demo Site is the default site, so Wagtail routes the live server's host to it.
    call_command("load_demo_site", stdout=io.StringIO())
    return live_server


def page_types():
    """(label, path, expected status) of one live page of every public page type in the demo."""
    from annual_report.models import AnnualDisclosureReportPage
    from disclosure.models import (
        ArticlePage,
        ColumnPage,
        EnforcementDecisionPage,
        NewsPage,
        NormativeDocumentPage,
        PolicyInterpretationPage,
        PowerListPage,
        RegulationPage,
        ReportPage,
    )
    from home.models import HomePage, SiteMapPage

    def first(model, **filters):
        page = model.objects.live().filter(**filters).order_by("path").first()
        assert page is not None, f"the demo has no live {model.__name__} {filters or ''}"
        return page.url

    stats = next(
        (page for page in ArticlePage.objects.live().specific()
         if any(block.block_type == "statistics" for block in page.body)),
        None,
    )
    assert stats is not None, "the demo has no enforcement statistics page"
    listing = ColumnPage.objects.live().get(slug="xzzfgs")
    return [
        ("首页", first(HomePage), 200),
        ("栏目列表（筛选）", listing.url + "?year=2025&sort=date", 200),
        ("政府信息公开目录", first(ColumnPage, column_type="catalogue"), 200),
        ("网站地图", first(SiteMapPage), 200),
        ("规范性文件", first(NormativeDocumentPage), 200),
        ("政策解读", first(PolicyInterpretationPage), 200),
        ("权责清单", first(PowerListPage), 200),
        ("行政执法公示", first(EnforcementDecisionPage), 200),
        ("行政执法统计", stats.url, 200),
        ("法律法规", first(RegulationPage), 200),
        ("工作动态", first(NewsPage), 200),
        ("种子报告", first(ReportPage), 200),
        ("政府信息公开工作年度报告", first(AnnualDisclosureReportPage), 200),
        ("站内搜索", "/search/?q=" + quote("城管"), 200),
        ("404", "/no-such-page-here/", 404),
    ]


# Everything the layout checks need, measured in one pass in the page.
LAYOUT_JS = """
({minText, minTarget}) => {
  const vw = window.innerWidth;
  const name = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (el.classList.length) s += '.' + [...el.classList].join('.');
    return s;
  };
  const path = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) parts.unshift(name(e));
    return parts.join(' > ');
  };
  const scrolls = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const hidden = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.display === 'none' || style.visibility === 'hidden') return true;
      if (style.clip && style.clip !== 'auto') return true;  // .visually-hidden
    }
    return false;
  };
  const insideScroller = (el) => {
    for (let e = el.parentElement; e && e !== document.documentElement; e = e.parentElement) {
      if (e !== document.body && scrolls(e)) return true;
    }
    return false;
  };
  const accessibleName = (el) => {
    if ((el.getAttribute('aria-label') || '').trim()) return true;
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
    return ids.some((id) => (document.getElementById(id)?.textContent || '').trim());
  };

  const out = {
    scrollWidth: document.documentElement.scrollWidth, innerWidth: vw,
    stickingOut: [], scrollers: [], badScrollers: [], smallText: [], smallTargets: [], texts: [], largeTexts: [], clippedLabels: [],
  };
  for (const el of document.body.querySelectorAll('*')) {
    if (el instanceof SVGTextElement && !hidden(el)) {
      // Chart labels: the font size in user units times the SVG's scale on screen.
      const size = parseFloat(getComputedStyle(el).fontSize) * (el.getScreenCTM()?.a || 1);
      if (size < minText) out.smallText.push(`${path(el)} "${el.textContent}" (${size.toFixed(1)}px)`);
      // ...and drawn inside the chart, not cut off at the edge of its viewBox.
      const box = el.getBBox(), view = el.ownerSVGElement?.viewBox?.baseVal;
      if (view && view.width && (box.x < view.x - 0.5 || box.x + box.width > view.x + view.width + 0.5)) {
        out.clippedLabels.push(`${path(el)} "${el.textContent}" [${box.x.toFixed(0)}..${(box.x + box.width).toFixed(0)} of ${view.width}]`);
      }
    }
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
    const rect = el.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1 || hidden(el)) continue;
    if ((rect.right > vw + 0.5 || rect.left < -0.5) && !insideScroller(el)) {
      out.stickingOut.push(`${path(el)} [${Math.round(rect.left)}..${Math.round(rect.right)}]`);
    }
    if (el !== document.body && scrolls(el) && el.scrollWidth > el.clientWidth + 1) {
      const ok = el.getAttribute('tabindex') === '0' && el.getAttribute('role') === 'region' && accessibleName(el);
      out.scrollers.push(path(el));
      if (!ok) out.badScrollers.push(path(el));
    }
    const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (ownText && size < minText) out.smallText.push(`${path(el)} (${size}px)`);
    if (ownText) {
      // Marked for the contrast check, which takes selectors.
      el.setAttribute('data-text-probe', String(out.texts.length));
      out.texts.push(path(el));
      // WCAG large text: 18pt (24 CSS px), or 14pt (18.66 CSS px) and bold.
      const weight = parseInt(getComputedStyle(el).fontWeight, 10) || 400;
      out.largeTexts.push(size >= 24 || (size >= 18.66 && weight >= 700));
    }
  }
  for (const el of document.querySelectorAll('.site-header :is(a, button, input, select)')) {
    if (hidden(el)) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width < minTarget || rect.height < minTarget) {
      out.smallTargets.push(`${path(el)} (${Math.round(rect.width)}x${Math.round(rect.height)})`);
    }
  }
  return out;
}
"""


def layout_problems(page, label, width, min_text=MIN_TEXT_PX):
    found = page.evaluate(LAYOUT_JS, {"minText": min_text, "minTarget": MIN_TARGET_PX})
    problems = []
    where = f"{label} @{width}px"
    if found["scrollWidth"] > found["innerWidth"]:
        problems.append(f"{where}: document is {found['scrollWidth']}px wide in a {found['innerWidth']}px viewport")
    problems += [f"{where}: sticks out of the viewport: {item}" for item in found["stickingOut"]]
    problems += [f"{where}: scroll container not keyboard reachable (tabindex=0, role=region, name): {item}"
                 for item in found["badScrollers"]]
    problems += [f"{where}: text below {min_text}px: {item}" for item in found["smallText"]]
    problems += [f"{where}: chart label cut off by its SVG: {item}" for item in found["clippedLabels"]]
    problems += [f"{where}: header tap target below {MIN_TARGET_PX}x{MIN_TARGET_PX}px: {item}"
                 for item in found["smallTargets"]]
    return problems, found


def contrast_problems(page, label, width, texts, large_texts=None):
    """Every visible element with text of its own, measured by the seed-page contrast helper.

    With `large_texts` (one flag per text, from LAYOUT_JS) large text needs only 3:1, as WCAG 1.4.3
    allows; without it every text needs 4.5:1.
    """
    from tests.browser.test_public_pages import CONTRAST_JS

    large_texts = large_texts or [False] * len(texts)
    described = {f'[data-text-probe="{index}"]': (text, large)
                 for index, (text, large) in enumerate(zip(texts, large_texts))}
    ratios = page.evaluate(CONTRAST_JS, list(described))
    where = f"{label} @{width}px"
    problems = []
    for selector, ratio in ratios:
        text, large = described[selector]
        minimum = MIN_CONTRAST_LARGE if large else MIN_CONTRAST
        if ratio < minimum:
            problems.append(f"{where}: contrast {ratio:.2f}:1 below {minimum}:1: {text}")
    return problems


# The element that has keyboard focus and how its focus is drawn.
FOCUS_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  let s = el.tagName.toLowerCase();
  if (el.className && typeof el.className === 'string') s += '.' + el.className.trim().split(/\\s+/).join('.');
  const text = (el.textContent || el.getAttribute('aria-label') || el.getAttribute('name') || '').trim().slice(0, 20);
  return {
    name: `${s} "${text}"`,
    skipLink: el.classList.contains('skip-link'),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== 'none',
    outlineText: `${style.outlineStyle} ${style.outlineWidth}`, shadowText: style.boxShadow,
  };
}
"""


def focus_problems(page, label, width, steps=FOCUS_STEPS):
    """Tab from the top of the page: the skip link first, then `steps` elements with a visible focus."""
    where = f"{label} @{width}px"
    # Start the Tab order at the top of the document, as after a fresh load (blur() alone would
    # leave Chromium's sequential focus starting point where the focus was).
    page.evaluate("""() => {
      document.body.setAttribute('tabindex', '-1');
      document.body.focus();
      document.body.removeAttribute('tabindex');
    }""")
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS_JS)
    if not first or not first["skipLink"]:
        return [f"{where}: the first Tab stop is {first and first['name']}, not the skip link"]
    problems = []
    for step in range(1, steps + 1):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_JS)
        if focused is None:
            problems.append(f"{where}: Tab stop {step} after the skip link focuses nothing")
        elif not (focused["outline"] or focused["shadow"]):
            problems.append(f"{where}: no visible focus on Tab stop {step} after the skip link: "
                            f"{focused['name']} (outline {focused['outlineText']}, box-shadow {focused['shadowText']})")
    return problems


def visit(page, base_url, label, path, status):
    response = page.goto(base_url + path)
    assert response.status == status, f"{label} {path} answered {response.status}"


@pytest.mark.django_db(transaction=True)
def test_every_page_type_reflows_on_phones(demo_live_server, page_at):
    pages = page_types()
    problems, scrolled = [], set()
    for width in PHONE_WIDTHS:
        page = page_at(width, 740)
        for label, path, status in pages:
            visit(page, demo_live_server.url, label, path, status)
            if label == "站内搜索":
                assert page.locator(".search-result").count() > 0, "no search results for 城管"
            if label == "行政执法统计":
                assert page.locator("table.stats-table").count() > 0
                assert page.locator("svg.stats-chart").count() > 0
            found_problems, found = layout_problems(page, label, width)
            problems += found_problems
            if width == CONTRAST_WIDTH:
                # Normal mode, same page load: contrast of all visible text and keyboard focus.
                assert found["texts"], f"{label}: no text measured"
                problems += contrast_problems(page, label, width, found["texts"], found["largeTexts"])
                problems += focus_problems(page, label, width)
            scrolled.update(f"{label}: {item}" for item in found["scrollers"])
    assert not problems, "\n".join(problems)
    # The premise of the scroll-container exemption: the wide tables do scroll inside a wrapper.
    assert any(item.startswith("权责清单:") for item in scrolled), scrolled
    assert any(item.startswith("政府信息公开工作年度报告:") for item in scrolled), scrolled


@pytest.mark.django_db(transaction=True)
def test_every_page_type_keeps_the_wide_screen_layout(demo_live_server, page_at):
    page = page_at(1440, 900)
    problems = []
    for label, path, status in page_types():
        visit(page, demo_live_server.url, label, path, status)
        found_problems, _found = layout_problems(page, label, 1440)
        problems += found_problems
        # The main column uses the width: the content is not squeezed into a phone-sized strip.
        main = page.locator("main").bounding_box()
        if main["width"] < 900:
            problems.append(f"{label} @1440px: <main> is only {main['width']:.0f}px wide")
        # The navigation stays on one or two rows instead of a tall stack.
        nav = page.locator(".main-nav").bounding_box()
        if nav["height"] > 110:
            problems.append(f"{label} @1440px: the main navigation is {nav['height']:.0f}px tall")
    assert not problems, "\n".join(problems)


@pytest.mark.django_db(transaction=True)
def test_every_page_type_in_elder_mode_on_a_small_phone(demo_live_server, page_at):
    pages = page_types()
    page = page_at(ELDER_WIDTH, 740)
    # Switched on as a citizen does it: the header link, a plain GET that sets the cookie.
    visit(page, demo_live_server.url, *pages[0])
    page.get_by_role("link", name="长者模式", exact=True).click()
    page.wait_for_load_state()
    assert {cookie["name"] for cookie in page.context.cookies()} >= {"elder_mode"}
    problems = []
    for label, path, status in pages:
        visit(page, demo_live_server.url, label, path, status)
        assert "elder-mode" in page.eval_on_selector("body", "e => e.className.split(' ')"), label
        where = f"{label}（长者模式）"
        found_problems, found = layout_problems(page, where, ELDER_WIDTH, min_text=ELDER_MIN_TEXT_PX)
        problems += found_problems
        assert found["texts"], f"{label}: no text measured"
        problems += contrast_problems(page, where, ELDER_WIDTH, found["texts"])
    assert not problems, "\n".join(problems)
