"""The cross-tenant probe: an agent of commune A asks for commune B's objects everywhere.

Routes are discovered, not listed: every Django URL pattern and every API operation of the
OpenAPI document. A new view or operation is probed without editing this file; one whose
object arguments this file cannot map fails loudly, asking for a factory.
"""

import importlib
import pkgutil
import re

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import jamaati
from jamaati.accounts.tests.factories import StaffFactory
from jamaati.core.access.roles import Role

pytestmark = pytest.mark.django_db

# URL arguments that name objects (others, like a reset token, are not tenant objects).
OBJECT_ARG = re.compile(r"^(code|pk|id|[a-z_]+_id)$")
# Namespaces open to everyone by design: the public directory and pages.
PUBLIC_NAMESPACES = {"public"}
# API path segments that name their model otherwise than by its plural.
API_SEGMENT_MODELS = {"requests": "informationrequest"}


def _walk(patterns, namespaces=(), prefix=""):
    """(namespaces, pattern, full route) for every named URL pattern."""
    for p in patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            ns = (*namespaces, p.namespace) if p.namespace else namespaces
            yield from _walk(p.url_patterns, ns, route)
        elif isinstance(p, URLPattern) and p.name:
            yield namespaces, p, route


def _arguments(route):
    """The argument names of a route string (`<str:code>` -> `code`)."""
    return re.findall(r"<(?:\w+:)?(\w+)>", route)


def _object_routes():
    """(namespaces, url name, [argument names]) for every route whose arguments name objects."""
    routes = []
    for namespaces, pattern, route in _walk(get_resolver().url_patterns):
        args = _arguments(route)
        if any(OBJECT_ARG.match(a) for a in args):
            routes.append((namespaces, ":".join((*namespaces, pattern.name)), args))
    return routes


def _factory_for(model_name):
    """The `<Model>Factory` of any app's tests/factories.py."""
    target = f"{model_name.lower()}factory"
    for module_info in pkgutil.iter_modules(jamaati.__path__):
        try:
            module = importlib.import_module(f"jamaati.{module_info.name}.tests.factories")
        except ModuleNotFoundError:
            continue
        for attr in dir(module):
            if attr.lower() == target:
                return getattr(module, attr)
    raise AssertionError(f"no factory for model {model_name!r}: add {model_name}Factory")


def _model_for(route_name, arg):
    """The model an object argument refers to: `<model>_id`, or `pk` in a `<model>-...` route."""
    if arg.endswith("_id"):
        model_name = arg.removesuffix("_id")
    else:
        model_name = route_name.split(":")[-1].split("-")[0]
    for model in apps.get_models():
        if model._meta.model_name == model_name.replace("_", ""):
            return model
    raise AssertionError(f"route {route_name}: cannot tell which model {arg!r} names")


def _b_object(route_name, arg, commune_b):
    model = _model_for(route_name, arg)
    return _factory_for(model.__name__)(collectivity=commune_b)


@pytest.fixture
def agent_a(commune_a):
    return StaffFactory(collectivity=commune_a, role=Role.COLLECTIVITY_ADMIN)


def test_every_object_route_is_public_back_office_or_api():
    for namespaces, name, _args in _object_routes():
        assert set(namespaces) & (PUBLIC_NAMESPACES | {"bo", "api"}), (
            f"route {name} takes an object but is neither public, back office nor API"
        )


def test_back_office_routes_of_another_commune_answer_404(staff_client, agent_a, commune_b):
    client = staff_client(agent_a)
    probed = 0
    for namespaces, name, args in _object_routes():
        if "bo" not in namespaces:
            continue
        kwargs = {
            a: commune_b.code if a == "code" else _b_object(name, a, commune_b).pk for a in args
        }
        url = reverse(name, kwargs=kwargs)
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 404, f"{method.__name__.upper()} {url}"
        probed += 1
    assert probed >= 1


def test_back_office_objects_of_another_commune_answer_404_under_own_code(
    staff_client, agent_a, commune_a, commune_b
):
    client = staff_client(agent_a)
    for namespaces, name, args in _object_routes():
        if "bo" not in namespaces or args == ["code"]:
            continue
        kwargs = {
            a: commune_a.code if a == "code" else _b_object(name, a, commune_b).pk for a in args
        }
        url = reverse(name, kwargs=kwargs)
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 404, f"{method.__name__.upper()} {url}"


def test_api_operations_on_another_communes_objects_answer_404(client, agent_a, commune_b):
    from jamaati.accounts.services import token_create

    _token, secret = token_create(actor=agent_a, user=agent_a, name="probe")
    schema = client.get("/api/v1/openapi.json").json()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    for path, operations in schema["paths"].items():
        params = re.findall(r"{(\w+)}", path)
        for method, operation in operations.items():
            if not params or not operation.get("security"):
                continue  # public operations and those without object arguments
            values = {}
            for p in params:
                if p == "code":
                    values[p] = commune_b.code
                else:
                    segment = path.split("{" + p + "}")[0].rstrip("/").split("/")[-1]
                    model = API_SEGMENT_MODELS.get(segment, segment.rstrip("s"))
                    obj = _b_object(f"api:{model}-x", p, commune_b)
                    # `{number}` names an object by its public number, anything else by pk.
                    values[p] = obj.number if p == "number" else obj.pk
            url = path.format(**values)
            response = getattr(client, method)(url, content_type="application/json", **auth)
            assert response.status_code == 404, f"{method.upper()} {url}: {response.status_code}"
