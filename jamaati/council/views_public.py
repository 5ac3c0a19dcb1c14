"""Placeholder: being written."""

from django.http import Http404


class DecisionFeed:
    def __call__(self, request, *args, **kwargs):
        raise Http404


def council_home(request, *args, **kwargs):
    raise Http404


def decision_detail(request, *args, **kwargs):
    raise Http404


def decision_list(request, *args, **kwargs):
    raise Http404


def item_document(request, *args, **kwargs):
    raise Http404


def member_detail(request, *args, **kwargs):
    raise Http404


def petition_file(request, *args, **kwargs):
    raise Http404


def petition_receipt(request, *args, **kwargs):
    raise Http404


def petition_receipt_pdf(request, *args, **kwargs):
    raise Http404


def session_detail(request, *args, **kwargs):
    raise Http404
