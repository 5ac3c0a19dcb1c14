"""Placeholder: being written."""

from django.http import Http404


def committee_create(request, *args, **kwargs):
    raise Http404


def convocation_pdf(request, *args, **kwargs):
    raise Http404


def decision_act(request, *args, **kwargs):
    raise Http404


def decision_detail(request, *args, **kwargs):
    raise Http404


def decision_list(request, *args, **kwargs):
    raise Http404


def item_act(request, *args, **kwargs):
    raise Http404


def item_detail(request, *args, **kwargs):
    raise Http404


def item_document(request, *args, **kwargs):
    raise Http404


def member_create(request, *args, **kwargs):
    raise Http404


def member_detail(request, *args, **kwargs):
    raise Http404


def member_list(request, *args, **kwargs):
    raise Http404


def petition_act(request, *args, **kwargs):
    raise Http404


def petition_counter(request, *args, **kwargs):
    raise Http404


def petition_detail(request, *args, **kwargs):
    raise Http404


def petition_list(request, *args, **kwargs):
    raise Http404


def request_act(request, *args, **kwargs):
    raise Http404


def request_create(request, *args, **kwargs):
    raise Http404


def request_detail(request, *args, **kwargs):
    raise Http404


def request_list(request, *args, **kwargs):
    raise Http404


def session_act(request, *args, **kwargs):
    raise Http404


def session_create(request, *args, **kwargs):
    raise Http404


def session_detail(request, *args, **kwargs):
    raise Http404


def session_list(request, *args, **kwargs):
    raise Http404


def sitting_act(request, *args, **kwargs):
    raise Http404


def sitting_detail(request, *args, **kwargs):
    raise Http404


def sitting_minutes(request, *args, **kwargs):
    raise Http404
