"""Values every export can hold: finite numbers for JSON, XML-1.0 characters for XML.

Validation refuses NaN, infinities and characters XML 1.0 forbids at input; an exporter must
still never write an invalid file when handed a graph built some other way, so:

* :func:`finite` replaces ``NaN`` and ``±Infinity`` (anywhere in nested lists and maps) with
  ``None``, which JSON writes as ``null`` — JSON has no spelling for them;
* :func:`xml_text` replaces each character XML 1.0 forbids (C0 controls other than tab, line
  feed and carriage return, lone surrogates, U+FFFE and U+FFFF) with U+FFFD, the replacement
  character: XML has no escape for them, not even ``&#xFFFF;``.

>>> finite({"v": [1.0, float("nan"), float("inf")]})
{'v': [1.0, None, None]}
>>> xml_text("a\\uffffb\\x00c")
'a\\ufffdb\\ufffdc'
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"


def finite(value: Any) -> Any:
    """``value`` with every non-finite float replaced by ``None`` (containers copied)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    return value


def xml_text(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold replaced by U+FFFD."""
    return _XML_FORBIDDEN.sub(REPLACEMENT, text)


def xml_value(value: Any) -> Any:
    """An attribute value ready for XML: strings cleaned, non-finite floats as ``None``."""
    if isinstance(value, str):
        return xml_text(value)
    return finite(value)


def dumps_json(value: Any, **kwargs: Any) -> str:
    """``json.dumps`` that cannot write ``NaN`` or ``Infinity`` (they become ``null``)."""
    return json.dumps(finite(value), allow_nan=False, **kwargs)
