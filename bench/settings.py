"""Settings for the benchmark's servers only: Lantern's own, plus one trivial URL.

The trivial view is the yardstick each page is measured against on the same server in the same
run, so the figures say what a page costs beyond the server and Django's middleware, whatever
else the machine is doing. It lives here, never in the product's URLs.

`BENCH_STOCK_CHANNEL_LAYER=1` swaps Lantern's channel layer settings for the Channels
tutorial's (Channels' in-memory layer, or channels_redis' core layer with REDIS_URL, both with
their default capacity and expiry): the layer the bare chat consumer (bench/bare_consumer.py)
is measured on as the reference in bench/chat_fanout.py.
"""

from community.settings import *  # noqa: F403
from community.settings import REDIS_URL, env

ROOT_URLCONF = "bench.urls"

if env.bool("BENCH_STOCK_CHANNEL_LAYER", default=False):
    CHANNEL_LAYERS = {
        "default": (
            {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [REDIS_URL]}}
            if REDIS_URL
            else {"BACKEND": "channels.layers.InMemoryChannelLayer"}
        )
    }
