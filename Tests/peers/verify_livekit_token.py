#!/usr/bin/env python3
"""Verify a LiveKit access token with the real livekit-api TokenVerifier.

Usage: verify_livekit_token.py --api-key K --api-secret S TOKEN

Exit 0 and print the verified claims as JSON on stdout; exit 1 with the error on stderr when
verification fails (bad signature, expired, not yet valid, wrong issuer, malformed claims).

Output: every field of livekit.api.Claims in snake_case (identity, name, kind, metadata,
attributes, sha256, room_preset, video, sip, inference, observability, agent, agent_endpoint,
agent_thread, room_config). Grants are dataclasses and print all their fields, defaults included;
room_config is protobuf and prints in the proto JSON mapping with proto field names (agents[].
agent_name, ...), fields left at their default omitted. "payload" holds the token's JSON payload
as sent (camelCase names, iss/sub/nbf/exp), read only after the signature checked out.
"""

import argparse
import dataclasses
import json
import sys
import warnings

import jwt
from google.protobuf.json_format import MessageToDict
from google.protobuf.message import Message
from livekit.api import TokenVerifier


def jsonable(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Message):
        return MessageToDict(value, preserving_proto_field_name=True)
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--api-key", required=True)
    parser.add_argument("--api-secret", required=True)
    parser.add_argument("token")
    args = parser.parse_args()

    # Test secrets are often shorter than 32 bytes; PyJWT only warns about that.
    warnings.simplefilter("ignore", jwt.InsecureKeyLengthWarning)
    try:
        claims = TokenVerifier(args.api_key, args.api_secret).verify(args.token)
        out = jsonable(claims)
        out["payload"] = jwt.decode(args.token, options={"verify_signature": False})
    except Exception as error:  # any failure to verify or to parse the claims is a rejection
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return 1
    json.dump(out, sys.stdout, indent=2, sort_keys=True)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
