"""Notifications of the council: placeholder, being written."""
