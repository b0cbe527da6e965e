"""The ``llmcost`` command that ``pip install`` puts on the PATH: the same
command line as the binary, run by the extension module."""

import sys

from . import _llmcost


def main() -> None:
    sys.stdout.flush()
    sys.exit(_llmcost.main(["llmcost", *sys.argv[1:]]))


if __name__ == "__main__":
    main()
