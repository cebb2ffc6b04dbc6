"""Prints the X-Twilio-Signature the real `twilio` package computes for a request.

    twilio_signature.py AUTH_TOKEN URL 'NAME=VALUE&…'   (the POST body, form-encoded)
"""
import sys
from urllib.parse import parse_qsl

from twilio.request_validator import RequestValidator

token, url, body = sys.argv[1:4]
print(RequestValidator(token).compute_signature(url, dict(parse_qsl(body, keep_blank_values=True))))
