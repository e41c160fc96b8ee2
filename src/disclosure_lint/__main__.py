"""Entry point. ``--version`` is answered before anything heavy is imported."""

from __future__ import annotations

import sys


def main() -> None:
    args = sys.argv[1:]
    if args in (["--version"], ["-V"]):
        from ._version import __version__

        sys.stdout.write(f"disclosure-lint {__version__}\n")
        raise SystemExit(0)
    import click

    from .cli import main as cli_main

    try:
        # Not click's standalone mode: it turns Ctrl-C into "Aborted!" and exit code 1, which
        # reads as "findings".
        code = cli_main.main(standalone_mode=False)
    except click.ClickException as exc:  # a usage error: shown as click shows it, exit 2
        exc.show()
        raise SystemExit(exc.exit_code) from None
    except (KeyboardInterrupt, click.Abort):
        sys.stderr.write("disclosure-lint: interrupted\n")
        raise SystemExit(130) from None
    except BrokenPipeError:
        # The reader of our output went away (`| head`): stop quietly, as Unix tools do.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(1) from None
    raise SystemExit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
