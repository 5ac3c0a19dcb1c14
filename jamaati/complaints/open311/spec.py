"""The field names of Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2), as data.

The renderers and the tests read these lists, so an answer can never carry a field the
specification does not name, nor miss one it does. `LIST_ITEMS` names the XML child element
of each list (`<services><service>`, `<attributes><attribute>`, ...).
"""

SPECIFICATION_URL = "https://wiki.open311.org/GeoReport_v2"
FORMATS = ("json", "xml")

SERVICE_FIELDS = (
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
)

SERVICE_DEFINITION_FIELDS = ("service_code", "attributes")
ATTRIBUTE_FIELDS = (
    "variable",
    "code",
    "datatype",
    "required",
    "datatype_description",
    "order",
    "description",
    "values",
)
ATTRIBUTE_VALUE_FIELDS = ("key", "name")

# POST requests: the arguments a client may send (attribute[<code>] besides).
POST_ARGUMENTS = (
    "jurisdiction_id",
    "service_code",
    "lat",
    "long",
    "address_string",
    "address_id",
    "email",
    "device_id",
    "account_id",
    "first_name",
    "last_name",
    "phone",
    "description",
    "media_url",
    "api_key",
)
POST_RESPONSE_FIELDS = ("service_request_id", "token", "service_notice", "account_id")
TOKEN_RESPONSE_FIELDS = ("service_request_id", "token")

REQUEST_FIELDS = (
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
)
REQUEST_FILTERS = ("service_request_id", "service_code", "start_date", "end_date", "status")
STATUSES = ("open", "closed")

ERROR_FIELDS = ("code", "description")

DISCOVERY_FIELDS = ("changeset", "contact", "key_service", "endpoints")
ENDPOINT_FIELDS = ("specification", "url", "changeset", "type", "formats")

# XML roots of each answer, and the element of each item of a list.
ROOT_SERVICES = "services"
ROOT_SERVICE_DEFINITION = "service_definition"
ROOT_REQUESTS = "service_requests"
ROOT_ERRORS = "errors"
ROOT_DISCOVERY = "discovery"
LIST_ITEMS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}
