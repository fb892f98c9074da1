"""A pysaml2 service provider, configured from an identity provider's metadata, reading one SAML response.

Usage: pysaml2_sp.py METADATA_FILE SP_ENTITY_ID ACS_URL RESPONSE_XML_FILE

Prints one JSON object: what the service provider accepted (issuer, NameID and its format, the attributes, the
authentication context), or {"refused": "<exception type>: <message>"} when pysaml2 refused the response, with exit
code 3. Used by dev.gatehouse.idp.Pysaml2InteropTest; run by Debian's /usr/bin/python3 (python3-pysaml2).
"""
import base64
import json
import sys

from saml2 import BINDING_HTTP_POST
from saml2.client import Saml2Client
from saml2.config import SPConfig

metadata_file, entity_id, acs_url, response_file = sys.argv[1:5]

config = SPConfig()
config.load({
    "entityid": entity_id,
    "metadata": {"local": [metadata_file]},
    "xmlsec_binary": "/usr/bin/xmlsec1",
    "allow_unknown_attributes": True,
    "service": {
        "sp": {
            "endpoints": {"assertion_consumer_service": [(acs_url, BINDING_HTTP_POST)]},
            "allow_unsolicited": True,  # IdP-initiated: no AuthnRequest of ours to answer
            "want_assertions_signed": True,
            "want_response_signed": False,
            "authn_requests_signed": False,
        }
    },
})
client = Saml2Client(config)

with open(response_file, "rb") as f:
    encoded = base64.b64encode(f.read()).decode("ascii")

try:
    response = client.parse_authn_request_response(encoded, BINDING_HTTP_POST)
    if response is None:
        raise ValueError("pysaml2 returned no response")
except Exception as e:  # reported to the test, which asserts on it
    print(json.dumps({"refused": type(e).__name__ + ": " + str(e)}))
    sys.exit(3)

print(json.dumps({
    "issuer": response.issuer(),
    "name_id": response.name_id.text,
    "name_id_format": response.name_id.format,
    "attributes": response.get_identity(),
    "authn_context": [info[0] for info in response.authn_info()],
    "signature_checked": response.assertion.signature is not None,
}))
