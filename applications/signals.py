"""Every department accepts applications (《条例》第二十七条: any administrative agency may be asked),
so saving a department, through `setup_department` or the 部门 snippet, gives it its
`<简称>-依申请公开` desk and group. A signal rather than a call from review.roles: review is the
lower layer, and must not import the applications app."""

from django.db.models.signals import post_save

from applications.roles import setup_desk


def give_department_a_desk(sender, instance, **kwargs):
    setup_desk(instance)


def connect():
    post_save.connect(give_department_a_desk, sender="review.Department", dispatch_uid="applications.desk")
