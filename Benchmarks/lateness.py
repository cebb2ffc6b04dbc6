"""Quantiles of a Prometheus duration histogram in a /metrics dump, in milliseconds; with a
second, earlier dump, of what was recorded between the two (a steady window).

    python3 Benchmarks/lateness.py metrics.txt parley_rtp_send_lateness [earlier.txt]   # prints JSON
"""
import json
import re
import sys


def histogram(path, name):
    """The cumulative buckets (upper bound, count) and the total count of `name` in a dump."""
    buckets, count = [], 0.0
    for line in open(path):
        m = re.match(name + r'_bucket\{le="([^"]+)"\} (\S+)', line)
        if m:
            buckets.append((float("inf") if m[1] == "+Inf" else float(m[1]), float(m[2])))
        m = re.match(name + r"_count (\S+)", line)
        if m:
            count = float(m[1])
    return buckets, count


def quantiles(path, name, qs=(0.5, 0.99, 0.999), since=None):
    """The upper bound of the bucket holding each quantile (None past the last finite bucket)."""
    buckets, count = histogram(path, name)
    if since:
        earlier, earlier_count = histogram(since, name)
        before = dict(earlier)
        buckets = [(bound, c - before.get(bound, 0.0)) for bound, c in buckets]
        count -= earlier_count
    result = {"count": int(count)}
    for q in qs:
        bound = next((b for b, c in buckets if c >= q * count), None) if count else None
        result[f"p{q * 100:g}"] = None if bound in (None, float("inf")) else round(bound * 1000, 3)
    return result


if __name__ == "__main__":
    print(json.dumps(quantiles(sys.argv[1], sys.argv[2], since=sys.argv[3] if len(sys.argv) > 3 else None)))
