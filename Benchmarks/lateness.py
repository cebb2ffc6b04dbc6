"""Quantiles of a Prometheus duration histogram in a /metrics dump, in milliseconds.

    python3 Benchmarks/lateness.py metrics.txt parley_rtp_send_lateness   # prints JSON
"""
import json
import re
import sys


def quantiles(path, name, qs=(0.5, 0.99, 0.999)):
    """The upper bound of the bucket holding each quantile (None past the last finite bucket)."""
    buckets, count = [], 0.0
    for line in open(path):
        m = re.match(name + r'_bucket\{le="([^"]+)"\} (\S+)', line)
        if m:
            buckets.append((float("inf") if m[1] == "+Inf" else float(m[1]), float(m[2])))
        m = re.match(name + r"_count (\S+)", line)
        if m:
            count = float(m[1])
    result = {"count": int(count)}
    for q in qs:
        bound = next((b for b, c in buckets if c >= q * count), None) if count else None
        result[f"p{q * 100:g}"] = None if bound in (None, float("inf")) else round(bound * 1000, 3)
    return result


if __name__ == "__main__":
    print(json.dumps(quantiles(sys.argv[1], sys.argv[2])))
