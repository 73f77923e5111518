from django.urls import path, register_converter

from disclosure import views
from home.params import IdConverter

app_name = "disclosure"

register_converter(IdConverter, "id")

urlpatterns = [
    path("feeds/column/<id:column_id>/atom.xml", views.ColumnAtomFeed(), name="column_feed"),
    path("data/power-list/<id:page_id>.<str:fmt>", views.power_list_export, name="power_list_export"),
]
