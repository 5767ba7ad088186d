"""`python -m community.serve [daphne options] community.asgi:application`: daphne, whose
access log holds no client address (community.access_log). Takes every option daphne does."""

from daphne.cli import CommandLineInterface

from community.access_log import AddresslessServer


class LanternCommandLine(CommandLineInterface):
    # daphne's documented extension point: the class it builds the server from.
    server_class = AddresslessServer


if __name__ == "__main__":
    LanternCommandLine.entrypoint()
