"""The command line: ``disclosure-lint [OPTIONS] [PATH]...``.

Exit codes: 0 no finding at or above --fail-on; 1 findings; 2 usage, config or input error
(an unreadable file, an internal error in a rule)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from ._version import __version__

FORMATS = ("text", "json")
SEVERITIES = ("error", "warning", "info")


def _split(values: tuple[str, ...]) -> list[str] | None:
    if not values:
        return None
    out = [v.strip() for value in values for v in value.split(",") if v.strip()]
    return out


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    raise SystemExit(2)


@click.command(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True, file_okay=True, path_type=str))
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("--select", multiple=True, metavar="RULES",
              help="Rules to run, by code, code prefix or name (comma-separated); replaces the configured set.")
@click.option("--extend-select", multiple=True, metavar="RULES", help="Rules to add to the selection.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Rules to leave out.")
@click.option("--profile", metavar="PROFILE",
              help="Force a document profile (annual-report-2021, annual-report-2007, work-summary, event-summary, "
                   "generic) instead of detecting it; 'auto' detects.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=str),
              help="Config file (default: the nearest .disclosure-lint.toml or pyproject.toml with "
                   "[tool.disclosure-lint] above each file).")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default=None,
              help="Lowest severity that makes the exit code 1 [default: warning].")
@click.option("--previous", metavar="PATH",
              help="Last year's report, for the cross-year rules; may contain {prev} (this path with each year minus one).")
@click.option("--encoding", metavar="NAME", help="Decode input with this encoding instead of detecting it.")
@click.option("--stdin-filename", metavar="PATH", help="The file name to report for input read from '-'.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes to lint files in parallel [default: the CPU count from 16 files on, else 1].")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
@click.option("-v", "--verbose", is_flag=True, help="Also print each document's title and profile, and tracebacks.")
@click.option("--no-color", is_flag=True, help="Plain output even on a terminal.")
@click.option("--list-rules", is_flag=True, help="List every rule and exit.")
@click.option("--explain", metavar="RULE", help="Show a rule's documentation (by code or name) and exit.")
@click.version_option(__version__, "-V", "--version", prog_name="disclosure-lint", message="%(prog)s %(version)s")
def main(paths: tuple[str, ...], output_format: str, select: tuple[str, ...], extend_select: tuple[str, ...],
         ignore: tuple[str, ...], profile: str | None, config_path: str | None, fail_on: str | None,
         previous: str | None, encoding: str | None, stdin_filename: str | None, jobs: int | None, exit_zero: bool,
         quiet: bool,
         verbose: bool, no_color: bool, list_rules: bool, explain: str | None) -> None:
    """Check Chinese government information disclosure documents (年度报告, 工作总结, 活动总结).

    PATHS are files or folders (searched recursively for *.txt and *.md); '-' reads standard
    input. With no PATH, the current folder is checked.
    """
    from . import registry

    if list_rules or explain:
        _docs(list_rules, explain, output_format)
        return

    from .discovery import apply_overrides, discover_settings
    from .data import PackError
    from .engine import FileError, iter_files
    from .profiles import profile_ids

    if encoding:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            _fail(f"unknown encoding {encoding!r}")
    try:
        if profile is not None and profile != "auto" and profile not in profile_ids():
            _fail(f"unknown profile {profile!r} (one of: auto, {', '.join(profile_ids())})")
        fixed = None
        if config_path is not None:
            from .config import load_config_file, settings_from_config

            cfg, root = load_config_file(Path(config_path))
            fixed = settings_from_config(cfg, root, Path(config_path))
        overrides: dict[str, Any] = {
            "select": _split(select), "extend_select": _split(extend_select), "ignore": _split(ignore),
            "profile": profile, "fail_on": fail_on, "encoding": encoding, "previous": previous,
        }
        for sel in (overrides["select"] or []) + (overrides["extend_select"] or []) + (overrides["ignore"] or []):
            registry.resolve(sel)
    except (PackError, registry.SelectorError) as exc:
        _fail(str(exc))
    except Exception as exc:  # ConfigError, without importing pydantic to name it
        if type(exc).__name__ != "ConfigError":
            raise
        _fail(str(exc))

    def settings_for(path: Path) -> Any:
        base = fixed if fixed is not None else discover_settings(path)
        return apply_overrides(base, **overrides)

    targets = list(paths) or ["."]
    errors: list[FileError] = []
    tasks: list[tuple[str, Any]] = []
    stdin_task: tuple[str, Any] | None = None
    try:
        for target in targets:
            if target == "-":
                stdin_task = (stdin_filename or "-",
                              settings_for(Path(stdin_filename) if stdin_filename else Path.cwd()))
                continue
            if not os.path.exists(target):
                errors.append(FileError(target, "no such file or folder"))
                continue
            base = settings_for(Path(target))
            for path in iter_files([target], base, errors):
                tasks.append((path, settings_for(Path(path)) if fixed is None else base))
    except PackError as exc:
        _fail(str(exc))
    except Exception as exc:
        if type(exc).__name__ != "ConfigError":
            raise
        _fail(str(exc))

    from . import batch

    use_rich = (output_format == "text" and not no_color and not os.environ.get("NO_COLOR")
                and sys.stdout.isatty() and not quiet)
    n_jobs = jobs if jobs is not None else batch.default_jobs(len(tasks))
    results = []
    if stdin_task is not None:
        results.append(batch.lint_one(stdin_task[0], stdin_task[1], data=sys.stdin.buffer.read(),
                                      keep_source=use_rich))
    with _progress(len(tasks), enabled=not quiet and sys.stderr.isatty()) as tick:
        results.extend(batch.run(tasks, n_jobs, keep_sources=use_rich, on_done=tick))

    findings = []
    sources: dict[str, Any] = {}
    for r in results:
        if r.error is not None:
            errors.append(FileError(r.path, r.error))
            if verbose and r.detail:
                click.echo(r.detail, err=True)
            continue
        findings.extend(r.findings)
        if r.source is not None:
            sources[r.path] = r.source
        if verbose:
            for d in r.documents:
                click.echo(f"{r.path}: document {d.index} (line {d.line}) “{d.title}”: profile {d.profile}", err=True)
    files = len(results)
    fail_rank = {path: st.fail_on.rank for path, st in tasks}
    if stdin_task is not None:
        fail_rank[stdin_task[0]] = stdin_task[1].fail_on.rank

    findings.sort(key=lambda f: f.sort_key())
    _report(findings, sources, files, output_format, quiet, use_rich)
    for err in errors:
        click.echo(str(err), err=True)

    from .engine import INTERNAL_ERROR_CODE
    from .finding import Severity

    default_rank = Severity(fail_on or "warning").rank
    if errors or any(f.code == INTERNAL_ERROR_CODE for f in findings):
        raise SystemExit(2)
    if not exit_zero and any(f.severity.rank >= fail_rank.get(f.path, default_rank) for f in findings):
        raise SystemExit(1)


class _progress:
    """A rich progress bar on stderr for runs that last more than about a second."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled = total, enabled and total > 1
        self.bar: Any = None
        self.task: Any = None
        self.done = 0

    def __enter__(self) -> Any:
        import time

        self.t0 = time.monotonic()
        return self.tick

    def tick(self, _: object) -> None:
        self.done += 1
        if not self.enabled:
            return
        if self.bar is None:
            import time

            if time.monotonic() - self.t0 < 1.0:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

            self.bar = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                                TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("linting", total=self.total, completed=self.done)
            return
        self.bar.update(self.task, completed=self.done)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _report(findings: list, sources: dict, files: int, output_format: str, quiet: bool, use_rich: bool) -> None:
    if output_format == "json":
        from .output import json as json_out

        json_out.write(sys.stdout, findings)
        return
    from .output import text

    if use_rich:
        from rich.console import Console

        from .output import pretty

        pretty.write(Console(), findings, sources, files)
        return
    text.write(sys.stdout, findings)
    if not quiet:
        sys.stdout.write(text.summary(findings, files) + "\n")


def _docs(list_rules: bool, explain: str | None, output_format: str) -> None:
    import json

    from . import registry
    from .docs import explain as explain_text
    from .docs import explain_dict, rules_table

    if explain:
        try:
            rule = registry.get(explain)
        except registry.SelectorError as exc:
            _fail(str(exc))
        if output_format == "json":
            click.echo(json.dumps(explain_dict(rule), ensure_ascii=False, indent=2))
        else:
            click.echo(explain_text(rule), nl=False)
        return
    rules = registry.all_rules()
    if output_format == "json":
        click.echo(json.dumps([explain_dict(r) for r in rules], ensure_ascii=False, indent=2))
    else:
        click.echo(rules_table(rules), nl=False)
