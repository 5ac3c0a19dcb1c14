"""The files a collectivity may publish: PDF, PNG and JPEG (checked by content through
`jamaati.core.uploads`) and CSV (checked here: UTF-8 text, no control characters, a
delimiter on the first line)."""

import hashlib
import re

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from jamaati.core.uploads import ALLOWED_TYPES, CheckedFile, check_upload

CSV_TYPE = "text/csv"
PUBLICATION_TYPES = {**ALLOWED_TYPES, CSV_TYPE: "CSV"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _as_csv(upload: UploadedFile, name: str) -> CheckedFile | None:
    """The upload as a CSV file, or None when it is not one."""
    if not name.lower().endswith(".csv"):
        return None
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    first_line = text.split("\n", 1)[0]
    if _CONTROL.search(text) or not any(d in first_line for d in ",;\t"):
        return None
    return CheckedFile(upload, CSV_TYPE, len(data), hashlib.sha256(data).hexdigest(), name)


def check_publication_file(upload: UploadedFile) -> CheckedFile:
    """The file with its type (by content), size and SHA-256; ValidationError when it is
    empty, too large, or not a PDF, PNG, JPEG or CSV file."""
    name = (upload.name or "document")[-200:]
    try:
        return check_upload(upload, allowed=ALLOWED_TYPES)
    except ValidationError as error:
        if getattr(error, "code", "") != "wrong_type":
            raise
        checked = _as_csv(upload, name)
        if checked is None:
            raise ValidationError(
                _("The file “%(name)s” is not a PDF, CSV, JPEG or PNG file."),
                code="wrong_type",
                params={"name": name},
            ) from None
        return checked
