"""The council's open data: placeholder, being written."""

from ninja import Router

router = Router()
