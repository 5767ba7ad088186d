"""Settings for the benchmark's servers only: Lantern's own, plus one trivial URL.

The trivial view is the yardstick each page is measured against on the same server in the same
run, so the figures say what a page costs beyond the server and Django's middleware, whatever
else the machine is doing. It lives here, never in the product's URLs.
"""

from community.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
