from django.utils.cache import patch_vary_headers


class ElderModeVaryMiddleware:
    """HTML pages differ by the 长者模式 cookie (a body class), so a shared cache in front of the
    site must not hand one visitor's variant to another: mark HTML responses `Vary: Cookie`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            patch_vary_headers(response, ("Cookie",))
        return response
