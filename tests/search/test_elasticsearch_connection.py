"""ELASTICSEARCH_URL parsing: several nodes, credentials in the URL, TLS CA file.

Pure parsing: no cluster needed, so these always run (no `elasticsearch` mark).
"""

import pytest
from django.core.exceptions import ImproperlyConfigured

from search.es_connection import client_options, get_client, parse_elasticsearch_url


def test_several_nodes_share_the_login_and_scheme_of_the_first():
    config = parse_elasticsearch_url("https://admin:s3cr%40t%3Ax@es1.gov.cn:9243, es2.gov.cn:9243,es3.gov.cn")
    assert config.basic_auth == ("admin", "s3cr@t:x")
    assert config.hosts == [
        {"scheme": "https", "host": "es1.gov.cn", "port": 9243},
        {"scheme": "https", "host": "es2.gov.cn", "port": 9243},
        {"scheme": "https", "host": "es3.gov.cn", "port": 9200},
    ]
    # Node addresses shown in messages never carry the password.
    assert all("s3cr" not in url and "admin" not in url for url in config.node_urls())


def test_each_node_may_repeat_the_same_login():
    config = parse_elasticsearch_url("http://u:p@10.0.0.1:9200,http://u:p@10.0.0.2:9200")
    assert config.basic_auth == ("u", "p")
    assert [h["host"] for h in config.hosts] == ["10.0.0.1", "10.0.0.2"]


def test_plain_local_url_has_no_login():
    config = parse_elasticsearch_url("http://127.0.0.1:9200")
    assert config.basic_auth is None
    assert config.hosts == [{"scheme": "http", "host": "127.0.0.1", "port": 9200}]


def test_path_prefix_and_ipv6_are_kept():
    config = parse_elasticsearch_url("https://u:p@[::1]:9243/es/,https://proxy.example/elastic")
    assert config.hosts[0] == {"scheme": "https", "host": "::1", "port": 9243, "path_prefix": "/es"}
    assert config.hosts[1] == {"scheme": "https", "host": "proxy.example", "port": 9200, "path_prefix": "/elastic"}
    assert config.node_urls()[0] == "https://[::1]:9243/es"


@pytest.mark.parametrize("value, fragment", [
    ("", "empty"),
    ("ftp://es1:9200", "scheme"),
    ("http://es1:notaport", "port"),
    ("http://a:1@es1:9200,http://b:2@es2:9200", "different"),
    ("http://es1:9200/?x=1", "query"),
])
def test_unreadable_urls_are_configuration_errors(value, fragment):
    with pytest.raises(ImproperlyConfigured, match=fragment):
        parse_elasticsearch_url(value)


def test_errors_never_echo_the_password():
    with pytest.raises(ImproperlyConfigured) as info:
        parse_elasticsearch_url("http://admin:topsecret@es1:bad")
    assert "topsecret" not in str(info.value)


def test_client_options_carry_auth_ca_file_and_retries(settings, tmp_path):
    ca = tmp_path / "ca.pem"
    ca.write_text("not read until a TLS connection is made")
    settings.ELASTICSEARCH_CA_CERTS = str(ca)
    options = client_options("https://elastic:pw@es1:9243,es2:9243")
    assert options["basic_auth"] == ("elastic", "pw")
    assert options["ca_certs"] == str(ca)
    assert options["max_retries"] >= 1 and options["retry_on_timeout"] is True
    assert 0 < options["request_timeout"] <= 60
    assert [h["host"] for h in options["hosts"]] == ["es1", "es2"]


def test_client_is_built_with_every_node(settings):
    settings.ELASTICSEARCH_CA_CERTS = None
    client = get_client("http://u:p@es-a.invalid:9200,es-b.invalid:9201")
    nodes = sorted((n.host, n.port) for n in client.transport.node_pool.all())
    assert nodes == [("es-a.invalid", 9200), ("es-b.invalid", 9201)]
    # Credentials travel as a header, not in the node addresses.
    assert client._headers["authorization"].startswith("Basic ")
    assert get_client("http://u:p@es-a.invalid:9200,es-b.invalid:9201") is client


def test_a_misconfigured_url_makes_search_unavailable_not_a_crash(settings):
    from search.backends.base import SearchRequest, SearchUnavailable
    from search.backends.elasticsearch import ElasticsearchBackend

    settings.ELASTICSEARCH_URL = "http://admin:pw@es1:notaport"
    backend = ElasticsearchBackend()
    assert backend.ping() is False
    with pytest.raises(SearchUnavailable):
        backend.search(SearchRequest(q="条例"))
