from django.urls import path

from disclosure import views

app_name = "disclosure"


urlpatterns = [
    path("feeds/column/<id:column_id>/atom.xml", views.ColumnAtomFeed(), name="column_feed"),
    path("data/power-list/<id:page_id>.<str:fmt>", views.power_list_export, name="power_list_export"),
]
