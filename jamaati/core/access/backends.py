"""An auth backend so that user.has_perm(action, obj), template `perms` and the admin agree
with authorize()."""

from jamaati.core.access.policies import is_allowed


class PolicyBackend:
    """Answers permission checks from the policy registry; authenticates nobody."""

    def authenticate(self, request, **credentials):
        return None

    def get_user(self, user_id):
        return None

    def has_perm(self, user_obj, perm: str, obj=None) -> bool:
        return is_allowed(user_obj, perm, obj)
