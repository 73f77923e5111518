from wagtail.users.apps import WagtailUsersAppConfig


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users app with the project's user list (department and role columns)."""

    user_viewset = "review.users_admin.UserViewSet"
