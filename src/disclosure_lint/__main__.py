"""Entry point. ``--version`` is answered before anything heavy is imported."""

from __future__ import annotations

import sys


def main() -> None:
    args = sys.argv[1:]
    if args in (["--version"], ["-V"]):
        from ._version import __version__

        sys.stdout.write(f"disclosure-lint {__version__}\n")
        raise SystemExit(0)
    from .cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
