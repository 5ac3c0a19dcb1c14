"""Roles, memberships, the policy registry and the one authorize()."""
