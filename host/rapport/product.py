"""One source of truth for the product's identity: name, version, host name, extension identity.

build.py renders every manifest from these values; the host checks callers against them.
"""

from __future__ import annotations

import base64
import hashlib

NAME = "Rapport"
VERSION = "0.1.0"
DESCRIPTION = (
    "Coaches your LinkedIn and X posts and messages away from pitches and broadcast, as you type. Local only."
)
HOST_NAME = "org.rapport.host"  # native-messaging host name: lowercase, dots and underscores only
GECKO_ID = "rapport@rapport.org"
PROTOCOL_VERSION = 1

# Public half of the extension's signing key (base64 DER). It fixes the Chrome extension ID; the private half
# is not needed for unpacked or store builds and is not kept.
EXTENSION_KEY = (
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA26RtjBn/cReO+AXkKn63H9HzFUCzz+gPUrgm/pXXGxk6x+YITTGw272W1M1j1Z6t"
    "chhk3rRddIICbfIAym7uNQgOp7fAdumUqHVDcs3Ut0Ugo+HGcpEpLxctofGBDCvULf8EuYruU3SuHIN090qzvWzAvML9CENg1Cjib8mDJpqI"
    "hXrOEgNrP0uuB62vSl3iyzYZB5iaSn+H+FLVZwxNw2iI+ErfMBnwSzy0w03JTPq0wXpzc8/qCwFCSZJ0jZ3ZRi/kzObF7D/1axcCyrVEPYb+"
    "4DV6OU38jW6LJH5xjqmY8LiJ6WQxIP6ZFc/kaz0kLh5oTrPf9zJCXmkEP68Y2QIDAQAB"
)


def extension_id(key_b64: str = EXTENSION_KEY) -> str:
    """Chrome's extension ID for a manifest `key`: sha256 of the DER key, 32 hex digits mapped 0-f -> a-p."""
    digest = hashlib.sha256(base64.b64decode(key_b64)).hexdigest()[:32]
    return "".join(chr(ord("a") + int(c, 16)) for c in digest)


EXTENSION_ID = extension_id()
CHROME_ORIGIN = f"chrome-extension://{EXTENSION_ID}/"
