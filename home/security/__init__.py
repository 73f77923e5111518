"""Response headers and request limits that protect the public site and the admin
(docs/security.md): the Content-Security-Policy middleware, the client address behind trusted
proxies, and the search rate limit."""
