from django.urls import path

from applications.views import letters, public

app_name = "applications"

urlpatterns = [
    path("ysqgk/", public.apply, name="apply"),
    path("ysqgk/submitted/", public.submitted, name="submitted"),
    path("ysqgk/query/", public.query, name="query"),
    path("ysqgk/correction/<str:number>/", public.correction, name="correction"),
    path("ysqgk/letters/<id:letter_id>/", letters.public_letter, name="letter"),
    path("ysqgk/letters/<id:letter_id>/pdf/", letters.public_letter_pdf, name="letter_pdf"),
]
