"""长者模式: a link (no JavaScript) sets a cookie and returns to the page."""

import pytest

from tests.home.conftest import SEED_URL, parse_html

pytestmark = pytest.mark.django_db


def body_classes(response):
    return (parse_html(response).cssselect("body")[0].get("class") or "").split()


def test_toggle_on_and_off(seed, client):
    doc = parse_html(client.get(SEED_URL))
    toggle = [a for a in doc.cssselect("a") if a.text == "长者模式"][0].get("href")
    assert "elder-mode" not in body_classes(client.get(SEED_URL))

    response = client.get(toggle)
    assert response.status_code == 302 and response["Location"] == SEED_URL
    assert response.cookies["elder_mode"].value == "1"
    assert response.cookies["elder_mode"]["max-age"] > 30 * 24 * 3600  # remembered
    page = client.get(SEED_URL)
    assert "elder-mode" in body_classes(page)

    off = [a for a in parse_html(page).cssselect("a") if a.text == "退出长者模式"][0].get("href")
    response = client.get(off)
    assert response.status_code == 302 and response["Location"] == SEED_URL
    assert "elder-mode" not in body_classes(client.get(SEED_URL))


@pytest.mark.parametrize("target", [
    "https://evil.example.com/", "//evil.example.com/x", "javascript:alert(1)", "http://testserver.evil/",
])
def test_next_must_stay_on_this_site(client, target):
    response = client.get("/elder-mode/", {"on": "1", "next": target})
    assert response.status_code == 302 and response["Location"] == "/"


def test_toggle_keeps_query_string(client):
    response = client.get("/elder-mode/", {"on": "1", "next": "/search/?q=城管&page=2"})
    from urllib.parse import unquote

    assert unquote(response["Location"]) == "/search/?q=城管&page=2"


def test_toggle_refuses_post(client):
    assert client.post("/elder-mode/", {"on": "1"}).status_code == 405


def test_pages_vary_on_the_cookie(seed, client):
    assert "Cookie" in client.get(SEED_URL)["Vary"]
    assert "Cookie" not in client.get("/robots.txt").get("Vary", "")
