"""The assembled API at /api/v1/ (OpenAPI at /api/v1/openapi.json); each app adds a router."""

from ninja import NinjaAPI

from jamaati.accounts.api import router as accounts_router
from jamaati.api.collectivities import router as collectivities_router
from jamaati.api.errors import install_error_handlers
from jamaati.cases.api import router as cases_router
from jamaati.catalogue.api import router as catalogue_router
from jamaati.complaints.api import router as complaints_router
from jamaati.council.api import router as council_router
from jamaati.information.api import router as information_router
from jamaati.transparency.api import router as transparency_router

api = NinjaAPI(
    title="Jamaati API",
    version="1",
    description="Public and staff API of Jamaati, the platform of Morocco's collectivities.",
    urls_namespace="api",
    docs_url="/docs",
)
install_error_handlers(api)
api.add_router("/collectivities", collectivities_router, tags=["territory"])
api.add_router("/me", accounts_router, tags=["accounts"])
api.add_router("/procedures", catalogue_router, tags=["catalogue"])
api.add_router("/cases", cases_router, tags=["cases"])
api.add_router("/complaints", complaints_router, tags=["complaints"])
api.add_router("/information", information_router, tags=["information"])
api.add_router("/publications", transparency_router, tags=["transparency"])
api.add_router("/collectivities", council_router, tags=["council"])
